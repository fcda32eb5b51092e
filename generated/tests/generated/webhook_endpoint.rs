//! The example webhook endpoint (`examples/webhook_endpoint/`) over real HTTP: its router is served
//! on 127.0.0.1 with a fixed clock, and a plain HTTP/1.1 request over a TCP stream sends it events
//! signed as Stripe signs them (accepted, each handled as its type says) and forged ones (refused
//! with 400, the rule named). The bodies are the stripe-python fixture's.

#[path = "../../examples/webhook_endpoint/handler.rs"]
mod handler;

use std::time::{Duration, SystemTime};

use stripe_identity::Webhook;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const SECRET: &str = "whsec_endpoint_test";
const NOW: i64 = 1_700_000_000;

fn body(name: &str) -> String {
    crate::recorded::webhook_cases()
        .into_iter()
        .find(|case| case.name == name)
        .unwrap_or_else(|| panic!("no case {name}"))
        .payload
}

/// The endpoint, served on an ephemeral port; its clock stands at `NOW`. Returns its address.
async fn serve() -> String {
    let webhook = Webhook::new(SECRET).clock(SystemTime::UNIX_EPOCH + Duration::from_secs(NOW as u64));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap().to_string();
    tokio::spawn(async move { axum::serve(listener, handler::app(webhook)).await });
    address
}

/// Posts `body` to `/webhook` with `signature` (none when `None`) and returns the status and
/// response text. One request per connection (`Connection: close`), so the response ends where the
/// stream does; an HTTP client would add nothing the test looks at.
async fn post(address: &str, body: &str, signature: Option<&str>) -> (u16, String) {
    let mut request = format!(
        "POST /webhook HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    if let Some(signature) = signature {
        request.push_str(&format!("Stripe-Signature: {signature}\r\n"));
    }
    request.push_str("\r\n");
    request.push_str(body);
    let mut stream = TcpStream::connect(address).await.expect("the endpoint listens");
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut response = String::new();
    stream
        .read_to_string(&mut response)
        .await
        .expect("the endpoint answers");
    let (head, text) = response.split_once("\r\n\r\n").expect("a head and a body");
    assert!(
        !head.to_ascii_lowercase().contains("transfer-encoding: chunked"),
        "a plain body: {head}"
    );
    let status = head
        .strip_prefix("HTTP/1.1 ")
        .and_then(|rest| rest.get(..3))
        .and_then(|code| code.parse().ok())
        .unwrap_or_else(|| panic!("a status line: {head}"));
    (status, text.to_owned())
}

fn sign(body: &str, timestamp: i64) -> String {
    Webhook::new(SECRET).signature_header(body, timestamp)
}

#[tokio::test]
async fn signed_events_are_handled_by_type() {
    let address = serve().await;

    let verified = body("valid: signed now");
    let (status, text) = post(&address, &verified, Some(&sign(&verified, NOW))).await;
    assert_eq!(
        (status, text.as_str()),
        (200, "fulfil: session vs_1Webhook is verified")
    );

    let requires_input = body("valid: requires_input event");
    let (status, text) = post(&address, &requires_input, Some(&sign(&requires_input, NOW - 60))).await;
    assert_eq!(
        (status, text.as_str()),
        (
            200,
            "ask the user to try again: session vs_1Webhook needs input: document_expired \
             (The provided identity document has expired.)"
        )
    );

    let processing = body("valid: pretty-printed body with a trailing newline");
    let (status, text) = post(&address, &processing, Some(&sign(&processing, NOW))).await;
    assert_eq!(
        (status, text.as_str()),
        (
            200,
            "noted: session vs_1Webhook identity.verification_session.processing"
        )
    );

    let other = body("valid: another resource's event");
    let (status, text) = post(&address, &other, Some(&sign(&other, NOW))).await;
    assert_eq!(
        (status, text.as_str()),
        (200, "acknowledged: customer.created is not handled here")
    );
}

#[tokio::test]
async fn forged_requests_are_refused_with_the_rule_they_broke() {
    let address = serve().await;
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
        let (status, text) = post(&address, body, signature).await;
        assert_eq!(status, 400, "{what}: {text}");
        assert!(text.contains(expected), "{what}: {text}");
        assert!(
            !text.contains(SECRET) && !text.contains("vs_1Webhook"),
            "{what} leaks: {text}"
        );
    }
}
