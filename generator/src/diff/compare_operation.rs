//! Two versions of one builder: where it sends (method and path), its parameters (path, query
//! and body alike, paired by their Rust name, the setter users call), which of them `new` takes,
//! what `expand` may name, its response type and its docs.

use super::compare_member::{by_rust_name, compare_clear_setters, compare_moved_aside, compare_wire, Place};
use super::type_ref::{same_docs, same_type, show, Reading};
use super::Change;
use crate::change::{pair_up, Difference, Pairing, Renames};
use crate::ir::{Field, Operation};

pub(super) fn compare_operation(
    before: &Operation,
    after: &Operation,
    reading: Reading<'_>,
    out: &mut Vec<Change>,
) {
    let name = &after.name;
    let place = |item: String| Place {
        item,
        pointers: (Some(before.pointer.as_str()), Some(after.pointer.as_str())),
    };
    let this = place(name.clone());
    let route = |op: &Operation| format!("{} {}", op.method.as_str(), op.path);
    if route(before) != route(after) {
        let reason = format!("it sends `{}` instead of `{}`", route(after), route(before));
        this.push(out, Difference::BehaviourChanged, reason);
    }
    compare_parameters(before, after, reading, &place, out);
    if (&before.expandable, &before.includable) != (&after.expandable, &after.includable) {
        let reason = format!(
            "`expand` may name [{}] instead of [{}]",
            after.expandable.join(", "),
            before.expandable.join(", ")
        );
        this.push(out, Difference::BehaviourChanged, reason);
    }
    if !same_type(&before.response, &after.response, reading) {
        let reason = format!(
            "its response changes from `{}` to `{}`",
            show(&before.response, reading.old),
            show(&after.response, reading.new)
        );
        this.push(out, Difference::Retyped, reason);
    }
    if !same_docs(&before.docs, &after.docs, reading.renames) {
        this.push(out, Difference::DocsChanged, "its description changed".into());
    }
}

/// Where a parameter is sent.
fn location(op: &Operation, param: &Field) -> &'static str {
    let is = |params: &[Field]| params.iter().any(|p| std::ptr::eq(p, param));
    if is(&op.path_params) {
        "the path"
    } else if is(&op.query_params) {
        "the query"
    } else {
        "the body"
    }
}

fn compare_parameters<'a>(
    before: &'a Operation,
    after: &'a Operation,
    reading: Reading<'_>,
    place: &impl Fn(String) -> Place<'a>,
    out: &mut Vec<Change>,
) {
    let (old, new) = (by_rust_name(before.params()), by_rust_name(after.params()));
    let name = &after.name;
    compare_clear_setters(name, before.params(), after.params(), place, out);
    compare_moved_aside(name, &old, &new, place, out);
    let constructor = place(format!("{name}::new"));
    // The same arguments in another order: every call compiles, and sends each value as another
    // parameter.
    let arguments = |op: &'a Operation| {
        op.new_arguments()
            .map(|f| f.rust_name.as_str())
            .collect::<Vec<_>>()
    };
    let (was, now) = (arguments(before), arguments(after));
    let mut sorted = (was.clone(), now.clone());
    sorted.0.sort_unstable();
    sorted.1.sort_unstable();
    if was != now && sorted.0 == sorted.1 {
        let reason = format!(
            "`new` takes its arguments in another order: ({}) -> ({})",
            was.join(", "),
            now.join(", ")
        );
        constructor.push(out, Difference::ArgumentsChanged, reason);
    }
    for pairing in pair_up(&old, &new, &Renames::new()) {
        match pairing {
            Pairing::Removed(param) => {
                let reason = format!("the parameter `{}` is removed", param.wire_name);
                place(format!("{name}::{}", param.rust_name)).push(out, Difference::Removed, reason);
            }
            Pairing::Added(param) if param.required => {
                let reason = format!(
                    "a new required parameter `{}`: `new` gains an argument",
                    param.wire_name
                );
                constructor.push(out, Difference::AddedRequired, reason);
            }
            Pairing::Added(param) => {
                let reason = format!("a new optional parameter `{}`", param.wire_name);
                place(format!("{name}::{}", param.rust_name)).push(out, Difference::Added, reason);
            }
            Pairing::Compared(was, now) | Pairing::Renamed(was, now) => {
                if was.required != now.required {
                    let reason = if now.required {
                        format!("`{}` becomes required: `new` gains an argument", now.wire_name)
                    } else {
                        format!(
                            "`{}` stops being required: `new` loses an argument, `.{}(…)` sets it",
                            now.wire_name, now.rust_name
                        )
                    };
                    constructor.push(out, Difference::ArgumentsChanged, reason);
                }
                let setter = place(format!("{name}::{}", now.rust_name));
                // A required parameter is an argument of `new`, an optional one a setter: the
                // setter goes or comes with it (cargo-semver-checks: a method removed).
                match (was.required, now.required) {
                    (false, true) => setter.push(
                        out,
                        Difference::Removed,
                        format!("the setter `.{}(…)` is gone: `new` takes it", now.rust_name),
                    ),
                    (true, false) => setter.push(
                        out,
                        Difference::Added,
                        format!("a new setter `.{}(…)`: it is optional now", now.rust_name),
                    ),
                    _ => {}
                }
                if !same_type(&was.ty, &now.ty, reading) {
                    let reason = format!(
                        "its type changes from `{}` to `{}`",
                        show(&was.ty, reading.old),
                        show(&now.ty, reading.new)
                    );
                    setter.push(out, Difference::Retyped, reason);
                }
                let (from, to) = (location(before, was), location(after, now));
                if from != to {
                    let reason = format!("it is sent in {to} instead of {from}");
                    setter.push(out, Difference::BehaviourChanged, reason);
                }
                // Every parameter has its rule in the validation table.
                compare_wire(&setter, was, now, true, out);
                if !same_docs(&was.docs, &now.docs, reading.renames) {
                    setter.push(out, Difference::DocsChanged, "its description changed".into());
                }
            }
        }
    }
}
