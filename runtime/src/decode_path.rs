//! Decode errors safe to print. A path (with `serde_path_to_error`, in builds with the `client` or
//! `webhook` feature) is body text: besides field names it holds map keys
//! (`metadata.<key>`), which a sender controls and which may be anything, a secret included.
//! Segments that read like field names (lowercase words and digits joined by `_`, as all of
//! Stripe's are) are kept; any other segment is shown as `<key>`. serde's messages quote the value
//! they could not use (`invalid type: string "sk_live_…", expected i64`); that value is body text
//! too, so only the shape of the complaint and the expectation (from our types) are kept.

#[cfg(any(feature = "client", feature = "webhook"))]
use serde_path_to_error::{Path, Segment};

/// The longest segment shown as it is; longer ones are keys, not field names.
#[cfg(any(feature = "client", feature = "webhook"))]
const MAX_FIELD_NAME: usize = 40;

/// `path` with every segment that is not field-like replaced by `<key>`.
#[cfg(any(feature = "client", feature = "webhook"))]
pub fn printable_path(path: &Path) -> String {
    let mut out = String::new();
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => out.push_str(&format!("[{index}]")),
            Segment::Map { key } => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(if is_field_like(key) { key } else { "<key>" });
            }
            Segment::Enum { variant } => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(if is_field_like(variant) { variant } else { "<key>" });
            }
            Segment::Unknown => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push('?');
            }
        }
    }
    if out.is_empty() {
        out.push('.');
    }
    out
}

#[cfg(any(feature = "client", feature = "webhook"))]
fn is_field_like(name: &str) -> bool {
    name.len() <= MAX_FIELD_NAME
        && name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// A serde_json error message without the value it quotes and without serde_json's
/// `at line L column C` (the path says where).
///
/// Everything before `, expected ` describes what was found and loses its quoted (`"…"`) and
/// backticked (`` `…` ``) parts; what follows comes from the type being decoded and stays.
/// `missing field `x`` names a field of our type, not of the body, and stays whole.
pub fn without_values(message: &str) -> String {
    let message = message.split(" at line ").next().unwrap_or_default();
    if message.starts_with("missing field ") {
        return message.to_owned();
    }
    match message.split_once(", expected ") {
        Some((found, expected)) => format!("{}, expected {expected}", strip_quoted(found)),
        None => strip_quoted(message),
    }
}

/// Drops every `"…"` (with its escapes) and `` `…` `` span, and the space before it.
fn strip_quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                let mut escaped = false;
                for c in chars.by_ref() {
                    match c {
                        '\\' if !escaped => escaped = true,
                        '"' if !escaped => break,
                        _ => escaped = false,
                    }
                }
                trim_space(&mut out);
            }
            '`' => {
                chars.by_ref().find(|&c| c == '`');
                trim_space(&mut out);
            }
            c => out.push(c),
        }
    }
    out
}

fn trim_space(out: &mut String) {
    if out.ends_with(' ') {
        out.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(any(feature = "client", feature = "webhook"))]
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)] // Read only for the error it gives.
    struct Thing {
        metadata: std::collections::BTreeMap<String, String>,
        items: Vec<Inner>,
    }

    #[cfg(any(feature = "client", feature = "webhook"))]
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Inner {
        day: i64,
    }

    #[cfg(any(feature = "client", feature = "webhook"))]
    fn path_of(json: &str) -> String {
        let mut deserializer = serde_json::Deserializer::from_str(json);
        let error = serde_path_to_error::deserialize::<_, Thing>(&mut deserializer).unwrap_err();
        printable_path(error.path())
    }

    #[cfg(any(feature = "client", feature = "webhook"))]
    #[test]
    fn field_names_are_kept_and_keys_hidden() {
        assert_eq!(
            path_of(r#"{"metadata":{},"items":[{"day":"x"}]}"#),
            "items[0].day"
        );
        assert_eq!(
            path_of(r#"{"metadata":{"sk_live_SECRET":1},"items":[]}"#),
            "metadata.<key>"
        );
        assert_eq!(path_of(r#"{"metadata":{"a b":1},"items":[]}"#), "metadata.<key>");
    }

    #[test]
    fn values_go_and_expectations_stay() {
        let cases = [
            (
                r#"invalid type: string "sk_live_1", expected i64 at line 1 column 20"#,
                "invalid type: string, expected i64",
            ),
            (
                r#"invalid type: string "a \"quoted\" sk_live_1", expected i64"#,
                "invalid type: string, expected i64",
            ),
            (
                "invalid type: integer `4242`, expected a string",
                "invalid type: integer, expected a string",
            ),
            (
                "unknown variant `sk_live_1`, expected one of `a`, `b`",
                "unknown variant, expected one of `a`, `b`",
            ),
            ("unknown field `sk_live_1`", "unknown field"),
            ("missing field `type`", "missing field `type`"),
            ("expected value at line 1 column 1", "expected value"),
            (
                "invalid type: map, expected a string",
                "invalid type: map, expected a string",
            ),
        ];
        for (message, expected) in cases {
            assert_eq!(without_values(message), expected, "{message}");
        }
    }
}
