//! Connections are kept and reused: requests in a row share one connection, and one the server
//! closed while it sat idle is replaced without the caller seeing an error or a retry.

use std::net::TcpStream;
use std::time::Duration;

use stripe_identity::*;

use crate::raw_server::{read_head, write_all, RawServer};
use crate::{session, KEY};

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
    stripe_identity::client(KEY)
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
