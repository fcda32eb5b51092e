//! Two versions of one type: its docs, and by kind its fields (matched by wire name), enum
//! values, union variants, alias target or event variants (matched by the events they cover).

use super::type_ref::{same_type, show};
use super::Change;
use crate::change::{Difference, Renames};
use crate::diagnostic::child;
use crate::ir::{Field, TypeDef, TypeKind, UnionDef};

/// Where an item sits in the old and the new spec.
type Pointers<'a> = (Option<&'a str>, Option<&'a str>);

pub(super) fn compare_type(before: &TypeDef, after: &TypeDef, renames: &Renames, out: &mut Vec<Change>) {
    let name = &after.name;
    let pointers = (Some(before.pointer.as_str()), Some(after.pointer.as_str()));
    let push = |out: &mut Vec<Change>, difference, item: String, reason: String| {
        out.push(Change::of(difference, item, reason).at(pointers.0, pointers.1));
    };
    if before.docs != after.docs {
        push(
            out,
            Difference::DocsChanged,
            name.clone(),
            "its description changed".into(),
        );
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
                    push(
                        out,
                        Difference::Removed,
                        format!("{name}::{}", variant.rust_name),
                        reason,
                    );
                }
            }
            for variant in &b.variants {
                if !a.variants.iter().any(|v| v.wire == variant.wire) {
                    let reason = format!("a new value `{}` (the enum is non-exhaustive)", variant.wire);
                    push(
                        out,
                        Difference::Added,
                        format!("{name}::{}", variant.rust_name),
                        reason,
                    );
                }
            }
        }
        (TypeKind::Union(a), TypeKind::Union(b)) => {
            let names = |u: &UnionDef| u.variants.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
            if names(a) != names(b) {
                let reason = format!(
                    "its variants change from [{}] to [{}] (a match on it must change)",
                    names(a).join(", "),
                    names(b).join(", ")
                );
                push(out, Difference::VariantsChanged, name.clone(), reason);
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
                push(out, Difference::EventsRerouted, item, reason);
            }
            for variant in &a.variants {
                if !b.variants.iter().any(|v| v.prefix == variant.prefix) {
                    let reason = format!(
                        "events `{}…` now decode as the catch-all (the variant is removed)",
                        variant.prefix
                    );
                    push(
                        out,
                        Difference::EventsRerouted,
                        format!("{name}::{}", variant.name),
                        reason,
                    );
                }
            }
        }
        (a, b) => {
            let reason = format!("changes from {} to {}", kind_name(a), kind_name(b));
            push(out, Difference::KindChanged, name.clone(), reason);
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

fn compare_fields(
    owner: &str,
    before: &[Field],
    after: &[Field],
    constructed: bool,
    renames: &Renames,
    pointers: Pointers<'_>,
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
                out.push(Change::of(Difference::Removed, item, reason).at(old.as_deref(), None));
            }
            Some(now) => compare_field(item, field, now, renames, (old.as_deref(), new.as_deref()), out),
        }
    }
    for field in after {
        if before.iter().any(|f| f.wire_name == field.wire_name) {
            continue;
        }
        let new = at(pointers.1, &field.wire_name);
        let item = format!("{owner}::{}", field.rust_name);
        let change = if constructed && !field.is_optional() {
            let reason = format!("a new required field `{}`: `new` takes it", field.wire_name);
            Change::of(Difference::AddedRequired, item, reason)
        } else {
            Change::of(
                Difference::Added,
                item,
                format!("a new field `{}`", field.wire_name),
            )
        };
        out.push(change.at(None, new.as_deref()));
    }
}

fn compare_field(
    item: String,
    before: &Field,
    after: &Field,
    renames: &Renames,
    pointers: Pointers<'_>,
    out: &mut Vec<Change>,
) {
    let push = |out: &mut Vec<Change>, difference, reason: String| {
        out.push(Change::of(difference, item.clone(), reason).at(pointers.0, pointers.1));
    };
    if !same_type(&before.ty, &after.ty, renames) {
        let reason = format!(
            "its type changes from `{}` to `{}`",
            show(&before.ty),
            show(&after.ty)
        );
        push(out, Difference::Retyped, reason);
    }
    if before.is_optional() != after.is_optional() {
        let reason = if after.is_optional() {
            "it becomes an `Option` (absent or null is now allowed)"
        } else {
            "it stops being an `Option` (now always present)"
        };
        push(out, Difference::OptionalityChanged, reason.to_owned());
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
        push(out, Difference::BehaviourChanged, reason);
    }
    if before.docs != after.docs {
        push(out, Difference::DocsChanged, "its description changed".into());
    }
}
