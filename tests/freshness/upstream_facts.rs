//! Opt-in: checks every fact of `spec/` against Stripe's published spec, so drift is caught. Facts
//! are everything except prose: paths, parameters, schemas, types, enums, required, nullable and
//! the `x-stripe*` annotations. Descriptions, summaries and the `info` block are ours and ignored.
//!
//! It reads `../shared/upstream/` beside the repository (or `$STRIPE_UPSTREAM_SPEC`), which a
//! user's clone does not have, so it is `#[ignore]`d; `.ci/run` runs it (`cargo test --test
//! freshness -- --ignored upstream_facts::`).

use std::path::PathBuf;

use serde_json::Value;

const UPSTREAM: &str = "../shared/upstream/stripe-2026-09-30.endive/identity_verification_session.sdk.yaml";
const UPSTREAM_REPORTS: &str =
    "../shared/upstream/stripe-2026-09-30.endive/identity_verification_report.sdk.yaml";
const OURS: &str = "spec/identity_verification_session.yaml";

/// `api_errors` properties that point at resources outside this crate: upstream they are `$ref`s
/// (cut from the upstream extract), ours are free-form JSON objects. The one documented divergence.
const FREE_FORM_IN_OURS: [&str; 4] = ["payment_intent", "payment_method", "setup_intent", "source"];

/// The webhook event schemas spec/ carries beside the resource's own.
const EVENT_SCHEMAS: [&str; 3] = ["event", "notification_event_data", "notification_event_request"];

/// Stripe's full spec, which has the event schemas and the webhook endpoints' `enabled_events`
/// (the event names); the 2026 resource subset has neither.
const FULL: &str = "../shared/upstream/stripe-2023-08-16/spec3.yaml";

/// spec/'s event schemas against the full spec's: the same facts, except that `event.type` lists
/// this resource's event names, each of which must be one of the full spec's `enabled_events`.
fn event_facts_match_the_full_spec(
    root: &std::path::Path,
    ours: serde_json::Map<String, Value>,
    found: &mut Vec<String>,
) {
    let mut full = load(&root.join(FULL));
    strip_prose(&mut full, "");
    let mut enabled = std::collections::BTreeSet::new();
    collect_enabled_events(&full["paths"], &mut enabled);
    for (name, mut schema) in ours {
        if name == "event" {
            let listed = schema["properties"]["type"]
                .as_object_mut()
                .and_then(|t| t.remove("enum"))
                .unwrap_or(Value::Null);
            for value in listed.as_array().into_iter().flatten() {
                if !enabled.contains(value.as_str().unwrap_or_default()) {
                    found.push(format!(
                        "#/components/schemas/event/properties/type/enum: {value} is no enabled_events value"
                    ));
                }
            }
        }
        let pointer = format!("#/components/schemas/{name}");
        differences(&full["components"]["schemas"][&name], &schema, &pointer, found);
    }
}

fn collect_enabled_events(value: &Value, out: &mut std::collections::BTreeSet<String>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                if key == "enabled_events" {
                    let items = &child["items"]["enum"];
                    out.extend(
                        items
                            .as_array()
                            .into_iter()
                            .flatten()
                            .filter_map(Value::as_str)
                            .map(str::to_owned),
                    );
                }
                collect_enabled_events(child, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|item| collect_enabled_events(item, out)),
        _ => {}
    }
}

fn load(path: &PathBuf) -> Value {
    let text =
        std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{} is not YAML: {e}", path.display()))
}

/// Drops prose (`description`, `summary`) and this project's own `x-secret` annotation, but not
/// properties that happen to have those names.
fn strip_prose(value: &mut Value, parent_key: &str) {
    match value {
        Value::Object(map) => {
            if parent_key != "properties" {
                map.remove("description");
                map.remove("summary");
                map.remove("x-secret");
            }
            for (key, child) in map.iter_mut() {
                strip_prose(child, key);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|item| strip_prose(item, "")),
        _ => {}
    }
}

/// Pointers where `a` and `b` differ.
fn differences(a: &Value, b: &Value, pointer: &str, out: &mut Vec<String>) {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let keys: std::collections::BTreeSet<&String> = x.keys().chain(y.keys()).collect();
            for key in keys {
                let child = format!("{pointer}/{}", key.replace('~', "~0").replace('/', "~1"));
                match (x.get(key), y.get(key)) {
                    (Some(p), Some(q)) => differences(p, q, &child, out),
                    (Some(_), None) => out.push(format!("{child}: only upstream has it")),
                    (None, Some(_)) => out.push(format!("{child}: only spec/ has it")),
                    (None, None) => {}
                }
            }
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            for (i, (p, q)) in x.iter().zip(y).enumerate() {
                differences(p, q, &format!("{pointer}/{i}"), out);
            }
        }
        _ if a != b => out.push(format!("{pointer}: upstream {a} vs spec/ {b}")),
        _ => {}
    }
}

#[test]
#[ignore = "needs ../shared/upstream (not in a user's clone); .ci/run runs it"]
fn spec_facts_match_upstream() {
    let root = crate::root();
    let upstream_path = std::env::var_os("STRIPE_UPSTREAM_SPEC")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join(UPSTREAM));
    let mut upstream = load(&upstream_path);
    let mut ours = load(&root.join(OURS));
    // The verification reports' two path items come from their own extract (the schemas they
    // reach are the sessions' already).
    if std::env::var_os("STRIPE_UPSTREAM_SPEC").is_none() {
        let reports = load(&root.join(UPSTREAM_REPORTS));
        if let (Some(paths), Some(report_paths)) =
            (upstream["paths"].as_object_mut(), reports["paths"].as_object())
        {
            paths.extend(report_paths.clone());
        }
    }

    // Prose and deployment details are not facts of the resource.
    for doc in [&mut upstream, &mut ours] {
        strip_prose(doc, "");
        let version = doc["info"]["version"].clone();
        doc["info"] = serde_json::json!({ "version": version });
        if let Some(map) = doc.as_object_mut() {
            map.remove("security");
        }
        if let Some(components) = doc["components"].as_object_mut() {
            components.remove("securitySchemes");
        }
    }
    for name in FREE_FORM_IN_OURS {
        upstream["components"]["schemas"]["api_errors"]["properties"][name] =
            serde_json::json!({ "type": "object", "additionalProperties": true });
    }

    // The webhook event's schemas are not in the resource's subset: their facts are checked
    // against the full spec below.
    let mut event_parts = serde_json::Map::new();
    if let Some(schemas) = ours["components"]["schemas"].as_object_mut() {
        for name in EVENT_SCHEMAS {
            if let Some(schema) = schemas.remove(name) {
                event_parts.insert(name.to_owned(), schema);
            }
        }
    }
    assert_eq!(
        event_parts.len(),
        EVENT_SCHEMAS.len(),
        "spec/ lost an event schema"
    );

    let mut found = Vec::new();
    differences(&upstream, &ours, "#", &mut found);
    event_facts_match_the_full_spec(&root, event_parts, &mut found);
    assert!(
        found.is_empty(),
        "spec/ differs from upstream in {} place(s):\n{}",
        found.len(),
        found.join("\n")
    );
}
