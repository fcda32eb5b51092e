//! Structs and type aliases. Models read and write serde; every `Option` field of a model also
//! accepts absence, because real responses sometimes omit fields the spec lists as
//! required-but-nullable. Every struct is `#[non_exhaustive]` with public fields, built with
//! `Default` when every field is optional and otherwise with a `new` taking the fields that are
//! not (`StructDef::new_takes`), so a field Stripe adds as an `Option` breaks no user's code;
//! parameter structs also have chained setters and a form-encoding impl.
//!
//! `Deserialize` is one `stripe_runtime::deserialize_struct!` line listing the fields (required or
//! optional, wire name), not serde's derive: it reads the same JSON with the same errors, but
//! compiles to far less in every program that decodes the struct (the derive's second visitor,
//! for structs written as arrays, which Stripe never sends, and a field-name type per struct; see
//! `runtime/src/struct_de.rs`). `Serialize`, for models, is one `stripe_runtime::serialize_struct!`
//! line listing the fields in order: it writes what the derive writes, and compiles to less in
//! the generated crate (`runtime/src/struct_ser.rs`). A struct with a flattened field (`Event`'s
//! payload) keeps both derives, which buffer the keys the flattened type reads.

use proc_macro2::TokenStream;
use quote::quote;

use super::encode_impl::{in_file, struct_encode_impl};
use super::object_impl::struct_object_impl;
use super::setters::{impl_into, setter};
use super::syntax::{
    constructor, doc_attr, doc_attrs, ident, impl_item, list_attr, macro_item, method_call, name_value_attr,
    named_field, path_expr, public, struct_item as struct_item_syntax, var, word_attr,
};
use super::syntax_decl::type_alias_item;
use super::type_expr::{field_syntax, std_item, std_path, type_syntax};
use crate::ir::{Field, Ir, OutputFile, StructDef, TypeDef, TypeRef};

/// A struct for `def`, printed with exactly the capabilities the IR gives it.
pub(crate) fn struct_item(def: &TypeDef, s: &StructDef, ir: &Ir) -> Vec<syn::Item> {
    let caps = def.caps;
    let derived = derives_deserialize(s);
    let default = s.derives_default().then(|| quote! { Default, });
    let serialize = (caps.round_trip && derived).then(|| {
        let serialize = std_item("Serialize", ir);
        quote! { #serialize, }
    });
    let deny_unknown = caps.user_built && !caps.round_trip;
    let deserialize_derive = derived.then(|| {
        let deserialize = std_item("Deserialize", ir);
        quote! { #deserialize, }
    });
    let mut attrs = doc_attrs(&def.docs);
    attrs.push(list_attr(
        "derive",
        quote! { Clone, Debug, #default PartialEq, #deserialize_derive #serialize },
    ));
    // A field Stripe adds must not break code that builds the struct: users build it with `new`
    // or `Default` (and setters), never with a literal.
    attrs.push(word_attr("non_exhaustive"));
    if caps.user_built {
        attrs.push(name_value_attr(
            "must_use",
            "a parameter does nothing until it is passed to a request builder",
        ));
    }
    if derived && deny_unknown {
        attrs.push(list_attr("serde", quote! { deny_unknown_fields }));
    }
    let fields = s
        .fields
        .iter()
        .map(|field| struct_field(field, derived, def.file, ir))
        .collect();
    let mut items = vec![struct_item_syntax(attrs, &def.name, fields)];
    if !derived {
        let reads = s
            .fields
            .iter()
            .map(|field| (field, FieldRead::of(field.is_optional(), field)));
        items.push(deserialize_struct(&def.name, reads, deny_unknown));
        if caps.round_trip {
            items.push(serialize_struct(&def.name, &s.fields));
        }
    }
    let mut methods: Vec<syn::ImplItem> = Vec::new();
    if !s.derives_default() {
        methods.push(constructor_of(s, def.file, ir));
    }
    if caps.user_built {
        for field in s.fields.iter().filter(|f| f.is_optional()) {
            methods.extend(setter(field, ir));
        }
    }
    if !methods.is_empty() {
        items.push(impl_item(None, &def.name, methods));
    }
    if let Some(id) = s.fields.iter().find(|field| s.has_id && field.wire_name == "id") {
        items.push(struct_object_impl(&def.name, &id.rust_name));
    }
    if caps.encode {
        items.push(in_file(def.file, struct_encode_impl(&def.name, &s.fields)));
    }
    items
}

fn struct_field(field: &Field, derived: bool, file: OutputFile, ir: &Ir) -> syn::Field {
    let mut attrs = doc_attrs(&field.docs);
    if derived {
        attrs.extend(serde_field_attrs(field));
    }
    let ty = field_syntax(&field.ty, field.is_optional(), ir, file);
    named_field(attrs, public(), &field.rust_name, ty)
}

/// Whether a struct's `Deserialize` is serde's derive: only for a flattened field, which the
/// runtime's macro does not read.
fn derives_deserialize(s: &StructDef) -> bool {
    s.fields.iter().any(|field| field.flatten)
}

/// The serde attributes of a field of a struct whose serde impls are derived: its wire name when
/// the Rust name differs, and how absence reads and writes. A field the IR marks `skip_none` (of a
/// type written back, which the spec lets be absent) is left out when `None`; any other optional
/// one (present but nullable, or only read: parameters, from the JSON a user would give Stripe's
/// SDKs) just accepts absence.
fn serde_field_attrs(field: &Field) -> Vec<syn::Attribute> {
    if field.flatten {
        return vec![list_attr("serde", quote! { flatten })];
    }
    let wire = &field.wire_name;
    let mut attrs = Vec::new();
    if field.rust_name != field.wire_name {
        attrs.push(list_attr("serde", quote! { rename = #wire }));
    }
    let absence = if field.skip_none {
        // May be absent: accept absence, and leave it out when writing.
        Some(quote! { default, skip_serializing_if = "::std::option::Option::is_none" })
    } else if field.is_optional() {
        // Present but nullable (or only read): accept absence too.
        Some(quote! { default })
    } else {
        None
    };
    attrs.extend(absence.map(|tokens| list_attr("serde", tokens)));
    attrs
}

/// `Serialize` for the model `name` through the runtime's macro: its fields in order, each
/// followed by `= "wire"` when the wire name is not the Rust name and by `: skip_none` when
/// the IR's `skip_none`.
fn serialize_struct(name: &str, fields: &[Field]) -> syn::Item {
    let name = ident(name);
    let entries = fields.iter().map(|field| {
        let ident = ident(&field.rust_name);
        let wire = &field.wire_name;
        let rename = (field.rust_name != field.wire_name).then(|| quote! { = #wire });
        let skip = field.skip_none.then(|| quote! { : skip_none });
        quote! { #ident #rename #skip }
    });
    macro_item(
        "::stripe_runtime::serialize_struct",
        quote! { #name { #(#entries),* } },
        false,
    )
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
) -> syn::Item {
    let name = ident(name);
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
        let ident = ident(&field.rust_name);
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
    macro_item(
        "::stripe_runtime::deserialize_struct",
        quote! { #name, #unknown #(#groups)* },
        false,
    )
}

/// `new(…)` taking the fields [`StructDef::new_takes`]; the `object` tag is filled in and every
/// `Option` starts as `None`.
fn constructor_of(s: &StructDef, file: OutputFile, ir: &Ir) -> syn::ImplItem {
    let taken: Vec<&Field> = s.fields.iter().filter(|f| s.new_takes(f)).collect();
    let args = taken
        .iter()
        .map(|f| {
            let ty = type_syntax(&f.ty, ir, file);
            (f.rust_name.as_str(), impl_into(ty, ir))
        })
        .collect();
    let inits = s
        .fields
        .iter()
        .map(|f| {
            let value = if s.new_takes(f) {
                method_call(var(&f.rust_name), "into", Vec::new())
            } else if s.is_object_tag(f) {
                let tag = s.object_tag.as_deref().unwrap_or_default();
                let string = std_item("String", ir);
                syn::parse_quote! { #string::from(#tag) }
            } else {
                path_expr(std_path("None", ir))
            };
            (f.rust_name.as_str(), value)
        })
        .collect();
    let names: Vec<String> = taken.iter().map(|f| format!("`{}`", f.rust_name)).collect();
    let doc = if names.is_empty() {
        " Starts with every optional field unset.".to_owned()
    } else {
        format!(
            " Sets {}, the fields that are not optional; everything else starts unset.",
            names.join(", ")
        )
    };
    constructor(vec![doc_attr(&doc)], args, inits)
}

/// `pub type Name = …;` for a component that is another name for a type.
pub(crate) fn alias_item(def: &TypeDef, ty: &TypeRef, ir: &Ir) -> Vec<syn::Item> {
    let target = type_syntax(ty, ir, def.file);
    vec![type_alias_item(doc_attrs(&def.docs), &def.name, target)]
}
