//! The fake's clock: the system's time moved by `advance`, or a fixed time moved only by
//! `advance` (for tests that compare timestamps). It dates sessions (`created`), reports, events
//! and webhook signatures, so a receiver checking the signature's age sees the fake's time.

use std::sync::Mutex;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Seconds since the Unix epoch, by the fake's clock.
#[derive(Debug)]
pub struct Clock {
    state: Mutex<ClockState>,
}

#[derive(Debug)]
struct ClockState {
    /// The time it stands at, when frozen; `None` follows the system clock.
    frozen_at: Option<i64>,
    /// What `advance` added.
    offset: i64,
}

impl Clock {
    /// A clock that follows the system's.
    pub fn system() -> Self {
        Self::with(None)
    }

    /// A clock standing at `at` until advanced.
    pub fn frozen(at: SystemTime) -> Self {
        Self::with(Some(unix_seconds(at)))
    }

    fn with(frozen_at: Option<i64>) -> Self {
        Self {
            state: Mutex::new(ClockState { frozen_at, offset: 0 }),
        }
    }

    /// Now, in Unix seconds.
    pub fn now(&self) -> i64 {
        let state = self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        state
            .frozen_at
            .unwrap_or_else(|| unix_seconds(SystemTime::now()))
            .saturating_add(state.offset)
    }

    /// Moves the clock forward by `by` (whole seconds, as Stripe's timestamps are).
    pub fn advance(&self, by: Duration) {
        let mut state = self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        state.offset = state
            .offset
            .saturating_add(i64::try_from(by.as_secs()).unwrap_or(i64::MAX));
    }
}

fn unix_seconds(at: SystemTime) -> i64 {
    match at.duration_since(UNIX_EPOCH) {
        Ok(since) => i64::try_from(since.as_secs()).unwrap_or(i64::MAX),
        Err(before) => -i64::try_from(before.duration().as_secs()).unwrap_or(i64::MAX),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_frozen_clock_moves_only_when_advanced() {
        let clock = Clock::frozen(UNIX_EPOCH + Duration::from_secs(1_700_000_000));
        assert_eq!(clock.now(), 1_700_000_000);
        clock.advance(Duration::from_secs(90));
        assert_eq!(clock.now(), 1_700_000_090);
        clock.advance(Duration::MAX);
        assert_eq!(clock.now(), i64::MAX, "saturates rather than overflowing");
        let system = Clock::system();
        system.advance(Duration::from_secs(3600));
        assert!(system.now() >= unix_seconds(SystemTime::now()) + 3599);
    }
}
