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

use super::transport::{BoxError, TransportError, TransportErrorKind};
use super::Error;

/// A request that produced no usable response.
pub(crate) struct Failure {
    pub(crate) error: Error,
    /// Whether sending again could succeed.
    pub(crate) transient: bool,
}

impl From<TransportError> for Failure {
    fn from(failure: TransportError) -> Self {
        let transient = failure.is_retryable();
        Self {
            error: Error::Connection {
                message: describe(failure.cause()),
                timed_out: failure.kind() == TransportErrorKind::TimedOut,
                source: Some(failure),
            },
            transient,
        }
    }
}

/// How far a request got, from its error: `connecting` when the transport knows it failed while
/// opening a connection; otherwise its causes tell (a transport inside a tower stack does not
/// say). In order: a [`TransportError`] anywhere in the chain keeps its kind; a TLS failure or a
/// name TLS cannot take is fatal; an operating-system timeout is a timeout; a failure to connect
/// is retried only when an operating-system error says why (refused, unreachable, DNS), since one
/// without (a TLS library's own error, a URL the stack cannot open) fails the same way again; a
/// connection closed before any response is retried; anything else is fatal.
pub(crate) fn kind_of(error: &(dyn std::error::Error + 'static), connecting: bool) -> TransportErrorKind {
    if let Some(kind) = declared_kind(error) {
        kind
    } else if is_tls_or_invalid(error) {
        TransportErrorKind::Fatal
    } else if io_kinds(error).any(|kind| kind == io::ErrorKind::TimedOut) {
        TransportErrorKind::TimedOut
    } else if (connecting || never_connected(error)) && io_kinds(error).next().is_some() {
        TransportErrorKind::Connect
    } else if closed_before_response(error) {
        TransportErrorKind::Closed
    } else {
        TransportErrorKind::Fatal
    }
}

/// The kind of a [`TransportError`] in the chain, however it was wrapped: as it is, boxed again,
/// or inside an `io::Error` (whose `source` skips what it wraps).
fn declared_kind(error: &(dyn std::error::Error + 'static)) -> Option<TransportErrorKind> {
    chain(error).find_map(|cause| {
        let wrapped = cause
            .downcast_ref::<io::Error>()
            .and_then(io::Error::get_ref)
            .map(|inner| inner as &(dyn std::error::Error + 'static));
        [Some(cause), wrapped].into_iter().flatten().find_map(|level| {
            level
                .downcast_ref::<TransportError>()
                .or_else(|| level.downcast_ref::<Box<TransportError>>().map(|boxed| &**boxed))
                .map(TransportError::kind)
        })
    })
}

/// The attempt took longer than the client's timeout (connecting, waiting, or reading the body).
pub(crate) fn timed_out(limit: Duration) -> Failure {
    Failure {
        error: Error::Connection {
            message: format!("no complete response within {limit:?}"),
            timed_out: true,
            source: None,
        },
        transient: true,
    }
}

/// The body broke off after the response began: the request was answered, so it is not retried;
/// unless the transport's own time limit ended it, which is retried like the client's timeout
/// (that one covers the body too).
pub(crate) fn body_failed(error: BoxError) -> Failure {
    let kind = match kind_of(&*error, false) {
        TransportErrorKind::TimedOut => TransportErrorKind::TimedOut,
        _ => TransportErrorKind::Fatal,
    };
    let timed_out = kind == TransportErrorKind::TimedOut;
    Failure {
        error: Error::Connection {
            message: describe(&*error),
            timed_out,
            source: Some(TransportError::new(kind, error)),
        },
        transient: timed_out,
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

#[cfg(test)]
mod tests {
    use std::fmt;

    use super::*;
    use crate::client::transport::BoxError;

    /// An error of a library that is not an I/O error (a TLS library's own, say), with an
    /// optional cause.
    #[derive(Debug)]
    struct Library(&'static str, Option<BoxError>);

    impl fmt::Display for Library {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(self.0)
        }
    }

    impl std::error::Error for Library {
        fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
            self.1.as_deref().map(|cause| cause as _)
        }
    }

    fn caused_by(cause: impl Into<BoxError>) -> Library {
        Library("connect failed", Some(cause.into()))
    }

    #[test]
    fn a_failure_to_connect_is_retried_only_when_the_system_says_why() {
        let refused = caused_by(io::Error::from(io::ErrorKind::ConnectionRefused));
        assert_eq!(kind_of(&refused, true), TransportErrorKind::Connect);
        let dns = caused_by(io::Error::other("failed to lookup address information"));
        assert_eq!(kind_of(&dns, true), TransportErrorKind::Connect);
        // OpenSSL's "wrong version number" through native-tls: no I/O error, the same next time.
        let openssl = caused_by(Library("error:0A00010B:SSL routines::wrong version number", None));
        assert_eq!(kind_of(&openssl, true), TransportErrorKind::Fatal);
        // rustls reports its failures as `InvalidData`.
        let rustls = caused_by(io::Error::new(io::ErrorKind::InvalidData, "corrupt message"));
        assert_eq!(kind_of(&rustls, true), TransportErrorKind::Fatal);
        // Refused, but found in the causes of a stack that did not say it was connecting.
        assert_eq!(kind_of(&refused, false), TransportErrorKind::Connect);
    }

    #[test]
    fn a_system_timeout_anywhere_is_a_timeout() {
        let elapsed = caused_by(io::Error::new(io::ErrorKind::TimedOut, "deadline has elapsed"));
        assert_eq!(kind_of(&elapsed, true), TransportErrorKind::TimedOut);
        assert_eq!(kind_of(&elapsed, false), TransportErrorKind::TimedOut);
        let failure = body_failed(Box::new(elapsed));
        assert!(failure.transient, "retried, as the client's own timeout is");
        assert!(matches!(failure.error, Error::Connection { timed_out: true, .. }));
        let reset = caused_by(io::Error::from(io::ErrorKind::ConnectionReset));
        assert!(
            !body_failed(Box::new(reset)).transient,
            "a body cut off was answered: not retried"
        );
    }

    #[test]
    fn a_transport_error_keeps_its_kind_however_it_is_wrapped() {
        let own = || TransportError::new(TransportErrorKind::Closed, "closed, says the service");
        let boxed: BoxError = Box::new(Box::new(own()));
        assert_eq!(kind_of(&*boxed, false), TransportErrorKind::Closed);
        let in_io = io::Error::other(own());
        assert_eq!(kind_of(&in_io, false), TransportErrorKind::Closed);
        let deeper = caused_by(own());
        assert_eq!(kind_of(&deeper, false), TransportErrorKind::Closed);
        // Without one, an error with nothing to go by is not retried.
        assert_eq!(
            kind_of(&Library("no idea", None), false),
            TransportErrorKind::Fatal
        );
    }
}
