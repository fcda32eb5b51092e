//! Below HTTP: hyper's errors and the client's timeout sorted into ours, with whether a retry could
//! help, and bodies read no further than the client allows.
//!
//! Retried, as Stripe's SDKs retry connection errors: a failed connect (refused, reset, DNS, a
//! proxy that would not tunnel), a timeout, and a connection that closed or reset after the request
//! went out but before any response. Not retried: a TLS failure (a certificate or a peer that does
//! not speak TLS will not heal in a second), a host that cannot be a TLS server name, a response
//! hyper cannot parse, and a failure while reading a body (the request was answered). The key never
//! appears in a message: it travels only in a header, and hyper's messages name neither headers
//! nor URLs.

use std::future::poll_fn;
use std::io;
use std::pin::Pin;
use std::time::Duration;

use hyper::body::{Body as _, Incoming};

use super::pool::SendError;
use super::Error;

/// A request that produced no usable response.
pub(crate) struct Failure {
    pub(crate) error: Error,
    /// Whether sending again could succeed.
    pub(crate) transient: bool,
}

/// Sorts a failure to get a response: a connection that could not be opened (nothing was sent),
/// or a request that got no answer.
pub(crate) fn classify(error: SendError) -> Failure {
    let (error, sent): (&(dyn std::error::Error + 'static), bool) = match &error {
        SendError::Connect(error) => (error, false),
        SendError::Request(error) => (error, true),
    };
    let transient = !is_tls_or_invalid(error) && (!sent || closed_before_response(error));
    Failure {
        error: Error::Connection {
            message: describe(error),
            timed_out: false,
        },
        transient,
    }
}

/// The attempt took longer than the client's timeout (connecting, waiting, or reading the body).
pub(crate) fn timed_out(limit: Duration) -> Failure {
    Failure {
        error: Error::Connection {
            message: format!("no complete response within {limit:?}"),
            timed_out: true,
        },
        transient: true,
    }
}

/// The body broke off after the response began: the request was answered, so it is not retried.
fn body_failed(error: hyper::Error) -> Failure {
    Failure {
        error: Error::Connection {
            message: describe(&error),
            timed_out: false,
        },
        transient: false,
    }
}

/// The error and its causes, `: `-joined (the outer message names only the step that failed:
/// "TLS handshake failed").
fn describe(error: &(dyn std::error::Error + 'static)) -> String {
    let mut message = error.to_string();
    for cause in causes(error) {
        let text = cause.to_string();
        if !message.ends_with(&text) {
            message.push_str(": ");
            message.push_str(&text);
        }
    }
    message
}

/// `error` and its causes, outermost first.
fn chain<'a>(
    error: &'a (dyn std::error::Error + 'static),
) -> impl Iterator<Item = &'a (dyn std::error::Error + 'static)> {
    std::iter::successors(Some(error), |&cause| cause.source())
}

/// The causes of `error`, outermost first.
fn causes<'a>(
    error: &'a (dyn std::error::Error + 'static),
) -> impl Iterator<Item = &'a (dyn std::error::Error + 'static)> {
    chain(error).skip(1)
}

/// The kinds of the I/O errors in `error`'s chain, looking inside I/O errors that wrap others
/// (an `io::Error` that wraps another error does not list it as its `source`).
fn io_kinds<'a>(error: &'a (dyn std::error::Error + 'static)) -> impl Iterator<Item = io::ErrorKind> + 'a {
    chain(error).flat_map(|cause| {
        let mut kinds = Vec::new();
        let mut io = cause.downcast_ref::<io::Error>();
        while let Some(current) = io {
            kinds.push(current.kind());
            io = current
                .get_ref()
                .and_then(|inner| inner.downcast_ref::<io::Error>());
        }
        kinds
    })
}

/// TLS reports its failures (a bad certificate, a peer that does not speak TLS) as `InvalidData`
/// I/O errors; `InvalidInput`, or rustls's own error for it, is a host that cannot be a TLS server
/// name.
fn is_tls_or_invalid(error: &(dyn std::error::Error + 'static)) -> bool {
    let bad_name = chain(error).any(|cause| cause.is::<rustls::pki_types::InvalidDnsNameError>());
    bad_name
        || io_kinds(error)
            .any(|kind| matches!(kind, io::ErrorKind::InvalidData | io::ErrorKind::InvalidInput))
}

/// The request went out on a connection that then closed or reset with no response.
fn closed_before_response(error: &(dyn std::error::Error + 'static)) -> bool {
    let hyper_says_closed = chain(error).any(|cause| {
        cause
            .downcast_ref::<hyper::Error>()
            .is_some_and(|hyper| hyper.is_incomplete_message() || hyper.is_canceled() || hyper.is_closed())
    });
    let io_says_closed = io_kinds(error).any(|kind| {
        matches!(
            kind,
            io::ErrorKind::ConnectionReset
                | io::ErrorKind::ConnectionAborted
                | io::ErrorKind::BrokenPipe
                | io::ErrorKind::UnexpectedEof
        )
    });
    hyper_says_closed || io_says_closed
}

/// A response body, or the news that it is larger than allowed.
pub(crate) enum Body {
    Read(String),
    TooLarge,
}

/// Reads the body frame by frame and stops as soon as it passes `limit` bytes; a
/// `Content-Length` above the limit is refused before reading anything.
pub(crate) async fn read_body(mut body: Incoming, limit: usize) -> Result<Body, Failure> {
    let limit_u64 = u64::try_from(limit).unwrap_or(u64::MAX);
    // hyper's exact size hint is the response's `Content-Length`.
    if body.size_hint().exact().is_some_and(|length| length > limit_u64) {
        return Ok(Body::TooLarge);
    }
    let mut bytes = Vec::new();
    while let Some(frame) = poll_fn(|cx| Pin::new(&mut body).poll_frame(cx)).await {
        // Trailers carry no body bytes.
        let Ok(chunk) = frame.map_err(body_failed)?.into_data() else {
            continue;
        };
        if bytes.len() + chunk.len() > limit {
            return Ok(Body::TooLarge);
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(Body::Read(String::from_utf8_lossy(&bytes).into_owned()))
}
