//! The event payload: an enum with one variant per resource that has events (its typed event
//! type and `EventData<Resource>`) and a catch-all keeping any other event's type and JSON data.
//! It is read by the event's `type`: a name under a resource's prefix decodes that resource
//! (a type this version does not know stays typed, as `Unrecognized`); any other decodes as the
//! catch-all, so an endpoint's events of other resources never fail. It writes back `type` and
//! `data` as read.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs_attr::doc_attrs;
use super::type_expr::{std_item, type_tokens};
use crate::ir::{EventPayloadDef, Ir, TypeDef};

/// The payload enum for `def`, with its serde impls.
pub(crate) fn payload_item(def: &TypeDef, e: &EventPayloadDef, ir: &Ir) -> TokenStream {
    let name = format_ident!("{}", def.name);
    let docs = doc_attrs(&def.docs);
    let (string, boxed) = (std_item("String", ir), std_item("Box", ir));
    let other = format_ident!("{}", e.other);
    let variants: Vec<_> = e.variants.iter().map(|v| format_ident!("{}", v.name)).collect();
    let enums: Vec<_> = e
        .variants
        .iter()
        .map(|v| format_ident!("{}", v.type_enum))
        .collect();
    let objects: Vec<_> = e
        .variants
        .iter()
        .map(|v| type_tokens(&v.object, ir, def.file))
        .collect();
    let prefixes: Vec<&str> = e.variants.iter().map(|v| v.prefix.as_str()).collect();
    let variant_docs = e
        .variants
        .iter()
        .map(|v| format!(" An event about a [`{}`] (`{}…`).", v.name, v.prefix));
    quote! {
        #docs
        #[derive(Clone, Debug, PartialEq)]
        #[non_exhaustive]
        pub enum #name {
            #(
                #[doc = #variant_docs]
                #variants {
                    /// What happened.
                    type_: #enums,
                    /// The object it happened to (boxed: a resource is large beside the
                    /// other variants).
                    data: ::stripe_runtime::EventData<#boxed<#objects>>,
                },
            )*
            /// An event this crate has no type for (another resource's), kept as received.
            #other {
                /// What happened, as Stripe names it.
                type_: #string,
                /// The object it happened to, as JSON.
                data: ::stripe_runtime::EventData<::serde_json::Value>,
            },
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let (type_, data) = ::stripe_runtime::read_event_payload(deserializer)?;
                #(
                    if type_.starts_with(#prefixes) {
                        return ::std::result::Result::Ok(Self::#variants {
                            type_: ::std::convert::From::from(type_.as_str()),
                            data: ::stripe_runtime::decode_event_data(&data)?,
                        });
                    }
                )*
                ::std::result::Result::Ok(Self::#other {
                    type_,
                    data: ::stripe_runtime::decode_event_data(&data)?,
                })
            }
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                match self {
                    #( Self::#variants { type_, data } => ::stripe_runtime::write_event_payload(type_.as_str(), data, serializer), )*
                    Self::#other { type_, data } => ::stripe_runtime::write_event_payload(type_, data, serializer),
                }
            }
        }
    }
}
