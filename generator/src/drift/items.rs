//! A generated file read as the Rust items users name: each type, builder or constant (its
//! owner) with its definition, its inherent methods, and what is derived from it (trait impls,
//! the `stripe_runtime` macros called on it). An old file is read with its renamed names
//! replaced by the new ones, so what refers to a renamed type compares equal to what refers to
//! it under its new name.

use std::collections::BTreeMap;

use proc_macro2::{Group, Ident, TokenStream, TokenTree};
use quote::ToTokens;
use syn::{Attribute, Fields, ImplItem, ImplItemFn, Item};

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
    for item in file.items {
        let (name, place) = place_of(&item);
        let item = if renames.is_empty() {
            item
        } else {
            syn::parse2(renamed(item.to_token_stream(), renames)).unwrap_or(item)
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

/// `tokens` with every renamed name replaced by its new one.
fn renamed(tokens: TokenStream, renames: &Renames) -> TokenStream {
    tokens
        .into_iter()
        .map(|tree| match tree {
            TokenTree::Ident(ident) => match renames.get(&ident.to_string()) {
                Some(to) => TokenTree::Ident(Ident::new(to, ident.span())),
                None => TokenTree::Ident(ident),
            },
            TokenTree::Group(group) => {
                let mut inner = Group::new(group.delimiter(), renamed(group.stream(), renames));
                inner.set_span(group.span());
                TokenTree::Group(inner)
            }
            other => other,
        })
        .collect()
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
