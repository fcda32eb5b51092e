//! Decodes the API reference's example session and a fully populated one, and reads nested fields.
use stripe_identity::*;

const REFERENCE_EXAMPLE: &str = r#"{
  "id": "vs_1NuNAILkdIwHu7ixh7OtGMLw",
  "object": "identity.verification_session",
  "client_secret": "...",
  "created": 1695680526,
  "last_error": null,
  "last_verification_report": null,
  "livemode": false,
  "metadata": {},
  "options": { "document": { "require_matching_selfie": true } },
  "redaction": null,
  "status": "requires_input",
  "type": "document",
  "url": "..."
}"#;

fn main() {
    // The reference example omits fields the spec lists as required-but-nullable
    // (client_reference_id, related_customer, …): they decode as None.
    let session: VerificationSession = serde_json::from_str(REFERENCE_EXAMPLE).unwrap();
    assert_eq!(session.id, "vs_1NuNAILkdIwHu7ixh7OtGMLw");
    assert_eq!(session.object, "identity.verification_session");
    assert_eq!(session.created, 1_695_680_526);
    assert_eq!(session.status, VerificationSessionStatus::RequiresInput);
    assert_eq!(session.type_, VerificationSessionType::Document);
    assert!(!session.livemode && session.metadata.is_empty());
    assert!(session.last_error.is_none() && session.last_verification_report.is_none());
    assert!(session.client_reference_id.is_none() && session.related_customer.is_none());
    let document = session.options.as_ref().and_then(|o| o.document.as_ref()).unwrap();
    assert_eq!(document.require_matching_selfie, Some(true));
    assert_eq!(document.allowed_types, None);

    let full: VerificationSession =
        serde_json::from_str(include_str!("../../../../tests/fixtures/verification_session_full.json")).unwrap();
    assert_eq!(full.last_error.as_ref().and_then(|e| e.code.clone()), Some(GelatoSessionLastErrorCode::DocumentExpired));
    let report = full.last_verification_report.as_ref().unwrap();
    assert_eq!(report.id(), "vr_1QxReport");
    let report = report.as_object().unwrap();
    let doc = report.document.as_ref().unwrap();
    assert_eq!(doc.sex, Some(GelatoDocumentReportSex::Redacted));
    assert_eq!(doc.issued_date.as_ref().unwrap().day, None);
    assert_eq!(doc.address.as_ref().unwrap().line2, None);
    assert_eq!(doc.files.as_deref(), Some(&["file_front".to_owned(), "file_back".to_owned()][..]));
    assert_eq!(report.id_number.as_ref().unwrap().id_number_type, Some(GelatoIdNumberReportIdNumberType::UsSsn));
    assert_eq!(
        report.phone.as_ref().unwrap().error.as_ref().unwrap().code,
        Some(GelatoPhoneReportErrorCode::PhoneVerificationDeclined)
    );
    let options = full.options.as_ref().unwrap();
    assert_eq!(options.matching.as_ref().unwrap().name, Some(GelatoSessionMatchingOptionsName::None));
    assert_eq!(options.email.as_ref().unwrap().require_verification, Some(true));
    assert_eq!(full.redaction.as_ref().unwrap().status, VerificationSessionRedactionStatus::Processing);
    assert_eq!(full.related_person.as_ref().unwrap().person, "person_3");
    let outputs = full.verified_outputs.as_ref().unwrap();
    assert_eq!(outputs.dob.as_ref().unwrap().year, Some(1990));
    assert_eq!(outputs.address.as_ref().unwrap().line2.as_deref(), Some("Apt 3"));
    assert_eq!(full.metadata.get("order").map(String::as_str), Some("42"));

    // Writing it back and reading it again loses nothing.
    let again: VerificationSession = serde_json::from_str(&serde_json::to_string(&full).unwrap()).unwrap();
    assert_eq!(again, full);
}
