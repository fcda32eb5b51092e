//! The fake's own endpoints, under `/_fake/` so nobody mistakes them for Stripe's: the person's
//! side of a session (`submit`), the end of a redaction, injected failures, the clock, webhook
//! endpoints, and what the fake received and sent. Form posts in, JSON out, errors in Stripe's
//! envelope. The library's `FakeStripe` methods call the same actions.

use std::collections::BTreeMap;
use std::time::Duration;

use serde_json::{json, Value};

use crate::delivery_queue;
use crate::endpoints::{Cause, DeliveryMode, Endpoint, EndpointOptions};
use crate::error::StripeError;
use crate::form::{self, Node};
use crate::reply::{Reply, Response};
use crate::session::{self, Outcome};
use crate::shared::Shared;
use crate::state::Fault;
use crate::webhooks;

/// Answers a `/_fake/…` request; returns the reply and the deliveries to start.
pub fn handle(shared: &Shared, method: &str, path: &str, query: &str, body: &[u8]) -> (Response, Vec<usize>) {
    let mut deliveries = Vec::new();
    let result = form::parse(body)
        .and_then(|mut params| {
            params.extend(form::parse(query.as_bytes())?);
            Ok(params)
        })
        .map_err(|_| StripeError::invalid_request("Invalid request: the form could not be read."))
        .and_then(|params| route(shared, method, path, &params, &mut deliveries));
    let mut reply = Reply::from_result(result);
    reply.header("request-id", shared.lock().ids.request());
    (Response::Reply(reply), deliveries)
}

fn route(
    shared: &Shared,
    method: &str,
    path: &str,
    params: &BTreeMap<String, Node>,
    deliveries: &mut Vec<usize>,
) -> Result<Value, StripeError> {
    let text = |name: &str| match params.get(name) {
        Some(Node::Value(value)) => Some(value.as_str()),
        _ => None,
    };
    let segments: Vec<&str> = path.trim_start_matches("/_fake/").split('/').collect();
    match (method, segments.as_slice()) {
        ("POST", ["identity", "verification_sessions", id, "submit"]) => {
            let outcome = session::outcome(text("outcome").unwrap_or_default(), text("code"))?;
            let (session, started) = submit(shared, id, &outcome)?;
            deliveries.extend(started);
            Ok(session)
        }
        ("POST", ["identity", "verification_sessions", id, "finish_redaction"]) => {
            let (session, started) = finish_redaction(shared, id)?;
            deliveries.extend(started);
            Ok(session)
        }
        ("POST", ["fail_next"]) => {
            let fault = fault(text("status"), text("count"), text("retry_after"), text("drop"))?;
            let queued = json!({ "status": fault.status, "count": fault.count, "retry_after": fault.retry_after, "drop": fault.drop });
            shared.lock().faults.push_back(fault);
            Ok(queued)
        }
        ("POST", ["reset"]) => {
            shared.lock().reset();
            Ok(json!({ "reset": true }))
        }
        ("POST", ["clear_faults"]) => {
            shared.lock().faults.clear();
            Ok(json!({ "cleared": true }))
        }
        ("POST", ["advance"]) => {
            let seconds = number(text("seconds"), "seconds")?;
            shared.clock.advance(Duration::from_secs(seconds));
            Ok(json!({ "now": shared.clock.now() }))
        }
        ("POST", ["webhook_endpoints"]) => {
            let enabled = match params.get("enabled_events") {
                Some(Node::Children(items)) => Some(
                    items
                        .values()
                        .filter_map(|item| match item {
                            Node::Value(value) => Some(value.clone()),
                            Node::Children(_) => None,
                        })
                        .collect(),
                ),
                _ => None,
            };
            let options = EndpointOptions {
                enabled_events: enabled,
                api_version: text("api_version").map(str::to_owned),
                delivery: delivery_mode(text("delivery"), text("seed"))?,
            };
            let endpoint = endpoint(text("url"), text("secret"), options, shared.delivery_mode)?;
            let answer = json!({
                "url": endpoint.url,
                "api_version": endpoint.api_version,
                "delivery": delivery_name(endpoint.mode),
            });
            shared.lock().endpoints.push(endpoint);
            Ok(answer)
        }
        ("POST", ["events", id, "redeliver"]) => {
            let started = delivery_queue::redeliver(&mut shared.lock(), id, text("endpoint"))
                .ok_or_else(|| StripeError::resource_missing("event", id, "id"))?;
            let count = started.len();
            deliveries.extend(started);
            Ok(json!({ "id": id, "deliveries": count }))
        }
        ("GET", ["requests"]) => Ok(json!(shared.lock().requests)),
        ("GET", ["deliveries"]) => Ok(json!(shared.lock().deliveries)),
        ("GET", ["events"]) => Ok(json!(shared.lock().events)),
        _ => Err(StripeError::unrecognized_url(method, path)),
    }
}

/// The person's submission on session `id`.
pub fn submit(shared: &Shared, id: &str, outcome: &Outcome) -> Result<(Value, Vec<usize>), StripeError> {
    let now = shared.clock.now();
    let mut state = shared.lock();
    let state = &mut *state;
    let account = state.owner.get(id).cloned().ok_or_else(|| not_found(id))?;
    let record = state
        .accounts
        .get_mut(&account)
        .and_then(|store| store.sessions.get_mut(id))
        .ok_or_else(|| not_found(id))?;
    let reports_before = record.reports.len();
    let steps = session::submit(record, outcome, &mut state.ids, now)?;
    let body = crate::expand::unexpanded(&record.session);
    let added: Vec<String> = record.reports[reports_before..]
        .iter()
        .map(|report| report.id.to_string())
        .collect();
    if let Some(store) = state.accounts.get_mut(&account) {
        store
            .reports
            .extend(added.into_iter().map(|report| (report, id.to_owned())));
    }
    let cause = Cause {
        account,
        ..Cause::default()
    };
    Ok((body, webhooks::record(state, steps, &cause, now)))
}

/// Ends the redaction of session `id`.
pub fn finish_redaction(shared: &Shared, id: &str) -> Result<(Value, Vec<usize>), StripeError> {
    let now = shared.clock.now();
    let mut state = shared.lock();
    let (account, record) = state.find_mut(id).ok_or_else(|| not_found(id))?;
    let steps = session::finish_redaction(record)?;
    let body = crate::expand::unexpanded(&record.session);
    let cause = Cause {
        account,
        ..Cause::default()
    };
    Ok((body, webhooks::record(&mut state, steps, &cause, now)))
}

fn not_found(id: &str) -> StripeError {
    StripeError::resource_missing("verification session", id, "session")
}

/// A webhook endpoint from its URL (`http://…`), `whsec_…` secret and options; its delivery
/// mode is `default_mode` (the fake's) unless the options name one.
pub fn endpoint(
    url: Option<&str>,
    secret: Option<&str>,
    options: EndpointOptions,
    default_mode: DeliveryMode,
) -> Result<Endpoint, StripeError> {
    let url =
        url.ok_or_else(|| StripeError::invalid_request("Missing required param: url.").with_param("url"))?;
    if webhooks::split_http_url(url).is_none() {
        return Err(StripeError::invalid_request(format!(
            "Invalid url: {url}; the fake delivers to plain http:// URLs (a test's own server)"
        ))
        .with_param("url"));
    }
    let secret = secret.ok_or_else(|| {
        StripeError::invalid_request("Missing required param: secret.").with_param("secret")
    })?;
    if !secret.starts_with("whsec_") || secret.len() <= "whsec_".len() {
        return Err(
            StripeError::invalid_request("Invalid secret: a signing secret starts with whsec_")
                .with_param("secret"),
        );
    }
    if let Some(version) = &options.api_version {
        // Stripe refuses an endpoint on a version that is not one.
        crate::stripe_rules::api_version(version).map_err(|error| error.with_param("api_version"))?;
    }
    let mode = options.delivery.unwrap_or(default_mode);
    let seed = match mode {
        DeliveryMode::Shuffled { seed } => seed,
        DeliveryMode::InOrder | DeliveryMode::Duplicated => 0,
    };
    Ok(Endpoint {
        url: url.to_owned(),
        secret: secret.to_owned(),
        enabled_events: options.enabled_events,
        api_version: options.api_version,
        mode,
        queue: std::collections::VecDeque::new(),
        in_flight: None,
        rng: fastrand::Rng::with_seed(seed),
        parked: Vec::new(),
    })
}

/// A delivery mode from the control endpoint's parameters: `in_order`, `shuffled` (with `seed`,
/// 0 when none), `duplicated`; `None` when not given.
fn delivery_mode(mode: Option<&str>, seed: Option<&str>) -> Result<Option<DeliveryMode>, StripeError> {
    Ok(Some(match mode {
        None => return Ok(None),
        Some("in_order") => DeliveryMode::InOrder,
        Some("duplicated") => DeliveryMode::Duplicated,
        Some("shuffled") => DeliveryMode::Shuffled {
            seed: seed.map_or(Ok(0), |seed| number(Some(seed), "seed"))?,
        },
        Some(other) => {
            return Err(StripeError::invalid_request(format!(
                "Invalid delivery: {other}; use in_order, shuffled or duplicated"
            ))
            .with_param("delivery"))
        }
    }))
}

/// A delivery mode as the control endpoint names it.
fn delivery_name(mode: DeliveryMode) -> &'static str {
    match mode {
        DeliveryMode::InOrder => "in_order",
        DeliveryMode::Shuffled { .. } => "shuffled",
        DeliveryMode::Duplicated => "duplicated",
    }
}

/// A fault from the control endpoint's parameters.
fn fault(
    status: Option<&str>,
    count: Option<&str>,
    retry_after: Option<&str>,
    drop: Option<&str>,
) -> Result<Fault, StripeError> {
    let drop = match drop {
        None | Some("false") => false,
        Some("true") => true,
        Some(other) => {
            return Err(StripeError::invalid_request(format!("Invalid boolean: {other}")).with_param("drop"))
        }
    };
    let status = match status {
        Some(status) => match status.parse::<u16>() {
            Ok(code @ 400..=599) => code,
            _ => {
                return Err(StripeError::invalid_request(format!(
                    "Invalid status: {status}; use an error status, 400 to 599"
                ))
                .with_param("status"))
            }
        },
        None if drop => 0,
        None => {
            return Err(
                StripeError::invalid_request("Missing required param: status (or drop=true).")
                    .with_param("status"),
            )
        }
    };
    let count = match count {
        Some(count) => match u32::try_from(number(Some(count), "count")?) {
            Ok(count @ 1..) => count,
            _ => {
                return Err(StripeError::invalid_request(format!(
                    "Invalid count: {count}; from 1 to {} (POST /_fake/clear_faults forgets queued ones)",
                    u32::MAX
                ))
                .with_param("count"))
            }
        },
        None => 1,
    };
    let retry_after = retry_after
        .map(|seconds| number(Some(seconds), "retry_after"))
        .transpose()?;
    Ok(Fault {
        status,
        count,
        retry_after,
        drop,
    })
}

fn number(text: Option<&str>, param: &str) -> Result<u64, StripeError> {
    let text = text.ok_or_else(|| {
        StripeError::invalid_request(format!("Missing required param: {param}.")).with_param(param)
    })?;
    text.parse::<u64>()
        .map_err(|_| StripeError::invalid_request(format!("Invalid integer: {text}")).with_param(param))
}
