//! The operations of the Identity API (the six of VerificationSessions, the two of
//! VerificationReports), each on checked parameters: what it does
//! to the state, the JSON it answers with, and the steps (events) it causes. Which operation a
//! request is comes from the spec's table (`api`); an operation of a later spec that the fake has
//! no behaviour for is refused with a clear message rather than answered wrongly.

use serde_json::{Map, Value};
use stripe_identity::VerificationReport;

use crate::error::StripeError;
use crate::session::{self, Record, Step};
use crate::state::State;
use crate::{expand, list};

/// What an operation answers: the JSON and the steps it caused.
pub struct Answer {
    /// The response body.
    pub body: Value,
    /// The session steps, for events.
    pub steps: Vec<Step>,
}

/// What a request acts on.
pub struct Call<'a> {
    /// The builder name of the operation (`CreateVerificationSession`).
    pub operation: &'a str,
    /// The account it acts for.
    pub account: &'a Option<String>,
    /// The path parameters, decoded.
    pub path_params: &'a [String],
    /// The checked parameters.
    pub params: &'a Map<String, Value>,
    /// The request path, for a list's `url`.
    pub path: &'a str,
    /// The fake's clock, now.
    pub now: i64,
    /// The response fields present only when expanded (the spec's table).
    pub includable: &'a [&'static str],
    /// Whether the key is a restricted one, which reads the sensitive results it expands.
    pub restricted_key: bool,
}

/// Runs `call` against `state`.
pub fn run(state: &mut State, call: &Call<'_>) -> Result<Answer, StripeError> {
    let id = call.path_params.first().map(String::as_str).unwrap_or_default();
    let expand = expand::paths(call.params);
    let reader = expand::Reader {
        expand: &expand,
        includable: call.includable,
        restricted_key: call.restricted_key,
    };
    let expanded = |record: &Record| expand::session(record, &reader, "");
    match call.operation {
        "CreateVerificationSession" => {
            let (record, step) = session::create(call.params, &mut state.ids, call.now)?;
            let body = expanded(&record);
            state.insert(call.account, record);
            Ok(Answer {
                body,
                steps: vec![step],
            })
        }
        "RetrieveVerificationSession" => {
            let record = existing(state, call.account, id)?;
            Ok(Answer {
                body: expanded(record),
                steps: Vec::new(),
            })
        }
        "UpdateVerificationSession" => {
            let record = existing(state, call.account, id)?;
            session::update(record, call.params)?;
            Ok(Answer {
                body: expanded(record),
                steps: Vec::new(),
            })
        }
        "CancelVerificationSession" => {
            let record = existing(state, call.account, id)?;
            let steps = session::cancel(record)?;
            Ok(Answer {
                body: expanded(record),
                steps,
            })
        }
        "RedactVerificationSession" => {
            let record = existing(state, call.account, id)?;
            let steps = session::redact(record)?;
            Ok(Answer {
                body: expanded(record),
                steps,
            })
        }
        "ListVerificationSessions" => {
            let all = list::sessions(state.accounts.get(call.account));
            let json = |record: &Record| crate::session::to_json(&record.session);
            let (page, has_more) = list::page(all, json, call.params, "verification session")?;
            let data = page
                .into_iter()
                .map(|record| expand::session(record, &reader, "data."))
                .collect();
            Ok(Answer {
                body: list::list_object(data, has_more, call.path),
                steps: Vec::new(),
            })
        }
        "RetrieveVerificationReport" => {
            let report = state
                .accounts
                .get(call.account)
                .and_then(|store| store.report(id))
                .ok_or_else(|| StripeError::resource_missing("verification report", id, "report"))?;
            Ok(Answer {
                body: expand::report(report, &reader, ""),
                steps: Vec::new(),
            })
        }
        "ListVerificationReports" => {
            let all = list::reports(state.accounts.get(call.account));
            let json = |report: &VerificationReport| serde_json::to_value(report).unwrap_or_default();
            let (page, has_more) = list::page(all, json, call.params, "verification report")?;
            let data = page
                .into_iter()
                .map(|report| expand::report(report, &reader, "data."))
                .collect();
            Ok(Answer {
                body: list::list_object(data, has_more, call.path),
                steps: Vec::new(),
            })
        }
        other => Err(StripeError::invalid_request(format!(
            "The spec has the operation {other}, but this fake has no behaviour for it yet."
        ))),
    }
}

/// The session `id` of `account`, or Stripe's 404.
fn existing<'s>(
    state: &'s mut State,
    account: &Option<String>,
    id: &str,
) -> Result<&'s mut Record, StripeError> {
    state
        .session_mut(account, id)
        .ok_or_else(|| StripeError::resource_missing("verification session", id, "session"))
}
