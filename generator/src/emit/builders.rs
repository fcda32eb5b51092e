//! Request builders: one struct per operation. Path parameters and other required parameters are
//! arguments of `new`, optional ones chained setters; `StripeRequest::encode` yields the method,
//! the path with IDs escaped, and the query or form body in Stripe's encoding.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs_attr::doc_attrs;
use super::setters::{setter, setter_arg, setter_value};
use super::structs::{deserialize_struct, FieldRead};
use super::type_expr::{field_type, std_item, type_tokens};
use crate::docs::first_paragraph;
use crate::ir::{Field, HttpMethod, Ir, Operation, OutputFile, PathPart};

/// The builder struct, its constructor and setters, and its `StripeRequest` impl.
pub(crate) fn builder_item(op: &Operation, ir: &Ir) -> TokenStream {
    let name = format_ident!("{}", op.name);
    let method_text = match op.method {
        HttpMethod::Get => "GET",
        HttpMethod::Post => "POST",
        HttpMethod::Delete => "DELETE",
    };
    let docs = doc_attrs(&format!("{}\n\n`{method_text} {}`", op.docs, op.path));
    let all: Vec<&Field> = op
        .path_params
        .iter()
        .chain(&op.query_params)
        .chain(&op.body_params)
        .collect();
    let fields = all.iter().map(|field| {
        let ident = format_ident!("{}", field.rust_name);
        let ty = field_type(&field.ty, !is_required(field), ir, OutputFile::Requests);
        quote! { #ident: #ty, }
    });
    let derive_default = if all.iter().any(|f| is_required(f)) {
        quote! {}
    } else {
        quote! { Default, }
    };
    let constructor = constructor(op, &all, ir);
    let setters = all.iter().filter(|f| !is_required(f)).map(|f| setter(f, ir));
    let response = type_tokens(&op.response, ir, OutputFile::Requests);
    let encode = encode_body(op);
    let paginate = paginate_impl(op, ir);
    let reads = all
        .iter()
        .map(|field| (*field, FieldRead::of(!is_required(field), field)));
    let deserialize = deserialize_struct(&op.name, reads, true);
    quote! {
        #docs
        ///
        /// It also reads from the JSON parameters Stripe's SDKs take (path parameters included by
        /// name), refusing unknown ones.
        #[derive(Clone, Debug, #derive_default PartialEq)]
        pub struct #name { #(#fields)* }

        #deserialize

        impl #name {
            #constructor
            #(#setters)*
        }

        impl ::stripe_runtime::StripeRequest for #name {
            type Response = #response;

            fn encode(&self) -> ::stripe_runtime::EncodedRequest {
                #encode
            }
        }

        #paginate
    }
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

fn constructor(op: &Operation, all: &[&Field], ir: &Ir) -> TokenStream {
    let required: Vec<&&Field> = all.iter().filter(|f| is_required(f)).collect();
    let args = required.iter().map(|f| {
        let ident = format_ident!("{}", f.rust_name);
        let ty = setter_arg(&f.ty, ir);
        quote! { #ident: #ty }
    });
    let inits = all.iter().map(|f| {
        let ident = format_ident!("{}", f.rust_name);
        if is_required(f) {
            let value = setter_value(&f.ty, quote! { #ident }, ir);
            quote! { #ident: #value }
        } else {
            let none = std_item("None", ir);
            quote! { #ident: #none }
        }
    });
    let article = crate::naming::article(&op.name);
    let mut doc = format!(
        "Starts {article} `{}` request with no optional parameter set.",
        op.name
    );
    for f in &required {
        doc.push_str(&format!("\n\n`{}`: {}", f.rust_name, first_paragraph(&f.docs)));
    }
    let doc = doc_attrs(&doc);
    quote! {
        #doc
        pub fn new(#(#args),*) -> Self {
            Self { #(#inits),* }
        }
    }
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
