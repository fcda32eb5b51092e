//! The blocking client, from plain `#[test]`s with no runtime of their own, against the fake
//! served on 127.0.0.1 by a runtime on another thread: the same operations, retries, errors and
//! pagination as the async client; and a `Config` error, not a panic, inside an async runtime.

use std::sync::{mpsc, Arc};

use stripe_identity::*;
use stripe_identity_fake::{FakeStripe, Fault};

/// A fake on a runtime of its own thread, for as long as the returned value lives.
struct Background {
    fake: Arc<FakeStripe>,
    _stop: tokio::sync::oneshot::Sender<()>,
}

fn fake_in_background() -> Background {
    let (sent, received) = mpsc::channel();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async move {
            let fake = Arc::new(FakeStripe::start().await);
            sent.send(fake.clone()).unwrap();
            let _ = stopped.await;
        });
    });
    Background {
        fake: received.recv().unwrap(),
        _stop: stop,
    }
}

fn blocking_client(fake: &FakeStripe) -> blocking::Client {
    stripe_identity::client(crate::KEY)
        .base_url(fake.base_url())
        .backoff(crate::fast())
        .build_blocking()
        .expect("a blocking client")
}

#[test]
fn the_blocking_client_sends_every_operation_and_pages() {
    let background = fake_in_background();
    let client = blocking_client(&background.fake);
    let session = client
        .send(&CreateVerificationSession::new().type_(CreateVerificationSessionType::Document))
        .expect("created");
    let options = RequestOptions::new().idempotency_key("blocking-1");
    let updated = client
        .send_with(
            &UpdateVerificationSession::new(session.id.as_str()).metadata([("k", "v")]),
            &options,
        )
        .expect("updated");
    assert_eq!(updated.metadata.get("k").map(String::as_str), Some("v"));
    let (retrieved, meta) = client
        .send_with_meta(
            &RetrieveVerificationSession::new(session.id.as_str()),
            &RequestOptions::new(),
        )
        .unwrap();
    assert_eq!(retrieved.id, session.id);
    assert!(meta.request_id.is_some_and(|id| id.starts_with("req_")));
    for _ in 0..24 {
        client
            .send(&CreateVerificationSession::new().type_(CreateVerificationSessionType::Document))
            .unwrap();
    }
    let all: Vec<_> = client
        .paginate(ListVerificationSessions::new().limit(10))
        .collect::<Result<_, _>>()
        .expect("every page");
    assert_eq!(all.len(), 25);
    assert_eq!(
        all.last().map(|s| s.id.clone()),
        Some(session.id.clone()),
        "oldest last"
    );
    let canceled = client
        .send(&CancelVerificationSession::new(session.id.as_str()))
        .unwrap();
    assert_eq!(canceled.status, VerificationSessionStatus::Canceled);
}

#[test]
fn the_blocking_client_retries_and_types_its_errors_like_the_async_one() {
    let background = fake_in_background();
    let client = blocking_client(&background.fake);
    background
        .fake
        .fail_next(Fault {
            status: 503,
            count: 1,
            retry_after: None,
            drop: false,
        })
        .unwrap();
    client
        .send(&ListVerificationSessions::new())
        .expect("retried after the 503");
    assert_eq!(background.fake.requests().len(), 2);
    let error = client
        .send(&RetrieveVerificationSession::new("vs_missing"))
        .expect_err("404");
    assert_eq!(error.kind(), ErrorKind::InvalidRequest);
    assert_eq!(
        error.api_error().and_then(|api| api.code.as_deref()),
        Some("resource_missing")
    );
}

#[tokio::test]
async fn inside_an_async_runtime_it_is_a_config_error_not_a_panic() {
    let error = stripe_identity::client(crate::KEY)
        .build_blocking()
        .expect_err("refused");
    assert_eq!(error.kind(), ErrorKind::Config);
    // Built outside, used inside.
    let client = std::thread::spawn(|| stripe_identity::client(crate::KEY).build_blocking().unwrap())
        .join()
        .unwrap();
    let error = client
        .send(&ListVerificationSessions::new())
        .expect_err("refused");
    assert_eq!(error.kind(), ErrorKind::Config);
    assert!(error.to_string().contains("async runtime"), "{error}");
    let mut pages = client.paginate(ListVerificationSessions::new());
    assert!(matches!(pages.next(), Some(Err(Error::Config(_)))));
    assert!(pages.next().is_none());
    // Dropping a blocking client inside a runtime must not panic either.
    drop(pages);
    drop(client);
}

/// A server that answers each request with a session, keeps the connection alive, and closes it
/// 50 ms after answering: the idle connection a pool holds goes dead between two calls.
fn closing_server() -> (String, Arc<std::sync::atomic::AtomicUsize>) {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    let served = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counter = served.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let counter = counter.clone();
            std::thread::spawn(move || {
                let mut head = Vec::new();
                let mut byte = [0u8; 1];
                while !head.ends_with(b"\r\n\r\n") {
                    if stream.read(&mut byte).unwrap_or(0) == 0 {
                        return;
                    }
                    head.push(byte[0]);
                }
                let body = br#"{"object":"list","data":[],"has_more":false,"url":"/v1/identity/verification_sessions"}"#;
                let response = format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nrequest-id: req_closing\r\n\r\n",
                    body.len()
                );
                let _ = stream.write_all(response.as_bytes());
                let _ = stream.write_all(body);
                counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                std::thread::sleep(std::time::Duration::from_millis(50));
                // Dropped: the connection closes while the client holds it idle.
            });
        }
    });
    (format!("http://{address}"), served)
}

#[test]
fn a_connection_the_server_closed_while_idle_is_not_used_again() {
    let (url, served) = closing_server();
    let client = stripe_identity::client(crate::KEY)
        .base_url(url)
        .build_blocking()
        .unwrap();
    client.send(&ListVerificationSessions::new()).unwrap();
    // Long enough for the server to close the idle connection (this provokes the condition; no
    // assertion depends on the time).
    std::thread::sleep(std::time::Duration::from_millis(300));
    let once = RequestOptions::new().max_retries(0);
    client
        .send_with(&ListVerificationSessions::new(), &once)
        .expect("sent on a fresh connection, not the dead one");
    assert_eq!(
        served.load(std::sync::atomic::Ordering::SeqCst),
        2,
        "no attempt was lost"
    );
}

#[test]
fn paginate_with_carries_the_options_onto_every_page() {
    let background = fake_in_background();
    let client = blocking_client(&background.fake);
    let account = RequestOptions::new().stripe_account("acct_pages");
    for _ in 0..12 {
        client
            .send_with(
                &CreateVerificationSession::new().type_(CreateVerificationSessionType::Document),
                &account,
            )
            .unwrap();
    }
    client
        .send(&CreateVerificationSession::new().type_(CreateVerificationSessionType::Document))
        .unwrap();
    let listed: Vec<_> = client
        .paginate_with(ListVerificationSessions::new().limit(5), &account)
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(listed.len(), 12, "three pages, all of the account's");
    let pages = background
        .fake
        .requests()
        .into_iter()
        .filter(|r| r.method == "GET")
        .count();
    assert_eq!(pages, 3);
    assert!(background
        .fake
        .requests()
        .iter()
        .filter(|r| r.method == "GET")
        .all(|r| r
            .headers
            .iter()
            .any(|(name, value)| name == "stripe-account" && value == "acct_pages")));
}
