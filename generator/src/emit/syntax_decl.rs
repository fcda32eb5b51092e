//! Syntax trees for the declarations a file has a few of: `use` items, type aliases, `const` and
//! `static` items, variants with named fields, and the generic parameters of hand-written serde
//! impls. Like `syntax`, each builds the tree `syn` would parse from the same source, with the
//! call-site span.

use proc_macro2::Span;
use syn::token;

use super::syntax::{ident, lit_str, path, path_type, public, reference_type};

/// `attrs vis use ::first::tree;`: a `use` of an absolute path.
pub(crate) fn use_item(
    attrs: Vec<syn::Attribute>,
    vis: syn::Visibility,
    first: &str,
    tree: syn::UseTree,
) -> syn::Item {
    syn::Item::Use(syn::ItemUse {
        attrs,
        vis,
        use_token: token::Use::default(),
        leading_colon: Some(token::PathSep::default()),
        tree: use_path(first, tree),
        semi_token: token::Semi::default(),
    })
}

/// `a::b::Name` as a use tree, from its text.
pub(crate) fn use_tree(text: &str) -> syn::UseTree {
    let mut segments = text.rsplit("::");
    let last = segments.next().expect("a path has a segment");
    segments.fold(
        syn::UseTree::Name(syn::UseName { ident: ident(last) }),
        |tree, segment| use_path(segment, tree),
    )
}

/// `{a, b, …}` as a use tree.
pub(crate) fn use_group(trees: Vec<syn::UseTree>) -> syn::UseTree {
    syn::UseTree::Group(syn::UseGroup {
        brace_token: token::Brace::default(),
        items: trees.into_iter().collect(),
    })
}

/// `segment::tree` as a use tree.
pub(crate) fn use_path(segment: &str, tree: syn::UseTree) -> syn::UseTree {
    syn::UseTree::Path(syn::UsePath {
        ident: ident(segment),
        colon2_token: token::PathSep::default(),
        tree: Box::new(tree),
    })
}

/// `attrs pub type name = ty;`
pub(crate) fn type_alias_item(attrs: Vec<syn::Attribute>, name: &str, ty: syn::Type) -> syn::Item {
    syn::Item::Type(syn::ItemType {
        attrs,
        vis: public(),
        type_token: token::Type::default(),
        ident: ident(name),
        generics: syn::Generics::default(),
        eq_token: token::Eq::default(),
        ty: Box::new(ty),
        semi_token: token::Semi::default(),
    })
}

/// `attrs pub const name: &str = value;`
pub(crate) fn str_const_item(attrs: Vec<syn::Attribute>, name: &str, value: &str) -> syn::Item {
    syn::Item::Const(syn::ItemConst {
        attrs,
        vis: public(),
        const_token: token::Const::default(),
        ident: ident(name),
        generics: syn::Generics::default(),
        colon_token: token::Colon::default(),
        ty: Box::new(reference_type(path_type(path("str")), false)),
        eq_token: token::Eq::default(),
        expr: Box::new(lit_str(value)),
        semi_token: token::Semi::default(),
    })
}

/// `attrs pub static name: ty = value;`
pub(crate) fn static_item(
    attrs: Vec<syn::Attribute>,
    name: &str,
    ty: syn::Type,
    value: syn::Expr,
) -> syn::Item {
    syn::Item::Static(syn::ItemStatic {
        attrs,
        vis: public(),
        static_token: token::Static::default(),
        mutability: syn::StaticMutability::None,
        ident: ident(name),
        colon_token: token::Colon::default(),
        ty: Box::new(ty),
        eq_token: token::Eq::default(),
        expr: Box::new(value),
        semi_token: token::Semi::default(),
    })
}

/// `[elem]` as a type.
pub(crate) fn slice_type(elem: syn::Type) -> syn::Type {
    syn::Type::Slice(syn::TypeSlice {
        bracket_token: token::Bracket::default(),
        elem: Box::new(elem),
    })
}

/// An enum variant with named `fields`.
pub(crate) fn struct_variant(
    attrs: Vec<syn::Attribute>,
    name: &str,
    fields: Vec<syn::Field>,
) -> syn::Variant {
    syn::Variant {
        attrs,
        ident: ident(name),
        fields: syn::Fields::Named(syn::FieldsNamed {
            brace_token: token::Brace::default(),
            named: fields.into_iter().collect(),
        }),
        discriminant: None,
    }
}

/// The lifetime `'name`, written with its quote.
pub(crate) fn lifetime(name: &str) -> syn::Lifetime {
    syn::Lifetime::new(name, Span::call_site())
}

/// `<'a>`: generics of one lifetime.
pub(crate) fn lifetime_generics(name: &str) -> syn::Generics {
    generics(syn::GenericParam::Lifetime(syn::LifetimeParam {
        attrs: Vec::new(),
        lifetime: lifetime(name),
        colon_token: None,
        bounds: syn::punctuated::Punctuated::new(),
    }))
}

/// `<name: bound>`: generics of one type parameter with one trait bound.
pub(crate) fn bounded_generics(name: &str, bound: syn::Path) -> syn::Generics {
    generics(syn::GenericParam::Type(syn::TypeParam {
        attrs: Vec::new(),
        ident: ident(name),
        colon_token: Some(token::Colon::default()),
        bounds: std::iter::once(syn::TypeParamBound::Trait(syn::TraitBound {
            paren_token: None,
            modifier: syn::TraitBoundModifier::None,
            lifetimes: None,
            path: bound,
        }))
        .collect(),
        eq_token: None,
        default: None,
    }))
}

fn generics(param: syn::GenericParam) -> syn::Generics {
    syn::Generics {
        lt_token: Some(token::Lt::default()),
        params: std::iter::once(param).collect(),
        gt_token: Some(token::Gt::default()),
        where_clause: None,
    }
}

#[cfg(test)]
mod tests {
    use super::super::print::print_part;
    use super::super::syntax::{doc_attrs, enum_item, named_field};
    use super::*;
    use crate::timing::StageTimes;

    fn printed(items: Vec<syn::Item>) -> String {
        print_part(items, &mut StageTimes::default())
    }

    /// Every declaration built here prints what `syn` parsing the same source prints.
    #[test]
    fn built_declarations_print_as_their_source_parses() {
        let single = use_item(Vec::new(), syn::Visibility::Inherited, "a", use_tree("b::C"));
        let group = use_item(
            Vec::new(),
            public(),
            "std",
            use_path(
                "option",
                use_group(vec![use_tree("Option"), use_tree("Option::None")]),
            ),
        );
        let slice_static = static_item(
            doc_attrs("All of them."),
            "ALL",
            reference_type(slice_type(path_type(path("Rule"))), false),
            lit_str("x"),
        );
        let variant = struct_variant(
            Vec::new(),
            "Named",
            vec![named_field(
                Vec::new(),
                syn::Visibility::Inherited,
                "type_",
                path_type(path("String")),
            )],
        );
        let built = vec![
            single,
            group,
            slice_static,
            str_const_item(Vec::new(), "VERSION", "2023-08-16"),
            type_alias_item(Vec::new(), "Alias", path_type(path("Target"))),
            enum_item(Vec::new(), "Payload", vec![variant]),
        ];
        let source = r#"
            use ::a::b::C;
            pub use ::std::option::{Option, Option::None};
            /// All of them.
            pub static ALL: &[Rule] = "x";
            pub const VERSION: &str = "2023-08-16";
            pub type Alias = Target;
            pub enum Payload { Named { type_: String } }
        "#;
        let parsed = syn::parse_file(source).expect("parses");
        assert_eq!(printed(built), printed(parsed.items));
    }

    /// Generics print as written: a lifetime, and a type parameter with a bound.
    #[test]
    fn generics_print_as_their_source_parses() {
        let mut built: syn::ItemFn = syn::parse_str("fn f() {}").expect("parses");
        built.sig.generics = bounded_generics("D", path("::serde::Deserializer"));
        let mut built_impl: syn::ItemImpl = syn::parse_str("impl X {}").expect("parses");
        built_impl.generics = lifetime_generics("'de");
        let parsed = syn::parse_file("fn f<D: ::serde::Deserializer>() {} impl<'de> X {}").expect("parses");
        assert_eq!(
            printed(vec![syn::Item::Fn(built), syn::Item::Impl(built_impl)]),
            printed(parsed.items)
        );
    }
}
