//! Request builders: one struct per operation. Path parameters and other required parameters are
//! arguments of `new`, optional ones chained setters; `StripeRequest::encode` yields the method,
//! the path with IDs escaped, and the query or form body in Stripe's encoding.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::setters::{setter, setter_arg_syntax, setter_value_syntax};
use super::structs::{deserialize_struct, FieldRead};
use super::syntax::{
    doc_attr, doc_attrs, impl_item, list_attr, method, named_field, path_expr, public, self_literal,
    self_type, tail, var,
};
use super::type_expr::{field_syntax, std_item, std_path, type_tokens};
use super::Piece;
use crate::docs::first_paragraph;
use crate::ir::{Field, HttpMethod, Ir, Operation, OutputFile, PathPart};

/// The builder struct, its constructor and setters, and its `StripeRequest` impl.
pub(crate) fn builder_item(op: &Operation, ir: &Ir) -> Vec<Piece> {
    let name = format_ident!("{}", op.name);
    let method_text = match op.method {
        HttpMethod::Get => "GET",
        HttpMethod::Post => "POST",
        HttpMethod::Delete => "DELETE",
    };
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
    let derive_default = if all.iter().any(|f| is_required(f)) {
        quote! {}
    } else {
        quote! { Default, }
    };
    attrs.push(list_attr(
        "derive",
        quote! { Clone, Debug, #derive_default PartialEq },
    ));
    let fields = all
        .iter()
        .map(|field| {
            let ty = field_syntax(&field.ty, !is_required(field), ir, OutputFile::Requests);
            named_field(Vec::new(), syn::Visibility::Inherited, &field.rust_name, ty)
        })
        .collect();
    let reads = all
        .iter()
        .map(|field| (*field, FieldRead::of(!is_required(field), field)));
    let mut methods = vec![constructor(op, &all, ir)];
    for field in all.iter().filter(|f| !is_required(f)) {
        methods.extend(setter(field, ir));
    }
    let response = type_tokens(&op.response, ir, OutputFile::Requests);
    let encode = encode_body(op);
    let paginate = paginate_impl(op, ir);
    vec![
        Piece::Built(super::syntax::struct_item(attrs, &op.name, fields)),
        Piece::Built(deserialize_struct(&op.name, reads, true)),
        Piece::Built(impl_item(None, &op.name, methods)),
        Piece::Tokens(quote! {
            impl ::stripe_runtime::StripeRequest for #name {
                type Response = #response;

                fn encode(&self) -> ::stripe_runtime::EncodedRequest {
                    #encode
                }
            }

            #paginate
        }),
    ]
}

/// `impl Paginate` for an operation the IR says can be paged through. Without `ending_before`
/// the getter says `None` and the setter has nothing to set.
fn paginate_impl(op: &Operation, ir: &Ir) -> TokenStream {
    let Some(pagination) = &op.pagination else {
        return quote! {};
    };
    let after = format_ident!("{}", pagination.starting_after);
    let (option, string) = (std_item("Option", ir), std_item("String", ir));
    let option_string = quote! { #option<#string> };
    let (before_get, before_set) = match &pagination.ending_before {
        Some(before) => {
            let before = format_ident!("{}", before);
            (
                quote! { self.#before.as_deref() },
                quote! {
                    fn set_ending_before(&mut self, cursor: #option_string) {
                        self.#before = cursor;
                    }
                },
            )
        }
        None => (
            std_item("None", ir),
            quote! { fn set_ending_before(&mut self, _: #option_string) {} },
        ),
    };
    let name = format_ident!("{}", op.name);
    let item = type_tokens(&pagination.item, ir, OutputFile::Requests);
    quote! {
        impl ::stripe_runtime::Paginate for #name {
            type Item = #item;

            fn starting_after_cursor(&self) -> #option<&str> {
                self.#after.as_deref()
            }

            fn ending_before_cursor(&self) -> #option<&str> {
                #before_get
            }

            fn set_starting_after(&mut self, cursor: #option_string) {
                self.#after = cursor;
            }

            #before_set
        }
    }
}

/// Path parameters are always required; other parameters when the spec says so.
fn is_required(field: &Field) -> bool {
    field.required
}

fn constructor(op: &Operation, all: &[&Field], ir: &Ir) -> syn::ImplItem {
    let required: Vec<&&Field> = all.iter().filter(|f| is_required(f)).collect();
    let args = required
        .iter()
        .map(|f| (f.rust_name.as_str(), setter_arg_syntax(&f.ty, ir)))
        .collect();
    let inits = all
        .iter()
        .map(|f| {
            let value = if is_required(f) {
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
    method(
        doc_attrs(&doc),
        public(),
        "new",
        None,
        args,
        Some(self_type()),
        vec![tail(self_literal(inits))],
    )
}

/// The body of `encode`: the path, then query and form pairs in wire-name order.
fn encode_body(op: &Operation) -> TokenStream {
    let mut template = String::new();
    let mut args = Vec::new();
    for part in &op.path_parts {
        match part {
            PathPart::Literal(text) => template.push_str(&text.replace('{', "{{").replace('}', "}}")),
            PathPart::Param(name) => {
                template.push_str("{}");
                let ident = format_ident!("{}", name);
                // Any path parameter type works, though Stripe's are all strings.
                args.push(quote! { ::stripe_runtime::encode_path_segment(&::std::string::ToString::to_string(&self.#ident)) });
            }
        }
    }
    let path = if args.is_empty() {
        quote! { ::std::string::String::from(#template) }
    } else {
        quote! { ::std::format!(#template, #(#args),*) }
    };
    let pairs = |fields: &[Field], target: TokenStream| {
        let calls: Vec<_> = fields
            .iter()
            .map(|f| {
                let ident = format_ident!("{}", f.rust_name);
                let wire = &f.wire_name;
                quote! { #target.field("", #wire, &self.#ident); }
            })
            .collect();
        calls
    };
    let query_calls = pairs(&op.query_params, quote! { query });
    let body_calls = pairs(&op.body_params, quote! { body });
    let query_mut = if query_calls.is_empty() {
        quote! {}
    } else {
        quote! { mut }
    };
    let body_mut = if body_calls.is_empty() {
        quote! {}
    } else {
        quote! { mut }
    };
    let method = match op.method {
        HttpMethod::Get => quote! { ::stripe_runtime::Method::Get },
        HttpMethod::Post => quote! { ::stripe_runtime::Method::Post },
        HttpMethod::Delete => quote! { ::stripe_runtime::Method::Delete },
    };
    quote! {
        let #query_mut query = ::stripe_runtime::FormPairs::new();
        #(#query_calls)*
        let #body_mut body = ::stripe_runtime::FormPairs::new();
        #(#body_calls)*
        ::stripe_runtime::EncodedRequest {
            method: #method,
            path: #path,
            query,
            body,
        }
    }
}
