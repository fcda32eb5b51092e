//! Every header a caller can set (the API key, `Stripe-Version`, `Stripe-Account`,
//! `Idempotency-Key`, on the client or per request) refuses CR, LF and other bytes a header cannot
//! hold, as a `Config` error, before anything is sent; and the error does not repeat the value, so
//! it cannot smuggle a line into a log either.

use stripe_identity::*;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::client::{session, KEY};

/// Values that would split a header or carry bytes HTTP/1.1 forbids.
const BAD_VALUES: [&str; 6] = [
    "acct_1\r\nX-Injected: yes",
    "acct_1\nX-Injected: yes",
    "acct_1\rX-Injected: yes",
    "acct_1\0",
    // Not ASCII: `HeaderValue` alone would send the raw UTF-8 bytes.
    "acct_\u{e9}",
    "2020-\u{fc}",
];

fn assert_config_without_the_value(error: &Error, what: &str) {
    assert_eq!(error.kind(), ErrorKind::Config, "{what}: {error}");
    for shown in [error.to_string(), format!("{error:?}")] {
        assert!(
            !shown.contains('\r') && !shown.contains('\n') && !shown.contains("X-Injected"),
            "{what}: the error repeats the value: {shown:?}"
        );
        assert!(!shown.contains(KEY), "{what}: the error shows the key");
    }
}

async fn server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(session("vs_1")))
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn client_level_headers_are_refused_when_the_client_is_built() {
    let server = server().await;
    for bad in BAD_VALUES {
        let builders = [
            ("api key", stripe_identity::client(format!("{KEY}{bad}"))),
            ("Stripe-Version", crate::client::builder().api_version(bad)),
            ("Stripe-Account", crate::client::builder().stripe_account(bad)),
        ];
        for (what, builder) in builders {
            let error = builder
                .base_url(server.uri())
                .build()
                .expect_err(&format!("{what} {bad:?} is refused at build"));
            assert_config_without_the_value(&error, what);
        }
    }
    let received = server.received_requests().await.unwrap_or_default();
    assert!(received.is_empty(), "nothing may be sent");
}

#[tokio::test]
async fn per_request_headers_are_refused_before_sending() {
    let server = server().await;
    let client = crate::client::builder()
        .base_url(server.uri())
        .build()
        .expect("a valid client");
    for bad in BAD_VALUES {
        let options = [
            ("Stripe-Account", RequestOptions::new().stripe_account(bad)),
            ("Stripe-Version", RequestOptions::new().api_version(bad)),
            ("Idempotency-Key", RequestOptions::new().idempotency_key(bad)),
        ];
        for (what, options) in options {
            // A POST, so the idempotency key is used too.
            let error = client
                .send_with(&CancelVerificationSession::new("vs_1"), &options)
                .await
                .expect_err(&format!("{what} {bad:?} is refused"));
            assert_config_without_the_value(&error, what);
        }
    }
    let received = server.received_requests().await.unwrap_or_default();
    assert!(received.is_empty(), "nothing may be sent");
}
