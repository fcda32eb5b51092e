//! Names every request builder, in path order, before any type: from the resource's
//! `x-stripeOperations` (`create` on `VerificationSession` -> `CreateVerificationSession`), else
//! read from the path (`naming::path_builder_name`), else from the `operationId`. An inline
//! type's derived name (`CreateSubscriptionItem` for the `items` of `POST /v1/subscriptions`)
//! then never takes a builder's name (the builder of `POST /v1/subscription_items`): the inline
//! type moves aside. Two operations sharing an `operationId` get a warning: the spec means them
//! to be unique.

use std::collections::{BTreeMap, BTreeSet};

use super::walk::Walk;
use crate::diagnostic::child;
use crate::naming;
use crate::read::{self, SpecOperation};

/// Names the builder of every supported operation; returns each with its name, in path order.
pub(super) fn name_builders<'a>(w: &mut Walk<'a>) -> Vec<(SpecOperation<'a>, String)> {
    let names = stripe_operation_names(w);
    let collections = collections(w);
    let (operations, _) = read::operations(w.spec);
    let mut operation_ids: BTreeMap<&str, String> = BTreeMap::new();
    let mut named = Vec::new();
    for operation in operations {
        let op_pointer = &operation.pointer;
        if let Some(id) = operation.operation.operation_id.as_deref() {
            match operation_ids.get(id) {
                Some(first) => w.warning(
                    &child(op_pointer, "operationId"),
                    format!("the operationId `{id}` is also used by {first}; operationIds should be unique (builder names are kept apart regardless)"),
                ),
                None => {
                    operation_ids.insert(id, op_pointer.clone());
                }
            }
        }
        let candidates = builder_names(&names, &collections, &operation);
        // A derived name another item took falls back to the next candidate, and past the last
        // one to a numbered form of the first.
        let free = candidates.iter().find(|name| !w.name_taken(name, op_pointer));
        let name = match free {
            Some(name) => {
                w.claim_name(name, op_pointer);
                name.clone()
            }
            None => w.claim_derived(&candidates[0], op_pointer),
        };
        w.plan.builders.insert(op_pointer.clone(), name.clone());
        named.push((operation, name));
    }
    named
}

/// Where a builder name comes from: `(path, method)` -> builder name, from `x-stripeOperations`.
fn stripe_operation_names(w: &Walk) -> BTreeMap<(String, String), String> {
    let mut names = BTreeMap::new();
    for (_, schema) in read::generated_components(w.spec, &w.walks.error_only) {
        let Some(schema) = schema.as_item() else { continue };
        let extensions = &schema.schema_data.extensions;
        let Some(operations) = extensions.get("x-stripeOperations").and_then(|v| v.as_array()) else {
            continue;
        };
        let class = read::class_name(schema).or(schema.schema_data.title.as_deref());
        let Some(class) = class else { continue };
        for operation in operations {
            let field = |name: &str| operation.get(name).and_then(|v| v.as_str());
            let (Some(method_name), Some(http), Some(path)) =
                (field("method_name"), field("operation"), field("path"))
            else {
                continue;
            };
            let is_list = field("method_type") == Some("list");
            let name = naming::builder_name(method_name, class, is_list);
            names.insert((path.to_owned(), http.to_ascii_lowercase()), name);
        }
    }
    names
}

/// The builder's candidate names, best first: from `x-stripeOperations` when the spec has them,
/// else read from the path, then from the `operationId` (or the method and path).
fn builder_names(
    names: &BTreeMap<(String, String), String>,
    collections: &BTreeSet<String>,
    operation: &SpecOperation,
) -> Vec<String> {
    let method = read::method_key(operation.method);
    if let Some(name) = names.get(&(operation.path.to_owned(), method.to_owned())) {
        return vec![name.clone()];
    }
    let mut candidates = vec![naming::path_builder_name(
        method,
        operation.path,
        collections,
        read::returns_list(operation.operation),
    )];
    match &operation.operation.operation_id {
        Some(id) if !id.trim().is_empty() => candidates.push(naming::operation_id_builder_name(id)),
        _ => candidates.push(naming::method_path_builder_name(method, operation.path)),
    }
    candidates
}

/// Literal path segments that some path follows with a parameter: the collections.
fn collections(w: &Walk) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for path in w.spec.paths.paths.keys() {
        let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        for pair in segments.windows(2) {
            if !pair[0].starts_with('{') && pair[1].starts_with('{') {
                found.insert(pair[0].to_owned());
            }
        }
    }
    found
}
