//! Request builders: one struct per operation. Path parameters and other required parameters are
//! arguments of `new`, optional ones chained setters; `StripeRequest::encode` yields the method,
//! the path with IDs escaped, and the query or form body in Stripe's encoding.

use quote::quote;

use super::setters::{setter, setter_arg_syntax, setter_value_syntax};
use super::structs::{deserialize_struct, FieldRead};
use super::syntax::{
    assign, assoc_str_const, assoc_type, call, constructor, doc_attr, doc_attrs, field, generic_type, ident,
    impl_item, let_stmt, list_attr, lit_str, macro_expr, method, method_call, name_value_attr, named_field,
    path, path_expr, path_type, reference, reference_type, semi, struct_item, struct_literal, tail, var,
    Receiver,
};
use super::type_expr::{field_syntax, std_item, std_path, type_syntax};
use crate::docs::first_paragraph;
use crate::ir::{Field, HttpMethod, Ir, Operation, OutputFile, PathPart};

/// The builder struct, its constructor and setters, and its `StripeRequest` impl.
pub(crate) fn builder_item(op: &Operation, ir: &Ir) -> Vec<syn::Item> {
    let method_text = op.method.as_str();
    let all: Vec<&Field> = op
        .path_params
        .iter()
        .chain(&op.query_params)
        .chain(&op.body_params)
        .collect();
    let mut attrs = doc_attrs(&format!("{}\n\n`{method_text} {}`", op.docs, op.path));
    attrs.extend([
        doc_attr(""),
        doc_attr(" It also reads from the JSON parameters Stripe's SDKs take (path parameters included by"),
        doc_attr(" name), refusing unknown ones."),
    ]);
    let derive_default = if all.iter().any(|f| f.required) {
        quote! {}
    } else {
        quote! { Default, }
    };
    attrs.push(list_attr(
        "derive",
        quote! { Clone, Debug, #derive_default PartialEq },
    ));
    attrs.push(name_value_attr(
        "must_use",
        "a request builder does nothing until it is sent or encoded",
    ));
    let fields = all
        .iter()
        .map(|field| {
            let ty = field_syntax(&field.ty, !field.required, ir, OutputFile::Requests);
            named_field(Vec::new(), syn::Visibility::Inherited, &field.rust_name, ty)
        })
        .collect();
    let reads = all
        .iter()
        .map(|field| (*field, FieldRead::of(!field.required, field)));
    let mut methods = vec![builder_constructor(op, &all, ir)];
    for field in all.iter().filter(|f| !f.required) {
        methods.extend(setter(field, ir));
    }
    let mut items = vec![
        struct_item(attrs, &op.name, fields),
        deserialize_struct(&op.name, reads, true),
        impl_item(None, &op.name, methods),
        request_impl(op, ir),
    ];
    items.extend(paginate_impl(op, ir));
    items
}

/// `impl StripeRequest`: the response type, and `encode`.
fn request_impl(op: &Operation, ir: &Ir) -> syn::Item {
    let encode = method(
        Vec::new(),
        syn::Visibility::Inherited,
        "encode",
        Some(Receiver::Ref),
        Vec::new(),
        Some(path_type(path("::stripe_runtime::EncodedRequest"))),
        encode_body(op),
    );
    let response = assoc_type("Response", type_syntax(&op.response, ir, OutputFile::Requests));
    // What a trace may show of the request: never a parameter's value.
    let operation = assoc_str_const("OPERATION", &op.name);
    let template = assoc_str_const("PATH_TEMPLATE", &op.path);
    // The version the response type was generated for: the client sends it unless told another.
    let (option, some) = (std_item("Option", ir), std_item("Some", ir));
    let version: syn::ImplItem = syn::parse_quote! {
        const API_VERSION: #option<&'static str> = #some(super::types::API_VERSION);
    };
    impl_item(
        Some(path("::stripe_runtime::StripeRequest")),
        &op.name,
        vec![response, operation, template, version, encode],
    )
}

/// `impl Paginate` for an operation the IR says can be paged through. Without `ending_before`
/// the getter says `None` and the setter has nothing to set.
fn paginate_impl(op: &Operation, ir: &Ir) -> Option<syn::Item> {
    let pagination = op.pagination.as_ref()?;
    let option_str = generic_type(
        std_path("Option", ir),
        [reference_type(path_type(path("str")), false)],
    );
    let option_string = || generic_type(std_path("Option", ir), [path_type(std_path("String", ir))]);
    let cursor = |field_name: &str| method_call(field(var("self"), field_name), "as_deref", Vec::new());
    let getter = |name: &str, value: syn::Expr| {
        method(
            Vec::new(),
            syn::Visibility::Inherited,
            name,
            Some(Receiver::Ref),
            Vec::new(),
            Some(option_str.clone()),
            vec![tail(value)],
        )
    };
    let setter = |name: &str, field_name: Option<&str>| {
        let (arg, stmts) = match field_name {
            Some(field_name) => (
                "cursor",
                vec![assign(field(var("self"), field_name), var("cursor"))],
            ),
            None => ("_", Vec::new()),
        };
        method(
            Vec::new(),
            syn::Visibility::Inherited,
            name,
            Some(Receiver::RefMut),
            vec![(arg, option_string())],
            None,
            stmts,
        )
    };
    let query_field = |index: usize| op.query_params[index].rust_name.as_str();
    let starting_after = query_field(pagination.starting_after);
    let before = pagination.ending_before.map(query_field);
    let items = vec![
        assoc_type("Item", type_syntax(&pagination.item, ir, OutputFile::Requests)),
        getter("starting_after_cursor", cursor(starting_after)),
        getter(
            "ending_before_cursor",
            before.map_or_else(|| path_expr(std_path("None", ir)), cursor),
        ),
        setter("set_starting_after", Some(starting_after)),
        setter("set_ending_before", before),
    ];
    Some(impl_item(
        Some(path("::stripe_runtime::Paginate")),
        &op.name,
        items,
    ))
}

fn builder_constructor(op: &Operation, all: &[&Field], ir: &Ir) -> syn::ImplItem {
    let required: Vec<&Field> = op.new_arguments().collect();
    let args = required
        .iter()
        .map(|f| (f.rust_name.as_str(), setter_arg_syntax(&f.ty, ir)))
        .collect();
    let inits = all
        .iter()
        .map(|f| {
            let value = if f.required {
                setter_value_syntax(&f.ty, var(&f.rust_name), ir)
            } else {
                path_expr(std_path("None", ir))
            };
            (f.rust_name.as_str(), value)
        })
        .collect();
    let article = crate::naming::article(&op.name);
    let mut doc = format!(
        "Starts {article} `{}` request with no optional parameter set.",
        op.name
    );
    for f in &required {
        doc.push_str(&format!("\n\n`{}`: {}", f.rust_name, first_paragraph(&f.docs)));
    }
    constructor(doc_attrs(&doc), args, inits)
}

/// The body of `encode`: the path, then query and form pairs in wire-name order.
fn encode_body(op: &Operation) -> Vec<syn::Stmt> {
    let mut template = String::new();
    let mut args = Vec::new();
    for part in &op.path_parts {
        match part {
            PathPart::Literal(text) => template.push_str(&text.replace('{', "{{").replace('}', "}}")),
            PathPart::Param(index) => {
                template.push_str("{}");
                let member = ident(&op.path_params[*index].rust_name);
                // Any path parameter type works, though Stripe's are all strings.
                args.push(quote! { ::stripe_runtime::encode_path_segment(&::std::string::ToString::to_string(&self.#member)) });
            }
        }
    }
    let request_path = if args.is_empty() {
        call(
            path_expr(path("::std::string::String::from")),
            vec![lit_str(&template)],
        )
    } else {
        macro_expr("::std::format", quote! { #template, #(#args),* })
    };
    let method = match op.method {
        HttpMethod::Get => "::stripe_runtime::Method::Get",
        HttpMethod::Post => "::stripe_runtime::Method::Post",
        HttpMethod::Delete => "::stripe_runtime::Method::Delete",
    };
    let mut stmts = Vec::new();
    for (target, fields) in [("query", &op.query_params), ("body", &op.body_params)] {
        let new_pairs = call(path_expr(path("::stripe_runtime::FormPairs::new")), Vec::new());
        stmts.push(let_stmt(target, !fields.is_empty(), new_pairs));
        stmts.extend(fields.iter().map(|f| {
            let value = reference(field(var("self"), &f.rust_name));
            semi(method_call(
                var(target),
                "field",
                vec![lit_str(""), lit_str(&f.wire_name), value],
            ))
        }));
    }
    stmts.push(tail(struct_literal(
        path("::stripe_runtime::EncodedRequest"),
        vec![
            ("method", Some(path_expr(path(method)))),
            ("path", Some(request_path)),
            ("query", None),
            ("body", None),
        ],
    )));
    stmts
}
