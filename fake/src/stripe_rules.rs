//! What Stripe refuses where the spec's schema is silent: rules of Stripe's documented (or
//! observed) behaviour, each with where it comes from and Stripe's own wording. The schema's
//! rules (shapes, enums, lengths, required) are the generated table's, in `validate`.

use serde_json::{Map, Value};

use crate::error::StripeError;

/// An `Idempotency-Key` of 1 to 255 characters. Source: Stripe's API reference ("Idempotency keys
/// are up to 255 characters long") and the error Stripe answers a key outside that range with
/// (quoted in cartalyst/stripe#65).
pub fn idempotency_key(key: &str) -> Result<(), StripeError> {
    let length = key.chars().count();
    if (1..=255).contains(&length) {
        return Ok(());
    }
    Err(StripeError::invalid_request(format!(
        "Idempotent key length is {length}, which is outside accepted lengths. Idempotent Keys must be 1-255 characters long. If you're looking for a decent generator, try using a UUID defined by IETF RFC 4122."
    )))
}

/// A `Stripe-Version` that is a version: a date (`2026-09-30`), with a release name after a dot
/// for the versions that have one (`2026-09-30.endive`). Source: Stripe's versioning docs; Stripe
/// answers anything else with 400 "Invalid Stripe API version". (The fake cannot know which dates
/// Stripe released, so a well-formed date passes.)
pub fn api_version(header: &str) -> Result<(), StripeError> {
    // Preview features ride along as `; name_beta=v1` (Stripe's versioning docs).
    let mut parts = header.split(';');
    let version = parts.next().unwrap_or_default().trim();
    let betas_ok = parts.all(|beta| {
        beta.trim()
            .split_once('=')
            .is_some_and(|(name, value)| !name.is_empty() && !value.is_empty())
    });
    let (date, name) = match version.split_once('.') {
        Some((date, name)) => (date, Some(name)),
        None => (version, None),
    };
    let parts: Vec<&str> = date.split('-').collect();
    let number = |text: &str, digits: usize, range: std::ops::RangeInclusive<u32>| {
        text.len() == digits
            && text.bytes().all(|b| b.is_ascii_digit())
            && text.parse().is_ok_and(|value| range.contains(&value))
    };
    let date_ok = matches!(parts.as_slice(), [year, month, day]
        if number(year, 4, 2011..=2999) && number(month, 2, 1..=12) && number(day, 2, 1..=31));
    let name_ok = name.is_none_or(|name| !name.is_empty() && name.bytes().all(|b| b.is_ascii_lowercase()));
    if date_ok && name_ok && betas_ok {
        Ok(())
    } else {
        Err(StripeError::invalid_request(format!(
            "Invalid Stripe API version: {header}"
        )))
    }
}

/// A list is paged one way at a time. Source: Stripe's answer to both cursors (quoted in
/// stripe/stripe-python#585 and arlyon/async-stripe#753).
pub fn one_cursor(params: &Map<String, Value>) -> Result<(), StripeError> {
    if params.contains_key("starting_after") && params.contains_key("ending_before") {
        return Err(StripeError::invalid_request(
            "Received both starting_after and ending_before parameters. Please pass in only one.",
        ));
    }
    Ok(())
}

/// The most keys an object's metadata holds.
pub const METADATA_KEYS: usize = 50;
const METADATA_KEY_CHARACTERS: usize = 40;
const METADATA_VALUE_CHARACTERS: usize = 500;

/// The keys and values of a `metadata` parameter. Source: Stripe's metadata docs (keys up to 40
/// characters, no square brackets; values up to 500) and the errors Stripe answers with
/// (stripe/stripe-php#246, houndci/hound#817).
pub fn metadata_entries(params: &Map<String, Value>) -> Result<(), StripeError> {
    let Some(Value::Object(entries)) = params.get("metadata") else {
        return Ok(());
    };
    let refused = |message: String| Err(StripeError::invalid_request(message).with_param("metadata"));
    for (key, value) in entries {
        if key.chars().count() > METADATA_KEY_CHARACTERS {
            return refused(format!(
                "Invalid key: {key} must be a string under {METADATA_KEY_CHARACTERS} characters"
            ));
        }
        if key.contains(['[', ']']) {
            return refused(format!("Invalid key: {key} must not contain square brackets"));
        }
        let text = value.as_str().unwrap_or_default();
        if text.chars().count() > METADATA_VALUE_CHARACTERS {
            return refused(format!(
                "Invalid val: {text} must be a string under {METADATA_VALUE_CHARACTERS} characters"
            ));
        }
    }
    Ok(())
}

/// An object's metadata once a request's keys are merged in. Source: Stripe's metadata docs (up
/// to 50 keys) and its error (FlowFuse/flowfuse#1948).
pub fn metadata_count(merged: &Value) -> Result<(), StripeError> {
    let count = merged.as_object().map_or(0, Map::len);
    if count > METADATA_KEYS {
        return Err(StripeError::invalid_request(format!(
            "Metadata can have up to {METADATA_KEYS} keys, but you've set {count}. Email us at support+metadata@stripe.com for more information."
        ))
        .with_param("metadata"));
    }
    Ok(())
}

/// Create needs a `type` unless it names a `verification_flow`. Source: the spec's own description
/// of `type` ("You must provide a `type` if not passing `verification_flow`"), which its schema
/// does not encode; answered as Stripe answers a missing parameter.
pub fn type_or_flow(params: &Map<String, Value>) -> Result<(), StripeError> {
    if params.contains_key("type") || params.contains_key("verification_flow") {
        return Ok(());
    }
    Err(StripeError::missing_param("type"))
}

/// The verification results only a restricted key may read, and only expanded. Source: Stripe's
/// guide "Access verification results" (the table of fields, key and expand property): the date
/// of birth and the ID number of the verified outputs, as paths of a session,
pub const SENSITIVE_OUTPUTS: &[&str] = &["verified_outputs.dob", "verified_outputs.id_number"];

/// and the document's number, date of birth and expiration date and the ID number check's, as
/// paths of a report (of a session: under `last_verification_report.`).
pub const SENSITIVE_IN_A_REPORT: &[&str] = &[
    "document.dob",
    "document.expiration_date",
    "document.number",
    "id_number.dob",
    "id_number.id_number",
];

/// The sensitive paths of a session: its outputs', and its expanded report's.
pub fn sensitive_in_a_session() -> impl Iterator<Item = String> {
    let outputs = SENSITIVE_OUTPUTS.iter().map(|path| (*path).to_owned());
    let report = SENSITIVE_IN_A_REPORT
        .iter()
        .map(|path| format!("last_verification_report.{path}"));
    outputs.chain(report)
}

/// Whether an `expand` path (under `prefix`, `data.` in a list) names a sensitive result, of a
/// session or of a report.
pub fn is_sensitive(path: &str, prefix: &str) -> bool {
    path.strip_prefix(prefix).is_some_and(|path| {
        SENSITIVE_OUTPUTS.contains(&path)
            || SENSITIVE_IN_A_REPORT.contains(&path)
            || path
                .strip_prefix("last_verification_report.")
                .is_some_and(|path| SENSITIVE_IN_A_REPORT.contains(&path))
    })
}

/// A sensitive expansion asked for with a secret key. Source: the `PermissionError` Stripe
/// answers (quoted in dj-stripe/dj-stripe#2111), a 403.
pub fn sensitive_expansion(restricted_key: bool, expand: &[&str], prefix: &str) -> Result<(), StripeError> {
    if restricted_key || !expand.iter().any(|path| is_sensitive(path, prefix)) {
        return Ok(());
    }
    Err(StripeError::permission(
        "To access sensitive verification results, configure a restricted API key with appropriate permissions. Learn more here: https://stripe.com/docs/identity/access-verification-results.",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_are_dates_with_an_optional_release_name() {
        for good in [
            "2026-09-30.endive",
            "2023-08-16",
            "2024-06-20.acacia",
            "2026-09-30.endive; identity_beta=v1",
        ] {
            assert!(api_version(good).is_ok(), "{good}");
        }
        for bad in [
            "latest",
            "2026-13-01",
            "2026-9-30",
            "2026-09-30.",
            "2026-09-30.Endive",
            "",
            "v1",
        ] {
            assert_eq!(api_version(bad).unwrap_err().status, 400, "{bad}");
        }
    }

    #[test]
    fn idempotency_keys_are_one_to_255_characters() {
        assert!(idempotency_key(&"k".repeat(255)).is_ok());
        assert!(idempotency_key("").is_err());
        let long = idempotency_key(&"k".repeat(256)).unwrap_err();
        assert!(
            long.message.starts_with("Idempotent key length is 256"),
            "{}",
            long.message
        );
    }

    #[test]
    fn sensitive_paths_are_named_under_a_list_prefix_too() {
        assert!(is_sensitive("data.verified_outputs.dob", "data."));
        assert!(is_sensitive("last_verification_report.document.number", ""));
        assert!(!is_sensitive("verified_outputs", ""));
        assert!(sensitive_expansion(false, &["verified_outputs"], "").is_ok());
        assert_eq!(
            sensitive_expansion(false, &["verified_outputs.dob"], "")
                .unwrap_err()
                .status,
            403
        );
        assert!(sensitive_expansion(true, &["verified_outputs.dob"], "").is_ok());
    }
}
