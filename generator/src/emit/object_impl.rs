//! `impl ::stripe_runtime::Object` (for `Expandable::id` and pagination) on the types the IR says
//! have an `id`: a struct reads its field; a union asks the variant it holds, and its catch-all
//! reads the kept JSON.

use super::syntax::{
    call, field, impl_item, method, path, path_expr, path_type, reference, reference_type, tail, type_arg,
    var, Receiver,
};
use super::syntax_expr::{arm, match_expr, tuple_variant_pat, turbofish_path};

/// The impl for a struct named `name`: `id` is its `id` field (the Rust field `id_field`) as a
/// `&str`.
pub(crate) fn struct_object_impl(name: &str, id_field: &str) -> syn::Item {
    let as_ref = turbofish_path(
        path("::std::convert::AsRef"),
        [type_arg(path_type(path("str")))],
        "as_ref",
    );
    let id = call(as_ref, vec![reference(field(var("self"), id_field))]);
    object_impl(name, id)
}

/// The impl for a union named `name` with `variants`, and the catch-all `fallback` if it has one.
pub(crate) fn union_object_impl<'a>(
    name: &str,
    variants: impl Iterator<Item = &'a str>,
    fallback: Option<&str>,
) -> syn::Item {
    let variant_arm = |variant: &str, get: &str| {
        let get = call(path_expr(path(get)), vec![var("value")]);
        arm(tuple_variant_pat(path(&format!("Self::{variant}")), "value"), get)
    };
    let arms = variants
        .map(|variant| variant_arm(variant, "::stripe_runtime::Object::id"))
        .chain(fallback.map(|fallback| variant_arm(fallback, "::stripe_runtime::unknown_object_id")))
        .collect();
    object_impl(name, match_expr(var("self"), arms))
}

/// `impl Object for name { fn id(&self) -> &str { id } }`.
fn object_impl(name: &str, id: syn::Expr) -> syn::Item {
    let str_ref = reference_type(path_type(path("str")), false);
    let id = method(
        Vec::new(),
        syn::Visibility::Inherited,
        "id",
        Some(Receiver::Ref),
        Vec::new(),
        Some(str_ref),
        vec![tail(id)],
    );
    impl_item(Some(path("::stripe_runtime::Object")), name, vec![id])
}
