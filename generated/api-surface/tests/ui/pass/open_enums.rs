//! Statuses are matched with a wildcard arm, and values this version does not know survive a
//! JSON round trip.
use stripe_identity::*;

fn describe(status: &VerificationSessionStatus) -> &'static str {
    match status {
        VerificationSessionStatus::Verified => "done",
        VerificationSessionStatus::RequiresInput => "waiting for the user",
        _ => "something else",
    }
}

fn main() {
    let status: VerificationSessionStatus = serde_json::from_str(r#""verified""#).unwrap();
    assert_eq!(describe(&status), "done");

    let future: VerificationSessionStatus = serde_json::from_str(r#""awaiting_review""#).unwrap();
    assert_eq!(future, VerificationSessionStatus::Unrecognized("awaiting_review".to_owned()));
    assert_eq!(describe(&future), "something else");
    assert_eq!(future.as_str(), "awaiting_review");
    assert_eq!(serde_json::to_string(&future).unwrap(), r#""awaiting_review""#);

    // Inside a whole session too.
    let json = r#"{"id":"vs_1","object":"identity.verification_session","created":1,"livemode":false,
        "metadata":{},"status":"awaiting_review","type":"biometric_flow","redaction":{"status":"purged"}}"#;
    let session: VerificationSession = serde_json::from_str(json).unwrap();
    assert_eq!(session.type_.to_string(), "biometric_flow");
    let back: serde_json::Value = serde_json::to_value(&session).unwrap();
    assert_eq!(back["status"], "awaiting_review");
    assert_eq!(back["redaction"]["status"], "purged");

    // Values that need renames map both ways.
    assert_eq!(GelatoDocumentReportSex::from("[redacted]"), GelatoDocumentReportSex::Redacted);
    assert_eq!(GelatoSessionMatchingOptionsDob::None.as_str(), "none");
    assert_eq!("similar".parse::<GelatoSessionMatchingOptionsDob>(), Ok(GelatoSessionMatchingOptionsDob::Similar));
}
