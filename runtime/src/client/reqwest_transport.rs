//! An application's own `reqwest::Client` as the transport (feature `reqwest`): its TLS, proxy,
//! DNS and connection settings, with the client's retries, idempotency, headers and errors on
//! top. Give it `redirect::Policy::none()`: Stripe never redirects an API call, and reqwest's
//! default follows up to ten redirects, turning a POST into a GET on the way; a response that
//! came from another URL than the one asked is refused (not retried) rather than taken for the
//! answer. And no response decompression: the client reads the body as Stripe sent it, within its
//! size limit.

use std::io;

use http_body_util::BodyExt as _;

use super::failure;
use super::transport::{ResponseBody, Transport, TransportError, TransportErrorKind, TransportFuture};

impl Transport for reqwest::Client {
    fn send(&self, request: http::Request<String>) -> TransportFuture<'_> {
        Box::pin(async move {
            let request = reqwest::Request::try_from(request)
                .map_err(|error| TransportError::new(TransportErrorKind::Fatal, error.without_url()))?;
            let asked = request.url().clone();
            let response = self.execute(request).await.map_err(sorted)?;
            if *response.url() != asked {
                return Err(TransportError::new(
                    TransportErrorKind::Fatal,
                    "the reqwest client followed a redirect (Stripe's API sends none): build it with \
                     `redirect(reqwest::redirect::Policy::none())`",
                ));
            }
            let response: http::Response<reqwest::Body> = response.into();
            Ok(response.map(|body| ResponseBody::new(body.map_err(body_error))))
        })
    }
}

/// reqwest's error sorted by the rules every transport shares; reqwest says itself whether it
/// was connecting or timed out.
fn sorted(error: reqwest::Error) -> TransportError {
    let kind = if error.is_timeout() {
        TransportErrorKind::TimedOut
    } else {
        failure::kind_of(&error, error.is_connect())
    };
    // The URL is left out, as the other transports' messages leave it out.
    TransportError::new(kind, error.without_url())
}

/// A body error, with reqwest's own timeout told as an I/O timeout, which the client retries as
/// it retries its own (reqwest's error type says so only through `is_timeout`).
fn body_error(error: reqwest::Error) -> io::Error {
    let kind = if error.is_timeout() {
        io::ErrorKind::TimedOut
    } else {
        io::ErrorKind::Other
    };
    io::Error::new(kind, error.without_url())
}
