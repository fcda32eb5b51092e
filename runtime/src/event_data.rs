//! `EventData<T>`: the `data` of a Stripe event: the object as it was when the event happened
//! (typed when the crate knows its kind, JSON otherwise), and for `*.updated`-style events the
//! values its changed fields had before, which stay JSON because they are a partial object.

use serde::{Deserialize, Serialize};

/// The object an event is about, and what it was before the change.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
pub struct EventData<T> {
    /// The object as it was when the event happened.
    pub object: T,
    /// The previous values of the fields that changed, for events that change an object: a
    /// partial object, so plain JSON.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_attributes: Option<serde_json::Value>,
}
