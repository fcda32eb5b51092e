//! The part of sending that does not depend on the request type, compiled once for all of them:
//! checking the path, building the headers, the attempts and their retries, and turning a
//! failure or an error response into an [`Error`]. What is left generic (`Client::send_with`)
//! only encodes before and decodes after, so each request type adds a thin wrapper to a user's
//! binary instead of another copy of the retry loop.
//!
//! Being non-generic is not enough on its own: the body of an `async fn` is a closure, and rustc
//! compiles closures, like `#[inline]` functions, into every crate and codegen unit that uses them.
//! So the future is boxed behind `dyn Future` by a function that is never inlined, and only this
//! crate ever names the state machine (one allocation per request, next to an HTTP round trip).

use std::future::Future;
use std::pin::Pin;

use reqwest::header::{HeaderMap, HeaderValue, CONTENT_TYPE};

use super::builder::{header_value, RequestOptions};
use super::retry::Verdict;
use super::transport::{self, Body, Failure};
use super::{error, path, Client, Error};
use crate::request::{EncodedRequest, Method};

/// A success response, not yet decoded: what decoding and its errors need.
pub(crate) struct Success {
    pub(crate) status: u16,
    pub(crate) request_id: Option<String>,
    pub(crate) body: String,
}

/// One attempt's response: what the retry decision and the error need, and the body.
struct Reply {
    status: u16,
    request_id: Option<String>,
    should_retry: Option<String>,
    retry_after: Option<String>,
    body: Body,
}

/// The boxed future `Client::send_encoded` returns.
pub(crate) type Sending<'a> = Pin<Box<dyn Future<Output = Result<Success, Error>> + Send + 'a>>;

impl Client {
    /// Sends an encoded request, retrying as the settings allow, and returns the body of a 2xx
    /// response that fits the size limit; anything else is an [`Error`].
    #[inline(never)]
    pub(crate) fn send_encoded<'a>(
        &'a self,
        encoded: EncodedRequest,
        options: &'a RequestOptions,
    ) -> Sending<'a> {
        Box::pin(self.send_unboxed(encoded, options))
    }

    async fn send_unboxed(
        &self,
        encoded: EncodedRequest,
        options: &RequestOptions,
    ) -> Result<Success, Error> {
        let settings = &self.inner.settings;
        path::check_path(&encoded.path)?;
        let url = format!("{}{}", settings.base_url, encoded.path_and_query());
        let method = match encoded.method {
            Method::Get => reqwest::Method::GET,
            Method::Post => reqwest::Method::POST,
            Method::Delete => reqwest::Method::DELETE,
        };
        let (headers, body) = self.headers_and_body(&encoded, options)?;

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
            return Ok(Success {
                status: reply.status,
                request_id: reply.request_id,
                body,
            });
        }
    }

    /// The headers every attempt sends, and the form body of a POST. Every value is validated
    /// here, before anything goes out.
    fn headers_and_body(
        &self,
        encoded: &EncodedRequest,
        options: &RequestOptions,
    ) -> Result<(HeaderMap, Option<String>), Error> {
        let settings = &self.inner.settings;
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
        if encoded.method != Method::Post {
            return Ok((headers, None));
        }
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
        Ok((headers, Some(encoded.body_string())))
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
