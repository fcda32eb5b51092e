//! Which fields of an operation's response `expand` may name, as Stripe's dotted paths: the
//! fields a schema lists in `x-expandableFields` and those that hold an ID or its object
//! (`Expandable`), then theirs inside the sub-objects they hold (`verified_outputs.dob`); a list
//! page's are `data` and its items' under `data.` (`data.last_verification_report`). An expanded
//! resource's own fields are not followed (they are another resource's), so the table stays the
//! size of the schemas. Recorded in the IR for the validation table, so a server built from it
//! refuses any other path as Stripe does.

use crate::ir::{TypeId, TypeKind, TypeRef, Types};

/// The expandable paths of `response`, sorted.
pub(super) fn expandable_paths(types: &Types, response: &TypeRef) -> Vec<String> {
    paths(types, response, Which::Expandable)
}

/// The paths of `response` that are present only when expanded, sorted: the expandable ones that
/// are not required but nullable (absent unless expanded, `null` when expanded and empty) and not
/// an ID-or-object field: Stripe's "includable" fields, such as a session's `verified_outputs`
/// (the API reference marks exactly these "Expandable").
pub(super) fn includable_paths(types: &Types, response: &TypeRef) -> Vec<String> {
    paths(types, response, Which::Includable)
}

/// Which paths a walk collects.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Which {
    Expandable,
    Includable,
}

fn paths(types: &Types, response: &TypeRef, which: Which) -> Vec<String> {
    let mut paths = Vec::new();
    collect(types, response, "", which, &mut Vec::new(), &mut paths);
    paths.sort();
    paths.dedup();
    paths
}

/// Adds the paths of `ty` under `prefix`; `visiting` holds the types on the current path, so a
/// recursive schema ends.
fn collect<'t>(
    types: &'t Types,
    ty: &'t TypeRef,
    prefix: &str,
    which: Which,
    visiting: &mut Vec<TypeId>,
    paths: &mut Vec<String>,
) {
    let name = match ty {
        TypeRef::List(item) => {
            if which == Which::Expandable {
                paths.push(format!("{prefix}data"));
            }
            return collect(types, item, &format!("{prefix}data."), which, visiting, paths);
        }
        // Stripe's paths name a list's items by the list (`total_tax_amounts.tax_rate`).
        TypeRef::Array(item) => return collect(types, item, prefix, which, visiting, paths),
        TypeRef::Named(id) | TypeRef::Boxed(id) => *id,
        _ => return,
    };
    if visiting.contains(&name) {
        return;
    }
    visiting.push(name);
    match types.def(name).map(|def| &def.kind) {
        Some(TypeKind::Struct(def)) => {
            for field in &def.fields {
                let is_reference = matches!(field.ty, TypeRef::Expandable(_));
                if !is_reference && !def.expandable.contains(&field.wire_name) {
                    continue;
                }
                let path = format!("{prefix}{}", field.wire_name);
                if !is_reference {
                    collect(types, &field.ty, &format!("{path}."), which, visiting, paths);
                }
                if which == Which::Expandable || (!is_reference && !field.required && field.nullable) {
                    paths.push(path);
                }
            }
        }
        Some(TypeKind::Alias(target)) => collect(types, target, prefix, which, visiting, paths),
        // A union's paths are those of any of its kinds.
        Some(TypeKind::Union(union)) => {
            for (_, variant) in &union.variants {
                collect(types, variant, prefix, which, visiting, paths);
            }
        }
        _ => {}
    }
    visiting.pop();
}
