//! The Rust type for a [`TypeRef`]. Standard, serde and runtime names of [`IMPORTABLE`] are written
//! bare, imported once per file by absolute path ([`imports`]), or in full when a generated item
//! took the name. A named type is referred to by its bare name from its own file and through
//! `super::types::` from the requests file, which works both in the generated crate and where the
//! root package `include!`s the files as sibling modules.

use std::collections::BTreeMap;

use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};

use crate::ir::{Ir, OutputFile, TypeRef, IMPORTABLE};

/// The standard or serde item `name`, one of [`IMPORTABLE`]: bare when the file imports it, by
/// its full path when a generated item took the name.
pub(crate) fn std_item(name: &'static str, ir: &Ir) -> TokenStream {
    if ir.imported.contains(name) {
        let ident = Ident::new(name, Span::call_site());
        return quote! { #ident };
    }
    let (_, path) = IMPORTABLE
        .iter()
        .find(|(importable, _)| *importable == name)
        .expect("std_item is only asked for importable names");
    path.parse().expect("an importable's path is valid Rust")
}

/// The `use` items that import [`Ir::imported`], grouped by crate. A file may not need every
/// name (a spec without maps has no `BTreeMap`), so unused ones are allowed.
pub(crate) fn imports(ir: &Ir) -> TokenStream {
    let mut by_crate: BTreeMap<&str, Vec<TokenStream>> = BTreeMap::new();
    for (name, path) in IMPORTABLE.iter().filter(|(name, _)| ir.imported.contains(name)) {
        let path = path.trim_start_matches("::");
        let (krate, rest) = path
            .split_once("::")
            .expect("an importable's path names its crate");
        by_crate
            .entry(krate)
            .or_default()
            .push(rest.parse().expect("an importable's path is valid Rust"));
        debug_assert!(path.ends_with(name));
    }
    let uses = by_crate.into_iter().map(|(krate, mut paths)| {
        paths.sort_by_key(ToString::to_string);
        let krate = Ident::new(krate, Span::call_site());
        let paths = match paths.as_slice() {
            [one] => one.clone(),
            _ => quote! { {#(#paths),*} },
        };
        quote! {
            #[allow(unused_imports)]
            use ::#krate::#paths;
        }
    });
    quote! { #(#uses)* }
}

/// The type of a value of `ty`, written for a file holding `role` types.
pub(crate) fn type_tokens(ty: &TypeRef, ir: &Ir, file: OutputFile) -> TokenStream {
    match ty {
        TypeRef::String => std_item("String", ir),
        TypeRef::Integer => quote! { i64 },
        TypeRef::Number => quote! { f64 },
        TypeRef::Boolean => quote! { bool },
        TypeRef::Secret => quote! { ::stripe_runtime::Secret },
        TypeRef::Json => quote! { ::serde_json::Value },
        TypeRef::Named(name) => named(name, ir, file),
        TypeRef::Boxed(name) => {
            let (inner, boxed) = (named(name, ir, file), std_item("Box", ir));
            quote! { #boxed<#inner> }
        }
        TypeRef::Array(inner) => {
            let (inner, vec) = (type_tokens(inner, ir, file), std_item("Vec", ir));
            quote! { #vec<#inner> }
        }
        TypeRef::Map(inner) => {
            let inner = type_tokens(inner, ir, file);
            let (map, string) = (std_item("BTreeMap", ir), std_item("String", ir));
            quote! { #map<#string, #inner> }
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
            let (inner, emptyable) = (type_tokens(inner, ir, file), std_item("Emptyable", ir));
            quote! { #emptyable<#inner> }
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
        let option = std_item("Option", ir);
        quote! { #option<#inner> }
    } else {
        inner
    }
}
