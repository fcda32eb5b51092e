//! Open string enums. Stripe adds values without a new API version, so every enum is
//! `#[non_exhaustive]` and has a catch-all variant that keeps an unknown value as received. The
//! shared behaviour (`as_str`, `From<&str>`, `FromStr`, `Display`, serde, form encoding) lives in
//! `stripe_runtime::open_enum!`; a generated enum is its variants, their docs and wire strings.
//!
//! Derives name the standard derive macros bare (`Clone`, not `::std::clone::Clone`): they live
//! in the macro namespace, which the types a user's scope shadows (`Option`, `String`, …) do not
//! touch, and the short list keeps each derive on one line.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs_attr::doc_attrs;
use super::type_expr::std_item;
use crate::docs;
use crate::ir::{EnumDef, Ir, TypeDef};

/// An enum for `def`: the type, and one `open_enum!` line, listing each variant with its wire
/// string, that implements the conversions, serde and encoding in the runtime.
pub(crate) fn enum_item(def: &TypeDef, e: &EnumDef, ir: &Ir) -> TokenStream {
    let string = std_item("String", ir);
    let name = format_ident!("{}", def.name);
    let docs = doc_attrs(&def.docs);
    let fallback = format_ident!("{}", e.fallback);
    let variants: Vec<_> = e
        .variants
        .iter()
        .map(|v| format_ident!("{}", v.rust_name))
        .collect();
    let wires: Vec<&str> = e.variants.iter().map(|v| v.wire.as_str()).collect();
    let variant_docs = wires
        .iter()
        .map(|wire| format!(" `{}`", docs::visible(&wire.replace('`', "'"))));
    quote! {
        #docs
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #( #[doc = #variant_docs] #variants, )*
            /// A value this version of the crate does not know, kept exactly as received.
            #fallback(#string),
        }

        ::stripe_runtime::open_enum!(#name, #fallback { #( #variants = #wires ),* });
    }
}
