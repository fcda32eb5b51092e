//! Webhooks as Stripe delivers them: at least once, in no promised order, in the endpoint's API
//! version. A handler that takes each event at its word double-fulfils on a duplicate and
//! regresses on a stale event; one that reads the session's state from the API and fulfils once
//! passes. The delivery modes make each case reproducible.

use std::collections::{BTreeMap, BTreeSet};

use stripe_identity::*;
use stripe_identity_fake::{DeliveryMode, EndpointOptions, FakeStripe, Outcome};

use crate::client;
use crate::raw;
use crate::webhooks::{object_of, serve, Endpoint, SECRET};

/// What a handler has made of the events it was sent: each session's status and how often it
/// was fulfilled.
#[derive(Debug, Default, PartialEq)]
struct Orders {
    status: BTreeMap<String, String>,
    fulfilled: BTreeMap<String, u32>,
}

/// Written the easy way: each event taken at its word.
fn naive(events: &[Event]) -> Orders {
    let mut orders = Orders::default();
    for event in events {
        let EventPayload::VerificationSession { type_, data } = &event.payload else {
            continue;
        };
        let id = data.object.id.to_string();
        orders
            .status
            .insert(id.clone(), data.object.status.as_str().to_owned());
        if *type_ == VerificationSessionEventType::Verified {
            *orders.fulfilled.entry(id).or_default() += 1;
        }
    }
    orders
}

/// Written for Stripe's delivery: the event only says "look again"; the session's state comes
/// from the API, and a session is fulfilled once.
async fn careful(events: &[Event], stripe: &Client) -> Orders {
    let mut orders = Orders::default();
    for event in events {
        let id = object_of(event).id.to_string();
        let now = stripe
            .send(&RetrieveVerificationSession::new(id.as_str()))
            .await
            .expect("the session");
        orders.status.insert(id.clone(), now.status.as_str().to_owned());
        if now.status == VerificationSessionStatus::Verified {
            orders.fulfilled.entry(id).or_insert(1);
        }
    }
    orders
}

/// The events `endpoint` received, decoded as the crate decodes them, in the order received.
fn received(endpoint: &Endpoint) -> Vec<Event> {
    let webhook = Webhook::new(SECRET);
    endpoint
        .received
        .lock()
        .unwrap()
        .iter()
        .map(|(body, signature)| webhook.construct_event(body, Some(signature)).expect("signed"))
        .collect()
}

/// The events' types, without the resource's prefix.
fn types(events: &[Event]) -> Vec<String> {
    events
        .iter()
        .map(|event| match &event.payload {
            EventPayload::VerificationSession { type_, .. } => type_
                .as_str()
                .trim_start_matches("identity.verification_session.")
                .to_owned(),
            other => panic!("a session event, not {other:?}"),
        })
        .collect()
}

/// A fake whose one endpoint receives in `mode`; the person verifies one session. Returns what
/// the endpoint received, the session's ID and a client.
async fn verify_one(mode: DeliveryMode) -> (FakeStripe, Endpoint, String) {
    let endpoint = Endpoint::default();
    let url = serve(endpoint.clone()).await;
    let fake = FakeStripe::builder().delivery_mode(mode).start().await.unwrap();
    fake.add_webhook_endpoint(&url, SECRET).unwrap();
    let session = crate::create(&client(&fake)).await;
    fake.wait_for_event("identity.verification_session.created")
        .await
        .unwrap();
    fake.submit(session.id.as_str(), Outcome::Verified).unwrap();
    // Both, whichever order they go in.
    for event_type in [
        "identity.verification_session.processing",
        "identity.verification_session.verified",
    ] {
        fake.wait_for_session_event(session.id.as_str(), event_type)
            .await
            .unwrap();
    }
    (fake, endpoint, session.id.to_string())
}

#[tokio::test]
async fn in_order_is_the_default_and_the_easy_case() {
    let (fake, endpoint, id) = verify_one(DeliveryMode::InOrder).await;
    let events = received(&endpoint);
    assert_eq!(types(&events), ["created", "processing", "verified"]);
    let expected = Orders {
        status: BTreeMap::from([(id.clone(), "verified".to_owned())]),
        fulfilled: BTreeMap::from([(id, 1)]),
    };
    assert_eq!(
        naive(&events),
        expected,
        "in order, once each: even the naive handler passes"
    );
    assert_eq!(careful(&events, &client(&fake)).await, expected);
}

#[tokio::test]
async fn duplicated_delivers_every_event_again_after_a_later_one() {
    let (fake, endpoint, id) = verify_one(DeliveryMode::Duplicated).await;
    // A later event (another session's), after which `verified` comes again.
    let later = crate::create(&client(&fake)).await;
    fake.wait_for_session_event(later.id.as_str(), "identity.verification_session.created")
        .await
        .unwrap();
    fake.wait_for_session_event(&id, "identity.verification_session.verified")
        .await
        .unwrap();
    let events = received(&endpoint);
    assert_eq!(
        types(&events),
        [
            "created",
            "processing",
            "created",
            "verified",
            "processing",
            "created",
            "verified"
        ],
        "each event again after the next later one"
    );
    assert_eq!(
        naive(&events).fulfilled[&id],
        2,
        "the naive handler fulfils twice"
    );
    let careful = careful(&events, &client(&fake)).await;
    assert_eq!(
        (careful.fulfilled[&id], careful.status[&id].as_str()),
        (1, "verified")
    );
    // A repeat is marked as one; `pending_webhooks` counted the endpoint down once.
    let repeats = fake.deliveries().iter().filter(|d| d.repeat).count();
    assert_eq!(repeats, 3);
    assert!(fake.events().iter().all(|event| event["pending_webhooks"] == 0));
}

#[tokio::test]
async fn shuffled_is_reproducible_by_its_seed_and_puts_stale_events_last() {
    let mut verified_first = Vec::new();
    for seed in 0..8 {
        let (_fake, endpoint, _) = verify_one(DeliveryMode::Shuffled { seed }).await;
        let order = types(&received(&endpoint));
        let (_again, endpoint, _) = verify_one(DeliveryMode::Shuffled { seed }).await;
        assert_eq!(
            order,
            types(&received(&endpoint)),
            "seed {seed}: the same order every run"
        );
        let mut sorted = order.clone();
        sorted.sort();
        assert_eq!(sorted, ["created", "processing", "verified"], "each once");
        if order == ["created", "verified", "processing"] {
            verified_first.push(seed);
        }
    }
    let seed = *verified_first
        .first()
        .expect("some seed delivers `verified` before `processing`");
    let (fake, endpoint, id) = verify_one(DeliveryMode::Shuffled { seed }).await;
    let events = received(&endpoint);
    assert_eq!(
        naive(&events).status[&id],
        "processing",
        "the naive handler regresses"
    );
    assert_eq!(careful(&events, &client(&fake)).await.status[&id], "verified");
}

#[tokio::test]
async fn redeliver_sends_an_event_again_from_rust_and_over_http() {
    let (fake, endpoint, id) = verify_one(DeliveryMode::InOrder).await;
    let verified = fake
        .events()
        .into_iter()
        .find(|event| event["type"] == "identity.verification_session.verified")
        .unwrap();
    let event_id = verified["id"].as_str().unwrap().to_owned();
    fake.redeliver(&event_id).unwrap();
    fake.wait_for_event("identity.verification_session.verified")
        .await
        .unwrap();
    let answer = raw(
        &fake,
        "POST",
        &format!("/_fake/events/{event_id}/redeliver"),
        &[],
        "",
    )
    .await;
    assert_eq!(
        (answer.status, answer.body["deliveries"].as_u64()),
        (200, Some(1)),
        "{:#}",
        answer.body
    );
    fake.wait_for_event("identity.verification_session.verified")
        .await
        .unwrap();
    let events = received(&endpoint);
    assert_eq!(
        types(&events),
        ["created", "processing", "verified", "verified", "verified"]
    );
    assert_eq!(naive(&events).fulfilled[&id], 3);
    assert_eq!(careful(&events, &client(&fake)).await.fulfilled[&id], 1);
    assert!(fake.redeliver("evt_missing").is_err());
    let missing = raw(&fake, "POST", "/_fake/events/evt_missing/redeliver", &[], "").await;
    assert_eq!(missing.status, 404);
}

#[tokio::test]
async fn an_endpoint_on_another_api_version_gets_events_stamped_with_it() {
    let (endpoint, older) = (Endpoint::default(), Endpoint::default());
    let (url, older_url) = (serve(endpoint.clone()).await, serve(older.clone()).await);
    let fake = FakeStripe::start().await;
    fake.add_webhook_endpoint(&url, SECRET).unwrap();
    let options = EndpointOptions::new().api_version("2024-06-20");
    fake.add_webhook_endpoint_with(&older_url, SECRET, options)
        .unwrap();
    let session = crate::create(&client(&fake)).await;
    fake.wait_for_session_event(session.id.as_str(), "identity.verification_session.created")
        .await
        .unwrap();
    // The endpoint on the crate's version: decoded.
    assert_eq!(received(&endpoint)[0].api_version.as_deref(), Some(API_VERSION));
    // The other: refused by the crate, naming both versions, unless it opts in.
    let (body, signature) = older.received.lock().unwrap()[0].clone();
    let error = Webhook::new(SECRET)
        .construct_event::<Event>(&body, Some(&signature))
        .expect_err("another version");
    assert_eq!(
        error,
        WebhookError::ApiVersionMismatch {
            event: Some("2024-06-20".to_owned()),
            expected: API_VERSION.to_owned(),
        }
    );
    let event: Event = Webhook::new(SECRET)
        .ignore_api_version_mismatch()
        .construct_event(&body, Some(&signature))
        .expect("opted in");
    assert_eq!(event.api_version.as_deref(), Some("2024-06-20"));

    // Over HTTP: the endpoint's version and delivery mode are parameters.
    let form = format!("url={older_url}&secret={SECRET}&api_version=2024-06-20&delivery=shuffled&seed=3");
    let answer = raw(&fake, "POST", "/_fake/webhook_endpoints", &[], form).await;
    assert_eq!(answer.status, 200, "{:#}", answer.body);
    assert_eq!(answer.body["api_version"], "2024-06-20");
    let bad = raw(
        &fake,
        "POST",
        "/_fake/webhook_endpoints",
        &[],
        format!("url={url}&secret={SECRET}&delivery=sometimes"),
    )
    .await;
    assert_eq!(
        (bad.status, bad.body["error"]["param"].as_str()),
        (400, Some("delivery"))
    );
}

#[tokio::test]
async fn wait_for_session_event_waits_for_that_session_and_pending_webhooks_counts_down() {
    let (good, failing) = (Endpoint::default(), Endpoint::default());
    *failing.fail_first.lock().unwrap() = u32::MAX;
    let (good_url, failing_url) = (serve(good.clone()).await, serve(failing).await);
    let fake = FakeStripe::builder()
        .webhook_retry(stripe_identity_fake::WebhookRetry {
            max_attempts: 2,
            first_wait: std::time::Duration::from_millis(5),
            ..Default::default()
        })
        .start()
        .await
        .unwrap();
    fake.add_webhook_endpoint(&good_url, SECRET).unwrap();
    fake.add_webhook_endpoint(&failing_url, SECRET).unwrap();
    let client = client(&fake);
    let (first, second) = (crate::create(&client).await, crate::create(&client).await);
    let event = fake
        .wait_for_session_event(second.id.as_str(), "identity.verification_session.created")
        .await
        .expect("one endpoint took it");
    assert_eq!(object_of(&event).id, second.id);
    let first_event = fake
        .wait_for_session_event(first.id.as_str(), "identity.verification_session.created")
        .await
        .unwrap();
    assert_eq!(object_of(&first_event).id, first.id);
    // One of the two endpoints never took it: still pending there.
    assert_eq!(event.pending_webhooks, 1);
    let ids: BTreeSet<String> = received(&good)
        .iter()
        .map(|e| object_of(e).id.to_string())
        .collect();
    assert_eq!(ids, BTreeSet::from([first.id.to_string(), second.id.to_string()]));
}
