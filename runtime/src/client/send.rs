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

use hyper::header::{HeaderMap, HeaderValue, CONTENT_LENGTH, CONTENT_TYPE};
use hyper::{Request, Uri};

use super::body::{read_body, Body};
use super::builder::{header_value, RequestOptions};
use super::failure::{self, Failure};
use super::retry::Verdict;
use super::trace;
use super::{error, path, Client, Error};
use crate::request::{EncodedRequest, Method};

/// A success response, not yet decoded: what decoding and its errors need, and what
/// `send_with_meta` reports.
pub(crate) struct Success {
    pub(crate) status: u16,
    pub(crate) request_id: Option<String>,
    pub(crate) stripe_version: Option<String>,
    pub(crate) body: String,
}

/// One attempt's response: what the retry decision and the error need, and the body.
struct Reply {
    status: u16,
    request_id: Option<String>,
    stripe_version: Option<String>,
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
        operation: trace::Operation,
    ) -> Sending<'a> {
        #[cfg(feature = "tracing")]
        {
            let span = trace::span(operation, encoded.method.as_str());
            Box::pin(tracing::Instrument::instrument(
                self.send_unboxed(encoded, options, operation.api_version),
                span,
            ))
        }
        #[cfg(not(feature = "tracing"))]
        {
            Box::pin(self.send_unboxed(encoded, options, operation.api_version))
        }
    }

    async fn send_unboxed(
        &self,
        encoded: EncodedRequest,
        options: &RequestOptions,
        request_version: Option<&'static str>,
    ) -> Result<Success, Error> {
        let settings = &self.inner.settings;
        path::check_path(&encoded.path)?;
        // The base URL was checked when the client was built and the path just now; what is left
        // to fail is a query string the encoder made, which it percent-encodes.
        let uri = Uri::try_from(format!("{}{}", settings.base_url, encoded.path_and_query()))
            .map_err(|_| Error::Config("the request URL is not a valid URI".to_owned()))?;
        let method = match encoded.method {
            Method::Get => hyper::Method::GET,
            Method::Post => hyper::Method::POST,
            Method::Delete => hyper::Method::DELETE,
        };
        let (headers, body) = self.headers_and_body(&encoded, options, request_version)?;

        let max_retries = options.max_retries.unwrap_or(settings.max_retries);
        let timeout = options.timeout.unwrap_or(settings.timeout);
        let mut retry = 0;
        loop {
            #[cfg(feature = "tracing")]
            let started = std::time::Instant::now();
            let attempt = self.attempt(&method, &uri, &headers, &body, timeout).await;
            let verdict = match &attempt {
                Err(failure) if failure.transient => Verdict::Retry(None),
                Err(_) => Verdict::Stop,
                Ok(reply) => settings.retry_policy.verdict(
                    reply.status,
                    reply.should_retry.as_deref(),
                    reply.retry_after.as_deref(),
                ),
            };
            let wait = match (verdict, retry < max_retries) {
                (Verdict::Retry(at_least), true) => {
                    let backoff = settings.backoff.delay(retry + 1, fastrand::f64());
                    Some(at_least.map_or(backoff, |wait| wait.max(backoff)))
                }
                _ => None,
            };
            #[cfg(feature = "tracing")]
            {
                let (status, request_id, failure) = match &attempt {
                    Ok(reply) => (Some(reply.status), reply.request_id.as_deref(), None),
                    Err(failure) => (None, None, Some(failure.error.kind())),
                };
                trace::attempt(retry + 1, status, request_id, failure, started.elapsed(), wait);
            }
            if let Some(wait) = wait {
                retry += 1;
                tokio::time::sleep(wait).await;
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
                stripe_version: reply.stripe_version,
                body,
            });
        }
    }

    /// The headers every attempt sends (the client's own, then the request's), and the form body
    /// of a POST (empty otherwise). Every value is validated here, before anything goes out.
    fn headers_and_body(
        &self,
        encoded: &EncodedRequest,
        options: &RequestOptions,
        request_version: Option<&str>,
    ) -> Result<(HeaderMap, String), Error> {
        let settings = &self.inner.settings;
        let mut headers = self.inner.headers.clone();
        // The request's own option, then the client's setting, then the version the request's
        // response type was generated for.
        let version = (options.api_version.as_deref())
            .or(settings.api_version.as_deref())
            .or(request_version);
        if let Some(version) = version {
            headers.insert("Stripe-Version", header_value("Stripe-Version", version)?);
        }
        if let Some(account) = options
            .stripe_account
            .as_ref()
            .or(settings.stripe_account.as_ref())
        {
            headers.insert("Stripe-Account", header_value("Stripe-Account", account)?);
        }
        if let Some(context) = options
            .stripe_context
            .as_ref()
            .or(settings.stripe_context.as_ref())
        {
            headers.insert("Stripe-Context", header_value("Stripe-Context", context)?);
        }
        if settings.telemetry {
            if let Some(metrics) = self.inner.telemetry.header() {
                headers.insert("X-Stripe-Client-Telemetry", metrics);
            }
        }
        if encoded.method != Method::Post {
            return Ok((headers, String::new()));
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
        let body = encoded.body_string();
        // Even when empty (a cancel has no parameters): hyper leaves an empty body unannounced,
        // and some front ends answer a POST without a length with 411 Length Required.
        headers.insert(CONTENT_LENGTH, HeaderValue::from(body.len()));
        Ok((headers, body))
    }

    /// One attempt, from connecting to the end of the body, within `limit`.
    async fn attempt(
        &self,
        method: &hyper::Method,
        uri: &Uri,
        headers: &HeaderMap,
        body: &str,
        limit: std::time::Duration,
    ) -> Result<Reply, Failure> {
        let started = std::time::Instant::now();
        let exchange = self.exchange(method, uri, headers, body);
        let reply = tokio::time::timeout(limit, exchange)
            .await
            .unwrap_or_else(|_| Err(failure::timed_out(limit)));
        // What the next request reports, as the SDKs do: this response's ID and how long it took.
        if let (
            true,
            Ok(Reply {
                request_id: Some(id), ..
            }),
        ) = (self.inner.settings.telemetry, &reply)
        {
            self.inner.telemetry.record(id, started.elapsed());
        }
        reply
    }

    /// Sends the request and reads the response, without a time limit of its own.
    async fn exchange(
        &self,
        method: &hyper::Method,
        uri: &Uri,
        headers: &HeaderMap,
        body: &str,
    ) -> Result<Reply, Failure> {
        let mut request = Request::new(body.to_owned());
        *request.method_mut() = method.clone();
        *request.uri_mut() = uri.clone();
        *request.headers_mut() = headers.clone();
        let response = self.inner.transport.send(request).await.map_err(Failure::from)?;
        let (head, body) = response.into_parts();
        let header = |name: &str| {
            head.headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        let (request_id, should_retry, retry_after, stripe_version) = (
            header("request-id"),
            header("stripe-should-retry"),
            header("retry-after"),
            header("stripe-version"),
        );
        let status = head.status.as_u16();
        // Read to the end, the connection can serve another request; a body left unread (too
        // large) is dropped, which closes its connection.
        let body = read_body(body, self.inner.settings.max_response_bytes).await?;
        Ok(Reply {
            status,
            request_id,
            stripe_version,
            should_retry,
            retry_after,
            body,
        })
    }
}
