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

/// Serde messages without the values they quote: shared with webhook event decoding, so it lives
/// outside the client.
pub(crate) use crate::decode_path::without_values;

#[cfg(test)]
mod tests {
    use super::*;

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
