//! No response body text leaves an error through `Debug` or `Display`: a secret planted in every
//! kind of failing response (an error envelope's extra fields, a body that is not the envelope, a
//! success body that is not JSON, a value of the wrong type) never shows up in `{:?}` or `{}`.

use serde_json::json;
use stripe_identity::*;
use wiremock::matchers::path;
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::client::{client_without_retries, session};
use crate::support::chain;

const SECRET: &str = "vs_secret_PLANTED_in_the_body";

fn assert_hidden(error: &Error, case: &str) {
    for shown in [format!("{error:?}"), chain(error)] {
        assert!(!shown.contains(SECRET), "{case}: {shown}");
        assert!(!shown.contains("PLANTED"), "{case}: {shown}");
    }
    if let Some(api) = error.api_error() {
        let shown = format!("{api:?}");
        assert!(!shown.contains("PLANTED"), "{case}, ApiError: {shown}");
    }
}

async fn error_for(server: &MockServer, id: &str) -> Error {
    client_without_retries(server)
        .send(&RetrieveVerificationSession::new(id))
        .await
        .expect_err(id)
}

#[tokio::test]
async fn a_secret_in_any_failing_body_stays_out_of_debug_and_display() {
    let server = MockServer::start().await;
    let base = "/v1/identity/verification_sessions";
    // Card errors really carry objects such as a PaymentIntent, client_secret included.
    let envelope = json!({"error": {"type": "card_error", "code": "card_declined", "message": "Declined.",
        "payment_intent": {"id": "pi_1", "client_secret": SECRET}, "setup_intent": SECRET}});
    let cases = [
        ("envelope", ResponseTemplate::new(402).set_body_json(envelope)),
        (
            "json_not_envelope",
            ResponseTemplate::new(500).set_body_json(json!({"client_secret": SECRET})),
        ),
        (
            "html",
            ResponseTemplate::new(502).set_body_string(format!("<html>{SECRET}</html>")),
        ),
        (
            "not_json_2xx",
            ResponseTemplate::new(200).set_body_string(format!("{SECRET} is not JSON")),
        ),
        ("wrong_type", {
            let mut body = session("vs_1");
            body["created"] = json!(SECRET);
            ResponseTemplate::new(200).set_body_json(body)
        }),
        ("nested_wrong_type", {
            let mut body = session("vs_1");
            body["verified_outputs"] = json!({"dob": {"day": SECRET, "month": 1, "year": 2000},
                "address": null, "email": null, "first_name": null, "id_number_type": null,
                "last_name": null, "phone": null});
            ResponseTemplate::new(200).set_body_json(body)
        }),
        ("secret_as_a_map_key", {
            // A key is body text too: the decode path shows it as `<key>`.
            let mut body = session("vs_1");
            body["metadata"] = json!({SECRET: 5});
            ResponseTemplate::new(200).set_body_json(body)
        }),
        ("wrong_enum_shape", {
            let mut body = session("vs_1");
            body["status"] = json!({"value": SECRET});
            ResponseTemplate::new(200).set_body_json(body)
        }),
        ("truncated_json", {
            let body = session("vs_1")
                .to_string()
                .replace("vs_secret_must_not_leak", SECRET);
            ResponseTemplate::new(200).set_body_string(body[..body.len() - 2].to_owned())
        }),
    ];
    for (id, response) in cases {
        Mock::given(path(format!("{base}/{id}")))
            .respond_with(response)
            .mount(&server)
            .await;
    }
    let envelope = error_for(&server, "envelope").await;
    let api = envelope.api_error().expect("the envelope decodes");
    assert_eq!(
        api.raw["payment_intent"]["client_secret"], SECRET,
        "kept for the program"
    );
    assert_eq!(
        envelope.to_string(),
        "Stripe Card error (402) [card_declined]: Declined."
    );
    assert_hidden(&envelope, "envelope");
    for id in [
        "json_not_envelope",
        "html",
        "not_json_2xx",
        "wrong_type",
        "nested_wrong_type",
        "wrong_enum_shape",
        "truncated_json",
    ] {
        let error = error_for(&server, id).await;
        assert_hidden(&error, id);
    }
    let wrong_type = error_for(&server, "wrong_type").await;
    let told = chain(&wrong_type);
    assert!(
        told.contains("created") && told.contains("expected i64"),
        "its chain still says where and what: {told}"
    );
}
