//! Two versions of one owner, compared as `diff` compares the IR: its definition (fields,
//! variants, type, value), its methods and what is derived from it, each difference named in
//! the shared vocabulary and classed by the shared rules.

use std::collections::BTreeMap;

use syn::{Field, Fields, ImplItemFn, Item, ItemEnum, ItemStruct, Variant};

use super::items::{code_of, code_without_docs, has_attribute, text, Derived, Owner};
use super::macro_tables::{macro_table, same_open_enum_table};
use crate::change::{moved_aside, pair_up, Change, Difference, Pairing, Renames};

/// The changes from `before` to `after`, reported under the new owner's name.
pub(super) fn compare_owner(before: &Owner, after: &Owner, out: &mut Vec<Change>) {
    let name = after.name.as_str();
    match (&before.definition, &after.definition) {
        (Some(a), Some(b)) => compare_definition(name, a, b, after, out),
        (Some(_), None) => out.push(Change::of(Difference::Removed, name, "removed")),
        (None, Some(_)) => out.push(Change::of(Difference::Added, name, "added")),
        (None, None) => {}
    }
    compare_methods(name, &before.methods, &after.methods, out);
    compare_derived(name, &before.derived, &after.derived, out);
}

fn compare_definition(name: &str, before: &Item, after: &Item, owner: &Owner, out: &mut Vec<Change>) {
    if text(before) == text(after) {
        return;
    }
    let code_changed = code_of(before) != code_of(after);
    match (before, after) {
        (Item::Struct(a), Item::Struct(b)) if same_declaration(a, b) => {
            // A field of a struct users build with `new` must be passed to it unless optional.
            let constructed = owner.methods.contains_key("new");
            compare_fields(
                name,
                &named_fields(&a.fields),
                &named_fields(&b.fields),
                constructed,
                out,
            );
        }
        (Item::Enum(a), Item::Enum(b)) if same_enum_declaration(a, b) => {
            compare_variants(name, a, b, out);
        }
        (Item::Const(a), Item::Const(b)) if code_changed && text(&a.ty) == text(&b.ty) => {
            out.push(Change::of(Difference::ValueChanged, name, "its value changes"));
        }
        (Item::Static(a), Item::Static(b)) if code_changed && text(&a.ty) == text(&b.ty) => {
            out.push(Change::of(
                Difference::BehaviourChanged,
                name,
                "its contents change",
            ));
        }
        (Item::Type(_), Item::Type(_)) if code_changed => {
            out.push(Change::of(Difference::Retyped, name, "it aliases another type"));
        }
        _ if code_changed => out.push(Change::of(
            Difference::KindChanged,
            name,
            "its declaration changes",
        )),
        _ => {}
    }
    if docs_of(before) != docs_of(after) {
        out.push(Change::of(Difference::DocsChanged, name, "docs changed"));
    }
}

/// The item's own doc comments (not its members').
fn docs_of(item: &Item) -> String {
    let attrs = match item {
        Item::Struct(s) => &s.attrs,
        Item::Enum(e) => &e.attrs,
        Item::Type(t) => &t.attrs,
        Item::Const(c) => &c.attrs,
        Item::Static(s) => &s.attrs,
        _ => return String::new(),
    };
    attrs
        .iter()
        .filter(|attr| attr.path().is_ident("doc"))
        .map(text)
        .collect()
}

/// Same attributes (docs aside), generics and field style: only the fields differ.
fn same_declaration(a: &ItemStruct, b: &ItemStruct) -> bool {
    let head = |s: &ItemStruct| {
        let mut s = s.clone();
        s.fields = Fields::Unit;
        code_of(&Item::Struct(s))
    };
    head(a) == head(b) && matches!((&a.fields, &b.fields), (Fields::Named(_), Fields::Named(_)))
}

fn same_enum_declaration(a: &ItemEnum, b: &ItemEnum) -> bool {
    let head = |e: &ItemEnum| {
        let mut e = e.clone();
        e.variants.clear();
        code_of(&Item::Enum(e))
    };
    head(a) == head(b)
}

fn named_fields(fields: &Fields) -> BTreeMap<String, Field> {
    fields
        .iter()
        .filter_map(|f| Some((f.ident.as_ref()?.to_string(), f.clone())))
        .collect()
}

/// Whether a field's type is `Option<…>`, however the path to it is spelled.
fn is_option(field: &Field) -> bool {
    matches!(&field.ty, syn::Type::Path(path) if path.path.segments.last().is_some_and(|s| s.ident == "Option"))
}

fn compare_fields(
    owner: &str,
    before: &BTreeMap<String, Field>,
    after: &BTreeMap<String, Field>,
    constructed: bool,
    out: &mut Vec<Change>,
) {
    let item = |field: &Field| {
        format!(
            "{owner}::{}",
            field.ident.as_ref().map(ToString::to_string).unwrap_or_default()
        )
    };
    for pairing in pair_up(before, after, &Renames::new()) {
        match pairing {
            Pairing::Removed(field) => out.push(Change::of(
                Difference::Removed,
                item(field),
                "the field is removed",
            )),
            Pairing::Added(field) if constructed && !is_option(field) => out.push(Change::of(
                Difference::AddedRequired,
                item(field),
                "a new field: `new` takes it",
            )),
            Pairing::Added(field) => out.push(Change::of(Difference::Added, item(field), "a new field")),
            Pairing::Compared(a, b) | Pairing::Renamed(a, b) => {
                let item = item(b);
                if is_option(a) != is_option(b) {
                    let reason = if is_option(b) {
                        "it becomes an `Option`"
                    } else {
                        "it stops being an `Option`"
                    };
                    out.push(Change::of(Difference::OptionalityChanged, item.clone(), reason));
                } else if text(&a.ty) != text(&b.ty) {
                    let reason = format!("its type changes from `{}` to `{}`", text(&a.ty), text(&b.ty));
                    out.push(Change::of(Difference::Retyped, item.clone(), reason));
                }
                let code = |f: &Field| code_without_docs(f, |f| &mut f.attrs);
                // Its type is judged above; what is left is its attributes (serde's).
                let mut old_with_new_type = a.clone();
                old_with_new_type.ty = b.ty.clone();
                if code(&old_with_new_type) != code(b) {
                    let reason = "its attributes change (how it is written or read)";
                    out.push(Change::of(Difference::BehaviourChanged, item.clone(), reason));
                }
                if text(a) != text(b) && code(a) == code(b) {
                    out.push(Change::of(Difference::DocsChanged, item, "docs changed"));
                }
            }
        }
    }
}

/// A variant without its docs or its fields' docs.
fn variant_code(variant: &Variant) -> String {
    let mut variant = variant.clone();
    variant.attrs.retain(|attr| !attr.path().is_ident("doc"));
    variant
        .fields
        .iter_mut()
        .for_each(|f| f.attrs.retain(|attr| !attr.path().is_ident("doc")));
    text(&variant)
}

fn compare_variants(owner: &str, before: &ItemEnum, after: &ItemEnum, out: &mut Vec<Change>) {
    let by_name = |e: &ItemEnum| -> BTreeMap<String, Variant> {
        e.variants
            .iter()
            .map(|v| (v.ident.to_string(), v.clone()))
            .collect()
    };
    // Variants with named fields route whole events (an event payload); a non-exhaustive enum
    // of values takes new ones additively; anything else is matched on exhaustively.
    let routes_events = after
        .variants
        .iter()
        .any(|v| matches!(v.fields, Fields::Named(_)));
    let open = has_attribute(&after.attrs, "non_exhaustive");
    let (old, new) = (by_name(before), by_name(after));
    let item = |v: &Variant| format!("{owner}::{}", v.ident);
    for pairing in pair_up(&old, &new, &Renames::new()) {
        match pairing {
            Pairing::Removed(v) if routes_events => out.push(Change::of(
                Difference::EventsRerouted,
                item(v),
                "its events now decode as the catch-all (the variant is removed)",
            )),
            Pairing::Removed(v) => {
                out.push(Change::of(Difference::Removed, item(v), "the variant is removed"))
            }
            Pairing::Added(v) if routes_events => out.push(Change::of(
                Difference::EventsRerouted,
                item(v),
                "events now decode typed (a new variant)",
            )),
            Pairing::Added(v) if open => out.push(Change::of(
                Difference::Added,
                item(v),
                "a new variant (the enum is non-exhaustive)",
            )),
            Pairing::Added(v) => out.push(Change::of(
                Difference::VariantsChanged,
                item(v),
                "a new variant (a match on it must change)",
            )),
            Pairing::Compared(a, b) | Pairing::Renamed(a, b) => {
                if variant_code(a) != variant_code(b) {
                    out.push(Change::of(Difference::Retyped, item(b), "the variant changes"));
                } else if text(a) != text(b) {
                    out.push(Change::of(Difference::DocsChanged, item(b), "docs changed"));
                }
            }
        }
    }
}

fn compare_methods(
    owner: &str,
    before: &BTreeMap<String, ImplItemFn>,
    after: &BTreeMap<String, ImplItemFn>,
    out: &mut Vec<Change>,
) {
    let item = |f: &ImplItemFn| format!("{owner}::{}", f.sig.ident);
    for pairing in pair_up(before, after, &Renames::new()) {
        match pairing {
            Pairing::Removed(f) => {
                out.push(Change::of(Difference::Removed, item(f), "the method is removed"))
            }
            Pairing::Added(f) => out.push(Change::of(Difference::Added, item(f), "a new method")),
            Pairing::Compared(a, b) | Pairing::Renamed(a, b) => {
                let item = item(b);
                if text(&a.sig) != text(&b.sig) {
                    if b.sig.ident == "new" {
                        out.push(Change::of(
                            Difference::ArgumentsChanged,
                            item.clone(),
                            "`new` takes other arguments",
                        ));
                    } else {
                        out.push(Change::of(
                            Difference::Retyped,
                            item.clone(),
                            "its signature changes",
                        ));
                    }
                } else if text(&a.block) != text(&b.block) {
                    out.push(Change::of(
                        Difference::BehaviourChanged,
                        item.clone(),
                        "its code changes, not its signature",
                    ));
                }
                let code = |f: &ImplItemFn| code_without_docs(f, |f| &mut f.attrs);
                if text(a) != text(b) && code(a) == code(b) {
                    out.push(Change::of(Difference::DocsChanged, item, "docs changed"));
                }
            }
        }
    }
}

fn compare_derived(
    owner: &str,
    before: &BTreeMap<String, Derived>,
    after: &BTreeMap<String, Derived>,
    out: &mut Vec<Change>,
) {
    for pairing in pair_up(before, after, &Renames::new()) {
        match pairing {
            Pairing::Removed(gone) => {
                let reason = format!("`{}` is removed", gone.key);
                out.push(Change::of(Difference::Removed, owner, reason));
            }
            Pairing::Added(new) => {
                let reason = format!("`{}` is new", new.key);
                out.push(Change::of(Difference::Added, owner, reason));
            }
            Pairing::Compared(a, b) | Pairing::Renamed(a, b) => {
                if code_of(&a.item) == code_of(&b.item) || same_open_enum_table(&a.item, &b.item) {
                    continue;
                }
                if let (Some(was), Some(now)) = (macro_table(&a.item), macro_table(&b.item)) {
                    for moved in moved_aside(&was.wires, &now.wires) {
                        out.push(Change::of(Difference::Renamed, owner, moved.member_reason()));
                    }
                }
                if associated_types(&a.item) != associated_types(&b.item) {
                    let reason = format!("`{}` names other types (another response)", b.key);
                    out.push(Change::of(Difference::Retyped, owner, reason));
                } else {
                    let reason = format!("`{}` changes (how it is written or read)", b.key);
                    out.push(Change::of(Difference::BehaviourChanged, owner, reason));
                }
            }
        }
    }
}

/// A trait impl's associated types (`type Response = …`), the part of it users' code names.
fn associated_types(item: &Item) -> Vec<String> {
    match item {
        Item::Impl(block) => block
            .items
            .iter()
            .filter_map(|member| match member {
                syn::ImplItem::Type(ty) => Some(text(ty)),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}
