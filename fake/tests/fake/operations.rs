//! Every operation through the crate's client, and every status rule, allowed and refused.

use std::collections::BTreeMap;

use futures_util::StreamExt;
use stripe_identity::*;
use stripe_identity_fake::{FakeStripe, Outcome};

use crate::{client, create};

#[tokio::test]
async fn create_returns_a_realistic_session_that_retrieve_and_list_return_too() {
    let fake = FakeStripe::start().await;
    let client = client(&fake);
    let session = client
        .send(
            &CreateVerificationSession::new()
                .type_(CreateVerificationSessionType::Document)
                .client_reference_id("user_42")
                .metadata([("order", "7")])
                .options(
                    SessionOptionsParam::default().document(
                        DocumentOptions::default()
                            .require_matching_selfie(true)
                            .allowed_types([DocumentOptionsAllowedType::Passport]),
                    ),
                )
                .provided_details(ProvidedDetailsParam::default().email("jenny@example.com"))
                .related_customer("cus_1")
                .expand(["provided_details"]),
        )
        .await
        .expect("created");
    assert!(
        session.id.as_str().starts_with("vs_") && session.id.as_str().len() == 27,
        "{}",
        session.id
    );
    assert_eq!(session.status, VerificationSessionStatus::RequiresInput);
    assert_eq!(session.type_, VerificationSessionType::Document);
    assert!(!session.livemode);
    assert_eq!(session.created, fake.now());
    let secret = session.client_secret.as_ref().expect("a client secret").expose();
    assert!(
        secret.starts_with(&format!("{}_secret_test_", session.id)),
        "{secret}"
    );
    let url = session.url.as_ref().expect("a url").expose();
    assert!(url.starts_with("https://verify.stripe.com/start/test_"), "{url}");
    assert_eq!(session.client_reference_id.as_deref(), Some("user_42"));
    assert_eq!(
        session.metadata,
        BTreeMap::from([("order".to_owned(), "7".to_owned())])
    );
    let document = session
        .options
        .as_ref()
        .and_then(|o| o.document.as_ref())
        .expect("document options");
    assert_eq!(document.require_matching_selfie, Some(true));
    assert_eq!(
        document.allowed_types.as_deref(),
        Some(&[GelatoSessionDocumentOptionsAllowedType::Passport][..])
    );
    assert_eq!(
        session.provided_details.as_ref().and_then(|p| p.email.as_deref()),
        Some("jenny@example.com")
    );
    assert_eq!(session.related_customer.as_deref(), Some("cus_1"));

    let retrieved = client
        .send(&RetrieveVerificationSession::new(session.id.as_str()).expand(["provided_details"]))
        .await
        .expect("retrieved");
    assert_eq!(retrieved, session);
    let listed = client
        .send(&ListVerificationSessions::new().expand(["data.provided_details"]))
        .await
        .expect("listed");
    assert_eq!(listed.data, vec![session.clone()]);
    // An includable field is there only when expanded, as at Stripe.
    let plain = client
        .send(&RetrieveVerificationSession::new(session.id.as_str()))
        .await
        .unwrap();
    assert!(plain.provided_details.is_none());
    assert_eq!(listed.url, "/v1/identity/verification_sessions");
    assert!(!listed.has_more);
}

#[tokio::test]
async fn a_session_needs_a_type_unless_a_flow_sets_its_own() {
    let fake = FakeStripe::start().await;
    // The spec's description: "You must provide a `type` if not passing `verification_flow`".
    let error = client(&fake)
        .send(&CreateVerificationSession::new())
        .await
        .expect_err("neither type nor flow");
    let api = error.api_error().expect("Stripe's envelope");
    assert_eq!(
        (api.status, api.code.as_deref(), api.param.as_deref()),
        (400, Some("parameter_missing"), Some("type"))
    );
    let flow = client(&fake)
        .send(&CreateVerificationSession::new().verification_flow("vf_1"))
        .await
        .expect("a flow needs no type");
    assert_eq!(flow.type_, VerificationSessionType::VerificationFlow);
    assert_eq!(flow.verification_flow.as_deref(), Some("vf_1"));
}

#[tokio::test]
async fn update_merges_metadata_and_replaces_options_while_requires_input() {
    let fake = FakeStripe::start().await;
    let client = client(&fake);
    let session = client
        .send(
            &CreateVerificationSession::new()
                .type_(CreateVerificationSessionType::Document)
                .metadata([("a", "1"), ("b", "2")]),
        )
        .await
        .unwrap();
    let updated = client
        .send(
            &UpdateVerificationSession::new(session.id.as_str())
                .metadata([("a", ""), ("c", "3")])
                .type_(UpdateVerificationSessionType::IdNumber)
                .options(
                    SessionOptionsParam::default()
                        .document(DocumentOptions::default().require_id_number(true)),
                ),
        )
        .await
        .expect("updated");
    assert_eq!(
        updated.metadata,
        BTreeMap::from([("b".into(), "2".into()), ("c".into(), "3".into())])
    );
    assert_eq!(updated.type_, VerificationSessionType::IdNumber);
    assert_eq!(
        updated
            .options
            .as_ref()
            .and_then(|o| o.document.as_ref())
            .and_then(|d| d.require_id_number),
        Some(true)
    );
    let cleared = client
        .send(
            &UpdateVerificationSession::new(session.id.as_str())
                .clear_metadata()
                .options(SessionOptionsParam::default().clear_document()),
        )
        .await
        .expect("cleared");
    assert!(cleared.metadata.is_empty());
    assert_eq!(cleared.options.as_ref().map(|o| o.document.is_none()), Some(true));
}

/// The status a session is in after `steps` (the fake's control side).
async fn session_in(fake: &FakeStripe, status: &str) -> VerificationSession {
    let client = client(fake);
    let session = create(&client).await;
    let id = session.id.as_str();
    match status {
        "requires_input" => {}
        "processing" => {
            fake.submit(id, Outcome::Processing).unwrap();
        }
        "verified" => {
            fake.submit(id, Outcome::Verified).unwrap();
        }
        "canceled" => {
            client.send(&CancelVerificationSession::new(id)).await.unwrap();
        }
        "redacted" => {
            fake.submit(id, Outcome::Verified).unwrap();
            client.send(&RedactVerificationSession::new(id)).await.unwrap();
            fake.finish_redaction(id).unwrap();
        }
        other => panic!("no status {other}"),
    }
    client.send(&RetrieveVerificationSession::new(id)).await.unwrap()
}

fn refused_naming_status(result: Result<VerificationSession, Error>, status: &str) {
    let error = result.expect_err("refused");
    let api = error
        .api_error()
        .unwrap_or_else(|| panic!("an API error: {error}"));
    assert_eq!(
        (api.status, api.error_type.as_str()),
        (400, "invalid_request_error"),
        "{api:?}"
    );
    assert!(
        api.message
            .as_deref()
            .unwrap_or_default()
            .contains(&format!("has status {status}")),
        "{api:?}"
    );
}

#[tokio::test]
async fn update_and_cancel_only_while_requires_input() {
    let fake = FakeStripe::start().await;
    let client = client(&fake);
    for status in ["processing", "verified", "canceled"] {
        let session = session_in(&fake, status).await;
        let id = session.id.as_str();
        refused_naming_status(
            client
                .send(&UpdateVerificationSession::new(id).metadata([("k", "v")]))
                .await,
            status,
        );
        refused_naming_status(client.send(&CancelVerificationSession::new(id)).await, status);
    }
    let session = session_in(&fake, "requires_input").await;
    let canceled = client
        .send(&CancelVerificationSession::new(session.id.as_str()))
        .await
        .expect("canceled");
    assert_eq!(canceled.status, VerificationSessionStatus::Canceled);
    assert!(
        canceled.client_secret.is_none() && canceled.url.is_none(),
        "no redirect once canceled"
    );
    // Irreversible: the person cannot submit a canceled session either.
    assert!(fake.submit(session.id.as_str(), Outcome::Verified).is_err());
}

#[tokio::test]
async fn submit_moves_the_session_through_processing() {
    let fake = FakeStripe::start().await;
    let client = client(&fake);
    let session = session_in(&fake, "verified").await;
    assert_eq!(session.status, VerificationSessionStatus::Verified);
    assert!(session.client_secret.is_none() && session.url.is_none());
    assert!(session.verified_outputs.is_none(), "only when expanded");
    let expand = ["verified_outputs", "verified_outputs.dob"];
    let session = crate::restricted_client(&fake)
        .send(&RetrieveVerificationSession::new(session.id.as_str()).expand(expand))
        .await
        .unwrap();
    let outputs = session.verified_outputs.as_ref().expect("verified outputs");
    assert_eq!(outputs.dob.as_ref().and_then(|dob| dob.year), Some(1901));
    let without_dob = client
        .send(&RetrieveVerificationSession::new(session.id.as_str()).expand(["verified_outputs"]))
        .await
        .unwrap();
    let outputs_only = without_dob.verified_outputs.as_ref();
    assert!(
        outputs_only.is_some_and(|o| o.dob.is_none()),
        "dob needs its own expand"
    );
    assert_eq!(
        (outputs.first_name.as_deref(), outputs.last_name.as_deref()),
        (Some("Jenny"), Some("Rosen"))
    );
    let report_id = session
        .last_verification_report
        .as_ref()
        .expect("a report")
        .id()
        .to_owned();
    assert!(report_id.starts_with("vr_"), "{report_id}");
    let expanded = client
        .send(&RetrieveVerificationSession::new(session.id.as_str()).expand(["last_verification_report"]))
        .await
        .unwrap();
    let report = expanded
        .last_verification_report
        .as_ref()
        .and_then(|r| r.as_object())
        .expect("expanded");
    assert_eq!(report.id.as_str(), report_id);
    assert_eq!(report.verification_session.as_deref(), Some(session.id.as_str()));
    assert_eq!(
        report.document.as_ref().map(|d| d.status.as_str()),
        Some("verified")
    );

    let failed = create(&client).await;
    fake.submit(
        failed.id.as_str(),
        Outcome::RequiresInput(GelatoSessionLastErrorCode::DocumentExpired),
    )
    .unwrap();
    let failed = client
        .send(&RetrieveVerificationSession::new(failed.id.as_str()))
        .await
        .unwrap();
    assert_eq!(failed.status, VerificationSessionStatus::RequiresInput);
    let last_error = failed.last_error.as_ref().expect("last_error");
    assert_eq!(last_error.code, Some(GelatoSessionLastErrorCode::DocumentExpired));
    assert!(
        failed.client_secret.is_some() && failed.url.is_some(),
        "back to requires_input: a new redirect"
    );

    let pending = session_in(&fake, "processing").await;
    assert_eq!(pending.status, VerificationSessionStatus::Processing);
    assert!(pending.client_secret.is_none());
    fake.submit(pending.id.as_str(), Outcome::Verified)
        .expect("a check still processing can finish");
}

#[tokio::test]
async fn redact_from_requires_input_cancels_and_from_verified_keeps_the_status() {
    let fake = FakeStripe::start().await;
    let client = client(&fake);
    let open = session_in(&fake, "requires_input").await;
    let redacted = client
        .send(&RedactVerificationSession::new(open.id.as_str()))
        .await
        .expect("redacted");
    assert_eq!(redacted.status, VerificationSessionStatus::Canceled);
    assert_eq!(
        redacted.redaction.as_ref().map(|r| r.status.as_str()),
        Some("processing")
    );

    let verified = client
        .send(
            &UpdateVerificationSession::new(session_in(&fake, "requires_input").await.id.as_str())
                .metadata([("k", "v")]),
        )
        .await
        .unwrap();
    fake.submit(verified.id.as_str(), Outcome::Verified).unwrap();
    let redacting = client
        .send(&RedactVerificationSession::new(verified.id.as_str()))
        .await
        .expect("redacting");
    assert_eq!(redacting.status, VerificationSessionStatus::Verified);
    assert_eq!(
        redacting.redaction.as_ref().map(|r| r.status.as_str()),
        Some("processing")
    );
    fake.finish_redaction(verified.id.as_str()).expect("finished");
    let expand = [
        "last_verification_report",
        "verified_outputs",
        "verified_outputs.dob",
    ];
    let done = crate::restricted_client(&fake)
        .send(&RetrieveVerificationSession::new(verified.id.as_str()).expand(expand))
        .await
        .unwrap();
    assert_eq!(
        done.redaction.as_ref().map(|r| r.status.as_str()),
        Some("redacted")
    );
    assert!(done.metadata.is_empty(), "metadata erased");
    let outputs = done.verified_outputs.as_ref().unwrap();
    assert_eq!(outputs.first_name.as_deref(), Some("[redacted]"));
    assert_eq!(outputs.dob.as_ref().and_then(|d| d.year), Some(1900));
    let report = done
        .last_verification_report
        .as_ref()
        .and_then(|r| r.as_object())
        .unwrap();
    assert_eq!(
        report.document.as_ref().and_then(|d| d.first_name.as_deref()),
        Some("[redacted]")
    );
    // A redacted session cannot be updated; redacting again changes nothing.
    let error = client
        .send(&UpdateVerificationSession::new(done.id.as_str()).metadata([("k", "v")]))
        .await
        .expect_err("refused");
    assert!(error.to_string().contains("redacted"), "{error}");
    let again = client
        .send(&RedactVerificationSession::new(done.id.as_str()))
        .await
        .expect("idempotent");
    assert_eq!(
        again.redaction.as_ref().map(|r| r.status.as_str()),
        Some("redacted")
    );

    for status in ["processing", "canceled"] {
        let session = session_in(&fake, status).await;
        refused_naming_status(
            client
                .send(&RedactVerificationSession::new(session.id.as_str()))
                .await,
            status,
        );
    }
}

#[tokio::test]
async fn sessions_are_kept_per_stripe_account() {
    let fake = FakeStripe::start().await;
    let platform = client(&fake);
    let connected = stripe_identity::client(crate::KEY)
        .base_url(fake.base_url())
        .stripe_account("acct_1")
        .build()
        .unwrap();
    let mine = create(&connected).await;
    create(&platform).await;
    let error = platform
        .send(&RetrieveVerificationSession::new(mine.id.as_str()))
        .await
        .expect_err("another account's");
    assert_eq!(error.status(), Some(404));
    let listed: Vec<_> = connected
        .paginate(ListVerificationSessions::new())
        .collect()
        .await;
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].as_ref().unwrap().id, mine.id);
}

#[tokio::test]
async fn redaction_reaches_the_report_and_the_reference() {
    let fake = FakeStripe::start().await;
    let client = client(&fake);
    let session = client
        .send(
            &CreateVerificationSession::new()
                .type_(CreateVerificationSessionType::Document)
                .client_reference_id("user_42"),
        )
        .await
        .unwrap();
    let id = session.id.as_str();
    fake.submit(id, Outcome::Verified).unwrap();
    client.send(&RedactVerificationSession::new(id)).await.unwrap();
    fake.finish_redaction(id).unwrap();
    let done = client
        .send(&RetrieveVerificationSession::new(id).expand(["last_verification_report"]))
        .await
        .unwrap();
    assert_eq!(done.client_reference_id.as_deref(), Some("[redacted]"));
    let report = done
        .last_verification_report
        .as_ref()
        .and_then(|r| r.as_object())
        .unwrap();
    assert_eq!(report.client_reference_id.as_deref(), Some("[redacted]"));
}

#[tokio::test]
async fn a_successful_call_reports_its_request_id_status_and_version() {
    let fake = FakeStripe::start().await;
    let client = client(&fake);
    let (session, meta) = client
        .send_with_meta(
            &CreateVerificationSession::new().type_(CreateVerificationSessionType::Document),
            &RequestOptions::new(),
        )
        .await
        .unwrap();
    let received = fake.requests();
    assert_eq!(meta.request_id.as_deref(), Some(received[0].request_id.as_str()));
    assert_eq!(meta.status, 200);
    assert_eq!(meta.stripe_version.as_deref(), Some(stripe_identity::API_VERSION));
    assert!(session.id.as_str().starts_with("vs_"));
    let pinned = RequestOptions::new().api_version("2024-06-20");
    let (_, meta) = client
        .send_with_meta(&RetrieveVerificationSession::new(session.id.as_str()), &pinned)
        .await
        .unwrap();
    assert_eq!(meta.stripe_version.as_deref(), Some("2024-06-20"));
}

#[tokio::test]
async fn a_nested_expansion_brings_its_parent_and_an_empty_one_is_null() {
    let fake = FakeStripe::start().await;
    let client = client(&fake);
    let open = crate::create(&client).await;
    let path = format!(
        "/v1/identity/verification_sessions/{}?expand[0]=verified_outputs",
        open.id
    );
    let raw = crate::raw(&fake, "GET", &path, &[], "").await;
    assert_eq!(
        raw.body["verified_outputs"],
        serde_json::Value::Null,
        "present, null: {:#}",
        raw.body
    );
    assert!(raw.body.as_object().unwrap().contains_key("verified_outputs"));
    fake.submit(open.id.as_str(), Outcome::Verified).unwrap();
    let nested = crate::restricted_client(&fake)
        .send(&RetrieveVerificationSession::new(open.id.as_str()).expand(["verified_outputs.dob"]))
        .await
        .unwrap();
    let outputs = nested.verified_outputs.expect("the parent comes with it");
    assert_eq!(outputs.dob.and_then(|dob| dob.year), Some(1901));
}

#[tokio::test]
async fn only_the_specs_error_codes_can_be_submitted() {
    let fake = FakeStripe::start().await;
    let session = crate::create(&client(&fake)).await;
    let made_up = GelatoSessionLastErrorCode::Unrecognized("not_a_code".to_owned());
    assert!(fake
        .submit(session.id.as_str(), Outcome::RequiresInput(made_up))
        .is_err());
}
