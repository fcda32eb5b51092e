//! What Stripe refuses, the fake refuses the same way: the envelope, the status, `param` in
//! bracket form and the code, for every class of validation, the API key, unknown URLs and IDs,
//! and input that is not a form at all. None of it may panic the fake.

use stripe_identity::*;
use stripe_identity_fake::FakeStripe;

use crate::{client, error_of, raw};

const SESSIONS: &str = "/v1/identity/verification_sessions";

/// `(status, code, param)` of a POST to create with `body`.
async fn create_with(fake: &FakeStripe, body: &str) -> (u16, Option<String>, Option<String>) {
    let answer = raw(fake, "POST", SESSIONS, &[], body.to_owned()).await;
    let error = &answer.body["error"];
    (
        answer.status,
        error["code"].as_str().map(str::to_owned),
        error["param"].as_str().map(str::to_owned),
    )
}

fn expect(got: (u16, Option<String>, Option<String>), status: u16, code: Option<&str>, param: &str) {
    assert_eq!(got, (status, code.map(str::to_owned), Some(param.to_owned())));
}

#[tokio::test]
async fn each_validation_class_names_the_parameter() {
    let fake = FakeStripe::start().await;
    expect(
        create_with(&fake, "type=document&options[document][foo]=1").await,
        400,
        Some("parameter_unknown"),
        "options[document][foo]",
    );
    expect(
        create_with(&fake, "type=document&colour=blue").await,
        400,
        Some("parameter_unknown"),
        "colour",
    );
    expect(create_with(&fake, "type=passport").await, 400, None, "type");
    expect(
        create_with(
            &fake,
            "type=document&options[document][allowed_types][0]=library_card",
        )
        .await,
        400,
        None,
        "options[document][allowed_types][0]",
    );
    expect(
        create_with(&fake, "type=document&options[document][require_id_number]=yes").await,
        400,
        None,
        "options[document][require_id_number]",
    );
    expect(
        create_with(&fake, "type=document&related_person[account]=acct_1").await,
        400,
        Some("parameter_missing"),
        "related_person[person]",
    );
    expect(
        create_with(&fake, "type=").await,
        400,
        Some("parameter_invalid_empty"),
        "type",
    );
    let long = "x".repeat(5001);
    expect(
        create_with(&fake, &format!("type=document&client_reference_id={long}")).await,
        400,
        None,
        "client_reference_id",
    );
    expect(
        create_with(&fake, "type=document&metadata=x").await,
        400,
        None,
        "metadata",
    );
    // An `expand` item's own `maxLength` (the spec's, on the array's items).
    let long_path = format!("type=document&expand[0]={}", "x".repeat(5001));
    let answer = raw(&fake, "POST", SESSIONS, &[], long_path).await;
    assert_eq!(error_of(&answer, 400)["param"], "expand[0]");
    let message = answer.body["error"]["message"].as_str().unwrap_or_default();
    assert!(message.ends_with("must be at most 5000 characters"), "{message}");
    expect(
        create_with(&fake, "type=document&expand[0]=options.colour").await,
        400,
        None,
        "expand[0]",
    );

    let list = |query: &'static str| {
        let fake = &fake;
        async move { raw(fake, "GET", &format!("{SESSIONS}?{query}"), &[], "").await }
    };
    let answer = list("limit=ten").await;
    assert_eq!(error_of(&answer, 400)["code"], "parameter_invalid_integer");
    assert_eq!(answer.body["error"]["param"], "limit");
    let answer = list("created%5Bgte%5D=yesterday").await;
    assert_eq!(error_of(&answer, 400)["param"], "created[gte]");
    let answer = list("status=done").await;
    assert_eq!(error_of(&answer, 400)["param"], "status");
    let answer = list("limit=101").await;
    assert_eq!(error_of(&answer, 400)["param"], "limit");
    let answer = list("starting_after=vs_nothing").await;
    assert_eq!(error_of(&answer, 404)["code"], "resource_missing");

    // The crate's typed errors see all of it.
    let error = client(&fake)
        .send(&ListVerificationSessions::new().limit(0))
        .await
        .expect_err("refused");
    assert_eq!(error.kind(), ErrorKind::InvalidRequest);
    assert_eq!(
        error.api_error().and_then(|api| api.param.as_deref()),
        Some("limit")
    );
    assert!(
        error.request_id().is_some_and(|id| id.starts_with("req_")),
        "{error:?}"
    );
}

#[tokio::test]
async fn api_keys_are_checked() {
    let fake = FakeStripe::start().await;
    let no_key = raw(&fake, "GET", SESSIONS, &[("authorization", "")], "").await;
    // Stripe's 401 envelope: type `invalid_request_error`, no code (told apart by the status).
    let envelope = error_of(&no_key, 401);
    assert_eq!(envelope["type"], "invalid_request_error");
    assert!(envelope.get("code").is_none(), "{envelope}");
    assert!(envelope["message"]
        .as_str()
        .unwrap_or_default()
        .starts_with("You did not provide an API key."));
    let basic = raw(
        &fake,
        "GET",
        SESSIONS,
        &[("authorization", "Basic c2tfdGVzdF8xOg==")],
        "",
    )
    .await;
    assert_eq!(
        basic.status, 200,
        "Basic with the key as the user, as curl -u sends it: {:#}",
        basic.body
    );
    let empty_basic = raw(&fake, "GET", SESSIONS, &[("authorization", "Basic Og==")], "").await;
    assert_eq!(error_of(&empty_basic, 401)["type"], "invalid_request_error");
    let malformed = raw(
        &fake,
        "GET",
        SESSIONS,
        &[("authorization", "Bearer pk_test_0123456789")],
        "",
    )
    .await;
    let malformed = error_of(&malformed, 401);
    let message = malformed["message"].as_str().unwrap_or_default();
    assert!(
        message.starts_with("Invalid API Key provided: pk_test_") && message.ends_with("6789"),
        "{message}"
    );
    assert!(
        !message.contains("012345"),
        "the key is not echoed whole: {message}"
    );
    assert!(malformed.get("code").is_none(), "{malformed}");
    let live = raw(
        &fake,
        "GET",
        SESSIONS,
        &[("authorization", "Bearer sk_live_0123456789abcdef")],
        "",
    )
    .await;
    let message = error_of(&live, 401)["message"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(
        message.contains("test-mode keys only") && message.contains("sk_live_****cdef"),
        "{message}"
    );
    assert!(
        !message.contains("0123456789abcdef"),
        "the key is not echoed whole"
    );

    let error = stripe_identity::client("sk_live_abcdefghijklmnop")
        .base_url(fake.base_url())
        .build()
        .unwrap()
        .send(&ListVerificationSessions::new())
        .await
        .expect_err("refused");
    assert_eq!(error.kind(), ErrorKind::Authentication);
}

#[tokio::test]
async fn unknown_urls_methods_and_ids() {
    let fake = FakeStripe::start().await;
    for (method, path) in [
        ("GET", "/v1/customers"),
        ("PUT", SESSIONS),
        ("DELETE", "/v1/identity/verification_sessions/vs_1"),
        ("GET", "/v1/identity/verification_sessions/vs_1/cancel"),
        ("GET", "/v1/identity/verification_sessions/"),
        ("POST", "/v1/identity/verification_sessions//cancel"),
    ] {
        let answer = raw(&fake, method, path, &[], "").await;
        let message = error_of(&answer, 404)["message"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        assert!(
            message.starts_with(&format!("Unrecognized request URL ({method}: {path})")),
            "{message}"
        );
        assert!(answer.headers.contains_key("request-id"));
    }
    let error = client(&fake)
        .send(&RetrieveVerificationSession::new("vs_missing"))
        .await
        .expect_err("no such session");
    let api = error.api_error().expect("an envelope");
    assert_eq!(
        (api.status, api.code.as_deref(), api.param.as_deref()),
        (404, Some("resource_missing"), Some("session"))
    );
}

#[tokio::test]
async fn input_that_is_not_a_form_gets_stripes_envelope() {
    let fake = FakeStripe::builder().body_limit(64 * 1024).start().await.unwrap();
    for body in [
        &b"type[=document"[..],
        b"type=document&type[x]=1",
        b"type=%FF",
        b"\xff\xfe=1",
        b"%%%",
        b"=x",
    ] {
        let answer = raw(&fake, "POST", SESSIONS, &[], body.to_vec()).await;
        assert_eq!(answer.status, 400, "{body:?}: {:#}", answer.body);
        assert_eq!(answer.body["error"]["type"], "invalid_request_error", "{body:?}");
    }
    let deep = format!("type{}=1", "[b]".repeat(20_000));
    let answer = raw(&fake, "POST", SESSIONS, &[], deep).await;
    assert_eq!(
        answer.status, 400,
        "a key nested 20,000 deep is refused, not recursed into"
    );
    let huge = vec![b'a'; 65 * 1024];
    let answer = raw(&fake, "POST", SESSIONS, &[], huge).await;
    assert_eq!(error_of(&answer, 413)["type"], "invalid_request_error");
    assert!(answer.headers.contains_key("request-id"));
    let odd_path = raw(&fake, "GET", "/v1/identity/verification_sessions/%FF", &[], "").await;
    assert_eq!(odd_path.status, 400, "{:#}", odd_path.body);
    // Still serving after all that.
    assert!(client(&fake).send(&ListVerificationSessions::new()).await.is_ok());
}

#[tokio::test]
async fn every_answer_has_a_request_id_and_the_version_is_recorded() {
    let fake = FakeStripe::start().await;
    let client = stripe_identity::client(crate::KEY)
        .base_url(fake.base_url())
        .api_version("2024-06-20")
        .build()
        .unwrap();
    client.send(&ListVerificationSessions::new()).await.unwrap();
    let answer = raw(&fake, "GET", SESSIONS, &[("authorization", "")], "").await;
    assert!(answer.headers["request-id"].to_str().unwrap().starts_with("req_"));
    let requests = fake.requests();
    assert_eq!(requests[0].stripe_version.as_deref(), Some("2024-06-20"));
    assert!(
        requests
            .iter()
            .all(|r| r.headers.iter().all(|(name, _)| name != "authorization")),
        "no key in the log"
    );
}
