//! Reading a `Stripe-Signature` header (`t=<unix>,v1=<hex>[,v1=<hex>…][,v0=…]`) exactly as
//! stripe-python reads it, so that every header it accepts or refuses gets the same verdict here
//! (`generated/tests/fixtures/webhook_signatures.json` holds its verdicts; a test compares):
//!
//! - parts are split on `,` and each part on `=`; the key is the text before the first `=`,
//!   compared as is (` t=…` is not `t`), and the value is the text up to the next `=`;
//! - the first `t` part gives the timestamp, read like Python's `int()`: surrounding whitespace,
//!   a sign and `_` between digits are allowed, and the signed payload uses the number, not the
//!   text (`t=+0012` signs `12.{body}`);
//! - every `v1` part is a candidate signature; parts with other keys (`v0`, unknown schemes,
//!   stray words) are ignored;
//! - a `t` or `v1` part without `=` makes the header malformed, as does a missing or
//!   non-numeric `t`.
//!
//! Python's `int()` also takes non-ASCII digits (`t=١٢٣`); those are refused here as malformed,
//! since no Stripe header carries them and HTTP stacks rarely pass them through.

use super::error::Malformed;

/// The parts of a `Stripe-Signature` header that verification uses.
#[derive(Debug, PartialEq)]
pub(super) struct SignatureHeader<'h> {
    /// The timestamp as the signed payload spells it: decimal, no sign unless negative, no
    /// leading zeros.
    pub timestamp_text: String,
    /// The timestamp's value, saturated to `i64` (only compared with "now", where a saturated
    /// far-future or far-past value gives the same answer as the exact one).
    pub timestamp: i64,
    /// The `v1` values, as written.
    pub v1: Vec<&'h str>,
}

/// Parses `header`, which is not empty (an empty header is reported as missing before this).
pub(super) fn parse(header: &str) -> Result<SignatureHeader<'_>, Malformed> {
    let mut first_timestamp = None;
    let mut v1 = Vec::new();
    for part in header.split(',') {
        let mut pieces = part.split('=');
        let key = pieces.next().unwrap_or_default();
        let value = pieces.next();
        match key {
            "t" => {
                let value = value.ok_or(Malformed::TimestampWithoutValue)?;
                first_timestamp.get_or_insert(value);
            }
            "v1" => v1.push(value.ok_or(Malformed::SignatureWithoutValue)?),
            _ => {}
        }
    }
    let text = first_timestamp.ok_or(Malformed::NoTimestamp)?;
    let (timestamp_text, timestamp) = python_int(text).ok_or(Malformed::TimestampNotAnInteger)?;
    Ok(SignatureHeader {
        timestamp_text,
        timestamp,
        v1,
    })
}

/// Reads `text` as Python's `int(text)` does for ASCII digits, returning the number's canonical
/// decimal spelling and its value saturated to `i64`; `None` where `int()` raises.
fn python_int(text: &str) -> Option<(String, i64)> {
    let text = text.trim_matches(is_python_space);
    let (negative, digits) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    // Digits, with single underscores allowed only between two digits.
    let bytes = digits.as_bytes();
    let well_formed = !bytes.is_empty()
        && bytes.iter().enumerate().all(|(i, &b)| {
            b.is_ascii_digit()
                || (b == b'_'
                    && i > 0
                    && bytes[i - 1].is_ascii_digit()
                    && bytes.get(i + 1).is_some_and(u8::is_ascii_digit))
        });
    if !well_formed {
        return None;
    }
    let plain: String = digits.chars().filter(|&c| c != '_').collect();
    let magnitude = plain.trim_start_matches('0');
    let canonical = match (magnitude.is_empty(), negative) {
        (true, _) => "0".to_owned(),
        (false, true) => format!("-{magnitude}"),
        (false, false) => magnitude.to_owned(),
    };
    let value = canonical
        .parse::<i64>()
        .unwrap_or(if negative { i64::MIN } else { i64::MAX });
    Some((canonical, value))
}

/// The whitespace Python's `int()` strips: Unicode white space and the ASCII separators
/// `\x1c`–`\x1f`, which Python's `str.isspace` also counts.
fn is_python_space(c: char) -> bool {
    c.is_whitespace() || ('\x1c'..='\x1f').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(header: &str) -> (String, i64, Vec<&str>) {
        let header = parse(header).unwrap();
        (header.timestamp_text, header.timestamp, header.v1)
    }

    #[test]
    fn reads_timestamp_and_every_v1() {
        assert_eq!(
            parsed("t=1700000000,v1=aa,v0=bb,v1=cc,x=1"),
            ("1700000000".to_owned(), 1_700_000_000, vec!["aa", "cc"])
        );
    }

    #[test]
    fn first_timestamp_wins_and_values_stop_at_the_next_equals_sign() {
        assert_eq!(parsed("t=5=9,t=7,v1=ab=cd"), ("5".to_owned(), 5, vec!["ab"]));
    }

    #[test]
    fn keys_are_compared_as_written() {
        assert_eq!(parse(" t=5,v1=aa"), Err(Malformed::NoTimestamp));
        assert_eq!(parsed("t=5, v1=aa,V1=bb").2, Vec::<&str>::new());
    }

    #[test]
    fn timestamps_read_like_python_int() {
        for (text, canonical, value) in [
            (" 12 ", "12", 12),
            ("+0012", "12", 12),
            ("-0", "0", 0),
            ("-007", "-7", -7),
            ("1_700_000_000", "1700000000", 1_700_000_000),
            ("\t42\n", "42", 42),
            ("99999999999999999999", "99999999999999999999", i64::MAX),
            ("-99999999999999999999", "-99999999999999999999", i64::MIN),
        ] {
            assert_eq!(python_int(text), Some((canonical.to_owned(), value)), "{text:?}");
        }
        for text in [
            "", " ", "+", "1.5", "1e3", "_1", "1_", "1__0", "+_1", "0x10", "١٢٣", "12a",
        ] {
            assert_eq!(python_int(text), None, "{text:?}");
        }
    }

    #[test]
    fn malformed_headers_say_why() {
        assert_eq!(parse("v1=aa"), Err(Malformed::NoTimestamp));
        assert_eq!(parse("t,v1=aa"), Err(Malformed::TimestampWithoutValue));
        assert_eq!(parse("t=1,t,v1=aa"), Err(Malformed::TimestampWithoutValue));
        assert_eq!(parse("t=x,v1=aa"), Err(Malformed::TimestampNotAnInteger));
        assert_eq!(parse("t=1,v1"), Err(Malformed::SignatureWithoutValue));
        assert!(parse("t=1,garbage,v0").is_ok());
    }
}
