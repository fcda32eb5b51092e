//! `impl ::stripe_runtime::EncodeParam` for the structs, unions and enums that request parameters
//! reach: a struct's fields are encoded under their wire names, in wire-name order, the order
//! Stripe's SDKs send (they send parameters in the order given, and this crate gives them sorted);
//! a union encodes the value it holds.

use super::syntax::{
    call, field, impl_item, lit_str, macro_item, method, method_call, path, path_expr, path_type, reference,
    reference_type, semi, tail, var, Receiver,
};
use super::syntax_expr::{arm, match_expr, tuple_variant_pat};
use crate::ir::{Field, OutputFile};

/// An encode impl as printed in `file`: in the models' file, which every build of the generated
/// crate compiles, behind `stripe_runtime::requests_only!`, so a build without request support
/// (no `EncodeParam`) drops it; in the requests' file, which only such builds compile, as it is.
pub(crate) fn in_file(file: OutputFile, encode_impl: syn::Item) -> syn::Item {
    match file {
        OutputFile::Types => macro_item(
            "::stripe_runtime::requests_only",
            quote::ToTokens::into_token_stream(encode_impl),
            true,
        ),
        OutputFile::Requests => encode_impl,
    }
}

/// The encode impl for a struct named `name` with `fields`: one
/// `out.field(key, "wire", &self.member);` per field.
pub(crate) fn struct_encode_impl(name: &str, fields: &[Field]) -> syn::Item {
    let calls = fields
        .iter()
        .map(|f| {
            let value = reference(field(var("self"), &f.rust_name));
            semi(method_call(
                var("out"),
                "field",
                vec![var("key"), lit_str(&f.wire_name), value],
            ))
        })
        .collect();
    // An impl with no field to encode names its arguments so that they are not unused.
    if fields.is_empty() {
        encode_impl(name, ("_key", "_out"), calls)
    } else {
        encode_impl(name, ("key", "out"), calls)
    }
}

/// The encode impl for a union named `name` with `variants`: each encodes its value under the
/// union's key.
pub(crate) fn union_encode_impl<'a>(name: &str, variants: impl Iterator<Item = &'a str>) -> syn::Item {
    let arms = variants
        .map(|variant| {
            let encode = call(
                path_expr(path("::stripe_runtime::EncodeParam::encode_param")),
                vec![var("value"), var("key"), var("out")],
            );
            arm(
                tuple_variant_pat(path(&format!("Self::{variant}")), "value"),
                encode,
            )
        })
        .collect();
    encode_impl(name, ("key", "out"), vec![tail(match_expr(var("self"), arms))])
}

/// `impl EncodeParam for name { fn encode_param(&self, key: &str, out: &mut FormPairs) { body } }`,
/// with the arguments named `key` and `out` as given.
fn encode_impl(name: &str, (key, out): (&str, &str), body: Vec<syn::Stmt>) -> syn::Item {
    let form_pairs = path_type(path("::stripe_runtime::FormPairs"));
    let encode = method(
        Vec::new(),
        syn::Visibility::Inherited,
        "encode_param",
        Some(Receiver::Ref),
        vec![
            (key, reference_type(path_type(path("str")), false)),
            (out, reference_type(form_pairs, true)),
        ],
        None,
        body,
    );
    impl_item(Some(path("::stripe_runtime::EncodeParam")), name, vec![encode])
}
