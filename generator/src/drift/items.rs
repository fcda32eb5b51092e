//! A generated file read as the Rust items users name: each type, builder or constant (its
//! owner) with its definition, its inherent methods, and what is derived from it (trait impls,
//! the `stripe_runtime` macros called on it). An old file is read with its renamed names
//! replaced by the new ones, so what refers to a renamed type compares equal to what refers to
//! it under its new name.

use std::collections::BTreeMap;

use proc_macro2::{Ident, TokenTree};
use quote::ToTokens;
use syn::{Attribute, Fields, ImplItem, ImplItemFn, Item};

use super::renamed::renamed;
use crate::change::Renames;

/// One Rust item users name, and what belongs to it.
#[derive(Default)]
pub(super) struct Owner {
    /// Its name as the file spells it (an old name stays old).
    pub name: String,
    /// The struct, enum, alias, constant or static itself.
    pub definition: Option<Item>,
    /// Its inherent methods, by name.
    pub methods: BTreeMap<String, ImplItemFn>,
    /// Trait impls (`impl ::serde::Serialize`) and macro calls (`::stripe_runtime::open_enum!`)
    /// for it, by what they implement or call.
    pub derived: BTreeMap<String, Derived>,
}

/// A trait impl or macro call for an owner.
pub(super) struct Derived {
    /// What it implements or calls (`impl :: serde :: Serialize`, `:: stripe_runtime :: open_enum!`).
    pub key: String,
    /// The item.
    pub item: Item,
}

/// The owners of `text` by name, its old names read through `renames`; `None` when it is not
/// Rust.
pub(super) fn owners(text: &str, renames: &Renames) -> Option<BTreeMap<String, Owner>> {
    let file = syn::parse_file(text).ok()?;
    let mut owners: BTreeMap<String, Owner> = BTreeMap::new();
    for item in file.items.into_iter().flat_map(rows_apart) {
        let (name, place) = place_of(&item);
        let item = if renames.is_empty() {
            item
        } else {
            renamed(item, renames)
        };
        let owner = owners.entry(name.clone()).or_insert_with(|| Owner {
            name,
            ..Owner::default()
        });
        match (place, item) {
            (Place::Methods, Item::Impl(block)) => {
                for member in block.items {
                    if let ImplItem::Fn(method) = member {
                        owner.methods.insert(method.sig.ident.to_string(), method);
                    }
                }
            }
            (Place::Derived(key), item) => {
                owner.derived.insert(key.clone(), Derived { key, item });
            }
            (_, item) => owner.definition = Some(item),
        }
    }
    Some(owners)
}

enum Place {
    Definition,
    Methods,
    Derived(String),
}

/// The owner an item belongs to, and its place there.
fn place_of(item: &Item) -> (String, Place) {
    match item {
        Item::Struct(s) => (s.ident.to_string(), Place::Definition),
        Item::Enum(e) => (e.ident.to_string(), Place::Definition),
        Item::Type(t) => (t.ident.to_string(), Place::Definition),
        Item::Const(c) => (c.ident.to_string(), Place::Definition),
        Item::Static(s) => (s.ident.to_string(), Place::Definition),
        Item::Impl(block) => {
            let owner = match &*block.self_ty {
                syn::Type::Path(path) => path.path.segments.last().map(|s| s.ident.to_string()),
                _ => None,
            }
            .unwrap_or_else(|| block.self_ty.to_token_stream().to_string());
            match &block.trait_ {
                None => (owner, Place::Methods),
                Some((_, path, _)) => (owner, Place::Derived(format!("impl {}", text(path)))),
            }
        }
        Item::Macro(call)
            if call
                .mac
                .path
                .segments
                .last()
                .is_some_and(|s| s.ident == "requests_only") =>
        {
            // `requests_only! { impl … for Name { … } }`: the items inside say whose it is.
            let key = format!("{}!", text(&call.mac.path));
            match syn::parse2::<syn::File>(call.mac.tokens.clone()) {
                Ok(inner) if !inner.items.is_empty() => {
                    let (owner, place) = place_of(&inner.items[0]);
                    let what = match place {
                        Place::Derived(what) => what,
                        Place::Methods => "impl".to_owned(),
                        Place::Definition => text(&inner.items[0]),
                    };
                    (owner, Place::Derived(format!("{key} {what}")))
                }
                _ => (text(item), Place::Derived(key)),
            }
        }
        Item::Macro(call) => {
            // `::stripe_runtime::open_enum!(Name, …)`: the first name in the call is its owner.
            let owner = call.mac.tokens.clone().into_iter().find_map(|tree| match tree {
                TokenTree::Ident(ident) => Some(ident.to_string()),
                _ => None,
            });
            let key = format!("{}!", text(&call.mac.path));
            (owner.unwrap_or_else(|| text(item)), Place::Derived(key))
        }
        // `use` and anything else stands for itself.
        other => (text(other), Place::Definition),
    }
}

/// A static table of rows named by their `name` (the validation table's `OPERATIONS`, one row
/// per builder) as one item per row, a `static` named like the row, then the table without its
/// rows: so a change to one builder's rules is that builder's, as `diff` reports it. Any other
/// item as it is.
fn rows_apart(item: Item) -> Vec<Item> {
    let Item::Static(table) = &item else {
        return vec![item];
    };
    let syn::Expr::Reference(reference) = &*table.expr else {
        return vec![item];
    };
    let syn::Expr::Array(rows) = &*reference.expr else {
        return vec![item];
    };
    let named: Option<Vec<(Ident, &syn::ExprStruct)>> = rows.elems.iter().map(row_name).collect();
    let Some(named) = named.filter(|rows| !rows.is_empty()) else {
        return vec![item];
    };
    let mut items: Vec<Item> = named
        .into_iter()
        .map(|(name, row)| {
            let row_type = &row.path;
            syn::parse_quote!(static #name: #row_type = #row;)
        })
        .collect();
    let mut without_rows = table.clone();
    let mut empty = reference.clone();
    empty.expr = Box::new(syn::parse_quote!([]));
    without_rows.expr = Box::new(syn::Expr::Reference(empty));
    items.push(Item::Static(without_rows));
    items
}

/// A row's name: the struct literal's `name: "CreateThing"`, when it is one a Rust name can be.
fn row_name(row: &syn::Expr) -> Option<(Ident, &syn::ExprStruct)> {
    let syn::Expr::Struct(row) = row else { return None };
    let value = row
        .fields
        .iter()
        .find_map(|field| match (&field.member, &field.expr) {
            (syn::Member::Named(member), syn::Expr::Lit(lit)) if member == "name" => match &lit.lit {
                syn::Lit::Str(name) => Some(name.value()),
                _ => None,
            },
            _ => None,
        })?;
    let name = syn::parse_str::<Ident>(&value).ok()?;
    Some((name, row))
}

/// Tokens as text, the form items are compared in.
pub(super) fn text(tokens: &impl ToTokens) -> String {
    tokens.to_token_stream().to_string()
}

fn without_docs(attrs: &mut Vec<Attribute>) {
    attrs.retain(|attr| !attr.path().is_ident("doc"));
}

fn fields_without_docs(fields: &mut Fields) {
    fields.iter_mut().for_each(|f| without_docs(&mut f.attrs));
}

/// An item with every doc comment in it removed, as text: equal for items that differ in docs
/// alone.
pub(super) fn code_of(item: &Item) -> String {
    let mut item = item.clone();
    match &mut item {
        Item::Struct(s) => {
            without_docs(&mut s.attrs);
            fields_without_docs(&mut s.fields);
        }
        Item::Enum(e) => {
            without_docs(&mut e.attrs);
            for variant in &mut e.variants {
                without_docs(&mut variant.attrs);
                fields_without_docs(&mut variant.fields);
            }
        }
        Item::Impl(block) => {
            without_docs(&mut block.attrs);
            for member in &mut block.items {
                if let ImplItem::Fn(f) = member {
                    without_docs(&mut f.attrs);
                }
            }
        }
        Item::Type(t) => without_docs(&mut t.attrs),
        Item::Const(c) => without_docs(&mut c.attrs),
        Item::Static(s) => without_docs(&mut s.attrs),
        _ => {}
    }
    text(&item)
}

/// A field, variant or method without its doc comments, as text.
pub(super) fn code_without_docs<T: Clone + ToTokens>(
    member: &T,
    attrs: impl Fn(&mut T) -> &mut Vec<Attribute>,
) -> String {
    let mut member = member.clone();
    without_docs(attrs(&mut member));
    text(&member)
}

/// Whether `attrs` say `#[name]` (`non_exhaustive`).
pub(super) fn has_attribute(attrs: &[Attribute], name: &str) -> bool {
    attrs.iter().any(|attr| attr.path().is_ident(name))
}
