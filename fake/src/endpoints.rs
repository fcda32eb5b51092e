//! What the webhook side of the fake holds: the registered endpoints, one record per delivery of
//! an event to an endpoint, what caused an event, and how failed deliveries are retried. Plain
//! data; `webhooks` sends.

use std::collections::VecDeque;
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

/// The order an endpoint receives its events in. Stripe promises at-least-once delivery in no
/// particular order; a handler must survive both, so a test can ask for them, reproducibly.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum DeliveryMode {
    /// One at a time, in the order of the events (a handler sees `processing` before
    /// `verified`): the default, the easy case.
    #[default]
    InOrder,
    /// One at a time; the events that happen together (`processing` and `verified`, say) in an
    /// order a generator seeded with `seed` draws when they are queued: the same seed and events,
    /// the same order, however fast the endpoint answers.
    Shuffled {
        /// The seed of the draw.
        seed: u64,
    },
    /// In order, and each event once more after the next later one (`processing`, `verified`,
    /// `processing` again, then `verified` again after the next event): a stale event after a
    /// newer one, and every event twice.
    Duplicated,
}

/// How a webhook endpoint is registered, beyond its URL and secret.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[must_use = "options do nothing until passed to `add_webhook_endpoint_with`"]
pub struct EndpointOptions {
    /// The event types it receives; `None` for all.
    pub enabled_events: Option<Vec<String>>,
    /// The API version its events are rendered in (`api_version` of each event); `None` for
    /// the crate's own.
    pub api_version: Option<String>,
    /// The order it receives events in; `None` for the fake's (`FakeBuilder::delivery_mode`).
    pub delivery: Option<DeliveryMode>,
}

impl EndpointOptions {
    /// Every event, in the crate's API version, in the fake's delivery mode.
    pub fn new() -> Self {
        Self::default()
    }

    /// Only events of these types (`"*"` for all).
    pub fn enabled_events<S: Into<String>>(mut self, types: impl IntoIterator<Item = S>) -> Self {
        self.enabled_events = Some(types.into_iter().map(Into::into).collect());
        self
    }

    /// Events stamped with `version`, as Stripe renders events for an endpoint created with an
    /// `api_version` other than the code's.
    pub fn api_version(mut self, version: impl Into<String>) -> Self {
        self.api_version = Some(version.into());
        self
    }

    /// This endpoint's delivery order.
    pub fn delivery(mut self, mode: DeliveryMode) -> Self {
        self.delivery = Some(mode);
        self
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
    /// The API version its events are stamped with; `None` for the crate's.
    pub api_version: Option<String>,
    /// The order it receives events in.
    pub mode: DeliveryMode,
    /// Deliveries to one endpoint are made one at a time: those waiting (by index into the
    /// state's deliveries), in order,
    pub(crate) queue: VecDeque<usize>,
    /// the one being made,
    pub(crate) in_flight: Option<usize>,
    /// the draw of `DeliveryMode::Shuffled`,
    pub(crate) rng: fastrand::Rng,
    /// and the events a `DeliveryMode::Duplicated` endpoint is to get again once a later one
    /// comes (ID, type).
    pub(crate) parked: Vec<(String, String)>,
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
    /// Whether it delivers the event again: a `DeliveryMode::Duplicated` repeat, or
    /// `FakeStripe::redeliver`.
    pub repeat: bool,
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
