//! Transports other than the built-in one: a scripted, recording transport of the kind an
//! application writes for its tests (no network at all), and a tower service (hyper-util's client
//! as a `Service`, as an application's middleware stack would wrap it). What the client decides
//! stays the client's through either: the retries and their one idempotency key, the headers, the
//! typed errors, the size limit and pagination.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use futures_util::StreamExt;
use serde_json::json;
use stripe_identity::transport::{
    ResponseBody, TowerTransport, Transport, TransportError, TransportErrorKind, TransportFuture,
};
use stripe_identity::*;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::client::raw_server::RawServer;
use crate::client::transport::hang_up;
use crate::client::{error_body, fast, session, KEY};

/// What the scripted transport answers, in turn.
enum Answer {
    Reply {
        status: u16,
        request_id: &'static str,
        body: String,
    },
    Fail(TransportErrorKind),
}

fn reply(status: u16, request_id: &'static str, body: serde_json::Value) -> Answer {
    Answer::Reply {
        status,
        request_id,
        body: body.to_string(),
    }
}

/// A request as the transport received it.
#[derive(Debug)]
struct Seen {
    method: String,
    uri: String,
    headers: http::HeaderMap,
    body: String,
}

#[derive(Default)]
struct Script {
    answers: Mutex<VecDeque<Answer>>,
    seen: Mutex<Vec<Seen>>,
}

/// Answers from a script and records every request; the test keeps a handle to both.
#[derive(Clone, Default)]
struct Scripted(Arc<Script>);

impl std::fmt::Debug for Scripted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Scripted")
    }
}

impl Scripted {
    fn new(answers: impl IntoIterator<Item = Answer>) -> Self {
        let scripted = Self::default();
        scripted.0.answers.lock().unwrap().extend(answers);
        scripted
    }

    fn seen(&self) -> std::sync::MutexGuard<'_, Vec<Seen>> {
        self.0.seen.lock().unwrap()
    }
}

impl Transport for Scripted {
    fn send(&self, request: http::Request<String>) -> TransportFuture<'_> {
        let (head, body) = request.into_parts();
        self.seen().push(Seen {
            method: head.method.to_string(),
            uri: head.uri.to_string(),
            headers: head.headers,
            body,
        });
        let answer = self.0.answers.lock().unwrap().pop_front();
        Box::pin(async move {
            match answer.expect("the script has an answer for every request") {
                Answer::Reply {
                    status,
                    request_id,
                    body,
                } => Ok(http::Response::builder()
                    .status(status)
                    .header("request-id", request_id)
                    .body(ResponseBody::from(body))
                    .unwrap()),
                Answer::Fail(kind) => Err(TransportError::new(kind, "the scripted transport failed")),
            }
        })
    }
}

fn client_on(transport: impl Transport) -> Client {
    stripe_identity::client(KEY)
        .transport(transport)
        .backoff(fast())
        .build()
        .expect("client builds")
}

#[tokio::test]
async fn retries_and_their_one_idempotency_key_are_the_clients_whatever_the_transport() {
    let scripted = Scripted::new([
        Answer::Fail(TransportErrorKind::Closed),
        reply(503, "req_2", error_body("api_error", "unavailable")),
        reply(200, "req_3", session("vs_1")),
    ]);
    let client = client_on(scripted.clone());
    let request = CreateVerificationSession::new().type_(CreateVerificationSessionType::Document);
    let (session, meta) = client
        .send_with_meta(&request, &RequestOptions::new())
        .await
        .expect("the third attempt succeeds");
    assert_eq!(session.id, "vs_1");
    assert_eq!(meta.request_id.as_deref(), Some("req_3"));

    let seen = scripted.seen();
    assert_eq!(
        seen.len(),
        3,
        "a closed connection and a 503 are retried: {seen:#?}"
    );
    let keys: Vec<_> = seen
        .iter()
        .map(|s| s.headers["idempotency-key"].clone())
        .collect();
    assert!(
        keys.iter().all(|key| *key == keys[0]),
        "one key for every attempt: {keys:?}"
    );
    for attempt in seen.iter() {
        assert_eq!(attempt.method, "POST");
        assert_eq!(
            attempt.uri,
            "https://api.stripe.com/v1/identity/verification_sessions"
        );
        assert_eq!(attempt.body, "type=document");
        assert_eq!(attempt.headers["content-length"], "13");
        assert_eq!(
            attempt.headers["content-type"],
            "application/x-www-form-urlencoded"
        );
        assert_eq!(attempt.headers["authorization"], format!("Bearer {KEY}").as_str());
        assert_eq!(attempt.headers["stripe-version"], API_VERSION);
        assert_eq!(attempt.headers["host"], "api.stripe.com");
        assert!(attempt.headers["user-agent"]
            .to_str()
            .unwrap()
            .starts_with("Stripe/v1 RustBindings/"));
    }
}

#[tokio::test]
async fn a_fatal_transport_failure_is_not_retried_and_names_its_cause() {
    let scripted = Scripted::new([
        Answer::Fail(TransportErrorKind::Fatal),
        reply(200, "req_2", session("vs_1")),
    ]);
    let client = client_on(scripted.clone());
    let error = client
        .send(&RetrieveVerificationSession::new("vs_1"))
        .await
        .expect_err("a fatal failure is returned");
    assert!(
        matches!(&error, Error::Connection { message, timed_out: false, .. } if message == "the scripted transport failed"),
        "{error:?}"
    );
    // The transport's error is kept as a value, the error's `source()`: a report walking the
    // chain prints each message once.
    let cause = std::error::Error::source(&error).expect("the transport's error is the source");
    let transport = cause.downcast_ref::<TransportError>().expect("a TransportError");
    assert_eq!(transport.kind(), TransportErrorKind::Fatal);
    assert_eq!(transport.to_string(), "the scripted transport failed");
    assert_eq!(error.to_string(), "connection failed");
    assert_eq!(scripted.seen().len(), 1);
}

#[tokio::test]
async fn a_transports_timeout_is_retried_and_reported_as_one() {
    let scripted = Scripted::new([
        Answer::Fail(TransportErrorKind::TimedOut),
        Answer::Fail(TransportErrorKind::TimedOut),
        Answer::Fail(TransportErrorKind::TimedOut),
    ]);
    let error = client_on(scripted.clone())
        .send(&RetrieveVerificationSession::new("vs_1"))
        .await
        .expect_err("every attempt times out");
    assert!(
        matches!(error, Error::Connection { timed_out: true, .. }),
        "{error:?}"
    );
    assert_eq!(scripted.seen().len(), 3, "two retries");
}

#[tokio::test]
async fn error_responses_and_the_size_limit_are_the_clients() {
    let scripted = Scripted::new([
        reply(
            400,
            "req_1",
            error_body("invalid_request_error", "parameter_invalid_empty"),
        ),
        reply(200, "req_2", session("vs_1")),
    ]);
    let client = stripe_identity::client(KEY)
        .transport(scripted.clone())
        .max_response_bytes(100)
        .build()
        .unwrap();
    let error = client
        .send(&RetrieveVerificationSession::new("vs_1"))
        .await
        .expect_err("a 400");
    assert_eq!(error.kind(), ErrorKind::InvalidRequest);
    assert_eq!(error.request_id(), Some("req_1"));
    let error = client
        .send(&RetrieveVerificationSession::new("vs_1"))
        .await
        .expect_err("the session is over 100 bytes");
    assert!(
        matches!(error, Error::ResponseTooLarge { limit: 100, .. }),
        "{error:?}"
    );
}

#[tokio::test]
async fn pagination_follows_has_more_through_the_transport() {
    let page = |ids: &[&str], has_more: bool| {
        let data: Vec<_> = ids.iter().map(|id| session(id)).collect();
        reply(
            200,
            "req_page",
            json!({"object": "list", "data": data, "has_more": has_more, "url": "/v1/identity/verification_sessions"}),
        )
    };
    let scripted = Scripted::new([page(&["vs_1", "vs_2"], true), page(&["vs_3"], false)]);
    let client = client_on(scripted.clone());
    let ids: Vec<String> = client
        .paginate(ListVerificationSessions::new().limit(2))
        .map(|session| session.expect("a page").id.into_string())
        .collect()
        .await;
    assert_eq!(ids, ["vs_1", "vs_2", "vs_3"]);
    let uris: Vec<String> = scripted.seen().iter().map(|s| s.uri.clone()).collect();
    assert_eq!(
        uris,
        [
            "https://api.stripe.com/v1/identity/verification_sessions?limit=2",
            "https://api.stripe.com/v1/identity/verification_sessions?limit=2&starting_after=vs_2",
        ]
    );
}

/// hyper-util's client as a tower `Service`, the kind of stack an application already has.
fn tower_client(base_url: String) -> Client {
    let http = hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new())
        .build_http::<String>();
    stripe_identity::client(KEY)
        .base_url(base_url)
        .transport(TowerTransport::new(http))
        .backoff(fast())
        .build()
        .expect("client builds")
}

#[tokio::test]
async fn through_a_tower_service_a_5xx_is_retried_with_the_same_key() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(500).set_body_json(error_body("api_error", "oops")))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(session("vs_1")))
        .mount(&server)
        .await;
    let session = tower_client(server.uri())
        .send(&CancelVerificationSession::new("vs_1"))
        .await
        .expect("retried once");
    assert_eq!(session.id, "vs_1");
    let received = server.received_requests().await.unwrap_or_default();
    assert_eq!(received.len(), 2);
    assert_eq!(
        received[0].headers["idempotency-key"],
        received[1].headers["idempotency-key"]
    );
}

#[tokio::test]
async fn through_a_tower_service_failures_are_sorted_by_their_causes() {
    // Closed before any response: retried, as with the built-in transport.
    let server = RawServer::start(hang_up);
    let error = tower_client(server.url("http"))
        .send(&RetrieveVerificationSession::new("vs_1"))
        .await
        .expect_err("never answered");
    assert_eq!(error.kind(), ErrorKind::Connection, "{error:?}");
    assert_eq!(server.connections(), 3, "two retries: {error}");

    // Refused: nothing was sent, so it is retried too (and fails the same way each time).
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    drop(listener);
    let started = std::time::Instant::now();
    let error = tower_client(format!("http://{address}"))
        .send(&RetrieveVerificationSession::new("vs_1"))
        .await
        .expect_err("refused");
    assert_eq!(error.kind(), ErrorKind::Connection, "{error:?}");
    assert!(
        started.elapsed() >= std::time::Duration::from_millis(90),
        "two backoffs of at least 50 ms mean it was retried: {:?}",
        started.elapsed()
    );
}

/// reqwest's default client follows redirects (a POST becomes a GET on the way); the adapter
/// refuses an answer from another URL than the one asked rather than take it for the response.
#[cfg(feature = "reqwest")]
#[tokio::test]
async fn a_redirect_followed_by_reqwest_is_refused_not_taken_for_the_answer() {
    use wiremock::matchers::path;

    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/identity/verification_sessions"))
        .respond_with(
            ResponseTemplate::new(302).insert_header("location", "/v1/identity/verification_sessions/vs_1"),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(session("vs_1")))
        .mount(&server)
        .await;
    let client = stripe_identity::client(KEY)
        .base_url(server.uri())
        .transport(stripe_identity::transport::reqwest::Client::new())
        .backoff(fast())
        .build()
        .unwrap();
    let error = client
        .send(&CreateVerificationSession::new().type_(CreateVerificationSessionType::Document))
        .await
        .expect_err("a create answered by a retrieve is no answer");
    assert!(
        matches!(&error, Error::Connection { message, .. } if message.contains("followed a redirect")),
        "{error:?}"
    );
    let received = server.received_requests().await.unwrap_or_default();
    assert_eq!(received.len(), 2, "the POST and reqwest's GET, not retried");
}
