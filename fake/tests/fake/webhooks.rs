//! Webhooks: every step of a session is an event, delivered signed to each endpoint that enables
//! it; the crate's `Webhook` accepts the signature; a failed delivery is retried; the event says
//! what changed and which request caused it.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use stripe_identity::*;
use stripe_identity_fake::{FakeStripe, Outcome, WaitError, WebhookRetry};

use crate::client;

/// The session an event is about.
pub(crate) fn object_of(event: &Event) -> &VerificationSession {
    match &event.payload {
        EventPayload::VerificationSession { data, .. } => &data.object,
        other => panic!("a session event, not {other:?}"),
    }
}

/// What a session event's object changed from, as JSON.
fn previous_of(event: &Event) -> serde_json::Value {
    match &event.payload {
        EventPayload::VerificationSession { data, .. } => {
            data.previous_attributes.clone().unwrap_or_default()
        }
        other => panic!("a session event, not {other:?}"),
    }
}

pub(crate) const SECRET: &str = "whsec_fake_test";

/// What a test endpoint received, and how many of its first answers are 500.
#[derive(Clone, Default)]
pub(crate) struct Endpoint {
    pub(crate) received: Arc<Mutex<Vec<(Bytes, String)>>>,
    pub(crate) fail_first: Arc<Mutex<u32>>,
}

async fn receive(State(endpoint): State<Endpoint>, headers: HeaderMap, body: Bytes) -> StatusCode {
    let signature = headers
        .get("stripe-signature")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    endpoint.received.lock().unwrap().push((body, signature));
    let mut fail = endpoint.fail_first.lock().unwrap();
    if *fail > 0 {
        *fail -= 1;
        StatusCode::INTERNAL_SERVER_ERROR
    } else {
        StatusCode::OK
    }
}

/// Serves a recording endpoint on 127.0.0.1; returns its URL.
pub(crate) async fn serve(endpoint: Endpoint) -> String {
    let app = axum::Router::new()
        .route("/hook", axum::routing::post(receive))
        .with_state(endpoint);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    url
}

#[tokio::test]
async fn every_transition_is_delivered_signed_and_verifies() {
    let endpoint = Endpoint::default();
    let url = serve(endpoint.clone()).await;
    let fake = FakeStripe::start().await;
    fake.add_webhook_endpoint(&url, SECRET).unwrap();
    let client = client(&fake);
    let options = RequestOptions::new().idempotency_key("create-1");
    let session = client
        .send_with(
            &CreateVerificationSession::new().type_(CreateVerificationSessionType::Document),
            &options,
        )
        .await
        .unwrap();
    let created = fake
        .wait_for_event("identity.verification_session.created")
        .await
        .unwrap();
    let request = created.request.as_ref().expect("caused by a request");
    assert_eq!(request.idempotency_key.as_deref(), Some("create-1"));
    assert!(request.id.as_deref().unwrap_or_default().starts_with("req_"));
    assert_eq!(object_of(&created).id, session.id);
    assert_eq!(created.pending_webhooks, 0, "counted down once delivered");
    assert_eq!(created.api_version.as_deref(), Some(stripe_identity::API_VERSION));

    fake.submit(session.id.as_str(), Outcome::Verified).unwrap();
    let verified = fake
        .wait_for_event("identity.verification_session.verified")
        .await
        .unwrap();
    assert_eq!(previous_of(&verified)["status"], "processing");
    assert!(
        verified
            .request
            .as_ref()
            .is_none_or(|request| request.id.is_none()),
        "the person's side is no API request"
    );
    let processing = fake
        .wait_for_event("identity.verification_session.processing")
        .await
        .unwrap();
    assert_eq!(previous_of(&processing)["status"], "requires_input");

    let second = crate::create(&client).await;
    client
        .send(&CancelVerificationSession::new(second.id.as_str()))
        .await
        .unwrap();
    fake.wait_for_event("identity.verification_session.canceled")
        .await
        .unwrap();
    client
        .send(&RedactVerificationSession::new(session.id.as_str()))
        .await
        .unwrap();
    fake.finish_redaction(session.id.as_str()).unwrap();
    let redacted = fake
        .wait_for_event("identity.verification_session.redacted")
        .await
        .unwrap();
    let redaction = object_of(&redacted).redaction.as_ref().map(|r| r.status.as_str());
    assert_eq!(redaction, Some("redacted"));

    let webhook = Webhook::new(SECRET);
    let received = endpoint.received.lock().unwrap().clone();
    let mut types = Vec::new();
    for (body, signature) in &received {
        let event: Event = webhook
            .construct_event(body, Some(signature))
            .expect("signed as Stripe signs");
        let EventPayload::VerificationSession { type_, data } = &event.payload else {
            panic!("a session event")
        };
        assert!(data.object.id == session.id || data.object.id == second.id);
        types.push(type_.as_str().to_owned());
    }
    types.sort();
    assert_eq!(
        types,
        [
            "identity.verification_session.canceled",
            "identity.verification_session.created",
            "identity.verification_session.created",
            "identity.verification_session.processing",
            "identity.verification_session.redacted",
            "identity.verification_session.verified"
        ]
    );
    assert!(Webhook::new("whsec_other")
        .construct_event::<Event>(&received[0].0, Some(&received[0].1))
        .is_err());
    assert!(fake
        .deliveries()
        .iter()
        .all(|d| d.delivered && d.attempts == 1 && d.last_status == Some(200)));
}

#[tokio::test]
async fn a_failed_delivery_is_retried_until_it_succeeds() {
    let endpoint = Endpoint::default();
    *endpoint.fail_first.lock().unwrap() = 2;
    let url = serve(endpoint.clone()).await;
    let fake = FakeStripe::start().await;
    fake.add_webhook_endpoint(&url, SECRET).unwrap();
    crate::create(&client(&fake)).await;
    fake.wait_for_event("identity.verification_session.created")
        .await
        .unwrap();
    let deliveries = fake.deliveries();
    assert_eq!(deliveries.len(), 1);
    assert_eq!(
        (
            deliveries[0].attempts,
            deliveries[0].last_status,
            deliveries[0].delivered
        ),
        (3, Some(200), true)
    );
    let received = endpoint.received.lock().unwrap();
    assert_eq!(received.len(), 3);
    assert_eq!(received[0].0, received[2].0, "the same event each time");
    for (body, signature) in received.iter() {
        Webhook::new(SECRET)
            .verify(body, Some(signature))
            .expect("every attempt is signed");
    }
}

#[tokio::test]
async fn retries_are_bounded_and_an_unreachable_endpoint_gives_up() {
    let fake = FakeStripe::builder()
        .webhook_retry(WebhookRetry {
            max_attempts: 3,
            first_wait: Duration::from_millis(5),
            ..WebhookRetry::default()
        })
        .start()
        .await
        .unwrap();
    // A port nothing listens on: bind one, then free it.
    let closed = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .unwrap()
        .local_addr()
        .unwrap();
    fake.add_webhook_endpoint(&format!("http://{closed}/hook"), SECRET)
        .unwrap();
    crate::create(&client(&fake)).await;
    // Waiting for it fails, naming the endpoint and what it answered.
    let error = fake
        .wait_for_event("identity.verification_session.created")
        .await
        .expect_err("never delivered");
    assert!(
        matches!(
            &error,
            WaitError::Undelivered {
                attempts: 3,
                last_status: None,
                ..
            }
        ),
        "{error:?}"
    );
    let message = error.to_string();
    assert!(
        message.contains(&format!("http://{closed}/hook")) && message.contains("no answer"),
        "{message}"
    );
    assert_eq!(fake.events()[0]["pending_webhooks"], 1, "still pending");
    let delivery = &fake.deliveries()[0];
    assert_eq!(
        (
            delivery.attempts,
            delivery.last_status,
            delivery.delivered,
            delivery.finished
        ),
        (3, None, false, true)
    );
}

#[tokio::test]
async fn an_endpoint_receives_only_the_types_it_enables() {
    let endpoint = Endpoint::default();
    let url = serve(endpoint.clone()).await;
    let fake = FakeStripe::start().await;
    fake.add_webhook_endpoint_for(&url, SECRET, &["identity.verification_session.verified"])
        .unwrap();
    let session = crate::create(&client(&fake)).await;
    fake.submit(session.id.as_str(), Outcome::Verified).unwrap();
    fake.wait_for_event("identity.verification_session.verified")
        .await
        .unwrap();
    assert_eq!(fake.events().len(), 3, "created, processing, verified");
    assert_eq!(fake.deliveries().len(), 1);
    assert_eq!(endpoint.received.lock().unwrap().len(), 1);
    assert!(
        fake.add_webhook_endpoint("https://example.com/hook", SECRET)
            .is_err(),
        "plain http only"
    );
    assert!(fake.add_webhook_endpoint(&url, "not-a-secret").is_err());
}

#[tokio::test]
async fn two_endpoints_on_one_url_each_get_their_own_signature() {
    let endpoint = Endpoint::default();
    let url = serve(endpoint.clone()).await;
    let fake = FakeStripe::start().await;
    fake.add_webhook_endpoint(&url, "whsec_one").unwrap();
    fake.add_webhook_endpoint(&url, "whsec_two").unwrap();
    crate::create(&client(&fake)).await;
    fake.wait_for_event("identity.verification_session.created")
        .await
        .unwrap();
    let received = endpoint.received.lock().unwrap().clone();
    assert_eq!(received.len(), 2);
    let verifies = |secret: &str| {
        received
            .iter()
            .filter(|(body, signature)| Webhook::new(secret).verify(body, Some(signature)).is_ok())
            .count()
    };
    assert_eq!((verifies("whsec_one"), verifies("whsec_two")), (1, 1));
}

#[tokio::test]
async fn events_carry_no_includable_field_and_redaction_leaks_nothing() {
    let fake = FakeStripe::start().await;
    let client = client(&fake);
    let session = client
        .send(
            &CreateVerificationSession::new()
                .type_(CreateVerificationSessionType::Document)
                .provided_details(ProvidedDetailsParam::default().email("jenny@example.com"))
                .metadata([("order", "7")]),
        )
        .await
        .unwrap();
    let id = session.id.as_str();
    fake.submit(id, Outcome::Verified).unwrap();
    client.send(&RedactVerificationSession::new(id)).await.unwrap();
    fake.finish_redaction(id).unwrap();
    let events = fake.events();
    let verified = events
        .iter()
        .find(|e| e["type"] == "identity.verification_session.verified")
        .unwrap();
    assert!(
        verified["data"]["object"].get("verified_outputs").is_none(),
        "retrieve with expand to read it"
    );
    assert!(verified["data"]["object"].get("provided_details").is_none());
    let redacted = events
        .iter()
        .find(|e| e["type"] == "identity.verification_session.redacted")
        .unwrap();
    assert_eq!(
        redacted["data"]["previous_attributes"],
        serde_json::json!({"redaction": {"status": "processing"}})
    );
    let text = serde_json::to_string(&events).unwrap();
    assert!(
        !text.contains("jenny@example.com") && !text.contains("Jenny"),
        "no event carries the person's data"
    );
}

#[tokio::test]
async fn wait_for_event_after_counts_events_of_its_type() {
    let fake = FakeStripe::start().await;
    let client = client(&fake);
    let first = crate::create(&client).await;
    let second = crate::create(&client).await;
    let code = GelatoSessionLastErrorCode::Abandoned;
    fake.submit(first.id.as_str(), Outcome::RequiresInput(code.clone()))
        .unwrap();
    fake.submit(second.id.as_str(), Outcome::RequiresInput(code))
        .unwrap();
    let event = fake
        .wait_for_event_after(
            "identity.verification_session.requires_input",
            1,
            Duration::from_secs(5),
        )
        .await
        .unwrap();
    assert_eq!(object_of(&event).id, second.id);
}

#[tokio::test]
async fn the_person_can_act_from_a_plain_thread() {
    let endpoint = Endpoint::default();
    let url = serve(endpoint.clone()).await;
    let fake = std::sync::Arc::new(FakeStripe::start().await);
    fake.add_webhook_endpoint(&url, SECRET).unwrap();
    let session = crate::create(&client(&fake)).await;
    let from_thread = fake.clone();
    let id = session.id.to_string();
    std::thread::spawn(move || from_thread.submit(&id, Outcome::Verified).map(|_| ()))
        .join()
        .expect("no panic outside the runtime")
        .unwrap();
    fake.wait_for_event("identity.verification_session.verified")
        .await
        .unwrap();
    assert_eq!(
        endpoint.received.lock().unwrap().len(),
        3,
        "created, processing, verified"
    );
}

#[tokio::test]
async fn one_endpoint_gets_each_sessions_events_in_order() {
    let endpoint = Endpoint::default();
    let url = serve(endpoint.clone()).await;
    let fake = FakeStripe::start().await;
    fake.add_webhook_endpoint(&url, SECRET).unwrap();
    let client = client(&fake);
    let mut ids = Vec::new();
    for _ in 0..30 {
        let session = crate::create(&client).await;
        fake.submit(session.id.as_str(), Outcome::Verified).unwrap();
        ids.push(session.id);
    }
    fake.wait_for_event_after(
        "identity.verification_session.verified",
        29,
        Duration::from_secs(10),
    )
    .await
    .unwrap();
    let received: Vec<Event> = endpoint
        .received
        .lock()
        .unwrap()
        .iter()
        .map(|(body, signature)| {
            Webhook::new(SECRET)
                .construct_event(body, Some(signature))
                .unwrap()
        })
        .collect();
    assert_eq!(received.len(), 90);
    let order: Vec<String> = received.iter().map(|event| event.id.to_string()).collect();
    let sent: Vec<String> = fake
        .events()
        .iter()
        .map(|event| event["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(order, sent, "delivered in the order the events happened");
}
