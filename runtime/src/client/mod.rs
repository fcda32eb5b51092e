//! The async client (feature `client`, on by default): sends any [`StripeRequest`] with Bearer
//! auth, a pinned `Stripe-Version`, an `Idempotency-Key` on every POST (the same one on each of its
//! retries), optional `Stripe-Account`, a timeout, retries with backoff, a cap on response sizes,
//! typed errors that never print a body, and pagination over list endpoints.
//!
//! Before anything is sent, the request's path is checked (`path`) and every header value is
//! validated; each attempt's outcome is then sorted by `transport` (no response) or `retry` (a
//! response) into "retry" or "done".

mod builder;
mod error;
mod paginate;
mod path;
mod redact;
mod retry;
mod transport;

use std::sync::Arc;

use reqwest::header::{HeaderMap, HeaderValue, CONTENT_TYPE};

pub use builder::{ClientBuilder, RequestOptions, DEFAULT_BASE_URL, DEFAULT_MAX_RESPONSE_BYTES};
pub use error::{ApiError, Error, ErrorKind, BODY_PREFIX_BYTES};
pub use retry::Backoff;

use builder::header_value;
use retry::Verdict;
use transport::{Body, Failure};

use crate::request::{Method, StripeRequest};

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

/// One attempt's response: what the retry decision and the error need, and the body.
struct Reply {
    status: u16,
    request_id: Option<String>,
    should_retry: Option<String>,
    retry_after: Option<String>,
    body: Body,
}

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
        path::check_path(&encoded.path)?;
        let url = format!("{}{}", settings.base_url, encoded.path_and_query());
        let method = match encoded.method {
            Method::Get => reqwest::Method::GET,
            Method::Post => reqwest::Method::POST,
            Method::Delete => reqwest::Method::DELETE,
        };
        let mut headers = HeaderMap::new();
        let version = options.api_version.as_deref().unwrap_or(&settings.api_version);
        headers.insert("Stripe-Version", header_value("Stripe-Version", version)?);
        if let Some(account) = options
            .stripe_account
            .as_ref()
            .or(settings.stripe_account.as_ref())
        {
            headers.insert("Stripe-Account", header_value("Stripe-Account", account)?);
        }
        let body = if encoded.method == Method::Post {
            // One key for the request, reused by every retry, so Stripe applies it at most once.
            let key = options
                .idempotency_key
                .clone()
                .unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
            headers.insert("Idempotency-Key", header_value("Idempotency-Key", &key)?);
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
            let verdict = match &attempt {
                Err(failure) if failure.transient => Verdict::Retry(None),
                Err(_) => Verdict::Stop,
                Ok(reply) => settings.retry_policy.verdict(
                    reply.status,
                    reply.should_retry.as_deref(),
                    reply.retry_after.as_deref(),
                ),
            };
            if let (Verdict::Retry(at_least), true) = (verdict, retry < settings.max_retries) {
                retry += 1;
                let backoff = settings.backoff.delay(retry, fastrand::f64());
                tokio::time::sleep(at_least.map_or(backoff, |wait| wait.max(backoff))).await;
                continue;
            }
            let reply = attempt.map_err(|failure| failure.error)?;
            let Body::Read(body) = reply.body else {
                return Err(Error::ResponseTooLarge {
                    status: reply.status,
                    request_id: reply.request_id,
                    limit: settings.max_response_bytes,
                });
            };
            if !(200..300).contains(&reply.status) {
                return Err(error::from_response(reply.status, reply.request_id, &body));
            }
            return decode(reply.status, reply.request_id, &body);
        }
    }

    async fn attempt(
        &self,
        method: reqwest::Method,
        url: &str,
        headers: &HeaderMap,
        body: Option<String>,
    ) -> Result<Reply, Failure> {
        let mut builder = self.inner.http.request(method, url).headers(headers.clone());
        if let Some(body) = body {
            builder = builder.body(body);
        }
        let mut response = builder.send().await.map_err(transport::classify)?;
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        let (request_id, should_retry, retry_after) = (
            header("request-id"),
            header("stripe-should-retry"),
            header("retry-after"),
        );
        let status = response.status().as_u16();
        let body = transport::read_body(&mut response, self.inner.settings.max_response_bytes).await?;
        Ok(Reply {
            status,
            request_id,
            should_retry,
            retry_after,
            body,
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

/// Decodes a success body; a failure names the field and what was wrong, without the value.
fn decode<T: serde::de::DeserializeOwned>(
    status: u16,
    request_id: Option<String>,
    body: &str,
) -> Result<T, Error> {
    let mut deserializer = serde_json::Deserializer::from_str(body);
    serde_path_to_error::deserialize(&mut deserializer).map_err(|error| Error::Decode {
        status,
        request_id,
        path: error.path().to_string(),
        message: redact::without_values(&error.inner().to_string()),
    })
}
