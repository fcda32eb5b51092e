//! The comparison itself: two IRs, item by item. A type is matched by its Rust name, or, when the
//! name changed, by the spec node it comes from (the same JSON pointer): that is a rename,
//! reported once, and references through it are compared as if it kept its name, so one renamed
//! type does not show up as a changed type on every field that holds it.

use std::collections::BTreeMap;

use super::{Change, ChangeClass, DiffReport};
use crate::diagnostic::child;
use crate::ir::{Field, Ir, Operation, TypeDef, TypeKind, TypeRef};

/// Every change from `old` to `new`.
pub(super) fn compare(old: &Ir, new: &Ir) -> DiffReport {
    let mut changes = Vec::new();
    let renames = renames(old, new);
    if old.api_version != new.api_version {
        let reason = format!(
            "the pinned API version changes from `{}` to `{}`: requests are sent with the new `Stripe-Version`",
            old.api_version, new.api_version
        );
        let pointer = Some("#/info/version");
        changes.push(change(
            ChangeClass::Breaking,
            "API_VERSION".into(),
            pointer,
            pointer,
            reason,
        ));
    }
    compare_types(old, new, &renames, &mut changes);
    compare_operations(old, new, &renames, &mut changes);
    // Breaking first, then by item: the order a reviewer reads in.
    changes.sort_by(|a, b| {
        b.class
            .cmp(&a.class)
            .then_with(|| a.item.cmp(&b.item))
            .then_with(|| a.reason.cmp(&b.reason))
    });
    changes.dedup();
    DiffReport { changes }
}

/// Old type name -> new name, for types whose spec node is the same but whose name is not.
fn renames(old: &Ir, new: &Ir) -> BTreeMap<String, String> {
    let new_by_pointer: BTreeMap<&str, &str> = new
        .types
        .values()
        .map(|def| (def.pointer.as_str(), def.name.as_str()))
        .collect();
    old.types
        .values()
        .filter(|def| !new.types.contains_key(&def.name))
        .filter_map(|def| {
            let renamed = new_by_pointer.get(def.pointer.as_str())?;
            (!old.types.contains_key(*renamed)).then(|| (def.name.clone(), (*renamed).to_owned()))
        })
        .collect()
}

fn change(class: ChangeClass, item: String, old: Option<&str>, new: Option<&str>, reason: String) -> Change {
    Change {
        class,
        item,
        old_pointer: old.map(str::to_owned),
        new_pointer: new.map(str::to_owned),
        reason,
    }
}

fn compare_types(old: &Ir, new: &Ir, renames: &BTreeMap<String, String>, out: &mut Vec<Change>) {
    for (name, before) in &old.types {
        let after_name = renames.get(name).unwrap_or(name);
        let Some(after) = new.types.get(after_name) else {
            let reason = format!("the type `{name}` is removed");
            out.push(change(
                ChangeClass::Breaking,
                name.clone(),
                Some(&before.pointer),
                None,
                reason,
            ));
            continue;
        };
        if after_name != name {
            let reason = format!("renamed to `{after_name}` (the schema's name changed)");
            out.push(change(
                ChangeClass::Breaking,
                name.clone(),
                Some(&before.pointer),
                Some(&after.pointer),
                reason,
            ));
        }
        compare_type(before, after, renames, out);
    }
    let renamed_to: Vec<&String> = renames.values().collect();
    for (name, after) in &new.types {
        if !old.types.contains_key(name) && !renamed_to.contains(&name) {
            let reason = format!("a new type `{name}`");
            out.push(change(
                ChangeClass::Additive,
                name.clone(),
                None,
                Some(&after.pointer),
                reason,
            ));
        }
    }
}

fn compare_type(
    before: &TypeDef,
    after: &TypeDef,
    renames: &BTreeMap<String, String>,
    out: &mut Vec<Change>,
) {
    let name = &after.name;
    let pointers = (Some(before.pointer.as_str()), Some(after.pointer.as_str()));
    if before.docs != after.docs {
        out.push(change(
            ChangeClass::Docs,
            name.clone(),
            pointers.0,
            pointers.1,
            "its description changed".into(),
        ));
    }
    match (&before.kind, &after.kind) {
        (TypeKind::Struct(a), TypeKind::Struct(b)) => {
            // A field added to a type users build with `new` is a new argument when required.
            let constructed = after.caps.user_built;
            compare_fields(name, &a.fields, &b.fields, constructed, renames, pointers, out);
        }
        (TypeKind::Enum(a), TypeKind::Enum(b)) => {
            for variant in &a.variants {
                if !b.variants.iter().any(|v| v.wire == variant.wire) {
                    let reason = format!("the value `{}` is removed", variant.wire);
                    out.push(change(
                        ChangeClass::Breaking,
                        format!("{name}::{}", variant.rust_name),
                        pointers.0,
                        pointers.1,
                        reason,
                    ));
                }
            }
            for variant in &b.variants {
                if !a.variants.iter().any(|v| v.wire == variant.wire) {
                    let reason = format!("a new value `{}` (the enum is non-exhaustive)", variant.wire);
                    out.push(change(
                        ChangeClass::Additive,
                        format!("{name}::{}", variant.rust_name),
                        pointers.0,
                        pointers.1,
                        reason,
                    ));
                }
            }
        }
        (TypeKind::Union(a), TypeKind::Union(b)) => {
            let names =
                |u: &crate::ir::UnionDef| u.variants.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
            if names(a) != names(b) {
                let reason = format!(
                    "its variants change from [{}] to [{}] (a match on it must change)",
                    names(a).join(", "),
                    names(b).join(", ")
                );
                out.push(change(
                    ChangeClass::Breaking,
                    name.clone(),
                    pointers.0,
                    pointers.1,
                    reason,
                ));
            }
        }
        (TypeKind::Alias(a), TypeKind::Alias(b)) if same_type(a, b, renames) => {}
        (TypeKind::Id, TypeKind::Id) => {}
        (TypeKind::EventPayload(a), TypeKind::EventPayload(b)) => {
            // Variants are matched by the event names they cover (`identity.verification_session.`).
            for variant in &b.variants {
                let item = format!("{name}::{}", variant.name);
                let reason = match a.variants.iter().find(|v| v.prefix == variant.prefix) {
                    None => format!("events `{}…` now decode typed (a new variant)", variant.prefix),
                    Some(old) if old.name != variant.name => {
                        format!("the variant `{}` is renamed to `{}`", old.name, variant.name)
                    }
                    Some(_) => continue,
                };
                out.push(change(
                    ChangeClass::Breaking,
                    item,
                    pointers.0,
                    pointers.1,
                    reason,
                ));
            }
            for variant in &a.variants {
                if !b.variants.iter().any(|v| v.prefix == variant.prefix) {
                    let reason = format!(
                        "events `{}…` now decode as the catch-all (the variant is removed)",
                        variant.prefix
                    );
                    let item = format!("{name}::{}", variant.name);
                    out.push(change(
                        ChangeClass::Breaking,
                        item,
                        pointers.0,
                        pointers.1,
                        reason,
                    ));
                }
            }
        }
        (a, b) => {
            let reason = format!("changes from {} to {}", kind_name(a), kind_name(b));
            out.push(change(
                ChangeClass::Breaking,
                name.clone(),
                pointers.0,
                pointers.1,
                reason,
            ));
        }
    }
}

fn kind_name(kind: &TypeKind) -> &'static str {
    match kind {
        TypeKind::Struct(_) => "a struct",
        TypeKind::Enum(_) => "an enum",
        TypeKind::Alias(_) => "another type's alias",
        TypeKind::Union(_) => "a union",
        TypeKind::Id => "an ID",
        TypeKind::EventPayload(_) => "an event payload",
    }
}

#[allow(clippy::too_many_arguments)] // The two field lists and where they sit.
fn compare_fields(
    owner: &str,
    before: &[Field],
    after: &[Field],
    constructed: bool,
    renames: &BTreeMap<String, String>,
    pointers: (Option<&str>, Option<&str>),
    out: &mut Vec<Change>,
) {
    // A field's pointer is its property's, under each type's own node.
    let at = |pointer: Option<&str>, wire: &str| pointer.map(|p| child(&child(p, "properties"), wire));
    for field in before {
        let item = format!("{owner}::{}", field.rust_name);
        let (old, new) = (at(pointers.0, &field.wire_name), at(pointers.1, &field.wire_name));
        match after.iter().find(|f| f.wire_name == field.wire_name) {
            None => {
                let reason = format!("the field `{}` is removed", field.wire_name);
                out.push(change(ChangeClass::Breaking, item, old.as_deref(), None, reason));
            }
            Some(now) => compare_field(item, field, now, renames, (old.as_deref(), new.as_deref()), out),
        }
    }
    for field in after {
        if before.iter().any(|f| f.wire_name == field.wire_name) {
            continue;
        }
        let new = at(pointers.1, &field.wire_name);
        let pointers = (None, new.as_deref());
        let item = format!("{owner}::{}", field.rust_name);
        let (class, reason) = if constructed && !field.is_optional() {
            (
                ChangeClass::Breaking,
                format!("a new required field `{}`: `new` takes it", field.wire_name),
            )
        } else {
            (
                ChangeClass::Additive,
                format!("a new field `{}`", field.wire_name),
            )
        };
        out.push(change(class, item, pointers.0, pointers.1, reason));
    }
}

fn compare_field(
    item: String,
    before: &Field,
    after: &Field,
    renames: &BTreeMap<String, String>,
    pointers: (Option<&str>, Option<&str>),
    out: &mut Vec<Change>,
) {
    if !same_type(&before.ty, &after.ty, renames) {
        let reason = format!(
            "its type changes from `{}` to `{}`",
            show(&before.ty),
            show(&after.ty)
        );
        out.push(change(
            ChangeClass::Breaking,
            item.clone(),
            pointers.0,
            pointers.1,
            reason,
        ));
    }
    if before.is_optional() != after.is_optional() {
        let reason = if after.is_optional() {
            "it becomes an `Option` (absent or null is now allowed)"
        } else {
            "it stops being an `Option` (now always present)"
        };
        out.push(change(
            ChangeClass::Breaking,
            item.clone(),
            pointers.0,
            pointers.1,
            reason.to_owned(),
        ));
    } else if (before.required, before.nullable) != (after.required, after.nullable) {
        // Still an `Option`, so code compiles as before; but a model now writes an absent value
        // differently (left out when it may be absent, `null` when it is required-but-nullable).
        let reason = format!(
            "required {} -> {}, nullable {} -> {}: still an `Option`, but written back {}",
            before.required,
            after.required,
            before.nullable,
            after.nullable,
            if after.required {
                "as `null` when unset"
            } else {
                "left out when unset"
            }
        );
        out.push(change(
            ChangeClass::Additive,
            item.clone(),
            pointers.0,
            pointers.1,
            reason,
        ));
    }
    if before.docs != after.docs {
        out.push(change(
            ChangeClass::Docs,
            item,
            pointers.0,
            pointers.1,
            "its description changed".into(),
        ));
    }
}

fn compare_operations(old: &Ir, new: &Ir, renames: &BTreeMap<String, String>, out: &mut Vec<Change>) {
    let new_by_pointer: BTreeMap<&str, &Operation> = new
        .operations
        .values()
        .map(|op| (op.pointer.as_str(), op))
        .collect();
    for (name, before) in &old.operations {
        let after = new
            .operations
            .get(name)
            .or_else(|| new_by_pointer.get(before.pointer.as_str()).copied());
        let Some(after) = after else {
            let reason = format!("the builder `{name}` is removed (`{}` is gone)", before.path);
            out.push(change(
                ChangeClass::Breaking,
                name.clone(),
                Some(&before.pointer),
                None,
                reason,
            ));
            continue;
        };
        if after.name != *name {
            let reason = format!("renamed to `{}`", after.name);
            out.push(change(
                ChangeClass::Breaking,
                name.clone(),
                Some(&before.pointer),
                Some(&after.pointer),
                reason,
            ));
        }
        compare_operation(before, after, renames, out);
    }
    for (name, after) in &new.operations {
        let existed = old.operations.contains_key(name)
            || old.operations.values().any(|op| op.pointer == after.pointer);
        if !existed {
            let reason = format!("a new builder for `{}`", after.path);
            out.push(change(
                ChangeClass::Additive,
                name.clone(),
                None,
                Some(&after.pointer),
                reason,
            ));
        }
    }
}

fn compare_operation(
    before: &Operation,
    after: &Operation,
    renames: &BTreeMap<String, String>,
    out: &mut Vec<Change>,
) {
    let name = &after.name;
    let pointers = (Some(before.pointer.as_str()), Some(after.pointer.as_str()));
    let params = |op: &Operation| -> Vec<Field> {
        op.path_params
            .iter()
            .chain(&op.query_params)
            .chain(&op.body_params)
            .cloned()
            .collect()
    };
    let (a, b) = (params(before), params(after));
    for param in &a {
        let Some(now) = b.iter().find(|p| p.wire_name == param.wire_name) else {
            let reason = format!("the parameter `{}` is removed", param.wire_name);
            out.push(change(
                ChangeClass::Breaking,
                format!("{name}::{}", param.rust_name),
                pointers.0,
                pointers.1,
                reason,
            ));
            continue;
        };
        if param.required != now.required {
            let reason = if now.required {
                format!("`{}` becomes required: `new` gains an argument", now.wire_name)
            } else {
                format!(
                    "`{}` stops being required: `new` loses an argument, `.{}(…)` sets it",
                    now.wire_name, now.rust_name
                )
            };
            out.push(change(
                ChangeClass::Breaking,
                format!("{name}::new"),
                pointers.0,
                pointers.1,
                reason,
            ));
        }
        if !same_type(&param.ty, &now.ty, renames) {
            let reason = format!(
                "its type changes from `{}` to `{}`",
                show(&param.ty),
                show(&now.ty)
            );
            out.push(change(
                ChangeClass::Breaking,
                format!("{name}::{}", now.rust_name),
                pointers.0,
                pointers.1,
                reason,
            ));
        }
        if param.docs != now.docs {
            out.push(change(
                ChangeClass::Docs,
                format!("{name}::{}", now.rust_name),
                pointers.0,
                pointers.1,
                "its description changed".into(),
            ));
        }
    }
    for param in &b {
        if a.iter().any(|p| p.wire_name == param.wire_name) {
            continue;
        }
        let (class, item, reason) = if param.required {
            (
                ChangeClass::Breaking,
                format!("{name}::new"),
                format!(
                    "a new required parameter `{}`: `new` gains an argument",
                    param.wire_name
                ),
            )
        } else {
            (
                ChangeClass::Additive,
                format!("{name}::{}", param.rust_name),
                format!("a new optional parameter `{}`", param.wire_name),
            )
        };
        out.push(change(class, item, pointers.0, pointers.1, reason));
    }
    if !same_type(&before.response, &after.response, renames) {
        let reason = format!(
            "its response changes from `{}` to `{}`",
            show(&before.response),
            show(&after.response)
        );
        out.push(change(
            ChangeClass::Breaking,
            name.clone(),
            pointers.0,
            pointers.1,
            reason,
        ));
    }
    if before.docs != after.docs {
        out.push(change(
            ChangeClass::Docs,
            name.clone(),
            pointers.0,
            pointers.1,
            "its description changed".into(),
        ));
    }
}

/// Whether two types are the same once old names are read through `renames`.
fn same_type(before: &TypeRef, after: &TypeRef, renames: &BTreeMap<String, String>) -> bool {
    let rename = |name: &String| renames.get(name).unwrap_or(name).clone();
    match (before, after) {
        (TypeRef::Named(a), TypeRef::Named(b)) | (TypeRef::Boxed(a), TypeRef::Boxed(b)) => rename(a) == *b,
        (TypeRef::Named(a), TypeRef::Boxed(b)) | (TypeRef::Boxed(a), TypeRef::Named(b)) => rename(a) == *b,
        (TypeRef::Array(a), TypeRef::Array(b))
        | (TypeRef::Map(a), TypeRef::Map(b))
        | (TypeRef::Expandable(a), TypeRef::Expandable(b))
        | (TypeRef::List(a), TypeRef::List(b))
        | (TypeRef::Emptyable(a), TypeRef::Emptyable(b)) => same_type(a, b, renames),
        (a, b) => a == b,
    }
}

/// A type as a user reads it in Rust.
fn show(ty: &TypeRef) -> String {
    match ty {
        TypeRef::String => "String".into(),
        TypeRef::Integer => "i64".into(),
        TypeRef::Number => "f64".into(),
        TypeRef::Boolean => "bool".into(),
        TypeRef::Secret => "Secret".into(),
        TypeRef::Json => "serde_json::Value".into(),
        TypeRef::Named(name) => name.clone(),
        TypeRef::Boxed(name) => format!("Box<{name}>"),
        TypeRef::Array(inner) => format!("Vec<{}>", show(inner)),
        TypeRef::Map(inner) => format!("BTreeMap<String, {}>", show(inner)),
        TypeRef::Expandable(inner) => format!("Expandable<{}>", show(inner)),
        TypeRef::List(inner) => format!("List<{}>", show(inner)),
        TypeRef::Emptyable(inner) => format!("Emptyable<{}>", show(inner)),
        TypeRef::RangeQuery => "RangeQuery<i64>".into(),
    }
}
