//! Keep-alive connections to the base URL, reused across requests and clones of a client. Every
//! connection leads to the same place, so the pool is a stack of idle ones: a request takes the
//! most recently used, or opens a new one. A connection goes back once its response was read to
//! the end (a body left unread ends it instead), and is taken again once hyper says it can carry
//! another request, which follows within a moment on the connection's task, or fails when the
//! answer said `Connection: close` or the server has closed it since; one idle longer than
//! [`IDLE_TIMEOUT`] is dropped rather than used, since the server has likely closed it by then.
//!
//! A request that an idle connection never sent (it closed before the request could go out) is
//! sent again at once on another connection, as hyper-util's and reqwest's pools do; it is not a
//! retry in the client's sense, since nothing reached the server.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use hyper::body::Incoming;
use hyper::client::conn::http1::SendRequest;
use hyper::{Request, Response};

use super::connect::{ConnectError, Connector};

/// How long a connection may sit idle and still be used: hyper-util's default, below the few
/// minutes after which servers and NATs drop idle connections.
const IDLE_TIMEOUT: Duration = Duration::from_secs(90);

/// What went wrong before a response arrived.
pub(crate) enum SendError {
    /// No connection could be opened; nothing was sent.
    Connect(ConnectError),
    /// The request went out (or began to) and no response came back.
    Request(hyper::Error),
}

type Idle = Arc<Mutex<Vec<(SendRequest<String>, Instant)>>>;

/// The connections of one client and its clones.
pub(super) struct Pool {
    connector: Connector,
    idle: Idle,
}

/// A connection in use; [`Lease::release`] gives it back once its response is read.
pub(super) struct Lease {
    sender: SendRequest<String>,
    idle: Idle,
}

impl Pool {
    pub(super) fn new(connector: Connector) -> Self {
        Self {
            connector,
            idle: Arc::default(),
        }
    }

    /// Sends `request` on an idle connection or a new one; returns the response head (the body
    /// still to read) and the connection it came on.
    pub(super) async fn send(
        &self,
        mut request: Request<String>,
    ) -> Result<(Response<Incoming>, Lease), SendError> {
        while let Some(mut sender) = self.checkout().await {
            match sender.try_send_request(request).await {
                Ok(response) => return Ok((response, self.lease(sender))),
                Err(mut error) => match error.take_message() {
                    Some(unsent) => request = unsent,
                    None => return Err(SendError::Request(error.into_error())),
                },
            }
        }
        let mut sender = self.connector.connect().await.map_err(SendError::Connect)?;
        let response = sender.send_request(request).await.map_err(SendError::Request)?;
        Ok((response, self.lease(sender)))
    }

    /// The most recently used idle connection that can take a request.
    async fn checkout(&self) -> Option<SendRequest<String>> {
        loop {
            // The lock is held for the `pop` only, never across a wait.
            let (mut sender, since) = self.idle.lock().unwrap_or_else(PoisonError::into_inner).pop()?;
            if sender.is_closed() || since.elapsed() >= IDLE_TIMEOUT {
                continue;
            }
            // A connection given back a moment ago may still be finishing its last response.
            if sender.ready().await.is_ok() {
                return Some(sender);
            }
        }
    }

    fn lease(&self, sender: SendRequest<String>) -> Lease {
        Lease {
            sender,
            idle: Arc::clone(&self.idle),
        }
    }
}

impl Lease {
    /// Gives the connection back, its response read to the end.
    pub(super) fn release(self) {
        let mut idle = self.idle.lock().unwrap_or_else(PoisonError::into_inner);
        // Closed and stale ones go now, so the connections of a burst do not linger.
        idle.retain(|(sender, since)| !sender.is_closed() && since.elapsed() < IDLE_TIMEOUT);
        idle.push((self.sender, Instant::now()));
    }
}

impl std::fmt::Debug for Pool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let idle = self.idle.lock().unwrap_or_else(PoisonError::into_inner).len();
        f.debug_struct("Pool")
            .field("connector", &self.connector)
            .field("idle", &idle)
            .finish()
    }
}
