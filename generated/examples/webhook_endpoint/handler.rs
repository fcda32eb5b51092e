//! The webhook endpoint itself: an axum router with one route, `POST /webhook`, that checks the
//! `Stripe-Signature` header, decodes the body into an [`Event`] and decides what to do. Shared by
//! the example binary (`main.rs`) and its test (`tests/generated/webhook_endpoint.rs`), which serves this
//! same router on 127.0.0.1 and sends it signed and forged requests.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::Router;
use stripe_identity::{Event, EventPayload, VerificationSessionEventType, Webhook};

/// The endpoint's router, verifying with `webhook` (the endpoint's secret, tolerance and clock).
pub fn app(webhook: Webhook) -> Router {
    Router::new().route("/webhook", post(receive)).with_state(webhook)
}

/// Answers 200 with what it did, or 400 with which rule the request broke (never the secret or
/// the body). Stripe retries anything but a 2xx, so a refusal is seen again after a fix.
async fn receive(State(webhook): State<Webhook>, headers: HeaderMap, body: Bytes) -> (StatusCode, String) {
    // The raw bytes, untouched: the signature covers them exactly, so no JSON extractor here. A
    // header that is not visible ASCII cannot be Stripe's and counts as none.
    let signature = headers
        .get("stripe-signature")
        .and_then(|value| value.to_str().ok());
    match webhook.construct_event::<Event>(&body, signature) {
        Ok(event) => {
            let action = handle(&event);
            println!("{}: {action}", event.id);
            (StatusCode::OK, action)
        }
        Err(error) => {
            eprintln!("refused a webhook: {error}");
            (StatusCode::BAD_REQUEST, error.to_string())
        }
    }
}

/// What a real handler would do with `event`, as a sentence.
pub fn handle(event: &Event) -> String {
    match &event.payload {
        EventPayload::VerificationSession { type_, data } => {
            let session = &data.object;
            match type_ {
                VerificationSessionEventType::Verified => {
                    format!("fulfil: session {} is verified", session.id)
                }
                VerificationSessionEventType::RequiresInput => match &session.last_error {
                    Some(error) => format!(
                        "ask the user to try again: session {} needs input: {} ({})",
                        session.id,
                        error.code.as_ref().map_or("no code", |code| code.as_str()),
                        error.reason.as_deref().unwrap_or("no reason given"),
                    ),
                    None => format!("ask the user to try again: session {} needs input", session.id),
                },
                // Canceled, created, processing, redacted, and any type Stripe adds later.
                other => format!("noted: session {} {}", session.id, other.as_str()),
            }
        }
        EventPayload::Other { type_, .. } => format!("acknowledged: {type_} is not handled here"),
        // EventPayload is non-exhaustive: a later version may type more resources.
        _ => "acknowledged".to_owned(),
    }
}
