//! The seam between the client and HTTP: a [`Transport`] takes one request and answers with the
//! response head and its body unread, or with a [`TransportError`] saying how far the request got.
//! Everything Stripe-specific stays above it and behaves the same whatever sends the bytes: the
//! headers and idempotency keys, each attempt's timeout, which failures are retried and how long
//! to wait, the response size cap, typed errors, pagination, telemetry and tracing.
//!
//! The default transport is hyper-util's pooled client (`hyper_transport`). An application brings
//! its own HTTP stack with [`ClientBuilder::transport`](super::ClientBuilder::transport): any type
//! implementing [`Transport`] (a recording fake in tests), a tower stack through
//! [`TowerTransport`](super::TowerTransport), or, with the `reqwest` feature, a `reqwest::Client`.

use std::error::Error as StdError;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::task::{Context, Poll};

use bytes::Bytes;
use http_body::{Body, Frame, SizeHint};
use http_body_util::combinators::UnsyncBoxBody;
use http_body_util::{BodyExt as _, Full};

/// Any error a transport or a body may carry.
pub type BoxError = Box<dyn StdError + Send + Sync>;

/// What [`Transport::send`] returns.
pub type TransportFuture<'a> =
    Pin<Box<dyn Future<Output = Result<http::Response<ResponseBody>, TransportError>> + Send + 'a>>;

/// Sends one HTTP request and returns its response.
///
/// The request has an absolute URI (`https://api.stripe.com/v1/…`), every header the client sends
/// (including `Host` and, for a POST, `Content-Length`), and the form body (empty for GET and
/// DELETE). The future resolves once the response head has arrived; the client reads the body,
/// within its size limit and the attempt's timeout. A transport must not retry, follow redirects
/// or decompress on its own: the client decides retries from the [`TransportError`] and the
/// response, and Stripe sends neither redirects nor compressed bodies unasked.
pub trait Transport: fmt::Debug + Send + Sync + 'static {
    /// Sends `request`.
    fn send(&self, request: http::Request<String>) -> TransportFuture<'_>;
}

/// A response body, of whatever type the transport reads: hyper's, reqwest's, or bytes a test
/// holds. Type-erased so [`Transport`] can be a trait object; `Send` and `Sync` whatever the body
/// is (`Sync` through a lock that reading, which has `&mut`, never takes), so a middleware may
/// hold a `&Response` across an `.await`.
pub struct ResponseBody(Mutex<UnsyncBoxBody<Bytes, BoxError>>);

impl ResponseBody {
    /// Wraps a transport's body; its `size_hint` (the `Content-Length`) is kept, so the client
    /// can refuse an oversized answer before reading it.
    pub fn new<B>(body: B) -> Self
    where
        B: Body<Data = Bytes> + Send + 'static,
        B::Error: Into<BoxError>,
    {
        Self(Mutex::new(body.map_err(Into::into).boxed_unsync()))
    }
}

impl ResponseBody {
    fn inner(&self) -> MutexGuard<'_, UnsyncBoxBody<Bytes, BoxError>> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl From<Bytes> for ResponseBody {
    fn from(bytes: Bytes) -> Self {
        Self::new(Full::new(bytes))
    }
}

impl From<String> for ResponseBody {
    fn from(text: String) -> Self {
        Bytes::from(text).into()
    }
}

impl From<&'static str> for ResponseBody {
    fn from(text: &'static str) -> Self {
        Bytes::from_static(text.as_bytes()).into()
    }
}

impl Body for ResponseBody {
    type Data = Bytes;
    type Error = BoxError;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, BoxError>>> {
        Pin::new(self.0.get_mut().unwrap_or_else(PoisonError::into_inner)).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.inner().is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner().size_hint()
    }
}

impl fmt::Debug for ResponseBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ResponseBody")
            .field("size_hint", &self.inner().size_hint())
            .finish_non_exhaustive()
    }
}

/// How far a request got before it failed: what decides whether the client sends it again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// No connection could be opened (refused, reset, DNS, a proxy that would not tunnel):
    /// nothing reached the server. Retried.
    Connect,
    /// The request went out and the connection closed or reset before any response. Retried,
    /// as Stripe's SDKs retry it (a POST carries its idempotency key, so it applies once).
    Closed,
    /// The transport's own time limit passed (an operating-system timeout in the error's causes
    /// counts too). Retried, like the client's timeout. A tower stack's timeout layer has an error
    /// type of its own: map it to this kind (`TransportError::new(TimedOut, elapsed)`).
    TimedOut,
    /// What another attempt will not heal: a TLS failure (a certificate, a peer that does not
    /// speak TLS), a host that cannot be a TLS server name, a response that is not HTTP, a
    /// request the transport refused. Not retried.
    Fatal,
}

/// A request that produced no response, with why.
pub struct TransportError {
    kind: TransportErrorKind,
    error: BoxError,
}

impl TransportError {
    /// A failure of `kind`, caused by `error`. Its message (and its causes') becomes the client's
    /// [`Error::Connection`](super::Error::Connection) message: it must not hold a secret.
    pub fn new(kind: TransportErrorKind, error: impl Into<BoxError>) -> Self {
        Self {
            kind,
            error: error.into(),
        }
    }

    /// How far the request got.
    pub fn kind(&self) -> TransportErrorKind {
        self.kind
    }

    /// Whether sending again could succeed.
    pub fn is_retryable(&self) -> bool {
        self.kind != TransportErrorKind::Fatal
    }

    /// The cause, for the client's error message.
    pub fn cause(&self) -> &(dyn StdError + 'static) {
        &*self.error
    }
}

impl fmt::Debug for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TransportError")
            .field("kind", &self.kind)
            .field("error", &self.error)
            .finish()
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.error, f)
    }
}

// Transparent: it prints as its cause and continues that cause's chain, so a report walking
// `source()` shows each message once.
impl StdError for TransportError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        self.error.source()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn send_and_sync<T: Send + Sync>() {}

    #[test]
    fn what_a_transport_returns_can_be_held_across_an_await_by_middleware() {
        send_and_sync::<http::Response<ResponseBody>>();
        send_and_sync::<TransportError>();
    }

    #[test]
    fn a_wrapped_body_keeps_its_length_and_bytes() {
        let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
        let body = ResponseBody::from("{\"id\":\"vs_1\"}");
        assert_eq!(body.size_hint().exact(), Some(13));
        let bytes = runtime.block_on(body.collect()).unwrap().to_bytes();
        assert_eq!(bytes, "{\"id\":\"vs_1\"}");
    }
}
