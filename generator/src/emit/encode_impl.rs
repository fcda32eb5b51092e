//! `impl ::stripe_runtime::EncodeParam` for the structs and enums that request parameters reach:
//! each field is encoded under its wire name, in wire-name order, the order Stripe's SDKs send
//! (they send parameters in the order given, and this crate gives them sorted).

use super::syntax::{
    field, impl_item, lit_str, macro_item, method, method_call, path, path_type, reference, reference_type,
    semi, var, Receiver,
};
use super::Piece;
use crate::ir::{Field, OutputFile};

/// An encode impl as printed in `file`: in the models' file, which every build of the generated
/// crate compiles, behind `stripe_runtime::requests_only!`, so a build without request support
/// (no `EncodeParam`) drops it; in the requests' file, which only such builds compile, as it is.
pub(crate) fn in_file(file: OutputFile, encode_impl: Piece) -> Piece {
    match file {
        OutputFile::Types => Piece::Built(macro_item(
            "::stripe_runtime::requests_only",
            encode_impl.into_tokens(),
            true,
        )),
        OutputFile::Requests => encode_impl,
    }
}

/// The encode impl for a struct named `name` with `fields`: one
/// `out.field(key, "wire", &self.member);` per field.
pub(crate) fn struct_encode_impl(name: &str, fields: &[Field]) -> syn::Item {
    // An impl with no field to encode names its arguments so that they are not unused.
    let (key, out) = if fields.is_empty() {
        ("_key", "_out")
    } else {
        ("key", "out")
    };
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
        calls,
    );
    impl_item(Some(path("::stripe_runtime::EncodeParam")), name, vec![encode])
}
