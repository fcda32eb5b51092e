//! Keeping body text out of errors: the start of a body cut at a character boundary, and serde's
//! messages with the offending value taken out. serde quotes the value it could not use
//! (`invalid type: string "sk_live_…", expected i64`); that value is response text, possibly a
//! secret, so only the shape of the complaint and the expectation (which come from our types,
//! not from the body) are kept.

/// The longest prefix of `text` that is at most `max` bytes and ends on a character boundary.
pub(crate) fn body_prefix(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// `16 MiB`, `4 KiB` or `1000 bytes`, for messages about limits.
pub(crate) fn human_bytes(bytes: usize) -> String {
    const KIB: usize = 1024;
    const MIB: usize = 1024 * KIB;
    match bytes {
        0 => "0 bytes".to_owned(),
        b if b % MIB == 0 => format!("{} MiB", b / MIB),
        b if b % KIB == 0 => format!("{} KiB", b / KIB),
        b => format!("{b} bytes"),
    }
}

/// A serde_json error message without the value it quotes and without serde_json's
/// `at line L column C` (the path says where).
///
/// Everything before `, expected ` describes what was found and loses its quoted (`"…"`) and
/// backticked (`` `…` ``) parts; what follows comes from the type being decoded and stays.
/// `missing field `x`` names a field of our type, not of the body, and stays whole.
pub(crate) fn without_values(message: &str) -> String {
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

    #[test]
    fn prefixes_end_on_a_character_and_sizes_read_well() {
        assert_eq!(body_prefix("héllo", 2), "h");
        assert_eq!(body_prefix("héllo", 3), "hé");
        assert_eq!(body_prefix("hi", 10), "hi");
        assert_eq!(human_bytes(16 * 1024 * 1024), "16 MiB");
        assert_eq!(human_bytes(4096), "4 KiB");
        assert_eq!(human_bytes(1000), "1000 bytes");
    }
}
