//! Typed IDs: a tuple struct over `String`, and one `stripe_runtime::typed_id!` line that gives it
//! its conversions, comparisons, serde and encoding.

use quote::quote;

use super::syntax::{doc_attrs, ident, list_attr, macro_item, path_type, tuple_struct_item};
use super::type_expr::std_path;
use super::Piece;
use crate::ir::{Ir, TypeDef};

/// The ID type for `def`.
pub(crate) fn id_item(def: &TypeDef, ir: &Ir) -> Vec<Piece> {
    let mut attrs = doc_attrs(&def.docs);
    attrs.push(list_attr(
        "derive",
        quote! { Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord },
    ));
    let name = ident(&def.name);
    vec![
        Piece::Built(tuple_struct_item(
            attrs,
            &def.name,
            path_type(std_path("String", ir)),
        )),
        Piece::Built(macro_item("::stripe_runtime::typed_id", quote! { #name }, false)),
    ]
}
