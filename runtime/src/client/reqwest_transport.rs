//! An application's own `reqwest::Client` as the transport (feature `reqwest`): its TLS, proxy,
//! DNS and connection settings, with the client's retries, idempotency, headers and errors on
//! top. Give it `redirect::Policy::none()` (Stripe never redirects an API call, and a redirect
//! followed would be sent without the client seeing it) and no response decompression: the
//! client reads the body as Stripe sent it, within its size limit.

use super::failure;
use super::transport::{ResponseBody, Transport, TransportError, TransportErrorKind, TransportFuture};

impl Transport for reqwest::Client {
    fn send(&self, request: http::Request<String>) -> TransportFuture<'_> {
        Box::pin(async move {
            let request = reqwest::Request::try_from(request)
                .map_err(|error| TransportError::new(TransportErrorKind::Fatal, error))?;
            let response = self.execute(request).await.map_err(sorted)?;
            let response: http::Response<reqwest::Body> = response.into();
            Ok(response.map(ResponseBody::new))
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
