//! Response bodies are read up to a limit (16 MiB by default): a `Content-Length` above it is
//! refused before reading, a body without one is read chunk by chunk and dropped as soon as it
//! passes the limit; and errors keep at most a short prefix of a body, never a whole one.

use std::net::TcpStream;
use std::time::{Duration, Instant};

use stripe_identity::*;
use wiremock::matchers::path;
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::client::raw_server::{read_head, write_all, RawServer};
use crate::client::{client_without_retries, session};

/// Claims a 1 GiB body, then sends nothing and keeps the connection open.
fn lying_length(stream: TcpStream) {
    read_head(&stream);
    write_all(
        &stream,
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1073741824\r\n\r\n",
    );
    std::thread::sleep(Duration::from_secs(30));
}

/// A chunked body that never ends: 64 KiB chunks until the client hangs up.
fn endless(stream: TcpStream) {
    read_head(&stream);
    let head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
    if !write_all(&stream, head) {
        return;
    }
    let mut chunk = b"10000\r\n".to_vec();
    chunk.extend(vec![b'a'; 0x10000]);
    chunk.extend(b"\r\n");
    while write_all(&stream, &chunk) {}
}

fn raw_client(server: &RawServer) -> Client {
    crate::client::builder()
        .base_url(server.url("http"))
        .timeout(Duration::from_secs(20))
        .max_retries(0)
        .build()
        .expect("client builds")
}

fn assert_too_large(error: &Error, started: Instant) {
    assert_eq!(error.kind(), ErrorKind::Decode, "{error:?}");
    assert_eq!(error.status(), Some(200));
    let shown = error.to_string();
    assert!(shown.contains("16 MiB"), "names the limit: {shown}");
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "stopped early: {:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn a_content_length_over_the_limit_is_refused_without_reading() {
    let server = RawServer::start(lying_length);
    let started = Instant::now();
    let error = raw_client(&server)
        .send(&RetrieveVerificationSession::new("vs_1"))
        .await
        .expect_err("too large");
    assert_too_large(&error, started);
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "did not wait for the body"
    );
}

#[tokio::test]
async fn an_endless_body_is_cut_off_at_the_limit() {
    let server = RawServer::start(endless);
    let started = Instant::now();
    let error = raw_client(&server)
        .send(&RetrieveVerificationSession::new("vs_1"))
        .await
        .expect_err("too large");
    assert_too_large(&error, started);
}

#[tokio::test]
async fn errors_keep_at_most_a_short_prefix_of_a_body() {
    let server = MockServer::start().await;
    let base = "/v1/identity/verification_sessions";
    let page = format!("<html>{}</html>", "x".repeat(10_000));
    Mock::given(path(format!("{base}/html")))
        .respond_with(ResponseTemplate::new(502).set_body_string(page.clone()))
        .mount(&server)
        .await;
    let mut bad = session("vs_bad");
    bad["created"] = "yesterday".into();
    Mock::given(path(format!("{base}/vs_bad")))
        .respond_with(ResponseTemplate::new(200).set_body_json(bad))
        .mount(&server)
        .await;
    let client = client_without_retries(&server);

    let error = client
        .send(&RetrieveVerificationSession::new("html"))
        .await
        .expect_err("502");
    let kept = error.raw_body().expect("an error page keeps its start");
    assert!(
        page.starts_with(kept) && kept.len() <= 1024,
        "{} bytes kept",
        kept.len()
    );
    assert!(kept.starts_with("<html>xxx"));
    assert!(error.to_string().contains("10013 bytes"), "{error}");

    // A success body is the one that holds `client_secret` and `url`: none of it is kept.
    let error = client
        .send(&RetrieveVerificationSession::new("vs_bad"))
        .await
        .expect_err("does not decode");
    assert_eq!(error.kind(), ErrorKind::Decode);
    assert_eq!(error.raw_body(), None);
}

/// A session padded with trailing spaces (valid JSON) to exactly `len` bytes.
fn padded_session(len: usize) -> String {
    let mut body = session("vs_1").to_string();
    assert!(body.len() <= len);
    body.push_str(&" ".repeat(len - body.len()));
    body
}

/// The same 2000-byte session, chunked in 100-byte pieces, with no `Content-Length`.
fn chunked_2000(stream: TcpStream) {
    read_head(&stream);
    let mut response =
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n".to_vec();
    for piece in padded_session(2000).as_bytes().chunks(100) {
        response.extend(format!("{:x}\r\n", piece.len()).as_bytes());
        response.extend(piece);
        response.extend(b"\r\n");
    }
    response.extend(b"0\r\n\r\n");
    write_all(&stream, &response);
}

#[tokio::test]
async fn the_limit_is_configurable_and_exact_with_or_without_content_length() {
    let server = MockServer::start().await;
    Mock::given(path("/v1/identity/verification_sessions/vs_1"))
        .respond_with(ResponseTemplate::new(200).set_body_string(padded_session(2000)))
        .mount(&server)
        .await;
    let chunked = RawServer::start(chunked_2000);
    for base_url in [server.uri(), chunked.url("http")] {
        let with_limit = |limit| {
            crate::client::builder()
                .base_url(base_url.clone())
                .max_response_bytes(limit)
                .max_retries(0)
                .build()
                .unwrap()
        };
        let fits = with_limit(2000)
            .send(&RetrieveVerificationSession::new("vs_1"))
            .await
            .unwrap_or_else(|error| panic!("{base_url}: 2000 bytes fit in 2000: {error}"));
        assert_eq!(fits.id, "vs_1");
        let error = with_limit(1999)
            .send(&RetrieveVerificationSession::new("vs_1"))
            .await
            .expect_err("2000 bytes do not fit in 1999");
        assert!(
            matches!(
                error,
                Error::ResponseTooLarge {
                    status: 200,
                    limit: 1999,
                    ..
                }
            ),
            "{base_url}: {error:?}"
        );
        assert_eq!(error.kind(), ErrorKind::Decode);
        assert!(error.to_string().contains("1999 bytes"), "{error}");
    }
}

#[tokio::test]
async fn an_oversized_error_page_is_still_retried_by_its_status() {
    let server = MockServer::start().await;
    Mock::given(path("/v1/identity/verification_sessions/vs_1"))
        .respond_with(ResponseTemplate::new(503).set_body_string("x".repeat(5000)))
        .mount(&server)
        .await;
    let error = crate::client::builder()
        .base_url(server.uri())
        .backoff(crate::client::fast())
        .max_response_bytes(4096)
        .build()
        .unwrap()
        .send(&RetrieveVerificationSession::new("vs_1"))
        .await
        .expect_err("503");
    assert_eq!(server.received_requests().await.unwrap_or_default().len(), 3);
    assert!(
        matches!(error, Error::ResponseTooLarge { status: 503, .. }),
        "{error:?}"
    );
    assert_eq!(error.kind(), ErrorKind::Api);
    assert!(error.to_string().contains("4 KiB"), "{error}");
}
