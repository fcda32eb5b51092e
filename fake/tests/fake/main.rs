//! The fake over real HTTP on 127.0.0.1: every operation through `stripe-identity`'s own client,
//! the status rules, validation, idempotency, pagination, the stripe-python wire fixture replayed,
//! injected faults, webhooks, the end-to-end flow with the example endpoint, the binary, and
//! (opt-in: `cargo test -p stripe-identity-fake --test fake -- --ignored spec_change::`) the fake
//! rebuilt from a changed spec. One test binary (modules below), so the client and the fake are
//! linked once.

mod blocking;
mod delivery_modes;
mod end_to_end;
mod faults;
mod idempotency;
mod long_running;
mod operations;
mod pagination;
mod process;
mod refusals;
mod reports;
mod spec_change;
mod stripe_rules;
#[path = "../support/mod.rs"]
mod support;
mod webhooks;
mod wire_fixture;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper_util::rt::TokioIo;
use serde_json::Value;
use stripe_identity::{
    Client, CreateVerificationSession, CreateVerificationSessionType, VerificationSession,
};
use stripe_identity_fake::FakeStripe;

pub(crate) use support::{client, fast, KEY};

/// A restricted key: the only kind that reads the sensitive verification results.
pub(crate) const RESTRICTED_KEY: &str = "rk_test_fake123";

pub(crate) fn restricted_client(fake: &FakeStripe) -> Client {
    stripe_identity::client(RESTRICTED_KEY)
        .base_url(fake.base_url())
        .backoff(fast())
        .build()
        .expect("a client")
}

/// A new document session.
pub(crate) async fn create(client: &Client) -> VerificationSession {
    client
        .send(&CreateVerificationSession::new().type_(CreateVerificationSessionType::Document))
        .await
        .expect("created")
}

/// An answer read as a test needs it.
#[derive(Debug)]
pub(crate) struct Raw {
    pub status: u16,
    pub headers: hyper::HeaderMap,
    pub body: Value,
}

/// Sends one request as written (no client in the way): `headers` as given, the key added
/// unless `headers` has an `authorization` of its own.
pub(crate) async fn raw(
    fake: &FakeStripe,
    method: &str,
    target: &str,
    headers: &[(&str, &str)],
    body: impl Into<Bytes>,
) -> Raw {
    let stream = tokio::net::TcpStream::connect(fake.address())
        .await
        .expect("connects");
    let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
        .await
        .expect("handshake");
    tokio::spawn(connection);
    let mut request = hyper::Request::builder()
        .method(method)
        .uri(target)
        .header("host", fake.address().to_string());
    if !headers
        .iter()
        .any(|(name, _)| name.eq_ignore_ascii_case("authorization"))
    {
        request = request.header("authorization", format!("Bearer {KEY}"));
    }
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let body: Bytes = body.into();
    if method == "POST" {
        request = request.header("content-type", "application/x-www-form-urlencoded");
    }
    let response = sender
        .send_request(request.body(Full::new(body)).expect("a request"))
        .await
        .expect("an answer");
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.expect("a body").to_bytes();
    let body = serde_json::from_slice(&bytes)
        .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into_owned()));
    Raw {
        status,
        headers,
        body,
    }
}

/// The `error` object of an answer, asserting the status.
pub(crate) fn error_of(raw: &Raw, status: u16) -> &Value {
    assert_eq!(raw.status, status, "{:#}", raw.body);
    &raw.body["error"]
}
