//! The validation table (`src/validation.rs`): `OPERATIONS`, every operation's method, path
//! template and parameter rules, and one `Shape` static per parameter type the requests reach,
//! named like the type (statics refer to each other, so recursive parameter types need no
//! special case). It prints what the IR says about parameters as `stripe_runtime::validation`
//! data, for a server implementing the API to check requests against.

use quote::quote;

use super::syntax::{
    call, doc_attrs, list_attr, lit_str, path, path_expr, path_type, public, reference, reference_type,
    struct_literal,
};
use super::syntax_decl::{slice_type, static_item, use_group, use_item, use_path, use_tree};
use super::syntax_expr::{lit_bool, lit_expr, lit_int, slice, str_slice};
use crate::ir::{Field, Ir, Operation, TypeDef, TypeKind, TypeRef};

/// The `OPERATIONS` table, after the table's types, re-exported. (Only types are: the statics
/// named like the spec's types are values, so a spec type named `Shape` cannot clash.)
pub(crate) fn operations_item(ir: &Ir) -> Vec<syn::Item> {
    let operations = ir
        .operations
        .values()
        .map(|operation| operation_rules(operation, ir))
        .collect();
    let names = ["OperationRules", "ParamRule", "Shape"].map(use_tree);
    // Public: a reader of the table finds its types beside it.
    let types = use_item(
        Vec::new(),
        public(),
        "stripe_runtime",
        use_path("validation", use_group(names.into())),
    );
    let table_type = reference_type(slice_type(path_type(path("OperationRules"))), false);
    let table = static_item(
        doc_attrs("Every operation of the spec with the rules of its parameters, by builder name."),
        "OPERATIONS",
        table_type,
        slice(operations),
    );
    vec![types, table]
}

/// Whether `def` gets a `Shape` static: it is sent in requests.
pub(crate) fn has_shape(def: &TypeDef) -> bool {
    def.caps.encode && !matches!(def.kind, TypeKind::EventPayload(_) | TypeKind::Id)
}

/// The `Shape` static of parameter type `def`; an alias's is a reference to its target's.
pub(crate) fn shape_item(def: &TypeDef, ir: &Ir) -> syn::Item {
    let shape_of = |variant: &str, args| call(path_expr(path(&format!("Shape::{variant}"))), vec![args]);
    let (ty, shape) = match &def.kind {
        TypeKind::Struct(s) => {
            let fields = s.fields.iter().map(|field| param_rule(field, ir)).collect();
            (shape_type(), shape_of("Object", slice(fields)))
        }
        TypeKind::Enum(e) => {
            let values = e.variants.iter().map(|variant| variant.wire.as_str());
            (shape_type(), shape_of("Enum", str_slice(values)))
        }
        TypeKind::Union(u) => {
            let variants = u.variants.iter().map(|(_, ty)| shape_ref(ty, None, ir)).collect();
            (shape_type(), shape_of("OneOf", slice(variants)))
        }
        TypeKind::Alias(ty) => (reference_type(shape_type(), false), shape_ref(ty, None, ir)),
        TypeKind::Id => (shape_type(), string_shape_value(None)),
        TypeKind::EventPayload(_) => (shape_type(), path_expr(path("Shape::Any"))),
    };
    let mut attrs = doc_attrs(&format!("What a `{}` parameter may be.", def.name));
    attrs.push(list_attr("allow", quote! { non_upper_case_globals }));
    static_item(attrs, &def.name, ty, shape)
}

fn shape_type() -> syn::Type {
    path_type(path("Shape"))
}

fn operation_rules(operation: &Operation, ir: &Ir) -> syn::Expr {
    let method = operation.method.as_str();
    let rules = |fields: &[Field]| slice(fields.iter().map(|field| param_rule(field, ir)).collect());
    let names = |names: &[String]| str_slice(names.iter().map(String::as_str));
    struct_literal(
        path("OperationRules"),
        vec![
            ("name", Some(lit_str(&operation.name))),
            ("method", Some(lit_str(method))),
            ("path", Some(lit_str(&operation.path))),
            ("path_params", Some(rules(&operation.path_params))),
            ("query", Some(rules(&operation.query_params))),
            ("form", Some(rules(&operation.body_params))),
            ("expandable", Some(names(&operation.expandable))),
            ("includable", Some(names(&operation.includable))),
        ],
    )
}

fn param_rule(field: &Field, ir: &Ir) -> syn::Expr {
    let required = field.required && !field.nullable;
    struct_literal(
        path("ParamRule"),
        vec![
            ("name", Some(lit_str(&field.wire_name))),
            ("required", Some(lit_bool(required))),
            ("shape", Some(shape_ref(&field.ty, field.max_length, ir))),
        ],
    )
}

/// A `&'static Shape` expression for a value of type `ty` (a string at most `max_length` long).
fn shape_ref(ty: &TypeRef, max_length: Option<u32>, ir: &Ir) -> syn::Expr {
    let unit = |variant: &str| reference(path_expr(path(&format!("Shape::{variant}"))));
    let wrapping =
        |variant: &str, inner| reference(call(path_expr(path(&format!("Shape::{variant}"))), vec![inner]));
    match ty {
        TypeRef::String | TypeRef::Secret => reference(string_shape_value(max_length)),
        TypeRef::Integer => unit("Integer"),
        TypeRef::Number => unit("Number"),
        TypeRef::Boolean => unit("Boolean"),
        TypeRef::RangeQuery => unit("Range"),
        TypeRef::Named(id) | TypeRef::Boxed(id) => match ir.types.def(*id) {
            // An ID is a string, and so is an alias of one (a string component): its limit is
            // the place's, which lowering carried from the component.
            Some(def)
                if matches!(
                    def.kind,
                    TypeKind::Id | TypeKind::Alias(TypeRef::String | TypeRef::Secret)
                ) =>
            {
                reference(string_shape_value(max_length))
            }
            // An alias's static is already a reference.
            Some(def) if has_shape(def) => match def.kind {
                TypeKind::Alias(_) => path_expr(path(&def.name)),
                _ => reference(path_expr(path(&def.name))),
            },
            _ => unit("Any"),
        },
        // The field's limit is its items'.
        TypeRef::Array(item) => wrapping("Array", shape_ref(item, max_length, ir)),
        TypeRef::Map(value) => wrapping("Map", shape_ref(value, None, ir)),
        TypeRef::Emptyable(inner) => wrapping("Emptyable", shape_ref(inner, max_length, ir)),
        TypeRef::Json | TypeRef::Expandable(_) | TypeRef::List(_) => unit("Any"),
    }
}

/// `Shape::String { max_length }`: a string, at most `max_length` characters when given.
fn string_shape_value(max_length: Option<u32>) -> syn::Expr {
    let max_length = match max_length {
        Some(n) => call(
            path_expr(path("::std::option::Option::Some")),
            vec![lit_expr(lit_int(n, ""))],
        ),
        None => path_expr(path("::std::option::Option::None")),
    };
    struct_literal(path("Shape::String"), vec![("max_length", Some(max_length))])
}
