//! Chained setters, shared by request builders and the parameter types they take: an optional
//! field's setter takes the value itself (any iterable for arrays and maps, anything convertible
//! otherwise) and wraps it; an emptyable one also gets the clearing method the IR names. Setters
//! are most of a spec's methods, so they are built as trees (`syntax`).

use super::syntax::{
    assign, assoc_arg, call, doc_attr, doc_attrs, field, impl_trait, method, method_call, path_expr, public,
    self_type, tail, tuple, tuple_type, type_arg, var, with_args, Receiver,
};
use super::syntax_expr::{closure_of, tuple_pat};
use super::type_expr::{std_member, std_path, type_syntax};
use crate::ir::{Field, Ir, OutputFile, TypeRef};

/// The setter of an optional parameter. An emptyable one takes the value itself, and gets a
/// second method, named in the IR, that sends it empty.
pub(crate) fn setter(field_def: &Field, ir: &Ir) -> Vec<syn::ImplItem> {
    let name = &field_def.rust_name;
    let some = |value| call(path_expr(std_path("Some", ir)), vec![value]);
    let emptyable = |variant: &str| path_expr(std_member("Emptyable", variant, ir));
    let (arg, value) = match (&field_def.ty, &field_def.clear_setter) {
        (TypeRef::Emptyable(inner), Some(_)) => {
            let value = setter_value_syntax(inner, var("value"), ir);
            (
                setter_arg_syntax(inner, ir),
                call(emptyable("Value"), vec![value]),
            )
        }
        (ty, _) => (
            setter_arg_syntax(ty, ir),
            setter_value_syntax(ty, var("value"), ir),
        ),
    };
    let set = |value| vec![assign(field(var("self"), name), some(value)), tail(var("self"))];
    let mut methods = vec![method(
        doc_attrs(&field_def.docs),
        public(),
        name,
        Some(Receiver::MutValue),
        vec![("value", arg)],
        Some(self_type()),
        set(value),
    )];
    if let Some(clear) = &field_def.clear_setter {
        let doc = format!(
            " Sends `{}` empty (`{}=`), which clears it on Stripe's side.",
            field_def.wire_name, field_def.wire_name
        );
        methods.push(method(
            vec![doc_attr(&doc)],
            public(),
            clear,
            Some(Receiver::MutValue),
            Vec::new(),
            Some(self_type()),
            set(emptyable("Empty")),
        ));
    }
    methods
}

/// What a setter accepts: anything convertible, and any iterable for arrays and maps.
pub(crate) fn setter_arg_syntax(ty: &TypeRef, ir: &Ir) -> syn::Type {
    let into = |ty| impl_into(ty, ir);
    let iterable_of = |item| impl_trait(with_args(std_path("IntoIterator", ir), [assoc_arg("Item", item)]));
    match ty {
        TypeRef::Array(item) => iterable_of(into(type_syntax(item, ir, OutputFile::Requests))),
        TypeRef::Map(value) => {
            let key = into(type_syntax(&TypeRef::String, ir, OutputFile::Requests));
            let value = into(type_syntax(value, ir, OutputFile::Requests));
            iterable_of(tuple_type([key, value]))
        }
        other => into(type_syntax(other, ir, OutputFile::Requests)),
    }
}

/// `impl Into<ty>`.
pub(crate) fn impl_into(ty: syn::Type, ir: &Ir) -> syn::Type {
    impl_trait(with_args(std_path("Into", ir), [type_arg(ty)]))
}

/// Converts a setter argument `arg` into the field's type. The argument's own bound supplies
/// `into`, so the calls need no trait in scope.
pub(crate) fn setter_value_syntax(ty: &TypeRef, arg: syn::Expr, ir: &Ir) -> syn::Expr {
    let into = |value| method_call(value, "into", Vec::new());
    match ty {
        TypeRef::Array(_) => {
            let items = method_call(arg, "into_iter", Vec::new());
            let converted = method_call(items, "map", vec![path_expr(std_member("Into", "into", ir))]);
            method_call(converted, "collect", Vec::new())
        }
        TypeRef::Map(_) => {
            let entries = method_call(arg, "into_iter", Vec::new());
            let convert = closure_of(
                vec![tuple_pat(&["key", "value"])],
                tuple(vec![into(var("key")), into(var("value"))]),
            );
            let converted = method_call(entries, "map", vec![convert]);
            method_call(converted, "collect", Vec::new())
        }
        _ => into(arg),
    }
}
