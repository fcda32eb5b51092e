//! Questions asked of a spec as plain YAML, for the commands that edit documents rather than
//! generate from them (`trim`, `update`): which schemas a node references, which strings its
//! `enum`s list. Generation asks the same of the parsed spec (`lower/walk.rs`).

use std::collections::BTreeSet;

use serde_yaml::Value;

const SCHEMA_PREFIX: &str = "#/components/schemas/";

/// The component schema key `value` references, when it is a `$ref` to one.
pub(crate) fn ref_key(value: &Value) -> Option<String> {
    value
        .get("$ref")?
        .as_str()?
        .strip_prefix(SCHEMA_PREFIX)
        .map(|k| k.replace("~1", "/").replace("~0", "~"))
}

/// Adds to `out` the component schema keys referenced anywhere inside `value`.
pub(crate) fn collect_refs(value: &Value, out: &mut Vec<String>) {
    let mut stack = vec![value];
    while let Some(value) = stack.pop() {
        match value {
            Value::Mapping(map) => {
                out.extend(ref_key(value));
                stack.extend(map.values());
            }
            Value::Sequence(items) => stack.extend(items),
            Value::Tagged(tagged) => stack.push(&tagged.value),
            _ => {}
        }
    }
}

/// Every string listed in an `enum` anywhere inside `value`.
pub(crate) fn enum_strings(value: &Value) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut stack = vec![value];
    while let Some(value) = stack.pop() {
        match value {
            Value::Mapping(map) => {
                if let Some(Value::Sequence(items)) = map.get("enum") {
                    found.extend(items.iter().filter_map(Value::as_str).map(str::to_owned));
                }
                stack.extend(map.values());
            }
            Value::Sequence(items) => stack.extend(items),
            Value::Tagged(tagged) => stack.push(&tagged.value),
            _ => {}
        }
    }
    found
}
