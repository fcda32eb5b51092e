//! Finds the component schemas that only error responses reach (Stripe's `error` envelope and
//! everything under it: 205 error codes, `api_errors`, …). The client reads failures into its own
//! `ApiError`, which every resource shares, so generating the envelope again for each crate would
//! be output nothing uses; these components are left out. A component that a parameter, a request
//! body, a success response or a component outside the envelope also reaches is kept, and so is
//! every component of a spec whose responses name no error schema.

use std::collections::{BTreeMap, BTreeSet};

use serde_yaml::Value;

use crate::yaml_walk::collect_refs;

/// Keys of the component schemas reachable from error responses and from nothing else, sorted.
/// Read from the plain YAML `document`: only its references matter here.
pub(super) fn error_only_components(document: &Value) -> BTreeSet<String> {
    let mut success_roots = Vec::new();
    let mut error_roots = Vec::new();
    let paths = document.get("paths").and_then(Value::as_mapping);
    for (_, item) in paths.into_iter().flatten() {
        let Some(item) = item.as_mapping() else { continue };
        for (key, node) in item {
            let Some(method) = node.as_mapping().filter(|_| key.as_str() != Some("parameters")) else {
                // Path-level parameters, and anything that is not an operation.
                collect_refs(node, &mut success_roots);
                continue;
            };
            for (field, part) in method {
                if field.as_str() != Some("responses") {
                    collect_refs(part, &mut success_roots);
                    continue;
                }
                for (code, response) in part.as_mapping().into_iter().flatten() {
                    let code = match code {
                        Value::Number(n) => n.to_string(),
                        other => other.as_str().unwrap_or_default().to_owned(),
                    };
                    let is_success = code.starts_with('2');
                    collect_refs(
                        response,
                        if is_success {
                            &mut success_roots
                        } else {
                            &mut error_roots
                        },
                    );
                }
            }
        }
    }
    if error_roots.is_empty() {
        return BTreeSet::new();
    }
    let schemas = document
        .get("components")
        .and_then(|c| c.get("schemas"))
        .and_then(Value::as_mapping);
    let edges: BTreeMap<String, Vec<String>> = schemas
        .into_iter()
        .flatten()
        .filter_map(|(key, schema)| {
            let mut refs = Vec::new();
            collect_refs(schema, &mut refs);
            Some((key.as_str()?.to_owned(), refs))
        })
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
