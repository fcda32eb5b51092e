//! Failures below HTTP: timeouts, refused connections, and which of them are retried.

use std::time::{Duration, Instant};

use stripe_identity::*;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::client::raw_server::{read_head, RawServer};
use crate::client::{fast, session, KEY};

#[tokio::test]
async fn a_slow_server_times_out_and_is_retried() {
    let server = MockServer::start().await;
    let slow = ResponseTemplate::new(200)
        .set_body_json(session("vs_1"))
        .set_delay(Duration::from_secs(5));
    Mock::given(method("GET")).respond_with(slow).mount(&server).await;
    let client = crate::client::builder()
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
async fn a_per_request_timeout_overrides_the_clients() {
    let server = MockServer::start().await;
    let slow = ResponseTemplate::new(200)
        .set_body_json(session("vs_1"))
        .set_delay(Duration::from_millis(600));
    Mock::given(method("GET")).respond_with(slow).mount(&server).await;
    // The client waits 20 s; this call only 100 ms, and does not retry.
    let client = crate::client::builder()
        .base_url(server.uri())
        .timeout(Duration::from_secs(20))
        .build()
        .unwrap();
    let hurried = RequestOptions::new()
        .timeout(Duration::from_millis(100))
        .max_retries(0);
    let error = client
        .send_with(&RetrieveVerificationSession::new("vs_1"), &hurried)
        .await
        .expect_err("times out");
    assert!(
        matches!(error, Error::Connection { timed_out: true, .. }),
        "{error:?}"
    );
    assert_eq!(server.received_requests().await.unwrap_or_default().len(), 1);
    // And a patient call on the same client gets its answer.
    let patient = RequestOptions::new().timeout(Duration::from_secs(5));
    client
        .send_with(&RetrieveVerificationSession::new("vs_1"), &patient)
        .await
        .expect("waited long enough");
}

#[tokio::test]
async fn a_refused_connection_is_a_connection_error() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    let address = listener.local_addr().expect("bound");
    drop(listener);
    let client = crate::client::builder()
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

#[tokio::test]
async fn a_malformed_base_url_is_a_config_error_at_once() {
    for base_url in [
        "not a url",
        "http//127.0.0.1:1",
        "ftp://127.0.0.1:1",
        "http://127.0.0.1:1/?q=1",
        "",
    ] {
        let started = Instant::now();
        // A slow backoff: any retry would show in the time taken.
        let built = crate::client::builder()
            .base_url(base_url)
            .backoff(Backoff {
                initial: Duration::from_secs(2),
                max: Duration::from_secs(2),
            })
            .build();
        let error = match built {
            Err(error) => error,
            Ok(client) => client
                .send(&RetrieveVerificationSession::new("vs_1"))
                .await
                .expect_err(&format!("{base_url:?} cannot be sent to")),
        };
        assert_eq!(error.kind(), ErrorKind::Config, "{base_url:?}: {error:?}");
        assert!(
            started.elapsed() < Duration::from_secs(1),
            "{base_url:?} was retried: {:?}",
            started.elapsed()
        );
    }
}

/// Answers a TLS ClientHello with plain HTTP, as a server on the wrong port would.
#[cfg(not(feature = "reqwest"))]
fn plain_http(stream: std::net::TcpStream) {
    crate::client::raw_server::write_all(
        &stream,
        b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
    );
}

// TLS is the built-in transport's: the suite's reqwest is built without a TLS feature.
#[cfg(not(feature = "reqwest"))]
#[tokio::test]
async fn a_tls_failure_is_a_connection_error_that_is_not_retried() {
    let server = RawServer::start(plain_http);
    let client = crate::client::builder()
        .base_url(server.url("https"))
        .backoff(fast())
        .max_retries(2)
        .build()
        .expect("client builds");
    let error = client
        .send(&RetrieveVerificationSession::new("vs_1"))
        .await
        .expect_err("no TLS server there");
    assert!(
        matches!(error, Error::Connection { timed_out: false, .. }),
        "{error:?}"
    );
    assert_eq!(server.connections(), 1, "a TLS failure is not retried: {error}");
}

/// Reads the request, then hangs up without a word: the connection fails before any response.
pub(crate) fn hang_up(stream: std::net::TcpStream) {
    read_head(&stream);
    drop(stream);
}

#[tokio::test]
async fn a_connection_closed_before_any_response_is_retried() {
    let server = RawServer::start(hang_up);
    let client = crate::client::builder()
        .base_url(server.url("http"))
        .backoff(fast())
        .max_retries(2)
        .build()
        .expect("client builds");
    let error = client
        .send(&CancelVerificationSession::new("vs_1"))
        .await
        .expect_err("the server never answers");
    assert_eq!(error.kind(), ErrorKind::Connection, "{error:?}");
    assert_eq!(server.connections(), 3, "two retries: {error}");
}

#[tokio::test]
async fn a_refused_connection_is_retried_with_backoff() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    let address = listener.local_addr().expect("bound");
    drop(listener);
    let wait = Duration::from_millis(300);
    let started = Instant::now();
    let error = crate::client::builder()
        .base_url(format!("http://{address}"))
        .backoff(Backoff {
            initial: wait,
            max: wait,
        })
        .max_retries(2)
        .build()
        .expect("client builds")
        .send(&RetrieveVerificationSession::new("vs_1"))
        .await
        .expect_err("nothing listens");
    assert_eq!(error.kind(), ErrorKind::Connection);
    // Nothing listens, so nothing can count attempts; two full waits prove two retries.
    assert!(
        started.elapsed() >= wait * 2,
        "not retried: {:?}",
        started.elapsed()
    );
}

// TLS is the built-in transport's: the suite's reqwest is built without a TLS feature.
#[cfg(not(feature = "reqwest"))]
#[tokio::test]
async fn a_host_that_cannot_be_a_tls_server_name_is_not_retried() {
    let started = Instant::now();
    // `a..b` is a URI host but no DNS name (an empty label); TLS refuses it before connecting.
    let error = crate::client::builder()
        .base_url("https://a..b")
        .backoff(Backoff {
            initial: Duration::from_secs(2),
            max: Duration::from_secs(2),
        })
        .build()
        .expect("client builds")
        .send(&RetrieveVerificationSession::new("vs_1"))
        .await
        .expect_err("no such server name");
    assert_eq!(error.kind(), ErrorKind::Connection, "{error:?}");
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "retried: {:?} {error}",
        started.elapsed()
    );
}
