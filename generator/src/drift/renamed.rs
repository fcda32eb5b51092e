//! An old item read with its renamed types' names replaced by the new ones, so what refers to
//! a renamed type compares equal to what refers to it under its new name. Only the places that
//! name a type (or a static named like one) are rewritten: an item's own name, the type segment
//! of a path, the owner a `stripe_runtime` macro is called for, a type named in code in a doc
//! comment. A variant, field or method that happens to share a renamed type's name keeps its
//! own: the `Gadget` variant of a union keeps its name when the type `Gadget` becomes `Widget`,
//! as it does in the old crate users compiled against.

use std::borrow::Cow;

use proc_macro2::{Ident, TokenStream, TokenTree};
use quote::ToTokens;
use syn::visit_mut::{self, VisitMut};
use syn::Item;

use crate::change::{with_new_names, Renames};

/// `item` with every renamed type's name replaced by its new one.
pub(super) fn renamed(mut item: Item, renames: &Renames) -> Item {
    Renamer { renames }.visit_item_mut(&mut item);
    item
}

struct Renamer<'a> {
    renames: &'a Renames,
}

impl Renamer<'_> {
    fn rename(&self, ident: &mut Ident) {
        if let Some(to) = self.renames.get(&ident.to_string()) {
            *ident = Ident::new(to, ident.span());
        }
    }

    /// A macro call's tokens: the items inside `requests_only! { … }` as items, else the first
    /// name, the type the call is for (`open_enum!(Name, …)`, `serialize_struct!(Name { … })`);
    /// what follows names fields and variants.
    fn macro_tokens(&mut self, tokens: &TokenStream) -> TokenStream {
        if let Ok(file) = syn::parse2::<syn::File>(tokens.clone()) {
            if !file.items.is_empty() {
                let mut items = file.items;
                items.iter_mut().for_each(|item| self.visit_item_mut(item));
                return items.iter().map(ToTokens::to_token_stream).collect();
            }
        }
        let mut first = true;
        tokens
            .clone()
            .into_iter()
            .map(|tree| match tree {
                TokenTree::Ident(mut ident) if first => {
                    first = false;
                    self.rename(&mut ident);
                    TokenTree::Ident(ident)
                }
                other => other,
            })
            .collect()
    }
}

impl VisitMut for Renamer<'_> {
    fn visit_attribute_mut(&mut self, attr: &mut syn::Attribute) {
        // A doc comment that names a renamed type in code (`` `SharedOptions` ``, the validation
        // table's rows) names the new one, so the rename is not also a docs change.
        if let syn::Meta::NameValue(doc) = &mut attr.meta {
            if let syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(text),
                ..
            }) = &mut doc.value
            {
                if doc.path.is_ident("doc") {
                    let value = text.value();
                    if let Cow::Owned(renamed) = with_new_names(&value, self.renames) {
                        *text = syn::LitStr::new(&renamed, text.span());
                    }
                }
            }
        }
        visit_mut::visit_attribute_mut(self, attr);
    }

    fn visit_item_struct_mut(&mut self, item: &mut syn::ItemStruct) {
        self.rename(&mut item.ident);
        visit_mut::visit_item_struct_mut(self, item);
    }

    fn visit_item_enum_mut(&mut self, item: &mut syn::ItemEnum) {
        self.rename(&mut item.ident);
        visit_mut::visit_item_enum_mut(self, item);
    }

    fn visit_item_type_mut(&mut self, item: &mut syn::ItemType) {
        self.rename(&mut item.ident);
        visit_mut::visit_item_type_mut(self, item);
    }

    fn visit_item_static_mut(&mut self, item: &mut syn::ItemStatic) {
        // The validation table's `Shape` statics are named like their types.
        self.rename(&mut item.ident);
        visit_mut::visit_item_static_mut(self, item);
    }

    fn visit_path_mut(&mut self, path: &mut syn::Path) {
        // The type is the path's first segment in UpperCamelCase, past the modules
        // (`crate::types::Thing`): in `Self::Gadget` or `ThingTarget::Gadget` the later segment
        // is a variant. A path from `::` names another crate's item.
        if path.leading_colon.is_none() {
            let type_segment = path
                .segments
                .iter_mut()
                .find(|s| s.ident.to_string().starts_with(|c: char| c.is_ascii_uppercase()));
            if let Some(segment) = type_segment {
                self.rename(&mut segment.ident);
            }
        }
        visit_mut::visit_path_mut(self, path);
    }

    fn visit_macro_mut(&mut self, call: &mut syn::Macro) {
        call.tokens = self.macro_tokens(&call.tokens);
        visit_mut::visit_macro_mut(self, call);
    }
}
