//! Operations to request builders, named later (`names::builders`): a builder's fields
//! are the path parameters (constructor arguments), the query parameters and the form body's
//! properties; its response is the first 2xx JSON schema. Path parameters are checked against
//! the path template, and an operation's last one takes its resource's ID type.

use std::collections::BTreeMap;

use openapiv3::{Operation as SpecOperation, Parameter};

use super::schema::{clearable, field_docs, lower_type};
use super::Lowerer;
use crate::diagnostic::child;
use crate::draft::{Builder, BuilderSource};
use crate::ir::{Field, Hint, Operation, Pagination, Parent, PathPart, Role, TypeKind, TypeRef};
use crate::read::{self, Body};

/// Lowers every operation into its builder, in path order, each with where its name comes from.
pub(super) fn lower_operations(lw: &mut Lowerer) {
    let (spec_operations, problems) = read::operations(lw.spec);
    for problem in &problems {
        problem.record(lw.problems);
    }
    let stripe_names = stripe_operation_names(lw);
    let mut operation_ids: BTreeMap<&str, &str> = BTreeMap::new();
    for op in &spec_operations {
        if let Some(id) = op.operation.operation_id.as_deref() {
            match operation_ids.get(id) {
                Some(first) => lw.problems.warning(
                    &child(&op.pointer, "operationId"),
                    format!("the operationId `{id}` is also used by {first}; operationIds should be unique (builder names are kept apart regardless)"),
                ),
                None => {
                    operation_ids.insert(id, &op.pointer);
                }
            }
        }
        let method = read::method_key(op.method);
        let source = BuilderSource {
            stripe: stripe_names
                .get(&(op.path.to_owned(), method.to_owned()))
                .cloned(),
            method,
            path: op.path.to_owned(),
            returns_list: read::returns_list(op.operation),
            operation_id: op.operation.operation_id.clone(),
        };
        let index = lw.builders.len();
        lw.builders.push(Builder {
            pointer: op.pointer.clone(),
            source,
            operation: None,
        });
        let operation = lower_operation(lw, index, op);
        lw.builders[index].operation = operation;
    }
}

/// Where builder names come from in the spec: `(path, method)` -> the `x-stripeOperations`
/// entry's `method_name`, its resource's class name, and whether it lists.
fn stripe_operation_names(lw: &Lowerer) -> BTreeMap<(String, String), (String, String, bool)> {
    let mut names = BTreeMap::new();
    for (_, schema) in read::generated_components(lw.spec, lw.error_only) {
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
            let key = (path.to_owned(), http.to_ascii_lowercase());
            names.insert(key, (method_name.to_owned(), class.to_owned(), is_list));
        }
    }
    names
}

fn lower_operation(lw: &mut Lowerer, builder: usize, op: &read::SpecOperation) -> Option<Operation> {
    let (path, method, operation, pointer) = (op.path, op.method, op.operation, op.pointer.as_str());
    let mut path_params = Vec::new();
    let mut query_params = Vec::new();
    let (parameters, problems) = read::parameters(op);
    for problem in &problems {
        problem.record(lw.problems);
    }
    // Wire name -> the pointer of the parameter that has it.
    let mut wires: BTreeMap<String, String> = BTreeMap::new();
    let mut unfit_path_param = None;
    for (parameter, param_pointer) in &parameters {
        let Some(field) = parameter_field(lw, builder, parameter, param_pointer, &mut wires) else {
            continue;
        };
        match parameter {
            Parameter::Path { .. } => {
                if unfit_path_param.is_none() && !fits_in_a_path(lw, &field.ty) {
                    unfit_path_param = Some((
                        param_pointer.clone(),
                        field.wire_name.clone(),
                        shape_of(lw, &field.ty),
                    ));
                }
                path_params.push(field)
            }
            Parameter::Query { .. } => query_params.push(field),
            Parameter::Header { .. } | Parameter::Cookie { .. } => {
                let message = "header and cookie parameters are not supported; Stripe's API takes parameters in the path, query and form body";
                lw.problems.unsupported(param_pointer, message);
            }
        }
    }
    if let Some((param_pointer, name, shape)) = unfit_path_param {
        // The path is written with the value's `Display`: an object, array or free-form JSON has
        // none that means anything in a URL (and would not compile). Unsupported: an error, or
        // with `--lenient` a warning and the operation left out.
        let message = format!(
            "path parameter `{name}` must be a string, integer, number, boolean or string enum (a path holds an ID), not {shape}"
        );
        lw.problems.unsupported(&param_pointer, message);
        return None;
    }
    let (path_parts, path_params) = match template(path, path_params) {
        Ok(template) => template,
        Err(problems) => {
            for problem in problems {
                lw.problems.error(pointer, problem);
            }
            return None;
        }
    };
    let body_params = body_fields(lw, builder, operation, pointer, &mut wires)?;
    let response = response_type(lw, builder, operation, pointer)?;
    let mut path_params = path_params;
    type_last_path_param(lw, &response, &mut path_params);
    let pagination = pagination(lw, &response, &query_params);
    let description = operation
        .description
        .as_deref()
        .or(operation.summary.as_deref())
        .unwrap_or("");
    let docs = lw.docs.sanitize_or(description, || {
        format!("`{} {path}`.", read::method_key(method).to_uppercase())
    });
    Some(Operation {
        name: String::new(),
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

/// The path split at its parameters, and the path parameters in the order the path has them
/// (each part's index points into that order); the problems where the template and the
/// parameters disagree.
fn template(path: &str, params: Vec<Field>) -> Result<(Vec<PathPart>, Vec<Field>), Vec<String>> {
    let wires: Vec<&str> = params.iter().map(|p| p.wire_name.as_str()).collect();
    let parts = read::path_template(path, &wires)?;
    let first_use = |index: usize| parts.iter().position(|part| *part == PathPart::Param(index));
    let mut order: Vec<usize> = (0..params.len()).collect();
    order.sort_by_key(|&index| first_use(index));
    let parts = parts
        .into_iter()
        .map(|part| match part {
            PathPart::Param(index) => {
                PathPart::Param(order.iter().position(|&i| i == index).unwrap_or(index))
            }
            literal => literal,
        })
        .collect();
    let mut params: Vec<Option<Field>> = params.into_iter().map(Some).collect();
    let params = order.iter().filter_map(|&index| params[index].take()).collect();
    Ok((parts, params))
}

/// Claims `wire` for the parameter at `pointer` among the request's (`wires`); a name the request
/// already sends is the spec's contradiction, an error.
fn first_with_wire(
    lw: &mut Lowerer,
    wires: &mut BTreeMap<String, String>,
    wire: &str,
    pointer: &str,
) -> bool {
    if let Some(first) = wires.get(wire) {
        lw.problems.error(
            pointer,
            format!(
                "parameter `{wire}` is also declared at {first}; one request cannot send the same name twice"
            ),
        );
        return false;
    }
    wires.insert(wire.to_owned(), pointer.to_owned());
    true
}

fn parameter_field(
    lw: &mut Lowerer,
    builder: usize,
    parameter: &Parameter,
    pointer: &str,
    wires: &mut BTreeMap<String, String>,
) -> Option<Field> {
    let data = parameter.parameter_data_ref();
    let schema = match read::parameter_schema(parameter, pointer) {
        Ok(schema) => schema,
        Err(problem) => {
            problem.record(lw.problems);
            return None;
        }
    };
    if !first_with_wire(lw, wires, &data.name, pointer) {
        return None;
    }
    let hint = Hint::Property {
        parent: Parent::Builder(builder),
        wire: data.name.clone(),
    };
    let lowered = lower_type(lw, schema.into(), &hint, &child(pointer, "schema"), Role::Param)?;
    let is_path = matches!(parameter, Parameter::Path { .. });
    let description = data.description.clone().unwrap_or(lowered.description);
    let docs = if is_path && description.trim().is_empty() {
        format!("The ID in the path (`{}`).", data.name)
    } else {
        field_docs(lw, &description, &data.name)
    };
    let required = data.required || is_path;
    Some(Field {
        rust_name: String::new(),
        wire_name: data.name.clone(),
        pointer: pointer.to_owned(),
        docs,
        clear_setter: clearable(&lowered.ty, required, false).then(String::new),
        ty: lowered.ty,
        required,
        nullable: false,
        flatten: false,
        skip_none: false,
        max_length: lowered.max_length,
    })
}

/// The last path parameter of an operation on one resource (`/v1/identity/verification_sessions/
/// {session}`, `…/{session}/cancel`) names that resource: it takes the resource's ID type, so a
/// report's ID cannot be passed where a session's is wanted.
fn type_last_path_param(lw: &Lowerer, response: &TypeRef, path_params: &mut [Field]) {
    let TypeRef::Named(resource) = response else {
        return;
    };
    let id_type = match lw.types.get(resource).map(|def| &def.kind) {
        Some(TypeKind::Struct(s)) => s.id_type,
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
            .position(|f| f.wire_name == wire && f.ty == TypeRef::String)
    };
    let starting_after = cursor("starting_after")?;
    crate::ir::has_id(&|id| lw.types.get(&id), item).then(|| Pagination {
        item: (**item).clone(),
        starting_after,
        ending_before: cursor("ending_before"),
    })
}

/// The form body's fields; `None` when the body is unsupported (the operation is then skipped in
/// lenient runs, and the run fails otherwise).
fn body_fields(
    lw: &mut Lowerer,
    builder: usize,
    operation: &SpecOperation,
    pointer: &str,
    wires: &mut BTreeMap<String, String>,
) -> Option<Vec<Field>> {
    let (properties, required, properties_pointer) = match read::form_body(lw.spec, operation, pointer) {
        Body::Form {
            properties,
            required,
            properties_pointer,
        } => (properties, required, properties_pointer),
        Body::Nothing => return Some(Vec::new()),
        Body::Broken(problem) => {
            problem.record(lw.problems);
            return Some(Vec::new());
        }
        Body::Unsupported(problem) => {
            problem.record(lw.problems);
            return None;
        }
    };
    let mut sorted: Vec<_> = properties.iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(b.0));
    let mut fields = Vec::new();
    for (wire, property) in sorted {
        let field_pointer = child(&properties_pointer, wire);
        if !first_with_wire(lw, wires, wire, &field_pointer) {
            continue;
        }
        let hint = Hint::Property {
            parent: Parent::Builder(builder),
            wire: wire.clone(),
        };
        let Some(lowered) = lower_type(lw, property.into(), &hint, &field_pointer, Role::Param) else {
            continue;
        };
        let ty = read::clearable_metadata(wire, lowered.ty);
        let required = required.contains(wire);
        fields.push(Field {
            docs: field_docs(lw, &lowered.description, wire),
            rust_name: String::new(),
            wire_name: wire.clone(),
            pointer: field_pointer,
            clear_setter: clearable(&ty, required, false).then(String::new),
            ty,
            required,
            nullable: false,
            flatten: false,
            skip_none: false,
            max_length: lowered.max_length,
        });
    }
    Some(fields)
}

/// The type of the first 2xx JSON response.
fn response_type(
    lw: &mut Lowerer,
    builder: usize,
    operation: &SpecOperation,
    pointer: &str,
) -> Option<TypeRef> {
    match read::success_response(operation, pointer) {
        Ok((schema, schema_pointer)) => {
            let hint = Hint::Response(builder);
            Some(lower_type(lw, schema.into(), &hint, &schema_pointer, Role::Model)?.ty)
        }
        Err(problem) => {
            problem.record(lw.problems);
            None
        }
    }
}

/// Whether a value of `ty` can be written into a path: a scalar, an open enum or an ID, which
/// print themselves, or another name for one of them.
fn fits_in_a_path(lw: &Lowerer, ty: &TypeRef) -> bool {
    match ty {
        TypeRef::String | TypeRef::Integer | TypeRef::Number | TypeRef::Boolean => true,
        TypeRef::Named(id) => match lw.types.get(id).map(|def| &def.kind) {
            Some(TypeKind::Enum(_) | TypeKind::Id) => true,
            Some(TypeKind::Alias(target)) => fits_in_a_path(lw, target),
            _ => false,
        },
        _ => false,
    }
}

/// What a type is, in a refusal's words.
fn shape_of(lw: &Lowerer, ty: &TypeRef) -> &'static str {
    match ty {
        TypeRef::Array(_) => "an array",
        TypeRef::Map(_) => "a map",
        TypeRef::Json => "free-form JSON",
        TypeRef::Secret => "a secret",
        TypeRef::Emptyable(_) => "a value that can be sent empty",
        TypeRef::Named(id) => match lw.types.get(id).map(|def| &def.kind) {
            Some(TypeKind::Alias(target)) => shape_of(lw, target),
            Some(TypeKind::Union(_)) => "one of several types",
            _ => "an object",
        },
        _ => "an object",
    }
}
