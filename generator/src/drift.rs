//! What kind of change a stale generated file holds, read from the Rust itself: the file on disk
//! and the file the spec generates now are parsed with `syn` and compared item by item (a type,
//! its fields or variants, its methods), doc comments aside. An item removed, or changed in
//! anything but its docs, is breaking; a new item, field of a read-only model, or enum value is
//! additive; a change to docs alone is docs. `check` prints the verdict with the drift, so a CI
//! log says whether regenerating will break the crate's users. It also tells a hand edit (a file
//! that no longer matches what the generator last wrote, by the hash in the manifest) from a
//! stale one, naming the first edited line.

use std::collections::BTreeMap;

use quote::ToTokens;
use syn::{Attribute, Fields, Item};

use crate::change::ChangeClass;

/// One drifted item: how it changed, and its name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Drift {
    /// The class of the change for the crate's users.
    pub class: ChangeClass,
    /// The item (`VerificationSession`, `VerificationSession::url`).
    pub item: String,
    /// What changed.
    pub reason: String,
}

/// The items that differ between `on_disk` and `fresh`, or `None` when either is not Rust.
pub fn classify(on_disk: &str, fresh: &str) -> Option<Vec<Drift>> {
    let before = items(on_disk)?;
    let after = items(fresh)?;
    let mut drifts = Vec::new();
    for (name, old) in &before {
        match after.get(name) {
            None => drifts.push(drift(ChangeClass::Breaking, name, "removed")),
            Some(new) => compare(name, old, new, &mut drifts),
        }
    }
    for name in after.keys().filter(|name| !before.contains_key(*name)) {
        drifts.push(drift(ChangeClass::Additive, name, "added"));
    }
    Some(drifts)
}

fn drift(class: ChangeClass, item: &str, reason: &str) -> Drift {
    Drift {
        class,
        item: item.to_owned(),
        reason: reason.to_owned(),
    }
}

/// Top-level items by a stable key: types by name, impls by what they implement for what.
fn items(text: &str) -> Option<BTreeMap<String, Item>> {
    let file = syn::parse_file(text).ok()?;
    let mut found = BTreeMap::new();
    for item in file.items {
        let key = match &item {
            Item::Struct(s) => s.ident.to_string(),
            Item::Enum(e) => e.ident.to_string(),
            Item::Type(t) => t.ident.to_string(),
            Item::Const(c) => c.ident.to_string(),
            Item::Impl(i) => {
                let of = i
                    .trait_
                    .as_ref()
                    .map(|(_, path, _)| path.to_token_stream().to_string());
                format!(
                    "impl {} for {}",
                    of.unwrap_or_default(),
                    i.self_ty.to_token_stream()
                )
            }
            other => other.to_token_stream().to_string(),
        };
        found.insert(key, item);
    }
    Some(found)
}

fn without_docs(attrs: &mut Vec<Attribute>) {
    attrs.retain(|attr| !attr.path().is_ident("doc"));
}

/// The item with every doc comment removed, as text.
fn code_of(item: &Item) -> String {
    let mut item = item.clone();
    match &mut item {
        Item::Struct(s) => {
            without_docs(&mut s.attrs);
            s.fields.iter_mut().for_each(|f| without_docs(&mut f.attrs));
        }
        Item::Enum(e) => {
            without_docs(&mut e.attrs);
            e.variants.iter_mut().for_each(|v| without_docs(&mut v.attrs));
        }
        Item::Impl(i) => {
            without_docs(&mut i.attrs);
            for member in &mut i.items {
                if let syn::ImplItem::Fn(f) = member {
                    without_docs(&mut f.attrs);
                }
            }
        }
        Item::Type(t) => without_docs(&mut t.attrs),
        Item::Const(c) => without_docs(&mut c.attrs),
        _ => {}
    }
    item.to_token_stream().to_string()
}

fn compare(name: &str, old: &Item, new: &Item, out: &mut Vec<Drift>) {
    if old.to_token_stream().to_string() == new.to_token_stream().to_string() {
        return;
    }
    if code_of(old) == code_of(new) {
        out.push(drift(ChangeClass::Docs, name, "docs changed"));
        return;
    }
    match (old, new) {
        (Item::Struct(a), Item::Struct(b)) => {
            let fields = |s: &syn::ItemStruct| -> BTreeMap<String, String> {
                match &s.fields {
                    Fields::Named(named) => named
                        .named
                        .iter()
                        .map(|f| {
                            let mut f = f.clone();
                            without_docs(&mut f.attrs);
                            (
                                f.ident.as_ref().map(ToString::to_string).unwrap_or_default(),
                                f.to_token_stream().to_string(),
                            )
                        })
                        .collect(),
                    _ => BTreeMap::new(),
                }
            };
            let (before, after) = (fields(a), fields(b));
            let removed_or_changed = before.iter().any(|(field, code)| after.get(field) != Some(code));
            let class = if removed_or_changed {
                ChangeClass::Breaking
            } else {
                // Only new fields: additive for a model read from responses.
                ChangeClass::Additive
            };
            out.push(drift(
                class,
                name,
                if removed_or_changed {
                    "fields removed or changed"
                } else {
                    "fields added"
                },
            ));
        }
        (Item::Enum(a), Item::Enum(b)) => {
            let variants = |e: &syn::ItemEnum| -> Vec<String> {
                e.variants
                    .iter()
                    .map(|v| {
                        let mut v = v.clone();
                        without_docs(&mut v.attrs);
                        v.to_token_stream().to_string()
                    })
                    .collect()
            };
            let (before, after) = (variants(a), variants(b));
            let only_added = before.iter().all(|v| after.contains(v));
            let non_exhaustive = b.attrs.iter().any(|a| a.path().is_ident("non_exhaustive"));
            let class = if only_added && non_exhaustive {
                ChangeClass::Additive
            } else {
                ChangeClass::Breaking
            };
            out.push(drift(
                class,
                name,
                if only_added {
                    "variants added"
                } else {
                    "variants removed or changed"
                },
            ));
        }
        _ => out.push(drift(ChangeClass::Breaking, name, "changed")),
    }
}

/// A 64-bit FNV-1a hash of `text`, as the manifest records it: enough to tell a file from an
/// edited copy (not a security measure).
pub(crate) fn fingerprint(text: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.as_bytes() {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("fnv1a64:{hash:016x}")
}

/// The first line (1-based) where `a` and `b` differ.
pub(crate) fn first_difference(a: &str, b: &str) -> usize {
    a.lines()
        .zip(b.lines())
        .position(|(x, y)| x != y)
        .unwrap_or_else(|| a.lines().count().min(b.lines().count()))
        + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    const OLD: &str = "/// A.\npub struct A { /// x.\npub x: i64 }\n#[non_exhaustive]\npub enum E { X, Unrecognized(String) }\n";

    #[test]
    fn classes_follow_the_items() {
        let docs = OLD.replace("/// A.", "/// A, better.");
        assert_eq!(classify(OLD, &docs).unwrap()[0].class, ChangeClass::Docs);
        let field = OLD.replace("pub x: i64 }", "pub x: i64, pub y: bool }");
        assert_eq!(classify(OLD, &field).unwrap()[0].class, ChangeClass::Additive);
        let retyped = OLD.replace("pub x: i64", "pub x: String");
        assert_eq!(classify(OLD, &retyped).unwrap()[0].class, ChangeClass::Breaking);
        let variant = OLD.replace("X, Unrecognized", "X, Y, Unrecognized");
        assert_eq!(classify(OLD, &variant).unwrap()[0].class, ChangeClass::Additive);
        let gone = OLD.replace("#[non_exhaustive]\npub enum E { X, Unrecognized(String) }\n", "");
        assert_eq!(classify(OLD, &gone).unwrap()[0].class, ChangeClass::Breaking);
        assert!(classify(OLD, OLD).unwrap().is_empty());
        assert_eq!(first_difference("a\nb\nc", "a\nB\nc"), 2);
    }
}
