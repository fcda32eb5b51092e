//! The event payload: an enum with one variant per resource that has events (its typed event
//! type and `EventData<Resource>`) and a catch-all keeping any other event's type and JSON data.
//! It is read by the event's `type`: a name under a resource's prefix decodes that resource
//! (a type this version does not know stays typed, as `Unrecognized`); any other decodes as the
//! catch-all, so an endpoint's events of other resources never fail. It writes back `type` and
//! `data` as read.

use quote::quote;

use super::serde_impls::{deserialize_impl, serialize_impl};
use super::syntax::{
    call, doc_attr, doc_attrs, enum_item, generic_type, let_pat_stmt, list_attr, lit_str, method_call,
    named_field, path, path_expr, path_type, reference, struct_literal, tail, var, word_attr,
};
use super::syntax_decl::struct_variant;
use super::syntax_expr::{arm, if_stmt, match_expr, return_stmt, struct_variant_pat, try_expr, tuple_pat};
use super::type_expr::{std_item, std_path, type_syntax};
use crate::ir::{EventPayloadDef, Ir, TypeDef};

/// The payload enum for `def`, with its serde impls.
pub(crate) fn payload_item(def: &TypeDef, e: &EventPayloadDef, ir: &Ir) -> Vec<syn::Item> {
    let mut attrs = doc_attrs(&def.docs);
    attrs.push(list_attr("derive", quote! { Clone, Debug, PartialEq }));
    attrs.push(word_attr("non_exhaustive"));
    let event_data = |ty| generic_type(path("::stripe_runtime::EventData"), [ty]);
    let mut variants: Vec<syn::Variant> = e
        .variants
        .iter()
        .map(|v| {
            let object = type_syntax(&v.object, ir, def.file);
            let fields = vec![
                event_field(
                    &[" What happened."],
                    "type_",
                    path_type(path(ir.types.name(v.type_enum))),
                ),
                event_field(
                    &[
                        " The object it happened to (boxed: a resource is large beside the",
                        " other variants).",
                    ],
                    "data",
                    event_data(generic_type(std_path("Box", ir), [object])),
                ),
            ];
            let doc = format!(" An event about a [`{}`] (`{}…`).", v.name, v.prefix);
            struct_variant(vec![doc_attr(&doc)], &v.name, fields)
        })
        .collect();
    let other_fields = vec![
        event_field(
            &[" What happened, as Stripe names it."],
            "type_",
            path_type(std_path("String", ir)),
        ),
        event_field(
            &[" The object it happened to, as JSON."],
            "data",
            event_data(path_type(path("::serde_json::Value"))),
        ),
    ];
    let other_doc = doc_attr(" An event this crate has no type for (another resource's), kept as received.");
    variants.push(struct_variant(vec![other_doc], &e.other, other_fields));
    vec![
        enum_item(attrs, &def.name, variants),
        deserialize_impl(&def.name, deserialize_body(e)),
        serialize_impl(&def.name, serialize_body(e)),
        webhook_event_impl(e, ir),
    ]
}

/// `impl WebhookEvent for Event`: a webhook's body decodes into it, and it names the API version
/// its shapes are, which `Webhook::construct_event` holds the event's `api_version` to.
fn webhook_event_impl(e: &EventPayloadDef, ir: &Ir) -> syn::Item {
    let event = syn::Ident::new(ir.types.name(e.event), proc_macro2::Span::call_site());
    let (option, some) = (std_item("Option", ir), std_item("Some", ir));
    syn::parse_quote! {
        impl ::stripe_runtime::WebhookEvent for #event {
            const API_VERSION: #option<&'static str> = #some(API_VERSION);
        }
    }
}

/// A field of a variant, with its doc lines.
fn event_field(doc: &[&str], name: &str, ty: syn::Type) -> syn::Field {
    let attrs = doc.iter().map(|line| doc_attr(line)).collect();
    named_field(attrs, syn::Visibility::Inherited, name, ty)
}

/// Reads `type` and `data`, then the first variant whose prefix `type` starts with, else the
/// catch-all.
fn deserialize_body(e: &EventPayloadDef) -> Vec<syn::Stmt> {
    let ok = |value| call(path_expr(path("::std::result::Result::Ok")), vec![value]);
    let data = || {
        let decode = path_expr(path("::stripe_runtime::decode_event_data"));
        try_expr(call(decode, vec![reference(var("data"))]))
    };
    let read = call(
        path_expr(path("::stripe_runtime::read_event_payload")),
        vec![var("deserializer")],
    );
    let mut stmts = vec![let_pat_stmt(tuple_pat(&["type_", "data"]), try_expr(read))];
    stmts.extend(e.variants.iter().map(|v| {
        let matches = method_call(var("type_"), "starts_with", vec![lit_str(&v.prefix)]);
        let type_ = call(
            path_expr(path("::std::convert::From::from")),
            vec![method_call(var("type_"), "as_str", Vec::new())],
        );
        let value = struct_literal(
            path(&format!("Self::{}", v.name)),
            vec![("type_", Some(type_)), ("data", Some(data()))],
        );
        if_stmt(matches, vec![return_stmt(ok(value))])
    }));
    let other = struct_literal(
        path(&format!("Self::{}", e.other)),
        vec![("type_", None), ("data", Some(data()))],
    );
    stmts.push(tail(ok(other)));
    stmts
}

/// Writes back the variant's `type` and `data`.
fn serialize_body(e: &EventPayloadDef) -> Vec<syn::Stmt> {
    let write = |variant: &str, type_: syn::Expr| {
        let pat = struct_variant_pat(path(&format!("Self::{variant}")), &["type_", "data"]);
        let write = call(
            path_expr(path("::stripe_runtime::write_event_payload")),
            vec![type_, var("data"), var("serializer")],
        );
        arm(pat, write)
    };
    let arms = e
        .variants
        .iter()
        .map(|v| write(&v.name, method_call(var("type_"), "as_str", Vec::new())))
        .chain(std::iter::once(write(&e.other, var("type_"))))
        .collect();
    vec![tail(match_expr(var("self"), arms))]
}
