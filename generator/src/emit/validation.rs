//! The validation table (`src/validation.rs`): `OPERATIONS`, every operation's method, path
//! template and parameter rules, and one `Shape` static per parameter type the requests reach,
//! named like the type (statics refer to each other, so recursive parameter types need no
//! special case). It prints what the IR says about parameters as `stripe_runtime::validation`
//! data, for a server implementing the API to check requests against.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs_attr::doc_attrs;
use crate::ir::{Field, HttpMethod, Ir, Operation, TypeDef, TypeKind, TypeRef};

/// The `OPERATIONS` table, after the table's types, re-exported. (Only types are: the statics
/// named like the spec's types are values, so a spec type named `Shape` cannot clash.)
pub(crate) fn operations_item(ir: &Ir) -> TokenStream {
    let operations = ir
        .operations
        .values()
        .map(|operation| operation_rules(operation, ir));
    quote! {
        // Public: a reader of the table finds its types beside it.
        pub use ::stripe_runtime::validation::{OperationRules, ParamRule, Shape};

        /// Every operation of the spec with the rules of its parameters, by builder name.
        pub static OPERATIONS: &[OperationRules] = &[#(#operations),*];
    }
}

/// Whether `def` gets a `Shape` static: it is sent in requests.
pub(crate) fn has_shape(def: &TypeDef) -> bool {
    def.caps.encode && !matches!(def.kind, TypeKind::EventPayload(_) | TypeKind::Id)
}

/// The `Shape` static of parameter type `def`.
pub(crate) fn shape_item(def: &TypeDef, ir: &Ir) -> TokenStream {
    let name = format_ident!("{}", def.name);
    let docs = doc_attrs(&format!("What a `{}` parameter may be.", def.name));
    let shape = match &def.kind {
        TypeKind::Struct(s) => {
            let fields = s.fields.iter().map(|field| param_rule(field, ir));
            quote! { Shape::Object(&[#(#fields),*]) }
        }
        TypeKind::Enum(e) => {
            let values = e.variants.iter().map(|variant| variant.wire.as_str());
            quote! { Shape::Enum(&[#(#values),*]) }
        }
        TypeKind::Union(u) => {
            let variants = u.variants.iter().map(|(_, ty)| shape_ref(ty, None, ir));
            quote! { Shape::OneOf(&[#(#variants),*]) }
        }
        TypeKind::Alias(ty) => {
            let target = shape_ref(ty, None, ir);
            return quote! {
                #docs
                #[allow(non_upper_case_globals)]
                pub static #name: &Shape = #target;
            };
        }
        TypeKind::Id => quote! { Shape::String { max_length: ::std::option::Option::None } },
        TypeKind::EventPayload(_) => quote! { Shape::Any },
    };
    quote! {
        #docs
        #[allow(non_upper_case_globals)]
        pub static #name: Shape = #shape;
    }
}

fn operation_rules(operation: &Operation, ir: &Ir) -> TokenStream {
    let name = &operation.name;
    let method = match operation.method {
        HttpMethod::Get => "GET",
        HttpMethod::Post => "POST",
        HttpMethod::Delete => "DELETE",
    };
    let path = &operation.path;
    let rules =
        |fields: &[Field]| -> Vec<TokenStream> { fields.iter().map(|field| param_rule(field, ir)).collect() };
    let (path_params, query, form) = (
        rules(&operation.path_params),
        rules(&operation.query_params),
        rules(&operation.body_params),
    );
    let (expandable, includable) = (&operation.expandable, &operation.includable);
    quote! {
        OperationRules {
            name: #name,
            method: #method,
            path: #path,
            path_params: &[#(#path_params),*],
            query: &[#(#query),*],
            form: &[#(#form),*],
            expandable: &[#(#expandable),*],
            includable: &[#(#includable),*],
        }
    }
}

fn param_rule(field: &Field, ir: &Ir) -> TokenStream {
    let name = &field.wire_name;
    let required = field.required && !field.nullable;
    let shape = shape_ref(&field.ty, field.max_length, ir);
    quote! {
        ParamRule { name: #name, required: #required, shape: #shape }
    }
}

/// A `&'static Shape` expression for a value of type `ty` (a string at most `max_length` long).
fn shape_ref(ty: &TypeRef, max_length: Option<u32>, ir: &Ir) -> TokenStream {
    let shape = quote! { Shape };
    match ty {
        TypeRef::String | TypeRef::Secret => string_shape(max_length),
        TypeRef::Integer => quote! { &#shape::Integer },
        TypeRef::Number => quote! { &#shape::Number },
        TypeRef::Boolean => quote! { &#shape::Boolean },
        TypeRef::RangeQuery => quote! { &#shape::Range },
        TypeRef::Named(name) | TypeRef::Boxed(name) => match ir.types.get(name) {
            // An ID is a string, and so is an alias of one (a string component): its limit is
            // the place's, which lowering carried from the component.
            Some(def)
                if matches!(
                    def.kind,
                    TypeKind::Id | TypeKind::Alias(TypeRef::String | TypeRef::Secret)
                ) =>
            {
                string_shape(max_length)
            }
            Some(def) if has_shape(def) => {
                let ident = format_ident!("{}", name);
                match def.kind {
                    TypeKind::Alias(_) => quote! { #ident },
                    _ => quote! { &#ident },
                }
            }
            _ => quote! { &#shape::Any },
        },
        TypeRef::Array(item) => {
            // The field's limit is its items'.
            let item = shape_ref(item, max_length, ir);
            quote! { &#shape::Array(#item) }
        }
        TypeRef::Map(value) => {
            let value = shape_ref(value, None, ir);
            quote! { &#shape::Map(#value) }
        }
        TypeRef::Emptyable(inner) => {
            let inner = shape_ref(inner, max_length, ir);
            quote! { &#shape::Emptyable(#inner) }
        }
        TypeRef::Json | TypeRef::Expandable(_) | TypeRef::List(_) => quote! { &#shape::Any },
    }
}

/// A string shape, at most `max_length` characters when given.
fn string_shape(max_length: Option<u32>) -> TokenStream {
    let max_length = match max_length {
        Some(n) => {
            let n = proc_macro2::Literal::u32_unsuffixed(n);
            quote! { ::std::option::Option::Some(#n) }
        }
        None => quote! { ::std::option::Option::None },
    };
    quote! { &Shape::String { max_length: #max_length } }
}
