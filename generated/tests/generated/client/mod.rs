//! The client against real HTTP servers on 127.0.0.1: wiremock for well-formed exchanges, and a
//! raw TCP server (`raw_server`) for what wiremock cannot do (TLS garbage, endless bodies, lying
//! `Content-Length`). One file per concern; this file holds the suite's fixtures.
//!
//! Every client here comes from [`builder`], so the whole suite runs through another transport
//! too: with the `reqwest` feature (`cargo test -p stripe-identity --features reqwest --test
//! generated client::`, which `.ci/run` runs) it sends through a `reqwest::Client`, proving
//! retries, errors, idempotency, limits and pagination are the client's, not the transport's. The
//! few tests of the built-in transport itself (TLS, its pool) say so and are left out of that run.

mod basics;
mod custom_transport;
mod headers;
mod identifying;
mod keep_alive;
mod limits;
mod pagination;
mod paths;
mod raw_server;
mod redaction;
mod retries;
mod transport;

use serde_json::{json, Value};
use stripe_identity::{Client, ClientBuilder};
use wiremock::{MockServer, Request};

pub(crate) use crate::support::{fast, session, KEY};

/// A builder with the suite's key and transport.
pub(crate) fn builder() -> ClientBuilder {
    let builder = stripe_identity::client(KEY);
    #[cfg(feature = "reqwest")]
    let builder = {
        use stripe_identity::transport::reqwest;
        // As the adapter's documentation asks: redirects are not followed.
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("reqwest builds");
        builder.transport(http)
    };
    builder
}

pub(crate) fn client(server: &MockServer) -> Client {
    builder()
        .base_url(server.uri())
        .backoff(fast())
        .build()
        .expect("client builds")
}

/// A client that fails on the first error, for tests of what an error looks like.
pub(crate) fn client_without_retries(server: &MockServer) -> Client {
    builder()
        .base_url(server.uri())
        .max_retries(0)
        .build()
        .expect("client builds")
}

pub(crate) fn error_body(error_type: &str, code: &str) -> Value {
    json!({"error": {"type": error_type, "code": code, "message": "Something is off.", "param": "type",
        "doc_url": "https://docs.stripe.com/error-codes", "decline_code": "generic_decline"}})
}

pub(crate) fn header_of(request: &Request, name: &str) -> Option<String> {
    request
        .headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}
