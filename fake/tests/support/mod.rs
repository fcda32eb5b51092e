//! What the fake's two test binaries share: `fake` and `traces` (a binary of its own, because
//! `tracing` caches which callsites a subscriber wants process-wide). Declared once here; each
//! binary includes this file as its `support` module.

use std::time::Duration;

use stripe_identity::{Backoff, Client};
use stripe_identity_fake::FakeStripe;

/// A test-mode key the fake accepts.
pub(crate) const KEY: &str = "sk_test_fake123";

/// Retries in milliseconds, so fault tests stay fast.
pub(crate) fn fast() -> Backoff {
    Backoff {
        initial: Duration::from_millis(10),
        max: Duration::from_millis(20),
    }
}

/// The crate's client, pointed at `fake`, retrying fast.
pub(crate) fn client(fake: &FakeStripe) -> Client {
    stripe_identity::client(KEY)
        .base_url(fake.base_url())
        .backoff(fast())
        .build()
        .expect("a client")
}
