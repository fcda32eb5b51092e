//! The `use` items at the top of a file: the names of [`Ir::imported`], by absolute path, one
//! item per crate. A file may not need every name (a spec without maps has no `BTreeMap`), so
//! unused ones are allowed.

use std::collections::BTreeMap;

use quote::quote;

use super::syntax::list_attr;
use super::syntax_decl::{use_group, use_item, use_tree};
use crate::ir::{Ir, IMPORTABLE};

/// One `#[allow(unused_imports)] use ::krate::…;` per crate, crates and paths in text order.
pub(crate) fn imports(ir: &Ir) -> Vec<syn::Item> {
    let mut by_crate: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (name, path) in IMPORTABLE.iter().filter(|(name, _)| ir.imported.contains(name)) {
        let path = path.trim_start_matches("::");
        let (krate, rest) = path
            .split_once("::")
            .expect("an importable's path names its crate");
        by_crate.entry(krate).or_default().push(rest);
        debug_assert!(path.ends_with(name));
    }
    by_crate
        .into_iter()
        .map(|(krate, mut paths)| {
            paths.sort_unstable();
            let tree = match paths.as_slice() {
                [one] => use_tree(one),
                _ => use_group(paths.iter().map(|path| use_tree(path)).collect()),
            };
            let allow = list_attr("allow", quote! { unused_imports });
            use_item(vec![allow], syn::Visibility::Inherited, krate, tree)
        })
        .collect()
}
