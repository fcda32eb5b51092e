//! The async client (feature `client`, on by default): sends any [`StripeRequest`] with Bearer
//! auth, a pinned `Stripe-Version`, an `Idempotency-Key` on every POST (the same one on each of its
//! retries), optional `Stripe-Account`, a timeout, retries with backoff, a cap on response sizes,
//! typed errors that never print a body, and pagination over list endpoints.
//!
//! Before anything is sent, the request's path is checked (`path`) and every header value is
//! validated; each attempt's outcome is then sorted by `failure` (no response) or `retry` (a
//! response) into "retry" or "done", and a body is read within the size limit (`body`). All of
//! that is `send`, compiled once for every request type; what stays generic here only encodes the
//! request and decodes the response. Below that is a [`Transport`] (`transport`): by default
//! `hyper_transport`, hyper-util's pooled client over `connect` (TCP, a proxy tunnel, TLS) along
//! the proxy route `proxy` reads from the environment; or the application's own (`tower`,
//! `reqwest`).
//!
//! The client's tests are in `generated/tests/generated/client/` (and `generated/tests/proxy.rs`): they
//! drive it through the generated builders against servers on 127.0.0.1, which this crate alone
//! has no requests for.

#[cfg(feature = "blocking")]
pub mod blocking;
mod body;
mod builder;
mod connect;
mod error;
mod failure;
mod hyper_transport;
mod identify;
mod paginate;
mod path;
mod proxy;
mod redact;
#[cfg(feature = "reqwest")]
mod reqwest_transport;
mod retry;
mod send;
mod tower;
mod trace;
mod transport;

use std::sync::Arc;

/// The reqwest whose `Client` is a [`Transport`] here (feature `reqwest`), for building one of
/// the same version.
#[cfg(feature = "reqwest")]
pub use ::reqwest;
pub use builder::{
    ClientBuilder, RequestOptions, DEFAULT_BASE_URL, DEFAULT_MAX_IDLE_CONNECTIONS, DEFAULT_MAX_RESPONSE_BYTES,
};
pub use error::{ApiError, DecodeError, Error, ErrorKind, BODY_PREFIX_BYTES};
pub use identify::AppInfo;
pub use retry::Backoff;
pub use tower::TowerTransport;
pub use transport::{BoxError, ResponseBody, Transport, TransportError, TransportErrorKind, TransportFuture};

use crate::request::StripeRequest;

/// A Stripe API client; cheap to clone (clones share the transport and its connection pool).
#[derive(Clone, Debug)]
pub struct Client {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    transport: Arc<dyn Transport>,
    /// What every request carries: `Host`, the key (marked sensitive, so `Debug` hides it), and
    /// the identifying headers.
    headers: hyper::HeaderMap,
    /// The previous response's `Request-Id` and duration, for `X-Stripe-Client-Telemetry`.
    telemetry: identify::Telemetry,
    settings: ClientBuilder,
}

impl Client {
    /// A client with every default, using `api_key` (`sk_test_…`, `sk_live_…` or a restricted
    /// `rk_…` key): Stripe's base URL, two retries, an 80 s timeout, and each request sent with
    /// the API version its crate was generated for. Fails only on a key that cannot be sent in a
    /// header (a line break, say).
    ///
    /// ```no_run
    /// # fn main() -> Result<(), stripe_runtime::client::Error> {
    /// let client = stripe_runtime::Client::new("sk_test_123")?;
    /// # let _ = client; Ok(()) }
    /// ```
    pub fn new(api_key: impl Into<String>) -> Result<Self, Error> {
        Self::builder(api_key).build()
    }

    /// Settings for a client using `api_key`, to change before [`ClientBuilder::build`]: the base
    /// URL (a local fake), retries, timeouts, a connected account, a transport.
    ///
    /// ```no_run
    /// # fn main() -> Result<(), stripe_runtime::client::Error> {
    /// let client = stripe_runtime::Client::builder("sk_test_123")
    ///     .base_url("http://127.0.0.1:12111")
    ///     .max_retries(0)
    ///     .build()?;
    /// # let _ = client; Ok(()) }
    /// ```
    pub fn builder(api_key: impl Into<String>) -> ClientBuilder {
        ClientBuilder::with_key(api_key)
    }

    /// Sends `request` and decodes the response.
    pub async fn send<R: StripeRequest>(&self, request: &R) -> Result<R::Response, Error> {
        self.send_with(request, &RequestOptions::default()).await
    }

    /// Sends `request` with per-request options.
    pub async fn send_with<R: StripeRequest>(
        &self,
        request: &R,
        options: &RequestOptions,
    ) -> Result<R::Response, Error> {
        // Only encoding and decoding depend on `R`; the sending between them (`send_encoded`) is one
        // function for every request type rather than a copy of the retry loop per type.
        let success = self
            .send_encoded(request.encode(), options, trace::Operation::of::<R>())
            .await?;
        decode(success)
    }

    /// Sends `request` with per-request options and returns, beside the response, what a support
    /// ticket asks for: its `Request-Id`, status and the API version Stripe answered with. (An
    /// error carries the same in [`Error::request_id`] and [`Error::api_error`].)
    pub async fn send_with_meta<R: StripeRequest>(
        &self,
        request: &R,
        options: &RequestOptions,
    ) -> Result<(R::Response, ResponseMeta), Error> {
        let success = self
            .send_encoded(request.encode(), options, trace::Operation::of::<R>())
            .await?;
        let meta = ResponseMeta {
            status: success.status,
            request_id: success.request_id.clone(),
            stripe_version: success.stripe_version.clone(),
        };
        Ok((decode(success)?, meta))
    }
}

/// What a successful response said about itself, beside its body.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct ResponseMeta {
    /// The HTTP status (2xx).
    pub status: u16,
    /// The `Request-Id` header, to quote to Stripe support.
    pub request_id: Option<String>,
    /// The `Stripe-Version` the response was made with, when Stripe said.
    pub stripe_version: Option<String>,
}

/// Sends a request through a [`Client`]: `request.send(&client).await`.
pub trait SendRequest: StripeRequest + Sync {
    /// Sends `self` and decodes the response.
    fn send(
        &self,
        client: &Client,
    ) -> impl std::future::Future<Output = Result<Self::Response, Error>> + Send
    where
        Self::Response: Send;
}

impl<R: StripeRequest + Sync> SendRequest for R {
    fn send(&self, client: &Client) -> impl std::future::Future<Output = Result<Self::Response, Error>> + Send
    where
        Self::Response: Send,
    {
        client.send(self)
    }
}

/// Decodes a success body; a failure names the field and what was wrong, without the value.
fn decode<T: serde::de::DeserializeOwned>(success: send::Success) -> Result<T, Error> {
    let mut deserializer = serde_json::Deserializer::from_str(&success.body);
    serde_path_to_error::deserialize(&mut deserializer).map_err(|error| decode_error(success, error))
}

/// The error for a body that did not decode, kept out of the generic `decode`.
fn decode_error(success: send::Success, error: serde_path_to_error::Error<serde_json::Error>) -> Error {
    Error::Decode {
        status: success.status,
        request_id: success.request_id,
        // Map keys in the path are body text: shown as `<key>` (`metadata.<key>`).
        source: error::DecodeError::new(
            crate::decode_path::printable_path(error.path()),
            redact::without_values(&error.inner().to_string()),
        ),
    }
}
