//! Verification reports through the crate: every submission makes one, with the checks the
//! session asked for, verified, or the failed check with the submitted error; retrieved, and
//! listed with the spec's filters; the sensitive results only to a restricted key.

use stripe_identity::*;
use stripe_identity_fake::{FakeStripe, Outcome};

use crate::{client, restricted_client};

async fn session_with(client: &Client, request: CreateVerificationSession) -> VerificationSession {
    client.send(&request).await.expect("created")
}

fn report_id(session: &VerificationSession) -> VerificationReportId {
    let report = session.last_verification_report.as_ref().expect("a report");
    VerificationReportId::from(report.id())
}

#[tokio::test]
async fn a_verified_submission_reports_every_check_asked_for() {
    let fake = FakeStripe::start().await;
    let client = client(&fake);
    let session = session_with(
        &client,
        CreateVerificationSession::new()
            .type_(CreateVerificationSessionType::Document)
            .client_reference_id("user_7")
            .options(
                SessionOptionsParam::default().document(
                    DocumentOptions::default()
                        .require_matching_selfie(true)
                        .require_id_number(true),
                ),
            ),
    )
    .await;
    let verified = fake.submit(session.id.as_str(), Outcome::Verified).unwrap();
    let id = report_id(&verified);
    let report = client
        .send(&RetrieveVerificationReport::new(id.clone()))
        .await
        .unwrap();
    assert_eq!(report.id, id);
    assert_eq!(report.verification_session.as_deref(), Some(session.id.as_str()));
    assert_eq!(report.client_reference_id.as_deref(), Some("user_7"));
    let statuses = (
        report.document.as_ref().map(|c| c.status.as_str()),
        report.selfie.as_ref().map(|c| c.status.as_str()),
        report.id_number.as_ref().map(|c| c.status.as_str()),
    );
    assert_eq!(statuses, (Some("verified"), Some("verified"), Some("verified")));
    // The sensitive results: only expanded, only to a restricted key.
    let document = report.document.as_ref().unwrap();
    assert!(
        document.number.is_none() && document.dob.is_none(),
        "{document:?}"
    );
    let sensitive = RetrieveVerificationReport::new(id.clone()).expand(["document.number", "document.dob"]);
    let error = client.send(&sensitive).await.expect_err("a secret key");
    assert_eq!(error.kind(), ErrorKind::Permission);
    let read = restricted_client(&fake).send(&sensitive).await.unwrap();
    let document = read.document.as_ref().unwrap();
    assert_eq!(document.number.as_deref(), Some("000000000"));
    assert_eq!(document.dob.as_ref().and_then(|dob| dob.year), Some(1901));

    let missing = client
        .send(&RetrieveVerificationReport::new("vr_missing"))
        .await
        .expect_err("no such report");
    let api = missing.api_error().unwrap();
    assert_eq!(
        (api.status, api.code.as_deref(), api.param.as_deref()),
        (404, Some("resource_missing"), Some("report"))
    );
}

#[tokio::test]
async fn a_failed_submission_records_its_report_with_the_failed_check() {
    let fake = FakeStripe::start().await;
    let client = client(&fake);
    let expect = |session: &VerificationSession| {
        session
            .last_verification_report
            .as_ref()
            .map(|report| report.id().to_owned())
    };
    let cases = [
        (
            GelatoSessionLastErrorCode::DocumentExpired,
            "document",
            Some("document_expired"),
        ),
        (
            GelatoSessionLastErrorCode::SelfieFaceMismatch,
            "selfie",
            Some("selfie_face_mismatch"),
        ),
        (GelatoSessionLastErrorCode::Abandoned, "document", None),
        (GelatoSessionLastErrorCode::ConsentDeclined, "document", None),
    ];
    for (code, check, reported) in cases {
        let session = session_with(
            &client,
            CreateVerificationSession::new()
                .type_(CreateVerificationSessionType::Document)
                .options(
                    SessionOptionsParam::default()
                        .document(DocumentOptions::default().require_matching_selfie(true)),
                ),
        )
        .await;
        let failed = fake
            .submit(session.id.as_str(), Outcome::RequiresInput(code.clone()))
            .unwrap();
        assert_eq!(failed.status, VerificationSessionStatus::RequiresInput);
        let id = expect(&failed).expect("the failed attempt has its report");
        let report = client
            .send(&RetrieveVerificationReport::new(id.as_str()))
            .await
            .unwrap();
        let json = serde_json::to_value(&report).unwrap();
        assert_eq!(json[check]["status"], "unverified", "{code:?}: {json:#}");
        assert_eq!(json[check]["error"]["code"].as_str(), reported, "{code:?}");
        assert!(json[check]["error"]["reason"].is_string(), "{code:?}");
        if reported.is_none() {
            // Abandoning or declining consent never passes the document check.
            assert_ne!(json["document"]["status"], "verified", "{code:?}");
        }
    }
}

#[tokio::test]
async fn reports_list_newest_first_with_the_specs_filters() {
    let fake = FakeStripe::start().await;
    let client = client(&fake);
    let document = session_with(
        &client,
        CreateVerificationSession::new()
            .type_(CreateVerificationSessionType::Document)
            .client_reference_id("doc"),
    )
    .await;
    let id_number = session_with(
        &client,
        CreateVerificationSession::new()
            .type_(CreateVerificationSessionType::IdNumber)
            .client_reference_id("idn"),
    )
    .await;
    fake.submit(
        document.id.as_str(),
        Outcome::RequiresInput(GelatoSessionLastErrorCode::DocumentExpired),
    )
    .unwrap();
    fake.submit(document.id.as_str(), Outcome::Verified).unwrap();
    fake.submit(id_number.id.as_str(), Outcome::Verified).unwrap();

    let all = client.send(&ListVerificationReports::new()).await.unwrap();
    assert_eq!(all.data.len(), 3);
    assert_eq!(all.url, "/v1/identity/verification_reports");
    let sessions: Vec<Option<&str>> = all
        .data
        .iter()
        .map(|r| r.verification_session.as_deref())
        .collect();
    assert_eq!(
        sessions,
        [
            Some(id_number.id.as_str()),
            Some(document.id.as_str()),
            Some(document.id.as_str())
        ],
        "newest first"
    );
    let of_session = client
        .send(&ListVerificationReports::new().verification_session(document.id.as_str()))
        .await
        .unwrap();
    assert_eq!(of_session.data.len(), 2);
    let of_type = client
        .send(&ListVerificationReports::new().type_(ListVerificationReportsType::IdNumber))
        .await
        .unwrap();
    assert_eq!(of_type.data.len(), 1);
    assert_eq!(
        of_type.data[0].verification_session.as_deref(),
        Some(id_number.id.as_str())
    );
    let by_reference = client
        .send(&ListVerificationReports::new().client_reference_id("doc"))
        .await
        .unwrap();
    assert_eq!(by_reference.data.len(), 2);
    let created = client
        .send(&ListVerificationReports::new().created(RangeQuery::bounds().gt(fake.now() + 1)))
        .await
        .unwrap();
    assert!(created.data.is_empty());
    // Paging with the client's paginator, one report a page.
    use futures_util::StreamExt;
    let paged: Vec<_> = client
        .paginate(ListVerificationReports::new().limit(1))
        .collect::<Vec<_>>()
        .await;
    assert_eq!(paged.len(), 3);
    assert!(paged.iter().all(Result::is_ok));
}
