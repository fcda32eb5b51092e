//! Events and their webhook deliveries. Every step of a session becomes Stripe's event object
//! (`evt_…`, `api_version`, `created`, `data.object` the session at that moment,
//! `data.previous_attributes`, `livemode`, `pending_webhooks`, `request {id, idempotency_key}`)
//! and is POSTed to each registered endpoint that enables its type, signed as Stripe signs
//! (`Stripe-Signature: t=…,v1=…`, HMAC-SHA256 with the endpoint's `whsec_…` secret at the fake's
//! clock). An answer other than 2xx, or none, is retried with doubling waits, up to a number of
//! attempts and a total time (`endpoints::WebhookRetry`); every attempt is recorded in the
//! `Delivery`. One endpoint gets its deliveries one at a time, in the order of the events.

use std::sync::Arc;
use std::time::Instant;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::Request;
use hyper_util::rt::TokioIo;
use serde_json::{json, Value};
use stripe_identity::{OpenEnum, Webhook, API_VERSION};

use crate::delivery_queue::{self, Place};
use crate::endpoints::{Cause, Delivery};
use crate::session::Step;
use crate::shared::Shared;
use crate::state::State;

/// Records the events of `steps` and their deliveries; returns the deliveries to start (by
/// index), which the caller spawns once the lock is released.
pub fn record(state: &mut State, steps: Vec<Step>, cause: &Cause, now: i64) -> Vec<usize> {
    let mut started = Vec::new();
    // How many deliveries this batch queues to each endpoint, in endpoint order.
    let mut queued: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
    for step in steps {
        let event_type = step.event.wire().to_owned();
        let endpoints: Vec<usize> = (0..state.endpoints.len())
            .filter(|&at| state.endpoints[at].receives(&event_type))
            .collect();
        // An event's object is the session as a request without `expand` reads it, in the object
        // and in what it changed from.
        let mut object = step.object;
        let mut previous = step.previous;
        crate::expand::as_in_an_event(&mut object);
        if let Some(previous) = previous.as_mut() {
            crate::expand::as_in_an_event(previous);
        }
        let mut data = json!({ "object": object });
        if let Some(previous) = previous {
            data["previous_attributes"] = previous;
        }
        let id = state.ids.object("evt");
        let mut event = json!({
            "id": id,
            "object": "event",
            "api_version": API_VERSION,
            "created": now,
            "data": data,
            "livemode": false,
            "pending_webhooks": endpoints.len(),
            "request": { "id": cause.request_id, "idempotency_key": cause.idempotency_key },
            "type": event_type,
        });
        if let Some(account) = &cause.account {
            event["account"] = json!(account);
        }
        state.events.push(event);
        for endpoint in endpoints {
            started.push(delivery_queue::add(
                state,
                &id,
                &event_type,
                endpoint,
                Place::Last,
            ));
            *queued.entry(endpoint).or_insert(0) += 1;
        }
    }
    // Once the whole batch is queued: each endpoint's mode orders it, then deliveries go.
    for (endpoint, count) in queued {
        started.extend(delivery_queue::batch_queued(state, endpoint, count));
    }
    delivery_queue::dispatch_all(state);
    started
}

/// Starts delivering `deliveries` (indexes into the state's) on the fake's runtime (whoever
/// calls: a test may act from a plain thread), then wakes the waiters.
pub fn start(shared: &Arc<Shared>, deliveries: Vec<usize>) {
    if !deliveries.is_empty() {
        let generation = shared.lock().generation;
        for delivery in deliveries {
            shared.runtime.spawn(deliver(
                shared.clone(),
                Task {
                    index: delivery,
                    generation,
                },
            ));
        }
    }
    shared.changed.notify_waiters();
}

/// A delivery being made: its index, in the state of one generation (a reset starts another,
/// whose indexes mean other deliveries: a task of an older one stops).
#[derive(Clone, Copy)]
struct Task {
    index: usize,
    generation: u64,
}

/// Delivers delivery `index` until it is answered with 2xx or the retry policy gives up, or the
/// fake shuts down.
async fn deliver(shared: Arc<Shared>, task: Task) {
    let mut stopping = shared.stopping.clone();
    tokio::select! {
        _ = attempts(shared, task) => {}
        _ = stopping.wait_for(|stopped| *stopped) => {}
    }
}

async fn attempts(shared: Arc<Shared>, task: Task) {
    let index = task.index;
    if !wait_for_turn(&shared, task).await {
        return;
    }
    let first_attempt = Instant::now();
    let retry = shared.webhook_retry;
    let mut wait = retry.first_wait;
    loop {
        let Some((url, secret, body)) = attempt_input(&shared, task) else {
            // Nothing to send (the fake was reset): stop.
            return;
        };
        let signature = Webhook::new(secret).signature_header(&body, shared.clock.now());
        let answer = tokio::time::timeout(retry.attempt_timeout, post(&url, body, &signature))
            .await
            .ok()
            .flatten();
        let status = answer.as_ref().map(|(status, _)| *status);
        let (finished, added) = {
            let mut state = shared.lock();
            if state.generation != task.generation {
                return;
            }
            let delivery = &mut state.deliveries[index];
            delivery.attempts += 1;
            delivery.last_status = status;
            delivery.last_response = answer.map(|(_, text)| text);
            delivery.delivered = status.is_some_and(|status| (200..300).contains(&status));
            let out_of_time = first_attempt.elapsed().saturating_add(wait) > retry.max_total;
            let finished =
                delivery.delivered || delivery.attempts >= retry.max_attempts.max(1) || out_of_time;
            // The endpoint's next delivery may go (and a repeat may join the queue).
            let added = if finished {
                delivery_queue::finish(&mut state, index)
            } else {
                Vec::new()
            };
            (finished, added)
        };
        start(&shared, added);
        if finished {
            return;
        }
        tokio::time::sleep(wait).await;
        wait = wait.saturating_mul(2);
    }
}

/// Waits until delivery `index` is the one its endpoint is making (`delivery_queue`); `false`
/// when the delivery is gone.
async fn wait_for_turn(shared: &Shared, task: Task) -> bool {
    loop {
        let changed = shared.changed.notified();
        tokio::pin!(changed);
        changed.as_mut().enable();
        {
            let state = shared.lock();
            if state.generation != task.generation || state.deliveries.get(task.index).is_none() {
                return false;
            }
            if delivery_queue::is_turn_of(&state, task.index) {
                return true;
            }
        }
        changed.await;
    }
}

/// The endpoint, its secret and the event's body for an attempt of delivery `index`.
fn attempt_input(shared: &Shared, task: Task) -> Option<(String, String, Vec<u8>)> {
    let state = shared.lock();
    if state.generation != task.generation {
        return None;
    }
    let delivery = state.deliveries.get(task.index)?;
    let event = state
        .events
        .iter()
        .rev()
        .find(|event| event["id"] == delivery.event_id.as_str())?;
    let endpoint = state.endpoints.get(delivery.endpoint_index)?;
    let event = delivery_queue::as_sent_to(&state, event, delivery.endpoint_index);
    let body = serde_json::to_vec_pretty(&event).ok()?;
    Some((endpoint.url.clone(), endpoint.secret.clone(), body))
}

/// How much of an endpoint's answer a delivery keeps.
const RESPONSE_PREFIX: usize = 1024;

/// POSTs `body` to `url` (`http://host:port/path`); the answer's status and the start of its
/// body, or `None` when there was no answer.
async fn post(url: &str, body: Vec<u8>, signature: &str) -> Option<(u16, String)> {
    let (authority, path) = split_http_url(url)?;
    let stream = tokio::net::TcpStream::connect(&authority).await.ok()?;
    let _ = stream.set_nodelay(true);
    let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
        .await
        .ok()?;
    tokio::spawn(connection);
    let request = Request::post(path.as_str())
        .header("host", authority.as_str())
        .header("content-type", "application/json; charset=utf-8")
        .header("user-agent", "Stripe/1.0 (+https://stripe.com/docs/webhooks)")
        .header("stripe-signature", signature)
        .body(Full::new(Bytes::from(body)))
        .ok()?;
    let response = sender.send_request(request).await.ok()?;
    let status = response.status().as_u16();
    // Read to the end (the endpoint's server then sees a completed exchange), bounded: an
    // endpoint's answer is not the fake's to hold whole.
    let body = http_body_util::Limited::new(response.into_body(), 64 * 1024)
        .collect()
        .await;
    let text = body.map(|body| {
        let bytes = body.to_bytes();
        String::from_utf8_lossy(&bytes[..bytes.len().min(RESPONSE_PREFIX)]).into_owned()
    });
    Some((status, text.unwrap_or_default()))
}

/// `http://host[:port]/path?query` -> (`host:port`, the port 80 when none is given, and
/// `/path?query`); `None` for any other scheme, user info, a fragment, or anything that is not a
/// URL a request can be sent to.
pub fn split_http_url(url: &str) -> Option<(String, String)> {
    if url.contains('#') {
        return None;
    }
    let uri: hyper::Uri = url.parse().ok()?;
    if uri.scheme_str() != Some("http") {
        return None;
    }
    let authority = uri.authority()?;
    if authority.as_str().contains('@') || authority.host().is_empty() {
        return None;
    }
    let host_port = format!("{}:{}", authority.host(), authority.port_u16().unwrap_or(80));
    let path = uri.path_and_query().map_or("/", |path| path.as_str());
    Some((
        host_port,
        if path.is_empty() {
            "/".to_owned()
        } else {
            path.to_owned()
        },
    ))
}

/// How the deliveries of an event a test waits for ended.
pub enum Finished {
    /// Each finished, and one at least was answered with 2xx (or there were none to make).
    Delivered(Value),
    /// Each was given up: the last one, with the endpoint and its last answer.
    Undelivered(Delivery),
}

/// What a test waits for: event number `after` (from 0) among those `wanted` picks, once each
/// of its deliveries has finished.
pub fn finished_event(state: &State, wanted: impl Fn(&Value) -> bool, after: usize) -> Option<Finished> {
    let event = state.events.iter().filter(|event| wanted(event)).nth(after)?;
    let id = event["id"].as_str()?;
    let deliveries: Vec<&Delivery> = state
        .deliveries
        .iter()
        .filter(|delivery| delivery.event_id == id)
        .collect();
    if !deliveries.iter().all(|delivery| delivery.finished) {
        return None;
    }
    match deliveries.last() {
        Some(last) if !deliveries.iter().any(|delivery| delivery.delivered) => {
            Some(Finished::Undelivered((*last).clone()))
        }
        _ => Some(Finished::Delivered(event.clone())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoint_urls_are_plain_http() {
        let pair = |a: &str, p: &str| Some((a.to_owned(), p.to_owned()));
        assert_eq!(
            split_http_url("http://127.0.0.1:4242/webhook?x=1"),
            pair("127.0.0.1:4242", "/webhook?x=1")
        );
        assert_eq!(split_http_url("http://localhost:1"), pair("localhost:1", "/"));
        assert_eq!(
            split_http_url("http://localhost/hook"),
            pair("localhost:80", "/hook")
        );
        assert_eq!(split_http_url("https://example.com/x"), None);
        assert_eq!(split_http_url("http://user@host/x"), None);
        assert_eq!(split_http_url("http:///x"), None);
        assert_eq!(split_http_url("http://127.0.0.1:1/a b"), None);
        assert_eq!(split_http_url("http://127.0.0.1:1/a#b"), None);
    }
}
