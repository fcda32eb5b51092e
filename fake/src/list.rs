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

/// One page of `store`'s sessions, newest first, with `has_more`. (The caller writes them out,
/// with what `expand` asks for.)
pub fn page<'s>(
    store: Option<&'s Store>,
    params: &Map<String, Value>,
) -> Result<(Vec<&'s Record>, bool), StripeError> {
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
    let matching: Vec<&Record> = store
        .map(|store| {
            store
                .order
                .iter()
                .rev()
                .filter_map(|id| store.sessions.get(id))
                .filter(|record| filters_match(&to_json(&record.session), params))
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
    let window: Vec<&Record> = matching
        .into_iter()
        .filter(|record| {
            older_than.is_none_or(|cursor| record.seq < cursor)
                && newer_than.is_none_or(|cursor| record.seq > cursor)
        })
        .collect();
    if newer_than.is_some() {
        // Reading back towards newer objects: the `limit` nearest the cursor, newest first.
        let start = window.len().saturating_sub(limit);
        return Ok((window[start..].to_vec(), start > 0));
    }
    let has_more = window.len() > limit;
    Ok((window.into_iter().take(limit).collect(), has_more))
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
