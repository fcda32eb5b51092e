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

/// What the fake does for an operation of the spec. Chosen by the operation's identity in the
/// spec, its method and path template (`behaviour`), never by its builder's name, which a spec
/// update may change; a test checks that every operation of the generated table has one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Behaviour {
    /// `POST /v1/identity/verification_sessions`.
    CreateSession,
    /// `GET /v1/identity/verification_sessions/{session}`.
    RetrieveSession,
    /// `POST /v1/identity/verification_sessions/{session}`.
    UpdateSession,
    /// `POST /v1/identity/verification_sessions/{session}/cancel`.
    CancelSession,
    /// `POST /v1/identity/verification_sessions/{session}/redact`.
    RedactSession,
    /// `GET /v1/identity/verification_sessions`.
    ListSessions,
    /// `GET /v1/identity/verification_reports/{report}`.
    RetrieveReport,
    /// `GET /v1/identity/verification_reports`.
    ListReports,
}

/// The behaviour of the operation `method` `template` (the spec's path template), if the fake
/// has one.
pub fn behaviour(method: &str, template: &str) -> Option<Behaviour> {
    Some(match (method, template) {
        ("POST", "/v1/identity/verification_sessions") => Behaviour::CreateSession,
        ("GET", "/v1/identity/verification_sessions/{session}") => Behaviour::RetrieveSession,
        ("POST", "/v1/identity/verification_sessions/{session}") => Behaviour::UpdateSession,
        ("POST", "/v1/identity/verification_sessions/{session}/cancel") => Behaviour::CancelSession,
        ("POST", "/v1/identity/verification_sessions/{session}/redact") => Behaviour::RedactSession,
        ("GET", "/v1/identity/verification_sessions") => Behaviour::ListSessions,
        ("GET", "/v1/identity/verification_reports/{report}") => Behaviour::RetrieveReport,
        ("GET", "/v1/identity/verification_reports") => Behaviour::ListReports,
        _ => return None,
    })
}

/// What a request acts on.
pub struct Call<'a> {
    /// The operation: its method and the spec's path template.
    pub operation: (&'a str, &'a str),
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
    let Some(behaviour) = behaviour(call.operation.0, call.operation.1) else {
        return Err(StripeError::invalid_request(format!(
            "The spec has the operation {} {}, but this fake has no behaviour for it yet.",
            call.operation.0, call.operation.1
        )));
    };
    match behaviour {
        Behaviour::CreateSession => {
            let (record, step) = session::create(call.params, &mut state.ids, call.now)?;
            let body = expanded(&record);
            state.insert(call.account, record);
            Ok(Answer {
                body,
                steps: vec![step],
            })
        }
        Behaviour::RetrieveSession => {
            let record = existing(state, call.account, id)?;
            Ok(Answer {
                body: expanded(record),
                steps: Vec::new(),
            })
        }
        Behaviour::UpdateSession => {
            let record = existing(state, call.account, id)?;
            session::update(record, call.params)?;
            Ok(Answer {
                body: expanded(record),
                steps: Vec::new(),
            })
        }
        Behaviour::CancelSession => {
            let record = existing(state, call.account, id)?;
            let steps = session::cancel(record)?;
            Ok(Answer {
                body: expanded(record),
                steps,
            })
        }
        Behaviour::RedactSession => {
            let record = existing(state, call.account, id)?;
            let steps = session::redact(record)?;
            Ok(Answer {
                body: expanded(record),
                steps,
            })
        }
        Behaviour::ListSessions => {
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
        Behaviour::RetrieveReport => {
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
        Behaviour::ListReports => {
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

#[cfg(test)]
mod tests {
    use stripe_identity::validation::OPERATIONS;

    #[test]
    fn every_operation_of_the_spec_has_a_behaviour() {
        // A spec update that adds an operation, or moves one, fails here rather than answering
        // "no behaviour yet" at run time; a builder renamed changes nothing.
        for rules in OPERATIONS {
            assert!(
                super::behaviour(rules.method, rules.path).is_some(),
                "{} {} ({}) has no behaviour",
                rules.method,
                rules.path,
                rules.name
            );
        }
    }
}
