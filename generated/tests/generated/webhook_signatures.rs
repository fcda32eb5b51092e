//! Interoperability with Stripe's own webhook code: every case in
//! `fixtures/webhook_signatures.json` (recorded from stripe-python by
//! `tools/webhook-sig/record.sh`: body, header, secret, tolerance, a fixed "now", and the SDK's
//! verdicts) goes through `Webhook::verify` and `Webhook::construct_event::<Event>`, and each
//! verdict must be the SDK's: valid where it is valid, and the error for the same rule where it
//! refuses. The SDK's rule is read from its message; the table below is the whole mapping.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use stripe_identity::{Event, EventPayload, Webhook, WebhookError};

use crate::recorded::{webhook_cases, Verdict, WebhookCase};

/// The rule a refusal names, from the SDK's exception, or from ours.
#[derive(Debug, PartialEq)]
enum Rule {
    NoHeader,
    NoSecret,
    Malformed,
    NoV1,
    NoMatch,
    TooOld,
    NotAnEvent,
}

/// stripe-python's messages (stripe/_webhook.py) and exception classes, to rules.
fn sdk_rule(verdict: &Verdict) -> Rule {
    let message = verdict.message.as_deref().unwrap_or_default();
    match verdict.error.as_deref() {
        Some("SignatureVerificationError") => {
            for (prefix, rule) in [
                ("No Stripe-Signature header value was provided", Rule::NoHeader),
                ("No webhook secret value was provided", Rule::NoSecret),
                (
                    "Unable to extract timestamp and signatures from header",
                    Rule::Malformed,
                ),
                ("No signatures found with expected scheme v1", Rule::NoV1),
                (
                    "No signatures found matching the expected signature",
                    Rule::NoMatch,
                ),
                ("Timestamp outside the tolerance zone", Rule::TooOld),
            ] {
                if message.starts_with(prefix) {
                    return rule;
                }
            }
            panic!("an SDK message this test does not know: {message}")
        }
        // json.loads on the verified body.
        Some("JSONDecodeError") => Rule::NotAnEvent,
        other => panic!("an SDK exception this test does not know: {other:?}: {message}"),
    }
}

fn our_rule(error: &WebhookError) -> Rule {
    match error {
        WebhookError::NoHeader => Rule::NoHeader,
        WebhookError::NoSecret => Rule::NoSecret,
        WebhookError::MalformedHeader(_) => Rule::Malformed,
        WebhookError::NoV1Signature => Rule::NoV1,
        WebhookError::NoMatchingSignature => Rule::NoMatch,
        WebhookError::TimestampTooOld { .. } => Rule::TooOld,
        WebhookError::NotAnEvent { .. } => Rule::NotAnEvent,
        other => panic!("an error this test does not know: {other:?}"),
    }
}

/// The verifier for a case. stripe-python turns the age check off for a tolerance of 0 or None
/// (`if tolerance and …`); here off is only the explicit call, so that is what those cases use.
fn webhook(case: &WebhookCase) -> Webhook {
    let now = UNIX_EPOCH + Duration::from_secs_f64(case.now);
    // stripe-python does not compare API versions (stripe-go does, and so do we by default): the
    // verdicts compared here are the signature's and the body's.
    let webhook = Webhook::new(case.secret.as_str())
        .clock(now)
        .ignore_api_version_mismatch();
    match case.tolerance {
        None | Some(0.0) => webhook.without_timestamp_check(),
        Some(seconds) => webhook.tolerance(Duration::from_secs_f64(seconds)),
    }
}

fn event_type(event: &Event) -> String {
    match &event.payload {
        EventPayload::VerificationSession { type_, .. } => type_.as_str().to_owned(),
        EventPayload::Other { type_, .. } => type_.clone(),
        other => panic!("a payload variant this test does not know: {other:?}"),
    }
}

/// Compares one verdict, returning a line describing a disagreement.
fn disagreement<T>(
    case: &WebhookCase,
    call: &str,
    sdk: &Verdict,
    ours: Result<T, WebhookError>,
    same_value: impl Fn(&T) -> bool,
) -> Option<String> {
    match (&ours, sdk.valid) {
        (Ok(value), true) if same_value(value) => None,
        (Ok(_), true) => Some(format!("{}: {call}: valid, but decoded differently", case.name)),
        (Err(error), false) if our_rule(error) == sdk_rule(sdk) => None,
        (Ok(_), false) => Some(format!(
            "{}: {call}: SDK refuses ({:?}), we accept",
            case.name,
            sdk_rule(sdk)
        )),
        (Err(error), true) => Some(format!("{}: {call}: SDK accepts, we refuse: {error}", case.name)),
        (Err(error), false) => Some(format!(
            "{}: {call}: SDK says {:?}, we say {:?} ({error})",
            case.name,
            sdk_rule(sdk),
            our_rule(error)
        )),
    }
}

#[test]
fn every_verdict_is_stripe_pythons() {
    let cases = webhook_cases();
    assert!(cases.len() >= 60, "the fixture lost cases: {}", cases.len());
    let mut disagreements = Vec::new();
    for case in &cases {
        let webhook = webhook(case);
        let header = case.header.as_deref();
        let verified = webhook.verify(&case.payload, header);
        disagreements.extend(disagreement(
            case,
            "verify",
            &case.verify_header,
            verified,
            |_| true,
        ));
        let constructed = webhook.construct_event::<Event>(&case.payload, header);
        disagreements.extend(disagreement(
            case,
            "construct_event",
            &case.construct_event,
            constructed,
            |event| Some(event_type(event)) == case.construct_event.event_type,
        ));
    }
    assert!(
        disagreements.is_empty(),
        "{} disagreements:\n{}",
        disagreements.len(),
        disagreements.join("\n")
    );
}

#[test]
fn the_fixture_covers_every_rule_and_both_verdicts() {
    let cases = webhook_cases();
    let refusals: Vec<Rule> = cases
        .iter()
        .flat_map(|case| [&case.verify_header, &case.construct_event])
        .filter(|verdict| !verdict.valid)
        .map(sdk_rule)
        .collect();
    for rule in [
        Rule::NoHeader,
        Rule::NoSecret,
        Rule::Malformed,
        Rule::NoV1,
        Rule::NoMatch,
        Rule::TooOld,
        Rule::NotAnEvent,
    ] {
        assert!(refusals.contains(&rule), "no case for {rule:?}");
    }
    assert!(cases.iter().any(|case| case.verify_header.valid));
}

#[test]
fn typed_sessions_and_other_events_decode_from_signed_bodies() {
    let cases = webhook_cases();
    let find = |name: &str| cases.iter().find(|case| case.name == name).expect(name);

    let case = find("valid: requires_input event");
    let event: Event = webhook(case)
        .construct_event(&case.payload, case.header.as_deref())
        .unwrap();
    let EventPayload::VerificationSession { data, .. } = &event.payload else {
        panic!("{event:?}");
    };
    let last_error = data.object.last_error.as_ref().expect("last_error");
    assert_eq!(
        last_error.reason.as_deref(),
        Some("The provided identity document has expired.")
    );

    let case = find("valid: another resource's event");
    let event: Event = webhook(case)
        .construct_event(&case.payload, case.header.as_deref())
        .unwrap();
    let EventPayload::Other { type_, data } = &event.payload else {
        panic!("{event:?}");
    };
    assert_eq!(type_, "customer.created");
    assert_eq!(data.object["email"], "jeanne@example.com");
    assert_eq!(event.account.as_deref(), Some("acct_1Connected"));
}

#[test]
fn a_clock_a_second_apart_changes_only_the_age_verdict() {
    // The fixture's boundary case, moved: what makes it valid is the clock, nothing else.
    let cases = webhook_cases();
    let case = cases.iter().find(|case| case.name == "old: 301 s").expect("case");
    let header = case.header.as_deref();
    let at = |secs: u64| {
        Webhook::new(case.secret.as_str()).clock(SystemTime::UNIX_EPOCH + Duration::from_secs(secs))
    };
    assert!(matches!(
        at(case.now as u64).verify(&case.payload, header),
        Err(WebhookError::TimestampTooOld { .. })
    ));
    assert_eq!(at(case.now as u64 - 1).verify(&case.payload, header), Ok(()));
}

#[test]
fn a_body_that_is_not_an_event_names_the_field() {
    let cases = webhook_cases();
    let webhook = Webhook::new("whsec_x").without_timestamp_check();
    let decode = |from: &str, to: &str| {
        let body = cases[0].payload.replacen(from, to, 1);
        assert_ne!(body, cases[0].payload, "{from}");
        let header = webhook.signature_header(&body, 1);
        match webhook.construct_event::<Event>(&body, Some(&header)) {
            Err(WebhookError::NotAnEvent { path, message }) => (path, message),
            other => panic!("{other:?}"),
        }
    };
    assert_eq!(
        decode("\"pending_webhooks\":1", "\"pending_webhooks\":\"sk_live_x\""),
        (
            "pending_webhooks".to_owned(),
            "invalid type: string, expected i64".to_owned()
        )
    );
    assert_eq!(
        decode("\"created\":1699999400", "\"created\":\"sk_live_x\""),
        (
            "data.object.created".to_owned(),
            "invalid type: string, expected i64".to_owned()
        )
    );
}
