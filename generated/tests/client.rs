//! The client against a real HTTP server on 127.0.0.1 (wiremock): exact headers and bodies,
//! idempotency keys, retries and their backoff, `Stripe-Should-Retry`, every error kind, bodies
//! that do not decode, pagination across pages, timeouts, and secrets kept out of `Debug`.

#![cfg(feature = "client")]

use std::time::{Duration, Instant};

use futures_util::StreamExt;
use serde_json::{json, Value};
use stripe_identity::*;
use wiremock::matchers::{body_string, header, method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const KEY: &str = "sk_test_51SecretKeyThatMustNeverLeak";

fn session(id: &str) -> Value {
    json!({
        "id": id, "object": "identity.verification_session", "created": 1_700_000_000,
        "livemode": false, "metadata": {}, "status": "requires_input", "type": "document",
        "client_secret": "vs_secret_must_not_leak", "url": "https://verify.stripe.com/start/must_not_leak",
        "client_reference_id": null, "last_error": null, "last_verification_report": null,
        "options": {}, "redaction": null, "related_customer": null, "related_customer_account": null
    })
}

/// Fast retries, so tests measure the schedule without waiting seconds.
fn fast() -> Backoff {
    Backoff {
        initial: Duration::from_millis(50),
        max: Duration::from_millis(80),
    }
}

fn client(server: &MockServer) -> Client {
    stripe_identity::client(KEY)
        .base_url(server.uri())
        .backoff(fast())
        .build()
        .expect("client builds")
}

/// A client that fails on the first error, for tests of what an error looks like.
fn client_without_retries(server: &MockServer) -> Client {
    stripe_identity::client(KEY)
        .base_url(server.uri())
        .max_retries(0)
        .build()
        .expect("client builds")
}

fn error_body(error_type: &str, code: &str) -> Value {
    json!({"error": {"type": error_type, "code": code, "message": "Something is off.", "param": "type",
        "doc_url": "https://docs.stripe.com/error-codes", "decline_code": "generic_decline"}})
}

fn header_of(request: &Request, name: &str) -> Option<String> {
    request
        .headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

#[tokio::test]
async fn create_sends_auth_version_idempotency_key_and_the_exact_body() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/identity/verification_sessions"))
        .and(header("authorization", format!("Bearer {KEY}").as_str()))
        .and(header("stripe-version", API_VERSION))
        .and(header("content-type", "application/x-www-form-urlencoded"))
        .and(body_string("metadata[order]=42&type=document"))
        .respond_with(ResponseTemplate::new(200).set_body_json(session("vs_1")))
        .expect(1)
        .mount(&server)
        .await;
    let request = CreateVerificationSession::new()
        .type_(CreateVerificationSessionType::Document)
        .metadata([("order", "42")]);
    let created = client(&server).send(&request).await.expect("created");
    assert_eq!(created.id, "vs_1");
    assert_eq!(
        created.url.as_ref().map(Secret::expose),
        Some("https://verify.stripe.com/start/must_not_leak")
    );

    let received = server.received_requests().await.unwrap_or_default();
    let key = header_of(&received[0], "idempotency-key").expect("a POST carries an idempotency key");
    assert_eq!(key.len(), 36, "a UUID: {key}");
    assert!(header_of(&received[0], "stripe-account").is_none());
}

#[tokio::test]
async fn get_has_no_idempotency_key_and_request_options_override() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/identity/verification_sessions/vs_1"))
        .and(query_param("expand[0]", "last_verification_report"))
        .respond_with(ResponseTemplate::new(200).set_body_json(session("vs_1")))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/v1/identity/verification_sessions/vs_1/cancel"))
        .respond_with(ResponseTemplate::new(200).set_body_json(session("vs_1")))
        .mount(&server)
        .await;
    let client = client(&server);
    let retrieve = RetrieveVerificationSession::new("vs_1").expand(["last_verification_report"]);
    retrieve
        .send(&client)
        .await
        .expect("retrieved through SendRequest");
    let options = RequestOptions::new()
        .idempotency_key("my-key")
        .stripe_account("acct_9")
        .api_version("2099-01-01");
    client
        .send_with(&CancelVerificationSession::new("vs_1"), &options)
        .await
        .expect("canceled");

    let received = server.received_requests().await.unwrap_or_default();
    assert_eq!(received.len(), 2);
    assert!(
        header_of(&received[0], "idempotency-key").is_none(),
        "GET sends no idempotency key"
    );
    assert_eq!(
        header_of(&received[0], "stripe-version").as_deref(),
        Some(API_VERSION)
    );
    assert_eq!(
        header_of(&received[1], "idempotency-key").as_deref(),
        Some("my-key")
    );
    assert_eq!(
        header_of(&received[1], "stripe-account").as_deref(),
        Some("acct_9")
    );
    assert_eq!(
        header_of(&received[1], "stripe-version").as_deref(),
        Some("2099-01-01")
    );
    assert_eq!(String::from_utf8_lossy(&received[1].body), "");
}

#[tokio::test]
async fn retries_reuse_the_idempotency_key_and_back_off() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(503).set_body_json(error_body("api_error", "")))
        .up_to_n_times(2)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(session("vs_1")))
        .with_priority(2)
        .mount(&server)
        .await;
    let started = Instant::now();
    client(&server)
        .send(&RedactVerificationSession::new("vs_1"))
        .await
        .expect("succeeds on the third try");
    let elapsed = started.elapsed();

    let received = server.received_requests().await.unwrap_or_default();
    assert_eq!(received.len(), 3, "two retries by default");
    let keys: Vec<_> = received.iter().map(|r| header_of(r, "idempotency-key")).collect();
    assert!(
        keys[0].is_some() && keys.iter().all(|k| *k == keys[0]),
        "same key on every retry: {keys:?}"
    );
    // Waits: retry 1 = 50 ms; retry 2 = 80 ms less up to half for jitter, never below 50 ms.
    assert!(
        elapsed >= Duration::from_millis(100),
        "backed off too little: {elapsed:?}"
    );
    assert!(
        elapsed < Duration::from_secs(3),
        "backed off too much: {elapsed:?}"
    );
}

async fn attempts_for(status: u16, should_retry: Option<&str>, max_retries: u32) -> (usize, Error) {
    let server = MockServer::start().await;
    let mut response = ResponseTemplate::new(status).set_body_json(error_body("invalid_request_error", "x"));
    if let Some(value) = should_retry {
        response = response.insert_header("stripe-should-retry", value);
    }
    Mock::given(method("POST"))
        .respond_with(response)
        .mount(&server)
        .await;
    let client = stripe_identity::client(KEY)
        .base_url(server.uri())
        .backoff(fast())
        .max_retries(max_retries)
        .build()
        .unwrap();
    let error = client
        .send(&CancelVerificationSession::new("vs_1"))
        .await
        .expect_err("fails");
    (server.received_requests().await.unwrap_or_default().len(), error)
}

#[tokio::test]
async fn which_responses_are_retried() {
    assert_eq!(attempts_for(409, None, 2).await.0, 3, "409 is retried");
    assert_eq!(attempts_for(429, None, 1).await.0, 2, "429 is retried");
    assert_eq!(attempts_for(500, None, 2).await.0, 3, "5xx is retried");
    assert_eq!(attempts_for(400, None, 2).await.0, 1, "400 is not retried");
    assert_eq!(
        attempts_for(500, Some("false"), 2).await.0,
        1,
        "Stripe-Should-Retry: false stops retries"
    );
    assert_eq!(
        attempts_for(400, Some("true"), 2).await.0,
        3,
        "Stripe-Should-Retry: true forces them"
    );
    assert_eq!(
        attempts_for(500, None, 0).await.0,
        1,
        "max_retries(0) turns retries off"
    );
}

#[tokio::test]
async fn every_error_kind_is_typed() {
    let cases = [
        (400, "invalid_request_error", ErrorKind::InvalidRequest),
        (404, "invalid_request_error", ErrorKind::InvalidRequest),
        (401, "invalid_request_error", ErrorKind::Authentication),
        (402, "card_error", ErrorKind::Card),
        (403, "invalid_request_error", ErrorKind::Permission),
        (429, "invalid_request_error", ErrorKind::RateLimit),
        (400, "idempotency_error", ErrorKind::Idempotency),
        (500, "api_error", ErrorKind::Api),
    ];
    for (status, error_type, kind) in cases {
        let server = MockServer::start().await;
        let response = ResponseTemplate::new(status)
            .set_body_json(error_body(error_type, "some_code"))
            .insert_header("request-id", "req_123");
        Mock::given(method("GET"))
            .respond_with(response)
            .mount(&server)
            .await;
        let client = client_without_retries(&server);
        let error = client
            .send(&RetrieveVerificationSession::new("vs_1"))
            .await
            .expect_err("fails");
        assert_eq!(error.kind(), kind, "{status} {error_type}");
        assert_eq!(error.status(), Some(status));
        assert_eq!(error.request_id(), Some("req_123"));
        let api = error.api_error().expect("the envelope decodes");
        assert_eq!(api.error_type, error_type);
        assert_eq!(api.code.as_deref(), Some("some_code"));
        assert_eq!(api.message.as_deref(), Some("Something is off."));
        assert_eq!(api.param.as_deref(), Some("type"));
        assert_eq!(
            api.doc_url.as_deref(),
            Some("https://docs.stripe.com/error-codes")
        );
        assert_eq!(api.decline_code.as_deref(), Some("generic_decline"));
        assert!(!error.to_string().contains(KEY) && !format!("{error:?}").contains(KEY));
    }
}

#[tokio::test]
async fn garbage_bodies_become_errors_that_keep_the_body() {
    let server = MockServer::start().await;
    Mock::given(path("/v1/identity/verification_sessions/html"))
        .respond_with(ResponseTemplate::new(502).set_body_string("<html>Bad gateway</html>"))
        .mount(&server)
        .await;
    Mock::given(path("/v1/identity/verification_sessions/garbage"))
        .respond_with(ResponseTemplate::new(200).set_body_string("not json at all"))
        .mount(&server)
        .await;
    let mut bad_day = session("vs_bad");
    bad_day["verified_outputs"] = json!({"dob": {"day": "first", "month": 1, "year": 2000},
        "address": null, "email": null, "first_name": null, "id_number_type": null, "last_name": null, "phone": null});
    Mock::given(path("/v1/identity/verification_sessions/vs_bad"))
        .respond_with(ResponseTemplate::new(200).set_body_json(bad_day))
        .mount(&server)
        .await;
    let client = client_without_retries(&server);

    let error = client
        .send(&RetrieveVerificationSession::new("html"))
        .await
        .expect_err("502");
    assert!(
        matches!(error, Error::UnexpectedResponse { status: 502, .. }),
        "{error:?}"
    );
    assert_eq!(error.raw_body(), Some("<html>Bad gateway</html>"));

    let error = client
        .send(&RetrieveVerificationSession::new("garbage"))
        .await
        .expect_err("not JSON");
    assert_eq!(error.kind(), ErrorKind::Decode);
    assert_eq!(error.raw_body(), Some("not json at all"));

    let error = client
        .send(&RetrieveVerificationSession::new("vs_bad"))
        .await
        .expect_err("bad field");
    let Error::Decode { path, message, .. } = &error else {
        panic!("expected a decode error, got {error:?}")
    };
    assert_eq!(path, "verified_outputs.dob.day");
    assert!(message.contains("expected i64"), "{message}");
    assert!(error
        .to_string()
        .starts_with("the response does not decode at verified_outputs.dob.day: "));
    let debug = format!("{error:?}");
    assert!(!debug.contains("must_not_leak"), "Debug shows no body: {debug}");
}

#[tokio::test]
async fn pagination_follows_has_more_across_three_pages_and_stops_when_told() {
    let server = MockServer::start().await;
    let page = |ids: &[&str], has_more: bool| {
        let data: Vec<Value> = ids.iter().map(|id| session(id)).collect();
        ResponseTemplate::new(200).set_body_json(
            json!({"object": "list", "data": data, "has_more": has_more, "url": "/v1/identity/verification_sessions"}),
        )
    };
    let list = || {
        Mock::given(method("GET"))
            .and(path("/v1/identity/verification_sessions"))
            .and(query_param("limit", "2"))
    };
    list()
        .and(query_param_is_missing("starting_after"))
        .respond_with(page(&["vs_1", "vs_2"], true))
        .mount(&server)
        .await;
    list()
        .and(query_param("starting_after", "vs_2"))
        .respond_with(page(&["vs_3", "vs_4"], true))
        .mount(&server)
        .await;
    list()
        .and(query_param("starting_after", "vs_4"))
        .respond_with(page(&["vs_5"], false))
        .mount(&server)
        .await;
    let client = client(&server);
    let request = ListVerificationSessions::new().limit(2);

    let all: Vec<_> = client.paginate(request.clone()).collect().await;
    let ids: Vec<String> = all.into_iter().map(|s| s.expect("page").id).collect();
    assert_eq!(ids, ["vs_1", "vs_2", "vs_3", "vs_4", "vs_5"]);
    assert_eq!(server.received_requests().await.unwrap_or_default().len(), 3);

    server.reset().await;
    list()
        .and(query_param_is_missing("starting_after"))
        .respond_with(page(&["vs_1", "vs_2"], true))
        .mount(&server)
        .await;
    list()
        .and(query_param("starting_after", "vs_2"))
        .respond_with(page(&["vs_3", "vs_4"], true))
        .mount(&server)
        .await;
    let first_three: Vec<_> = client.paginate(request).take(3).collect().await;
    assert_eq!(first_three.len(), 3);
    assert_eq!(
        server.received_requests().await.unwrap_or_default().len(),
        2,
        "no page fetched beyond need"
    );
}

#[tokio::test]
async fn a_slow_server_times_out_and_is_retried() {
    let server = MockServer::start().await;
    let slow = ResponseTemplate::new(200)
        .set_body_json(session("vs_1"))
        .set_delay(Duration::from_secs(5));
    Mock::given(method("GET")).respond_with(slow).mount(&server).await;
    let client = stripe_identity::client(KEY)
        .base_url(server.uri())
        .timeout(Duration::from_millis(200))
        .backoff(fast())
        .max_retries(1)
        .build()
        .unwrap();
    let started = Instant::now();
    let error = client
        .send(&RetrieveVerificationSession::new("vs_1"))
        .await
        .expect_err("times out");
    assert!(
        matches!(error, Error::Connection { timed_out: true, .. }),
        "{error:?}"
    );
    assert_eq!(error.kind(), ErrorKind::Connection);
    assert_eq!(
        server.received_requests().await.unwrap_or_default().len(),
        2,
        "a timeout is retried"
    );
    assert!(started.elapsed() < Duration::from_secs(4), "gave up on time");
}

#[tokio::test]
async fn a_refused_connection_is_a_connection_error() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    let address = listener.local_addr().expect("bound");
    drop(listener);
    let client = stripe_identity::client(KEY)
        .base_url(format!("http://{address}"))
        .backoff(fast())
        .build()
        .unwrap();
    let error = client
        .send(&RetrieveVerificationSession::new("vs_1"))
        .await
        .expect_err("nothing listens");
    assert!(
        matches!(error, Error::Connection { timed_out: false, .. }),
        "{error:?}"
    );
    assert!(!error.to_string().contains(KEY));
}

#[test]
fn secrets_stay_out_of_debug_output() {
    let client = stripe_identity::client(KEY).build().unwrap();
    assert!(!format!("{client:?}").contains(KEY), "{client:?}");
    let session: VerificationSession = serde_json::from_value(session("vs_1")).unwrap();
    let debug = format!("{session:?}");
    assert!(!debug.contains("must_not_leak"), "{debug}");
    assert!(debug.contains("[redacted]"));
    assert_eq!(
        session.client_secret.as_ref().map(Secret::expose),
        Some("vs_secret_must_not_leak")
    );
}
