//! When to retry and how long to wait, as Stripe's SDKs do: connection errors, 409, 429 and 5xx
//! are retried unless the response says `Stripe-Should-Retry: false` (and anything is retried when
//! it says `true`); the wait doubles from the initial delay up to the cap, then loses up to half to
//! jitter, but never drops below the initial delay.

use std::time::Duration;

/// Retry timing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Backoff {
    /// The wait before the first retry, before jitter (Stripe's SDKs: 0.5 s).
    pub initial: Duration,
    /// The longest wait (Stripe's SDKs: 5 s).
    pub max: Duration,
}

impl Default for Backoff {
    fn default() -> Self {
        Self {
            initial: Duration::from_millis(500),
            max: Duration::from_secs(5),
        }
    }
}

impl Backoff {
    /// The wait before retry number `retry` (1-based), with `jitter` in `[0, 1)` taking off up
    /// to half: `max(initial, min(initial * 2^(retry-1), max) * (1 - jitter / 2))`.
    pub fn delay(&self, retry: u32, jitter: f64) -> Duration {
        let doubling = 2u32.saturating_pow(retry.saturating_sub(1));
        let base = self.initial.saturating_mul(doubling).min(self.max);
        let jitter = jitter.clamp(0.0, 1.0);
        base.mul_f64(1.0 - jitter / 2.0).max(self.initial.min(self.max))
    }
}

/// Whether a response with `status` and the `Stripe-Should-Retry` header value should be retried.
pub(crate) fn should_retry_status(status: u16, should_retry: Option<&str>) -> bool {
    match should_retry {
        Some("true") => true,
        Some("false") => false,
        _ => status == 409 || status == 429 || status >= 500,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_header_wins_and_otherwise_409_429_5xx_retry() {
        assert!(should_retry_status(409, None));
        assert!(should_retry_status(429, None));
        assert!(should_retry_status(503, None));
        assert!(!should_retry_status(400, None));
        assert!(!should_retry_status(503, Some("false")));
        assert!(should_retry_status(400, Some("true")));
    }

    #[test]
    fn delays_double_cap_and_jitter_within_bounds() {
        let backoff = Backoff::default();
        assert_eq!(backoff.delay(1, 0.0), Duration::from_millis(500));
        assert_eq!(backoff.delay(2, 0.0), Duration::from_secs(1));
        assert_eq!(backoff.delay(3, 0.0), Duration::from_secs(2));
        assert_eq!(backoff.delay(5, 0.0), Duration::from_secs(5));
        assert_eq!(backoff.delay(40, 0.0), Duration::from_secs(5));
        assert_eq!(backoff.delay(3, 0.999_999).as_millis(), 1000);
        assert_eq!(
            backoff.delay(1, 0.9),
            Duration::from_millis(500),
            "never below the initial delay"
        );
        for retry in 1..10 {
            for jitter in [0.0, 0.25, 0.5, 0.75, 0.99] {
                let delay = backoff.delay(retry, jitter);
                assert!(
                    delay >= backoff.initial && delay <= backoff.max,
                    "{retry} {jitter} {delay:?}"
                );
            }
        }
    }
}
