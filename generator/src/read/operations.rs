//! What an operation is made of: the operations of the spec in path order (with the methods and
//! path items it does not support), an operation's parameters in the order their names are
//! claimed, its form body's properties, its first 2xx JSON response, and its path template.

use std::collections::BTreeMap;

use openapiv3::{
    OpenAPI, Operation, Parameter, ParameterSchemaOrContent, PathItem, ReferenceOr, Schema, StatusCode,
};

use super::shape::Properties;
use super::{refs, Finding};
use crate::diagnostic::child;
use crate::ir::{HttpMethod, PathPart, TypeRef};

const FORM: &str = "application/x-www-form-urlencoded";
const JSON: &str = "application/json";

/// The key of `method` in a path item (`get`), as pointers and names spell it.
pub(crate) fn method_key(method: HttpMethod) -> &'static str {
    match method {
        HttpMethod::Get => "get",
        HttpMethod::Post => "post",
        HttpMethod::Delete => "delete",
    }
}

/// One operation of the spec and where it sits.
pub(crate) struct SpecOperation<'a> {
    pub path: &'a str,
    pub method: HttpMethod,
    pub item: &'a PathItem,
    pub operation: &'a Operation,
    /// `#/paths/…/get`.
    pub pointer: String,
}

/// Every operation the generator supports, in path order, and what it cannot take (path items
/// given by `$ref`, methods Stripe's API does not use).
pub(crate) fn operations(spec: &OpenAPI) -> (Vec<SpecOperation<'_>>, Vec<Finding>) {
    let mut paths: Vec<_> = spec.paths.paths.iter().collect();
    paths.sort_by(|a, b| a.0.cmp(b.0));
    let mut found = Vec::new();
    let mut problems = Vec::new();
    for (path, item) in paths {
        let pointer = child("#/paths", path);
        let ReferenceOr::Item(item) = item else {
            let message = "path items given by `$ref` are not supported; write the path item inline";
            problems.push(Finding::unsupported(&pointer, message));
            continue;
        };
        for (key, present) in [
            ("put", &item.put),
            ("patch", &item.patch),
            ("head", &item.head),
            ("options", &item.options),
            ("trace", &item.trace),
        ] {
            if present.is_some() {
                let message =
                    format!("`{key}` operations are not supported; Stripe's API uses GET, POST and DELETE");
                problems.push(Finding::unsupported(&child(&pointer, key), message));
            }
        }
        let methods = [
            (HttpMethod::Get, &item.get),
            (HttpMethod::Post, &item.post),
            (HttpMethod::Delete, &item.delete),
        ];
        for (method, operation) in methods {
            if let Some(operation) = operation {
                found.push(SpecOperation {
                    path,
                    method,
                    item,
                    operation,
                    pointer: child(&pointer, method_key(method)),
                });
            }
        }
    }
    (found, problems)
}

/// The parameters of `op`, keyed by (not path, name): path parameters claim their names first,
/// then the rest by name. Path-item parameters come first and the operation's own override them
/// by name; those given by `$ref` are not supported.
pub(crate) fn parameters<'a>(op: &SpecOperation<'a>) -> (Vec<(&'a Parameter, String)>, Vec<Finding>) {
    let pointer = &op.pointer;
    let inherited = op.item.parameters.iter().enumerate().map(|(i, p)| {
        (
            p,
            child(
                &child(&pointer[..pointer.rfind('/').unwrap_or(0)], "parameters"),
                &i.to_string(),
            ),
        )
    });
    let own = op
        .operation
        .parameters
        .iter()
        .enumerate()
        .map(|(i, p)| (p, child(&child(pointer, "parameters"), &i.to_string())));
    let mut problems = Vec::new();
    let mut by_name: BTreeMap<(bool, String), (&Parameter, String)> = BTreeMap::new();
    for (parameter, param_pointer) in inherited.chain(own) {
        let ReferenceOr::Item(parameter) = parameter else {
            let message = "parameters given by `$ref` are not supported; write the parameter inline";
            problems.push(Finding::unsupported(&param_pointer, message));
            continue;
        };
        let is_path = matches!(parameter, Parameter::Path { .. });
        by_name.insert(
            (!is_path, parameter.parameter_data_ref().name.clone()),
            (parameter, param_pointer),
        );
    }
    (by_name.into_values().collect(), problems)
}

/// A parameter's schema; one described by `content` is not supported.
pub(crate) fn parameter_schema<'a>(
    parameter: &'a Parameter,
    pointer: &str,
) -> Result<&'a ReferenceOr<Schema>, Finding> {
    match &parameter.parameter_data_ref().format {
        ParameterSchemaOrContent::Schema(schema) => Ok(schema),
        ParameterSchemaOrContent::Content(_) => Err(Finding::unsupported(
            pointer,
            "parameters described by `content` are not supported; give the parameter a `schema`",
        )),
    }
}

/// Splits `/v1/x/{id}/cancel` into text and parameters, given the wire and Rust names of the
/// path parameters (parts name them by index in `params`); every `{name}` must be one, and every one must appear. Otherwise, what is
/// wrong, each an error at the operation.
pub(crate) fn path_template(path: &str, params: &[&str]) -> Result<Vec<PathPart>, Vec<String>> {
    let mut parts = Vec::new();
    let mut problems = Vec::new();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            problems.push(format!("path `{path}` has an unclosed `{{`"));
            return Err(problems);
        };
        if open > 0 {
            parts.push(PathPart::Literal(rest[..open].to_owned()));
        }
        let name = &rest[open + 1..open + close];
        match params.iter().position(|wire| *wire == name) {
            Some(index) => parts.push(PathPart::Param(index)),
            None => problems.push(format!(
                "path `{path}` uses `{{{name}}}` but the operation declares no path parameter `{name}`"
            )),
        }
        rest = &rest[open + close + 1..];
    }
    if !rest.is_empty() {
        parts.push(PathPart::Literal(rest.to_owned()));
    }
    for (index, wire) in params.iter().enumerate() {
        if !parts.contains(&PathPart::Param(index)) {
            problems.push(format!(
                "path parameter `{wire}` does not appear in the path `{path}`"
            ));
        }
    }
    if problems.is_empty() {
        Ok(parts)
    } else {
        Err(problems)
    }
}

/// Literal path segments that some path follows with a parameter: the collections, which builder
/// names read (`/v1/customers/{customer}` -> `customers`).
pub(crate) fn collections(spec: &OpenAPI) -> std::collections::BTreeSet<String> {
    let mut found = std::collections::BTreeSet::new();
    for path in spec.paths.paths.keys() {
        let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        for pair in segments.windows(2) {
            if !pair[0].starts_with('{') && pair[1].starts_with('{') {
                found.insert(pair[0].to_owned());
            }
        }
    }
    found
}

/// What an operation's request body gives its builder.
pub(crate) enum Body<'a> {
    /// Fields from these properties of the form schema.
    Form {
        properties: &'a Properties,
        required: &'a [String],
        properties_pointer: String,
    },
    /// No fields: no body, no media type, or no schema.
    Nothing,
    /// No fields, and this is wrong with the body (the operation is still made).
    Broken(Finding),
    /// A body the generator cannot send: the operation is skipped (lenient runs) or the run fails.
    Unsupported(Finding),
}

/// The form body of `operation` at `pointer`, which must be `application/x-www-form-urlencoded`.
pub(crate) fn form_body<'a>(spec: &'a OpenAPI, operation: &'a Operation, pointer: &str) -> Body<'a> {
    let body_pointer = child(pointer, "requestBody");
    let body = match &operation.request_body {
        None => return Body::Nothing,
        Some(ReferenceOr::Reference { .. }) => {
            let message = "request bodies given by `$ref` are not supported; write the body inline (a lenient run skips the operation)";
            return Body::Unsupported(Finding::unsupported(&body_pointer, message));
        }
        Some(ReferenceOr::Item(body)) => body,
    };
    let content_pointer = child(&body_pointer, "content");
    let Some(media) = body.content.get(FORM) else {
        if body.content.is_empty() {
            return Body::Nothing;
        }
        let types: Vec<&str> = body.content.keys().map(String::as_str).collect();
        let message = format!(
            "request body media types [{}] are not supported; only {FORM} is (a lenient run skips the operation)",
            types.join(", ")
        );
        return Body::Unsupported(Finding::unsupported(&content_pointer, message));
    };
    let schema_pointer = child(&child(&content_pointer, FORM), "schema");
    let Some(schema) = &media.schema else {
        return Body::Nothing;
    };
    let schema = match schema {
        ReferenceOr::Item(schema) => schema,
        ReferenceOr::Reference { reference } => match refs::resolve(spec, reference) {
            Ok((_, schema)) => schema,
            Err(message) => return Body::Broken(Finding::error(&schema_pointer, message)),
        },
    };
    match &schema.schema_kind {
        openapiv3::SchemaKind::Type(openapiv3::Type::Object(object)) => Body::Form {
            properties: &object.properties,
            required: &object.required,
            properties_pointer: child(&schema_pointer, "properties"),
        },
        _ => Body::Broken(Finding::error(
            &schema_pointer,
            "a form body must be an object schema whose properties are the parameters",
        )),
    }
}

/// The schema of the first 2xx JSON response of `operation` at `pointer`, and where it is.
pub(crate) fn success_response<'a>(
    operation: &'a Operation,
    pointer: &str,
) -> Result<(&'a ReferenceOr<Schema>, String), Finding> {
    let responses_pointer = child(pointer, "responses");
    let mut success: Vec<_> = operation
        .responses
        .responses
        .iter()
        .filter(|(code, _)| matches!(code, StatusCode::Code(200..=299) | StatusCode::Range(2)))
        .collect();
    success.sort_by_key(|(code, _)| (*code).clone());
    let Some((code, response)) = success.first() else {
        return Err(Finding::error(
            &responses_pointer,
            "the operation has no 2xx response; add one with an application/json schema",
        ));
    };
    let response_pointer = child(&responses_pointer, &code.to_string());
    let ReferenceOr::Item(response) = response else {
        let message = "responses given by `$ref` are not supported; write the response inline (a lenient run skips the operation)";
        return Err(Finding::unsupported(&response_pointer, message));
    };
    let Some(schema) = response.content.get(JSON).and_then(|media| media.schema.as_ref()) else {
        let message = format!("the {code} response has no {JSON} schema; it is the only response media type supported (a lenient run skips the operation)");
        return Err(Finding::unsupported(&response_pointer, message));
    };
    let schema_pointer = child(&child(&child(&response_pointer, "content"), JSON), "schema");
    Ok((schema, schema_pointer))
}

/// Whether the first 2xx response is written inline as a list page (`data` + `has_more`).
pub(crate) fn returns_list(operation: &Operation) -> bool {
    let success = operation
        .responses
        .responses
        .iter()
        .find(|(code, _)| matches!(code, StatusCode::Code(200..=299)));
    let schema = success
        .and_then(|(_, response)| response.as_item())
        .and_then(|response| response.content.get(JSON))
        .and_then(|media| media.schema.as_ref())
        .and_then(|schema| schema.as_item());
    match schema.map(|s| &s.schema_kind) {
        Some(openapiv3::SchemaKind::Type(openapiv3::Type::Object(object))) => {
            object.properties.contains_key("data") && object.properties.contains_key("has_more")
        }
        _ => false,
    }
}

/// A form-body `metadata` map of strings can be sent empty (`metadata=`), which unsets every key:
/// Stripe documents this on every `metadata` parameter of its API ("All keys can be unset by
/// posting an empty value to `metadata`"), though most of its schemas, this resource's among them,
/// type the parameter as a plain map. The rule follows the documented behaviour, so a drop-in
/// of Stripe's spec keeps it; where a spec already writes `anyOf: [map, enum [""]]` the type is
/// emptyable anyway.
pub(crate) fn clearable_metadata(wire: &str, ty: TypeRef) -> TypeRef {
    match ty {
        TypeRef::Map(value) if wire == "metadata" && *value == TypeRef::String => {
            TypeRef::Emptyable(Box::new(TypeRef::Map(value)))
        }
        other => other,
    }
}
