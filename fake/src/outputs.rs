//! What a verified session reports: the verified outputs and the verification report, filled
//! with the data of Stripe's test person (Jenny Rosen, born 1 January 1901, in San Francisco), the
//! checks the session's type and options asked for, and the email and phone it was given.

use serde_json::{json, Value};
use stripe_identity::{VerificationReport, VerificationSession};

use crate::error::StripeError;
use crate::ids::Ids;

fn address() -> Value {
    json!({
        "city": "San Francisco", "country": "US", "line1": "1234 Main Street", "line2": null,
        "postal_code": "94111", "state": "CA"
    })
}

fn dob() -> Value {
    json!({ "day": 1, "month": 1, "year": 1901 })
}

/// Whether the session checks an ID number (its type, or the document option that asks for one).
fn checks_id_number(session: &VerificationSession) -> bool {
    session.type_.as_str() == "id_number"
        || session
            .options
            .as_ref()
            .and_then(|options| options.document.as_ref())
            .and_then(|document| document.require_id_number)
            == Some(true)
}

/// `verified_outputs` of a session the person verified.
pub fn verified_outputs(session: &VerificationSession) -> Value {
    let provided = session.provided_details.as_ref();
    let id_number = checks_id_number(session);
    json!({
        "address": address(),
        "dob": dob(),
        "email": provided.and_then(|p| p.email.clone()),
        "first_name": "Jenny",
        "id_number": id_number.then_some("000000000"),
        "id_number_type": id_number.then_some("us_ssn"),
        "last_name": "Rosen",
        "phone": provided.and_then(|p| p.phone.clone()),
    })
}

/// The verification report of an attempt: every check the session asked for (the document, or
/// the ID number; a matching selfie; the email and phone when their verification is required),
/// verified; or, when the attempt failed with `failed` (a `last_error` code), the check that code
/// belongs to unverified with that error (a code that is no check's, such as `abandoned` or
/// `consent_declined`, fails the first check, with no code of its own).
pub fn report(
    session: &VerificationSession,
    ids: &mut Ids,
    now: i64,
    failed: Option<&str>,
) -> Result<VerificationReport, StripeError> {
    let document_checked = session.type_.as_str() != "id_number";
    let document_options = session
        .options
        .as_ref()
        .and_then(|options| options.document.as_ref());
    let mut report = json!({
        "id": ids.object("vr"),
        "object": "identity.verification_report",
        "client_reference_id": session.client_reference_id,
        "created": now,
        "livemode": false,
        "options": {},
        "type": session.type_.as_str(),
        "verification_session": session.id.as_ref() as &str,
    });
    if let Some(flow) = &session.verification_flow {
        report["verification_flow"] = json!(flow);
    }
    if document_checked {
        report["options"]["document"] =
            serde_json::to_value(document_options).map_err(StripeError::internal)?;
        if report["options"]["document"].is_null() {
            report["options"]["document"] = json!({});
        }
        report["document"] = json!({
            "address": address(), "dob": dob(), "error": null,
            "expiration_date": { "day": 1, "month": 12, "year": 2030 },
            "files": [ids.object("file"), ids.object("file")],
            "first_name": "Jenny", "issued_date": { "day": 1, "month": 12, "year": 2020 },
            "issuing_country": "US", "last_name": "Rosen", "number": "000000000",
            "status": "verified", "type": "driving_license",
        });
        if document_options.and_then(|document| document.require_matching_selfie) == Some(true) {
            let (document, selfie) = (ids.object("file"), ids.object("file"));
            report["selfie"] =
                json!({ "document": document, "error": null, "selfie": selfie, "status": "verified" });
        }
    }
    if checks_id_number(session) {
        report["id_number"] = json!({
            "dob": dob(), "error": null, "first_name": "Jenny", "id_number": "000000000",
            "id_number_type": "us_ssn", "last_name": "Rosen", "status": "verified",
        });
    }
    let provided = session.provided_details.as_ref();
    let options = session.options.as_ref();
    let required = |asked: Option<bool>| asked == Some(true);
    if required(
        options
            .and_then(|o| o.email.as_ref())
            .and_then(|e| e.require_verification),
    ) {
        let email = provided.and_then(|p| p.email.clone());
        report["email"] = json!({ "email": email, "error": null, "status": "verified" });
    }
    if required(
        options
            .and_then(|o| o.phone.as_ref())
            .and_then(|p| p.require_verification),
    ) {
        let phone = provided.and_then(|p| p.phone.clone());
        report["phone"] = json!({ "phone": phone, "error": null, "status": "verified" });
    }
    if let Some(code) = failed {
        fail_check(&mut report, code);
    }
    serde_json::from_value(report).map_err(StripeError::internal)
}

/// Marks the check `code` belongs to as unverified, with the error: `document_expired` is the
/// document's, `selfie_face_mismatch` the selfie's, and so on by the code's first word (the check
/// is added when the session did not ask for it: the submitted code says it ran). Any other code
/// (`abandoned`, `consent_declined`, `under_supported_age`, …) fails the first check there is,
/// with no code (the checks' error codes do not list it) and the code's reason.
fn fail_check(report: &mut Value, code: &str) {
    let checks = ["document", "id_number", "selfie", "email", "phone"];
    let reason = crate::session::reason(code);
    let (check, error_code) = match checks.iter().find(|check| code.starts_with(&format!("{check}_"))) {
        Some(check) => (*check, json!(code)),
        None => match checks.iter().find(|check| !report[**check].is_null()) {
            Some(check) => (*check, Value::Null),
            None => return,
        },
    };
    if report[check].is_null() {
        report[check] = json!({});
    }
    report[check]["status"] = json!("unverified");
    report[check]["error"] = json!({ "code": error_code, "reason": reason });
}
