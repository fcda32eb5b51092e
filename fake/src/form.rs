//! Stripe's form encoding read back: `a[b][0]=c&metadata[k]=v` becomes a tree of named
//! parameters (`Node`), as Stripe's API reads a query string or form body. Keys and values are
//! percent-decoded (`+` is a space) and must be UTF-8; a repeated key keeps its last value. A bracket segment ends at a `]` that is
//! followed by `[` or by the end of the key, so a metadata key holding brackets
//! (`metadata[[brackets]]`, as stripe-python sends it) keeps them. Rules of what may be sent are
//! not here: `validate` checks the tree against the spec's table.

use std::collections::{BTreeMap, HashMap};

/// A decoded parameter: a value, or named children (`[name]` segments; arrays are children named
/// by their index, `[0]`, `[1]`, or `[]` for "the next one").
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Node {
    /// `name=value`.
    Value(String),
    /// `name[child]=…`, in key order (array indexes are compared as numbers by `validate`).
    Children(BTreeMap<String, Node>),
}

/// Why a form could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FormError {
    /// The bytes are not UTF-8 once decoded.
    NotUtf8,
    /// A key whose brackets do not close, that is empty, or that nests deeper than any parameter.
    MalformedKey(String),
    /// `name=…` and `name[child]=…` both sent: a value and an object at once.
    Conflict(String),
}

/// Reads `input` (a query string without `?`, or a form body) into top-level parameters.
pub fn parse(input: &[u8]) -> Result<BTreeMap<String, Node>, FormError> {
    let mut root = BTreeMap::new();
    let mut next_index = NextIndex::default();
    for pair in input.split(|&byte| byte == b'&').filter(|pair| !pair.is_empty()) {
        let (key, value) = match pair.iter().position(|&byte| byte == b'=') {
            Some(at) => (&pair[..at], &pair[at + 1..]),
            None => (pair, &b""[..]),
        };
        let (key, value) = (decode(key)?, decode(value)?);
        let path = split_key(&key).ok_or_else(|| FormError::MalformedKey(key.clone()))?;
        insert(&mut root, &path, value, &key, &mut Vec::new(), &mut next_index)?;
    }
    Ok(root)
}

/// One percent-decoded key or value, `+` read as a space; bytes that are not UTF-8 are refused
/// (Stripe refuses them too) rather than replaced.
fn decode(part: &[u8]) -> Result<String, FormError> {
    let spaced: Vec<u8> = part
        .iter()
        .map(|&byte| if byte == b'+' { b' ' } else { byte })
        .collect();
    String::from_utf8(percent_encoding::percent_decode(&spaced).collect()).map_err(|_| FormError::NotUtf8)
}

/// The deepest key read (`a[b][c]…`, counting the root): far beyond any parameter of Stripe's,
/// and a bound on the recursion that reads and checks the tree, so a hostile body cannot exhaust
/// the stack.
const MAX_DEPTH: usize = 32;

/// `options[document][allowed_types][0]` -> `["options", "document", "allowed_types", "0"]`.
fn split_key(key: &str) -> Option<Vec<String>> {
    let (root, mut rest) = match key.find('[') {
        Some(start) => (&key[..start], &key[start..]),
        None => (key, ""),
    };
    if root.is_empty() {
        return None;
    }
    let mut path = vec![root.to_owned()];
    while !rest.is_empty() {
        let inner = rest.strip_prefix('[')?;
        // The segment ends at the first `]` followed by `[` or the end of the key.
        let end = inner
            .match_indices(']')
            .map(|(at, _)| at)
            .find(|&at| inner[at + 1..].is_empty() || inner[at + 1..].starts_with('['))?;
        path.push(inner[..end].to_owned());
        rest = &inner[end + 1..];
        if path.len() > MAX_DEPTH {
            return None;
        }
    }
    Some(path)
}

/// For each level (by the names leading to it), the index `name[]=…` takes next: one past the
/// highest index the level has, so an append never searches (a body of explicit indexes then
/// appends cannot make reading quadratic).
type NextIndex = HashMap<Vec<String>, usize>;

fn insert(
    level: &mut BTreeMap<String, Node>,
    path: &[String],
    value: String,
    key: &str,
    at: &mut Vec<String>,
    next_index: &mut NextIndex,
) -> Result<(), FormError> {
    let conflict = || FormError::Conflict(key.to_owned());
    let (first, rest) = path.split_first().expect("split_key gives at least the root");
    let next = next_index.entry(at.clone()).or_insert(0);
    let name = if first.is_empty() {
        let index = *next;
        *next += 1;
        index.to_string()
    } else {
        if let Ok(index) = first.parse::<usize>() {
            *next = (*next).max(index.saturating_add(1));
        }
        first.clone()
    };
    if rest.is_empty() {
        return match level.get(&name) {
            Some(Node::Children(_)) => Err(conflict()),
            // A repeated key: the last one counts, as in Rack's parser (what Stripe runs on).
            _ => {
                level.insert(name, Node::Value(value));
                Ok(())
            }
        };
    }
    at.push(name.clone());
    match level
        .entry(name)
        .or_insert_with(|| Node::Children(BTreeMap::new()))
    {
        Node::Children(children) => insert(children, rest, value, key, at, next_index),
        Node::Value(_) => Err(conflict()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(text: &str) -> Node {
        Node::Value(text.to_owned())
    }

    #[test]
    fn nests_brackets_and_decodes_escapes() {
        let tree =
            parse(b"options[document][allowed_types][0]=passport&metadata[with+space]=a+b&x=%26").unwrap();
        let Node::Children(options) = &tree["options"] else {
            panic!("{tree:?}")
        };
        let Node::Children(document) = &options["document"] else {
            panic!()
        };
        let Node::Children(types) = &document["allowed_types"] else {
            panic!()
        };
        assert_eq!(types["0"], value("passport"));
        let Node::Children(metadata) = &tree["metadata"] else {
            panic!()
        };
        assert_eq!(metadata["with space"], value("a b"));
        assert_eq!(tree["x"], value("&"));
    }

    #[test]
    fn keeps_brackets_inside_a_metadata_key() {
        let tree = parse(b"metadata[[brackets]]=[v]&metadata[a]b]=c").unwrap();
        let Node::Children(metadata) = &tree["metadata"] else {
            panic!()
        };
        assert_eq!(metadata["[brackets]"], value("[v]"));
        assert_eq!(metadata["a]b"], value("c"));
    }

    #[test]
    fn appends_empty_brackets_and_refuses_what_cannot_be_a_tree() {
        let mixed = parse(b"e[5]=x&e[]=y&e[0]=z&e[]=w").unwrap();
        let Node::Children(mixed) = &mixed["e"] else {
            panic!()
        };
        assert_eq!(mixed.keys().collect::<Vec<_>>(), ["0", "5", "6", "7"]);
        let tree = parse(b"expand[]=a&expand[]=b").unwrap();
        let Node::Children(expand) = &tree["expand"] else {
            panic!()
        };
        assert_eq!((&expand["0"], &expand["1"]), (&value("a"), &value("b")));
        assert_eq!(parse(b"a[b=1"), Err(FormError::MalformedKey("a[b".into())));
        assert_eq!(parse(b"[a]=1"), Err(FormError::MalformedKey("[a]".into())));
        assert_eq!(parse(b"a=1&a[b]=2"), Err(FormError::Conflict("a[b]".into())));
        assert_eq!(parse(b"a[b]=2&a=1"), Err(FormError::Conflict("a".into())));
        assert_eq!(parse(b"k=%FF"), Err(FormError::NotUtf8));
        assert_eq!(parse(b"k=\xff"), Err(FormError::NotUtf8));
        let deep = format!("a{}=1", "[b]".repeat(100_000));
        assert!(matches!(parse(deep.as_bytes()), Err(FormError::MalformedKey(_))));
        assert!(parse(format!("a{}=1", "[b]".repeat(MAX_DEPTH - 1)).as_bytes()).is_ok());
        assert_eq!(parse("k=\u{FFFD}".as_bytes()).unwrap()["k"], value("\u{FFFD}"));
    }
}
