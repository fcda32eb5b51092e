//! Webhook events decode with a typed VerificationSession for this resource's event types, keep
//! an unknown type of this resource typed (`Unrecognized`), decode every other resource's event
//! as `Other` with its JSON, and write back what they read.

use stripe_identity::{Event, EventPayload, VerificationSessionEventType, VerificationSessionStatus};

const SESSION: &str = r#"{"id":"vs_1","object":"identity.verification_session","created":1,"livemode":false,
    "metadata":{},"status":"verified","type":"document"}"#;

fn event(type_: &str, object: &str) -> String {
    format!(
        r#"{{"id":"evt_1","object":"event","api_version":"2026-09-30.endive","created":1700000000,
            "livemode":false,"pending_webhooks":1,"request":{{"id":"req_1","idempotency_key":null}},
            "type":"{type_}","data":{{"object":{object},"previous_attributes":{{"status":"processing"}}}}}}"#
    )
}

#[test]
fn this_resources_events_carry_a_typed_session() {
    let event: Event =
        serde_json::from_str(&event("identity.verification_session.verified", SESSION)).unwrap();
    assert_eq!(event.id, "evt_1");
    assert_eq!(
        event.request.as_ref().and_then(|r| r.id.as_deref()),
        Some("req_1")
    );
    let EventPayload::VerificationSession { type_, data } = &event.payload else {
        panic!("expected a session event: {:?}", event.payload);
    };
    assert_eq!(*type_, VerificationSessionEventType::Verified);
    assert_eq!(data.object.status, VerificationSessionStatus::Verified);
    assert_eq!(data.previous_attributes.as_ref().unwrap()["status"], "processing");
    // Written back as read.
    let again: Event = serde_json::from_value(serde_json::to_value(&event).unwrap()).unwrap();
    assert_eq!(again, event);
}

#[test]
fn a_new_event_type_of_this_resource_stays_typed() {
    let event: Event = serde_json::from_str(&event("identity.verification_session.paused", SESSION)).unwrap();
    let EventPayload::VerificationSession { type_, .. } = &event.payload else {
        panic!("expected a session event");
    };
    assert_eq!(
        *type_,
        VerificationSessionEventType::Unrecognized("identity.verification_session.paused".into())
    );
}

#[test]
fn other_resources_events_decode_as_other_with_their_json() {
    let customer = r#"{"id":"cus_1","object":"customer","email":null}"#;
    let event: Event = serde_json::from_str(&event("customer.created", customer)).unwrap();
    let EventPayload::Other { type_, data } = &event.payload else {
        panic!("expected another resource's event");
    };
    assert_eq!(type_, "customer.created");
    assert_eq!(data.object["id"], "cus_1");
}

#[test]
fn a_session_event_whose_object_does_not_decode_names_the_field_not_the_value() {
    let broken = SESSION.replace(r#""created":1"#, r#""created":"sk_live_SECRET""#);
    let error =
        serde_json::from_str::<Event>(&event("identity.verification_session.created", &broken)).unwrap_err();
    let message = error.to_string();
    // The path needs serde_path_to_error, which comes with the `webhook` and `client` features;
    // the types-only build says `data` and what was wrong.
    if cfg!(any(feature = "webhook", feature = "client")) {
        assert!(message.contains("data.object.created"), "{message}");
    } else {
        assert!(
            message.contains("data: invalid type: string, expected i64"),
            "{message}"
        );
    }
    assert!(!message.contains("sk_live_SECRET"), "{message}");
}
