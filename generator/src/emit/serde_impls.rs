//! The shells of the serde impls written by hand (unions, the event payload): the generic
//! signatures of `Deserialize::deserialize` and `Serialize::serialize` around a body. Serde's
//! names are written by absolute path, so a spec type named `Deserializer` cannot shadow them.

use super::syntax::{
    generic_impl_item, generic_type, method, path, path_type, self_type, with_args, with_generics, Receiver,
};
use super::syntax_decl::{bounded_generics, lifetime, lifetime_generics};

/// `impl<'de> ::serde::Deserialize<'de> for name`, whose `deserialize` runs `body` on
/// `deserializer: D`.
pub(crate) fn deserialize_impl(name: &str, body: Vec<syn::Stmt>) -> syn::Item {
    let de = || syn::GenericArgument::Lifetime(lifetime("'de"));
    let deserializer = with_args(path("::serde::Deserializer"), [de()]);
    let deserialize = method(
        Vec::new(),
        syn::Visibility::Inherited,
        "deserialize",
        None,
        vec![("deserializer", path_type(path("D")))],
        Some(result_of(self_type(), "D::Error")),
        body,
    );
    generic_impl_item(
        lifetime_generics("'de"),
        Some(with_args(path("::serde::Deserialize"), [de()])),
        name,
        vec![with_generics(deserialize, bounded_generics("D", deserializer))],
    )
}

/// `impl ::serde::Serialize for name`, whose `serialize` runs `body` on `&self` and
/// `serializer: S`.
pub(crate) fn serialize_impl(name: &str, body: Vec<syn::Stmt>) -> syn::Item {
    let serialize = method(
        Vec::new(),
        syn::Visibility::Inherited,
        "serialize",
        Some(Receiver::Ref),
        vec![("serializer", path_type(path("S")))],
        Some(result_of(path_type(path("S::Ok")), "S::Error")),
        body,
    );
    generic_impl_item(
        syn::Generics::default(),
        Some(path("::serde::Serialize")),
        name,
        vec![with_generics(
            serialize,
            bounded_generics("S", path("::serde::Serializer")),
        )],
    )
}

/// `::std::result::Result<ok, error>`, the error named by its path.
fn result_of(ok: syn::Type, error: &str) -> syn::Type {
    generic_type(path("::std::result::Result"), [ok, path_type(path(error))])
}

#[cfg(test)]
mod tests {
    use super::super::print::print_part;
    use super::super::syntax::{tail, var};
    use super::*;
    use crate::timing::StageTimes;

    /// The shells print as the impls a person would write.
    #[test]
    fn shells_print_as_their_source_parses() {
        let built = vec![
            deserialize_impl("Payload", vec![tail(var("body"))]),
            serialize_impl("Payload", vec![tail(var("body"))]),
        ];
        let source = r#"
            impl<'de> ::serde::Deserialize<'de> for Payload {
                fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                    body
                }
            }
            impl ::serde::Serialize for Payload {
                fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                    body
                }
            }
        "#;
        let parsed = syn::parse_file(source).expect("parses").items;
        let print = |items| print_part(items, &mut StageTimes::default());
        assert_eq!(print(built), print(parsed));
    }
}
