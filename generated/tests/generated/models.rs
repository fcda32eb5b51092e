//! The models in every build, `default-features = false` included: the fully populated session
//! decodes, writes back and reads again to the same value (every struct's `Deserialize` is the
//! runtime's `deserialize_struct!`, every enum's the runtime's `open_enum!`), and decode errors
//! say what serde's derive said.

use stripe_identity::{GelatoDocumentReportSex, VerificationSession, VerificationSessionStatus};

const FULL: &str = include_str!("../fixtures/verification_session_full.json");

#[test]
fn the_full_session_round_trips() {
    let session: VerificationSession = serde_json::from_str(FULL).unwrap();
    let written = serde_json::to_string(&session).unwrap();
    let again: VerificationSession = serde_json::from_str(&written).unwrap();
    assert_eq!(again, session);
    // Through a JSON value too (by reference, as unions and events read their parts).
    let value: serde_json::Value = serde_json::from_str(FULL).unwrap();
    let from_value = <VerificationSession as serde::Deserialize>::deserialize(&value).unwrap();
    assert_eq!(from_value, session);
    let report = session
        .last_verification_report
        .as_ref()
        .unwrap()
        .as_object()
        .unwrap();
    let sex = report.document.as_ref().unwrap().sex.clone();
    assert_eq!(sex, Some(GelatoDocumentReportSex::Redacted));
}

/// What the session writes, byte for byte: the keys in the structs' order, an absent optional
/// field left out, a present null written as `null`. The expected text was written by serde's
/// derive, which the models used before `serialize_struct!`; `BLESS=1` rewrites it.
#[test]
fn the_full_session_writes_what_the_derive_wrote() {
    // The full session, and one with only what must be there (so the fields that may be absent
    // are, and are left out).
    let full: VerificationSession = serde_json::from_str(FULL).unwrap();
    let least: VerificationSession = serde_json::from_str(
        r#"{"id":"vs_1","object":"identity.verification_session","created":1,"livemode":false,
            "metadata":{},"status":"processing","type":"document"}"#,
    )
    .unwrap();
    let written = [full, least]
        .iter()
        .map(|session| serde_json::to_string_pretty(session).unwrap() + "\n")
        .collect::<String>();
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/verification_session_written.json"
    );
    if std::env::var_os("BLESS").is_some() {
        std::fs::write(path, &written).unwrap();
    }
    assert_eq!(written, std::fs::read_to_string(path).unwrap());
}

#[test]
fn new_fields_and_values_decode() {
    let json = r#"{"id":"vs_1","object":"identity.verification_session","created":1,
        "livemode":false,"metadata":{},"status":"paused_by_stripe","type":"document",
        "a_field_added_later":{"nested":[1,2,3]}}"#;
    let session: VerificationSession = serde_json::from_str(json).unwrap();
    assert_eq!(
        session.status,
        VerificationSessionStatus::Unrecognized("paused_by_stripe".into())
    );
    assert_eq!(session.status.as_str(), "paused_by_stripe");
}

#[test]
fn errors_name_the_problem() {
    let read = |json: &str| {
        serde_json::from_str::<VerificationSession>(json)
            .unwrap_err()
            .to_string()
    };
    let missing = read(r#"{"id":"vs_1","object":"x","created":1,"livemode":false,"metadata":{}}"#);
    assert!(missing.starts_with("missing field `status`"), "{missing}");
    let twice = read(r#"{"id":"vs_1","id":"vs_2"}"#);
    assert!(twice.starts_with("duplicate field `id`"), "{twice}");
    let wrong = read(r#"{"id":"vs_1","created":"yesterday"}"#);
    assert!(
        wrong.starts_with("invalid type: string \"yesterday\", expected i64"),
        "{wrong}"
    );
    // A struct is a JSON object; the array form serde's derive also took is not read.
    let array = read(r#"["vs_1"]"#);
    assert!(
        array.starts_with("invalid type: sequence, expected struct VerificationSession"),
        "{array}"
    );
    let status = read(r#"{"id":"vs_1","object":"x","created":1,"livemode":false,"metadata":{},"status":7}"#);
    assert!(
        status.starts_with("invalid type: integer `7`, expected a string"),
        "{status}"
    );
}

/// A model flattened into a user's own type takes only its own keys, as serde's derive does: a
/// catch-all map beside it gets the rest (and a builder beside one refuses nothing of theirs).
#[test]
fn a_flattened_model_leaves_other_keys_to_its_neighbours() {
    #[derive(serde::Deserialize)]
    struct Tenanted {
        #[serde(flatten)]
        session: VerificationSession,
        #[serde(flatten)]
        extra: serde_json::Map<String, serde_json::Value>,
    }
    let mut json: serde_json::Value =
        serde_json::from_str(include_str!("../fixtures/verification_session_full.json")).expect("fixture");
    json["tenant"] = "t1".into();
    let tenanted: Tenanted = serde_json::from_value(json).expect("decodes");
    assert_eq!(tenanted.extra.keys().collect::<Vec<_>>(), ["tenant"]);
    assert_eq!(tenanted.session.status, VerificationSessionStatus::Verified);
}

/// A struct is still not read from an array (Stripe never sends one).
#[test]
fn a_model_is_not_read_from_an_array() {
    let error = serde_json::from_str::<stripe_identity::VerificationSessionRedaction>(r#"["redacted"]"#)
        .expect_err("an array is refused");
    assert!(error.to_string().contains("invalid type: sequence"), "{error}");
}
