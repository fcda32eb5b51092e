//! `impl ::stripe_runtime::EncodeParam` for the structs and enums that request parameters reach:
//! each field is encoded under its wire name, in wire-name order, the order Stripe's SDKs send
//! (they send parameters in the order given, and this crate gives them sorted).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::ir::{Field, OutputFile};

/// An encode impl as printed in `file`: in the models' file, which every build of the generated
/// crate compiles, behind `stripe_runtime::requests_only!`, so a build without request support
/// (no `EncodeParam`) drops it; in the requests' file, which only such builds compile, as it is.
pub(crate) fn in_file(file: OutputFile, encode_impl: TokenStream) -> TokenStream {
    match file {
        OutputFile::Types => quote! { ::stripe_runtime::requests_only! { #encode_impl } },
        OutputFile::Requests => encode_impl,
    }
}

/// The encode impl for a struct named `name` with `fields`.
pub(crate) fn struct_encode_impl(name: &str, fields: &[Field]) -> TokenStream {
    let ident = format_ident!("{}", name);
    let calls = fields.iter().map(|field| {
        let member = format_ident!("{}", field.rust_name);
        let wire = &field.wire_name;
        quote! { out.field(key, #wire, &self.#member); }
    });
    let out = if fields.is_empty() {
        quote! { _out }
    } else {
        quote! { out }
    };
    let key = if fields.is_empty() {
        quote! { _key }
    } else {
        quote! { key }
    };
    quote! {
        impl ::stripe_runtime::EncodeParam for #ident {
            fn encode_param(&self, #key: &str, #out: &mut ::stripe_runtime::FormPairs) {
                #(#calls)*
            }
        }
    }
}
