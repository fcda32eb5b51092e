//! Syntax to text: the pieces of an item built as tokens are parsed with `syn` (so tokens that do
//! not parse are reported by item name, as a generator bug), a part of a file is printed with
//! `prettyplease`, and the `@generated` header goes on top of the joined parts. No inner
//! attributes, so the same bytes work as a module and as an `include!`.

use super::{Header, Item, Piece};
use crate::diagnostic::{Diagnostic, Severity};
use crate::ir::Ir;
use crate::output::GENERATED_MARKER;

/// Prints `items`, the next part of `file`, as text without the header.
///
/// Pieces built as tokens become syntax trees once (`syn`), and the part is printed once
/// (`prettyplease`); trees and tokens are moved, not copied. `prettyplease` prints a file's items
/// one after another with nothing between them, so the parts of a file printed separately and
/// joined are the file printed whole (`render`'s tests check it).
pub(crate) fn print_part(
    file: &str,
    items: Vec<Item>,
    times: &mut crate::timing::StageTimes,
) -> Result<String, Vec<Diagnostic>> {
    let started = std::time::Instant::now();
    let mut parsed = Vec::with_capacity(items.len());
    let mut problems = Vec::new();
    for item in items {
        for piece in item.pieces {
            match piece {
                Piece::Built(built) => parsed.push(built),
                Piece::Tokens(tokens) => match syn::parse2::<syn::File>(tokens) {
                    Ok(file_part) => parsed.extend(file_part.items),
                    Err(error) => {
                        problems.push(internal(file, &item.name, &item.pointer, &error.to_string()))
                    }
                },
            }
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    times.syntax += started.elapsed();
    let started = std::time::Instant::now();
    let text = prettyplease::unparse(&syn::File {
        shebang: None,
        attrs: Vec::new(),
        items: parsed,
    });
    times.print += started.elapsed();
    Ok(text)
}

/// The whole text of a file: the `@generated` header, then `body`.
pub(crate) fn with_header(body: &str, ir: &Ir, header: &Header) -> String {
    format!(
        "{GENERATED_MARKER} from {} (Stripe API {}). DO NOT EDIT.\n// Regenerate with: {}\n\n{body}",
        one_line(&header.spec_display),
        one_line(&ir.api_version),
        one_line(&header.regenerate_command)
    )
}

/// Keeps a value from ending the header comment early or reordering it (see `docs::visible`).
fn one_line(text: &str) -> String {
    crate::docs::visible(text)
}

/// A generator bug: the tokens for item `name` do not parse. Reported against the output file,
/// naming the item and the spec node it came from.
fn internal(file: &str, name: &str, pointer: &str, error: &str) -> Diagnostic {
    Diagnostic {
        severity: Severity::Internal,
        file: file.to_owned(),
        location: None,
        pointer: pointer.to_owned(),
        message: format!("the tokens generated for `{name}` do not parse: {error}"),
    }
}
