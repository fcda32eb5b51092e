//! Operations to request builders. A builder is named from the resource's `x-stripeOperations`
//! (`create` on `VerificationSession` -> `CreateVerificationSession`), falling back to the
//! `operationId`; its fields are the path parameters (constructor arguments), the query parameters
//! and the form body's properties; its response is the first 2xx JSON schema.

use std::collections::BTreeMap;

use openapiv3::{
    Operation as SpecOperation, Parameter, ParameterSchemaOrContent, PathItem, ReferenceOr, StatusCode,
};

use super::schema::{claim_field_name, field_docs, lower_type};
use super::Lowerer;
use crate::diagnostic::child;
use crate::ir::{Field, HttpMethod, Operation, Pagination, PathPart, Role, TypeRef};
use crate::naming::{self, Namespace};

const FORM: &str = "application/x-www-form-urlencoded";
const JSON: &str = "application/json";

/// Where a builder name comes from: `(path, method)` -> builder name, from `x-stripeOperations`.
fn stripe_operation_names(lw: &Lowerer) -> BTreeMap<(String, String), String> {
    let mut names = BTreeMap::new();
    for (_, schema) in lw.components() {
        let Some(schema) = schema.as_item() else { continue };
        let extensions = &schema.schema_data.extensions;
        let Some(operations) = extensions.get("x-stripeOperations").and_then(|v| v.as_array()) else {
            continue;
        };
        let class = extensions
            .get("x-stripeResource")
            .and_then(|r| r.get("class_name"))
            .and_then(|c| c.as_str())
            .or(schema.schema_data.title.as_deref());
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

/// An operation with its builder name settled, waiting to be lowered.
pub(super) struct Planned<'a> {
    name: String,
    path: &'a str,
    method: HttpMethod,
    item: &'a PathItem,
    operation: &'a SpecOperation,
    pointer: String,
}

/// Names every builder, in path order, before any type is lowered: an inline type's derived name
/// (`CreateSubscriptionItem` for the `items` of `POST /v1/subscriptions`) then never takes a
/// builder's name (the builder of `POST /v1/subscription_items`); the inline type moves aside.
/// Two operations sharing an `operationId` get a warning: the spec means them to be unique.
pub(super) fn plan_operations<'a>(lw: &mut Lowerer<'a>) -> Vec<Planned<'a>> {
    let names = stripe_operation_names(lw);
    let collections = collections(lw);
    let spec = lw.spec;
    let mut paths: Vec<_> = spec.paths.paths.iter().collect();
    paths.sort_by(|a, b| a.0.cmp(b.0));
    let mut operation_ids: BTreeMap<&str, String> = BTreeMap::new();
    let mut planned = Vec::new();
    for (path, item) in paths {
        let pointer = child("#/paths", path);
        let ReferenceOr::Item(item) = item else {
            let message = "path items given by `$ref` are not supported; write the path item inline";
            lw.problems.unsupported(&pointer, message);
            continue;
        };
        for (method, operation) in methods(lw, item, &pointer) {
            let op_pointer = child(&pointer, method_key(method));
            if let Some(id) = operation.operation_id.as_deref() {
                match operation_ids.get(id) {
                    Some(first) => lw.problems.warning(
                        &child(&op_pointer, "operationId"),
                        format!("the operationId `{id}` is also used by {first}; operationIds should be unique (builder names are kept apart regardless)"),
                    ),
                    None => {
                        operation_ids.insert(id, op_pointer.clone());
                    }
                }
            }
            let candidates = builder_names(&names, &collections, path, method, operation);
            // A derived name another item took falls back to the next candidate, and past the last
            // one to a numbered form of the first.
            let free = candidates.iter().find(|name| !lw.name_taken(name, &op_pointer));
            let name = match free {
                Some(name) => {
                    lw.claim_name(name, &op_pointer);
                    name.clone()
                }
                None => lw.claim_derived(&candidates[0], &op_pointer),
            };
            planned.push(Planned {
                name,
                path,
                method,
                item,
                operation,
                pointer: op_pointer,
            });
        }
    }
    planned
}

/// Lowers the planned operations into builders, by name.
pub(super) fn lower_operations(lw: &mut Lowerer, planned: Vec<Planned>) -> BTreeMap<String, Operation> {
    let mut operations = BTreeMap::new();
    for op in planned {
        let lowered = lower_operation(
            lw,
            &op.name,
            op.path,
            op.method,
            op.item,
            op.operation,
            &op.pointer,
        );
        if let Some(lowered) = lowered {
            operations.insert(op.name, lowered);
        }
    }
    operations
}

fn method_key(method: HttpMethod) -> &'static str {
    match method {
        HttpMethod::Get => "get",
        HttpMethod::Post => "post",
        HttpMethod::Delete => "delete",
    }
}

/// The operations of a path item that Stripe's API uses; others are reported.
fn methods<'a>(lw: &mut Lowerer, item: &'a PathItem, pointer: &str) -> Vec<(HttpMethod, &'a SpecOperation)> {
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
            lw.problems.unsupported(&child(pointer, key), message);
        }
    }
    [
        (HttpMethod::Get, &item.get),
        (HttpMethod::Post, &item.post),
        (HttpMethod::Delete, &item.delete),
    ]
    .into_iter()
    .filter_map(|(method, operation)| operation.as_ref().map(|op| (method, op)))
    .collect()
}

/// The builder's name: from `x-stripeOperations` when the spec has them, else read from the path
/// (`naming::path_builder_name`); if that name is taken, from the `operationId`.
fn builder_names(
    names: &BTreeMap<(String, String), String>,
    collections: &std::collections::BTreeSet<String>,
    path: &str,
    method: HttpMethod,
    operation: &SpecOperation,
) -> Vec<String> {
    if let Some(name) = names.get(&(path.to_owned(), method_key(method).to_owned())) {
        return vec![name.clone()];
    }
    let mut candidates = vec![naming::path_builder_name(
        method_key(method),
        path,
        collections,
        returns_list(operation),
    )];
    match &operation.operation_id {
        Some(id) if !id.trim().is_empty() => candidates.push(naming::type_name(id)),
        _ => candidates.push(naming::type_name(&format!("{} {path}", method_key(method)))),
    }
    candidates
}

/// Whether the first 2xx response is written inline as a list page (`data` + `has_more`).
fn returns_list(operation: &SpecOperation) -> bool {
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

/// Literal path segments that some path follows with a parameter: the collections.
fn collections(lw: &Lowerer) -> std::collections::BTreeSet<String> {
    let mut found = std::collections::BTreeSet::new();
    for path in lw.spec.paths.paths.keys() {
        let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        for pair in segments.windows(2) {
            if !pair[0].starts_with('{') && pair[1].starts_with('{') {
                found.insert(pair[0].to_owned());
            }
        }
    }
    found
}

#[allow(clippy::too_many_arguments)] // The operation and everywhere it sits in the spec.
fn lower_operation(
    lw: &mut Lowerer,
    name: &str,
    path: &str,
    method: HttpMethod,
    item: &PathItem,
    operation: &SpecOperation,
    pointer: &str,
) -> Option<Operation> {
    let mut field_names = ParamNames::default();
    let mut path_params = Vec::new();
    let mut query_params = Vec::new();
    // Path-item parameters first, then the operation's own, which override them by name.
    let inherited = item.parameters.iter().enumerate().map(|(i, p)| {
        (
            p,
            child(
                &child(&pointer[..pointer.rfind('/').unwrap_or(0)], "parameters"),
                &i.to_string(),
            ),
        )
    });
    let own = operation
        .parameters
        .iter()
        .enumerate()
        .map(|(i, p)| (p, child(&child(pointer, "parameters"), &i.to_string())));
    // Keyed (not path, name): path parameters claim their names first, then the rest by name.
    let mut by_name: BTreeMap<(bool, String), (&Parameter, String)> = BTreeMap::new();
    for (parameter, param_pointer) in inherited.chain(own) {
        let ReferenceOr::Item(parameter) = parameter else {
            let message = "parameters given by `$ref` are not supported; write the parameter inline";
            lw.problems.unsupported(&param_pointer, message);
            continue;
        };
        let is_path = matches!(parameter, Parameter::Path { .. });
        by_name.insert(
            (!is_path, parameter.parameter_data_ref().name.clone()),
            (parameter, param_pointer),
        );
    }
    for (parameter, param_pointer) in by_name.values() {
        let Some(field) = parameter_field(lw, name, parameter, param_pointer, &mut field_names) else {
            continue;
        };
        match parameter {
            Parameter::Path { .. } => path_params.push(field),
            Parameter::Query { .. } => query_params.push(field),
            Parameter::Header { .. } | Parameter::Cookie { .. } => {
                let message = "header and cookie parameters are not supported; Stripe's API takes parameters in the path, query and form body";
                lw.problems.unsupported(param_pointer, message);
            }
        }
    }
    let path_parts = path_template(lw, path, &path_params, pointer)?;
    path_params.sort_by_key(|p| {
        path_parts
            .iter()
            .position(|part| *part == PathPart::Param(p.rust_name.clone()))
    });
    let body_params = body_fields(lw, name, operation, pointer, &mut field_names)?;
    let response = response_type(lw, name, operation, pointer)?;
    type_last_path_param(lw, &response, &mut path_params);
    let pagination = pagination(lw, &response, &query_params);
    let description = operation
        .description
        .as_deref()
        .or(operation.summary.as_deref())
        .unwrap_or("");
    let docs = lw.docs.sanitize_or(description, || {
        format!("`{} {path}`.", method_key(method).to_uppercase())
    });
    Some(Operation {
        name: name.to_owned(),
        docs,
        pointer: pointer.to_owned(),
        method,
        path: path.to_owned(),
        path_parts,
        path_params,
        query_params,
        body_params,
        response,
        pagination,
        // Filled in once every type is lowered (`finish`).
        expandable: Vec::new(),
        includable: Vec::new(),
    })
}

fn parameter_field(
    lw: &mut Lowerer,
    builder: &str,
    parameter: &Parameter,
    pointer: &str,
    names: &mut ParamNames,
) -> Option<Field> {
    let data = parameter.parameter_data_ref();
    let ParameterSchemaOrContent::Schema(schema) = &data.format else {
        let message = "parameters described by `content` are not supported; give the parameter a `schema`";
        lw.problems.unsupported(pointer, message);
        return None;
    };
    let rust_name = claim_field(lw, names, &data.name, pointer)?;
    let hint = naming::nested(builder, &naming::type_name(&data.name));
    let lowered = lower_type(lw, schema.into(), &hint, &child(pointer, "schema"), Role::Param)?;
    let is_path = matches!(parameter, Parameter::Path { .. });
    let description = data.description.clone().unwrap_or(lowered.description);
    let docs = if is_path && description.trim().is_empty() {
        format!("The ID in the path (`{}`).", data.name)
    } else {
        field_docs(lw, &description, &data.name)
    };
    let required = data.required || is_path;
    let clear_setter = clear_setter(lw, names, &lowered.ty, &rust_name, required, pointer);
    Some(Field {
        rust_name,
        wire_name: data.name.clone(),
        docs,
        ty: lowered.ty,
        required,
        nullable: false,
        clear_setter,
        flatten: false,
        skip_none: false,
        max_length: lowered.max_length,
    })
}

/// The Rust names a builder's parameters have taken, and which wire name took each.
#[derive(Default)]
struct ParamNames {
    rust: Namespace,
    /// Wire name -> the pointer of the parameter that has it.
    wires: BTreeMap<String, String>,
}

/// Claims a builder field for parameter `wire`. The same wire name twice (in the path and the
/// query, or the query and the body) is the spec's contradiction: an error. Two wire names that
/// only become one Rust name (`fooBar`, `foo_bar`) are the generator's: the later one takes a
/// numeric suffix, with a warning.
fn claim_field(lw: &mut Lowerer, names: &mut ParamNames, wire: &str, pointer: &str) -> Option<String> {
    if let Some(first) = names.wires.get(wire) {
        lw.problems.error(
            pointer,
            format!(
                "parameter `{wire}` is also declared at {first}; one request cannot send the same name twice"
            ),
        );
        return None;
    }
    names.wires.insert(wire.to_owned(), pointer.to_owned());
    Some(claim_field_name(
        lw,
        &mut names.rust,
        &naming::setter_name(wire),
        wire,
        pointer,
    ))
}

/// The last path parameter of an operation on one resource (`/v1/identity/verification_sessions/
/// {session}`, `…/{session}/cancel`) names that resource: it takes the resource's ID type, so a
/// report's ID cannot be passed where a session's is wanted.
fn type_last_path_param(lw: &Lowerer, response: &TypeRef, path_params: &mut [Field]) {
    let TypeRef::Named(resource) = response else {
        return;
    };
    let id_type = match lw.types.get(resource).map(|def| &def.kind) {
        Some(crate::ir::TypeKind::Struct(s)) => s.id_type.clone(),
        _ => None,
    };
    if let (Some(id_type), Some(last)) = (id_type, path_params.last_mut()) {
        if last.ty == TypeRef::String {
            last.ty = TypeRef::Named(id_type);
        }
    }
}

/// A list operation can be paged through when its response is a page of objects with IDs and it
/// takes a `starting_after` cursor; `ending_before` is used too when it has one.
fn pagination(lw: &Lowerer, response: &TypeRef, query: &[Field]) -> Option<Pagination> {
    let TypeRef::List(item) = response else {
        return None;
    };
    let cursor = |wire: &str| {
        query
            .iter()
            .find(|f| f.wire_name == wire && f.ty == TypeRef::String)
            .map(|f| f.rust_name.clone())
    };
    let starting_after = cursor("starting_after")?;
    crate::ir::has_id(&lw.types, item).then(|| Pagination {
        item: (**item).clone(),
        starting_after,
        ending_before: cursor("ending_before"),
    })
}

/// A form-body `metadata` map of strings can be sent empty (`metadata=`), which unsets every key:
/// Stripe documents this on every `metadata` parameter of its API ("All keys can be unset by
/// posting an empty value to `metadata`"), though most of its schemas, this resource's among them,
/// type the parameter as a plain map. The rule follows the documented behaviour, so a drop-in
/// of Stripe's spec keeps it; where a spec already writes `anyOf: [map, enum [""]]` the type is
/// emptyable anyway.
fn clearable_metadata(wire: &str, ty: TypeRef) -> TypeRef {
    match ty {
        TypeRef::Map(value) if wire == "metadata" && *value == TypeRef::String => {
            TypeRef::Emptyable(Box::new(TypeRef::Map(value)))
        }
        other => other,
    }
}

/// The builder method that sends an optional emptyable parameter empty: `clear_<field>`, claimed
/// in the builder's namespace like the setters, so it never meets another parameter's setter.
fn clear_setter(
    lw: &mut Lowerer,
    names: &mut ParamNames,
    ty: &TypeRef,
    rust_name: &str,
    required: bool,
    pointer: &str,
) -> Option<String> {
    if required || !matches!(ty, TypeRef::Emptyable(_)) {
        return None;
    }
    let wire = format!("(clearing {rust_name})");
    Some(claim_field_name(
        lw,
        &mut names.rust,
        &format!("clear_{rust_name}"),
        &wire,
        pointer,
    ))
}

/// Splits `/v1/x/{id}/cancel` into text and parameters, checking each `{name}` is a path parameter.
fn path_template(lw: &mut Lowerer, path: &str, params: &[Field], pointer: &str) -> Option<Vec<PathPart>> {
    let mut parts = Vec::new();
    let mut rest = path;
    let mut ok = true;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            lw.problems
                .error(pointer, format!("path `{path}` has an unclosed `{{`"));
            return None;
        };
        if open > 0 {
            parts.push(PathPart::Literal(rest[..open].to_owned()));
        }
        let name = &rest[open + 1..open + close];
        match params.iter().find(|p| p.wire_name == name) {
            Some(param) => parts.push(PathPart::Param(param.rust_name.clone())),
            None => {
                lw.problems.error(pointer, format!("path `{path}` uses `{{{name}}}` but the operation declares no path parameter `{name}`"));
                ok = false;
            }
        }
        rest = &rest[open + close + 1..];
    }
    if !rest.is_empty() {
        parts.push(PathPart::Literal(rest.to_owned()));
    }
    for param in params {
        if !parts.contains(&PathPart::Param(param.rust_name.clone())) {
            lw.problems.error(
                pointer,
                format!(
                    "path parameter `{}` does not appear in the path `{path}`",
                    param.wire_name
                ),
            );
            ok = false;
        }
    }
    ok.then_some(parts)
}

/// The properties of the form body, which must be `application/x-www-form-urlencoded`.
/// The form body's fields; `None` when the body is unsupported (the operation is then skipped in
/// lenient runs, and the run fails otherwise).
fn body_fields(
    lw: &mut Lowerer,
    builder: &str,
    operation: &SpecOperation,
    pointer: &str,
    names: &mut ParamNames,
) -> Option<Vec<Field>> {
    let body_pointer = child(pointer, "requestBody");
    let body = match &operation.request_body {
        None => return Some(Vec::new()),
        Some(ReferenceOr::Reference { .. }) => {
            let message = "request bodies given by `$ref` are not supported; write the body inline (a lenient run skips the operation)";
            lw.problems.unsupported(&body_pointer, message);
            return None;
        }
        Some(ReferenceOr::Item(body)) => body,
    };
    let content_pointer = child(&body_pointer, "content");
    let Some(media) = body.content.get(FORM) else {
        if body.content.is_empty() {
            return Some(Vec::new());
        }
        let types: Vec<&str> = body.content.keys().map(String::as_str).collect();
        let message = format!(
            "request body media types [{}] are not supported; only {FORM} is (a lenient run skips the operation)",
            types.join(", ")
        );
        lw.problems.unsupported(&content_pointer, message);
        return None;
    };
    let schema_pointer = child(&child(&content_pointer, FORM), "schema");
    let Some(schema) = &media.schema else {
        return Some(Vec::new());
    };
    let schema = match schema {
        ReferenceOr::Item(schema) => schema,
        ReferenceOr::Reference { reference } => match lw.resolve(reference, &schema_pointer) {
            Some((_, _, schema)) => schema,
            None => return Some(Vec::new()),
        },
    };
    let (properties, required) = match &schema.schema_kind {
        openapiv3::SchemaKind::Type(openapiv3::Type::Object(object)) => {
            (&object.properties, &object.required)
        }
        _ => {
            lw.problems.error(
                &schema_pointer,
                "a form body must be an object schema whose properties are the parameters",
            );
            return Some(Vec::new());
        }
    };
    let mut sorted: Vec<_> = properties.iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(b.0));
    let properties_pointer = child(&schema_pointer, "properties");
    let mut fields = Vec::new();
    for (wire, property) in sorted {
        let field_pointer = child(&properties_pointer, wire);
        let Some(rust_name) = claim_field(lw, names, wire, &field_pointer) else {
            continue;
        };
        let hint = naming::nested(builder, &naming::type_name(wire));
        let Some(lowered) = lower_type(lw, property.into(), &hint, &field_pointer, Role::Param) else {
            continue;
        };
        let max_length = lowered.max_length;
        let ty = clearable_metadata(wire, lowered.ty);
        let required = required.contains(wire);
        let clear_setter = clear_setter(lw, names, &ty, &rust_name, required, &field_pointer);
        fields.push(Field {
            docs: field_docs(lw, &lowered.description, wire),
            rust_name,
            wire_name: wire.clone(),
            ty,
            required,
            nullable: false,
            clear_setter,
            flatten: false,
            skip_none: false,
            max_length,
        });
    }
    Some(fields)
}

/// The type of the first 2xx JSON response.
fn response_type(
    lw: &mut Lowerer,
    builder: &str,
    operation: &SpecOperation,
    pointer: &str,
) -> Option<TypeRef> {
    let responses_pointer = child(pointer, "responses");
    let mut success: Vec<_> = operation
        .responses
        .responses
        .iter()
        .filter(|(code, _)| matches!(code, StatusCode::Code(200..=299) | StatusCode::Range(2)))
        .collect();
    success.sort_by_key(|(code, _)| (*code).clone());
    let Some((code, response)) = success.first() else {
        lw.problems.error(
            &responses_pointer,
            "the operation has no 2xx response; add one with an application/json schema",
        );
        return None;
    };
    let response_pointer = child(&responses_pointer, &code.to_string());
    let ReferenceOr::Item(response) = response else {
        let message = "responses given by `$ref` are not supported; write the response inline (a lenient run skips the operation)";
        lw.problems.unsupported(&response_pointer, message);
        return None;
    };
    let Some(schema) = response.content.get(JSON).and_then(|media| media.schema.as_ref()) else {
        let message = format!("the {code} response has no {JSON} schema; it is the only response media type supported (a lenient run skips the operation)");
        lw.problems.unsupported(&response_pointer, message);
        return None;
    };
    let schema_pointer = child(&child(&child(&response_pointer, "content"), JSON), "schema");
    let hint = naming::nested(builder, "Response");
    Some(lower_type(lw, schema.into(), &hint, &schema_pointer, Role::Model)?.ty)
}
