//! Documentation as `#[doc = "…"]` attributes, one per line with a leading space, so prettyplease
//! prints them as ordinary `/// …` comments: as tokens, for the items written with `quote!`.

use proc_macro2::TokenStream;

/// `#[doc]` attributes for sanitised `docs` (see `crate::docs`), as tokens; the attributes
/// themselves are `syntax::doc_attrs`.
pub(crate) fn doc_attrs(docs: &str) -> TokenStream {
    super::syntax::tokens(&super::syntax::doc_attrs(docs))
}
