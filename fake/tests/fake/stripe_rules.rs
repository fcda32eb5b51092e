//! What Stripe refuses although the spec's schema allows it (the fake's `stripe_rules`), each
//! through the crate's client, in Stripe's envelope, status, `code` and `param`: empty strings,
//! both cursors, metadata limits, long idempotency keys, versions that are not versions, and the
//! sensitive verification results only a restricted key reads.

use std::collections::BTreeMap;

use stripe_identity::*;
use stripe_identity_fake::{FakeStripe, Outcome};

use crate::{client, restricted_client};

/// The refusal `result` must be: status, code, param, and the start of the message.
fn refused<T: std::fmt::Debug>(
    result: Result<T, Error>,
    status: u16,
    code: Option<&str>,
    param: Option<&str>,
    says: &str,
) {
    let error = result.expect_err("Stripe refuses it");
    let api = error
        .api_error()
        .unwrap_or_else(|| panic!("Stripe's envelope: {error:?}"));
    assert_eq!(
        (api.status, api.code.as_deref(), api.param.as_deref()),
        (status, code, param),
        "{api:?}"
    );
    let message = api.message.as_deref().unwrap_or_default();
    assert!(message.contains(says), "{message}");
}

fn document() -> CreateVerificationSession {
    CreateVerificationSession::new().type_(CreateVerificationSessionType::Document)
}

#[tokio::test]
async fn an_empty_string_is_refused_where_a_parameter_cannot_be_unset() {
    let fake = FakeStripe::start().await;
    let client = client(&fake);
    // The unset variable, sent as `related_customer=`.
    for (request, param) in [
        (document().related_customer(""), "related_customer"),
        (document().return_url(""), "return_url"),
        (document().client_reference_id(""), "client_reference_id"),
    ] {
        refused(
            client.send(&request).await,
            400,
            Some("parameter_invalid_empty"),
            Some(param),
            "cannot be unset",
        );
    }
    // Where Stripe unsets with an empty value, it is taken: a metadata key, or all metadata.
    let session = client
        .send(&document().metadata([("keep", "yes"), ("drop", "x")]))
        .await
        .unwrap();
    let updated = client
        .send(&UpdateVerificationSession::new(session.id.as_str()).metadata([("drop", "")]))
        .await
        .unwrap();
    assert_eq!(
        updated.metadata,
        BTreeMap::from([("keep".to_owned(), "yes".to_owned())])
    );
    let cleared = client
        .send(&UpdateVerificationSession::new(session.id.as_str()).clear_metadata())
        .await
        .unwrap();
    assert!(cleared.metadata.is_empty());
}

#[tokio::test]
async fn a_list_is_paged_one_way_at_a_time() {
    let fake = FakeStripe::start().await;
    let client = client(&fake);
    let (first, second) = (crate::create(&client).await, crate::create(&client).await);
    let both = ListVerificationSessions::new()
        .starting_after(first.id.as_str())
        .ending_before(second.id.as_str());
    refused(
        client.send(&both).await,
        400,
        None,
        None,
        "Received both starting_after and ending_before parameters. Please pass in only one.",
    );
}

#[tokio::test]
async fn metadata_holds_50_keys_of_40_characters_and_values_of_500() {
    let fake = FakeStripe::start().await;
    let client = client(&fake);
    let keys = |count: usize| (0..count).map(|at| (format!("key{at}"), "v".to_owned()));
    let fits = client
        .send(&document().metadata(keys(50).chain([("k".repeat(40), "v".repeat(500))]).skip(1)))
        .await
        .expect("50 keys, a 40-character key and a 500-character value fit");
    assert_eq!(fits.metadata.len(), 50);
    let limit = "metadata";
    refused(
        client.send(&document().metadata(keys(51))).await,
        400,
        None,
        Some(limit),
        "you've set 51",
    );
    let long_key = document().metadata([("k".repeat(41), "v")]);
    refused(
        client.send(&long_key).await,
        400,
        None,
        Some(limit),
        "under 40 characters",
    );
    let long_value = document().metadata([("k", "v".repeat(501))]);
    refused(
        client.send(&long_value).await,
        400,
        None,
        Some(limit),
        "under 500 characters",
    );
    let brackets = document().metadata([("a[b]", "v")]);
    refused(
        client.send(&brackets).await,
        400,
        None,
        Some(limit),
        "square brackets",
    );
    // Counted once merged: 50 keys, then one more on update.
    let update = UpdateVerificationSession::new(fits.id.as_str()).metadata([("one_more", "v")]);
    refused(
        client.send(&update).await,
        400,
        None,
        Some(limit),
        "you've set 51",
    );
}

#[tokio::test]
async fn idempotency_keys_are_at_most_255_characters() {
    let fake = FakeStripe::start().await;
    let client = client(&fake);
    let fits = RequestOptions::new().idempotency_key("k".repeat(255));
    client
        .send_with(&document(), &fits)
        .await
        .expect("255 characters fit");
    let long = RequestOptions::new().idempotency_key("k".repeat(256));
    refused(
        client.send_with(&document(), &long).await,
        400,
        None,
        None,
        "Idempotent key length is 256, which is outside accepted lengths",
    );
}

#[tokio::test]
async fn a_stripe_version_that_is_not_a_version_is_refused_not_echoed() {
    let fake = FakeStripe::start().await;
    let client = client(&fake);
    let latest = RequestOptions::new().api_version("latest");
    refused(
        client.send_with(&ListVerificationSessions::new(), &latest).await,
        400,
        None,
        None,
        "Invalid Stripe API version: latest",
    );
    let (_, meta) = client
        .send_with_meta(
            &ListVerificationSessions::new(),
            &RequestOptions::new().api_version("2024-06-20.acacia"),
        )
        .await
        .expect("a version");
    assert_eq!(meta.stripe_version.as_deref(), Some("2024-06-20.acacia"));
}

#[tokio::test]
async fn sensitive_results_are_read_only_by_a_restricted_key_that_expands_them() {
    let fake = FakeStripe::start().await;
    let (secret, restricted) = (client(&fake), restricted_client(&fake));
    let session = secret
        .send(&CreateVerificationSession::new().type_(CreateVerificationSessionType::IdNumber))
        .await
        .unwrap();
    let submitted = fake.submit(session.id.as_str(), Outcome::Verified).unwrap();
    // The person's side answers as a request without `expand` reads the session.
    assert!(submitted.verified_outputs.is_none(), "{submitted:?}");
    let retrieve = || RetrieveVerificationSession::new(session.id.as_str());
    // A path into the report expands the report too.
    let nested = restricted
        .send(&retrieve().expand(["last_verification_report.id_number.id_number"]))
        .await
        .unwrap();
    let report = nested
        .last_verification_report
        .as_ref()
        .and_then(Expandable::as_object)
        .expect("expanded");
    assert_eq!(
        report.id_number.as_ref().and_then(|c| c.id_number.as_deref()),
        Some("000000000")
    );

    // A secret key is refused every sensitive expansion, as Stripe refuses it (403).
    for path in [
        "verified_outputs.dob",
        "verified_outputs.id_number",
        "last_verification_report.id_number.dob",
        "last_verification_report.id_number.id_number",
        "last_verification_report.document.number",
    ] {
        let error = secret.send(&retrieve().expand([path])).await.expect_err(path);
        assert_eq!(error.kind(), ErrorKind::Permission, "{path}: {error:?}");
        assert!(
            error.to_string().contains("restricted API key"),
            "{path}: {error}"
        );
    }
    // Expanding the outputs and the report shows neither the ID number nor the dates of birth.
    let plain = secret
        .send(&retrieve().expand(["verified_outputs", "last_verification_report"]))
        .await
        .unwrap();
    let outputs = plain.verified_outputs.as_ref().expect("outputs");
    assert_eq!(outputs.first_name.as_deref(), Some("Jenny"));
    assert!(
        outputs.dob.is_none() && outputs.id_number.is_none(),
        "{outputs:?}"
    );
    let report = plain
        .last_verification_report
        .as_ref()
        .and_then(Expandable::as_object)
        .expect("report");
    let id_number = report.id_number.as_ref().expect("an id_number check");
    assert!(
        id_number.dob.is_none() && id_number.id_number.is_none(),
        "{id_number:?}"
    );
    // Nor does a restricted key, unexpanded.
    let unexpanded = restricted
        .send(&retrieve().expand(["verified_outputs"]))
        .await
        .unwrap();
    assert!(unexpanded
        .verified_outputs
        .as_ref()
        .is_some_and(|o| o.id_number.is_none()));

    // A restricted key reads what it expands, into the expanded report too.
    let sensitive = restricted
        .send(&retrieve().expand([
            "verified_outputs.dob",
            "verified_outputs.id_number",
            "last_verification_report",
            "last_verification_report.id_number.dob",
            "last_verification_report.id_number.id_number",
        ]))
        .await
        .unwrap();
    let outputs = sensitive.verified_outputs.as_ref().expect("outputs");
    assert_eq!(outputs.dob.as_ref().and_then(|dob| dob.year), Some(1901));
    assert_eq!(outputs.id_number.as_deref(), Some("000000000"));
    let report = sensitive
        .last_verification_report
        .as_ref()
        .and_then(Expandable::as_object)
        .unwrap();
    let id_number = report.id_number.as_ref().unwrap();
    assert_eq!(id_number.dob.as_ref().and_then(|dob| dob.year), Some(1901));
    assert_eq!(id_number.id_number.as_deref(), Some("000000000"));

    // Events never carry them.
    for event in fake.events() {
        let outputs = &event["data"]["object"]["verified_outputs"];
        assert!(outputs.is_null() || outputs["id_number"].is_null(), "{event:#}");
    }
}

#[tokio::test]
async fn a_document_reports_number_and_dates_need_a_restricted_key() {
    let fake = FakeStripe::start().await;
    let session = crate::create(&client(&fake)).await;
    fake.submit(session.id.as_str(), Outcome::Verified).unwrap();
    let retrieve = RetrieveVerificationSession::new(session.id.as_str()).expand([
        "last_verification_report",
        "last_verification_report.document.number",
        "last_verification_report.document.dob",
        "last_verification_report.document.expiration_date",
    ]);
    let error = client(&fake).send(&retrieve).await.expect_err("a secret key");
    assert_eq!(error.kind(), ErrorKind::Permission);
    let read = restricted_client(&fake).send(&retrieve).await.unwrap();
    let report = read
        .last_verification_report
        .as_ref()
        .and_then(Expandable::as_object)
        .unwrap();
    let document = report.document.as_ref().expect("a document check");
    assert_eq!(document.number.as_deref(), Some("000000000"));
    assert!(document.dob.is_some() && document.expiration_date.is_some());
    let plain = client(&fake)
        .send(&RetrieveVerificationSession::new(session.id.as_str()).expand(["last_verification_report"]))
        .await
        .unwrap();
    let report = plain
        .last_verification_report
        .as_ref()
        .and_then(Expandable::as_object)
        .unwrap();
    let document = report.document.as_ref().unwrap();
    assert!(
        document.number.is_none() && document.dob.is_none() && document.expiration_date.is_none(),
        "{document:?}"
    );
    // The document's other results stay readable with a secret key.
    assert_eq!(document.first_name.as_deref(), Some("Jenny"));
    assert!(document.issued_date.is_some());
}
