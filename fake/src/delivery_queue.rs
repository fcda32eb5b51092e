//! Which delivery an endpoint gets next: each endpoint receives one delivery at a time, from its
//! queue, in its `DeliveryMode` (in order, shuffled by a seed, or each event again after the next
//! one); a delivery that finishes lets the next one go. Also what an event says of its
//! deliveries (`pending_webhooks`). All under the state's lock: `webhooks` sends.

use serde_json::{json, Value};

use crate::endpoints::{Delivery, DeliveryMode};
use crate::state::State;

/// Where a new delivery joins its endpoint's queue.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// At the end: a new event.
    Last,
    /// At the end, the event again: a redelivery asked for.
    Again,
    /// Right after the next later event (a delivery that is not itself a repeat): a `Duplicated`
    /// repeat, stale behind a newer event.
    AfterNext,
}

/// Adds a delivery of event `event_id` to endpoint `endpoint` and queues it at `place`; returns
/// its index, for the caller to start once the lock is released. The caller then calls
/// [`dispatch_all`] (after adding a whole batch, so a shuffle draws among all of it).
pub fn add(state: &mut State, event_id: &str, event_type: &str, endpoint: usize, place: Place) -> usize {
    let index = state.deliveries.len();
    state.deliveries.push(Delivery {
        event_id: event_id.to_owned(),
        event_type: event_type.to_owned(),
        endpoint: state.endpoints[endpoint].url.clone(),
        endpoint_index: endpoint,
        attempts: 0,
        last_status: None,
        last_response: None,
        delivered: false,
        finished: false,
        repeat: place != Place::Last,
    });
    let at = after_next_original(state, endpoint).filter(|_| place == Place::AfterNext);
    let queue = &mut state.endpoints[endpoint].queue;
    match at {
        Some(at) => queue.insert(at, index),
        None => queue.push_back(index),
    }
    index
}

/// The place right after the next delivery of `endpoint`'s queue that is not a repeat (a later
/// event), if there is one.
fn after_next_original(state: &State, endpoint: usize) -> Option<usize> {
    let queue = &state.endpoints[endpoint].queue;
    let next = queue.iter().position(|&index| !state.deliveries[index].repeat)?;
    Some(next + 1)
}

/// Starts the next delivery of every endpoint that has none in flight.
pub fn dispatch_all(state: &mut State) {
    for endpoint in 0..state.endpoints.len() {
        dispatch(state, endpoint);
    }
}

/// The last `count` deliveries queued to `endpoint` are one batch of events (those one request or
/// one submission caused): a `Shuffled` endpoint gets them in an order its seeded generator draws,
/// decided now, so it depends on the seed and the events alone, never on how fast the endpoint
/// answers; a `Duplicated` endpoint gets the repeats it holds (`parked`) after them. Returns
/// the deliveries added, to start.
pub fn batch_queued(state: &mut State, endpoint: usize, count: usize) -> Vec<usize> {
    let mut added = Vec::new();
    let at = &mut state.endpoints[endpoint];
    match at.mode {
        DeliveryMode::Shuffled { .. } => {
            let start = at.queue.len().saturating_sub(count);
            let mut batch: Vec<usize> = at.queue.drain(start..).collect();
            at.rng.shuffle(&mut batch);
            at.queue.extend(batch);
        }
        DeliveryMode::Duplicated if count > 0 => {
            // Right after the first of this batch: after a later event.
            for (event_id, event_type) in std::mem::take(&mut at.parked) {
                added.push(add(state, &event_id, &event_type, endpoint, Place::AfterNext));
            }
        }
        DeliveryMode::InOrder | DeliveryMode::Duplicated => {}
    }
    added
}

/// When nothing is in flight to `endpoint`, takes the next delivery off the front of its queue.
fn dispatch(state: &mut State, endpoint: usize) {
    let endpoint = &mut state.endpoints[endpoint];
    if endpoint.in_flight.is_none() {
        endpoint.in_flight = endpoint.queue.pop_front();
    }
}

/// Whether delivery `index` is the one its endpoint is making now.
pub fn is_turn_of(state: &State, index: usize) -> bool {
    state
        .deliveries
        .get(index)
        .and_then(|delivery| state.endpoints.get(delivery.endpoint_index))
        .is_some_and(|endpoint| endpoint.in_flight == Some(index))
}

/// Delivery `index` is finished (delivered, or given up): the event's `pending_webhooks` is
/// brought up to date, a `Duplicated` endpoint gets the event again after its next one (once:
/// a repeat is not repeated), and the endpoint's next delivery goes. Returns the deliveries
/// added, to start.
pub fn finish(state: &mut State, index: usize) -> Vec<usize> {
    let Some(delivery) = state.deliveries.get_mut(index) else {
        return Vec::new();
    };
    delivery.finished = true;
    let (endpoint, event_id, event_type, repeat) = (
        delivery.endpoint_index,
        delivery.event_id.clone(),
        delivery.event_type.clone(),
        delivery.repeat,
    );
    update_pending(state, &event_id);
    state.endpoints[endpoint].in_flight = None;
    let mut added = Vec::new();
    if !repeat && state.endpoints[endpoint].mode == DeliveryMode::Duplicated {
        if after_next_original(state, endpoint).is_some() {
            added.push(add(state, &event_id, &event_type, endpoint, Place::AfterNext));
        } else {
            // No later event yet: the repeat waits for one (`batch_queued`).
            state.endpoints[endpoint].parked.push((event_id, event_type));
        }
    }
    dispatch(state, endpoint);
    added
}

/// Delivers event `event_id` again to every endpoint it was sent to (Stripe's "resend"), or to
/// the one at `url` among them: returns the deliveries added, or `None` when there is no such
/// event (or it was never sent to `url`).
pub fn redeliver(state: &mut State, event_id: &str, url: Option<&str>) -> Option<Vec<usize>> {
    let event_type = state.events.iter().find(|event| event["id"] == event_id)?["type"]
        .as_str()?
        .to_owned();
    let mut endpoints: Vec<usize> = state
        .deliveries
        .iter()
        .filter(|delivery| delivery.event_id == event_id && !delivery.repeat)
        .map(|delivery| delivery.endpoint_index)
        .filter(|&at| url.is_none_or(|url| state.endpoints[at].url == url))
        .collect();
    endpoints.sort_unstable();
    endpoints.dedup();
    if endpoints.is_empty() {
        return None;
    }
    let added = endpoints
        .into_iter()
        .map(|endpoint| add(state, event_id, &event_type, endpoint, Place::Again))
        .collect();
    dispatch_all(state);
    Some(added)
}

/// `pending_webhooks` of event `event_id`: the endpoints it was sent to that have not yet
/// answered one of its deliveries with 2xx. Stripe counts it down as deliveries succeed.
fn update_pending(state: &mut State, event_id: &str) {
    let mut endpoints: Vec<(usize, bool)> = Vec::new();
    for delivery in state.deliveries.iter().filter(|d| d.event_id == event_id) {
        match endpoints
            .iter_mut()
            .find(|(at, _)| *at == delivery.endpoint_index)
        {
            Some((_, delivered)) => *delivered |= delivery.delivered,
            None => endpoints.push((delivery.endpoint_index, delivery.delivered)),
        }
    }
    let pending = endpoints.iter().filter(|(_, delivered)| !delivered).count();
    if let Some(event) = state
        .events
        .iter_mut()
        .rev()
        .find(|event| event["id"] == event_id)
    {
        event["pending_webhooks"] = json!(pending);
    }
}

/// The event `event_id` as endpoint `endpoint` receives it: stamped with the endpoint's API
/// version, when it has one.
pub fn as_sent_to(state: &State, event: &Value, endpoint: usize) -> Value {
    let mut event = event.clone();
    if let Some(version) = state.endpoints.get(endpoint).and_then(|e| e.api_version.as_ref()) {
        event["api_version"] = json!(version);
    }
    event
}
