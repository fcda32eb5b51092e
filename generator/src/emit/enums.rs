//! Open string enums. Stripe adds values without a new API version, so every enum is
//! `#[non_exhaustive]` and has a catch-all variant that keeps an unknown value as received; serde
//! impls go through `as_str` / `From<&str>`, so an unknown value survives a JSON round trip.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs_attr::doc_attrs;
use super::encode_impl::enum_encode_impl;
use crate::docs;
use crate::ir::{EnumDef, TypeDef};

/// An enum for `def`, with its conversions and serde impls.
pub(crate) fn enum_item(def: &TypeDef, e: &EnumDef) -> TokenStream {
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
    let encode = if def.encodable {
        enum_encode_impl(&def.name)
    } else {
        quote! {}
    };
    quote! {
        #docs
        #[derive(::std::clone::Clone, ::std::fmt::Debug, ::std::cmp::PartialEq, ::std::cmp::Eq, ::std::hash::Hash)]
        #[non_exhaustive]
        pub enum #name {
            #( #[doc = #variant_docs] #variants, )*
            /// A value this version of the crate does not know, kept exactly as received.
            #fallback(::std::string::String),
        }

        impl #name {
            /// The value as it is written on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #( Self::#variants => #wires, )*
                    Self::#fallback(value) => value,
                }
            }
        }

        impl ::std::convert::From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #( #wires => Self::#variants, )*
                    other => Self::#fallback(::std::borrow::ToOwned::to_owned(other)),
                }
            }
        }

        impl ::std::str::FromStr for #name {
            type Err = ::std::convert::Infallible;

            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                ::std::result::Result::Ok(Self::from(value))
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let value = <::std::string::String as ::serde::Deserialize>::deserialize(deserializer)?;
                ::std::result::Result::Ok(Self::from(value.as_str()))
            }
        }

        #encode
    }
}
