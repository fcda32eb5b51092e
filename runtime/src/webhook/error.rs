//! `WebhookError`: which rule a webhook failed, one variant per rule, in the order they are
//! checked (stripe-python's order, so a request that breaks several rules gets its verdict). No
//! variant holds the endpoint secret, the body or the header's signatures, so logging an error
//! leaks none of them; a decode error keeps the JSON path and serde's complaint with the
//! offending value taken out.

use std::fmt;
use std::time::Duration;

/// Why a webhook was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum WebhookError {
    /// The request has no `Stripe-Signature` header, or it is empty.
    NoHeader,
    /// The endpoint secret is empty or blank: with an empty key anyone could sign, so nothing
    /// is accepted. (Usually an unset `STRIPE_WEBHOOK_SECRET`.)
    NoSecret,
    /// The `Stripe-Signature` header cannot be read.
    MalformedHeader(Malformed),
    /// The header carries no `v1` signature (only other schemes, such as test-mode `v0`).
    NoV1Signature,
    /// No `v1` signature matches the body and timestamp under this secret: a forged or altered
    /// request, or a different endpoint's secret.
    NoMatchingSignature,
    /// The signature is valid but its timestamp is older than the tolerance: possibly a replay.
    /// (A timestamp in the future is accepted, as Stripe's SDKs accept it.)
    TimestampTooOld {
        /// The header's `t`, in seconds since the Unix epoch.
        timestamp: i64,
        /// How much older than "now" it is.
        age: Duration,
        /// The tolerance it exceeds.
        tolerance: Duration,
    },
    /// The event is authentic but rendered in another API version than the one the code reads:
    /// its shapes may differ. Set the webhook endpoint's API version to `expected`, or decode
    /// with `Webhook::ignore_api_version_mismatch`.
    ApiVersionMismatch {
        /// The event's `api_version`; `None` when it has none.
        event: Option<String>,
        /// The version the event type was generated for.
        expected: String,
    },
    /// The body is authentic but does not decode as the requested type.
    NotAnEvent {
        /// The JSON path of the field that failed (`data.object.status`), `.` for the root.
        path: String,
        /// serde's complaint, without the value it quotes.
        message: String,
    },
}

/// What is wrong with a `Stripe-Signature` header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Malformed {
    /// It has no `t=` part.
    NoTimestamp,
    /// A part is `t` with no `=value`.
    TimestampWithoutValue,
    /// The first `t=` value is not an integer.
    TimestampNotAnInteger,
    /// A part is `v1` with no `=value`.
    SignatureWithoutValue,
}

impl fmt::Display for WebhookError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NoHeader => f.write_str("the request has no Stripe-Signature header"),
            Self::NoSecret => f.write_str("the webhook endpoint secret is empty"),
            Self::MalformedHeader(why) => write!(f, "the Stripe-Signature header is malformed: {why}"),
            Self::NoV1Signature => f.write_str("the Stripe-Signature header has no v1 signature"),
            Self::NoMatchingSignature => {
                f.write_str("no v1 signature matches the body under this endpoint's secret")
            }
            Self::TimestampTooOld {
                timestamp,
                age,
                tolerance,
            } => write!(
                f,
                "the signature's timestamp {timestamp} is {}s old, beyond the tolerance of {}s",
                age.as_secs(),
                tolerance.as_secs()
            ),
            Self::ApiVersionMismatch { event, expected } => write!(
                f,
                "the event is rendered in API version {}, but this code reads {expected}: set the webhook endpoint's API version to {expected} (Dashboard, or `api_version` when creating the endpoint; the Stripe CLI forwards the latest version with `stripe listen --latest`), or accept other versions with Webhook::ignore_api_version_mismatch",
                event.as_deref().unwrap_or("(none)")
            ),
            Self::NotAnEvent { path, message } => {
                write!(f, "the body does not decode as an event at {path}: {message}")
            }
        }
    }
}

impl fmt::Display for Malformed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::NoTimestamp => "no t= timestamp",
            Self::TimestampWithoutValue => "a t part has no value",
            Self::TimestampNotAnInteger => "the t= timestamp is not an integer",
            Self::SignatureWithoutValue => "a v1 part has no value",
        })
    }
}

impl std::error::Error for WebhookError {}
