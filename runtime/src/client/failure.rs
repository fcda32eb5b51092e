//! Failures below HTTP sorted into the client's errors, and whether a retry could help: the rules
//! every transport shares. A transport says how far a request got ([`TransportErrorKind`]); the
//! built-in ones find that out from their error's chain (`kind_of`), so hyper's and reqwest's
//! failures are sorted by the same rules.
//!
//! Retried, as Stripe's SDKs retry connection errors: a failed connect (refused, reset, DNS, a
//! proxy that would not tunnel), a timeout, and a connection that closed or reset after the request
//! went out but before any response. Not retried: a TLS failure (a certificate or a peer that does
//! not speak TLS will not heal in a second), a host that cannot be a TLS server name, a response
//! that is not HTTP, and a failure while reading a body (the request was answered). The key never
//! appears in a message: it travels only in a header, and hyper's messages name neither headers
//! nor URLs.

use std::io;
use std::time::Duration;

use super::transport::{TransportError, TransportErrorKind};
use super::Error;

/// A request that produced no usable response.
pub(crate) struct Failure {
    pub(crate) error: Error,
    /// Whether sending again could succeed.
    pub(crate) transient: bool,
}

impl From<TransportError> for Failure {
    fn from(failure: TransportError) -> Self {
        Self {
            error: Error::Connection {
                message: describe(failure.cause()),
                timed_out: failure.kind() == TransportErrorKind::TimedOut,
            },
            transient: failure.is_retryable(),
        }
    }
}

/// How far a request got, from its error: `connecting` when the transport knows it failed while
/// opening a connection (nothing was sent); otherwise its causes tell (a transport inside a tower
/// stack does not say).
pub(crate) fn kind_of(error: &(dyn std::error::Error + 'static), connecting: bool) -> TransportErrorKind {
    if is_tls_or_invalid(error) {
        TransportErrorKind::Fatal
    } else if connecting || never_connected(error) {
        TransportErrorKind::Connect
    } else if closed_before_response(error) {
        TransportErrorKind::Closed
    } else {
        TransportErrorKind::Fatal
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
pub(crate) fn body_failed(error: &(dyn std::error::Error + 'static)) -> Failure {
    Failure {
        error: Error::Connection {
            message: describe(error),
            timed_out: false,
        },
        transient: false,
    }
}

/// The error and its causes, `: `-joined (the outer message names only the step that failed:
/// "TLS handshake failed").
pub(crate) fn describe(error: &(dyn std::error::Error + 'static)) -> String {
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

/// Causes that only opening a connection has: hyper-util's client saying so, or a refusal or a
/// missing route from the operating system.
fn never_connected(error: &(dyn std::error::Error + 'static)) -> bool {
    let hyper_util_says = chain(error).any(|cause| {
        cause
            .downcast_ref::<hyper_util::client::legacy::Error>()
            .is_some_and(hyper_util::client::legacy::Error::is_connect)
    });
    hyper_util_says
        || io_kinds(error).any(|kind| {
            matches!(
                kind,
                io::ErrorKind::ConnectionRefused
                    | io::ErrorKind::HostUnreachable
                    | io::ErrorKind::NetworkUnreachable
                    | io::ErrorKind::AddrNotAvailable
            )
        })
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
