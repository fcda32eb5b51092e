//! How the client identifies itself, against what stripe-python 16.1.0 sent for the same four
//! situations (`identifying_headers` in `fixtures/sdk_requests.json`, recorded by
//! `tools/sdk-wire/record.sh`): the first request, the second (telemetry of the first), with app
//! info, and with telemetry off. The differences allowed are the language's own fields
//! (`bindings_version`, `lang`, `httplib`, `lang_version`, `platform`), the persistent
//! `telemetry_id` stripe-python creates (nothing like it leaves this client), and the `usage`
//! tags stripe-python adds to its telemetry (its own SDK surfaces).

use serde_json::{Map, Value};
use stripe_identity::*;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::client::{header_of, session};
use crate::recorded::Identifying;

fn recorded() -> Identifying {
    crate::recorded::sdk_requests().identifying_headers
}

/// The language's own fields, and what only stripe-python sends.
const LANGUAGE_FIELDS: [&str; 5] = ["bindings_version", "lang", "httplib", "lang_version", "platform"];
const PYTHON_ONLY: [&str; 1] = ["telemetry_id"];

fn object(text: &str) -> Map<String, Value> {
    serde_json::from_str(text).unwrap_or_else(|error| panic!("{text}: {error}"))
}

/// Ours against theirs: the same keys but stripe-python's own, in the same order, the same values
/// but the language's, and the same formatting (Python's `json.dumps`).
fn assert_like(ours: &str, theirs: &str) {
    let keys = |text: &str| -> Vec<String> {
        // In order: serde_json's map sorts, so read the keys off the text at top level.
        let mut keys = Vec::new();
        let mut depth = 0;
        let mut chars = text.char_indices().peekable();
        while let Some((at, c)) = chars.next() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                '"' => {
                    let end = text[at + 1..].find('"').map(|n| at + 1 + n).unwrap();
                    if depth == 1 && text[end + 1..].starts_with(": ") {
                        keys.push(text[at + 1..end].to_owned());
                    }
                    while chars.peek().is_some_and(|(i, _)| *i <= end) {
                        chars.next();
                    }
                }
                _ => {}
            }
        }
        keys
    };
    let theirs_keys: Vec<String> = keys(theirs)
        .into_iter()
        .filter(|k| !PYTHON_ONLY.contains(&k.as_str()))
        .collect();
    assert_eq!(keys(ours), theirs_keys, "ours: {ours}\ntheirs: {theirs}");
    let (ours_map, theirs_map) = (object(ours), object(theirs));
    for (key, value) in &ours_map {
        if !LANGUAGE_FIELDS.contains(&key.as_str()) {
            assert_eq!(Some(value), theirs_map.get(key), "{key}");
        }
    }
    assert_eq!(ours_map["lang"], "rust");
    assert_eq!(ours_map["httplib"], "hyper");
    assert!(
        ours_map["lang_version"]
            .as_str()
            .is_some_and(|v| v.starts_with("1.")),
        "{ours}"
    );
}

async fn server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(session("vs_123"))
                .insert_header("request-id", "req_seen_1"),
        )
        .mount(&server)
        .await;
    server
}

async fn sent(builder: ClientBuilder, requests: usize) -> Vec<wiremock::Request> {
    let server = server().await;
    let client = builder.base_url(server.uri()).build().unwrap();
    for _ in 0..requests {
        client
            .send(&RetrieveVerificationSession::new("vs_123"))
            .await
            .unwrap();
    }
    server.received_requests().await.unwrap_or_default()
}

fn python_to_rust(user_agent: &str) -> String {
    user_agent.replace(
        "PythonBindings/16.1.0",
        &format!("RustBindings/{}", env!("CARGO_PKG_VERSION")),
    )
}

#[tokio::test]
async fn the_first_and_second_requests_identify_like_stripe_python() {
    let recorded = recorded();
    let requests = sent(crate::client::builder(), 2).await;
    let (first, second) = (&requests[0], &requests[1]);
    assert_eq!(
        header_of(first, "user-agent").unwrap(),
        python_to_rust(&recorded.first.user_agent)
    );
    assert_like(
        &header_of(first, "x-stripe-client-user-agent").unwrap(),
        &recorded.first.client_user_agent,
    );
    assert_eq!(
        header_of(first, "x-stripe-client-telemetry"),
        None,
        "nothing to report yet"
    );
    assert!(recorded.first.telemetry.is_none());

    let ours = header_of(second, "x-stripe-client-telemetry").expect("the first request's metrics");
    let theirs = recorded.second.telemetry.as_deref().unwrap();
    let (ours, theirs) = (object(&ours), object(theirs));
    let metrics = ours["last_request_metrics"].as_object().unwrap();
    assert_eq!(metrics["request_id"], "req_seen_1");
    assert!(metrics["request_duration_ms"].is_u64());
    let mut their_keys: Vec<&String> = theirs["last_request_metrics"]
        .as_object()
        .unwrap()
        .keys()
        .collect();
    their_keys.retain(|key| *key != "usage");
    assert_eq!(metrics.keys().collect::<Vec<_>>(), their_keys);
    assert!(ours["last_request_metrics"].to_string().len() > 10);
}

#[tokio::test]
async fn app_info_names_the_application_like_set_app_info() {
    let recorded = recorded();
    let builder = crate::client::builder().app_info("RecorderApp", "1.2.3", "https://example.com/app");
    let requests = sent(builder, 1).await;
    assert_eq!(
        header_of(&requests[0], "user-agent").unwrap(),
        python_to_rust(&recorded.with_app_info.user_agent)
    );
    assert_like(
        &header_of(&requests[0], "x-stripe-client-user-agent").unwrap(),
        &recorded.with_app_info.client_user_agent,
    );
}

#[tokio::test]
async fn telemetry_off_sends_no_metrics_and_no_platform() {
    let recorded = recorded();
    let requests = sent(crate::client::builder().telemetry(false), 2).await;
    for request in &requests {
        assert_eq!(header_of(request, "x-stripe-client-telemetry"), None);
        assert_like(
            &header_of(request, "x-stripe-client-user-agent").unwrap(),
            &recorded.telemetry_off.client_user_agent,
        );
    }
}

#[tokio::test]
async fn stripe_context_per_client_and_per_request() {
    let server = server().await;
    let client = crate::client::builder()
        .base_url(server.uri())
        .stripe_context("ctx_client")
        .build()
        .unwrap();
    client
        .send(&RetrieveVerificationSession::new("vs_123"))
        .await
        .unwrap();
    let options = RequestOptions::new().stripe_context("ctx_request");
    client
        .send_with(&RetrieveVerificationSession::new("vs_123"), &options)
        .await
        .unwrap();
    let received = server.received_requests().await.unwrap_or_default();
    assert_eq!(
        header_of(&received[0], "stripe-context").as_deref(),
        Some("ctx_client")
    );
    assert_eq!(
        header_of(&received[1], "stripe-context").as_deref(),
        Some("ctx_request")
    );
    let bad = client
        .send_with(
            &RetrieveVerificationSession::new("vs_123"),
            &RequestOptions::new().stripe_context("a\r\nb"),
        )
        .await
        .expect_err("refused");
    assert_eq!(bad.kind(), ErrorKind::Config);
    assert!(crate::client::builder().stripe_context("x\ny").build().is_err());
    assert!(crate::client::builder()
        .app_info("Bad\r\nApp", "1", "")
        .build()
        .is_err());
}
