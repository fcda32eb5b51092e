//! Enums for unions (`anyOf` / `oneOf` of unrelated schemas). Decoding buffers the JSON once and tries
//! the variants in the order `stripe_runtime::decode_union` ranks them (the `object` tag first,
//! then required fields present, then known keys), so a bank account never decodes as a card whose
//! fields happen to be optional (`union_decode`). A union read from responses has a catch-all
//! variant that keeps, as JSON, an object whose `object` tag no variant has. Encoding writes the
//! inner value. When every variant is an object with an `id`, the union is an `Object` too, so
//! `Expandable<Union>::id()` works.

use quote::quote;

use super::encode_impl::{in_file, union_encode_impl};
use super::object_impl::union_object_impl;
use super::syntax::{doc_attr, doc_attrs, enum_item, list_attr, path, path_type, variant};
use super::type_expr::{std_item, type_syntax};
use super::union_decode::deserialize_impl;
use crate::ir::{Ir, TypeDef, UnionDef};

/// The enum for `def`, its `Deserialize` impl, its `Object` impl when every variant has an ID,
/// and its encode impl when requests send it.
pub(crate) fn union_item(def: &TypeDef, u: &UnionDef, ir: &Ir) -> Vec<syn::Item> {
    let mut attrs = doc_attrs(&def.docs);
    if def.caps.round_trip {
        let serialize = std_item("Serialize", ir);
        attrs.push(list_attr(
            "derive",
            quote! { Clone, Debug, PartialEq, #serialize },
        ));
        attrs.push(list_attr("serde", quote! { untagged }));
    } else {
        attrs.push(list_attr("derive", quote! { Clone, Debug, PartialEq }));
    }
    let mut variants: Vec<syn::Variant> = u
        .variants
        .iter()
        .map(|(name, ty)| {
            let doc = doc_attr(&format!(" The `{name}` form."));
            variant(vec![doc], name, Some(type_syntax(ty, ir, def.file)))
        })
        .collect();
    let fallback = u.fallback.as_deref();
    if let Some(fallback) = fallback {
        let doc = doc_attr(
            " An object of a kind this version of the API does not know (Stripe added it later), kept as JSON.",
        );
        variants.push(variant(
            vec![doc],
            fallback,
            Some(path_type(path("::serde_json::Value"))),
        ));
    }
    let names = || u.variants.iter().map(|(name, _)| name.as_str());
    let mut items = vec![
        enum_item(attrs, &def.name, variants),
        deserialize_impl(def, u, ir),
    ];
    if u.has_id {
        items.push(union_object_impl(&def.name, names(), fallback));
    }
    if def.caps.encode {
        items.push(in_file(def.file, union_encode_impl(&def.name, names())));
    }
    items
}
