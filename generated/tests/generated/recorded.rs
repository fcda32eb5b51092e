//! The stripe-python recordings in `tests/fixtures/` as the tests read them, declared once: the
//! requests and identifying headers (`sdk_requests.json`, `tools/sdk-wire/record.sh`) and the
//! webhook signature verdicts (`webhook_signatures.json`, `tools/webhook-sig/record.sh`). Each
//! part is compiled with the feature of the tests that read it.

use serde::Deserialize;

/// `sdk_requests.json`.
#[cfg(feature = "requests")]
#[derive(Deserialize)]
pub(crate) struct SdkRequests {
    /// The SDK and version that sent them.
    pub sdk: String,
    pub cases: Vec<SdkCase>,
    #[cfg(feature = "client")]
    pub identifying_headers: Identifying,
}

/// One request: the SDK's call (operation, path parameter, parameters) and what it sent.
#[cfg(feature = "requests")]
#[derive(Deserialize)]
pub(crate) struct SdkCase {
    pub name: String,
    pub operation: String,
    pub session: Option<String>,
    pub params: serde_json::Value,
    pub expected: Wire,
}

/// A request as it goes on the wire.
#[cfg(feature = "requests")]
#[derive(Deserialize, Clone, Debug, PartialEq)]
pub(crate) struct Wire {
    pub method: String,
    pub path: String,
    pub query: String,
    pub body: String,
}

/// The identifying headers stripe-python sent in four situations.
#[cfg(feature = "client")]
#[derive(Deserialize)]
pub(crate) struct Identifying {
    pub first: Headers,
    pub second: Headers,
    pub with_app_info: Headers,
    pub telemetry_off: Headers,
}

#[cfg(feature = "client")]
#[derive(Deserialize)]
pub(crate) struct Headers {
    #[serde(rename = "User-Agent")]
    pub user_agent: String,
    #[serde(rename = "X-Stripe-Client-User-Agent")]
    pub client_user_agent: String,
    #[serde(rename = "X-Stripe-Client-Telemetry")]
    pub telemetry: Option<String>,
}

#[cfg(feature = "requests")]
pub(crate) fn sdk_requests() -> SdkRequests {
    serde_json::from_str(include_str!("../fixtures/sdk_requests.json")).expect("the fixture parses")
}

/// One case of `webhook_signatures.json`: a body, a header, a secret, a tolerance and a fixed
/// "now", with the SDK's verdict on each of its two calls.
#[cfg(feature = "webhook")]
#[derive(Deserialize)]
pub(crate) struct WebhookCase {
    pub name: String,
    pub payload: String,
    pub header: Option<String>,
    pub secret: String,
    pub tolerance: Option<f64>,
    pub now: f64,
    pub verify_header: Verdict,
    pub construct_event: Verdict,
}

/// Valid, or the exception the SDK raised; the event's type when it decoded one.
#[cfg(feature = "webhook")]
#[derive(Deserialize)]
pub(crate) struct Verdict {
    pub valid: bool,
    pub error: Option<String>,
    pub message: Option<String>,
    #[serde(rename = "type")]
    pub event_type: Option<String>,
}

#[cfg(feature = "webhook")]
pub(crate) fn webhook_cases() -> Vec<WebhookCase> {
    #[derive(Deserialize)]
    struct Fixture {
        cases: Vec<WebhookCase>,
    }
    let text = include_str!("../fixtures/webhook_signatures.json");
    serde_json::from_str::<Fixture>(text)
        .expect("the fixture parses")
        .cases
}
