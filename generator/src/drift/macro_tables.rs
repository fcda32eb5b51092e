//! The tables `stripe_runtime` macro calls list (`open_enum!(Name, Fallback { Open = "open", … })`,
//! `deserialize_struct!(Name, …, optional { city, type_ = "type" })`): each member's Rust name
//! and wire name, read from the call's braced lists, so `check` compares them as `diff`
//! compares the IR's fields and values: as a table, not as a token sequence.

use std::collections::BTreeMap;

use proc_macro2::{Delimiter, TokenStream, TokenTree};
use syn::Item;

/// What a macro call lists.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct MacroTable {
    /// The tokens outside its braced lists (`Name, Fallback`).
    head: String,
    /// Rust name -> wire name, a bare name being its own.
    pub wires: BTreeMap<String, String>,
}

/// The table of a macro call; `None` for any other item.
pub(super) fn macro_table(item: &Item) -> Option<MacroTable> {
    let Item::Macro(call) = item else { return None };
    let mut table = MacroTable {
        head: String::new(),
        wires: BTreeMap::new(),
    };
    for token in call.mac.tokens.clone() {
        match token {
            TokenTree::Group(group) if group.delimiter() == Delimiter::Brace => {
                read_entries(group.stream(), &mut table.wires)
            }
            other => table.head.push_str(&format!("{other} ")),
        }
    }
    Some(table)
}

/// Whether both are `open_enum!` calls listing the same `Variant = "wire"` pairs, maybe in
/// another order: the macro maps each wire string to its own variant, and the enum derives no
/// ordering, so the order of the values is not something code can see.
pub(super) fn same_open_enum_table(before: &Item, after: &Item) -> bool {
    let is_open_enum = |item: &Item| {
        matches!(item, Item::Macro(call)
            if call.mac.path.segments.last().is_some_and(|s| s.ident == "open_enum"))
    };
    is_open_enum(before) && is_open_enum(after) && macro_table(before) == macro_table(after)
}

/// The `name` and `name = "wire"` entries of one braced, comma-separated list.
fn read_entries(list: TokenStream, wires: &mut BTreeMap<String, String>) {
    let mut entry: Vec<TokenTree> = Vec::new();
    let mut flush = |entry: &mut Vec<TokenTree>| {
        match entry.as_slice() {
            [TokenTree::Ident(name)] => {
                wires.insert(name.to_string(), name.to_string());
            }
            [TokenTree::Ident(name), TokenTree::Punct(eq), TokenTree::Literal(wire)]
                if eq.as_char() == '=' =>
            {
                if let Ok(wire) = syn::parse_str::<syn::LitStr>(&wire.to_string()) {
                    wires.insert(name.to_string(), wire.value());
                }
            }
            _ => {}
        }
        entry.clear();
    };
    for token in list {
        match token {
            TokenTree::Punct(p) if p.as_char() == ',' => flush(&mut entry),
            other => entry.push(other),
        }
    }
    flush(&mut entry);
}
