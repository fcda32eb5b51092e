//! Finds the component schemas that only error responses reach (Stripe's `error` envelope and
//! everything under it: 205 error codes, `api_errors`, …). The client reads failures into its own
//! `ApiError`, which every resource shares, so generating the envelope again for each crate would
//! be output nothing uses; these components are left out. A component that a parameter, a request
//! body, a success response or a component outside the envelope also reaches is kept, and so is
//! every component of a spec whose responses name no error schema.

use std::collections::{BTreeMap, BTreeSet};

use openapiv3::{OpenAPI, ReferenceOr, StatusCode};
use serde::Serialize;
use serde_json::Value;

use super::SCHEMA_REF_PREFIX;

/// Keys of the component schemas reachable from error responses and from nothing else, sorted.
pub(super) fn error_only_components(spec: &OpenAPI) -> BTreeSet<String> {
    let mut success_roots = Vec::new();
    let mut error_roots = Vec::new();
    for item in spec.paths.paths.values().filter_map(ReferenceOr::as_item) {
        success_roots.extend(refs_in(&item.parameters));
        for operation in item.iter().map(|(_, operation)| operation) {
            success_roots.extend(refs_in(&operation.parameters));
            success_roots.extend(refs_in(&operation.request_body));
            for (code, response) in &operation.responses.responses {
                let is_success = matches!(code, StatusCode::Code(200..=299) | StatusCode::Range(2));
                let roots = if is_success {
                    &mut success_roots
                } else {
                    &mut error_roots
                };
                roots.extend(refs_in(response));
            }
            error_roots.extend(refs_in(&operation.responses.default));
        }
    }
    if error_roots.is_empty() {
        return BTreeSet::new();
    }
    let edges: BTreeMap<String, Vec<String>> = spec
        .components
        .iter()
        .flat_map(|components| &components.schemas)
        .map(|(key, schema)| (key.clone(), refs_in(schema)))
        .collect();
    let from_errors = reachable(&edges, error_roots);
    // A component nothing reaches (a model for webhooks, say) is a root of its own: whatever it
    // references must stay too.
    success_roots.extend(edges.keys().filter(|key| !from_errors.contains(*key)).cloned());
    let from_others = reachable(&edges, success_roots);
    from_errors.difference(&from_others).cloned().collect()
}

/// Every component key `roots` lead to through references, the roots included.
fn reachable(edges: &BTreeMap<String, Vec<String>>, roots: Vec<String>) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut stack = roots;
    while let Some(key) = stack.pop() {
        if seen.insert(key.clone()) {
            stack.extend(edges.get(&key).into_iter().flatten().cloned());
        }
    }
    seen
}

/// The component keys that `$ref`s anywhere inside `node` point at.
fn refs_in<T: Serialize>(node: &T) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![serde_json::to_value(node).unwrap_or(Value::Null)];
    while let Some(value) = stack.pop() {
        match value {
            Value::Object(map) => {
                for (key, child) in map {
                    match (key.as_str(), &child) {
                        ("$ref", Value::String(reference)) => {
                            if let Some(target) = reference.strip_prefix(SCHEMA_REF_PREFIX) {
                                found.push(target.replace("~1", "/").replace("~0", "~"));
                            }
                        }
                        _ => stack.push(child),
                    }
                }
            }
            Value::Array(items) => stack.extend(items),
            _ => {}
        }
    }
    found
}
