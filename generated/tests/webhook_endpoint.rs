//! The example webhook endpoint (`examples/webhook_endpoint/`) over real HTTP: its router is served
//! on 127.0.0.1 with a fixed clock, and reqwest sends it events signed as Stripe signs them
//! (accepted, each handled as its type says) and forged ones (refused with 400, the rule named).
//! The bodies are the stripe-python fixture's.

#[path = "../examples/webhook_endpoint/handler.rs"]
mod handler;

use std::time::{Duration, SystemTime};

use serde::Deserialize;
use stripe_identity::Webhook;

const SECRET: &str = "whsec_endpoint_test";
const NOW: i64 = 1_700_000_000;

#[derive(Deserialize)]
struct Fixture {
    cases: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    name: String,
    payload: String,
}

fn body(name: &str) -> String {
    let fixture: Fixture =
        serde_json::from_str(include_str!("fixtures/webhook_signatures.json")).expect("the fixture parses");
    fixture
        .cases
        .into_iter()
        .find(|case| case.name == name)
        .unwrap_or_else(|| panic!("no case {name}"))
        .payload
}

/// The endpoint, served on an ephemeral port; its clock stands at `NOW`.
async fn serve() -> String {
    let webhook = Webhook::new(SECRET).clock(SystemTime::UNIX_EPOCH + Duration::from_secs(NOW as u64));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/webhook", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, handler::app(webhook)).await });
    url
}

/// Posts `body` with `signature` (none when `None`) and returns the status and response text.
async fn post(url: &str, body: &str, signature: Option<&str>) -> (u16, String) {
    let mut request = reqwest::Client::new()
        .post(url)
        .header("content-type", "application/json")
        .body(body.to_owned());
    if let Some(signature) = signature {
        request = request.header("stripe-signature", signature);
    }
    let response = request.send().await.expect("the endpoint answers");
    (response.status().as_u16(), response.text().await.unwrap())
}

fn sign(body: &str, timestamp: i64) -> String {
    Webhook::new(SECRET).signature_header(body, timestamp)
}

#[tokio::test]
async fn signed_events_are_handled_by_type() {
    let url = serve().await;

    let verified = body("valid: signed now");
    let (status, text) = post(&url, &verified, Some(&sign(&verified, NOW))).await;
    assert_eq!(
        (status, text.as_str()),
        (200, "fulfil: session vs_1Webhook is verified")
    );

    let requires_input = body("valid: requires_input event");
    let (status, text) = post(&url, &requires_input, Some(&sign(&requires_input, NOW - 60))).await;
    assert_eq!(
        (status, text.as_str()),
        (
            200,
            "ask the user to try again: session vs_1Webhook needs input: document_expired \
             (The provided identity document has expired.)"
        )
    );

    let processing = body("valid: pretty-printed body with a trailing newline");
    let (status, text) = post(&url, &processing, Some(&sign(&processing, NOW))).await;
    assert_eq!(
        (status, text.as_str()),
        (
            200,
            "noted: session vs_1Webhook identity.verification_session.processing"
        )
    );

    let other = body("valid: another resource's event");
    let (status, text) = post(&url, &other, Some(&sign(&other, NOW))).await;
    assert_eq!(
        (status, text.as_str()),
        (200, "acknowledged: customer.created is not handled here")
    );
}

#[tokio::test]
async fn forged_requests_are_refused_with_the_rule_they_broke() {
    let url = serve().await;
    let verified = body("valid: signed now");
    let good = sign(&verified, NOW);
    let forged = Webhook::new("whsec_attacker").signature_header(&verified, NOW);
    let tampered = verified.replacen("\"verified\"", "\"canceled\"", 1);
    let stale = sign(&verified, NOW - 301);

    for (what, body, signature, expected) in [
        (
            "bad signature",
            verified.as_str(),
            Some(forged.as_str()),
            "no v1 signature matches",
        ),
        (
            "tampered body",
            tampered.as_str(),
            Some(good.as_str()),
            "no v1 signature matches",
        ),
        ("no header", verified.as_str(), None, "no Stripe-Signature header"),
        (
            "stale",
            verified.as_str(),
            Some(stale.as_str()),
            "is 301s old, beyond the tolerance of 300s",
        ),
        (
            "malformed header",
            verified.as_str(),
            Some("garbage"),
            "header is malformed",
        ),
    ] {
        let (status, text) = post(&url, body, signature).await;
        assert_eq!(status, 400, "{what}: {text}");
        assert!(text.contains(expected), "{what}: {text}");
        assert!(
            !text.contains(SECRET) && !text.contains("vs_1Webhook"),
            "{what} leaks: {text}"
        );
    }
}
