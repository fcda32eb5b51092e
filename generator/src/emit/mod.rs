//! IR to source files: `src/types.rs` (models read from responses, and the pinned API version),
//! `src/requests.rs` (request builders and their parameter types) and `src/validation.rs` (the
//! parameter rules of every operation, as data, for a server implementing the API). The items a spec has many of
//! are built as `syn` trees (`syntax`), the rest with `quote!` and parsed by `syn`; each file is
//! printed with `prettyplease` and prefixed with a `@generated` header. The file set is fixed, so
//! a hand-written `lib.rs` can declare it.

mod builders;
mod docs_attr;
mod encode_impl;
mod enums;
mod events;
mod ids;
mod print;
mod render;
mod setters;
mod structs;
mod syntax;
mod type_expr;
mod unions;
mod validation;

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::quote;

use crate::diagnostic::Diagnostic;
use crate::ir::{Ir, Operation, OutputFile, TypeDef, TypeKind};

/// The models file, relative to the output crate.
pub const TYPES_FILE: &str = "src/types.rs";
/// The request builders file, relative to the output crate.
pub const REQUESTS_FILE: &str = "src/requests.rs";
/// The validation table file, relative to the output crate.
pub const VALIDATION_FILE: &str = "src/validation.rs";

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
    pub pieces: Vec<Piece>,
}

/// Part of an item's syntax. The kinds of item a spec has many of are built as trees (`syntax`);
/// the rest is written with `quote!`, and `syn` parses those tokens once, which also checks them.
// A piece is moved once, into its file's list of items; boxing the larger variant would add an
// allocation per item for nothing.
#[allow(clippy::large_enum_variant)]
pub(crate) enum Piece {
    /// Built as a tree.
    Built(syn::Item),
    /// Tokens for `syn` to parse.
    Tokens(TokenStream),
}

impl Piece {
    /// The piece as tokens, to go inside a macro call.
    pub(crate) fn into_tokens(self) -> TokenStream {
        match self {
            Piece::Built(item) => quote::ToTokens::into_token_stream(item),
            Piece::Tokens(tokens) => tokens,
        }
    }
}

/// Emits every file; a failure here is a generator bug, reported as an internal error.
///
/// The files' items are built, checked and printed in chunks on every core (`render`); the chunks
/// are cut at item boundaries and printed text is joined in item order, so the bytes do not depend
/// on how many cores there are.
pub fn emit(
    ir: &Ir,
    header: &Header,
    times: &mut crate::timing::StageTimes,
) -> Result<BTreeMap<String, String>, Vec<Diagnostic>> {
    let files = [
        (TYPES_FILE, sources(ir, OutputFile::Types)),
        (REQUESTS_FILE, sources(ir, OutputFile::Requests)),
        (VALIDATION_FILE, validation_sources(ir)),
    ];
    let bodies = render::render_all(&files, ir, render::workers(), times)?;
    Ok(files
        .iter()
        .zip(bodies)
        .map(|((file, _), body)| ((*file).to_owned(), print::with_header(&body, ir, header)))
        .collect())
}

/// Where one top-level item comes from in the IR. Cheap to hold and `Sync`, unlike the tokens
/// built from it, so the list can be shared between threads.
#[derive(Clone, Copy)]
pub(crate) enum Source<'a> {
    /// The file's imports of standard and serde names.
    Imports,
    /// The pinned API version constant.
    ApiVersion,
    /// A named type.
    Type(&'a TypeDef),
    /// An operation's request builder.
    Operation(&'a Operation),
    /// The validation table of every operation.
    OperationRules,
    /// The validation `Shape` of a parameter type.
    Shape(&'a TypeDef),
}

/// The items of `file`, in the order they are printed.
fn sources(ir: &Ir, file: OutputFile) -> Vec<Source<'_>> {
    let mut sources = Vec::new();
    if !ir.imported.is_empty() {
        sources.push(Source::Imports);
    }
    if file == OutputFile::Types {
        sources.push(Source::ApiVersion);
    }
    sources.extend(ir.types.values().filter(|def| def.file == file).map(Source::Type));
    if file == OutputFile::Requests {
        sources.extend(ir.operations.values().map(Source::Operation));
    }
    sources
}

/// The items of the validation table: the operations, then one shape per parameter type.
fn validation_sources(ir: &Ir) -> Vec<Source<'_>> {
    let shapes = ir.types.values().filter(|def| validation::has_shape(def));
    std::iter::once(Source::OperationRules)
        .chain(shapes.map(Source::Shape))
        .collect()
}

/// Builds the tokens of one item.
pub(crate) fn item(source: Source<'_>, ir: &Ir) -> Item {
    match source {
        Source::Imports => Item {
            name: "imports".to_owned(),
            pointer: "#".to_owned(),
            pieces: vec![Piece::Tokens(type_expr::imports(ir))],
        },
        Source::ApiVersion => {
            let version = &ir.api_version;
            let doc = syntax::doc_attrs(&format!(
                "The Stripe API version this crate was generated for, sent as `Stripe-Version`: `{}`.",
                crate::docs::visible(version)
            ));
            Item {
                name: "API_VERSION".to_owned(),
                pointer: "#/info/version".to_owned(),
                pieces: vec![Piece::Tokens(
                    quote! { #(#doc)* pub const API_VERSION: &str = #version; },
                )],
            }
        }
        Source::Type(def) => {
            let pieces = match &def.kind {
                TypeKind::Struct(s) => structs::struct_item(def, s, ir),
                TypeKind::Enum(e) => enums::enum_item(def, e, ir),
                TypeKind::Id => ids::id_item(def, ir),
                TypeKind::EventPayload(e) => vec![Piece::Tokens(events::payload_item(def, e, ir))],
                TypeKind::Alias(ty) => structs::alias_item(def, ty, ir),
                TypeKind::Union(u) => unions::union_item(def, u, ir),
            };
            Item {
                name: def.name.clone(),
                pointer: def.pointer.clone(),
                pieces,
            }
        }
        Source::Operation(operation) => Item {
            name: operation.name.clone(),
            pointer: operation.pointer.clone(),
            pieces: builders::builder_item(operation, ir),
        },
        Source::OperationRules => Item {
            name: "OPERATIONS".to_owned(),
            pointer: "#/paths".to_owned(),
            pieces: vec![Piece::Tokens(validation::operations_item(ir))],
        },
        Source::Shape(def) => Item {
            name: def.name.clone(),
            pointer: def.pointer.clone(),
            pieces: vec![Piece::Tokens(validation::shape_item(def, ir))],
        },
    }
}
