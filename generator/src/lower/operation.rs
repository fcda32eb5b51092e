//! Operations to request builders, named by the plan (`name_plan::builders`): a builder's fields
//! are the path parameters (constructor arguments), the query parameters and the form body's
//! properties; its response is the first 2xx JSON schema. Path parameters are checked against
//! the path template, and an operation's last one takes its resource's ID type.

use std::collections::BTreeMap;

use openapiv3::{Operation as SpecOperation, Parameter};

use super::schema::{field_docs, lower_type};
use super::Lowerer;
use crate::diagnostic::child;
use crate::ir::{Field, Operation, Pagination, PathPart, Role, TypeKind, TypeRef};
use crate::read::{self, Body};

/// Lowers every operation into its builder, by name.
pub(super) fn lower_operations(lw: &mut Lowerer) -> BTreeMap<String, Operation> {
    let (spec_operations, problems) = read::operations(lw.spec);
    for problem in &problems {
        problem.record(lw.problems);
    }
    let mut operations = BTreeMap::new();
    for op in &spec_operations {
        let builder = lw.plan.builder(&op.pointer);
        let Some(name) = lw.planned(builder, "builder name", &op.pointer) else {
            continue;
        };
        lw.enter_scope(&op.pointer);
        if let Some(lowered) = lower_operation(lw, &name, op) {
            operations.insert(name, lowered);
        }
    }
    lw.enter_scope("");
    operations
}

fn lower_operation(lw: &mut Lowerer, name: &str, op: &read::SpecOperation) -> Option<Operation> {
    let (path, method, operation, pointer) = (op.path, op.method, op.operation, op.pointer.as_str());
    let mut path_params = Vec::new();
    let mut query_params = Vec::new();
    let (parameters, problems) = read::parameters(op);
    for problem in &problems {
        problem.record(lw.problems);
    }
    let mut unfit_path_param = None;
    for (parameter, param_pointer) in &parameters {
        let Some(field) = parameter_field(lw, parameter, param_pointer) else {
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
    let names: Vec<(&str, &str)> = path_params
        .iter()
        .map(|p: &Field| (p.wire_name.as_str(), p.rust_name.as_str()))
        .collect();
    let path_parts = match read::path_template(path, &names) {
        Ok(parts) => parts,
        Err(problems) => {
            for problem in problems {
                lw.problems.error(pointer, problem);
            }
            return None;
        }
    };
    path_params.sort_by_key(|p| {
        path_parts
            .iter()
            .position(|part| *part == PathPart::Param(p.rust_name.clone()))
    });
    let body_params = body_fields(lw, operation, pointer)?;
    let response = response_type(lw, operation, pointer)?;
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

fn parameter_field(lw: &mut Lowerer, parameter: &Parameter, pointer: &str) -> Option<Field> {
    let data = parameter.parameter_data_ref();
    let schema = match read::parameter_schema(parameter, pointer) {
        Ok(schema) => schema,
        Err(problem) => {
            problem.record(lw.problems);
            return None;
        }
    };
    if lw.names.is_duplicate(pointer) {
        return None; // The plan reported the name sent twice.
    }
    let rust_name = lw.field_name(pointer)?;
    let lowered = lower_type(lw, schema.into(), &child(pointer, "schema"), Role::Param)?;
    let is_path = matches!(parameter, Parameter::Path { .. });
    let description = data.description.clone().unwrap_or(lowered.description);
    let docs = if is_path && description.trim().is_empty() {
        format!("The ID in the path (`{}`).", data.name)
    } else {
        field_docs(lw, &description, &data.name)
    };
    Some(Field {
        rust_name,
        wire_name: data.name.clone(),
        docs,
        ty: lowered.ty,
        required: data.required || is_path,
        nullable: false,
        clear_setter: lw.names.clear_setter(pointer),
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

/// The form body's fields; `None` when the body is unsupported (the operation is then skipped in
/// lenient runs, and the run fails otherwise).
fn body_fields(lw: &mut Lowerer, operation: &SpecOperation, pointer: &str) -> Option<Vec<Field>> {
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
        if lw.names.is_duplicate(&field_pointer) {
            continue; // The plan reported the name sent twice.
        }
        let Some(rust_name) = lw.field_name(&field_pointer) else {
            continue;
        };
        let Some(lowered) = lower_type(lw, property.into(), &field_pointer, Role::Param) else {
            continue;
        };
        fields.push(Field {
            docs: field_docs(lw, &lowered.description, wire),
            rust_name,
            wire_name: wire.clone(),
            ty: read::clearable_metadata(wire, lowered.ty),
            required: required.contains(wire),
            nullable: false,
            clear_setter: lw.names.clear_setter(&field_pointer),
            flatten: false,
            skip_none: false,
            max_length: lowered.max_length,
        });
    }
    Some(fields)
}

/// The type of the first 2xx JSON response.
fn response_type(lw: &mut Lowerer, operation: &SpecOperation, pointer: &str) -> Option<TypeRef> {
    match read::success_response(operation, pointer) {
        Ok((schema, schema_pointer)) => Some(lower_type(lw, schema.into(), &schema_pointer, Role::Model)?.ty),
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
        TypeRef::Named(name) => match lw.types.get(name).map(|def| &def.kind) {
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
        TypeRef::Named(name) => match lw.types.get(name).map(|def| &def.kind) {
            Some(TypeKind::Alias(target)) => shape_of(lw, target),
            Some(TypeKind::Union(_)) => "one of several types",
            _ => "an object",
        },
        _ => "an object",
    }
}
