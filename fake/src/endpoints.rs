//! What the webhook side of the fake holds: the registered endpoints, one record per delivery of
//! an event to an endpoint, what caused an event, and how failed deliveries are retried. Plain
//! data; `webhooks` sends.

use std::time::Duration;

use serde::Serialize;

/// How failed deliveries are retried.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WebhookRetry {
    /// Attempts in all, the first included (at least 1).
    pub max_attempts: u32,
    /// The wait before the second attempt; each later wait doubles.
    pub first_wait: Duration,
    /// No attempt starts later than this after the first.
    pub max_total: Duration,
    /// How long one attempt waits for the endpoint's answer.
    pub attempt_timeout: Duration,
}

impl Default for WebhookRetry {
    /// Fast enough for tests: 5 attempts, waits of 50, 100, 200, 400 ms, within 30 s.
    fn default() -> Self {
        Self {
            max_attempts: 5,
            first_wait: Duration::from_millis(50),
            max_total: Duration::from_secs(30),
            attempt_timeout: Duration::from_secs(10),
        }
    }
}

/// A registered webhook endpoint.
#[derive(Clone, Debug)]
pub struct Endpoint {
    /// Where events are POSTed (`http://host:port/path`).
    pub url: String,
    /// The signing secret, `whsec_…`.
    pub secret: String,
    /// The event types it receives; `None` for all.
    pub enabled_events: Option<Vec<String>>,
    /// Deliveries to one endpoint are made one at a time, in the order of their events (a
    /// handler then sees `processing` before `verified`): the ticket the next delivery takes,
    pub(crate) next_ticket: u64,
    /// and the ticket being served now.
    pub(crate) serving: u64,
}

impl Endpoint {
    /// Whether it enables events of `event_type`.
    pub fn receives(&self, event_type: &str) -> bool {
        self.enabled_events.as_ref().is_none_or(|types| {
            types
                .iter()
                .any(|enabled| enabled == "*" || enabled == event_type)
        })
    }
}

/// One event's delivery to one endpoint.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Delivery {
    /// The event's ID.
    pub event_id: String,
    /// The event's type (`identity.verification_session.verified`).
    pub event_type: String,
    /// The endpoint's URL.
    pub endpoint: String,
    /// Which registered endpoint (two may share a URL, with different secrets).
    #[serde(skip)]
    pub(crate) endpoint_index: usize,
    /// Its place in the endpoint's queue.
    #[serde(skip)]
    pub(crate) ticket: u64,
    /// Attempts made so far.
    pub attempts: u32,
    /// The status of the last answer; `None` when there was none (refused, reset, timed out).
    pub last_status: Option<u16>,
    /// The start of the last answer's body (at most 1 KiB, as text), as Stripe's dashboard shows
    /// what an endpoint answered.
    pub last_response: Option<String>,
    /// Whether an attempt was answered with 2xx.
    pub delivered: bool,
    /// Whether no attempt is left to make (delivered, or given up).
    pub finished: bool,
}

/// What caused an event: the API request, or nothing (the person's side, the redaction ending).
#[derive(Clone, Debug, Default)]
pub struct Cause {
    /// The request's `Request-Id`.
    pub request_id: Option<String>,
    /// Its `Idempotency-Key`.
    pub idempotency_key: Option<String>,
    /// The `Stripe-Account` it acted for.
    pub account: Option<String>,
}
