//! The README's claim that builders read the JSON parameters Stripe's SDKs take.
use stripe_identity::{StripeRequest, UpdateVerificationSession};

fn main() -> Result<(), serde_json::Error> {
    let request: UpdateVerificationSession =
        serde_json::from_str(r#"{"session": "vs_1", "metadata": {"order": "42"}}"#)?;
    assert_eq!(request.encode().body_string(), "metadata[order]=42");
    assert_eq!(request.encode().path, "/v1/identity/verification_sessions/vs_1");
    // An unknown parameter is an error, not silently dropped.
    assert!(serde_json::from_str::<UpdateVerificationSession>(r#"{"session": "vs_1", "metdata": {}}"#).is_err());
    Ok(())
}
