//! Which responses are retried, with the same idempotency key and the configured backoff.

use std::time::{Duration, Instant};

use stripe_identity::*;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::client::{client, error_body, fast, header_of, session};

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

/// How many requests a POST answered with `status` (and `Stripe-Should-Retry`, when given)
/// makes with `builder`'s settings, two retries allowed.
async fn attempts_with(builder: ClientBuilder, status: u16, should_retry: Option<&str>) -> usize {
    let server = MockServer::start().await;
    let mut response = ResponseTemplate::new(status).set_body_json(error_body("invalid_request_error", "x"));
    if let Some(value) = should_retry {
        response = response.insert_header("stripe-should-retry", value);
    }
    Mock::given(method("POST"))
        .respond_with(response)
        .mount(&server)
        .await;
    let client = builder
        .base_url(server.uri())
        .backoff(fast())
        .max_retries(2)
        .build()
        .unwrap();
    let error = client
        .send(&CancelVerificationSession::new("vs_1"))
        .await
        .expect_err("fails");
    assert_eq!(error.status(), Some(status));
    server.received_requests().await.unwrap_or_default().len()
}

/// Stripe's SDKs (stripe-python 16.1.0 `_should_retry`): `Stripe-Should-Retry` decides when
/// present; otherwise 409 and 5xx are retried, and nothing else, 429 included.
#[tokio::test]
async fn by_default_exactly_the_sdks_statuses_are_retried() {
    // (status, header, attempts): 3 = two retries, 1 = none.
    let cases = [
        (400, None, 1),
        (400, Some("true"), 3),
        (400, Some("false"), 1),
        (409, None, 3),
        (409, Some("true"), 3),
        (409, Some("false"), 1),
        (429, None, 1),
        (429, Some("true"), 3),
        (429, Some("false"), 1),
        (500, None, 3),
        (500, Some("true"), 3),
        (500, Some("false"), 1),
        (503, None, 3),
        (503, Some("true"), 3),
        (503, Some("false"), 1),
    ];
    for (status, header, expected) in cases {
        let attempts = attempts_with(crate::client::builder(), status, header).await;
        assert_eq!(attempts, expected, "{status} with Stripe-Should-Retry {header:?}");
    }
}

#[tokio::test]
async fn max_retries_zero_turns_retries_off() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(500).insert_header("stripe-should-retry", "true"))
        .mount(&server)
        .await;
    let client = crate::client::builder()
        .base_url(server.uri())
        .max_retries(0)
        .build()
        .unwrap();
    client
        .send(&CancelVerificationSession::new("vs_1"))
        .await
        .expect_err("fails");
    assert_eq!(server.received_requests().await.unwrap_or_default().len(), 1);
}

#[tokio::test]
async fn rate_limits_are_retried_only_when_asked() {
    let opted_in = || crate::client::builder().retry_rate_limited(Duration::from_secs(5));
    let cases = [
        (429, None, 3),
        (429, Some("true"), 3),
        (429, Some("false"), 1),
        (400, None, 1),
        (409, None, 3),
        (500, Some("false"), 1),
    ];
    for (status, header, expected) in cases {
        let attempts = attempts_with(opted_in(), status, header).await;
        assert_eq!(
            attempts, expected,
            "opted in: {status} with Stripe-Should-Retry {header:?}"
        );
    }
}

/// Requests made, and time taken, for a 429 with `Retry-After: retry_after`, one retry allowed
/// for waits up to 5 s.
async fn rate_limited_with(retry_after: &str) -> (usize, Duration) {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(429)
                .set_body_json(error_body("invalid_request_error", "rate_limit"))
                .insert_header("retry-after", retry_after),
        )
        .mount(&server)
        .await;
    let client = crate::client::builder()
        .base_url(server.uri())
        .backoff(fast())
        .max_retries(1)
        .retry_rate_limited(Duration::from_secs(5))
        .build()
        .unwrap();
    let started = Instant::now();
    let error = client
        .send(&RetrieveVerificationSession::new("vs_1"))
        .await
        .expect_err("rate limited");
    assert_eq!(error.kind(), ErrorKind::RateLimit);
    let attempts = server.received_requests().await.unwrap_or_default().len();
    (attempts, started.elapsed())
}

#[tokio::test]
async fn retry_after_is_waited_for_up_to_the_callers_limit() {
    let (attempts, elapsed) = rate_limited_with("1").await;
    assert_eq!(attempts, 2);
    assert!(
        elapsed >= Duration::from_secs(1),
        "waited what Retry-After asked: {elapsed:?}"
    );

    // Longer than the caller allows: the 429 comes back at once rather than after a short wait
    // that would only meet another 429.
    let (attempts, elapsed) = rate_limited_with("3600").await;
    assert_eq!(attempts, 1);
    assert!(elapsed < Duration::from_secs(1), "{elapsed:?}");
}
