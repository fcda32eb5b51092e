//! Typed IDs: a tuple struct over `String`, and one `stripe_runtime::typed_id!` line that gives it
//! its conversions, comparisons, serde and encoding.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs_attr::doc_attrs;
use super::type_expr::std_item;
use crate::ir::{Ir, TypeDef};

/// The ID type for `def`.
pub(crate) fn id_item(def: &TypeDef, ir: &Ir) -> TokenStream {
    let string = std_item("String", ir);
    let name = format_ident!("{}", def.name);
    let docs = doc_attrs(&def.docs);
    quote! {
        #docs
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct #name(#string);

        ::stripe_runtime::typed_id!(#name);
    }
}
