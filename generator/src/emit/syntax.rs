//! Syntax trees built directly: paths, types, attributes, fields, structs, enums, impls, methods
//! and the expressions their bodies use most. Every item is built this way: writing items as
//! `quote!` tokens and parsing those back with `syn` cost more than the rest of emitting together.
//! A tree built here is the tree `syn` would have parsed from the same source, so `prettyplease`
//! prints the same bytes. Everything here uses the call-site span, as `quote!` does.
//! (`syntax_decl` and `syntax_expr` hold the rarer declarations and expressions.)

use proc_macro2::{Span, TokenStream};
use syn::token;

/// An identifier; `r#name` makes a raw one, as `format_ident!` does.
///
/// Nothing parses a tree built here, so nothing here would notice a keyword used as a name;
/// `naming` escapes every name it makes, and debug builds (the tests, the fuzz run) check it.
pub(crate) fn ident(name: &str) -> syn::Ident {
    debug_assert!(
        matches!(name, "self" | "Self" | "super" | "crate") || !crate::naming::is_keyword(name),
        "`{name}` is a keyword"
    );
    match name.strip_prefix("r#") {
        Some(raw) => syn::Ident::new_raw(raw, Span::call_site()),
        None => syn::Ident::new(name, Span::call_site()),
    }
}

/// The path `text`: `a::b` or, with a leading `::`, `::a::b`.
pub(crate) fn path(text: &str) -> syn::Path {
    let (leading_colon, rest) = match text.strip_prefix("::") {
        Some(rest) => (Some(token::PathSep::default()), rest),
        None => (None, text),
    };
    syn::Path {
        leading_colon,
        segments: rest
            .split("::")
            .map(|segment| syn::PathSegment::from(ident(segment)))
            .collect(),
    }
}

/// `path<args…>`: the last segment of `path` takes the arguments.
pub(crate) fn with_args(
    mut path: syn::Path,
    args: impl IntoIterator<Item = syn::GenericArgument>,
) -> syn::Path {
    let last = path.segments.last_mut().expect("a path has a segment");
    last.arguments = syn::PathArguments::AngleBracketed(syn::AngleBracketedGenericArguments {
        colon2_token: None,
        lt_token: token::Lt::default(),
        args: args.into_iter().collect(),
        gt_token: token::Gt::default(),
    });
    path
}

/// A type argument.
pub(crate) fn type_arg(ty: syn::Type) -> syn::GenericArgument {
    syn::GenericArgument::Type(ty)
}

/// An associated type argument, `Item = ty`.
pub(crate) fn assoc_arg(name: &str, ty: syn::Type) -> syn::GenericArgument {
    syn::GenericArgument::AssocType(syn::AssocType {
        ident: ident(name),
        generics: None,
        eq_token: token::Eq::default(),
        ty,
    })
}

/// The type named by `path`.
pub(crate) fn path_type(path: syn::Path) -> syn::Type {
    syn::Type::Path(syn::TypePath { qself: None, path })
}

/// `path<args…>` as a type.
pub(crate) fn generic_type(path: syn::Path, args: impl IntoIterator<Item = syn::Type>) -> syn::Type {
    path_type(with_args(path, args.into_iter().map(type_arg)))
}

/// `impl bound`.
pub(crate) fn impl_trait(bound: syn::Path) -> syn::Type {
    syn::Type::ImplTrait(syn::TypeImplTrait {
        impl_token: token::Impl::default(),
        bounds: std::iter::once(syn::TypeParamBound::Trait(syn::TraitBound {
            paren_token: None,
            modifier: syn::TraitBoundModifier::None,
            lifetimes: None,
            path: bound,
        }))
        .collect(),
    })
}

/// `(a, b, …)` as a type.
pub(crate) fn tuple_type(elems: impl IntoIterator<Item = syn::Type>) -> syn::Type {
    syn::Type::Tuple(syn::TypeTuple {
        paren_token: token::Paren::default(),
        elems: elems.into_iter().collect(),
    })
}

/// `&ty` or `&mut ty`.
pub(crate) fn reference_type(ty: syn::Type, mutable: bool) -> syn::Type {
    syn::Type::Reference(syn::TypeReference {
        and_token: token::And::default(),
        lifetime: None,
        mutability: mutable.then(token::Mut::default),
        elem: Box::new(ty),
    })
}

/// `Self` as a type.
pub(crate) fn self_type() -> syn::Type {
    path_type(path("Self"))
}

/// `#[doc = " line"]` for each line of sanitised `docs`, with a leading space so prettyplease
/// prints them as ordinary `/// line` comments (an empty line stays empty).
pub(crate) fn doc_attrs(docs: &str) -> Vec<syn::Attribute> {
    docs.lines()
        .map(|line| {
            if line.is_empty() {
                doc_attr("")
            } else {
                doc_attr(&format!(" {line}"))
            }
        })
        .collect()
}

/// One `#[doc = "text"]`, `text` as given.
pub(crate) fn doc_attr(text: &str) -> syn::Attribute {
    outer_attr(syn::Meta::NameValue(syn::MetaNameValue {
        path: path("doc"),
        eq_token: token::Eq::default(),
        value: lit_str(text),
    }))
}

/// `#[name(tokens)]`; the tokens stay as they are (`syn` does not parse an attribute's arguments
/// either), so `quote!` writes them.
pub(crate) fn list_attr(name: &str, tokens: TokenStream) -> syn::Attribute {
    outer_attr(syn::Meta::List(syn::MetaList {
        path: path(name),
        delimiter: syn::MacroDelimiter::Paren(token::Paren::default()),
        tokens,
    }))
}

/// `#[name]`.
pub(crate) fn word_attr(name: &str) -> syn::Attribute {
    outer_attr(syn::Meta::Path(path(name)))
}

/// `#[name = "value"]` (`#[must_use = "…"]`).
pub(crate) fn name_value_attr(name: &str, value: &str) -> syn::Attribute {
    outer_attr(syn::Meta::NameValue(syn::MetaNameValue {
        path: path(name),
        eq_token: token::Eq::default(),
        value: syn::parse_quote! { #value },
    }))
}

fn outer_attr(meta: syn::Meta) -> syn::Attribute {
    syn::Attribute {
        pound_token: token::Pound::default(),
        style: syn::AttrStyle::Outer,
        bracket_token: token::Bracket::default(),
        meta,
    }
}

/// `pub`.
pub(crate) fn public() -> syn::Visibility {
    syn::Visibility::Public(token::Pub::default())
}

/// A named field, `attrs vis name: ty`.
pub(crate) fn named_field(
    attrs: Vec<syn::Attribute>,
    vis: syn::Visibility,
    name: &str,
    ty: syn::Type,
) -> syn::Field {
    syn::Field {
        attrs,
        vis,
        mutability: syn::FieldMutability::None,
        ident: Some(ident(name)),
        colon_token: Some(token::Colon::default()),
        ty,
    }
}

/// A tuple field, private.
pub(crate) fn tuple_field(ty: syn::Type) -> syn::Field {
    syn::Field {
        attrs: Vec::new(),
        vis: syn::Visibility::Inherited,
        mutability: syn::FieldMutability::None,
        ident: None,
        colon_token: None,
        ty,
    }
}

/// `attrs pub struct name { fields }`.
pub(crate) fn struct_item(attrs: Vec<syn::Attribute>, name: &str, fields: Vec<syn::Field>) -> syn::Item {
    let fields = syn::Fields::Named(syn::FieldsNamed {
        brace_token: token::Brace::default(),
        named: fields.into_iter().collect(),
    });
    public_struct(attrs, name, fields)
}

/// `attrs pub struct name(ty);` with a private field.
pub(crate) fn tuple_struct_item(attrs: Vec<syn::Attribute>, name: &str, ty: syn::Type) -> syn::Item {
    public_struct(attrs, name, tuple_fields(ty))
}

/// `attrs pub struct name …` with `fields`; a tuple struct ends with `;`.
fn public_struct(attrs: Vec<syn::Attribute>, name: &str, fields: syn::Fields) -> syn::Item {
    let semi_token = matches!(fields, syn::Fields::Unnamed(_)).then(token::Semi::default);
    syn::Item::Struct(syn::ItemStruct {
        attrs,
        vis: public(),
        struct_token: token::Struct::default(),
        ident: ident(name),
        generics: syn::Generics::default(),
        fields,
        semi_token,
    })
}

fn tuple_fields(ty: syn::Type) -> syn::Fields {
    syn::Fields::Unnamed(syn::FieldsUnnamed {
        paren_token: token::Paren::default(),
        unnamed: std::iter::once(tuple_field(ty)).collect(),
    })
}

/// An enum variant: a unit one, or with one tuple field of type `ty`.
pub(crate) fn variant(attrs: Vec<syn::Attribute>, name: &str, ty: Option<syn::Type>) -> syn::Variant {
    syn::Variant {
        attrs,
        ident: ident(name),
        fields: ty.map_or(syn::Fields::Unit, tuple_fields),
        discriminant: None,
    }
}

/// `attrs pub enum name { variants }`.
pub(crate) fn enum_item(attrs: Vec<syn::Attribute>, name: &str, variants: Vec<syn::Variant>) -> syn::Item {
    syn::Item::Enum(syn::ItemEnum {
        attrs,
        vis: public(),
        enum_token: token::Enum::default(),
        ident: ident(name),
        generics: syn::Generics::default(),
        brace_token: token::Brace::default(),
        variants: variants.into_iter().collect(),
    })
}

/// `path!(tokens);`, or `path! { tokens }` when `braces`; the tokens are kept as they are, as
/// `syn` keeps a macro call's.
pub(crate) fn macro_item(path_text: &str, tokens: TokenStream, braces: bool) -> syn::Item {
    let (delimiter, semi_token) = if braces {
        (syn::MacroDelimiter::Brace(token::Brace::default()), None)
    } else {
        (
            syn::MacroDelimiter::Paren(token::Paren::default()),
            Some(token::Semi::default()),
        )
    };
    syn::Item::Macro(syn::ItemMacro {
        attrs: Vec::new(),
        ident: None,
        mac: syn::Macro {
            path: path(path_text),
            bang_token: token::Not::default(),
            delimiter,
            tokens,
        },
        semi_token,
    })
}

/// `impl self_ty { items }`, or `impl trait_ for self_ty { items }`.
pub(crate) fn impl_item(trait_: Option<syn::Path>, self_ty: &str, items: Vec<syn::ImplItem>) -> syn::Item {
    generic_impl_item(syn::Generics::default(), trait_, self_ty, items)
}

/// [`impl_item`] with `generics` after `impl`.
pub(crate) fn generic_impl_item(
    generics: syn::Generics,
    trait_: Option<syn::Path>,
    self_ty: &str,
    items: Vec<syn::ImplItem>,
) -> syn::Item {
    syn::Item::Impl(syn::ItemImpl {
        attrs: Vec::new(),
        defaultness: None,
        unsafety: None,
        impl_token: token::Impl::default(),
        generics,
        trait_: trait_.map(|path| (None, path, token::For::default())),
        self_ty: Box::new(path_type(path(self_ty))),
        brace_token: token::Brace::default(),
        items,
    })
}

/// How a method takes `self`.
#[derive(Clone, Copy)]
pub(crate) enum Receiver {
    /// `mut self`
    MutValue,
    /// `&self`
    Ref,
    /// `&mut self`
    RefMut,
}

/// A method: `attrs vis fn name(receiver, args…) -> output { stmts }`; without a receiver, an
/// associated function.
pub(crate) fn method(
    attrs: Vec<syn::Attribute>,
    vis: syn::Visibility,
    name: &str,
    receiver: Option<Receiver>,
    args: Vec<(&str, syn::Type)>,
    output: Option<syn::Type>,
    stmts: Vec<syn::Stmt>,
) -> syn::ImplItem {
    let receiver = receiver.map(|receiver| match receiver {
        Receiver::MutValue => syn::Receiver {
            attrs: Vec::new(),
            reference: None,
            mutability: Some(token::Mut::default()),
            self_token: token::SelfValue::default(),
            colon_token: None,
            ty: Box::new(self_type()),
        },
        Receiver::Ref | Receiver::RefMut => {
            let mutable = matches!(receiver, Receiver::RefMut);
            syn::Receiver {
                attrs: Vec::new(),
                reference: Some((token::And::default(), None)),
                mutability: mutable.then(token::Mut::default),
                self_token: token::SelfValue::default(),
                colon_token: None,
                ty: Box::new(reference_type(self_type(), mutable)),
            }
        }
    });
    let inputs = receiver
        .map(syn::FnArg::Receiver)
        .into_iter()
        .chain(args.into_iter().map(|(name, ty)| {
            syn::FnArg::Typed(syn::PatType {
                attrs: Vec::new(),
                pat: Box::new(pat_ident(name)),
                colon_token: token::Colon::default(),
                ty: Box::new(ty),
            })
        }))
        .collect();
    syn::ImplItem::Fn(syn::ImplItemFn {
        attrs,
        vis,
        defaultness: None,
        sig: syn::Signature {
            constness: None,
            asyncness: None,
            unsafety: None,
            abi: None,
            fn_token: token::Fn::default(),
            ident: ident(name),
            generics: syn::Generics::default(),
            paren_token: token::Paren::default(),
            inputs,
            variadic: None,
            output: match output {
                Some(ty) => syn::ReturnType::Type(token::RArrow::default(), Box::new(ty)),
                None => syn::ReturnType::Default,
            },
        },
        block: syn::Block {
            brace_token: token::Brace::default(),
            stmts,
        },
    })
}

/// `method`, a method built by [`method`], with `generics` after its name.
pub(crate) fn with_generics(mut method: syn::ImplItem, generics: syn::Generics) -> syn::ImplItem {
    if let syn::ImplItem::Fn(function) = &mut method {
        function.sig.generics = generics;
    }
    method
}

/// `attrs pub fn new(args…) -> Self { Self { name: value, … } }`.
pub(crate) fn constructor(
    attrs: Vec<syn::Attribute>,
    args: Vec<(&str, syn::Type)>,
    inits: Vec<(&str, syn::Expr)>,
) -> syn::ImplItem {
    method(
        attrs,
        public(),
        "new",
        None,
        args,
        Some(self_type()),
        vec![tail(self_literal(inits))],
    )
}

/// The pattern `name`, or the wildcard for `_`.
pub(crate) fn pat_ident(name: &str) -> syn::Pat {
    if name == "_" {
        return syn::Pat::Wild(syn::PatWild {
            attrs: Vec::new(),
            underscore_token: token::Underscore::default(),
        });
    }
    syn::Pat::Ident(syn::PatIdent {
        attrs: Vec::new(),
        by_ref: None,
        mutability: None,
        ident: ident(name),
        subpat: None,
    })
}

/// The expression `path`.
pub(crate) fn path_expr(path: syn::Path) -> syn::Expr {
    syn::Expr::Path(syn::ExprPath {
        attrs: Vec::new(),
        qself: None,
        path,
    })
}

/// The variable (or `self`) `name`.
pub(crate) fn var(name: &str) -> syn::Expr {
    path_expr(path(name))
}

/// `base.name`.
pub(crate) fn field(base: syn::Expr, name: &str) -> syn::Expr {
    syn::Expr::Field(syn::ExprField {
        attrs: Vec::new(),
        base: Box::new(base),
        dot_token: token::Dot::default(),
        member: syn::Member::Named(ident(name)),
    })
}

/// `receiver.name(args…)`.
pub(crate) fn method_call(receiver: syn::Expr, name: &str, args: Vec<syn::Expr>) -> syn::Expr {
    syn::Expr::MethodCall(syn::ExprMethodCall {
        attrs: Vec::new(),
        receiver: Box::new(receiver),
        dot_token: token::Dot::default(),
        method: ident(name),
        turbofish: None,
        paren_token: token::Paren::default(),
        args: args.into_iter().collect(),
    })
}

/// `func(args…)`.
pub(crate) fn call(func: syn::Expr, args: Vec<syn::Expr>) -> syn::Expr {
    syn::Expr::Call(syn::ExprCall {
        attrs: Vec::new(),
        func: Box::new(func),
        paren_token: token::Paren::default(),
        args: args.into_iter().collect(),
    })
}

/// `Self { name: value, … }`.
pub(crate) fn self_literal(fields: Vec<(&str, syn::Expr)>) -> syn::Expr {
    struct_literal(
        path("Self"),
        fields
            .into_iter()
            .map(|(name, expr)| (name, Some(expr)))
            .collect(),
    )
}

/// `path { name: value, … }`; a field without a value is written by its name alone.
pub(crate) fn struct_literal(path: syn::Path, fields: Vec<(&str, Option<syn::Expr>)>) -> syn::Expr {
    syn::Expr::Struct(syn::ExprStruct {
        attrs: Vec::new(),
        qself: None,
        path,
        brace_token: token::Brace::default(),
        fields: fields
            .into_iter()
            .map(|(name, expr)| syn::FieldValue {
                attrs: Vec::new(),
                member: syn::Member::Named(ident(name)),
                colon_token: expr.is_some().then(token::Colon::default),
                expr: expr.unwrap_or_else(|| var(name)),
            })
            .collect(),
        dot2_token: None,
        rest: None,
    })
}

/// `path!(tokens)` as an expression; the tokens are kept as they are.
pub(crate) fn macro_expr(path_text: &str, tokens: TokenStream) -> syn::Expr {
    syn::Expr::Macro(syn::ExprMacro {
        attrs: Vec::new(),
        mac: syn::Macro {
            path: path(path_text),
            bang_token: token::Not::default(),
            delimiter: syn::MacroDelimiter::Paren(token::Paren::default()),
            tokens,
        },
    })
}

/// `let name = init;`, or `let mut name = init;`.
pub(crate) fn let_stmt(name: &str, mutable: bool, init: syn::Expr) -> syn::Stmt {
    let pat = syn::Pat::Ident(syn::PatIdent {
        attrs: Vec::new(),
        by_ref: None,
        mutability: mutable.then(token::Mut::default),
        ident: ident(name),
        subpat: None,
    });
    let_pat_stmt(pat, init)
}

/// `let pat = init;`
pub(crate) fn let_pat_stmt(pat: syn::Pat, init: syn::Expr) -> syn::Stmt {
    syn::Stmt::Local(syn::Local {
        attrs: Vec::new(),
        let_token: token::Let::default(),
        pat,
        init: Some(syn::LocalInit {
            eq_token: token::Eq::default(),
            expr: Box::new(init),
            diverge: None,
        }),
        semi_token: token::Semi::default(),
    })
}

/// `type name = ty;` in a trait impl.
pub(crate) fn assoc_type(name: &str, ty: syn::Type) -> syn::ImplItem {
    syn::ImplItem::Type(syn::ImplItemType {
        attrs: Vec::new(),
        vis: syn::Visibility::Inherited,
        defaultness: None,
        type_token: token::Type::default(),
        ident: ident(name),
        generics: syn::Generics::default(),
        eq_token: token::Eq::default(),
        ty,
        semi_token: token::Semi::default(),
    })
}

/// `const name: &'static str = "value";` in a trait impl.
pub(crate) fn assoc_str_const(name: &str, value: &str) -> syn::ImplItem {
    syn::ImplItem::Const(syn::ImplItemConst {
        attrs: Vec::new(),
        vis: syn::Visibility::Inherited,
        defaultness: None,
        const_token: token::Const::default(),
        ident: ident(name),
        generics: syn::Generics::default(),
        colon_token: token::Colon::default(),
        ty: syn::Type::Reference(syn::TypeReference {
            and_token: token::And::default(),
            lifetime: Some(syn::Lifetime::new("'static", Span::call_site())),
            mutability: None,
            elem: Box::new(path_type(path("str"))),
        }),
        eq_token: token::Eq::default(),
        expr: lit_str(value),
        semi_token: token::Semi::default(),
    })
}

/// `&expr`.
pub(crate) fn reference(expr: syn::Expr) -> syn::Expr {
    syn::Expr::Reference(syn::ExprReference {
        attrs: Vec::new(),
        and_token: token::And::default(),
        mutability: None,
        expr: Box::new(expr),
    })
}

/// `(a, b, …)`.
pub(crate) fn tuple(elems: Vec<syn::Expr>) -> syn::Expr {
    syn::Expr::Tuple(syn::ExprTuple {
        attrs: Vec::new(),
        paren_token: token::Paren::default(),
        elems: elems.into_iter().collect(),
    })
}

/// The string literal `text`.
pub(crate) fn lit_str(text: &str) -> syn::Expr {
    syn::Expr::Lit(syn::ExprLit {
        attrs: Vec::new(),
        lit: syn::Lit::Str(syn::LitStr::new(text, Span::call_site())),
    })
}

/// `left = right;`
pub(crate) fn assign(left: syn::Expr, right: syn::Expr) -> syn::Stmt {
    semi(syn::Expr::Assign(syn::ExprAssign {
        attrs: Vec::new(),
        left: Box::new(left),
        eq_token: token::Eq::default(),
        right: Box::new(right),
    }))
}

/// `expr;`
pub(crate) fn semi(expr: syn::Expr) -> syn::Stmt {
    syn::Stmt::Expr(expr, Some(token::Semi::default()))
}

/// `expr` as the block's value.
pub(crate) fn tail(expr: syn::Expr) -> syn::Stmt {
    syn::Stmt::Expr(expr, None)
}
