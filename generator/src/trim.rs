//! Cuts one resource out of a full Stripe spec: its operations (chosen by `x-resourceId` or by
//! path prefix) and every schema they reach, stopping at other resources. A `$ref` that would
//! leave the cut becomes a free-form JSON object (`type: object, additionalProperties: true`), so
//! the trimmed spec generates on its own; `keep` names resources to follow instead of cutting.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use crate::yaml_walk::{collect_refs, ref_key};
use serde_yaml::{Mapping, Value};

const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// What to cut out.
#[derive(Clone, Debug, Default)]
pub struct TrimOptions {
    /// Keep the operations whose success response is this resource (its `x-resourceId` or its
    /// schema key), a list of it, or its deleted form.
    pub resource: Option<String>,
    /// Keep the operations under this path (`/v1/identity/verification_sessions`).
    pub path_prefix: Option<String>,
    /// Resources (schema keys) to keep in full instead of cutting to free-form JSON.
    pub keep: Vec<String>,
}

/// Trims spec `text` (YAML or JSON) and returns the trimmed spec as YAML.
pub fn trim(text: &str, options: &TrimOptions) -> Result<String, String> {
    let document: Value = serde_yaml::from_str(text).map_err(|e| format!("not valid YAML: {e}"))?;
    let trimmed = trim_value(&document, options)?;
    let yaml = serde_yaml::to_string(&trimmed).map_err(|e| format!("cannot write YAML: {e}"))?;
    let what = options
        .resource
        .as_deref()
        .or(options.path_prefix.as_deref())
        .unwrap_or("?");
    Ok(format!("# Trimmed by `stripe-codegen trim` to `{what}`; references that left the cut are free-form JSON.\n{yaml}"))
}

/// Trims a parsed spec (parse once, trim many: the full Stripe spec is 4 MB).
pub fn trim_value(document: &Value, options: &TrimOptions) -> Result<Value, String> {
    if options.resource.is_none() && options.path_prefix.is_none() {
        return Err("say what to keep: a resource (`--resource`) or a path prefix (`--prefix`)".to_owned());
    }
    let empty = Mapping::new();
    let (schemas, paths) = schemas_and_paths(document, &empty);
    let resource_key = options
        .resource
        .as_deref()
        .map(|r| resource_schema_key(schemas, r))
        .transpose()?;

    // The operations to keep, and the resources their responses are (inside the cut).
    let mut kept_paths = Mapping::new();
    let mut inside: BTreeSet<String> = options.keep.iter().cloned().collect();
    if let Some(key) = &resource_key {
        inside.insert(key.clone());
        inside.insert(format!("deleted_{key}"));
    }
    for (path, item) in paths {
        let (Some(path_text), Some(item)) = (path.as_str(), item.as_mapping()) else {
            continue;
        };
        let mut kept = Mapping::new();
        for (key, value) in item {
            let method = key.as_str().unwrap_or_default();
            if !METHODS.contains(&method) {
                kept.insert(key.clone(), value.clone());
                continue;
            }
            let responds_with = success_schema_refs(value);
            let selected = match (&resource_key, &options.path_prefix) {
                (Some(key), _) => responds_with
                    .iter()
                    .any(|r| r == key || *r == format!("deleted_{key}")),
                (None, Some(prefix)) => under_prefix(path_text, prefix),
                (None, None) => false,
            };
            if selected {
                inside.extend(responds_with);
                kept.insert(key.clone(), value.clone());
            }
        }
        if kept
            .keys()
            .any(|k| METHODS.contains(&k.as_str().unwrap_or_default()))
        {
            kept_paths.insert(path.clone(), Value::Mapping(kept));
        }
    }
    if kept_paths.is_empty() {
        return Err("no operation matches; check the resource ID or the path prefix".to_owned());
    }

    // Schemas reachable from the kept operations, not crossing into other resources.
    let is_resource = |key: &str| schemas.get(key).and_then(|s| s.get("x-resourceId")).is_some();
    let mut kept_schemas: BTreeSet<String> = BTreeSet::new();
    let mut queue: VecDeque<String> = VecDeque::new();
    let mut found = Vec::new();
    collect_refs(&Value::Mapping(kept_paths.clone()), &mut found);
    queue.extend(found);
    while let Some(key) = queue.pop_front() {
        if kept_schemas.contains(&key) || !schemas.contains_key(key.as_str()) {
            continue;
        }
        if is_resource(&key) && !inside.contains(&key) {
            continue;
        }
        kept_schemas.insert(key.clone());
        let mut found = Vec::new();
        collect_refs(&schemas[key.as_str()], &mut found);
        queue.extend(found);
    }

    let mut out_schemas = Mapping::new();
    for key in &kept_schemas {
        out_schemas.insert(
            Value::from(key.as_str()),
            rewrite(&schemas[key.as_str()], &kept_schemas),
        );
    }
    let mut out = Mapping::new();
    for field in ["openapi", "info", "servers"] {
        if let Some(value) = document.get(field) {
            out.insert(Value::from(field), value.clone());
        }
    }
    out.insert(
        Value::from("paths"),
        rewrite(&Value::Mapping(kept_paths), &kept_schemas),
    );
    let mut components = Mapping::new();
    components.insert(Value::from("schemas"), Value::Mapping(out_schemas));
    out.insert(Value::from("components"), Value::Mapping(components));
    Ok(Value::Mapping(out))
}

/// Resources that have operations: `x-resourceId` -> how many operations respond with them.
pub fn resources_with_operations(document: &Value) -> BTreeMap<String, usize> {
    let empty = Mapping::new();
    let (schemas, paths) = schemas_and_paths(document, &empty);
    let mut found = BTreeMap::new();
    for item in paths.values().filter_map(Value::as_mapping) {
        for (method, operation) in item {
            if !METHODS.contains(&method.as_str().unwrap_or_default()) {
                continue;
            }
            for key in success_schema_refs(operation) {
                let id = schemas
                    .get(key.as_str())
                    .and_then(|s| s.get("x-resourceId"))
                    .and_then(Value::as_str);
                if let Some(id) = id.filter(|id| !id.starts_with("deleted_")) {
                    *found.entry(id.to_owned()).or_insert(0) += 1;
                }
            }
        }
    }
    found
}

/// The document's `components.schemas` and `paths`, or `empty` where they are missing.
fn schemas_and_paths<'a>(document: &'a Value, empty: &'a Mapping) -> (&'a Mapping, &'a Mapping) {
    let schemas = document
        .get("components")
        .and_then(|c| c.get("schemas"))
        .and_then(Value::as_mapping);
    let paths = document.get("paths").and_then(Value::as_mapping);
    (schemas.unwrap_or(empty), paths.unwrap_or(empty))
}

fn under_prefix(path: &str, prefix: &str) -> bool {
    path == prefix
        || path
            .strip_prefix(prefix)
            .is_some_and(|rest| rest.starts_with('/'))
}

/// The schema key of resource `id` (its `x-resourceId`, or its key).
fn resource_schema_key(schemas: &Mapping, id: &str) -> Result<String, String> {
    for (key, schema) in schemas {
        if schema.get("x-resourceId").and_then(Value::as_str) == Some(id) {
            return Ok(key.as_str().unwrap_or_default().to_owned());
        }
    }
    if schemas.contains_key(id) {
        return Ok(id.to_owned());
    }
    Err(format!("no schema has `x-resourceId: {id}` or the key `{id}`"))
}

/// The schemas a 2xx JSON response is: a direct `$ref`, the items of a list page, or the
/// alternatives of an `anyOf`.
fn success_schema_refs(operation: &Value) -> Vec<String> {
    let mut refs = Vec::new();
    let Some(responses) = operation.get("responses").and_then(Value::as_mapping) else {
        return refs;
    };
    for (code, response) in responses {
        let code = match code {
            Value::Number(n) => n.to_string(),
            other => other.as_str().unwrap_or_default().to_owned(),
        };
        if !code.starts_with('2') {
            continue;
        }
        let Some(schema) = response
            .get("content")
            .and_then(|c| c.get("application/json"))
            .and_then(|m| m.get("schema"))
        else {
            continue;
        };
        let data_items = schema
            .get("properties")
            .and_then(|p| p.get("data"))
            .and_then(|d| d.get("items"));
        for candidate in [Some(schema), data_items].into_iter().flatten() {
            if let Some(key) = ref_key(candidate) {
                refs.push(key);
            }
            for alternative in candidate
                .get("anyOf")
                .and_then(Value::as_sequence)
                .into_iter()
                .flatten()
            {
                refs.extend(ref_key(alternative));
            }
        }
    }
    refs
}

/// Replaces references to schemas outside the cut with free-form objects, and collapses
/// alternatives that became identical.
fn rewrite(value: &Value, kept: &BTreeSet<String>) -> Value {
    match value {
        Value::Mapping(map) => {
            if let Some(key) = ref_key(value) {
                if !kept.contains(&key) {
                    let mut free = Mapping::new();
                    free.insert(Value::from("type"), Value::from("object"));
                    free.insert(Value::from("additionalProperties"), Value::from(true));
                    free.insert(
                        Value::from("description"),
                        Value::from(format!("A `{key}` object (outside this cut), as raw JSON.")),
                    );
                    return Value::Mapping(free);
                }
            }
            let mut out = Mapping::new();
            for (k, v) in map {
                let mut v = rewrite(v, kept);
                if matches!(k.as_str(), Some("anyOf" | "oneOf")) {
                    if let Value::Sequence(items) = &mut v {
                        let mut unique: Vec<Value> = Vec::new();
                        for item in items.drain(..) {
                            if !unique.contains(&item) {
                                unique.push(item);
                            }
                        }
                        *items = unique;
                    }
                }
                out.insert(k.clone(), v);
            }
            Value::Mapping(out)
        }
        Value::Sequence(items) => Value::Sequence(items.iter().map(|v| rewrite(v, kept)).collect()),
        other => other.clone(),
    }
}
