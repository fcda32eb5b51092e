//! List: newest first, with Stripe's cursors (`starting_after` reads on past an object,
//! `ending_before` reads back towards newer ones; both together bound the page on each side), `limit` from 1 to 100 (10 when not given), and
//! the filters the spec gives list: `created` (an exact time, or `gt`/`gte`/`lt`/`lte`) and the
//! fields that equal a value (`status`, `client_reference_id`, `related_customer`, …: each
//! parameter that is also a field of the session, compared with the session's value).

use serde_json::{json, Map, Value};

use crate::error::StripeError;
use crate::session::{to_json, Record};
use crate::state::Store;

/// Parameters that steer the page rather than filter it.
const PAGING: [&str; 4] = ["limit", "starting_after", "ending_before", "expand"];

/// One page of `store`'s sessions, as JSON objects, with `has_more`.
pub fn page(store: Option<&Store>, params: &Map<String, Value>) -> Result<(Vec<Value>, bool), StripeError> {
    let limit = match params.get("limit").and_then(Value::as_i64) {
        None => 10,
        Some(limit @ 1..=100) => limit as usize,
        Some(other) => {
            return Err(StripeError::invalid_request(format!(
                "Invalid limit: {other}; it must be between 1 and 100"
            ))
            .with_param("limit"))
        }
    };
    let starting_after = params.get("starting_after").and_then(Value::as_str);
    let ending_before = params.get("ending_before").and_then(Value::as_str);
    // Newest first, each with its creation order (what the cursors compare).
    let matching: Vec<(u64, Value)> = store
        .map(|store| {
            store
                .order
                .iter()
                .rev()
                .filter_map(|id| store.sessions.get(id))
                .map(|record: &Record| (record.seq, to_json(&record.session)))
                .filter(|(_, session)| filters_match(session, params))
                .collect()
        })
        .unwrap_or_default();
    // A cursor must exist; one the filters leave out still marks a place in the order.
    let cursor_seq = |cursor: &str, param: &str| {
        store
            .and_then(|store| store.sessions.get(cursor))
            .map(|record| record.seq)
            .ok_or_else(|| StripeError::resource_missing("verification session", cursor, param))
    };
    // Both cursors may be given (the spec does not make them exclusive): the page then lies
    // between the two.
    let older_than = starting_after
        .map(|cursor| cursor_seq(cursor, "starting_after"))
        .transpose()?;
    let newer_than = ending_before
        .map(|cursor| cursor_seq(cursor, "ending_before"))
        .transpose()?;
    let window: Vec<&Value> = matching
        .iter()
        .filter(|(seq, _)| {
            older_than.is_none_or(|cursor| *seq < cursor) && newer_than.is_none_or(|cursor| *seq > cursor)
        })
        .map(|(_, session)| session)
        .collect();
    let (page, has_more) = if newer_than.is_some() {
        // Reading back towards newer objects: the `limit` nearest the cursor, newest first.
        let start = window.len().saturating_sub(limit);
        (
            window[start..].iter().map(|session| (*session).clone()).collect(),
            start > 0,
        )
    } else {
        let page: Vec<Value> = window
            .iter()
            .take(limit)
            .map(|session| (*session).clone())
            .collect();
        let has_more = window.len() > page.len();
        (page, has_more)
    };
    Ok((page, has_more))
}

/// A list page's JSON.
pub fn list_object(data: Vec<Value>, has_more: bool, url: &str) -> Value {
    json!({ "object": "list", "data": data, "has_more": has_more, "url": url })
}

/// Whether `session` passes every filter in `params`.
fn filters_match(session: &Value, params: &Map<String, Value>) -> bool {
    params
        .iter()
        .filter(|(name, _)| !PAGING.contains(&name.as_str()))
        .all(|(name, wanted)| {
            let actual = &session[name.as_str()];
            match wanted {
                Value::Object(bounds) => actual.as_i64().is_some_and(|value| in_range(value, bounds)),
                other => actual == other,
            }
        })
}

/// Whether `value` is within `gt`/`gte`/`lt`/`lte`.
fn in_range(value: i64, bounds: &Map<String, Value>) -> bool {
    bounds.iter().all(|(bound, limit)| {
        let Some(limit) = limit.as_i64() else { return false };
        match bound.as_str() {
            "gt" => value > limit,
            "gte" => value >= limit,
            "lt" => value < limit,
            "lte" => value <= limit,
            _ => false,
        }
    })
}
