//! Chained setters, shared by request builders and the parameter types they take: an optional
//! field's setter takes the value itself (any iterable for arrays and maps, anything convertible
//! otherwise) and wraps it; an emptyable one also gets the clearing method the IR names.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs_attr::doc_attrs;
use super::type_expr::{std_item, type_tokens};
use crate::ir::{Field, Ir, OutputFile, TypeRef};

/// The setter of an optional parameter. An emptyable one takes the value itself, and gets a
/// second method, named in the IR, that sends it empty.
pub(crate) fn setter(field: &Field, ir: &Ir) -> TokenStream {
    let ident = format_ident!("{}", field.rust_name);
    let docs = doc_attrs(&field.docs);
    let (some, emptyable) = (std_item("Some", ir), std_item("Emptyable", ir));
    let (arg, value) = match (&field.ty, &field.clear_setter) {
        (TypeRef::Emptyable(inner), Some(_)) => {
            let value = setter_value(inner, quote! { value }, ir);
            (setter_arg(inner, ir), quote! { #emptyable::Value(#value) })
        }
        (ty, _) => (setter_arg(ty, ir), setter_value(ty, quote! { value }, ir)),
    };
    let clear = field.clear_setter.as_ref().map(|clear| {
        let clear = format_ident!("{}", clear);
        let doc = format!(
            " Sends `{}` empty (`{}=`), which clears it on Stripe's side.",
            field.wire_name, field.wire_name
        );
        quote! {
            #[doc = #doc]
            pub fn #clear(mut self) -> Self {
                self.#ident = #some(#emptyable::Empty);
                self
            }
        }
    });
    quote! {
        #docs
        pub fn #ident(mut self, value: #arg) -> Self {
            self.#ident = #some(#value);
            self
        }
        #clear
    }
}

/// What a setter accepts: anything convertible, and any iterable for arrays and maps.
pub(crate) fn setter_arg(ty: &TypeRef, ir: &Ir) -> TokenStream {
    let (into, into_iterator) = (std_item("Into", ir), std_item("IntoIterator", ir));
    match ty {
        TypeRef::Array(item) => {
            let item = type_tokens(item, ir, OutputFile::Requests);
            quote! { impl #into_iterator<Item = impl #into<#item>> }
        }
        TypeRef::Map(value) => {
            let value = type_tokens(value, ir, OutputFile::Requests);
            let string = std_item("String", ir);
            quote! { impl #into_iterator<Item = (impl #into<#string>, impl #into<#value>)> }
        }
        other => {
            let ty = type_tokens(other, ir, OutputFile::Requests);
            quote! { impl #into<#ty> }
        }
    }
}

/// Converts a setter argument `arg` into the field's type. The argument's own bound supplies
/// `into`, so the calls need no trait in scope.
pub(crate) fn setter_value(ty: &TypeRef, arg: TokenStream, ir: &Ir) -> TokenStream {
    match ty {
        TypeRef::Array(_) => {
            let into = std_item("Into", ir);
            quote! { #arg.into_iter().map(#into::into).collect() }
        }
        TypeRef::Map(_) => quote! {
            #arg.into_iter().map(|(key, value)| (key.into(), value.into())).collect()
        },
        _ => quote! { #arg.into() },
    }
}
