//! The signature itself: HMAC-SHA256 of `"{t}.{raw body}"` keyed with the endpoint secret (the
//! whole `whsec_…` string, as Stripe's SDKs use it), written as lowercase hex, and the
//! constant-time comparison with the header's candidates.
//!
//! Candidates are compared as text, not decoded: stripe-python compares the hex strings, so an
//! uppercase-hex signature is refused there and here alike, and no hex decoder is needed (the
//! 64-character encoder below is the only hex this module does). The comparison is
//! constant-time in the content (`subtle`); only the length, which is public, may end it early.

use hmac::{Hmac, Mac};
use sha2::Sha256;
use subtle::ConstantTimeEq;

/// The lowercase-hex HMAC-SHA256 of `"{timestamp}.{payload}"` under `secret`.
pub(super) fn signature(secret: &str, timestamp: &str, payload: &[u8]) -> String {
    // HMAC takes a key of any length (long keys are hashed), so this cannot fail.
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC accepts any key length");
    mac.update(timestamp.as_bytes());
    mac.update(b".");
    mac.update(payload);
    hex_lower(&mac.finalize().into_bytes())
}

/// Whether any candidate equals `expected`. Every candidate is compared (no early exit on a
/// match), each in constant time.
pub(super) fn any_matches(expected: &str, candidates: &[&str]) -> bool {
    let matched = candidates
        .iter()
        .fold(subtle::Choice::from(0), |matched, candidate| {
            matched | expected.as_bytes().ct_eq(candidate.as_bytes())
        });
    matched.into()
}

fn hex_lower(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for &byte in bytes {
        out.push(char::from(DIGITS[usize::from(byte >> 4)]));
        out.push(char::from(DIGITS[usize::from(byte & 0x0f)]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_rfc_4231_test_case_2() {
        // RFC 4231 §4.3: key "Jefe", data "what do ya want for nothing?".
        let mut mac = Hmac::<Sha256>::new_from_slice(b"Jefe").unwrap();
        mac.update(b"what do ya want for nothing?");
        assert_eq!(
            hex_lower(&mac.finalize().into_bytes()),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn signs_timestamp_dot_body() {
        // The same bytes signed whole and as timestamp + "." + body.
        let mut mac = Hmac::<Sha256>::new_from_slice(b"whsec_test").unwrap();
        mac.update(b"1700000000.{\"id\":\"evt_1\"}");
        assert_eq!(
            signature("whsec_test", "1700000000", b"{\"id\":\"evt_1\"}"),
            hex_lower(&mac.finalize().into_bytes())
        );
    }

    #[test]
    fn compares_exact_text() {
        let expected = signature("whsec_test", "1", b"{}");
        assert!(any_matches(&expected, &["00", &expected]));
        assert!(!any_matches(&expected, &[&expected.to_uppercase()]));
        assert!(!any_matches(&expected, &[&expected[1..]]));
        assert!(!any_matches(&expected, &[]));
    }
}
