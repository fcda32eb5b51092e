//! Names a builder's fields (`lower::operation` for what they are): its path and query
//! parameters, then its form body's properties, in one namespace with their `clear_…` setters;
//! the types they define, named after the builder; and its inline response type. A parameter
//! whose wire name the request already sends is the spec's contradiction, an error.

use std::collections::BTreeMap;

use openapiv3::Parameter;

use super::walk::{ClearableField, Walk};
use crate::diagnostic::child;
use crate::ir::Role;
use crate::naming::{self, Namespace};
use crate::read::{self, Body, SpecOperation};

/// The Rust names a builder's parameters have taken, and which wire name took each.
#[derive(Default)]
struct ParamNames {
    rust: Namespace,
    /// Wire name -> the pointer of the parameter that has it.
    wires: BTreeMap<String, String>,
}

/// Names the fields and types of `builder`, the operation `op`. Stops where lowering stops: at a
/// path template that does not match the path parameters, a body it cannot send, or no response.
pub(super) fn walk_operation(w: &mut Walk, builder: &str, op: &SpecOperation) {
    let mut names = ParamNames::default();
    let mut path_params: Vec<(String, String)> = Vec::new();
    let (parameters, _) = read::parameters(op);
    for (parameter, pointer) in parameters {
        let data = parameter.parameter_data_ref();
        let Ok(schema) = read::parameter_schema(parameter, &pointer) else {
            continue;
        };
        let Some(rust_name) = claim_field(w, &mut names, &data.name, &pointer) else {
            continue;
        };
        let hint = super::schemas::property_hint(schema.into(), builder, &data.name);
        let Some(walked) =
            super::schemas::walk_type(w, schema.into(), &hint, &child(&pointer, "schema"), Role::Param)
        else {
            continue;
        };
        let is_path = matches!(parameter, Parameter::Path { .. });
        let field = ClearableField {
            ty: &walked.ty,
            required: data.required || is_path,
            nullable: false,
            rust_name: &rust_name,
            label: &rust_name,
        };
        w.clear_setter(&mut names.rust, field, &pointer);
        if is_path {
            path_params.push((data.name.clone(), rust_name));
        }
    }
    let params: Vec<(&str, &str)> = path_params
        .iter()
        .map(|(w, r)| (w.as_str(), r.as_str()))
        .collect();
    if read::path_template(op.path, &params).is_err() {
        return;
    }
    match read::form_body(w.spec, op.operation, &op.pointer) {
        Body::Form {
            properties,
            required,
            properties_pointer,
        } => {
            let mut sorted: Vec<_> = properties.iter().collect();
            sorted.sort_by(|a, b| a.0.cmp(b.0));
            for (wire, property) in sorted {
                let pointer = child(&properties_pointer, wire);
                let Some(rust_name) = claim_field(w, &mut names, wire, &pointer) else {
                    continue;
                };
                let hint = super::schemas::property_hint(property.into(), builder, wire);
                let Some(walked) =
                    super::schemas::walk_type(w, property.into(), &hint, &pointer, Role::Param)
                else {
                    continue;
                };
                let ty = read::clearable_metadata(wire, walked.ty);
                let field = ClearableField {
                    ty: &ty,
                    required: required.contains(wire),
                    nullable: false,
                    rust_name: &rust_name,
                    label: &rust_name,
                };
                w.clear_setter(&mut names.rust, field, &pointer);
            }
        }
        Body::Nothing | Body::Broken(_) => {}
        Body::Unsupported(_) => return,
    }
    if let Ok((schema, pointer)) = read::success_response(op.operation, &op.pointer) {
        super::schemas::walk_type(
            w,
            schema.into(),
            &naming::response_type(builder),
            &pointer,
            Role::Model,
        );
    }
}

/// Claims a builder field for parameter `wire` at `pointer`, or reports the wire name sent twice.
fn claim_field(w: &mut Walk, names: &mut ParamNames, wire: &str, pointer: &str) -> Option<String> {
    if let Some(first) = names.wires.get(wire) {
        w.error(
            pointer,
            format!(
                "parameter `{wire}` is also declared at {first}; one request cannot send the same name twice"
            ),
        );
        w.here.duplicates.insert(pointer.to_owned());
        return None;
    }
    names.wires.insert(wire.to_owned(), pointer.to_owned());
    let rust_name = w.claim_field(&mut names.rust, &naming::setter_name(wire), wire, pointer);
    w.record_field(pointer, &rust_name);
    Some(rust_name)
}
