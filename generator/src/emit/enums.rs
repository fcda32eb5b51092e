//! Open string enums. Stripe adds values without a new API version, so every enum is
//! `#[non_exhaustive]` and has a catch-all variant that keeps an unknown value as received. The
//! shared behaviour (`as_str`, `From<&str>`, `FromStr`, `Display`, serde, form encoding) lives in
//! `stripe_runtime::open_enum!`; a generated enum is its variants, their docs and wire strings.
//!
//! Derives name the standard derive macros bare (`Clone`, not `::std::clone::Clone`): they live
//! in the macro namespace, which the types a user's scope shadows (`Option`, `String`, …) do not
//! touch, and the short list keeps each derive on one line.

use quote::quote;

use super::syntax::{
    doc_attr, doc_attrs, enum_item as enum_syntax, ident, list_attr, macro_item, path_type, variant,
    word_attr,
};
use super::type_expr::std_path;
use crate::docs;
use crate::ir::{EnumDef, Ir, TypeDef};

/// An enum for `def`: the type, and one `open_enum!` line, listing each variant with its wire
/// string, that implements the conversions, serde and encoding in the runtime.
pub(crate) fn enum_item(def: &TypeDef, e: &EnumDef, ir: &Ir) -> Vec<syn::Item> {
    let mut attrs = doc_attrs(&def.docs);
    attrs.push(list_attr("derive", quote! { Clone, Debug, PartialEq, Eq, Hash }));
    attrs.push(word_attr("non_exhaustive"));
    let mut variants: Vec<syn::Variant> = e
        .variants
        .iter()
        .map(|v| {
            let doc = format!(" `{}`", docs::visible(&v.wire.replace('`', "'")));
            variant(vec![doc_attr(&doc)], &v.rust_name, None)
        })
        .collect();
    variants.push(variant(
        vec![doc_attr(
            " A value this version of the crate does not know, kept exactly as received.",
        )],
        &e.fallback,
        Some(path_type(std_path("String", ir))),
    ));
    let name = ident(&def.name);
    let fallback = ident(&e.fallback);
    let pairs = e.variants.iter().map(|v| {
        let (variant, wire) = (ident(&v.rust_name), &v.wire);
        quote! { #variant = #wire }
    });
    vec![
        enum_syntax(attrs, &def.name, variants),
        macro_item(
            "::stripe_runtime::open_enum",
            quote! { #name, #fallback { #(#pairs),* } },
            false,
        ),
    ]
}
