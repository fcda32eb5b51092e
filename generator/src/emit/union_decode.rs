//! A union's `Deserialize`: buffer the JSON once, then `stripe_runtime::decode_union` ranks the
//! variants by their shapes and tries them in that order; each attempt reads the buffered value by
//! reference, so nothing is copied per variant tried.

use super::serde_impls::deserialize_impl as deserialize_shell;
use super::syntax::{
    call, let_stmt, lit_str, method_call, pat_ident, path, path_expr, path_type, reference, struct_literal,
    tail, var,
};
use super::syntax_expr::{
    arm, array, closure, lit_int, lit_pat, match_expr, qualified_path, str_slice, try_expr,
};
use super::type_expr::{std_path, type_syntax};
use crate::ir::{Ir, TypeDef, TypeKind, TypeRef, UnionDef};

/// The `Deserialize` impl of union `def`.
pub(crate) fn deserialize_impl(def: &TypeDef, u: &UnionDef, ir: &Ir) -> syn::Item {
    let some = |value| call(path_expr(std_path("Some", ir)), vec![value]);
    let none = || path_expr(std_path("None", ir));
    let deserialize = |ty: syn::Type| qualified_path(ty, path("::serde::Deserialize"), "deserialize");
    let buffered = try_expr(call(
        deserialize(path_type(path("::serde_json::Value"))),
        vec![var("deserializer")],
    ));
    let shapes = array(u.variants.iter().map(|(_, ty)| shape(ty, ir)).collect());
    let unknown = match &u.fallback {
        Some(fallback) => some(path_expr(path(&format!("Self::{fallback}")))),
        None => none(),
    };
    // The index keeps the `usize` suffix the output has always had (the match needs none).
    let attempts = u.variants.iter().enumerate().map(|(index, (variant, ty))| {
        let read = call(deserialize(type_syntax(ty, ir, def.file)), vec![var("value")]);
        let wrapped = method_call(read, "map", vec![path_expr(path(&format!("Self::{variant}")))]);
        arm(lit_pat(lit_int(index, "usize")), some(wrapped))
    });
    let arms = attempts
        .chain(std::iter::once(arm(pat_ident("_"), none())))
        .collect();
    let decode = call(
        path_expr(path("::stripe_runtime::decode_union")),
        vec![
            var("value"),
            lit_str(&def.name),
            reference(var("shapes")),
            unknown,
            closure(&["index", "value"], match_expr(var("index"), arms)),
        ],
    );
    let custom = qualified_path(path_type(path("D::Error")), path("::serde::de::Error"), "custom");
    let body = vec![
        let_stmt("value", false, buffered),
        let_stmt("shapes", false, shapes),
        tail(method_call(decode, "map_err", vec![custom])),
    ];
    deserialize_shell(&def.name, body)
}

/// What `decode_union` ranks a variant by: its `object` tag, required and known properties.
fn shape(ty: &TypeRef, ir: &Ir) -> syn::Expr {
    let (fields, tag) = match ty {
        TypeRef::Named(id) | TypeRef::Boxed(id) => match ir.types.def(*id).map(|def| &def.kind) {
            Some(TypeKind::Struct(s)) => (s.fields.as_slice(), s.object_tag.as_deref()),
            _ => (&[][..], None),
        },
        _ => (&[][..], None),
    };
    let tag = match tag {
        Some(tag) => call(path_expr(std_path("Some", ir)), vec![lit_str(tag)]),
        None => path_expr(std_path("None", ir)),
    };
    let required = fields.iter().filter(|f| f.required).map(|f| f.wire_name.as_str());
    let properties = fields.iter().map(|f| f.wire_name.as_str());
    struct_literal(
        path("::stripe_runtime::VariantShape"),
        vec![
            ("tag", Some(tag)),
            ("required", Some(str_slice(required))),
            ("properties", Some(str_slice(properties))),
        ],
    )
}
