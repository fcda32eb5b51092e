//! Finds the component schemas that only error responses reach (Stripe's `error` envelope and
//! everything under it: 205 error codes, `api_errors`, …). The client reads failures into its own
//! `ApiError`, which every resource shares, so generating the envelope again for each crate would
//! be output nothing uses; these components are left out. A component that a parameter, a request
//! body, a success response or a component outside the envelope also reaches is kept, and so is
//! every component of a spec whose responses name no error schema.

use std::collections::{BTreeMap, BTreeSet};

use openapiv3::OpenAPI;

use super::walk::Found;

/// Keys of the component schemas reachable from error responses and from nothing else, sorted.
/// Only the spec's references matter here.
pub(super) fn error_only_components(spec: &OpenAPI) -> BTreeSet<String> {
    let mut success = Found::default();
    let mut errors = Found::default();
    for item in spec.paths.paths.values() {
        let openapiv3::ReferenceOr::Item(item) = item else {
            continue;
        };
        success.extensions(&item.extensions);
        item.parameters.iter().for_each(|p| success.parameter(p));
        for (_, operation) in item.iter() {
            success.operation_inputs(operation);
            success.extensions(&operation.responses.extensions);
            // `default` is the response for every other status: errors, in Stripe's spec.
            operation
                .responses
                .default
                .iter()
                .for_each(|r| errors.response(r));
            for (code, response) in &operation.responses.responses {
                let is_success = code.to_string().starts_with('2');
                if is_success {
                    success.response(response);
                } else {
                    errors.response(response);
                }
            }
        }
    }
    if errors.refs.is_empty() {
        return BTreeSet::new();
    }
    let schemas = spec.components.iter().flat_map(|c| &c.schemas);
    let edges: BTreeMap<String, Vec<String>> = schemas
        .map(|(key, schema)| {
            let mut found = Found::default();
            found.schema_or_ref(schema);
            (key.clone(), found.refs)
        })
        .collect();
    let from_errors = reachable(&edges, errors.refs);
    // A component nothing reaches (a model for webhooks, say) is a root of its own: whatever it
    // references must stay too.
    let mut success_roots = success.refs;
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
