//! Structs and type aliases. Models derive serde both ways; every `Option` field of a model also
//! accepts absence (`#[serde(default)]`), because real responses sometimes omit fields the spec
//! lists as required-but-nullable. Parameter structs have public fields, `Default` when nothing is
//! required, a `new` taking what is required, and a form-encoding impl.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs_attr::doc_attrs;
use super::encode_impl::struct_encode_impl;
use super::setters::setter;
use super::type_expr::{field_type, type_tokens};
use super::unions::has_id;
use crate::ir::{Field, Ir, Role, StructDef, TypeDef, TypeRef};

/// A struct for `def`.
pub(crate) fn struct_item(def: &TypeDef, s: &StructDef, ir: &Ir) -> TokenStream {
    let name = format_ident!("{}", def.name);
    let docs = doc_attrs(&def.docs);
    let fields = s.fields.iter().map(|field| struct_field(field, def.role, ir));
    let encode = if def.encodable {
        struct_encode_impl(&def.name, &s.fields)
    } else {
        quote! {}
    };
    match def.role {
        Role::Model => {
            let object_impl = object_impl(&def.name, ir);
            quote! {
                #docs
                #[derive(Clone, Debug, PartialEq, ::serde::Deserialize, ::serde::Serialize)]
                pub struct #name { #(#fields)* }
                #object_impl
                #encode
            }
        }
        Role::Param => {
            let all_optional = s.fields.iter().all(Field::is_optional);
            let derive_default = if all_optional {
                quote! { Default, }
            } else {
                quote! {}
            };
            let constructor = if all_optional {
                quote! {}
            } else {
                param_constructor(s, ir)
            };
            let setters = s.fields.iter().filter(|f| f.is_optional()).map(|f| setter(f, ir));
            quote! {
                #docs
                #[derive(Clone, Debug, #derive_default PartialEq, ::serde::Deserialize)]
                #[serde(deny_unknown_fields)]
                pub struct #name { #(#fields)* }
                impl #name {
                    #constructor
                    #(#setters)*
                }
                #encode
            }
        }
    }
}

fn struct_field(field: &Field, role: Role, ir: &Ir) -> TokenStream {
    let ident = format_ident!("{}", field.rust_name);
    let docs = doc_attrs(&field.docs);
    let ty = field_type(&field.ty, field.is_optional(), ir, role);
    let attrs = serde_field_attrs(field, role);
    quote! { #docs #attrs pub #ident: #ty, }
}

/// The serde attributes of a field: its wire name when the Rust name differs, and how absence
/// reads and writes. Parameters read from the JSON a user would give Stripe's SDKs.
pub(crate) fn serde_field_attrs(field: &Field, role: Role) -> TokenStream {
    let wire = &field.wire_name;
    let rename = if field.rust_name != field.wire_name {
        quote! { #[serde(rename = #wire)] }
    } else {
        quote! {}
    };
    let absence = match (role, field.is_optional(), field.required) {
        // May be absent: accept absence, and leave it out when writing.
        (Role::Model, true, false) => {
            quote! { #[serde(default, skip_serializing_if = "::std::option::Option::is_none")] }
        }
        // Present but nullable: accept absence too, but write `null` back.
        (Role::Model, true, true) | (Role::Param, true, _) => quote! { #[serde(default)] },
        _ => quote! {},
    };
    quote! { #rename #absence }
}

/// `impl Object` (for `Expandable::id`) on models with a required, non-null string `id`.
fn object_impl(name: &str, ir: &Ir) -> TokenStream {
    if !has_id(&TypeRef::Named(name.to_owned()), ir) {
        return quote! {};
    }
    let name = format_ident!("{}", name);
    quote! {
        impl ::stripe_runtime::Object for #name {
            fn id(&self) -> &str {
                ::std::convert::AsRef::<str>::as_ref(&self.id)
            }
        }
    }
}

/// `new(required…)` for a parameter struct with required fields; the rest start as `None`.
fn param_constructor(s: &StructDef, ir: &Ir) -> TokenStream {
    let required: Vec<&Field> = s.fields.iter().filter(|f| !f.is_optional()).collect();
    let args = required.iter().map(|f| {
        let arg = format_ident!("{}", f.rust_name);
        let ty = type_tokens(&f.ty, ir, Role::Param);
        quote! { #arg: impl ::std::convert::Into<#ty> }
    });
    let inits = s.fields.iter().map(|f| {
        let field = format_ident!("{}", f.rust_name);
        if f.is_optional() {
            quote! { #field: ::std::option::Option::None }
        } else {
            quote! { #field: ::std::convert::Into::into(#field) }
        }
    });
    let names: Vec<String> = required.iter().map(|f| format!("`{}`", f.rust_name)).collect();
    let doc = format!(
        " Sets the required {}; everything else starts unset.",
        names.join(", ")
    );
    quote! {
        #[doc = #doc]
        pub fn new(#(#args),*) -> Self {
            Self { #(#inits),* }
        }
    }
}

/// `pub type Name = …;` for a component that is another name for a type.
pub(crate) fn alias_item(def: &TypeDef, ty: &TypeRef, ir: &Ir) -> TokenStream {
    let name = format_ident!("{}", def.name);
    let docs = doc_attrs(&def.docs);
    let target = type_tokens(ty, ir, def.role);
    quote! { #docs pub type #name = #target; }
}
