//! Documentation as `#[doc = "…"]` attributes, one per line with a leading space, so prettyplease
//! prints them as ordinary `/// …` comments.

use proc_macro2::TokenStream;
use quote::quote;

/// `#[doc]` attributes for sanitised `docs` (see `crate::docs`).
pub(crate) fn doc_attrs(docs: &str) -> TokenStream {
    let lines = docs.lines().map(|line| {
        if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        }
    });
    quote! { #( #[doc = #lines] )* }
}
