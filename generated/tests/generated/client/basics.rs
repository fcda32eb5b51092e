//! Requests on the wire (auth, version, idempotency keys, options), typed errors for every
//! status, bodies that do not decode, and secrets kept out of `Debug`.

use serde_json::json;
use stripe_identity::*;
use wiremock::matchers::{body_string, header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::client::{client, client_without_retries, error_body, header_of, session, KEY};

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
async fn garbage_bodies_become_typed_errors() {
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
    assert_eq!(error.raw_body(), None, "a success body is not kept");

    let error = client
        .send(&RetrieveVerificationSession::new("vs_bad"))
        .await
        .expect_err("bad field");
    let Error::Decode { source, .. } = &error else {
        panic!("expected a decode error, got {error:?}")
    };
    assert_eq!(source.path(), "verified_outputs.dob.day");
    assert!(source.message().contains("expected i64"), "{source:?}");
    // The cause is the error's `source()`, not repeated in its own message.
    assert_eq!(error.to_string(), "the response does not decode");
    let cause = std::error::Error::source(&error).expect("the decode error is the source");
    let cause = cause
        .downcast_ref::<stripe_identity::DecodeError>()
        .expect("a DecodeError");
    assert!(
        cause.to_string().starts_with("at verified_outputs.dob.day: "),
        "{cause}"
    );
    let debug = format!("{error:?}");
    assert!(!debug.contains("must_not_leak"), "Debug shows no body: {debug}");
}

#[test]
fn secrets_stay_out_of_debug_output() {
    let client = crate::client::builder().build().unwrap();
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

/// A request made of a hand-written type, with no API version of its own.
struct Unversioned;

impl StripeRequest for Unversioned {
    type Response = VerificationSession;

    fn encode(&self) -> EncodedRequest {
        RetrieveVerificationSession::new("vs_1").encode()
    }
}

#[tokio::test]
async fn client_new_and_builder_send_each_request_with_its_own_api_version() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(session("vs_1")))
        .mount(&server)
        .await;
    // `Client::builder(key)` pins nothing itself: a generated request carries the version its
    // response type was generated for; one that names none goes without `Stripe-Version`.
    let client = Client::builder(KEY)
        .base_url(server.uri())
        .max_retries(0)
        .build()
        .unwrap();
    assert_eq!(RetrieveVerificationSession::API_VERSION, Some(API_VERSION));
    client
        .send(&RetrieveVerificationSession::new("vs_1"))
        .await
        .unwrap();
    client.send(&Unversioned).await.unwrap();
    // The client's own setting outranks the request's; a request's option outranks both.
    let pinned = Client::builder(KEY)
        .base_url(server.uri())
        .api_version("2024-01-01")
        .build()
        .unwrap();
    pinned
        .send(&RetrieveVerificationSession::new("vs_1"))
        .await
        .unwrap();
    let options = RequestOptions::new().api_version("2099-01-01");
    pinned
        .send_with(&RetrieveVerificationSession::new("vs_1"), &options)
        .await
        .unwrap();
    let versions: Vec<Option<String>> = server
        .received_requests()
        .await
        .unwrap_or_default()
        .iter()
        .map(|request| header_of(request, "stripe-version"))
        .collect();
    assert_eq!(
        versions,
        [
            Some(API_VERSION.to_owned()),
            None,
            Some("2024-01-01".to_owned()),
            Some("2099-01-01".to_owned())
        ]
    );
    // `Client::new(key)`: every default; a key that cannot be a header is refused, not sent.
    assert!(Client::new(KEY).is_ok());
    let refused = Client::new("sk_test_\nInjected: 1").expect_err("a line break in the key");
    assert_eq!(refused.kind(), ErrorKind::Config);
}
