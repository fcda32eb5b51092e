//! Structs and type aliases. Models derive serde both ways; every `Option` field of a model also
//! accepts absence (`#[serde(default)]`), because real responses sometimes omit fields the spec
//! lists as required-but-nullable. Parameter structs have public fields, `Default` when nothing is
//! required, a `new` taking what is required, and a form-encoding impl.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs_attr::doc_attrs;
use super::encode_impl::struct_encode_impl;
use super::setters::setter;
use super::type_expr::{field_type, std_item, type_tokens};
use crate::ir::{Field, Ir, OutputFile, StructDef, TypeDef, TypeRef};

/// A struct for `def`, printed with exactly the capabilities the IR gives it.
pub(crate) fn struct_item(def: &TypeDef, s: &StructDef, ir: &Ir) -> TokenStream {
    let name = format_ident!("{}", def.name);
    let docs = doc_attrs(&def.docs);
    let caps = def.caps;
    let fields = s
        .fields
        .iter()
        .map(|field| struct_field(field, caps.round_trip, def.file, ir));
    let encode = if caps.encode {
        struct_encode_impl(&def.name, &s.fields)
    } else {
        quote! {}
    };
    let object_impl = if s.has_id {
        object_impl(&def.name)
    } else {
        quote! {}
    };
    let all_optional = s.fields.iter().all(Field::is_optional);
    let default = (caps.user_built && all_optional).then(|| quote! { Default, });
    let serialize = caps.round_trip.then(|| {
        let serialize = std_item("Serialize", ir);
        quote! { #serialize, }
    });
    let deserialize = std_item("Deserialize", ir);
    let deny_unknown =
        (caps.user_built && !caps.round_trip).then(|| quote! { #[serde(deny_unknown_fields)] });
    let methods = caps.user_built.then(|| {
        let constructor = (!all_optional).then(|| param_constructor(s, ir));
        let setters = s.fields.iter().filter(|f| f.is_optional()).map(|f| setter(f, ir));
        quote! {
            impl #name {
                #constructor
                #(#setters)*
            }
        }
    });
    quote! {
        #docs
        #[derive(Clone, Debug, #default PartialEq, #deserialize, #serialize)]
        #deny_unknown
        pub struct #name { #(#fields)* }
        #methods
        #object_impl
        #encode
    }
}

fn struct_field(field: &Field, round_trip: bool, file: OutputFile, ir: &Ir) -> TokenStream {
    let ident = format_ident!("{}", field.rust_name);
    let docs = doc_attrs(&field.docs);
    let ty = field_type(&field.ty, field.is_optional(), ir, file);
    let attrs = serde_field_attrs(field, round_trip);
    quote! { #docs #attrs pub #ident: #ty, }
}

/// The serde attributes of a field: its wire name when the Rust name differs, and how absence
/// reads and writes. A type that is written back (`round_trip`) leaves an absent optional field
/// out and writes a present-but-null one as `null`; one that is only read (parameters, from the
/// JSON a user would give Stripe's SDKs) just accepts absence.
pub(crate) fn serde_field_attrs(field: &Field, round_trip: bool) -> TokenStream {
    if field.flatten {
        return quote! { #[serde(flatten)] };
    }
    let wire = &field.wire_name;
    let rename = if field.rust_name != field.wire_name {
        quote! { #[serde(rename = #wire)] }
    } else {
        quote! {}
    };
    let absence = match (round_trip, field.is_optional(), field.required) {
        // May be absent: accept absence, and leave it out when writing.
        (true, true, false) => {
            quote! { #[serde(default, skip_serializing_if = "::std::option::Option::is_none")] }
        }
        // Present but nullable (or only read): accept absence too.
        (_, true, _) => quote! { #[serde(default)] },
        _ => quote! {},
    };
    quote! { #rename #absence }
}

/// `impl Object` (for `Expandable::id` and pagination) on a struct the IR says has an `id`.
fn object_impl(name: &str) -> TokenStream {
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
        let ty = type_tokens(&f.ty, ir, OutputFile::Requests);
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
    let target = type_tokens(ty, ir, def.file);
    quote! { #docs pub type #name = #target; }
}
