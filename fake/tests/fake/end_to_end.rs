//! The test a user would copy: the example webhook endpoint (`generated/examples/
//! webhook_endpoint/`) served on 127.0.0.1, the fake sending it real signed events, and the
//! application's side (create a session, read the outcome) through the crate's client. The
//! person verifies, and the endpoint fulfils; the person fails, and the endpoint reads
//! `last_error`. No sleeps: `wait_for_event` returns once the endpoint has answered.

#[path = "../../../generated/examples/webhook_endpoint/handler.rs"]
mod handler;

use stripe_identity::*;
use stripe_identity_fake::{FakeStripe, Outcome};

const WEBHOOK_SECRET: &str = "whsec_end_to_end";

#[tokio::test]
async fn the_example_endpoint_fulfils_a_verified_session_and_asks_again_after_a_failure() {
    // The application's webhook endpoint, exactly as the example serves it.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let endpoint = format!("http://{}/webhook", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, handler::app(Webhook::new(WEBHOOK_SECRET))).await });

    // Stripe, locally.
    let fake = FakeStripe::start().await;
    fake.add_webhook_endpoint(&endpoint, WEBHOOK_SECRET).unwrap();
    let stripe = stripe_identity::client("sk_test_end_to_end")
        .base_url(fake.base_url())
        .build()
        .unwrap();

    // The application starts a verification.
    let session = stripe
        .send(
            &CreateVerificationSession::new()
                .type_(CreateVerificationSessionType::Document)
                .metadata([("order_id", "42")]),
        )
        .await
        .unwrap();
    assert!(session.url.is_some(), "a page to send the person to");

    // The person verifies: the endpoint is told, and fulfils.
    fake.submit(session.id.as_str(), Outcome::Verified).unwrap();
    fake.wait_for_event("identity.verification_session.verified")
        .await
        .unwrap();
    let fulfilled = fake
        .deliveries()
        .into_iter()
        .find(|delivery| delivery.event_type == "identity.verification_session.verified")
        .unwrap();
    assert_eq!(fulfilled.last_status, Some(200));
    assert_eq!(
        fulfilled.last_response.as_deref(),
        Some(format!("fulfil: session {} is verified", session.id).as_str())
    );

    // Another person's document has expired: the endpoint reads last_error and asks again.
    let retry = stripe
        .send(&CreateVerificationSession::new().type_(CreateVerificationSessionType::Document))
        .await
        .unwrap();
    fake.submit(
        retry.id.as_str(),
        Outcome::RequiresInput(GelatoSessionLastErrorCode::DocumentExpired),
    )
    .unwrap();
    fake.wait_for_event("identity.verification_session.requires_input")
        .await
        .unwrap();
    let asked = fake
        .deliveries()
        .into_iter()
        .find(|delivery| delivery.event_type == "identity.verification_session.requires_input")
        .unwrap();
    let answer = asked.last_response.unwrap_or_default();
    assert!(
        answer.starts_with(&format!(
            "ask the user to try again: session {} needs input: document_expired",
            retry.id
        )),
        "{answer}"
    );

    // And the application sees the same state through the API.
    let reread = stripe
        .send(&RetrieveVerificationSession::new(retry.id.as_str()))
        .await
        .unwrap();
    assert_eq!(
        reread.last_error.and_then(|error| error.code),
        Some(GelatoSessionLastErrorCode::DocumentExpired)
    );
}
