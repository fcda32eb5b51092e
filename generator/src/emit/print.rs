//! Syntax to text: a part of a file is printed with `prettyplease`, and the `@generated` header
//! goes on top of the joined parts. No inner attributes, so the same bytes work as a module and
//! as an `include!`.

use super::Header;
use crate::ir::Ir;
use crate::output::GENERATED_MARKER;

/// Prints `items`, the next part of a file, as text without the header.
///
/// The trees are moved into the file printed, not copied. `prettyplease` prints a file's items
/// one after another with nothing between them, so the parts of a file printed separately and
/// joined are the file printed whole (`render`'s tests check it).
pub(crate) fn print_part(items: Vec<syn::Item>, times: &mut crate::timing::StageTimes) -> String {
    let started = std::time::Instant::now();
    let text = prettyplease::unparse(&syn::File {
        shebang: None,
        attrs: Vec::new(),
        items,
    });
    times.print += started.elapsed();
    text
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
