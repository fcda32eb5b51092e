//! Path parameters cannot move a request to another resource: an empty ID, `.` or `..` (escaped
//! or not) would be normalised away by the URL parser or the server, turning a call on one object
//! into a call on its parent. The client refuses such paths before sending anything.

use serde_json::json;
use stripe_identity::*;
use stripe_runtime::FormPairs;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::client::{client, session};

/// A request with a path written by hand, as another generator or a caller's own builder might
/// produce: the check must hold for every `StripeRequest`, not only for ours.
struct RawPath(&'static str);

impl StripeRequest for RawPath {
    type Response = serde_json::Value;

    fn encode(&self) -> EncodedRequest {
        EncodedRequest {
            method: Method::Get,
            path: self.0.to_owned(),
            query: FormPairs::new(),
            body: FormPairs::new(),
        }
    }
}

async fn server_answering_anything() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(session("vs_1")))
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn empty_and_dot_ids_are_refused_before_anything_is_sent() {
    let server = server_answering_anything().await;
    let client = client(&server);
    for id in ["", ".", ".."] {
        let error = client
            .send(&RetrieveVerificationSession::new(id))
            .await
            .expect_err(&format!("retrieve {id:?} is refused"));
        assert_eq!(error.kind(), ErrorKind::Config, "{id:?}: {error}");
        let error = client
            .send(&CancelVerificationSession::new(id))
            .await
            .expect_err(&format!("cancel {id:?} is refused"));
        assert_eq!(error.kind(), ErrorKind::Config, "{id:?}: {error}");
    }
    let received = server.received_requests().await.unwrap_or_default();
    let paths: Vec<_> = received.iter().map(|r| r.url.path().to_owned()).collect();
    assert!(paths.is_empty(), "nothing may be sent: {paths:?}");
}

#[tokio::test]
async fn dot_segments_are_refused_in_any_escaping() {
    let server = server_answering_anything().await;
    let client = client(&server);
    let paths = [
        "/v1/identity/verification_sessions/",
        "/v1/identity/verification_sessions//cancel",
        "/v1/identity/verification_sessions/%2E%2E",
        "/v1/identity/verification_sessions/%2e%2e/cancel",
        "/v1/identity/verification_sessions/.%2e",
        "/v1/identity/verification_sessions/%2E.",
        "/v1/identity/verification_sessions/%2e",
        "/v1/identity/./verification_sessions",
        "v1/identity/verification_sessions",
        "",
    ];
    for path in paths {
        let error = client
            .send(&RawPath(path))
            .await
            .expect_err(&format!("{path:?} is refused"));
        assert_eq!(error.kind(), ErrorKind::Config, "{path:?}: {error}");
    }
    let received = server.received_requests().await.unwrap_or_default();
    let sent: Vec<_> = received.iter().map(|r| r.url.path().to_owned()).collect();
    assert!(sent.is_empty(), "nothing may be sent: {sent:?}");
}

#[tokio::test]
async fn ids_that_merely_contain_dots_or_slashes_go_out_as_one_segment() {
    let server = server_answering_anything().await;
    let client = client(&server);
    for id in ["vs_1/../x", "...", "%2E%2E", "vs.1"] {
        client
            .send(&RetrieveVerificationSession::new(id))
            .await
            .unwrap_or_else(|error| panic!("{id:?} is an ordinary ID: {error}"));
    }
    let received = server.received_requests().await.unwrap_or_default();
    let sent: Vec<_> = received.iter().map(|r| r.url.path().to_owned()).collect();
    let base = "/v1/identity/verification_sessions";
    assert_eq!(
        sent,
        [
            format!("{base}/vs_1%2F..%2Fx"),
            format!("{base}/..."),
            format!("{base}/%252E%252E"),
            format!("{base}/vs.1"),
        ]
    );
    // The answer to a hand-written path decodes as well, so the check is the only difference.
    let value = client
        .send(&RawPath("/v1/identity/verification_sessions/vs_1"))
        .await
        .expect("an ordinary path");
    assert_eq!(value["id"], json!("vs_1"));
}
