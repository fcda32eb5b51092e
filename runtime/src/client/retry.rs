//! When to retry and how long to wait, as Stripe's SDKs do (stripe-python 16.1.0
//! `HTTPClient._should_retry`): a response's `Stripe-Should-Retry: true|false` decides when
//! present; otherwise 409 and 5xx are retried and nothing else, 429 included. A 429 is retried
//! only when the caller opts in (`ClientBuilder::retry_rate_limited`), waiting what `Retry-After`
//! asks when it asks no more than the caller allows. A success is never retried, whatever the
//! header says. The wait doubles from the initial delay up to the cap, then loses up to half to
//! jitter, but never drops below the initial delay. (Which transport failures are retried is
//! `transport`'s business.)

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

/// Which responses to retry beyond the SDKs' rule.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct RetryPolicy {
    /// Retry 429 too, unless `Retry-After` asks for longer than this.
    pub(crate) rate_limited: Option<Duration>,
}

/// What a response's status and headers say about retrying it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// Do not retry.
    Stop,
    /// Retry, waiting at least this long (beyond the backoff) when given.
    Retry(Option<Duration>),
}

impl RetryPolicy {
    /// The verdict for a response with `status`, `Stripe-Should-Retry` and `Retry-After`.
    pub(crate) fn verdict(
        &self,
        status: u16,
        should_retry: Option<&str>,
        retry_after: Option<&str>,
    ) -> Verdict {
        if (200..300).contains(&status) {
            return Verdict::Stop;
        }
        match should_retry {
            Some("true") => return Verdict::Retry(None),
            Some("false") => return Verdict::Stop,
            _ => {}
        }
        match (status, self.rate_limited) {
            (409, _) | (500.., _) => Verdict::Retry(None),
            (429, Some(max_wait)) => match retry_after.and_then(retry_after_seconds) {
                // Waiting less than asked would only meet another 429; waiting longer than the
                // caller allows would hold the call up, so the 429 is returned instead.
                Some(wait) if wait > max_wait => Verdict::Stop,
                wait => Verdict::Retry(wait),
            },
            _ => Verdict::Stop,
        }
    }
}

/// `Retry-After` as delay-seconds (RFC 9110); the HTTP-date form is not used by Stripe and is
/// ignored, leaving the backoff to decide.
fn retry_after_seconds(value: &str) -> Option<Duration> {
    value.trim().parse::<u64>().ok().map(Duration::from_secs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_header_wins_then_409_and_5xx_and_429_only_when_asked() {
        let sdk = RetryPolicy::default();
        let retry = Verdict::Retry(None);
        assert_eq!(sdk.verdict(409, None, None), retry);
        assert_eq!(sdk.verdict(503, None, None), retry);
        assert_eq!(sdk.verdict(429, None, None), Verdict::Stop);
        assert_eq!(sdk.verdict(400, None, None), Verdict::Stop);
        assert_eq!(sdk.verdict(503, Some("false"), None), Verdict::Stop);
        assert_eq!(sdk.verdict(400, Some("true"), None), retry);
        assert_eq!(sdk.verdict(200, Some("true"), None), Verdict::Stop);

        let opted_in = RetryPolicy {
            rate_limited: Some(Duration::from_secs(10)),
        };
        assert_eq!(opted_in.verdict(429, None, None), retry);
        assert_eq!(
            opted_in.verdict(429, None, Some(" 3 ")),
            Verdict::Retry(Some(Duration::from_secs(3)))
        );
        assert_eq!(opted_in.verdict(429, None, Some("11")), Verdict::Stop);
        assert_eq!(
            opted_in.verdict(429, None, Some("Wed, 21 Oct 2015 07:28:00 GMT")),
            retry
        );
        assert_eq!(opted_in.verdict(429, Some("false"), Some("1")), Verdict::Stop);
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
