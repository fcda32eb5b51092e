//! A fake that can be left running: a client that never finishes its headers is cut off, the
//! request log is bounded in bytes, `reset` starts afresh (from Rust and over HTTP), and it can
//! listen on another address.

use std::time::Duration;

use stripe_identity::*;
use stripe_identity_fake::FakeStripe;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::{client, raw};

#[tokio::test]
async fn a_client_that_never_finishes_its_headers_is_cut_off() {
    let fake = FakeStripe::builder()
        .header_read_timeout(Duration::from_millis(100))
        .start()
        .await
        .unwrap();
    let mut slow = tokio::net::TcpStream::connect(fake.address()).await.unwrap();
    slow.write_all(b"GET /v1/identity/verification_sessions HTTP/1.1\r\nHost: x\r\n")
        .await
        .unwrap();
    let mut answer = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(5), slow.read_to_end(&mut answer)).await;
    assert!(read.is_ok(), "the connection is closed, not held open");
    let text = String::from_utf8_lossy(&answer);
    assert!(text.is_empty() || text.starts_with("HTTP/1.1 408"), "{text}");
    // Everyone else is still served.
    assert!(client(&fake).send(&ListVerificationSessions::new()).await.is_ok());
}

#[tokio::test]
async fn the_request_log_is_bounded_in_bytes() {
    let fake = FakeStripe::builder()
        .request_log_bytes(4_000)
        .start()
        .await
        .unwrap();
    let client = client(&fake);
    let big = "x".repeat(400);
    for _ in 0..30 {
        client
            .send(
                &CreateVerificationSession::new()
                    .type_(CreateVerificationSessionType::Document)
                    .metadata([("note", big.as_str())]),
            )
            .await
            .unwrap();
    }
    let kept = fake.requests();
    let bytes: usize = kept
        .iter()
        .map(|request| serde_json::to_string(&request.params).unwrap().len())
        .sum();
    assert!(kept.len() < 30 && !kept.is_empty(), "{} kept", kept.len());
    assert!(bytes <= 4_000, "{bytes} bytes of parameters kept");
    // The newest are the ones kept.
    assert_eq!(kept.last().unwrap().path, "/v1/identity/verification_sessions");
}

#[tokio::test]
async fn reset_forgets_everything_but_the_endpoints_and_settings() {
    let fake = FakeStripe::start().await;
    let client = client(&fake);
    let session = crate::create(&client).await;
    fake.reset();
    assert!(fake.events().is_empty() && fake.requests().is_empty());
    let error = client
        .send(&RetrieveVerificationSession::new(session.id.as_str()))
        .await
        .expect_err("forgotten");
    assert_eq!(error.status(), Some(404));
    crate::create(&client).await;
    let answer = raw(&fake, "POST", "/_fake/reset", &[], "").await;
    assert_eq!((answer.status, answer.body["reset"].as_bool()), (200, Some(true)));
    let listed = client.send(&ListVerificationSessions::new()).await.unwrap();
    assert!(listed.data.is_empty());
}

#[tokio::test]
async fn it_listens_on_the_address_it_is_given() {
    let fake = FakeStripe::builder()
        .host(std::net::IpAddr::from([0, 0, 0, 0]))
        .start()
        .await
        .unwrap();
    assert!(fake.address().ip().is_unspecified());
    let stripe = Client::builder(crate::KEY)
        .base_url(format!("http://127.0.0.1:{}", fake.address().port()))
        .build()
        .unwrap();
    assert!(stripe.send(&ListVerificationSessions::new()).await.is_ok());
}
