//! Receiving webhooks: checking the `Stripe-Signature` header of an incoming request and
//! decoding its body, with no HTTP dependency (the `webhook` feature, on by default, needs no
//! `client`: the application's web framework hands over the raw body and the header).
//!
//! The rules are stripe-python's (`stripe.Webhook.construct_event`), checked in its order, and a
//! committed fixture of its verdicts (`generated/tests/fixtures/webhook_signatures.json`,
//! recorded by `tools/webhook-sig/record.sh`) holds this module to them:
//!
//! 1. a header must be present and not empty ([`WebhookError::NoHeader`]);
//! 2. the secret must not be blank ([`WebhookError::NoSecret`]);
//! 3. the header must parse ([`WebhookError::MalformedHeader`]; see `header.rs` for the grammar);
//! 4. it must carry a `v1` signature ([`WebhookError::NoV1Signature`]); other schemes are ignored;
//! 5. one `v1` must equal HMAC-SHA256(secret, `"{t}.{raw body}"`) in lowercase hex, compared in
//!    constant time ([`WebhookError::NoMatchingSignature`]); Stripe sends several while a secret
//!    is being rolled, and any one suffices;
//! 6. `t` must be no older than the tolerance, 300 s unless set ([`WebhookError::TimestampTooOld`]).
//!    A timestamp in the future passes, as in stripe-python, stripe-node and stripe-go (they only
//!    bound the age: a future `t` needs the secret to sign, so it cannot stretch a replay window
//!    an attacker controls, and refusing it would turn clock skew into lost events). The check
//!    is off only through [`Webhook::without_timestamp_check`]; stripe-python also turns it off
//!    for a tolerance of 0, which here means what it says.
//!
//! "Now" comes from a [`Clock`]: the system clock unless the caller sets one; a fixed
//! [`SystemTime`] is a clock, which makes tests deterministic.
//!
//! ```
//! use std::time::{Duration, SystemTime};
//! use stripe_runtime::webhook::{Webhook, WebhookError};
//!
//! let at = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
//! let webhook = Webhook::new("whsec_test").clock(at);
//! let body = r#"{"id":"evt_1","object":"event","type":"customer.created"}"#;
//! let header = webhook.signature_header(body, 1_700_000_000);
//!
//! let event: serde_json::Value = webhook.construct_event(body, Some(&header))?;
//! assert_eq!(event["type"], "customer.created");
//! assert_eq!(
//!     webhook.verify(body.replace("customer", "charge"), Some(&header)),
//!     Err(WebhookError::NoMatchingSignature)
//! );
//! # Ok::<(), WebhookError>(())
//! ```

mod error;
mod header;
mod sign;

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::de::DeserializeOwned;

pub use error::{Malformed, WebhookError};

use crate::decode_path::{printable_path, without_values};
use crate::{Secret, WebhookEvent};

/// How old a signature's timestamp may be unless [`Webhook::tolerance`] says otherwise: five
/// minutes, as in Stripe's SDKs.
pub const DEFAULT_TOLERANCE: Duration = Duration::from_secs(300);

/// Where "now" comes from when a signature's age is checked.
pub trait Clock: Send + Sync {
    /// The current time.
    fn now(&self) -> SystemTime;
}

/// The system clock, [`SystemTime::now`]: the default.
#[derive(Clone, Copy, Debug, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> SystemTime {
        SystemTime::now()
    }
}

/// A fixed instant is a clock that never moves, for tests.
impl Clock for SystemTime {
    fn now(&self) -> SystemTime {
        *self
    }
}

/// A webhook endpoint's verifier: its secret (`whsec_…`), the tolerance and the clock. Cheap to
/// clone and shareable across threads, so it can sit in a web framework's state.
#[derive(Clone)]
pub struct Webhook {
    secret: Secret,
    /// `None` only after [`Webhook::without_timestamp_check`].
    tolerance: Option<Duration>,
    clock: Arc<dyn Clock>,
    /// Set by [`Webhook::ignore_api_version_mismatch`].
    any_api_version: bool,
}

impl Webhook {
    /// A verifier for the endpoint whose signing secret is `secret`, with the default tolerance
    /// ([`DEFAULT_TOLERANCE`]) and the system clock.
    pub fn new(secret: impl Into<Secret>) -> Self {
        Self {
            secret: secret.into(),
            tolerance: Some(DEFAULT_TOLERANCE),
            clock: Arc::new(SystemClock),
            any_api_version: false,
        }
    }

    /// Decodes events stamped with any API version, even where the event type names the one it
    /// reads (as stripe-go's `IgnoreAPIVersionMismatch`): for a handler written to read several
    /// versions' shapes. By default such an event is [`WebhookError::ApiVersionMismatch`].
    pub fn ignore_api_version_mismatch(mut self) -> Self {
        self.any_api_version = true;
        self
    }

    /// Refuses signatures whose timestamp is more than `tolerance` older than now.
    /// `Duration::ZERO` refuses any timestamp in the past.
    pub fn tolerance(mut self, tolerance: Duration) -> Self {
        self.tolerance = Some(tolerance);
        self
    }

    /// Accepts a valid signature however old it is, which gives up protection against replayed
    /// requests: for re-checking stored events, not for a live endpoint.
    pub fn without_timestamp_check(mut self) -> Self {
        self.tolerance = None;
        self
    }

    /// Takes "now" from `clock`; a fixed [`SystemTime`] makes tests deterministic.
    pub fn clock(mut self, clock: impl Clock + 'static) -> Self {
        self.clock = Arc::new(clock);
        self
    }

    /// Checks that `header` (the request's `Stripe-Signature`, `None` when it has none) signs
    /// `payload` (the raw body, byte for byte as received) under this endpoint's secret, recently
    /// enough.
    pub fn verify(&self, payload: impl AsRef<[u8]>, header: Option<&str>) -> Result<(), WebhookError> {
        let header = header
            .filter(|header| !header.is_empty())
            .ok_or(WebhookError::NoHeader)?;
        // stripe-python's blank test: these six characters, not Unicode white space.
        if self
            .secret
            .expose()
            .trim_matches(&[' ', '\t', '\r', '\n', '\x0c', '\x0b'][..])
            .is_empty()
        {
            return Err(WebhookError::NoSecret);
        }
        let header = header::parse(header).map_err(WebhookError::MalformedHeader)?;
        if header.v1.is_empty() {
            return Err(WebhookError::NoV1Signature);
        }
        let expected = sign::signature(self.secret.expose(), &header.timestamp_text, payload.as_ref());
        if !sign::any_matches(&expected, &header.v1) {
            return Err(WebhookError::NoMatchingSignature);
        }
        self.check_age(header.timestamp)
    }

    /// [`verify`](Self::verify), then decodes `payload` as `T` (for this crate's users,
    /// `stripe_identity::Event`). An event stamped with an API version of another release than
    /// the one `T` reads ([`WebhookEvent::API_VERSION`]), or with none, is
    /// [`WebhookError::ApiVersionMismatch`], as stripe-go refuses it, unless [`ignore_api_version_mismatch`](Self::ignore_api_version_mismatch):
    /// its shapes are another version's. A body that does not decode is
    /// [`WebhookError::NotAnEvent`], with the JSON path of the field that failed.
    pub fn construct_event<T: WebhookEvent>(
        &self,
        payload: impl AsRef<[u8]>,
        header: Option<&str>,
    ) -> Result<T, WebhookError> {
        let payload = payload.as_ref();
        self.verify(payload, header)?;
        if let (Some(expected), false) = (T::API_VERSION, self.any_api_version) {
            let stamped = stamped_version(payload);
            if !compatible(stamped.as_deref(), expected) {
                return Err(WebhookError::ApiVersionMismatch {
                    event: stamped,
                    expected: expected.to_owned(),
                });
            }
        }
        decode(payload)
    }

    /// The `Stripe-Signature` header Stripe would send for `payload` at `timestamp` (seconds
    /// since the Unix epoch), for tests of a webhook endpoint. Like stripe-python's
    /// `WebhookSignature.generate_signature_header`.
    pub fn signature_header(&self, payload: impl AsRef<[u8]>, timestamp: i64) -> String {
        let timestamp = timestamp.to_string();
        let signature = sign::signature(self.secret.expose(), &timestamp, payload.as_ref());
        format!("t={timestamp},v1={signature}")
    }

    /// Refuses a timestamp older than the tolerance. Compared in nanoseconds, so a clock between
    /// two seconds gives stripe-python's answer (`t < time.time() - tolerance`).
    fn check_age(&self, timestamp: i64) -> Result<(), WebhookError> {
        let Some(tolerance) = self.tolerance else {
            return Ok(());
        };
        const NANOS_PER_SEC: i128 = 1_000_000_000;
        let now = match self.clock.now().duration_since(UNIX_EPOCH) {
            Ok(since) => since.as_nanos() as i128,
            Err(before) => -(before.duration().as_nanos() as i128),
        };
        let age = now - i128::from(timestamp) * NANOS_PER_SEC;
        // A Duration is at most ~1.8e28 ns, well inside i128.
        if age <= tolerance.as_nanos() as i128 {
            return Ok(());
        }
        let secs = u64::try_from(age / NANOS_PER_SEC).unwrap_or(u64::MAX);
        Err(WebhookError::TimestampTooOld {
            timestamp,
            age: Duration::new(secs, (age % NANOS_PER_SEC) as u32),
            tolerance,
        })
    }
}

impl fmt::Debug for Webhook {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Webhook")
            .field("secret", &self.secret)
            .field("tolerance", &self.tolerance)
            .finish_non_exhaustive()
    }
}

/// Whether an event stamped `event` has the shapes of `expected`, as stripe-go and
/// stripe-dotnet judge it: versions with a release name (`2026-09-30.endive`) share their shapes
/// within the release (`endive`), so any of its versions is compatible; an older, dated version
/// only with itself; an event with no version with nothing.
fn compatible(event: Option<&str>, expected: &str) -> bool {
    let release = |version: &str| version.split_once('.').map(|(_, release)| release.to_owned());
    match (event, release(expected)) {
        (None, _) => false,
        (Some(event), Some(expected)) => release(event).as_deref() == Some(expected.as_str()),
        (Some(event), None) => event == expected,
    }
}

/// The `api_version` an event body is stamped with, when it has one (the rest of the body is
/// skipped unread; one that is not JSON is left to `decode` to refuse).
fn stamped_version(payload: &[u8]) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct Stamp {
        api_version: Option<String>,
    }
    serde_json::from_slice::<Stamp>(payload).ok()?.api_version
}

/// Decodes a whole body (trailing text is an error, as in `json.loads`), naming the failing
/// field's path and keeping body text out of the message and the path (a map key, such as a
/// metadata key, is shown as `<key>`), as the client's decode errors do.
fn decode<T: DeserializeOwned>(payload: &[u8]) -> Result<T, WebhookError> {
    let mut deserializer = serde_json::Deserializer::from_slice(payload);
    let value = serde_path_to_error::deserialize(&mut deserializer)
        .map_err(|error| not_an_event(printable_path(error.path()), error.inner()))?;
    deserializer
        .end()
        .map_err(|error| not_an_event(".".to_owned(), &error))?;
    Ok(value)
}

fn not_an_event(path: String, error: &serde_json::Error) -> WebhookError {
    let message = without_values(&error.to_string());
    // A generated event decodes its `data` by itself (`crate::decode_event_data`) behind a
    // `#[serde(flatten)]`, where serde loses the path: that error arrives at the root as
    // `data.<path>: <message>`. Put its path back where the path goes.
    if path == "." {
        if let Some((inner, rest)) = message.split_once(": ") {
            if inner.starts_with("data") && !inner.contains(' ') {
                return WebhookError::NotAnEvent {
                    path: inner.to_owned(),
                    message: rest.to_owned(),
                };
            }
        }
    }
    WebhookError::NotAnEvent { path, message }
}

#[cfg(test)]
mod tests;
