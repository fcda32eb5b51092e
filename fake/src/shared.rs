//! What every connection and delivery task of one fake shares: the state behind its lock, the
//! clock, the notification `wait_for_event` sleeps on, and the settings fixed at start.

use std::sync::{Mutex, MutexGuard};

use tokio::runtime::Handle;
use tokio::sync::{watch, Notify};

use crate::clock::Clock;
use crate::endpoints::WebhookRetry;
use crate::state::State;

/// What every connection and delivery task of one fake shares.
pub struct Shared {
    /// Everything the fake holds (`lock`).
    pub state: Mutex<State>,
    /// Its time.
    pub clock: Clock,
    /// Woken whenever a request was answered or a delivery attempt ended (`wait_for_event`).
    pub changed: Notify,
    /// How failed deliveries are retried.
    pub webhook_retry: WebhookRetry,
    /// How long a client may take to send a request's headers.
    pub header_read_timeout: std::time::Duration,
    /// The delivery order of endpoints registered without one of their own.
    pub delivery_mode: crate::endpoints::DeliveryMode,
    /// The largest request body read.
    pub body_limit: usize,
    /// The runtime the fake was started on: deliveries run there, whoever starts them (a test
    /// may call `submit` from a plain thread).
    pub runtime: Handle,
    /// Turns true when the fake shuts down; deliveries still retrying stop.
    pub stopping: watch::Receiver<bool>,
}

impl Shared {
    /// The state, locked.
    pub fn lock(&self) -> MutexGuard<'_, State> {
        // A panic while holding the lock would be a bug in the fake; the state is still the
        // last consistent one (each change is made whole under the lock), so go on with it.
        self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}
