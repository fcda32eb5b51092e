//! Every request in `fixtures/sdk_requests.json`, recorded from Stripe's official Python SDK by
//! `tools/sdk-wire/record.sh`, built again with this crate's builders from the same parameters:
//! method, path, query string and body must match byte for byte.

use serde::de::DeserializeOwned;
use serde_json::Value;
use stripe_identity::*;

use crate::recorded::{sdk_requests, SdkCase, Wire};

/// Reads a builder from the SDK's parameters, with the path parameter added by name.
fn builder<R: StripeRequest + DeserializeOwned>(case: &SdkCase) -> Result<EncodedRequest, String> {
    let mut params = case.params.clone();
    if let (Some(session), Some(map)) = (&case.session, params.as_object_mut()) {
        map.insert("session".to_owned(), Value::String(session.clone()));
    }
    let request: R = serde_json::from_value(params).map_err(|e| format!("parameters do not fit: {e}"))?;
    Ok(request.encode())
}

fn encode(case: &SdkCase) -> Result<Wire, String> {
    let request = match case.operation.as_str() {
        "create" => builder::<CreateVerificationSession>(case)?,
        "list" => builder::<ListVerificationSessions>(case)?,
        "retrieve" => builder::<RetrieveVerificationSession>(case)?,
        "update" => builder::<UpdateVerificationSession>(case)?,
        "cancel" => builder::<CancelVerificationSession>(case)?,
        "redact" => builder::<RedactVerificationSession>(case)?,
        other => return Err(format!("unknown operation {other}")),
    };
    Ok(Wire {
        method: request.method.as_str().to_owned(),
        path: request.path.clone(),
        query: request.query_string(),
        body: request.body_string(),
    })
}

#[test]
fn every_recorded_sdk_request_matches_byte_for_byte() {
    let fixture = sdk_requests();
    assert!(fixture.cases.len() >= 50, "the fixture lost cases");
    let operations: std::collections::BTreeSet<&str> =
        fixture.cases.iter().map(|c| c.operation.as_str()).collect();
    assert_eq!(operations.len(), 6, "every operation is covered: {operations:?}");

    let mut failures = Vec::new();
    for case in &fixture.cases {
        match encode(case) {
            Ok(wire) if wire == case.expected => {}
            Ok(wire) => failures.push(format!(
                "{}:\n  sdk:  {:?}\n  ours: {:?}",
                case.name, case.expected, wire
            )),
            Err(error) => failures.push(format!("{}: {error}", case.name)),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases differ from {}:\n{}",
        failures.len(),
        fixture.cases.len(),
        fixture.sdk,
        failures.join("\n")
    );
}

/// The typed way to clear all metadata sends what stripe-python sends for `metadata=""`; an empty
/// map still sends nothing, as the SDK does for `{}`.
#[test]
fn clearing_all_metadata_matches_the_sdk() {
    let fixture = sdk_requests();
    let recorded = |name: &str| {
        let case = fixture.cases.iter().find(|c| c.name == name);
        case.unwrap_or_else(|| panic!("the fixture lacks `{name}`"))
            .expected
            .clone()
    };
    let wire = |request: EncodedRequest| Wire {
        method: request.method.as_str().to_owned(),
        path: request.path.clone(),
        query: request.query_string(),
        body: request.body_string(),
    };
    let update = UpdateVerificationSession::new("vs_123").clear_metadata().encode();
    assert_eq!(wire(update), recorded("update: clear all metadata"));
    let create = CreateVerificationSession::new().clear_metadata().encode();
    assert_eq!(wire(create), recorded("create: clear all metadata"));
    let empty = CreateVerificationSession::new()
        .metadata(std::iter::empty::<(String, String)>())
        .encode();
    assert_eq!(wire(empty), recorded("create: empty metadata sends nothing"));
}
