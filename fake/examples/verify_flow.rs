//! The whole Stripe Identity flow, step by step, with no Stripe account: a webhook endpoint on
//! 127.0.0.1, the in-process fake as Stripe, the application creating a session, the person
//! verifying, the signed webhook reaching the endpoint, and the endpoint fulfilling (retrieving
//! the session with `verified_outputs` expanded, once, however often the event is delivered).
//!
//! ```sh
//! cargo run -p stripe-identity-fake --example verify_flow
//! ```
//!
//! With `STRIPE_SECRET_KEY` set to a test-mode key, the same application code runs against
//! Stripe's test mode instead: it creates a session, prints the page to open (in test mode the
//! page lets you choose the outcome), polls until the session leaves `requires_input`, and
//! fulfils as the handler would. There is no webhook step then: Stripe cannot reach an endpoint
//! on 127.0.0.1 (for that, serve one and forward to it with `stripe listen --forward-to`).

use std::collections::HashSet;
use std::process::ExitCode;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::Router;
use stripe_identity::{
    Client, CreateVerificationSession, CreateVerificationSessionType, Event, EventPayload,
    RetrieveVerificationSession, VerificationSessionEventType, VerificationSessionId,
    VerificationSessionStatus, Webhook,
};
use stripe_identity_fake::{FakeStripe, Outcome};

type Failure = Box<dyn std::error::Error + Send + Sync>;

const WEBHOOK_SECRET: &str = "whsec_verify_flow";

#[tokio::main]
async fn main() -> ExitCode {
    let result = match std::env::var("STRIPE_SECRET_KEY") {
        // A live key would verify real people and cost money: this example is for test mode.
        Ok(key) if key.starts_with("sk_live_") || key.starts_with("rk_live_") => {
            eprintln!("STRIPE_SECRET_KEY is a live-mode key: use a test-mode key (sk_test_…)");
            return ExitCode::from(2);
        }
        Ok(key) if !key.is_empty() => against_stripe(key).await,
        _ => offline().await,
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            let mut cause = error.source();
            while let Some(inner) = cause {
                eprintln!("  caused by: {inner}");
                cause = inner.source();
            }
            ExitCode::FAILURE
        }
    }
}

/// The flow against the fake, in this process.
async fn offline() -> Result<(), Failure> {
    let fake = FakeStripe::start().await;
    println!("1. Stripe (the fake) listens on {}", fake.base_url());
    let stripe = Client::builder("sk_test_verify_flow")
        .base_url(fake.base_url())
        .build()?;

    let app = App {
        stripe: stripe.clone(),
        fulfilled: Arc::new(Mutex::new(HashSet::new())),
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let endpoint = format!("http://{}/webhook", listener.local_addr()?);
    let router = endpoint_router(Webhook::new(WEBHOOK_SECRET), app.clone());
    tokio::spawn(async move { axum::serve(listener, router).await });
    fake.add_webhook_endpoint(&endpoint, WEBHOOK_SECRET)?;
    println!("2. the application's webhook endpoint listens on {endpoint}");

    let session = create_session(&stripe).await?;
    println!(
        "3. created {} ({}); the person is sent to its URL",
        session.0, session.1
    );

    fake.submit(session.0.as_str(), Outcome::Verified)?;
    println!("4. the person submits a document and it verifies");

    fake.wait_for_event("identity.verification_session.verified")
        .await?;
    for delivery in fake.deliveries() {
        println!(
            "5. webhook {} -> {}",
            delivery.event_type,
            delivery.last_response.as_deref().unwrap_or("(no answer)")
        );
    }
    // Stripe delivers an event at least once: the same verified event, delivered again (as Stripe
    // does when an answer is lost), must not fulfil twice.
    let verified = fake
        .events()
        .into_iter()
        .rev()
        .find(|event| event["type"] == "identity.verification_session.verified")
        .ok_or("no verified event")?;
    let body = serde_json::to_vec(&verified)?;
    let webhook = Webhook::new(WEBHOOK_SECRET);
    let mut headers = HeaderMap::new();
    headers.insert(
        "stripe-signature",
        webhook.signature_header(&body, fake.now()).parse()?,
    );
    let (status, answer) = receive(State((webhook, app.clone())), headers, Bytes::from(body)).await;
    println!("6. the verified event, delivered again -> {status}: {answer}");
    let fulfilled = app.fulfilled.lock().map_err(|_| "poisoned")?.len();
    println!("7. orders fulfilled: {fulfilled}");
    fake.shutdown().await;
    Ok(())
}

/// The same application code against Stripe's test mode.
async fn against_stripe(key: String) -> Result<(), Failure> {
    let stripe = Client::new(key)?;
    let (id, status, url) = create_session(&stripe).await?;
    println!("1. created {id} ({status}) in test mode");
    println!("2. open this page and choose an outcome (it expires; do not share it):\n   {url}");
    let deadline = tokio::time::Instant::now() + Duration::from_secs(600);
    loop {
        tokio::time::sleep(Duration::from_secs(3)).await;
        let session = stripe.send(&RetrieveVerificationSession::new(id.clone())).await?;
        if session.status != VerificationSessionStatus::RequiresInput
            || tokio::time::Instant::now() > deadline
        {
            println!("3. the session is now {}", session.status);
            if session.status == VerificationSessionStatus::Verified {
                println!("4. {}", fulfil(&stripe, &id).await?);
            }
            return Ok(());
        }
    }
}

/// What the application does when a customer starts verifying: a document check, with the
/// order it is for in the metadata. Returns the ID, the status and the page to send them to.
async fn create_session(
    stripe: &Client,
) -> Result<(VerificationSessionId, VerificationSessionStatus, String), Failure> {
    let session = stripe
        .send(
            &CreateVerificationSession::new()
                .type_(CreateVerificationSessionType::Document)
                .metadata([("order_id", "42")]),
        )
        .await?;
    let url = session
        .url
        .as_ref()
        .map(|url| url.expose().to_owned())
        .unwrap_or_default();
    Ok((session.id, session.status, url))
}

/// The application's state: its Stripe client and the sessions it has fulfilled (a database
/// table in a real service).
#[derive(Clone)]
struct App {
    stripe: Client,
    fulfilled: Arc<Mutex<HashSet<VerificationSessionId>>>,
}

fn endpoint_router(webhook: Webhook, app: App) -> Router {
    Router::new()
        .route("/webhook", post(receive))
        .with_state((webhook, app))
}

/// Checks the signature, then acts on the event. Stripe delivers an event at least once and in
/// no promised order, so fulfilling is idempotent: keyed by the session, done once.
async fn receive(
    State((webhook, app)): State<(Webhook, App)>,
    headers: HeaderMap,
    body: Bytes,
) -> (StatusCode, String) {
    let signature = headers
        .get("stripe-signature")
        .and_then(|value| value.to_str().ok());
    let event: Event = match webhook.construct_event(&body, signature) {
        Ok(event) => event,
        Err(error) => return (StatusCode::BAD_REQUEST, error.to_string()),
    };
    let EventPayload::VerificationSession { type_, data } = &event.payload else {
        return (StatusCode::OK, "not an Identity event".to_owned());
    };
    if *type_ != VerificationSessionEventType::Verified {
        return (StatusCode::OK, format!("noted: {}", type_.as_str()));
    }
    let id = data.object.id.clone();
    let first = match app.fulfilled.lock() {
        Ok(mut done) => done.insert(id.clone()),
        Err(_) => return (StatusCode::INTERNAL_SERVER_ERROR, "poisoned".to_owned()),
    };
    if !first {
        return (StatusCode::OK, format!("already fulfilled {id}"));
    }
    match fulfil(&app.stripe, &id).await {
        Ok(done) => (StatusCode::OK, done),
        Err(error) => {
            // Answer 500: Stripe delivers the event again, and the next delivery tries again.
            if let Ok(mut done) = app.fulfilled.lock() {
                done.remove(&id);
            }
            (StatusCode::INTERNAL_SERVER_ERROR, error.to_string())
        }
    }
}

/// The event's copy of the session never carries the verified data: retrieve it, expanded.
async fn fulfil(stripe: &Client, id: &VerificationSessionId) -> Result<String, Failure> {
    let session = stripe
        .send(&RetrieveVerificationSession::new(id.clone()).expand(["verified_outputs"]))
        .await?;
    let name = session
        .verified_outputs
        .as_ref()
        .and_then(|outputs| outputs.first_name.clone())
        .unwrap_or_default();
    Ok(format!(
        "fulfilled order {} for {name} (session {id})",
        session.metadata.get("order_id").map_or("?", String::as_str)
    ))
}
