//! Two versions of one builder: its parameters (path, query and body alike, matched by wire
//! name), which of them `new` takes, its response type and its docs.

use super::type_ref::{same_type, show};
use super::Change;
use crate::change::{Difference, Renames};
use crate::ir::{Field, Operation};

pub(super) fn compare_operation(
    before: &Operation,
    after: &Operation,
    renames: &Renames,
    out: &mut Vec<Change>,
) {
    let name = &after.name;
    let pointers = (Some(before.pointer.as_str()), Some(after.pointer.as_str()));
    let push = |out: &mut Vec<Change>, difference, item: String, reason: String| {
        out.push(Change::of(difference, item, reason).at(pointers.0, pointers.1));
    };
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
            push(
                out,
                Difference::Removed,
                format!("{name}::{}", param.rust_name),
                reason,
            );
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
            push(out, Difference::ArgumentsChanged, format!("{name}::new"), reason);
        }
        if !same_type(&param.ty, &now.ty, renames) {
            let reason = format!(
                "its type changes from `{}` to `{}`",
                show(&param.ty),
                show(&now.ty)
            );
            push(
                out,
                Difference::Retyped,
                format!("{name}::{}", now.rust_name),
                reason,
            );
        }
        if param.docs != now.docs {
            let item = format!("{name}::{}", now.rust_name);
            push(
                out,
                Difference::DocsChanged,
                item,
                "its description changed".into(),
            );
        }
    }
    for param in &b {
        if a.iter().any(|p| p.wire_name == param.wire_name) {
            continue;
        }
        if param.required {
            let reason = format!(
                "a new required parameter `{}`: `new` gains an argument",
                param.wire_name
            );
            push(out, Difference::AddedRequired, format!("{name}::new"), reason);
        } else {
            let reason = format!("a new optional parameter `{}`", param.wire_name);
            push(
                out,
                Difference::Added,
                format!("{name}::{}", param.rust_name),
                reason,
            );
        }
    }
    if !same_type(&before.response, &after.response, renames) {
        let reason = format!(
            "its response changes from `{}` to `{}`",
            show(&before.response),
            show(&after.response)
        );
        push(out, Difference::Retyped, name.clone(), reason);
    }
    if before.docs != after.docs {
        push(
            out,
            Difference::DocsChanged,
            name.clone(),
            "its description changed".into(),
        );
    }
}
