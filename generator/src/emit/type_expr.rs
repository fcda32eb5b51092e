//! The Rust type for a [`TypeRef`], by absolute path. A named type is referred to by its bare name
//! from its own file and through `super::types::` from the requests file, which works both in the
//! generated crate and where the root package `include!`s the files as sibling modules.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::ir::{Ir, OutputFile, TypeRef};

/// The type of a value of `ty`, written for a file holding `role` types.
pub(crate) fn type_tokens(ty: &TypeRef, ir: &Ir, file: OutputFile) -> TokenStream {
    match ty {
        TypeRef::String => quote! { ::std::string::String },
        TypeRef::Integer => quote! { i64 },
        TypeRef::Number => quote! { f64 },
        TypeRef::Boolean => quote! { bool },
        TypeRef::Secret => quote! { ::stripe_runtime::Secret },
        TypeRef::Json => quote! { ::serde_json::Value },
        TypeRef::Named(name) => named(name, ir, file),
        TypeRef::Boxed(name) => {
            let inner = named(name, ir, file);
            quote! { ::std::boxed::Box<#inner> }
        }
        TypeRef::Array(inner) => {
            let inner = type_tokens(inner, ir, file);
            quote! { ::std::vec::Vec<#inner> }
        }
        TypeRef::Map(inner) => {
            let inner = type_tokens(inner, ir, file);
            quote! { ::std::collections::BTreeMap<::std::string::String, #inner> }
        }
        TypeRef::Expandable(inner) => {
            let inner = type_tokens(inner, ir, file);
            quote! { ::stripe_runtime::Expandable<#inner> }
        }
        TypeRef::List(inner) => {
            let inner = type_tokens(inner, ir, file);
            quote! { ::stripe_runtime::List<#inner> }
        }
        TypeRef::Emptyable(inner) => {
            let inner = type_tokens(inner, ir, file);
            quote! { ::stripe_runtime::Emptyable<#inner> }
        }
        TypeRef::RangeQuery => quote! { ::stripe_runtime::RangeQuery<i64> },
    }
}

fn named(name: &str, ir: &Ir, file: OutputFile) -> TokenStream {
    let ident = format_ident!("{}", name);
    let target = ir.types.get(name).map_or(OutputFile::Types, |def| def.file);
    if target == file {
        quote! { #ident }
    } else {
        quote! { super::types::#ident }
    }
}

/// `ty`, or `Option<ty>` when `optional`.
pub(crate) fn field_type(ty: &TypeRef, optional: bool, ir: &Ir, file: OutputFile) -> TokenStream {
    let inner = type_tokens(ty, ir, file);
    if optional {
        quote! { ::std::option::Option<#inner> }
    } else {
        inner
    }
}
