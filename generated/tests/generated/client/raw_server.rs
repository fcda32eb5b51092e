//! A TCP server on 127.0.0.1 that answers with whatever bytes a test writes, for exchanges
//! wiremock cannot produce: non-TLS bytes to a TLS client, a connection closed before any answer,
//! a body that never ends, a `Content-Length` that lies. It counts the connections it accepts, so
//! a test can tell how many attempts the client made without timing them.

use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

/// A running server; its threads end with the test process.
pub(crate) struct RawServer {
    address: SocketAddr,
    connections: Arc<AtomicUsize>,
}

impl RawServer {
    /// Serves every connection with `handler`, each on its own thread (blocking I/O keeps the
    /// helper independent of the async runtime under test).
    pub(crate) fn start(handler: fn(TcpStream)) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
        let address = listener.local_addr().expect("bound");
        let connections = Arc::new(AtomicUsize::new(0));
        let counter = Arc::clone(&connections);
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                // Counted before the handler writes, so the client cannot see an answer first.
                counter.fetch_add(1, Ordering::SeqCst);
                std::thread::spawn(move || handler(stream));
            }
        });
        Self { address, connections }
    }

    /// `http://127.0.0.1:port` (or `https://…`), for `ClientBuilder::base_url`.
    pub(crate) fn url(&self, scheme: &str) -> String {
        format!("{scheme}://{}", self.address)
    }

    /// How many connections were accepted so far.
    pub(crate) fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }
}

/// Reads the request line and headers (up to the blank line), ignoring any body; false when the
/// client closed the connection first.
pub(crate) fn read_head(stream: &TcpStream) -> bool {
    // Byte by byte, so nothing of a next request on the same connection is read ahead and lost.
    let mut reader = BufReader::with_capacity(1, stream);
    let mut line = String::new();
    loop {
        line.clear();
        match reader.read_line(&mut line) {
            Ok(0) | Err(_) => return false,
            Ok(_) if line == "\r\n" => return true,
            Ok(_) => {}
        }
    }
}

/// Writes `bytes`, ignoring a peer that has gone away (the client may stop reading on purpose).
pub(crate) fn write_all(mut stream: &TcpStream, bytes: &[u8]) -> bool {
    stream.write_all(bytes).and_then(|()| stream.flush()).is_ok()
}
