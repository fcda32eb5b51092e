//! What the client tells `tracing` (feature `tracing`; without it only `Operation`, two static
//! strings, is compiled): a span per `send` naming the operation, the method and the spec's path
//! template, and an event per attempt with its status, `Request-Id`, duration, the retry
//! decision and the wait before the next attempt. Never the API key, a secret, a body, a
//! parameter's value or the request's own path (which holds IDs).

#[cfg(feature = "tracing")]
use std::time::Duration;

/// The operation being sent: its API version, and what a trace may name.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Operation {
    /// The builder's name.
    #[cfg_attr(not(feature = "tracing"), allow(dead_code))] // Read by the traces only.
    pub(crate) name: &'static str,
    /// The spec's path template.
    #[cfg_attr(not(feature = "tracing"), allow(dead_code))]
    pub(crate) template: &'static str,
    /// The API version its response type was generated for.
    pub(crate) api_version: Option<&'static str>,
}

impl Operation {
    /// The operation of request type `R`.
    pub(crate) fn of<R: crate::request::StripeRequest>() -> Self {
        Self {
            name: R::OPERATION,
            template: R::PATH_TEMPLATE,
            api_version: R::API_VERSION,
        }
    }
}

/// The span `send` runs in.
#[cfg(feature = "tracing")]
pub(super) fn span(operation: Operation, method: &str) -> tracing::Span {
    tracing::info_span!(
        "stripe.send",
        operation = operation.name,
        method = method,
        path = operation.template
    )
}

/// One attempt's outcome: `status` and `request_id` when there was a response, else the kind
/// of failure; whether it is retried, and after how long.
#[cfg(feature = "tracing")]
pub(super) fn attempt(
    attempt: u32,
    status: Option<u16>,
    request_id: Option<&str>,
    failure: Option<super::ErrorKind>,
    took: Duration,
    retry_after: Option<Duration>,
) {
    tracing::info!(
        attempt,
        status,
        request_id,
        failure = failure.map(tracing::field::debug),
        duration_ms = took.as_millis() as u64,
        retry = retry_after.is_some(),
        backoff_ms = retry_after.map(|wait| wait.as_millis() as u64),
        "stripe.attempt"
    );
}
