//! Typed IDs: a tuple struct over `String`, and one `stripe_runtime::typed_id!` line that gives it
//! its conversions, comparisons, serde and encoding.

use quote::quote;

use super::syntax::{doc_attrs, ident, list_attr, macro_item, path_type, tuple_struct_item};
use super::type_expr::std_path;
use crate::ir::{Ir, TypeDef};

/// The ID type for `def`.
pub(crate) fn id_item(def: &TypeDef, ir: &Ir) -> Vec<syn::Item> {
    let mut attrs = doc_attrs(&def.docs);
    attrs.push(list_attr(
        "derive",
        quote! { Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord },
    ));
    let name = ident(&def.name);
    vec![
        tuple_struct_item(attrs, &def.name, path_type(std_path("String", ir))),
        macro_item("::stripe_runtime::typed_id", quote! { #name }, false),
    ]
}
