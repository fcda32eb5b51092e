//! The comparison itself: two IRs, item by item, by the one algorithm of `change::pairing` for
//! types and builders alike: matched by their Rust name or, when the name changed, by the spec
//! node they come from (the same JSON pointer), then removed, renamed (reported once), compared
//! or added. References through a renamed type are compared as if it kept its name, so one
//! renamed type does not show up as a changed type on every field that holds it.

use std::collections::BTreeMap;

use super::compare_operation::compare_operation;
use super::compare_type::compare_type;
use super::type_ref::Reading;
use super::{Change, DiffReport};
use crate::change::{moved_aside, pair_up, renames_by_pointer, Difference, Pairing, Renames};
use crate::ir::{Ir, Operation, TypeDef};

/// Every change from `old` to `new`.
pub(super) fn compare(old: &Ir, new: &Ir) -> DiffReport {
    let mut changes = Vec::new();
    if old.api_version != new.api_version {
        let reason = format!(
            "the pinned API version changes from `{}` to `{}`: requests are sent with the new `Stripe-Version`",
            old.api_version, new.api_version
        );
        let pointer = Some("#/info/version");
        changes.push(Change::of(Difference::ValueChanged, "API_VERSION", reason).at(pointer, pointer));
    }
    let type_renames = renames_by_pointer(old.types.by_name(), new.types.by_name(), |def| {
        def.pointer.as_str()
    });
    let operation_renames = renames_by_pointer(&old.operations, &new.operations, |op| op.pointer.as_str());
    let reading = Reading {
        old: &old.types,
        new: &new.types,
        renames: &type_renames,
    };
    compare_items(
        old.types.by_name(),
        new.types.by_name(),
        &type_renames,
        reading,
        &mut changes,
    );
    compare_items(
        &old.operations,
        &new.operations,
        &operation_renames,
        reading,
        &mut changes,
    );
    compare_routes(&old.operations, &new.operations, &mut changes);
    // Breaking first, then by item: the order a reviewer reads in.
    changes.sort_by(|a, b| {
        b.class
            .cmp(&a.class)
            .then_with(|| a.item.cmp(&b.item))
            .then_with(|| a.reason.cmp(&b.reason))
    });
    changes.dedup();
    let mut renames = type_renames;
    renames.extend(operation_renames);
    DiffReport { changes, renames }
}

/// A named item of the IR that users' code names: a type or a builder.
trait ApiItem {
    fn name(&self) -> &str;
    fn pointer(&self) -> &str;
    /// Why its removal matters, in the report's words.
    fn removed(&self) -> String;
    /// The report's words for its rename to `after`.
    fn renamed(&self, after: &Self) -> String;
    /// The report's words for it as a new item.
    fn added(&self) -> String;
    /// The changes inside it, old names read through `reading`.
    fn compare(before: &Self, after: &Self, reading: Reading<'_>, out: &mut Vec<Change>);
}

impl ApiItem for TypeDef {
    fn name(&self) -> &str {
        &self.name
    }
    fn pointer(&self) -> &str {
        &self.pointer
    }
    fn removed(&self) -> String {
        format!("the type `{}` is removed", self.name)
    }
    fn renamed(&self, after: &Self) -> String {
        format!("renamed to `{}` (the schema's name changed)", after.name)
    }
    fn added(&self) -> String {
        format!("a new type `{}`", self.name)
    }
    fn compare(before: &Self, after: &Self, reading: Reading<'_>, out: &mut Vec<Change>) {
        compare_type(before, after, reading, out);
    }
}

impl ApiItem for Operation {
    fn name(&self) -> &str {
        &self.name
    }
    fn pointer(&self) -> &str {
        &self.pointer
    }
    fn removed(&self) -> String {
        format!("the builder `{}` is removed (`{}` is gone)", self.name, self.path)
    }
    fn renamed(&self, after: &Self) -> String {
        format!("renamed to `{}`", after.name)
    }
    fn added(&self) -> String {
        format!("a new builder for `{}`", self.path)
    }
    fn compare(before: &Self, after: &Self, reading: Reading<'_>, out: &mut Vec<Change>) {
        compare_operation(before, after, reading, out);
    }
}

fn compare_items<T: ApiItem>(
    old: &BTreeMap<String, T>,
    new: &BTreeMap<String, T>,
    renames: &Renames,
    reading: Reading<'_>,
    out: &mut Vec<Change>,
) {
    for pairing in pair_up(old, new, renames) {
        match pairing {
            Pairing::Removed(before) => out.push(
                Change::of(Difference::Removed, before.name(), before.removed())
                    .at(Some(before.pointer()), None),
            ),
            Pairing::Renamed(before, after) => {
                let change = Change::of(Difference::Renamed, before.name(), before.renamed(after));
                out.push(change.at(Some(before.pointer()), Some(after.pointer())));
                T::compare(before, after, reading, out);
            }
            Pairing::Compared(before, after) => T::compare(before, after, reading, out),
            Pairing::Added(after) => out.push(
                Change::of(Difference::Added, after.name(), after.added()).at(None, Some(after.pointer())),
            ),
        }
    }
}

/// Builders that keep their name but now send the request another builder sent before, which
/// that one sends now (`ApproveThing` sending `reject`'s): code calling them compiles and does
/// something else, as if the two had swapped names. The rule is [`moved_aside`]'s, as for
/// fields and values.
fn compare_routes(
    old: &BTreeMap<String, Operation>,
    new: &BTreeMap<String, Operation>,
    out: &mut Vec<Change>,
) {
    let routes = |ops: &BTreeMap<String, Operation>| -> BTreeMap<String, String> {
        ops.iter()
            .map(|(name, op)| (name.clone(), format!("{} {}", op.method.as_str(), op.path)))
            .collect()
    };
    let (was, now) = (routes(old), routes(new));
    for moved in moved_aside(&was, &now) {
        let (before, after) = (&old[moved.member], &new[moved.member]);
        out.push(
            Change::of(Difference::Renamed, moved.member, moved.route_reason())
                .at(Some(before.pointer.as_str()), Some(after.pointer.as_str())),
        );
    }
}
