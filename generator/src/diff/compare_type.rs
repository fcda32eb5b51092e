//! Two versions of one type: its docs, and by kind its fields and enum values (paired by their
//! Rust name, as users' code names them), union variants, alias target or event variants
//! (matched by the events they cover).

use std::collections::BTreeMap;

use super::compare_member::{
    by_rust_name, compare_clear_setters, compare_moved_aside, compare_wire, Place, Pointers,
};
use super::type_ref::{same_docs, same_type, show, Reading};
use super::Change;
use crate::change::{moved_aside, pair_up, Difference, Pairing, Renames};
use crate::diagnostic::child;
use crate::ir::{EnumDef, Field, StructDef, TypeDef, TypeKind, TypeRef, UnionDef, Variant};

pub(super) fn compare_type<'a>(
    before: &'a TypeDef,
    after: &'a TypeDef,
    reading: Reading<'_>,
    out: &mut Vec<Change>,
) {
    let name = &after.name;
    let pointers = (Some(before.pointer.as_str()), Some(after.pointer.as_str()));
    let push = |out: &mut Vec<Change>, difference, item: String, reason: String| {
        out.push(Change::of(difference, item, reason).at(pointers.0, pointers.1));
    };
    if !same_docs(&before.docs, &after.docs, reading.renames) {
        push(
            out,
            Difference::DocsChanged,
            name.clone(),
            "its description changed".into(),
        );
    }
    compare_abilities(before, after, &mut |difference, reason| {
        push(out, difference, name.clone(), reason)
    });
    match (&before.kind, &after.kind) {
        (TypeKind::Struct(a), TypeKind::Struct(b)) => {
            compare_construction(name, a, b, &mut |difference, item, reason| {
                push(out, difference, item, reason)
            });
            if let (Some(was), Some(now)) = (&a.object_tag, &b.object_tag) {
                if was != now {
                    // `new` fills in another value, and a union picks the type by another tag.
                    let reason = format!("its `object` tag changes from `{was}` to `{now}`");
                    push(out, Difference::BehaviourChanged, name.clone(), reason);
                }
            }
            // Every struct is non-exhaustive and built with `new` or `Default`: a new field
            // breaks code only when `new` takes it (`StructDef::new_takes`).
            let sides = FieldSides {
                after: b,
                // Only a type sent in requests has rules in the validation table (a `Shape`).
                has_rules: before.caps.encode && after.caps.encode,
            };
            compare_fields(name, &a.fields, &b.fields, sides, reading, pointers, out);
        }
        (TypeKind::Enum(a), TypeKind::Enum(b)) => {
            // Values are paired by their Rust name: one that keeps it but is spelled otherwise
            // on the wire still compiles.
            let by_name = |e: &'a EnumDef| -> BTreeMap<String, &'a Variant> {
                e.variants.iter().map(|v| (v.rust_name.clone(), v)).collect()
            };
            let (old, new) = (by_name(a), by_name(b));
            let wires = |values: &BTreeMap<String, &Variant>| -> BTreeMap<String, String> {
                values.iter().map(|(n, v)| (n.clone(), v.wire.clone())).collect()
            };
            for moved in moved_aside(&wires(&old), &wires(&new)) {
                let item = format!("{name}::{}", moved.member);
                push(out, Difference::Renamed, item, moved.member_reason());
            }
            for pairing in pair_up(&old, &new, &Renames::new()) {
                let (difference, variant, reason) = match pairing {
                    Pairing::Removed(v) => (
                        Difference::Removed,
                        v,
                        format!("the value `{}` is removed", v.wire),
                    ),
                    Pairing::Added(v) => (
                        Difference::Added,
                        v,
                        format!("a new value `{}` (the enum is non-exhaustive)", v.wire),
                    ),
                    Pairing::Compared(was, now) | Pairing::Renamed(was, now) if was.wire != now.wire => (
                        Difference::BehaviourChanged,
                        now,
                        format!(
                            "the value is spelled `{}` -> `{}` on the wire",
                            was.wire, now.wire
                        ),
                    ),
                    Pairing::Compared(..) | Pairing::Renamed(..) => continue,
                };
                push(out, difference, format!("{name}::{}", variant.rust_name), reason);
            }
        }
        (TypeKind::Union(a), TypeKind::Union(b)) => {
            let names = |u: &'a UnionDef| u.variants.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>();
            let (old_names, new_names) = (names(a), names(b));
            let held = |u: &'a UnionDef| -> BTreeMap<&'a str, &'a TypeRef> {
                u.variants.iter().map(|(n, ty)| (n.as_str(), ty)).collect()
            };
            let (was, now) = (held(a), held(b));
            if was.keys().ne(now.keys()) {
                let reason = format!(
                    "its variants change from [{}] to [{}] (a match on it must change)",
                    old_names.join(", "),
                    new_names.join(", ")
                );
                push(out, Difference::VariantsChanged, name.clone(), reason);
            } else {
                if old_names != new_names {
                    // The same variants, so every `match` compiles; but decoding tries the
                    // alternatives in order, and a value two of them accept decodes as another.
                    let reason = format!(
                        "its alternatives are tried in another order: [{}] instead of [{}]",
                        new_names.join(", "),
                        old_names.join(", ")
                    );
                    push(out, Difference::BehaviourChanged, name.clone(), reason);
                }
                // A pattern binding what a variant holds must change with its type.
                for (variant, was) in &was {
                    let now = now[variant];
                    if !same_type(was, now, reading) {
                        let reason = format!(
                            "it holds another type: from `{}` to `{}`",
                            show(was, reading.old),
                            show(now, reading.new)
                        );
                        push(out, Difference::Retyped, format!("{name}::{variant}"), reason);
                    }
                }
            }
        }
        (TypeKind::Alias(a), TypeKind::Alias(b)) => {
            if !same_type(a, b, reading) {
                let reason = format!(
                    "it aliases another type: from `{}` to `{}`",
                    show(a, reading.old),
                    show(b, reading.new)
                );
                push(out, Difference::Retyped, name.clone(), reason);
            }
        }
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

/// How users build the struct: `Default` (every field an `Option`), or `new` with the fields
/// [`StructDef::new_takes`]. Code that called `new` or `Default::default()` breaks when that
/// changes, whatever made it change (a field added, made required, made nullable, an `object`
/// tag that appears or goes).
fn compare_construction(
    name: &str,
    before: &StructDef,
    after: &StructDef,
    push: &mut impl FnMut(Difference, String, String),
) {
    let arguments = |s: &StructDef| -> Vec<String> {
        s.fields
            .iter()
            .filter(|f| s.new_takes(f))
            .map(|f| f.rust_name.clone())
            .collect()
    };
    let listed = |names: &[String]| format!("({})", names.join(", "));
    match (before.derives_default(), after.derives_default()) {
        (true, true) => {}
        (true, false) => push(
            Difference::Removed,
            name.to_owned(),
            format!(
                "it no longer implements `Default`: build it with `new{}`",
                listed(&arguments(after))
            ),
        ),
        (false, true) => push(
            Difference::Removed,
            format!("{name}::new"),
            "`new` is gone: every field is an `Option` now, build it with `Default`".to_owned(),
        ),
        (false, false) => {
            let (was, now) = (arguments(before), arguments(after));
            if was != now {
                push(
                    Difference::ArgumentsChanged,
                    format!("{name}::new"),
                    format!(
                        "`new` takes other arguments: {} -> {}",
                        listed(&was),
                        listed(&now)
                    ),
                );
            }
        }
    }
}

/// What users can do with the type beyond reading its fields, each an impl or methods they may
/// have called: send it (`EncodeParam`), build it (`new` and setters), write it back
/// (`Serialize`), read its ID (`Object`). One it gains is new; one it loses breaks that code.
fn compare_abilities(before: &TypeDef, after: &TypeDef, push: &mut impl FnMut(Difference, String)) {
    let has_id = |ty: &TypeDef| match &ty.kind {
        TypeKind::Struct(s) => s.has_id,
        TypeKind::Union(u) => u.has_id,
        _ => false,
    };
    let abilities = [
        (
            "sent in requests (`EncodeParam`)",
            before.caps.encode,
            after.caps.encode,
        ),
        (
            "built by users field by field (setters)",
            before.caps.user_built,
            after.caps.user_built,
        ),
        (
            "written back (`Serialize`)",
            before.caps.round_trip,
            after.caps.round_trip,
        ),
        ("an `Object` (its ID)", has_id(before), has_id(after)),
    ];
    for (ability, was, now) in abilities {
        match (was, now) {
            (true, false) => push(Difference::Removed, format!("it is no longer {ability}")),
            (false, true) => push(Difference::Added, format!("it is now {ability}")),
            _ => {}
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

/// What the fields' owner is to its users: what makes a field change matter.
#[derive(Clone, Copy)]
struct FieldSides<'a> {
    /// The struct as it is now: which fields its `new` takes.
    after: &'a StructDef,
    /// The validation table holds its fields' rules (their `maxLength`).
    has_rules: bool,
}

fn compare_fields(
    owner: &str,
    before: &[Field],
    after: &[Field],
    sides: FieldSides<'_>,
    reading: Reading<'_>,
    pointers: Pointers<'_>,
    out: &mut Vec<Change>,
) {
    // A field's pointer is its property's, under each type's own node.
    let at = |pointer: Option<&str>, wire: &str| pointer.map(|p| child(&child(p, "properties"), wire));
    let (old, new) = (by_rust_name(before), by_rust_name(after));
    let owner_place = |item: String| Place { item, pointers };
    compare_clear_setters(owner, before, after, &owner_place, out);
    compare_moved_aside(owner, &old, &new, &owner_place, out);
    for pairing in pair_up(&old, &new, &Renames::new()) {
        match pairing {
            Pairing::Removed(field) => {
                let item = format!("{owner}::{}", field.rust_name);
                let reason = format!("the field `{}` is removed", field.wire_name);
                let old = at(pointers.0, &field.wire_name);
                out.push(Change::of(Difference::Removed, item, reason).at(old.as_deref(), None));
            }
            Pairing::Added(field) => {
                let item = format!("{owner}::{}", field.rust_name);
                let change = if sides.after.new_takes(field) {
                    let reason = format!("a new required field `{}`: `new` takes it", field.wire_name);
                    Change::of(Difference::AddedRequired, item, reason)
                } else {
                    let reason = format!("a new field `{}`", field.wire_name);
                    Change::of(Difference::Added, item, reason)
                };
                let new = at(pointers.1, &field.wire_name);
                out.push(change.at(None, new.as_deref()));
            }
            Pairing::Compared(was, now) | Pairing::Renamed(was, now) => {
                let item = format!("{owner}::{}", now.rust_name);
                let (old, new) = (at(pointers.0, &was.wire_name), at(pointers.1, &now.wire_name));
                let place = Place {
                    item,
                    pointers: (old.as_deref(), new.as_deref()),
                };
                compare_field(&place, was, now, sides, reading, out);
            }
        }
    }
}

fn compare_field(
    place: &Place<'_>,
    before: &Field,
    after: &Field,
    sides: FieldSides<'_>,
    reading: Reading<'_>,
    out: &mut Vec<Change>,
) {
    if !same_type(&before.ty, &after.ty, reading) {
        let reason = format!(
            "its type changes from `{}` to `{}`",
            show(&before.ty, reading.old),
            show(&after.ty, reading.new)
        );
        place.push(out, Difference::Retyped, reason);
    }
    if before.is_optional() != after.is_optional() {
        let reason = if after.is_optional() {
            "it becomes an `Option` (absent or null is now allowed)"
        } else {
            "it stops being an `Option` (now always present)"
        };
        place.push(out, Difference::OptionalityChanged, reason.to_owned());
    } else if before.skip_none != after.skip_none {
        // Still an `Option`, so code compiles as before; but a model now writes an absent value
        // differently (left out when it may be absent, `null` when it is required-but-nullable).
        // A change of `required`/`nullable` that keeps both is no change at all.
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
        place.push(out, Difference::BehaviourChanged, reason);
    }
    compare_wire(place, before, after, sides.has_rules, out);
    if !same_docs(&before.docs, &after.docs, reading.renames) {
        place.push(out, Difference::DocsChanged, "its description changed".into());
    }
}
