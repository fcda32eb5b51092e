//! The rules one by one, the clock and tolerance at their edges, decoding with a path, and that
//! no error prints the secret or the body. (stripe-python's own verdicts are compared in
//! `generated/tests/generated/webhook_signatures.rs`.)

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::Deserialize;

use super::*;
use crate::EventData;

const SECRET: &str = "whsec_TOPSECRET_do_not_print";
const T: i64 = 1_700_000_000;
const BODY: &str = r#"{"id":"evt_1","object":"event","type":"identity.verification_session.verified","data":{"object":{"id":"vs_1","status":"verified"}}}"#;

fn at(secs: i64, nanos: u32) -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(secs as u64) + Duration::from_nanos(u64::from(nanos))
}

fn webhook() -> Webhook {
    Webhook::new(SECRET).clock(at(T, 0))
}

fn signed(body: &str, timestamp: i64) -> String {
    webhook().signature_header(body, timestamp)
}

/// A stand-in for the generated `Event`: enough shape to see a typed object and a path.
#[derive(Debug, Deserialize)]
struct Event {
    id: String,
    #[serde(rename = "type")]
    type_: String,
    data: EventData<Session>,
}

// Reads any version.
impl crate::WebhookEvent for Event {}

/// An event type pinned to one version, as a generated `Event` is.
#[derive(Debug, Deserialize)]
#[serde(transparent)]
struct Pinned(serde_json::Value);

impl crate::WebhookEvent for Pinned {
    const API_VERSION: Option<&'static str> = Some("2026-09-30.endive");
}

#[derive(Debug, Deserialize)]
struct Session {
    id: String,
    status: Status,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(rename_all = "snake_case")]
enum Status {
    Verified,
    RequiresInput,
}

#[test]
fn accepts_a_fresh_signature_and_decodes() {
    let header = signed(BODY, T);
    assert_eq!(webhook().verify(BODY, Some(&header)), Ok(()));
    let event: Event = webhook().construct_event(BODY.as_bytes(), Some(&header)).unwrap();
    assert_eq!(
        (event.id.as_str(), event.type_.as_str()),
        ("evt_1", "identity.verification_session.verified")
    );
    assert_eq!(
        (event.data.object.id.as_str(), event.data.object.status),
        ("vs_1", Status::Verified)
    );
}

#[test]
fn any_v1_of_several_suffices_and_other_schemes_are_ignored() {
    let good = signed(BODY, T);
    let good_v1 = good.split_once(",v1=").unwrap().1;
    let rotated = format!("t={T},v1={},v0=zz,v1={good_v1},v2=yy", "0".repeat(64));
    assert_eq!(webhook().verify(BODY, Some(&rotated)), Ok(()));
    let only_v0 = format!("t={T},v0={good_v1}");
    assert_eq!(
        webhook().verify(BODY, Some(&only_v0)),
        Err(WebhookError::NoV1Signature)
    );
}

#[test]
fn each_rule_has_its_error() {
    let header = signed(BODY, T);
    let w = webhook();
    assert_eq!(w.verify(BODY, None), Err(WebhookError::NoHeader));
    assert_eq!(w.verify(BODY, Some("")), Err(WebhookError::NoHeader));
    assert_eq!(
        Webhook::new(" \t").verify(BODY, Some(&header)),
        Err(WebhookError::NoSecret)
    );
    assert_eq!(
        w.verify(BODY, Some("v1=abc")),
        Err(WebhookError::MalformedHeader(Malformed::NoTimestamp))
    );
    assert_eq!(
        w.verify(BODY, Some("t=soon,v1=abc")),
        Err(WebhookError::MalformedHeader(Malformed::TimestampNotAnInteger))
    );
    assert_eq!(
        w.verify(format!("{BODY} "), Some(&header)),
        Err(WebhookError::NoMatchingSignature)
    );
    assert_eq!(
        Webhook::new("whsec_other")
            .clock(at(T, 0))
            .verify(BODY, Some(&header)),
        Err(WebhookError::NoMatchingSignature)
    );
    let old = signed(BODY, T - 301);
    assert_eq!(
        w.verify(BODY, Some(&old)),
        Err(WebhookError::TimestampTooOld {
            timestamp: T - 301,
            age: Duration::from_secs(301),
            tolerance: DEFAULT_TOLERANCE,
        })
    );
}

#[test]
fn a_bad_signature_is_reported_before_its_age() {
    // stripe-python's order: a forged old request is "no match", not "too old".
    let old = signed(BODY, T - 10_000);
    assert_eq!(
        webhook().verify("{}", Some(&old)),
        Err(WebhookError::NoMatchingSignature)
    );
}

#[test]
fn tolerance_edges_follow_the_clock_to_the_nanosecond() {
    let header = signed(BODY, T);
    let w = |now| Webhook::new(SECRET).clock(now);
    assert_eq!(w(at(T + 300, 0)).verify(BODY, Some(&header)), Ok(()));
    assert!(matches!(
        w(at(T + 300, 1)).verify(BODY, Some(&header)),
        Err(WebhookError::TimestampTooOld { .. })
    ));
    assert_eq!(
        w(at(T + 1_000_000, 0))
            .tolerance(Duration::from_secs(1_000_000))
            .verify(BODY, Some(&header)),
        Ok(())
    );
    assert_eq!(
        w(at(T + 10_000_000, 0))
            .without_timestamp_check()
            .verify(BODY, Some(&header)),
        Ok(())
    );
    // Zero means zero here (stripe-python reads 0 as "off"; only the explicit call turns it off).
    assert!(w(at(T, 1))
        .tolerance(Duration::ZERO)
        .verify(BODY, Some(&header))
        .is_err());
    assert_eq!(
        w(at(T, 0)).tolerance(Duration::ZERO).verify(BODY, Some(&header)),
        Ok(())
    );
}

#[test]
fn future_timestamps_pass_as_in_stripe_sdks() {
    let future = signed(BODY, T + 86_400 * 365);
    assert_eq!(webhook().verify(BODY, Some(&future)), Ok(()));
}

#[test]
fn the_signed_timestamp_is_the_number_not_its_spelling() {
    let header = signed(BODY, T);
    let v1 = header.split_once(",v1=").unwrap().1;
    let respelled = format!("t= +0_0{T} ,v1={v1}");
    assert_eq!(webhook().verify(BODY, Some(&respelled)), Ok(()));
}

#[test]
fn the_system_clock_is_the_default() {
    let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs() as i64;
    let w = Webhook::new(SECRET);
    assert_eq!(w.verify(BODY, Some(&w.signature_header(BODY, now))), Ok(()));
    assert!(w
        .verify(BODY, Some(&w.signature_header(BODY, now - 3600)))
        .is_err());
}

#[test]
fn decode_errors_name_the_path() {
    let body = r#"{"id":"evt_1","type":"x","data":{"object":{"id":"vs_1","status":"sk_live_BODY_VALUE"}}}"#;
    let error = webhook()
        .construct_event::<Event>(body, Some(&signed(body, T)))
        .unwrap_err();
    let WebhookError::NotAnEvent { path, message } = &error else {
        panic!("{error:?}");
    };
    assert_eq!(path, "data.object.status");
    assert_eq!(
        message,
        "unknown variant, expected `verified` or `requires_input`"
    );

    for body in ["not json", r#"{"id":"evt_1"} trailing"#, "[]"] {
        let error = webhook()
            .construct_event::<Event>(body, Some(&signed(body, T)))
            .unwrap_err();
        assert!(
            matches!(error, WebhookError::NotAnEvent { .. }),
            "{body}: {error:?}"
        );
    }
}

#[test]
fn no_error_prints_the_secret_or_the_body() {
    let marker = "sk_live_BODY_VALUE";
    let body = format!(
        r#"{{"id":"{marker}","type":"{marker}","data":{{"object":{{"id":"{marker}","status":"{marker}"}}}}}}"#
    );
    // A map key (a metadata key) is body text too: it shows as `<key>` in the path.
    let keyed = format!(r#"{{"{marker}":"nope"}}"#);
    let w = webhook();
    let good = signed(&body, T);
    let errors = [
        w.verify(&body, None).unwrap_err(),
        Webhook::new("  ").verify(&body, Some(&good)).unwrap_err(),
        w.verify(&body, Some(&format!("t={marker},v1=aa"))).unwrap_err(),
        w.verify(&body, Some(&format!("t={T},v0={marker}"))).unwrap_err(),
        w.verify(&body, Some(&format!("t={T},v1={marker}"))).unwrap_err(),
        w.verify(&body, Some(&signed(&body, T - 1000))).unwrap_err(),
        w.construct_event::<Event>(&body, Some(&good)).unwrap_err(),
        w.construct_event::<Event>(marker, Some(&signed(marker, T)))
            .unwrap_err(),
        w.construct_event::<Keyed>(&keyed, Some(&signed(&keyed, T)))
            .unwrap_err(),
    ];
    for error in errors {
        for text in [error.to_string(), format!("{error:?}")] {
            assert!(!text.contains("TOPSECRET"), "{text}");
            assert!(!text.contains(marker), "{text}");
        }
    }
    let debug = format!("{w:?}");
    assert!(!debug.contains("TOPSECRET"), "{debug}");
}

#[test]
fn a_webhook_can_be_shared_across_threads() {
    fn shareable<T: Clone + Send + Sync + 'static>() {}
    shareable::<Webhook>();
}

/// A body of map keys, whose decode error must not show them.
#[derive(Debug, Deserialize)]
#[serde(transparent)]
struct Keyed(#[allow(dead_code)] std::collections::HashMap<String, Status>);

impl crate::WebhookEvent for Keyed {}

impl crate::WebhookEvent for FlatEvent {}

/// A stand-in for the generated `Event` with its flattened payload, decoded the way the generated
/// code decodes it (`read_event_payload`, then `decode_event_data`).
#[derive(Debug, Deserialize)]
struct FlatEvent {
    #[allow(dead_code)]
    id: String,
    #[serde(flatten)]
    #[allow(dead_code)]
    payload: FlatPayload,
}

#[derive(Debug)]
#[allow(dead_code)]
struct FlatPayload(String, EventData<Session>);

impl<'de> Deserialize<'de> for FlatPayload {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let (type_, data) = crate::read_event_payload(deserializer)?;
        Ok(Self(type_, crate::decode_event_data(&data)?))
    }
}

#[test]
fn a_path_lost_behind_flatten_is_put_back() {
    let body = r#"{"id":"evt_1","type":"x","data":{"object":{"id":"vs_1","status":"sk_live_BODY"}}}"#;
    let error = webhook()
        .construct_event::<FlatEvent>(body, Some(&signed(body, T)))
        .unwrap_err();
    assert_eq!(
        error,
        WebhookError::NotAnEvent {
            path: "data.object.status".to_owned(),
            message: "unknown variant, expected `verified` or `requires_input`".to_owned(),
        }
    );
}

#[test]
fn an_event_of_another_api_version_is_refused_unless_any_is_accepted() {
    let stamped = |version: &str| {
        BODY.replacen(
            r#""object":"event","#,
            &format!(r#""object":"event","api_version":"{version}","#),
            1,
        )
    };
    let same = stamped("2026-09-30.endive");
    let event: Pinned = webhook().construct_event(&same, Some(&signed(&same, T))).unwrap();
    assert_eq!(event.0["id"], "evt_1");
    let other = stamped("2024-06-20");
    let error = webhook()
        .construct_event::<Pinned>(&other, Some(&signed(&other, T)))
        .unwrap_err();
    assert_eq!(
        error,
        WebhookError::ApiVersionMismatch {
            event: Some("2024-06-20".to_owned()),
            expected: "2026-09-30.endive".to_owned(),
        }
    );
    let told = error.to_string();
    assert!(
        told.contains("2024-06-20") && told.contains("2026-09-30.endive"),
        "{told}"
    );
    assert!(told.contains("stripe listen --latest"), "says what to do: {told}");
    // Opted in: decoded. JSON reads any version; an event with no stamp is not refused.
    let accepting = webhook().ignore_api_version_mismatch();
    assert!(accepting
        .construct_event::<Pinned>(&other, Some(&signed(&other, T)))
        .is_ok());
    assert!(webhook()
        .construct_event::<serde_json::Value>(&other, Some(&signed(&other, T)))
        .is_ok());
    // Another version of the same release has its shapes (stripe-go's rule); no version at all
    // is no promise.
    let same_release = stamped("2026-10-28.endive");
    assert!(webhook()
        .construct_event::<Pinned>(&same_release, Some(&signed(&same_release, T)))
        .is_ok());
    assert_eq!(
        webhook()
            .construct_event::<Pinned>(BODY, Some(&signed(BODY, T)))
            .unwrap_err(),
        WebhookError::ApiVersionMismatch {
            event: None,
            expected: "2026-09-30.endive".to_owned(),
        }
    );
    // The signature is checked first: a forged body says so, whatever its version.
    assert_eq!(
        webhook()
            .construct_event::<Pinned>(&other, Some(&signed(&same, T)))
            .unwrap_err(),
        WebhookError::NoMatchingSignature
    );
}
