//! Enums for unions (`anyOf` / `oneOf` of unrelated schemas). Decoding buffers the JSON once and tries
//! the variants in the order `stripe_runtime::decode_union` ranks them (the `object` tag first,
//! then required fields present, then known keys), so a bank account never decodes as a card whose
//! fields happen to be optional. A union read from responses has a catch-all variant that keeps,
//! as JSON, an object whose `object` tag no variant has. Encoding writes the inner value. When
//! every variant is an object with an `id`, the union is an `Object` too, so
//! `Expandable<Union>::id()` works.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs_attr::doc_attrs;
use super::type_expr::{std_item, type_tokens};
use super::Piece;
use crate::ir::{Ir, TypeDef, TypeKind, TypeRef, UnionDef};

/// The enum for `def`, its `Object` impl when every variant has an ID, and its encode impl when
/// requests send it.
pub(crate) fn union_item(def: &TypeDef, u: &UnionDef, ir: &Ir) -> Vec<Piece> {
    let name = format_ident!("{}", def.name);
    let docs = doc_attrs(&def.docs);
    let variants: Vec<_> = u
        .variants
        .iter()
        .map(|(variant, _)| format_ident!("{}", variant))
        .collect();
    let types = u.variants.iter().map(|(_, ty)| type_tokens(ty, ir, def.file));
    let variant_docs = u
        .variants
        .iter()
        .map(|(variant, _)| format!(" The `{variant}` form."));
    let derive = if def.caps.round_trip {
        let serialize = std_item("Serialize", ir);
        quote! {
            #[derive(Clone, Debug, PartialEq, #serialize)]
            #[serde(untagged)]
        }
    } else {
        quote! { #[derive(Clone, Debug, PartialEq)] }
    };
    let deserialize = deserialize_impl(def, u, ir);
    let fallback = u.fallback.as_ref().map(|fallback| format_ident!("{}", fallback));
    let fallback_variant = fallback.as_ref().map(|fallback| {
        let doc = " An object of a kind this version of the API does not know (Stripe added it later), kept as JSON.";
        quote! { #[doc = #doc] #fallback(::serde_json::Value), }
    });
    let fallback_id = fallback.as_ref().map(|fallback| {
        quote! { Self::#fallback(value) => ::stripe_runtime::unknown_object_id(value), }
    });
    let object = if u.has_id {
        quote! {
            impl ::stripe_runtime::Object for #name {
                fn id(&self) -> &str {
                    match self {
                        #( Self::#variants(value) => ::stripe_runtime::Object::id(value), )*
                        #fallback_id
                    }
                }
            }
        }
    } else {
        quote! {}
    };
    let mut pieces = vec![Piece::Tokens(quote! {
        #docs
        #derive
        pub enum #name {
            #( #[doc = #variant_docs] #variants(#types), )*
            #fallback_variant
        }
        #deserialize
        #object
    })];
    if def.caps.encode {
        let encode_impl = quote! {
            impl ::stripe_runtime::EncodeParam for #name {
                fn encode_param(&self, key: &str, out: &mut ::stripe_runtime::FormPairs) {
                    match self {
                        #( Self::#variants(value) => ::stripe_runtime::EncodeParam::encode_param(value, key, out), )*
                    }
                }
            }
        };
        pieces.push(super::encode_impl::in_file(def.file, Piece::Tokens(encode_impl)));
    }
    pieces
}

/// `Deserialize`: buffer the JSON once, then `stripe_runtime::decode_union` ranks the variants and
/// tries them in that order; each attempt reads the buffered value by reference, so nothing is
/// copied per variant tried.
fn deserialize_impl(def: &TypeDef, u: &UnionDef, ir: &Ir) -> TokenStream {
    let name = format_ident!("{}", def.name);
    let union = &def.name;
    let (some, none) = (std_item("Some", ir), std_item("None", ir));
    let shapes = u.variants.iter().map(|(_, ty)| shape(ty, ir));
    let unknown = match &u.fallback {
        Some(fallback) => {
            let fallback = format_ident!("{}", fallback);
            quote! { #some(Self::#fallback) }
        }
        None => none.clone(),
    };
    let attempts = u.variants.iter().enumerate().map(|(index, (variant, ty))| {
        let variant = format_ident!("{}", variant);
        let ty = type_tokens(ty, ir, def.file);
        quote! { #index => #some(<#ty as ::serde::Deserialize>::deserialize(value).map(Self::#variant)), }
    });
    quote! {
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
                let shapes = [#(#shapes),*];
                ::stripe_runtime::decode_union(value, #union, &shapes, #unknown, |index, value| match index {
                    #(#attempts)*
                    _ => #none,
                })
                .map_err(<D::Error as ::serde::de::Error>::custom)
            }
        }
    }
}

/// What `decode_union` ranks a variant by: its `object` tag, required and known properties.
fn shape(ty: &TypeRef, ir: &Ir) -> TokenStream {
    let (fields, tag) = match ty {
        TypeRef::Named(name) | TypeRef::Boxed(name) => match ir.types.get(name).map(|def| &def.kind) {
            Some(TypeKind::Struct(s)) => (s.fields.as_slice(), s.object_tag.as_deref()),
            _ => (&[][..], None),
        },
        _ => (&[][..], None),
    };
    let tag = match tag {
        Some(tag) => {
            let some = std_item("Some", ir);
            quote! { #some(#tag) }
        }
        None => std_item("None", ir),
    };
    let required = fields.iter().filter(|f| f.required).map(|f| f.wire_name.as_str());
    let properties = fields.iter().map(|f| f.wire_name.as_str());
    quote! {
        ::stripe_runtime::VariantShape { tag: #tag, required: &[#(#required),*], properties: &[#(#properties),*] }
    }
}
