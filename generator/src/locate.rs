//! Finds where a JSON pointer's node sits in the YAML source, so errors found after parsing (a
//! dangling `$ref`, an unsupported `anyOf`) still carry a line and column. `serde_yaml` keeps no
//! positions once a document is parsed, so this reads the block structure of the text itself:
//! indentation nests mappings, `- ` starts a sequence item. Inside flow collections (`{…}`, `[…]`)
//! it stops and answers with the nearest enclosing block node, which is still the right line.

/// One significant line, with `- ` prefixes split off into their own item markers, so that
/// nesting is read from indentation alone.
struct Entry {
    line: usize,
    indent: usize,
    /// `None` for a sequence item marker, else the mapping key (unquoted), if the line has one.
    key: Option<Option<String>>,
}

fn entries(text: &str) -> Vec<Entry> {
    let mut out = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let content = raw.trim_start_matches(' ');
        if content.is_empty() || content.starts_with('#') || content == "---" {
            continue;
        }
        let mut indent = raw.len() - content.len();
        let mut rest = content;
        while rest == "-" || rest.starts_with("- ") {
            out.push(Entry {
                line: index + 1,
                indent,
                key: None,
            });
            let after = rest[1..].trim_start_matches(' ');
            indent += rest.len() - after.len();
            rest = after;
            if rest.is_empty() {
                break;
            }
        }
        if !rest.is_empty() {
            out.push(Entry {
                line: index + 1,
                indent,
                key: Some(mapping_key(rest)),
            });
        }
    }
    out
}

/// The key of a `key: value` or `key:` line, unquoted.
fn mapping_key(content: &str) -> Option<String> {
    for quote in ['"', '\''] {
        if let Some(rest) = content.strip_prefix(quote) {
            let end = rest.find(quote)?;
            let after = &rest[end + 1..];
            return (after.starts_with(':')).then(|| rest[..end].to_owned());
        }
    }
    if content.starts_with(['{', '[']) {
        return None;
    }
    let end = content
        .find(": ")
        .or_else(|| content.strip_suffix(':').map(str::len))?;
    Some(content[..end].trim_end().to_owned())
}

fn unescape(segment: &str) -> String {
    segment.replace("~1", "/").replace("~0", "~")
}

/// Finds nodes in one spec text. The text's lines are read once, when the first pointer is
/// looked up, however many diagnostics need a position.
pub struct Locator<'a> {
    text: &'a str,
    is_json: bool,
    entries: std::cell::OnceCell<Vec<Entry>>,
}

impl<'a> Locator<'a> {
    /// A locator over `text`; nothing is read yet.
    pub fn new(text: &'a str) -> Self {
        Self {
            text,
            is_json: text.trim_start().starts_with('{'),
            entries: std::cell::OnceCell::new(),
        }
    }

    /// The 1-based line and column of the node at `pointer` (`#/paths/~1v1~1x/get`), or of its
    /// nearest ancestor written in block style; `None` for the document root. A JSON document
    /// (one that opens with `{`) is read by [`crate::locate_json`] instead.
    pub fn locate(&self, pointer: &str) -> Option<(usize, usize)> {
        if self.is_json {
            if let Some(found) = crate::locate_json::locate_json(self.text, pointer) {
                return Some(found);
            }
        }
        locate_in(self.entries.get_or_init(|| entries(self.text)), pointer)
    }
}

/// [`Locator::locate`] for a single lookup.
#[cfg(test)]
pub fn locate(text: &str, pointer: &str) -> Option<(usize, usize)> {
    Locator::new(text).locate(pointer)
}

fn locate_in(entries: &[Entry], pointer: &str) -> Option<(usize, usize)> {
    let segments: Vec<String> = pointer
        .trim_start_matches('#')
        .split('/')
        .skip(1)
        .map(unescape)
        .collect();
    let mut found: Option<usize> = None; // index into `entries` of the current node
    for segment in &segments {
        let (start, parent) = match found {
            None => (0, None),
            Some(i) => (i + 1, Some((entries[i].indent, entries[i].key.is_some()))),
        };
        // The node's children: following entries indented deeper, at the first child's indent. A
        // mapping key's sequence may sit at the key's own indent (`key:` then `- item`).
        let inside = |entry: &Entry| match parent {
            None => true,
            Some((indent, is_key)) => {
                entry.indent > indent || (is_key && entry.indent == indent && entry.key.is_none())
            }
        };
        let children: Vec<usize> = {
            let mut children = Vec::new();
            let mut child_indent = None;
            for (i, entry) in entries.iter().enumerate().skip(start) {
                if !inside(entry) {
                    break;
                }
                let level = *child_indent.get_or_insert(entry.indent);
                if entry.indent < level {
                    break;
                }
                if entry.indent == level {
                    children.push(i);
                }
            }
            children
        };
        let next = match segment.parse::<usize>() {
            Ok(n) if children.first().is_some_and(|&i| entries[i].key.is_none()) => children.get(n).copied(),
            _ => children
                .into_iter()
                .find(|&i| entries[i].key.as_ref().and_then(Option::as_deref) == Some(segment)),
        };
        match next {
            Some(i) => found = Some(i),
            None => break,
        }
    }
    found.map(|i| (entries[i].line, entries[i].indent + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "openapi: 3.0.0
paths:
  /v1/a/{id}:
    get:
      parameters:
      - name: id
        in: path
      - name: expand
        schema: {type: array}
components:
  schemas:
    \"quoted.key\":
      properties:
        type:
          anyOf:
            - $ref: '#/x'
            - type: string
";

    #[test]
    fn finds_mapping_keys_sequence_items_and_quoted_keys() {
        assert_eq!(locate(DOC, "#/paths/~1v1~1a~1{id}/get"), Some((4, 5)));
        assert_eq!(
            locate(DOC, "#/paths/~1v1~1a~1{id}/get/parameters/1"),
            Some((8, 7))
        );
        assert_eq!(
            locate(DOC, "#/paths/~1v1~1a~1{id}/get/parameters/1/name"),
            Some((8, 9))
        );
        assert_eq!(
            locate(DOC, "#/components/schemas/quoted.key/properties/type/anyOf/1"),
            Some((17, 13))
        );
    }

    #[test]
    fn falls_back_to_the_nearest_block_ancestor() {
        // Inside a flow mapping: the `schema:` line.
        assert_eq!(
            locate(DOC, "#/paths/~1v1~1a~1{id}/get/parameters/1/schema/type"),
            Some((9, 9))
        );
        // A key that does not exist: its parent.
        assert_eq!(locate(DOC, "#/components/schemas/missing"), Some((11, 3)));
        assert_eq!(locate(DOC, "#"), None);
    }
}
