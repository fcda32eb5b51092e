//! Structs and type aliases. Models read and write serde; every `Option` field of a model also
//! accepts absence, because real responses sometimes omit fields the spec lists as
//! required-but-nullable. Parameter structs have public fields, `Default` when nothing is
//! required, a `new` taking what is required, and a form-encoding impl.
//!
//! `Deserialize` is one `stripe_runtime::deserialize_struct!` line listing the fields (required or
//! optional, wire name), not serde's derive: it reads the same JSON with the same errors, but
//! compiles to far less in every program that decodes the struct (the derive's second visitor,
//! for structs written as arrays, which Stripe never sends, and a field-name type per struct; see
//! `runtime/src/struct_de.rs`). A struct with a flattened field (`Event`'s payload) keeps the
//! derive, which buffers the keys the flattened type reads. `Serialize` stays derived.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs_attr::doc_attrs;
use super::encode_impl::{in_file, struct_encode_impl};
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
        .map(|field| struct_field(field, caps.round_trip, derives_deserialize(s), def.file, ir));
    let encode = if caps.encode {
        in_file(def.file, struct_encode_impl(&def.name, &s.fields))
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
    let deny_unknown = caps.user_built && !caps.round_trip;
    let derived = derives_deserialize(s);
    let deserialize_derive = derived.then(|| {
        let deserialize = std_item("Deserialize", ir);
        quote! { #deserialize, }
    });
    let deny_unknown_attr = (derived && deny_unknown).then(|| quote! { #[serde(deny_unknown_fields)] });
    let deserialize_impl = (!derived).then(|| {
        let reads = s
            .fields
            .iter()
            .map(|field| (field, FieldRead::of(field.is_optional(), field)));
        deserialize_struct(&def.name, reads, deny_unknown)
    });
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
        #[derive(Clone, Debug, #default PartialEq, #deserialize_derive #serialize)]
        #deny_unknown_attr
        pub struct #name { #(#fields)* }
        #deserialize_impl
        #methods
        #object_impl
        #encode
    }
}

fn struct_field(field: &Field, round_trip: bool, derived: bool, file: OutputFile, ir: &Ir) -> TokenStream {
    let ident = format_ident!("{}", field.rust_name);
    let docs = doc_attrs(&field.docs);
    let ty = field_type(&field.ty, field.is_optional(), ir, file);
    let attrs = serde_field_attrs(field, round_trip, derived);
    quote! { #docs #attrs pub #ident: #ty, }
}

/// Whether a struct's `Deserialize` is serde's derive: only for a flattened field, which the
/// runtime's macro does not read.
fn derives_deserialize(s: &StructDef) -> bool {
    s.fields.iter().any(|field| field.flatten)
}

/// The serde attributes of a field, for the derives that read them: its wire name when the Rust
/// name differs, and how absence reads (a derived `Deserialize`) and writes (`Serialize`). A
/// type that is written back (`round_trip`) leaves an absent optional field out and writes a
/// present-but-null one as `null`; one that is only read (parameters, from the JSON a user would
/// give Stripe's SDKs) just accepts absence. With neither derive (a parameter read through
/// `deserialize_struct!`) a field has none.
pub(crate) fn serde_field_attrs(field: &Field, round_trip: bool, derived_deserialize: bool) -> TokenStream {
    if field.flatten {
        return quote! { #[serde(flatten)] };
    }
    if !round_trip && !derived_deserialize {
        return quote! {};
    }
    let wire = &field.wire_name;
    let rename = if field.rust_name != field.wire_name {
        quote! { #[serde(rename = #wire)] }
    } else {
        quote! {}
    };
    let absence = match (
        round_trip,
        field.is_optional(),
        field.required,
        derived_deserialize,
    ) {
        // May be absent: accept absence, and leave it out when writing.
        (true, true, false, true) => {
            quote! { #[serde(default, skip_serializing_if = "::std::option::Option::is_none")] }
        }
        (true, true, false, false) => {
            quote! { #[serde(skip_serializing_if = "::std::option::Option::is_none")] }
        }
        // Present but nullable (or only read): accept absence too.
        (_, true, _, true) => quote! { #[serde(default)] },
        _ => quote! {},
    };
    quote! { #rename #absence }
}

/// How `deserialize_struct!` reads one field.
#[derive(Clone, Copy)]
pub(crate) enum FieldRead {
    /// Must be present (and not `null` unless its type reads `null`).
    Required,
    /// An `Option`: absent or `null` is `None`.
    Optional,
    /// Not an `Option`, but may be absent (a required-but-nullable parameter of a builder, whose
    /// Rust type is the value's): absent is the type's `Default`.
    Default,
}

impl FieldRead {
    /// For a field whose Rust type is an `Option` when `optional`.
    pub(crate) fn of(optional: bool, field: &Field) -> Self {
        match (optional, field.is_optional()) {
            (true, _) => Self::Optional,
            (false, true) => Self::Default,
            (false, false) => Self::Required,
        }
    }
}

/// `Deserialize` for the struct `name` through the runtime's macro: its fields grouped by how
/// each is read, a field whose wire name is not its Rust name followed by `= "wire"`; keys it does
/// not know are refused when `deny_unknown` (parameters, where a misspelt name must not be
/// dropped silently) and skipped otherwise (models: Stripe adds fields).
pub(crate) fn deserialize_struct<'a>(
    name: &str,
    fields: impl Iterator<Item = (&'a Field, FieldRead)>,
    deny_unknown: bool,
) -> TokenStream {
    let name = format_ident!("{}", name);
    let unknown = if deny_unknown {
        quote! { deny_unknown }
    } else {
        quote! { ignore_unknown }
    };
    let mut groups: [(TokenStream, Vec<TokenStream>); 3] = [
        (quote! { required }, Vec::new()),
        (quote! { optional }, Vec::new()),
        (quote! { default }, Vec::new()),
    ];
    for (field, read) in fields {
        let ident = format_ident!("{}", field.rust_name);
        let wire = &field.wire_name;
        let entry = if field.rust_name == field.wire_name {
            quote! { #ident }
        } else {
            quote! { #ident = #wire }
        };
        let group = match read {
            FieldRead::Required => 0,
            FieldRead::Optional => 1,
            FieldRead::Default => 2,
        };
        groups[group].1.push(entry);
    }
    let groups = groups
        .iter()
        .filter(|(_, fields)| !fields.is_empty())
        .map(|(read, fields)| quote! { , #read { #(#fields),* } });
    quote! {
        ::stripe_runtime::deserialize_struct!(#name, #unknown #(#groups)*);
    }
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
    let (into, none) = (std_item("Into", ir), std_item("None", ir));
    let args = required.iter().map(|f| {
        let arg = format_ident!("{}", f.rust_name);
        let ty = type_tokens(&f.ty, ir, OutputFile::Requests);
        quote! { #arg: impl #into<#ty> }
    });
    let inits = s.fields.iter().map(|f| {
        let field = format_ident!("{}", f.rust_name);
        if f.is_optional() {
            quote! { #field: #none }
        } else {
            quote! { #field: #field.into() }
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
