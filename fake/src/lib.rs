//! A local, stateful fake of Stripe Identity's VerificationSession API, for testing an
//! integration offline: the whole asynchronous flow, webhooks included.
//!
//! - **Refuses what Stripe refuses**: every parameter is checked against the rules generated
//!   from the spec (`stripe_identity::validation`), with Stripe's error envelope, status and
//!   `param`; API keys are checked (test mode only).
//! - **Keeps state like Stripe**: sessions per `Stripe-Account`, the status rules of the spec's
//!   operation descriptions, lists with cursors and filters, `expand`, idempotency keys.
//! - **Drives the person's side**: [`FakeStripe::submit`] (or `POST /_fake/…/submit`) moves a
//!   session as the person's verification would, and every step sends its event, signed, to the
//!   registered webhook endpoints, retried when they fail.
//!
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! use stripe_identity::{CreateVerificationSession, CreateVerificationSessionType};
//! use stripe_identity_fake::{FakeStripe, Outcome};
//!
//! let fake = FakeStripe::start().await;
//! fake.add_webhook_endpoint("http://127.0.0.1:4242/webhook", "whsec_test")?;
//! let client = stripe_identity::client("sk_test_123").base_url(fake.base_url()).build()?;
//! let session = client
//!     .send(&CreateVerificationSession::new().type_(CreateVerificationSessionType::Document))
//!     .await?;
//! fake.submit(session.id.as_str(), Outcome::Verified)?;
//! let event = fake.wait_for_event("identity.verification_session.verified").await?;
//! # Ok(()) }
//! ```
//!
//! The testing guide below is the crate's `README.md`; its examples are compiled and run as
//! doctests.
#![doc = ""]
#![doc = include_str!("../README.md")]
#![deny(missing_docs)]
// docs.rs (`--cfg docsrs`, nightly): each feature-gated item shows the feature it needs.
#![cfg_attr(docsrs, feature(doc_cfg))]

mod api;
mod clock;
mod control;
mod delivery_queue;
mod endpoints;
mod error;
mod expand;
mod form;
mod http;
mod ids;
mod list;
mod operations;
mod outputs;
mod reply;
mod session;
mod shared;
mod state;
mod stripe_rules;
mod validate;
mod webhooks;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use serde_json::Value;
use tokio::sync::{watch, Notify};

use shared::Shared;
use stripe_identity::{Event, VerificationSession};

pub use endpoints::{Delivery, DeliveryMode, EndpointOptions, WebhookRetry};
pub use error::StripeError;
pub use session::Outcome;
pub use state::{Fault, ReceivedRequest};

/// How a fake is set up before it starts.
#[derive(Clone, Debug)]
pub struct FakeBuilder {
    port: u16,
    seed: Option<u64>,
    frozen_at: Option<SystemTime>,
    webhook_retry: WebhookRetry,
    body_limit: usize,
    request_log_limit: usize,
    request_log_bytes: usize,
    host: std::net::IpAddr,
    header_read_timeout: Duration,
    delivery_mode: DeliveryMode,
    endpoints: Vec<(String, String, EndpointOptions)>,
}

impl Default for FakeBuilder {
    fn default() -> Self {
        Self {
            port: 0,
            seed: None,
            frozen_at: None,
            webhook_retry: WebhookRetry::default(),
            body_limit: 1024 * 1024,
            request_log_limit: 10_000,
            request_log_bytes: 32 * 1024 * 1024,
            host: std::net::IpAddr::from([127, 0, 0, 1]),
            header_read_timeout: Duration::from_secs(30),
            delivery_mode: DeliveryMode::InOrder,
            endpoints: Vec::new(),
        }
    }
}

impl FakeBuilder {
    /// The port (default 0: a free one).
    pub fn port(mut self, port: u16) -> Self {
        self.port = port;
        self
    }

    /// Draws IDs, secrets and request IDs from `seed`, so a run repeats exactly.
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = Some(seed);
        self
    }

    /// Stops the clock at `at`; it then moves only by [`FakeStripe::advance`]. (By default it
    /// follows the system's clock, moved by `advance`.)
    pub fn frozen_clock(mut self, at: SystemTime) -> Self {
        self.frozen_at = Some(at);
        self
    }

    /// How failed webhook deliveries are retried.
    pub fn webhook_retry(mut self, retry: WebhookRetry) -> Self {
        self.webhook_retry = retry;
        self
    }

    /// The largest request body read (default 1 MiB); a larger one is answered with 413.
    pub fn body_limit(mut self, bytes: usize) -> Self {
        self.body_limit = bytes;
        self
    }

    /// How many received requests [`FakeStripe::requests`] keeps (default 10,000; the oldest go
    /// first; 0 keeps none).
    pub fn request_log_limit(mut self, requests: usize) -> Self {
        self.request_log_limit = requests;
        self
    }

    /// How many bytes (about) of received requests [`FakeStripe::requests`] keeps (default 32 MiB;
    /// the oldest go first).
    pub fn request_log_bytes(mut self, bytes: usize) -> Self {
        self.request_log_bytes = bytes;
        self
    }

    /// The address to listen on (default 127.0.0.1): `0.0.0.0` serves a container's or a test
    /// network's other hosts.
    pub fn host(mut self, host: std::net::IpAddr) -> Self {
        self.host = host;
        self
    }

    /// How long a client may take to send a request's headers (default 30 s); a slower one is
    /// disconnected, so it cannot hold a connection forever.
    pub fn header_read_timeout(mut self, timeout: Duration) -> Self {
        self.header_read_timeout = timeout;
        self
    }

    /// A webhook endpoint registered from the start (see [`FakeStripe::add_webhook_endpoint`]).
    pub fn webhook_endpoint(mut self, url: impl Into<String>, secret: impl Into<String>) -> Self {
        self.endpoints
            .push((url.into(), secret.into(), EndpointOptions::new()));
        self
    }

    /// The order endpoints receive events in, unless registered with their own
    /// ([`EndpointOptions::delivery`]): in order by default.
    pub fn delivery_mode(mut self, mode: DeliveryMode) -> Self {
        self.delivery_mode = mode;
        self
    }

    /// Binds the host and port and starts serving on the current tokio runtime.
    pub async fn start(self) -> Result<FakeStripe, StartError> {
        let mut endpoints = Vec::new();
        for (url, secret, options) in self.endpoints {
            endpoints.push(
                control::endpoint(Some(&url), Some(&secret), options, self.delivery_mode)
                    .map_err(|e| StartError::Endpoint(e.message))?,
            );
        }
        let listener = tokio::net::TcpListener::bind((self.host, self.port))
            .await
            .map_err(|error| StartError::Bind(SocketAddr::new(self.host, self.port), error))?;
        let address = listener
            .local_addr()
            .map_err(|error| StartError::Bind(SocketAddr::new(self.host, self.port), error))?;
        let mut state = state::State::new(
            ids::Ids::new(self.seed),
            self.request_log_limit,
            self.request_log_bytes,
        );
        state.endpoints = endpoints;
        let (stop, stopped) = watch::channel(false);
        let shared = Arc::new(Shared {
            state: Mutex::new(state),
            clock: self
                .frozen_at
                .map_or_else(clock::Clock::system, clock::Clock::frozen),
            changed: Notify::new(),
            webhook_retry: self.webhook_retry,
            header_read_timeout: self.header_read_timeout,
            delivery_mode: self.delivery_mode,
            body_limit: self.body_limit,
            runtime: tokio::runtime::Handle::current(),
            stopping: stopped.clone(),
        });
        let server = tokio::spawn(http::serve(listener, shared.clone(), stopped));
        Ok(FakeStripe {
            shared,
            address,
            stop,
            server: Some(server),
        })
    }
}

/// Why a fake could not start.
#[derive(Debug)]
pub enum StartError {
    /// The address (host and port) asked for could not be bound.
    Bind(SocketAddr, std::io::Error),
    /// A webhook endpoint given to the builder is not usable.
    Endpoint(String),
}

impl std::fmt::Display for StartError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Bind(address, error) => write!(f, "cannot listen on {address}: {error}"),
            Self::Endpoint(message) => write!(f, "bad webhook endpoint: {message}"),
        }
    }
}

impl std::error::Error for StartError {}

/// Why [`FakeStripe::wait_for_event`] returned without an event.
#[derive(Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum WaitError {
    /// No such event had finished its deliveries in the time allowed.
    Timeout {
        /// The event type waited for.
        event_type: String,
    },
    /// Every delivery of the event was given up: the endpoint never answered 2xx.
    Undelivered {
        /// The event's type.
        event_type: String,
        /// The endpoint of its last delivery.
        endpoint: String,
        /// The attempts of that delivery.
        attempts: u32,
        /// The status of its last answer; `None` when there was none.
        last_status: Option<u16>,
        /// The start of its last answer's body.
        last_response: Option<String>,
    },
    /// The event does not decode into the crate's `Event` (a bug of the fake's).
    Undecodable {
        /// The event's type.
        event_type: String,
        /// What did not decode.
        message: String,
    },
}

impl std::fmt::Display for WaitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Timeout { event_type } => write!(f, "no `{event_type}` event was delivered in time"),
            Self::Undelivered {
                event_type,
                endpoint,
                attempts,
                last_status,
                last_response,
            } => {
                let status =
                    last_status.map_or_else(|| "no answer".to_owned(), |status| format!("HTTP {status}"));
                write!(
                    f,
                    "the `{event_type}` event was never delivered: {endpoint} answered its last of {attempts} attempt(s) with {status}"
                )?;
                match last_response.as_deref() {
                    Some(body) if !body.is_empty() => write!(f, ": {body}"),
                    _ => Ok(()),
                }
            }
            Self::Undecodable { event_type, message } => {
                write!(
                    f,
                    "the `{event_type}` event does not decode as an Event: {message}"
                )
            }
        }
    }
}

impl std::error::Error for WaitError {}

/// A session's JSON as the crate's type.
fn typed(session: Value) -> Result<VerificationSession, StripeError> {
    serde_json::from_value(session).map_err(StripeError::internal)
}

/// A running fake of Stripe Identity (on 127.0.0.1 unless built with another `host`). Dropping it
/// shuts the server down.
pub struct FakeStripe {
    shared: Arc<Shared>,
    address: SocketAddr,
    stop: watch::Sender<bool>,
    server: Option<tokio::task::JoinHandle<()>>,
}

impl FakeStripe {
    /// Starts a fake with the defaults on a free port.
    ///
    /// # Panics
    /// When 127.0.0.1 cannot be bound (a machine without loopback); [`FakeStripe::builder`]'s
    /// `start` returns that as an error instead.
    pub async fn start() -> Self {
        match Self::builder().start().await {
            Ok(fake) => fake,
            Err(error) => panic!("the fake cannot start: {error}"),
        }
    }

    /// A builder, to set the port, seed, clock, retries or limits first.
    pub fn builder() -> FakeBuilder {
        FakeBuilder::default()
    }

    /// `http://127.0.0.1:PORT`, for `stripe_identity::client(…).base_url(…)`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.address)
    }

    /// The address it listens on.
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// Registers a webhook endpoint (`http://…` and its `whsec_…` secret) receiving every event.
    pub fn add_webhook_endpoint(&self, url: &str, secret: &str) -> Result<(), StripeError> {
        self.add_webhook_endpoint_with(url, secret, EndpointOptions::new())
    }

    /// Registers a webhook endpoint receiving only `event_types` (`"*"` for all).
    pub fn add_webhook_endpoint_for(
        &self,
        url: &str,
        secret: &str,
        event_types: &[&str],
    ) -> Result<(), StripeError> {
        let options = EndpointOptions::new().enabled_events(event_types.iter().copied());
        self.add_webhook_endpoint_with(url, secret, options)
    }

    /// Registers a webhook endpoint with `options`: the event types it receives, the API version
    /// its events are stamped with, its delivery order.
    pub fn add_webhook_endpoint_with(
        &self,
        url: &str,
        secret: &str,
        options: EndpointOptions,
    ) -> Result<(), StripeError> {
        let endpoint = control::endpoint(Some(url), Some(secret), options, self.shared.delivery_mode)?;
        self.shared.lock().endpoints.push(endpoint);
        Ok(())
    }

    /// Delivers event `event_id` again to every endpoint it was sent to, after what each is
    /// already due to receive (as Stripe's "resend"): a handler must take it twice.
    /// [`FakeStripe::redeliver_to`] picks one endpoint.
    pub fn redeliver(&self, event_id: &str) -> Result<(), StripeError> {
        let deliveries = delivery_queue::redeliver(&mut self.shared.lock(), event_id, None)
            .ok_or_else(|| StripeError::resource_missing("event", event_id, "id"))?;
        self.start_deliveries(deliveries);
        Ok(())
    }

    /// [`FakeStripe::redeliver`] to the endpoint at `url` only (`POST …/redeliver` with
    /// `endpoint=url`).
    pub fn redeliver_to(&self, event_id: &str, url: &str) -> Result<(), StripeError> {
        let deliveries = delivery_queue::redeliver(&mut self.shared.lock(), event_id, Some(url))
            .ok_or_else(|| StripeError::resource_missing("event", event_id, "id"))?;
        self.start_deliveries(deliveries);
        Ok(())
    }

    /// The person's side: what they did on the verification page. Returns the session after.
    pub fn submit(&self, session_id: &str, outcome: Outcome) -> Result<VerificationSession, StripeError> {
        if let Outcome::RequiresInput(code) = &outcome {
            // Only a code the spec lists: what Stripe could send.
            session::outcome("requires_input", Some(stripe_identity::OpenEnum::wire(code)))?;
        }
        let (session, deliveries) = control::submit(&self.shared, session_id, &outcome)?;
        self.start_deliveries(deliveries);
        typed(session)
    }

    /// Ends the redaction of a session being redacted: `redacted`, the data replaced.
    pub fn finish_redaction(&self, session_id: &str) -> Result<VerificationSession, StripeError> {
        let (session, deliveries) = control::finish_redaction(&self.shared, session_id)?;
        self.start_deliveries(deliveries);
        typed(session)
    }

    fn start_deliveries(&self, deliveries: Vec<usize>) {
        webhooks::start(&self.shared, deliveries);
    }

    /// Makes the next API requests fail as `fault` says (after any failures already queued): an
    /// error status (400 to 599) or `drop`, for at least one request; anything else is refused,
    /// as the control endpoint refuses it.
    pub fn fail_next(&self, fault: Fault) -> Result<(), StripeError> {
        if !fault.drop && !(400..=599).contains(&fault.status) {
            return Err(StripeError::invalid_request(format!(
                "Invalid status: {}; use an error status, 400 to 599, or drop",
                fault.status
            ))
            .with_param("status"));
        }
        if fault.count == 0 {
            return Err(StripeError::invalid_request("Invalid count: 0; at least 1").with_param("count"));
        }
        self.shared.lock().faults.push_back(fault);
        Ok(())
    }

    /// Forgets everything the fake was sent and did (sessions, reports, events, deliveries,
    /// idempotency keys, faults, the request log), keeping its webhook endpoints and settings.
    /// Deliveries still retrying stop. `POST /_fake/reset` does the same.
    pub fn reset(&self) {
        self.shared.lock().reset();
        self.shared.changed.notify_waiters();
    }

    /// Forgets the failures queued and not yet used.
    pub fn clear_faults(&self) {
        self.shared.lock().faults.clear();
    }

    /// Moves the fake's clock forward.
    pub fn advance(&self, by: Duration) {
        self.shared.clock.advance(by);
    }

    /// The fake's time, in Unix seconds.
    pub fn now(&self) -> i64 {
        self.shared.clock.now()
    }

    /// The API requests received, oldest first.
    pub fn requests(&self) -> Vec<ReceivedRequest> {
        self.shared.lock().requests.iter().cloned().collect()
    }

    /// Every event sent so far, oldest first, as Stripe's event objects.
    pub fn events(&self) -> Vec<Value> {
        self.shared.lock().events.clone()
    }

    /// Every webhook delivery so far.
    pub fn deliveries(&self) -> Vec<Delivery> {
        self.shared.lock().deliveries.clone()
    }

    /// Waits until an event of `event_type` exists and each of its deliveries has finished, then
    /// returns it: after this, the endpoint has handled it. Fails when every delivery of it was
    /// given up (naming the endpoint and its last answer), or after 10 s. No sleeping: it wakes
    /// when a request or a delivery attempt ends.
    pub async fn wait_for_event(&self, event_type: &str) -> Result<Event, WaitError> {
        self.wait_for_event_after(event_type, 0, Duration::from_secs(10))
            .await
    }

    /// [`FakeStripe::wait_for_event`] for the event of `event_type` about session `session_id`.
    pub async fn wait_for_session_event(
        &self,
        session_id: &str,
        event_type: &str,
    ) -> Result<Event, WaitError> {
        let about =
            |event: &Value| event["type"] == event_type && event["data"]["object"]["id"] == session_id;
        self.wait(about, 0, Duration::from_secs(10), event_type).await
    }

    /// [`FakeStripe::wait_for_event`] for event number `after` (from 0) of `event_type` (1 waits
    /// for the second), giving up after `timeout`.
    pub async fn wait_for_event_after(
        &self,
        event_type: &str,
        after: usize,
        timeout: Duration,
    ) -> Result<Event, WaitError> {
        let of_type = |event: &Value| event["type"] == event_type;
        self.wait(of_type, after, timeout, event_type).await
    }

    async fn wait(
        &self,
        wanted: impl Fn(&Value) -> bool,
        after: usize,
        timeout: Duration,
        event_type: &str,
    ) -> Result<Event, WaitError> {
        let waiting = async {
            loop {
                let changed = self.shared.changed.notified();
                tokio::pin!(changed);
                changed.as_mut().enable();
                if let Some(finished) = webhooks::finished_event(&self.shared.lock(), &wanted, after) {
                    return finished;
                }
                changed.await;
            }
        };
        let finished = tokio::time::timeout(timeout, waiting)
            .await
            .map_err(|_| WaitError::Timeout {
                event_type: event_type.to_owned(),
            })?;
        match finished {
            webhooks::Finished::Delivered(event) => {
                serde_json::from_value(event).map_err(|error| WaitError::Undecodable {
                    event_type: event_type.to_owned(),
                    message: error.to_string(),
                })
            }
            webhooks::Finished::Undelivered(delivery) => Err(WaitError::Undelivered {
                event_type: event_type.to_owned(),
                endpoint: delivery.endpoint,
                attempts: delivery.attempts,
                last_status: delivery.last_status,
                last_response: delivery.last_response,
            }),
        }
    }

    /// Stops serving and waits until the server has closed its connections.
    pub async fn shutdown(mut self) {
        let _ = self.stop.send(true);
        if let Some(server) = self.server.take() {
            let _ = server.await;
        }
    }
}

impl Drop for FakeStripe {
    /// Stops the server, its connections and the deliveries still retrying; the port is free
    /// once the runtime next runs them (at the next `.await`). [`FakeStripe::shutdown`] waits for
    /// that.
    fn drop(&mut self) {
        let _ = self.stop.send(true);
        if let Some(server) = self.server.take() {
            server.abort();
        }
    }
}
