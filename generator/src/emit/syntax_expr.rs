//! Syntax trees for the bodies written out in full (unions' and the event payload's serde impls,
//! `Object` impls, the validation table): `match` and its patterns, `if`, `return`, `?`,
//! closures, arrays, qualified paths and number and `bool` literals. Like `syntax`, each builds
//! the tree `syn` would parse from the same source, with the call-site span.

use proc_macro2::Span;
use syn::token;

use super::syntax::{ident, lit_str, pat_ident, path_expr, reference, semi, with_args};

/// `match scrutinee { arms }`.
pub(crate) fn match_expr(scrutinee: syn::Expr, arms: Vec<syn::Arm>) -> syn::Expr {
    syn::Expr::Match(syn::ExprMatch {
        attrs: Vec::new(),
        match_token: token::Match::default(),
        expr: Box::new(scrutinee),
        brace_token: token::Brace::default(),
        arms,
    })
}

/// `pat => body,`. Every arm keeps its comma, as written source does, so the tree also prints as
/// valid tokens inside a macro call (`stripe_runtime::requests_only!`).
pub(crate) fn arm(pat: syn::Pat, body: syn::Expr) -> syn::Arm {
    syn::Arm {
        attrs: Vec::new(),
        pat,
        guard: None,
        fat_arrow_token: token::FatArrow::default(),
        body: Box::new(body),
        comma: Some(token::Comma::default()),
    }
}

/// The pattern `path(name)`: a tuple variant binding its one field.
pub(crate) fn tuple_variant_pat(path: syn::Path, name: &str) -> syn::Pat {
    syn::Pat::TupleStruct(syn::PatTupleStruct {
        attrs: Vec::new(),
        qself: None,
        path,
        paren_token: token::Paren::default(),
        elems: std::iter::once(pat_ident(name)).collect(),
    })
}

/// The pattern `path { a, b, … }`: a struct variant binding its fields by their names.
pub(crate) fn struct_variant_pat(path: syn::Path, names: &[&str]) -> syn::Pat {
    syn::Pat::Struct(syn::PatStruct {
        attrs: Vec::new(),
        qself: None,
        path,
        brace_token: token::Brace::default(),
        fields: names
            .iter()
            .map(|name| syn::FieldPat {
                attrs: Vec::new(),
                member: syn::Member::Named(ident(name)),
                colon_token: None,
                pat: Box::new(pat_ident(name)),
            })
            .collect(),
        rest: None,
    })
}

/// The pattern `(a, b, …)`.
pub(crate) fn tuple_pat(names: &[&str]) -> syn::Pat {
    syn::Pat::Tuple(syn::PatTuple {
        attrs: Vec::new(),
        paren_token: token::Paren::default(),
        elems: names.iter().map(|name| pat_ident(name)).collect(),
    })
}

/// A literal as a pattern.
pub(crate) fn lit_pat(lit: syn::Lit) -> syn::Pat {
    syn::Pat::Lit(syn::PatLit {
        attrs: Vec::new(),
        lit,
    })
}

/// `if cond { stmts }`, as a statement.
pub(crate) fn if_stmt(cond: syn::Expr, stmts: Vec<syn::Stmt>) -> syn::Stmt {
    syn::Stmt::Expr(
        syn::Expr::If(syn::ExprIf {
            attrs: Vec::new(),
            if_token: token::If::default(),
            cond: Box::new(cond),
            then_branch: syn::Block {
                brace_token: token::Brace::default(),
                stmts,
            },
            else_branch: None,
        }),
        None,
    )
}

/// `return value;`
pub(crate) fn return_stmt(value: syn::Expr) -> syn::Stmt {
    semi(syn::Expr::Return(syn::ExprReturn {
        attrs: Vec::new(),
        return_token: token::Return::default(),
        expr: Some(Box::new(value)),
    }))
}

/// `expr?`.
pub(crate) fn try_expr(expr: syn::Expr) -> syn::Expr {
    syn::Expr::Try(syn::ExprTry {
        attrs: Vec::new(),
        expr: Box::new(expr),
        question_token: token::Question::default(),
    })
}

/// `|a, b, …| body`.
pub(crate) fn closure(params: &[&str], body: syn::Expr) -> syn::Expr {
    closure_of(params.iter().map(|name| pat_ident(name)).collect(), body)
}

/// `|pats…| body`.
pub(crate) fn closure_of(inputs: Vec<syn::Pat>, body: syn::Expr) -> syn::Expr {
    syn::Expr::Closure(syn::ExprClosure {
        attrs: Vec::new(),
        lifetimes: None,
        constness: None,
        movability: None,
        asyncness: None,
        capture: None,
        or1_token: token::Or::default(),
        inputs: inputs.into_iter().collect(),
        or2_token: token::Or::default(),
        output: syn::ReturnType::Default,
        body: Box::new(body),
    })
}

/// `[a, b, …]`.
pub(crate) fn array(elems: Vec<syn::Expr>) -> syn::Expr {
    syn::Expr::Array(syn::ExprArray {
        attrs: Vec::new(),
        bracket_token: token::Bracket::default(),
        elems: elems.into_iter().collect(),
    })
}

/// `&[a, b, …]`: a slice of a `static`'s or constant's data.
pub(crate) fn slice(elems: Vec<syn::Expr>) -> syn::Expr {
    reference(array(elems))
}

/// `&["a", "b", …]`.
pub(crate) fn str_slice<'a>(texts: impl IntoIterator<Item = &'a str>) -> syn::Expr {
    slice(texts.into_iter().map(lit_str).collect())
}

/// `<self_ty as trait_>::member`, as an expression.
pub(crate) fn qualified_path(self_ty: syn::Type, trait_: syn::Path, member: &str) -> syn::Expr {
    let position = trait_.segments.len();
    let mut path = trait_;
    path.segments.push(ident(member).into());
    syn::Expr::Path(syn::ExprPath {
        attrs: Vec::new(),
        qself: Some(syn::QSelf {
            lt_token: token::Lt::default(),
            ty: Box::new(self_ty),
            position,
            as_token: Some(token::As::default()),
            gt_token: token::Gt::default(),
        }),
        path,
    })
}

/// `path::<args…>::member`: a call path naming a generic trait's arguments.
pub(crate) fn turbofish_path(
    path: syn::Path,
    args: impl IntoIterator<Item = syn::GenericArgument>,
    member: &str,
) -> syn::Expr {
    let mut path = with_args(path, args);
    if let Some(syn::PathArguments::AngleBracketed(args)) =
        path.segments.last_mut().map(|segment| &mut segment.arguments)
    {
        args.colon2_token = Some(token::PathSep::default());
    }
    path.segments.push(ident(member).into());
    path_expr(path)
}

/// The integer literal `value` with the type suffix `suffix` (`0usize`), as `quote!` writes a
/// Rust integer; an empty suffix writes it bare.
pub(crate) fn lit_int(value: impl std::fmt::Display, suffix: &str) -> syn::Lit {
    syn::Lit::Int(syn::LitInt::new(&format!("{value}{suffix}"), Span::call_site()))
}

/// `true` or `false`.
pub(crate) fn lit_bool(value: bool) -> syn::Expr {
    syn::Expr::Lit(syn::ExprLit {
        attrs: Vec::new(),
        lit: syn::Lit::Bool(syn::LitBool::new(value, Span::call_site())),
    })
}

/// A literal as an expression.
pub(crate) fn lit_expr(lit: syn::Lit) -> syn::Expr {
    syn::Expr::Lit(syn::ExprLit {
        attrs: Vec::new(),
        lit,
    })
}

#[cfg(test)]
mod tests {
    use super::super::print::print_part;
    use super::super::syntax::{call, let_pat_stmt, let_stmt, path, path_type, tail, type_arg, var};
    use super::*;
    use crate::timing::StageTimes;

    /// `fn f() { stmts }`, printed as the generator prints it.
    fn printed(stmts: Vec<syn::Stmt>) -> String {
        let mut function: syn::ItemFn = syn::parse_str("fn f() {}").expect("parses");
        function.block.stmts = stmts;
        print_part(vec![syn::Item::Fn(function)], &mut StageTimes::default())
    }

    fn parsed(body: &str) -> String {
        let function: syn::ItemFn = syn::parse_str(&format!("fn f() {{ {body} }}")).expect("parses");
        print_part(vec![syn::Item::Fn(function)], &mut StageTimes::default())
    }

    /// Every builder here prints what `syn` parsing the same source prints, down to the spacing
    /// `prettyplease` chooses (a qualified path's trait position, an integer's suffix).
    #[test]
    fn built_trees_print_as_their_source_parses() {
        let cases: Vec<(syn::Stmt, &str)> = vec![
            (
                tail(qualified_path(
                    path_type(path("D::Error")),
                    path("::serde::de::Error"),
                    "custom",
                )),
                "<D::Error as ::serde::de::Error>::custom",
            ),
            (
                tail(turbofish_path(
                    path("::std::convert::AsRef"),
                    [type_arg(path_type(path("str")))],
                    "as_ref",
                )),
                "::std::convert::AsRef::<str>::as_ref",
            ),
            (
                tail(closure(
                    &["index", "value"],
                    match_expr(
                        var("index"),
                        vec![
                            arm(lit_pat(lit_int(0, "usize")), var("value")),
                            arm(tuple_variant_pat(path("Self::A"), "inner"), var("inner")),
                            arm(struct_variant_pat(path("Self::B"), &["x", "y"]), var("x")),
                            arm(pat_ident("_"), var("value")),
                        ],
                    ),
                )),
                "|index, value| match index { 0usize => value, Self::A(inner) => inner, Self::B { x, y } => x, _ => value, }",
            ),
            (
                let_stmt("pair", false, array(vec![lit_bool(true), lit_expr(lit_int(7, ""))])),
                "let pair = [true, 7];",
            ),
            (
                let_pat_stmt(tuple_pat(&["a", "b"]), str_slice(["a", "b"])),
                r#"let (a, b) = &["a", "b"];"#,
            ),
            (
                if_stmt(
                    var("ready"),
                    vec![return_stmt(try_expr(call(var("read"), vec![var("input")])))],
                ),
                "if ready { return read(input)?; }",
            ),
        ];
        for (built, source) in cases {
            assert_eq!(printed(vec![built]), parsed(source), "{source}");
        }
    }
}
