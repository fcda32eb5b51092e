//! Below HTTP: reqwest's errors sorted into ours, with whether a retry could help, and bodies read
//! no further than the client allows.
//!
//! Retried, as Stripe's SDKs retry connection errors: a failed connect (refused, reset, DNS), a
//! timeout, and a connection that closed or reset after the request went out but before any
//! response. Not retried: a request that cannot be built (a `Config` error: nothing was sent and
//! nothing would change), a TLS failure (a certificate or a peer that does not speak TLS will not
//! heal in a second), a response hyper cannot parse, and a failure while reading a body (the
//! request was answered). The key never appears in a message: it travels only in a header, and
//! reqwest's messages name the URL, never headers.

use std::error::Error as _;
use std::io;

use super::Error;

/// A request that produced no usable response.
pub(crate) struct Failure {
    pub(crate) error: Error,
    /// Whether sending again could succeed.
    pub(crate) transient: bool,
}

/// Sorts a reqwest error.
pub(crate) fn classify(error: reqwest::Error) -> Failure {
    if error.is_builder() {
        return Failure {
            error: Error::Config(format!("the request could not be built: {}", describe(&error))),
            transient: false,
        };
    }
    let timed_out = error.is_timeout();
    let transient =
        timed_out || (!is_tls_or_invalid(&error) && (error.is_connect() || closed_before_response(&error)));
    Failure {
        error: Error::Connection {
            message: describe(&error),
            timed_out,
        },
        transient,
    }
}

/// The error and its causes, `: `-joined (reqwest's own message names only the step that failed).
fn describe(error: &reqwest::Error) -> String {
    let mut message = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let text = cause.to_string();
        if !message.ends_with(&text) {
            message.push_str(": ");
            message.push_str(&text);
        }
        source = cause.source();
    }
    message
}

/// The causes of `error`, outermost first.
fn causes<'a>(error: &'a reqwest::Error) -> impl Iterator<Item = &'a (dyn std::error::Error + 'static)> {
    std::iter::successors(error.source(), |&cause| cause.source())
}

/// The kinds of the I/O errors in `error`'s causes, looking inside I/O errors that wrap others
/// (hyper-rustls wraps the TLS error in `io::Error::other`, whose `source` skips the wrapped one).
fn io_kinds(error: &reqwest::Error) -> impl Iterator<Item = io::ErrorKind> + '_ {
    causes(error).flat_map(|cause| {
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
/// I/O errors; `InvalidInput` is a name that cannot be a TLS server name.
fn is_tls_or_invalid(error: &reqwest::Error) -> bool {
    io_kinds(error).any(|kind| matches!(kind, io::ErrorKind::InvalidData | io::ErrorKind::InvalidInput))
}

/// The request went out on a connection that then closed or reset with no response.
fn closed_before_response(error: &reqwest::Error) -> bool {
    let hyper_says_closed = causes(error).any(|cause| {
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
    error.is_request() && (hyper_says_closed || io_says_closed)
}

/// A response body, or the news that it is larger than allowed.
pub(crate) enum Body {
    Read(String),
    TooLarge,
}

/// Reads the body chunk by chunk and stops as soon as it passes `limit` bytes; a
/// `Content-Length` above the limit is refused before reading anything.
pub(crate) async fn read_body(response: &mut reqwest::Response, limit: usize) -> Result<Body, Failure> {
    let limit_u64 = u64::try_from(limit).unwrap_or(u64::MAX);
    if response.content_length().is_some_and(|length| length > limit_u64) {
        return Ok(Body::TooLarge);
    }
    let mut bytes = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(classify)? {
        if bytes.len() + chunk.len() > limit {
            return Ok(Body::TooLarge);
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(Body::Read(String::from_utf8_lossy(&bytes).into_owned()))
}
