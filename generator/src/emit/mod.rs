//! IR to source files: `src/types.rs` (models read from responses, and the pinned API version),
//! `src/requests.rs` (request builders and their parameter types) and `src/validation.rs` (the
//! parameter rules of every operation, as data, for a server implementing the API). Every item is
//! built as a `syn` tree (`syntax`, `syntax_decl`, `syntax_expr`) from what the IR says, each file
//! is printed with `prettyplease` and prefixed with a `@generated` header. The file set is fixed,
//! so a hand-written `lib.rs` can declare it.

mod builders;
mod encode_impl;
mod enums;
mod events;
mod ids;
mod imports;
mod object_impl;
mod print;
mod render;
mod serde_impls;
mod setters;
mod structs;
mod syntax;
mod syntax_decl;
mod syntax_expr;
mod type_expr;
mod union_decode;
mod unions;
mod validation;

use std::collections::BTreeMap;

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

/// Emits every file.
///
/// The files' items are built and printed in chunks on every core (`render`); the chunks
/// are cut at item boundaries and printed text is joined in item order, so the bytes do not depend
/// on how many cores there are.
pub fn emit(ir: &Ir, header: &Header, times: &mut crate::timing::StageTimes) -> BTreeMap<String, String> {
    let names = [TYPES_FILE, REQUESTS_FILE, VALIDATION_FILE];
    let files = [
        sources(ir, OutputFile::Types),
        sources(ir, OutputFile::Requests),
        validation_sources(ir),
    ];
    let bodies = render::render_all(&files, ir, render::workers(), times);
    names
        .into_iter()
        .zip(bodies)
        .map(|(file, body)| (file.to_owned(), print::with_header(&body, ir, header)))
        .collect()
}

/// Where one top-level item comes from in the IR. Cheap to hold and `Sync`, unlike the syntax
/// trees built from it, so the list can be shared between threads.
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

/// Builds the syntax trees of one item.
pub(crate) fn item(source: Source<'_>, ir: &Ir) -> Vec<syn::Item> {
    match source {
        Source::Imports => imports::imports(ir),
        Source::ApiVersion => {
            let version = &ir.api_version;
            let doc = syntax::doc_attrs(&format!(
                "The Stripe API version this crate was generated for, sent as `Stripe-Version`: `{}`.",
                crate::docs::visible(version)
            ));
            vec![syntax_decl::str_const_item(doc, "API_VERSION", version)]
        }
        Source::Type(def) => match &def.kind {
            TypeKind::Struct(s) => structs::struct_item(def, s, ir),
            TypeKind::Enum(e) => enums::enum_item(def, e, ir),
            TypeKind::Id => ids::id_item(def, ir),
            TypeKind::EventPayload(e) => events::payload_item(def, e, ir),
            TypeKind::Alias(ty) => structs::alias_item(def, ty, ir),
            TypeKind::Union(u) => unions::union_item(def, u, ir),
        },
        Source::Operation(operation) => builders::builder_item(operation, ir),
        Source::OperationRules => validation::operations_item(ir),
        Source::Shape(def) => vec![validation::shape_item(def, ir)],
    }
}
