//! A VerificationSession's life, as the spec's operation descriptions tell it: created in
//! `requires_input`; updated only there; canceled only from there (for good); submitted by the
//! person (`processing`, then `verified` with the verified outputs and a report, or back to
//! `requires_input` with `last_error`); redacted from `requires_input` (which cancels it) or
//! `verified`, first `processing` then `redacted` with the person's data replaced and metadata
//! erased. `client_secret` and `url` exist only while the session is `requires_input`. Each step
//! is a `Step`: the event it causes and the fields it changed (`previous_attributes`).

use serde_json::{json, Map, Value};
use stripe_identity::{
    GelatoSessionLastErrorCode, OpenEnum, VerificationReport, VerificationSession,
    VerificationSessionEventType, VerificationSessionStatus,
};

use crate::error::StripeError;
use crate::ids::Ids;
use crate::stripe_rules;

/// A session with the reports of its attempts.
#[derive(Clone, Debug)]
pub struct Record {
    /// The session as Stripe would return it (its report as an ID).
    pub session: VerificationSession,
    /// The report of each submission, oldest first: the last is `last_verification_report`.
    pub reports: Vec<VerificationReport>,
}

/// What happened to a session: the event it causes and the session right after.
#[derive(Clone, Debug)]
pub struct Step {
    /// The event type.
    pub event: VerificationSessionEventType,
    /// The session at that moment, as JSON.
    pub object: Value,
    /// The previous values of the fields that changed (absent for `created`).
    pub previous: Option<Value>,
}

/// What the person did on Stripe's verification page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Verified: the session goes `processing`, then `verified`.
    Verified,
    /// The attempt failed with this `last_error.code` (one of the spec's values): `processing`,
    /// then back to `requires_input`.
    RequiresInput(GelatoSessionLastErrorCode),
    /// Submitted, still being checked: the session stays `processing`.
    Processing,
}

/// A new session from create's checked parameters.
pub fn create(params: &Map<String, Value>, ids: &mut Ids, now: i64) -> Result<(Record, Step), StripeError> {
    // The spec's schema requires neither `type` nor `verification_flow`; its description says one
    // is needed, and Stripe refuses a create with neither (`stripe_rules::type_or_flow`).
    stripe_rules::type_or_flow(params)?;
    let type_ = match params.get("type") {
        Some(type_) => type_.clone(),
        None => json!("verification_flow"),
    };
    let id = ids.object("vs");
    let mut session = json!({
        "id": id,
        "object": "identity.verification_session",
        "client_reference_id": params.get("client_reference_id"),
        "client_secret": ids.client_secret(&id),
        "created": now,
        "last_error": null,
        "last_verification_report": null,
        "livemode": false,
        "metadata": {},
        "options": options(params.get("options")),
        "redaction": null,
        "related_customer": params.get("related_customer"),
        "related_customer_account": params.get("related_customer_account"),
        "status": "requires_input",
        "type": type_,
        "url": ids.verification_url(),
    });
    merge_metadata(&mut session["metadata"], params.get("metadata"));
    stripe_rules::metadata_count(&session["metadata"])?;
    for copied in ["provided_details", "related_person", "verification_flow"] {
        if let Some(value) = params.get(copied) {
            session[copied] = value.clone();
        }
    }
    let session = decode(session)?;
    let object = to_json(&session);
    let step = Step {
        event: VerificationSessionEventType::Created,
        object,
        previous: None,
    };
    Ok((
        Record {
            session,
            reports: Vec::new(),
        },
        step,
    ))
}

/// Update: allowed while `requires_input` and not redacted.
pub fn update(record: &mut Record, params: &Map<String, Value>) -> Result<(), StripeError> {
    let session = &record.session;
    if session.redaction.is_some() {
        return Err(StripeError::invalid_request(format!(
            "The VerificationSession {} has been redacted and can no longer be updated.",
            session.id
        )));
    }
    if session.status != VerificationSessionStatus::RequiresInput {
        return Err(status_rule("updated", session, "requires_input"));
    }
    let mut json = to_json(session);
    if let Some(options) = params.get("options") {
        let mut merged = json["options"].as_object().cloned().unwrap_or_default();
        if let Value::Object(given) = options {
            for (key, value) in given {
                if value == "" {
                    merged.remove(key);
                } else {
                    merged.insert(key.clone(), value.clone());
                }
            }
        } else if options == "" {
            merged.clear();
        }
        json["options"] = Value::Object(merged);
    }
    merge_metadata(&mut json["metadata"], params.get("metadata"));
    stripe_rules::metadata_count(&json["metadata"])?;
    for copied in ["provided_details", "type"] {
        if let Some(value) = params.get(copied) {
            json[copied] = value.clone();
        }
    }
    record.session = decode(json)?;
    Ok(())
}

/// Cancel: only from `requires_input`, and for good.
pub fn cancel(record: &mut Record) -> Result<Vec<Step>, StripeError> {
    if record.session.status != VerificationSessionStatus::RequiresInput {
        return Err(status_rule("canceled", &record.session, "requires_input"));
    }
    Ok(vec![change(
        record,
        VerificationSessionEventType::Canceled,
        |session| {
            session["status"] = json!("canceled");
            hide_redirect(session);
        },
    )?])
}

/// Redact: from `requires_input` (canceling it) or `verified`; the redaction then runs until
/// `finish_redaction`. Asking again while it runs, or after, changes nothing.
pub fn redact(record: &mut Record) -> Result<Vec<Step>, StripeError> {
    if record.session.redaction.is_some() {
        return Ok(Vec::new());
    }
    let mut steps = Vec::new();
    match record.session.status {
        VerificationSessionStatus::RequiresInput => {
            steps.push(change(record, VerificationSessionEventType::Canceled, |session| {
                session["status"] = json!("canceled");
                hide_redirect(session);
                session["redaction"] = json!({ "status": "processing" });
            })?);
        }
        VerificationSessionStatus::Verified => {
            // Starting a redaction sends no event of its own; `redacted` follows when it ends.
            let mut session = to_json(&record.session);
            session["redaction"] = json!({ "status": "processing" });
            record.session = decode(session)?;
        }
        _ => {
            return Err(StripeError::invalid_request(format!(
                "Only a VerificationSession with status requires_input or verified can be redacted; {} has status {}.",
                record.session.id,
                record.session.status.as_str()
            )))
        }
    }
    Ok(steps)
}

/// Ends a running redaction: the person's data replaced by `[redacted]`, the metadata erased.
pub fn finish_redaction(record: &mut Record) -> Result<Vec<Step>, StripeError> {
    let processing = record
        .session
        .redaction
        .as_ref()
        .is_some_and(|redaction| redaction.status.as_str() == "processing");
    if !processing {
        return Err(StripeError::invalid_request(format!(
            "The VerificationSession {} has no redaction in progress (redact it first).",
            record.session.id
        )));
    }
    for report in &mut record.reports {
        let mut json = serde_json::to_value(&*report).map_err(StripeError::internal)?;
        for part in ["document", "id_number", "selfie", "email", "phone"] {
            redact_values(&mut json[part]);
        }
        if !json["client_reference_id"].is_null() {
            json["client_reference_id"] = json!("[redacted]");
        }
        *report = serde_json::from_value(json).map_err(StripeError::internal)?;
    }
    let mut step = change(record, VerificationSessionEventType::Redacted, |session| {
        session["redaction"] = json!({ "status": "redacted" });
        session["metadata"] = json!({});
        redact_values(&mut session["verified_outputs"]);
        redact_values(&mut session["provided_details"]);
        if !session["client_reference_id"].is_null() {
            session["client_reference_id"] = json!("[redacted]");
        }
    })?;
    // The event must not carry what was just erased: of the previous values, only the
    // redaction's own.
    step.previous = Some(json!({ "redaction": { "status": "processing" } }));
    Ok(vec![step])
}

/// The person's submission: from `requires_input` or `processing` (a check still running).
pub fn submit(
    record: &mut Record,
    outcome: &Outcome,
    ids: &mut Ids,
    now: i64,
) -> Result<Vec<Step>, StripeError> {
    let status = &record.session.status;
    if *status != VerificationSessionStatus::RequiresInput && *status != VerificationSessionStatus::Processing
    {
        return Err(StripeError::invalid_request(format!(
            "Only a VerificationSession with status requires_input or processing can be submitted; {} has status {}.",
            record.session.id,
            status.as_str()
        )));
    }
    let mut steps = Vec::new();
    if *status == VerificationSessionStatus::RequiresInput {
        steps.push(change(
            record,
            VerificationSessionEventType::Processing,
            |session| {
                session["status"] = json!("processing");
                session["last_error"] = Value::Null;
                hide_redirect(session);
            },
        )?);
    }
    match outcome {
        Outcome::Processing => {}
        Outcome::Verified => {
            let report = crate::outputs::report(&record.session, ids, now, None)?;
            let report_id = report.id.to_string();
            let outputs = crate::outputs::verified_outputs(&record.session);
            record.reports.push(report);
            steps.push(change(
                record,
                VerificationSessionEventType::Verified,
                |session| {
                    session["status"] = json!("verified");
                    session["verified_outputs"] = outputs;
                    session["last_verification_report"] = json!(report_id);
                },
            )?);
        }
        Outcome::RequiresInput(code) => {
            let code = code.wire().to_owned();
            // The failed attempt has its report: the check that failed, with the error.
            let report = crate::outputs::report(&record.session, ids, now, Some(&code))?;
            let report_id = report.id.to_string();
            record.reports.push(report);
            let secret = ids.client_secret(record.session.id.as_ref());
            let url = ids.verification_url();
            steps.push(change(
                record,
                VerificationSessionEventType::RequiresInput,
                |session| {
                    session["status"] = json!("requires_input");
                    session["last_error"] = json!({ "code": code, "reason": reason(&code) });
                    session["last_verification_report"] = json!(report_id);
                    session["client_secret"] = json!(secret);
                    session["url"] = json!(url);
                },
            )?);
        }
    }
    Ok(steps)
}

/// Reads an outcome as the control endpoint and the library take it.
pub fn outcome(name: &str, code: Option<&str>) -> Result<Outcome, StripeError> {
    match (name, code) {
        ("verified", None) => Ok(Outcome::Verified),
        ("processing", None) => Ok(Outcome::Processing),
        ("requires_input", Some(code)) => GelatoSessionLastErrorCode::known(code).map(Outcome::RequiresInput).ok_or_else(|| {
            StripeError::invalid_request(format!("Invalid code: {code} is not one of the spec's `last_error` codes")).with_param("code")
        }),
        ("requires_input", None) => Err(StripeError::invalid_request(
            "`outcome=requires_input` needs `code`, one of the spec's `last_error` codes (abandoned, consent_declined, document_expired, …)",
        )
        .with_param("code")),
        ("verified" | "processing", Some(_)) => {
            Err(StripeError::invalid_request("`code` goes with `outcome=requires_input` only").with_param("code"))
        }
        (other, _) => Err(StripeError::invalid_request(format!(
            "Invalid outcome: {other}; use verified, requires_input (with code) or processing"
        ))
        .with_param("outcome")),
    }
}

/// Changes the session through its JSON (the model's own shape), returning the step for `event`.
fn change(
    record: &mut Record,
    event: VerificationSessionEventType,
    edit: impl FnOnce(&mut Value),
) -> Result<Step, StripeError> {
    let before = to_json(&record.session);
    let mut after = before.clone();
    edit(&mut after);
    record.session = decode(after)?;
    let object = to_json(&record.session);
    // Every field that changed, with its value before (`null` for one that was absent).
    let empty = Map::new();
    let (old, new) = (
        before.as_object().unwrap_or(&empty),
        object.as_object().unwrap_or(&empty),
    );
    let previous: Map<String, Value> = old
        .keys()
        .chain(new.keys().filter(|key| !old.contains_key(*key)))
        .filter(|key| old.get(*key) != new.get(*key))
        .map(|key| (key.clone(), old.get(key).cloned().unwrap_or(Value::Null)))
        .collect();
    Ok(Step {
        event,
        object,
        previous: Some(Value::Object(previous)),
    })
}

fn status_rule(verb: &str, session: &VerificationSession, allowed: &str) -> StripeError {
    StripeError::invalid_request(format!(
        "A VerificationSession can only be {verb} while its status is {allowed}; {} has status {}.",
        session.id,
        session.status.as_str()
    ))
}

fn hide_redirect(session: &mut Value) {
    session["client_secret"] = Value::Null;
    session["url"] = Value::Null;
}

/// Create's `options`, without options sent empty (which mean "none").
fn options(given: Option<&Value>) -> Value {
    let mut options = Map::new();
    if let Some(Value::Object(given)) = given {
        options.extend(
            given
                .iter()
                .filter(|(_, value)| *value != "")
                .map(|(k, v)| (k.clone(), v.clone())),
        );
    }
    Value::Object(options)
}

/// Stripe's metadata rules: a key sent empty is removed, `metadata` sent empty removes all.
fn merge_metadata(metadata: &mut Value, given: Option<&Value>) {
    match given {
        Some(Value::Object(given)) => {
            if let Value::Object(current) = metadata {
                for (key, value) in given {
                    if value == "" {
                        current.remove(key);
                    } else {
                        current.insert(key.clone(), value.clone());
                    }
                }
            }
        }
        Some(Value::String(empty)) if empty.is_empty() => *metadata = json!({}),
        _ => {}
    }
}

/// Replaces the person's data under `value`: strings by `[redacted]`, dates by 1900-01-01.
fn redact_values(value: &mut Value) {
    match value {
        Value::Object(fields) => {
            for (key, field) in fields.iter_mut() {
                if ["dob", "expiration_date", "issued_date"].contains(&key.as_str()) && field.is_object() {
                    *field = json!({ "day": 1, "month": 1, "year": 1900 });
                } else if ["status", "type", "id_number_type", "issuing_country"].contains(&key.as_str()) {
                    // Kinds and states, not the person's data.
                } else {
                    redact_values(field);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(redact_values),
        Value::String(text) => *text = "[redacted]".to_owned(),
        _ => {}
    }
}

/// A `last_error.reason` for `code`, as a sentence.
pub(crate) fn reason(code: &str) -> String {
    let words = code.replace('_', " ");
    format!("The verification attempt failed: {words} (an outcome submitted to the fake).")
}

pub(crate) fn to_json(session: &VerificationSession) -> Value {
    serde_json::to_value(session).unwrap_or(Value::Null)
}

/// The session JSON read back as the model: a failure is the fake's bug, reported as a 500.
fn decode(json: Value) -> Result<VerificationSession, StripeError> {
    serde_json::from_value(json).map_err(StripeError::internal)
}
