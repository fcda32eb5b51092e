//! The async client (feature `client`, on by default): sends any [`StripeRequest`] with Bearer
//! auth, a pinned `Stripe-Version`, an `Idempotency-Key` on every POST (the same one on each of its
//! retries), optional `Stripe-Account`, a timeout, retries with backoff, typed errors, and
//! pagination over list endpoints.

mod error;
mod retry;

use std::sync::Arc;
use std::time::Duration;

use futures_util::stream::{self, Stream};
use reqwest::header::{HeaderMap, HeaderValue, AUTHORIZATION, CONTENT_TYPE, USER_AGENT};

pub use error::{ApiError, Error, ErrorKind};
pub use retry::Backoff;

use crate::request::{Method, Paginate, StripeRequest};
use crate::{List, Secret};

/// Where requests go unless [`ClientBuilder::base_url`] says otherwise.
pub const DEFAULT_BASE_URL: &str = "https://api.stripe.com";

/// Stripe's SDKs default to two retries.
const DEFAULT_MAX_RETRIES: u32 = 2;

/// Stripe's SDKs default to an 80 s timeout.
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(80);

/// Settings for a [`Client`].
#[derive(Clone, Debug)]
pub struct ClientBuilder {
    api_key: Secret,
    api_version: String,
    base_url: String,
    max_retries: u32,
    timeout: Duration,
    backoff: Backoff,
    stripe_account: Option<String>,
}

impl ClientBuilder {
    /// A client using `api_key`, pinned to `api_version` (sent as `Stripe-Version`).
    pub fn new(api_key: impl Into<String>, api_version: impl Into<String>) -> Self {
        Self {
            api_key: Secret::new(api_key),
            api_version: api_version.into(),
            base_url: DEFAULT_BASE_URL.to_owned(),
            max_retries: DEFAULT_MAX_RETRIES,
            timeout: DEFAULT_TIMEOUT,
            backoff: Backoff::default(),
            stripe_account: None,
        }
    }

    /// Sends requests to `base_url` instead of `https://api.stripe.com` (a mock server, a proxy).
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = base_url.into().trim_end_matches('/').to_owned();
        self
    }

    /// Overrides the pinned API version for every request.
    pub fn api_version(mut self, api_version: impl Into<String>) -> Self {
        self.api_version = api_version.into();
        self
    }

    /// How many times to retry a failed request (default 2; 0 turns retries off).
    pub fn max_retries(mut self, max_retries: u32) -> Self {
        self.max_retries = max_retries;
        self
    }

    /// The timeout of each attempt, from connecting to the end of the body (default 80 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The retry waits (default 0.5 s doubling to at most 5 s).
    pub fn backoff(mut self, backoff: Backoff) -> Self {
        self.backoff = backoff;
        self
    }

    /// Acts on behalf of a connected account for every request (`Stripe-Account`).
    pub fn stripe_account(mut self, account: impl Into<String>) -> Self {
        self.stripe_account = Some(account.into());
        self
    }

    /// Builds the client.
    pub fn build(self) -> Result<Client, Error> {
        let mut headers = HeaderMap::new();
        let auth = HeaderValue::from_str(&format!("Bearer {}", self.api_key.expose()))
            .map_err(|_| Error::Config("the API key is not a valid header value".to_owned()))?;
        let mut auth = auth;
        auth.set_sensitive(true);
        headers.insert(AUTHORIZATION, auth);
        headers.insert(
            USER_AGENT,
            HeaderValue::from_static(concat!("stripe-runtime-rust/", env!("CARGO_PKG_VERSION"))),
        );
        let http = reqwest::Client::builder()
            .default_headers(headers)
            .timeout(self.timeout)
            .build()
            .map_err(|e| Error::Config(e.to_string()))?;
        Ok(Client {
            inner: Arc::new(Inner { http, settings: self }),
        })
    }
}

/// Per-request settings.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RequestOptions {
    idempotency_key: Option<String>,
    stripe_account: Option<String>,
    api_version: Option<String>,
}

impl RequestOptions {
    /// No overrides.
    pub fn new() -> Self {
        Self::default()
    }

    /// Uses this idempotency key instead of a generated one (POST only).
    pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.idempotency_key = Some(key.into());
        self
    }

    /// Acts on behalf of this connected account.
    pub fn stripe_account(mut self, account: impl Into<String>) -> Self {
        self.stripe_account = Some(account.into());
        self
    }

    /// Sends this `Stripe-Version` instead of the client's.
    pub fn api_version(mut self, version: impl Into<String>) -> Self {
        self.api_version = Some(version.into());
        self
    }
}

/// A Stripe API client; cheap to clone (clones share the connection pool).
#[derive(Clone, Debug)]
pub struct Client {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    http: reqwest::Client,
    settings: ClientBuilder,
}

/// One attempt's outcome: a response (status, request id, should-retry header, body) or no response.
type Attempt = Result<(u16, Option<String>, Option<String>, String), Error>;

impl Client {
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
        let settings = &self.inner.settings;
        let encoded = request.encode();
        let url = format!("{}{}", settings.base_url, encoded.path_and_query());
        let method = match encoded.method {
            Method::Get => reqwest::Method::GET,
            Method::Post => reqwest::Method::POST,
            Method::Delete => reqwest::Method::DELETE,
        };
        let mut headers = HeaderMap::new();
        let version = options.api_version.as_deref().unwrap_or(&settings.api_version);
        headers.insert("Stripe-Version", header_value(version)?);
        if let Some(account) = options
            .stripe_account
            .as_ref()
            .or(settings.stripe_account.as_ref())
        {
            headers.insert("Stripe-Account", header_value(account)?);
        }
        let body = if encoded.method == Method::Post {
            // One key for the request, reused by every retry, so Stripe applies it at most once.
            let key = options
                .idempotency_key
                .clone()
                .unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
            headers.insert("Idempotency-Key", header_value(&key)?);
            headers.insert(
                CONTENT_TYPE,
                HeaderValue::from_static("application/x-www-form-urlencoded"),
            );
            Some(encoded.body_string())
        } else {
            None
        };

        let mut retry = 0;
        loop {
            let attempt = self.attempt(method.clone(), &url, &headers, body.clone()).await;
            let retryable = match &attempt {
                Err(Error::Connection { .. }) => true,
                Err(_) => false,
                Ok((status, _, should_retry, _)) => {
                    !(200..300).contains(status)
                        && retry::should_retry_status(*status, should_retry.as_deref())
                }
            };
            if retryable && retry < settings.max_retries {
                retry += 1;
                tokio::time::sleep(settings.backoff.delay(retry, fastrand::f64())).await;
                continue;
            }
            let (status, request_id, _, body) = attempt?;
            if !(200..300).contains(&status) {
                return Err(error::from_response(status, request_id, body));
            }
            return decode(status, request_id, body);
        }
    }

    async fn attempt(
        &self,
        method: reqwest::Method,
        url: &str,
        headers: &HeaderMap,
        body: Option<String>,
    ) -> Attempt {
        let mut builder = self.inner.http.request(method, url).headers(headers.clone());
        if let Some(body) = body {
            builder = builder.body(body);
        }
        let response = builder.send().await.map_err(connection_error)?;
        let status = response.status().as_u16();
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        let request_id = header("request-id");
        let should_retry = header("stripe-should-retry");
        let body = response.text().await.map_err(connection_error)?;
        Ok((status, request_id, should_retry, body))
    }

    /// Every object of a list, page after page: follows `has_more` with `starting_after` set to
    /// the last object of each page. Stops at the first error, or when the caller stops polling.
    pub fn paginate<'a, R>(&'a self, request: R) -> impl Stream<Item = Result<R::Item, Error>> + 'a
    where
        R: Paginate + StripeRequest<Response = List<<R as Paginate>::Item>> + 'a,
        R::Item: 'a,
    {
        struct State<R, T> {
            request: Option<R>,
            buffered: std::vec::IntoIter<T>,
        }
        let start = State {
            request: Some(request),
            buffered: Vec::new().into_iter(),
        };
        stream::unfold(start, move |mut state| async move {
            loop {
                if let Some(item) = state.buffered.next() {
                    return Some((Ok(item), state));
                }
                let mut request = state.request.take()?;
                match self.send(&request).await {
                    Err(error) => return Some((Err(error), state)),
                    Ok(page) => {
                        if page.has_more {
                            if let Some(last) = page.data.last() {
                                request.set_starting_after(crate::Object::id(last).to_owned());
                                state.request = Some(request);
                            }
                        }
                        state.buffered = page.data.into_iter();
                    }
                }
            }
        })
    }
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

fn header_value(value: &str) -> Result<HeaderValue, Error> {
    HeaderValue::from_str(value).map_err(|_| Error::Config(format!("`{value}` is not a valid header value")))
}

fn connection_error(error: reqwest::Error) -> Error {
    // reqwest's message can include the URL, never headers; the key travels only in a header.
    Error::Connection {
        message: error.to_string(),
        timed_out: error.is_timeout(),
    }
}

fn decode<T: serde::de::DeserializeOwned>(
    status: u16,
    request_id: Option<String>,
    body: String,
) -> Result<T, Error> {
    let mut deserializer = serde_json::Deserializer::from_str(&body);
    match serde_path_to_error::deserialize(&mut deserializer) {
        Ok(value) => Ok(value),
        Err(error) => {
            let path = error.path().to_string();
            let message = error.inner().to_string();
            // serde_json appends "at line L column C"; keep the message about the value only.
            let message = message.split(" at line ").next().unwrap_or_default().to_owned();
            Err(Error::Decode {
                status,
                request_id,
                path,
                message,
                body,
            })
        }
    }
}
