//! What fields and parameters share in a comparison: pairing by Rust name, the place a change
//! to one is reported at, and the changes that only reach the wire.

use std::collections::BTreeMap;

use super::Change;
use crate::change::{moved_aside, Difference};
use crate::ir::Field;

/// Where an item sits in the old and the new spec.
pub(super) type Pointers<'a> = (Option<&'a str>, Option<&'a str>);

/// Fields or parameters by their Rust name, the name users' code says.
pub(super) fn by_rust_name<'a>(fields: impl IntoIterator<Item = &'a Field>) -> BTreeMap<String, &'a Field> {
    fields.into_iter().map(|f| (f.rust_name.clone(), f)).collect()
}

/// A member as the report names it, and where it is in each spec.
pub(super) struct Place<'a> {
    pub(super) item: String,
    pub(super) pointers: Pointers<'a>,
}

impl Place<'_> {
    pub(super) fn push(&self, out: &mut Vec<Change>, difference: Difference, reason: String) {
        out.push(Change::of(difference, self.item.clone(), reason).at(self.pointers.0, self.pointers.1));
    }
}

/// What changes on the wire alone for a field or parameter that keeps its Rust name: its name
/// there, and (where the validation table holds its rule) its `maxLength`.
pub(super) fn compare_wire(
    place: &Place<'_>,
    before: &Field,
    after: &Field,
    has_rules: bool,
    out: &mut Vec<Change>,
) {
    if before.wire_name != after.wire_name {
        let reason = format!(
            "it is named `{}` -> `{}` on the wire",
            before.wire_name, after.wire_name
        );
        place.push(out, Difference::BehaviourChanged, reason);
    }
    if has_rules && before.max_length != after.max_length {
        let limit = |n: Option<u32>| n.map_or("none".to_owned(), |n| n.to_string());
        let reason = format!(
            "its maxLength {} -> {} (the validation table's rule)",
            limit(before.max_length),
            limit(after.max_length)
        );
        place.push(out, Difference::BehaviourChanged, reason);
    }
}

/// The `clear_…` setters of an owner's emptyable fields or parameters, by their name, the
/// method users call: one that goes, or that now clears another field (a new parameter took
/// its name), breaks its callers; one that comes is new.
pub(super) fn compare_clear_setters<'a>(
    owner: &str,
    before: impl IntoIterator<Item = &'a Field>,
    after: impl IntoIterator<Item = &'a Field>,
    place: &impl Fn(String) -> Place<'a>,
    out: &mut Vec<Change>,
) {
    fn setters<'a>(fields: impl IntoIterator<Item = &'a Field>) -> BTreeMap<&'a str, &'a Field> {
        fields
            .into_iter()
            .filter_map(|f| Some((f.clear_setter.as_deref()?, f)))
            .collect()
    }
    let (old, new) = (setters(before), setters(after));
    for (setter, field) in &old {
        let reason = match new.get(setter) {
            Some(now) if now.rust_name == field.rust_name => continue,
            Some(now) => format!(
                "`{setter}()` clears `{}` instead of `{}`",
                now.wire_name, field.wire_name
            ),
            None => format!("`{setter}()`, which cleared `{}`, is gone", field.wire_name),
        };
        place(format!("{owner}::{setter}")).push(out, Difference::Removed, reason);
    }
    for (setter, field) in &new {
        if !old.contains_key(setter) {
            let reason = format!("a new setter `{setter}()`: it clears `{}`", field.wire_name);
            place(format!("{owner}::{setter}")).push(out, Difference::Added, reason);
        }
    }
}

/// Fields or parameters (by Rust name) that keep their name while another took their wire
/// name: renamed in effect (the rule is [`moved_aside`]'s, which builders' routes follow too).
pub(super) fn compare_moved_aside<'a>(
    owner: &str,
    old: &BTreeMap<String, &'a Field>,
    new: &BTreeMap<String, &'a Field>,
    place: &impl Fn(String) -> Place<'a>,
    out: &mut Vec<Change>,
) {
    let wires = |fields: &BTreeMap<String, &Field>| -> BTreeMap<String, String> {
        fields
            .iter()
            .map(|(name, f)| (name.clone(), f.wire_name.clone()))
            .collect()
    };
    let (old, new) = (wires(old), wires(new));
    for moved in moved_aside(&old, &new) {
        place(format!("{owner}::{}", moved.member)).push(out, Difference::Renamed, moved.member_reason());
    }
}
