//! Connections are kept and reused: requests in a row share one connection, one the server closed
//! while it sat idle is replaced without the caller seeing an error or a retry, and no more than
//! the cap are kept idle after a burst (the built-in transport's).

use std::net::TcpStream;
use std::time::Duration;

use stripe_identity::*;

use crate::client::raw_server::{read_head, write_all, RawServer};
use crate::client::session;

/// A keep-alive answer: a session with its length, the connection left open.
fn answer() -> Vec<u8> {
    let body = session("vs_1").to_string();
    let head = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    [head.into_bytes(), body.into_bytes()].concat()
}

/// Answers every request on the connection, for as long as the client keeps it.
fn keep_alive(stream: TcpStream) {
    while read_head(&stream) {
        if !write_all(&stream, &answer()) {
            return;
        }
    }
}

/// Answers one request as if the connection stayed open, then closes it.
fn one_then_close(stream: TcpStream) {
    read_head(&stream);
    write_all(&stream, &answer());
}

fn client(server: &RawServer) -> Client {
    crate::client::builder()
        .base_url(server.url("http"))
        .max_retries(0)
        .build()
        .expect("client builds")
}

#[tokio::test]
async fn requests_in_a_row_share_one_connection() {
    let server = RawServer::start(keep_alive);
    let client = client(&server);
    for _ in 0..3 {
        let session = client
            .send(&RetrieveVerificationSession::new("vs_1"))
            .await
            .expect("answered");
        assert_eq!(session.id, "vs_1");
    }
    // Clones share the pool too.
    client
        .clone()
        .send(&RetrieveVerificationSession::new("vs_1"))
        .await
        .expect("answered");
    assert_eq!(server.connections(), 1);
}

#[tokio::test]
async fn a_connection_closed_while_idle_is_replaced_without_a_retry() {
    let server = RawServer::start(one_then_close);
    let client = client(&server);
    for _ in 0..3 {
        // Time for the close to arrive, as it does for a connection idle on a real server.
        tokio::time::sleep(Duration::from_millis(50)).await;
        client
            .send(&RetrieveVerificationSession::new("vs_1"))
            .await
            .expect("answered on a new connection, with retries off");
    }
    assert_eq!(server.connections(), 3);
}

/// The built-in transport's pool cap (reqwest's pool has settings of its own).
#[cfg(not(feature = "reqwest"))]
mod idle_cap {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;

    /// Connections of `slow_keep_alive` still open (the server has not read the client's close).
    static OPEN: AtomicUsize = AtomicUsize::new(0);

    /// Keeps the connection like `keep_alive`, answering each request after a moment (so concurrent
    /// requests cannot share a connection), and counts itself open until the client closes it.
    fn slow_keep_alive(stream: TcpStream) {
        OPEN.fetch_add(1, Ordering::SeqCst);
        while read_head(&stream) {
            std::thread::sleep(Duration::from_millis(150));
            if !write_all(&stream, &answer()) {
                break;
            }
        }
        OPEN.fetch_sub(1, Ordering::SeqCst);
    }

    #[tokio::test]
    async fn after_a_burst_only_the_idle_cap_stays_open() {
        let server = RawServer::start(slow_keep_alive);
        let client = crate::client::builder()
            .base_url(server.url("http"))
            .max_retries(0)
            .max_idle_connections(2)
            .build()
            .expect("client builds");
        let burst = (0..5).map(|_| {
            let client = client.clone();
            tokio::spawn(async move { client.send(&RetrieveVerificationSession::new("vs_1")).await })
        });
        for sent in futures_util::future::join_all(burst).await {
            sent.expect("the task ran").expect("answered");
        }
        assert_eq!(server.connections(), 5, "five at once need five connections");
        // The three beyond the cap are closed once their responses are read; the server notices.
        let deadline = std::time::Instant::now() + Duration::from_secs(5);
        while OPEN.load(Ordering::SeqCst) > 2 && std::time::Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        assert_eq!(
            OPEN.load(Ordering::SeqCst),
            2,
            "idle connections beyond the cap are closed"
        );
        // And the two kept are reused.
        client
            .send(&RetrieveVerificationSession::new("vs_1"))
            .await
            .expect("answered");
        assert_eq!(server.connections(), 5);
    }
}
