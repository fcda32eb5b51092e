//! The Rust type for a [`TypeRef`]. Standard, serde and runtime names of [`IMPORTABLE`] are written
//! bare, imported once per file by absolute path (`imports`), or in full when a generated item
//! took the name. A named type is referred to by its bare name from its own file and through
//! `super::types::` from the requests file, which works both in the generated crate and where the
//! root package `include!`s the files as sibling modules.

use proc_macro2::TokenStream;
use quote::ToTokens;

use super::syntax::{generic_type, ident, path, path_type};
use crate::ir::{Ir, OutputFile, TypeId, TypeRef, IMPORTABLE};

/// The standard or serde item `name`, one of [`IMPORTABLE`]: bare when the file imports it, by
/// its full path when a generated item took the name.
pub(crate) fn std_path(name: &'static str, ir: &Ir) -> syn::Path {
    if ir.imported.contains(name) {
        return path(name);
    }
    let (_, full) = IMPORTABLE
        .iter()
        .find(|(importable, _)| *importable == name)
        .expect("std_path is only asked for importable names");
    path(full)
}

/// `member` of the standard item `name` (`Emptyable::Empty`, `Into::into`), written as
/// [`std_path`] writes the item.
pub(crate) fn std_member(name: &'static str, member: &str, ir: &Ir) -> syn::Path {
    let mut path = std_path(name, ir);
    path.segments.push(ident(member).into());
    path
}

/// [`std_path`] as tokens, for a derive list (an attribute's arguments are kept as tokens).
pub(crate) fn std_item(name: &'static str, ir: &Ir) -> TokenStream {
    std_path(name, ir).into_token_stream()
}

/// The type of a value of `ty`, written for a file holding `file`'s types.
pub(crate) fn type_syntax(ty: &TypeRef, ir: &Ir, file: OutputFile) -> syn::Type {
    let std = |name| path_type(std_path(name, ir));
    let inner = |inner| type_syntax(inner, ir, file);
    match ty {
        TypeRef::String => std("String"),
        TypeRef::Integer => path_type(path("i64")),
        TypeRef::Number => path_type(path("f64")),
        TypeRef::Boolean => path_type(path("bool")),
        TypeRef::Secret => path_type(path("::stripe_runtime::Secret")),
        TypeRef::Json => path_type(path("::serde_json::Value")),
        TypeRef::Named(id) => named(*id, ir, file),
        TypeRef::Boxed(id) => generic_type(std_path("Box", ir), [named(*id, ir, file)]),
        TypeRef::Array(item) => generic_type(std_path("Vec", ir), [inner(item)]),
        TypeRef::Map(value) => generic_type(std_path("BTreeMap", ir), [std("String"), inner(value)]),
        TypeRef::Expandable(item) => generic_type(path("::stripe_runtime::Expandable"), [inner(item)]),
        TypeRef::List(item) => generic_type(path("::stripe_runtime::List"), [inner(item)]),
        TypeRef::Emptyable(item) => generic_type(std_path("Emptyable", ir), [inner(item)]),
        TypeRef::RangeQuery => generic_type(path("::stripe_runtime::RangeQuery"), [path_type(path("i64"))]),
    }
}

fn named(id: TypeId, ir: &Ir, file: OutputFile) -> syn::Type {
    let name = ir.types.name(id);
    let target = ir.types.def(id).map_or(OutputFile::Types, |def| def.file);
    if target == file {
        path_type(path(name))
    } else {
        path_type(path(&format!("super::types::{name}")))
    }
}

/// `ty`, or `Option<ty>` when `optional`.
pub(crate) fn field_syntax(ty: &TypeRef, optional: bool, ir: &Ir, file: OutputFile) -> syn::Type {
    let inner = type_syntax(ty, ir, file);
    if optional {
        generic_type(std_path("Option", ir), [inner])
    } else {
        inner
    }
}
