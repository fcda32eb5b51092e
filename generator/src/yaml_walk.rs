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

#[cfg(test)]
mod tests {
    use serde_yaml::Value;

    /// Event names count wherever the document lists them: here only in a server variable's
    /// `enum`, after the event schema's own list is removed. (A walk over the typed spec missed
    /// such places, and the typed event variant silently disappeared.)
    #[test]
    fn event_names_are_found_outside_schemas() {
        let text = include_str!("../../spec/identity_verification_session.yaml");
        let mut spec: Value = serde_yaml::from_str(text).expect("the spec parses");
        let event_type = &mut spec["components"]["schemas"]["event"]["properties"]["type"];
        let names = event_type["enum"].clone();
        event_type.as_mapping_mut().expect("a schema").remove("enum");
        spec["servers"][0]["variables"] = serde_yaml::from_str(&format!(
            "{{event: {{default: x, enum: {}}}}}",
            serde_json::to_string(&names).expect("names")
        ))
        .expect("variables");
        let text = serde_yaml::to_string(&spec).expect("prints");
        let config = crate::config::Config::new("spec.yaml", "spec.yaml");
        let output = crate::pipeline::generate_from_str(&text, &config).expect("generates");
        let types = &output.files["src/types.rs"];
        assert!(
            types.contains("pub enum VerificationSessionEventType"),
            "no typed event names"
        );
        assert!(types.contains("VerificationSession {"), "no typed event variant");
    }
}
