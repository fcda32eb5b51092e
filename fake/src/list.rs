//! List, of sessions or of reports: newest first, with Stripe's cursors (`starting_after` reads
//! on past an object, `ending_before` reads back towards newer ones; Stripe refuses both at once,
//! `stripe_rules`), `limit` from 1 to 100 (10 when not given), and the filters the spec gives
//! list: `created` (an exact time, or `gt`/`gte`/`lt`/`lte`) and the fields that equal a value
//! (`status`, `client_reference_id`, `verification_session`, `type`, …: each parameter that is
//! also a field of the object, compared with the object's value).

use serde_json::{json, Map, Value};

use crate::error::StripeError;
use stripe_identity::VerificationReport;

use crate::session::Record;
use crate::state::Store;

/// Parameters that steer the page rather than filter it.
const PAGING: [&str; 4] = ["limit", "starting_after", "ending_before", "expand"];

/// One page of `all` (an account's objects of one kind, oldest first, each with its ID), newest
/// first, with `has_more`; `json` is what the filters compare, `what` names the kind in a missing
/// cursor's error (`verification session`). (The caller writes them out, with what `expand`
/// asks for.)
pub fn page<'s, T>(
    all: Vec<(&'s str, &'s T)>,
    json: impl Fn(&T) -> Value,
    params: &Map<String, Value>,
    what: &str,
) -> Result<(Vec<&'s T>, bool), StripeError> {
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
    // A cursor must exist; one the filters leave out still marks a place in the order, which is
    // its place in `all`.
    let cursor_seq = |cursor: &str, param: &str| {
        all.iter()
            .position(|(id, _)| *id == cursor)
            .ok_or_else(|| StripeError::resource_missing(what, cursor, param))
    };
    let older_than = params
        .get("starting_after")
        .and_then(Value::as_str)
        .map(|cursor| cursor_seq(cursor, "starting_after"))
        .transpose()?;
    let newer_than = params
        .get("ending_before")
        .and_then(Value::as_str)
        .map(|cursor| cursor_seq(cursor, "ending_before"))
        .transpose()?;
    // Newest first, within the cursors, passing the filters.
    let window: Vec<&T> = all
        .iter()
        .enumerate()
        .rev()
        .filter(|(seq, _)| {
            older_than.is_none_or(|cursor| *seq < cursor) && newer_than.is_none_or(|cursor| *seq > cursor)
        })
        .filter(|(_, (_, item))| filters_match(&json(item), params))
        .map(|(_, (_, item))| *item)
        .collect();
    if newer_than.is_some() {
        // Reading back towards newer objects: the `limit` nearest the cursor, newest first.
        let start = window.len().saturating_sub(limit);
        return Ok((window[start..].to_vec(), start > 0));
    }
    let has_more = window.len() > limit;
    Ok((window.into_iter().take(limit).collect(), has_more))
}

/// An account's sessions, oldest first, for [`page`].
pub fn sessions(store: Option<&Store>) -> Vec<(&str, &Record)> {
    store.map_or_else(Vec::new, |store| {
        store
            .order
            .iter()
            .filter_map(|id| store.sessions.get(id).map(|record| (id.as_str(), record)))
            .collect()
    })
}

/// An account's reports, oldest first, for [`page`].
pub fn reports(store: Option<&Store>) -> Vec<(&str, &VerificationReport)> {
    store.map_or_else(Vec::new, |store| {
        store
            .reports
            .iter()
            .filter_map(|(id, session)| Some((id.as_str(), store.report_of(session, id)?)))
            .collect()
    })
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
