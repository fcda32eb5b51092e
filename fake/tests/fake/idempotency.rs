//! Idempotency as Stripe does it: the same key and parameters replay the first answer (same
//! session, same bytes), other parameters under that key are an `idempotency_error`, and keys
//! belong to one API key.

use stripe_identity::*;
use stripe_identity_fake::FakeStripe;

use crate::{client, raw};

const SESSIONS: &str = "/v1/identity/verification_sessions";

#[tokio::test]
async fn the_same_key_replays_and_other_parameters_conflict() {
    let fake = FakeStripe::start().await;
    let client = client(&fake);
    let request = CreateVerificationSession::new().type_(CreateVerificationSessionType::Document);
    let options = RequestOptions::new().idempotency_key("order-7");
    let first = client.send_with(&request, &options).await.expect("created");
    let again = client.send_with(&request, &options).await.expect("replayed");
    assert_eq!(first, again, "the same session, not a second one");
    assert_eq!(
        client
            .send(&ListVerificationSessions::new())
            .await
            .unwrap()
            .data
            .len(),
        1
    );

    let other = CreateVerificationSession::new().type_(CreateVerificationSessionType::IdNumber);
    let error = client.send_with(&other, &options).await.expect_err("conflict");
    assert_eq!(error.kind(), ErrorKind::Idempotency);
    assert_eq!(
        error.api_error().map(|api| (api.status, api.error_type.as_str())),
        Some((400, "idempotency_error"))
    );
}

#[tokio::test]
async fn a_replay_is_byte_for_byte_and_says_so() {
    let fake = FakeStripe::start().await;
    let headers = [("idempotency-key", "k1")];
    let first = raw(&fake, "POST", SESSIONS, &headers, "type=document&metadata[a]=1").await;
    let second = raw(&fake, "POST", SESSIONS, &headers, "type=document&metadata[a]=1").await;
    assert_eq!((first.status, second.status), (200, 200));
    assert_eq!(first.body, second.body);
    assert_eq!(second.headers["idempotent-replayed"], "true");
    assert_eq!(second.headers["original-request"], first.headers["request-id"]);
    assert_eq!(second.headers["stripe-version"], first.headers["stripe-version"]);
    // An error the operation answered is saved as well (the session was already canceled).
    let id = first.body["id"].as_str().unwrap().to_owned();
    let cancel = format!("{SESSIONS}/{id}/cancel");
    assert_eq!(raw(&fake, "POST", &cancel, &[], "").await.status, 200);
    let refused = raw(&fake, "POST", &cancel, &[("idempotency-key", "k2")], "").await;
    let replayed = raw(&fake, "POST", &cancel, &[("idempotency-key", "k2")], "").await;
    assert_eq!((refused.status, replayed.status), (400, 400));
    assert_eq!(refused.body, replayed.body);
}

#[tokio::test]
async fn keys_are_scoped_to_the_api_key() {
    let fake = FakeStripe::start().await;
    let key = [
        ("idempotency-key", "shared"),
        ("authorization", "Bearer sk_test_one"),
    ];
    let other = [
        ("idempotency-key", "shared"),
        ("authorization", "Bearer sk_test_two"),
    ];
    let one = raw(&fake, "POST", SESSIONS, &key, "type=document").await;
    let two = raw(&fake, "POST", SESSIONS, &other, "type=id_number").await;
    assert_eq!((one.status, two.status), (200, 200), "{:#}", two.body);
    assert_ne!(one.body["id"], two.body["id"]);
}

#[tokio::test]
async fn keys_are_scoped_to_the_account_too() {
    let fake = FakeStripe::start().await;
    let a = [("idempotency-key", "k"), ("stripe-account", "acct_A")];
    let b = [("idempotency-key", "k"), ("stripe-account", "acct_B")];
    let first = raw(&fake, "POST", SESSIONS, &a, "type=document").await;
    let second = raw(&fake, "POST", SESSIONS, &b, "type=document").await;
    assert_eq!((first.status, second.status), (200, 200));
    assert_ne!(
        first.body["id"], second.body["id"],
        "another account's session is not replayed"
    );
    assert!(!second.headers.contains_key("idempotent-replayed"));
}

#[tokio::test]
async fn keys_expire_after_a_day() {
    let fake = FakeStripe::start().await;
    let key = [("idempotency-key", "daily")];
    let first = raw(&fake, "POST", SESSIONS, &key, "type=document").await;
    fake.advance(std::time::Duration::from_secs(24 * 60 * 60));
    let later = raw(&fake, "POST", SESSIONS, &key, "type=id_number").await;
    assert_eq!(
        later.status, 200,
        "a new request, not a conflict: {:#}",
        later.body
    );
    assert_ne!(first.body["id"], later.body["id"]);
}
