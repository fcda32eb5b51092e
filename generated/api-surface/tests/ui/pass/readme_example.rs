//! The README's usage example, kept compiling and correct (update both together).
use stripe_identity::{
    CreateVerificationSession, CreateVerificationSessionType, DocumentOptions, SessionOptionsParam,
    StripeRequest, VerificationSession, VerificationSessionStatus,
};

fn main() -> Result<(), serde_json::Error> {
    // Build a request: required parameters go in `new`, optional ones are chained, nested
    // parameter types too (their fields are public as well).
    let request = CreateVerificationSession::new()
        .type_(CreateVerificationSessionType::Document)
        .options(SessionOptionsParam::default().document(
            DocumentOptions::default().require_matching_selfie(true),
        ))
        .metadata([("order_id", "42")])
        .encode();
    assert_eq!(request.path, "/v1/identity/verification_sessions");
    assert_eq!(
        request.body_string(),
        "metadata[order_id]=42&options[document][require_matching_selfie]=true&type=document"
    );

    // Decode a response: enums are open, optional fields are `Option`.
    let session: VerificationSession = serde_json::from_str(r#"{"id":"vs_1",
        "object":"identity.verification_session","created":1695680526,"livemode":false,
        "metadata":{},"status":"requires_input","type":"document"}"#)?;
    match session.status {
        VerificationSessionStatus::RequiresInput => println!("send the user to the session URL"),
        VerificationSessionStatus::Verified => println!("done"),
        _ => println!("still going"), // enums are #[non_exhaustive]: Stripe adds values
    }
    Ok(())
}
