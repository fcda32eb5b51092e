//! What the client's two test binaries share: `generated` (its `client` suite) and `proxy` (a
//! binary of its own, because it sets process-wide proxy variables). Declared once here; each
//! binary includes this file as its `support` module.

use std::time::Duration;

use serde_json::{json, Value};
use stripe_identity::{Backoff, Error};

/// A test-mode key that must never show in an error, a log line or a trace.
pub(crate) const KEY: &str = "sk_test_51SecretKeyThatMustNeverLeak";

/// A session as Stripe returns it, its secrets planted so a test can look for them.
pub(crate) fn session(id: &str) -> Value {
    json!({
        "id": id, "object": "identity.verification_session", "created": 1_700_000_000,
        "livemode": false, "metadata": {}, "status": "requires_input", "type": "document",
        "client_secret": "vs_secret_must_not_leak", "url": "https://verify.stripe.com/start/must_not_leak",
        "client_reference_id": null, "last_error": null, "last_verification_report": null,
        "options": {}, "redaction": null, "related_customer": null, "related_customer_account": null
    })
}

/// Fast retries, so tests measure the schedule without waiting seconds.
pub(crate) fn fast() -> Backoff {
    Backoff {
        initial: Duration::from_millis(50),
        max: Duration::from_millis(80),
    }
}

/// The error and every cause in its `source()` chain, each shown and debugged, as a report
/// walking the chain prints them: what a test looks through for a message or a leaked secret.
pub(crate) fn chain(error: &Error) -> String {
    let mut text = error.to_string();
    let mut cause = std::error::Error::source(error);
    while let Some(inner) = cause {
        text.push_str(&format!(": {inner} ({inner:?})"));
        cause = inner.source();
    }
    text
}
