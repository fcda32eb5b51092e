//! IR to source files: `src/types.rs` (models read from responses, and the pinned API version) and
//! `src/requests.rs` (request builders and their parameter types). Items are built with `quote!`,
//! checked with `syn`, printed with `prettyplease`, and prefixed with a `@generated` header. The
//! file set is fixed, so a hand-written `lib.rs` can declare it.

mod builders;
mod docs_attr;
mod encode_impl;
mod enums;
mod events;
mod ids;
mod print;
mod setters;
mod structs;
mod type_expr;
mod unions;

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::quote;

use crate::diagnostic::Diagnostic;
use crate::ir::{Ir, OutputFile, TypeKind};

pub use print::GENERATED_MARKER;

/// The models file, relative to the output crate.
pub const TYPES_FILE: &str = "src/types.rs";
/// The request builders file, relative to the output crate.
pub const REQUESTS_FILE: &str = "src/requests.rs";

/// What goes in each file's header.
#[derive(Clone, Debug)]
pub struct Header {
    /// The spec as the user should read it in the header (a repo-relative path).
    pub spec_display: String,
    /// The command that regenerates the files.
    pub regenerate_command: String,
}

/// One top-level item, named (with the spec node it came from) for error messages.
pub(crate) struct Item {
    pub name: String,
    pub pointer: String,
    pub tokens: TokenStream,
}

/// Emits every file; a failure here is a generator bug, reported as an internal error.
pub fn emit(
    ir: &Ir,
    header: &Header,
    times: &mut crate::StageTimes,
) -> Result<BTreeMap<String, String>, Vec<Diagnostic>> {
    let mut files = BTreeMap::new();
    let mut problems = Vec::new();
    for (file, output_file) in [
        (TYPES_FILE, OutputFile::Types),
        (REQUESTS_FILE, OutputFile::Requests),
    ] {
        let started = std::time::Instant::now();
        let items = file_items(ir, output_file);
        times.tokens += started.elapsed();
        match print::render(file, items, ir, header, times) {
            Ok(text) => {
                files.insert(file.to_owned(), text);
            }
            Err(mut errors) => problems.append(&mut errors),
        }
    }
    if problems.is_empty() {
        Ok(files)
    } else {
        Err(problems)
    }
}

fn file_items(ir: &Ir, file: OutputFile) -> Vec<Item> {
    let mut items = Vec::new();
    if file == OutputFile::Types {
        let version = &ir.api_version;
        let doc = docs_attr::doc_attrs(&format!(
            "The Stripe API version this crate was generated for, sent as `Stripe-Version`: `{}`.",
            crate::docs::visible(version)
        ));
        items.push(Item {
            name: "API_VERSION".to_owned(),
            pointer: "#/info/version".to_owned(),
            tokens: quote! { #doc pub const API_VERSION: &str = #version; },
        });
    }
    for def in ir.types.values().filter(|def| def.file == file) {
        let tokens = match &def.kind {
            TypeKind::Struct(s) => structs::struct_item(def, s, ir),
            TypeKind::Enum(e) => enums::enum_item(def, e),
            TypeKind::Id => ids::id_item(def),
            TypeKind::EventPayload(e) => events::payload_item(def, e, ir),
            TypeKind::Alias(ty) => structs::alias_item(def, ty, ir),
            TypeKind::Union(u) => unions::union_item(def, u, ir),
        };
        items.push(Item {
            name: def.name.clone(),
            pointer: def.pointer.clone(),
            tokens,
        });
    }
    if file == OutputFile::Requests {
        for operation in ir.operations.values() {
            let tokens = builders::builder_item(operation, ir);
            items.push(Item {
                name: operation.name.clone(),
                pointer: operation.pointer.clone(),
                tokens,
            });
        }
    }
    items
}
