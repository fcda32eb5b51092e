//! Every request of the committed stripe-python wire fixture (`generated/tests/fixtures/
//! sdk_requests.json`, 57 requests stripe-python 16.1.0 sent), replayed byte for byte against the
//! fake: each is a valid request, so each is accepted. The fixture's IDs (`vs_123`, and the
//! cursors `vs_0`, `vs_9`, `vs_a`, `vs_b`) are replaced by sessions created for the case; the ID
//! that needs escaping must come back as a 404 naming that ID decoded (proof the path was read,
//! not refused).

use serde::Deserialize;
use stripe_identity_fake::FakeStripe;

use crate::raw;

#[derive(Deserialize)]
struct Fixture {
    cases: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    name: String,
    expected: Expected,
}

#[derive(Deserialize)]
struct Expected {
    method: String,
    path: String,
    query: String,
    body: String,
}

#[tokio::test]
async fn every_stripe_python_request_is_accepted() {
    let fixture: Fixture = serde_json::from_str(include_str!(
        "../../../generated/tests/fixtures/sdk_requests.json"
    ))
    .expect("the fixture parses");
    assert_eq!(fixture.cases.len(), 57);
    let fake = FakeStripe::start().await;
    for case in &fixture.cases {
        let (mut path, mut query) = (case.expected.path.clone(), case.expected.query.clone());
        for fixture_id in ["vs_123", "vs_0", "vs_9", "vs_a", "vs_b"] {
            let fresh = raw(
                &fake,
                "POST",
                "/v1/identity/verification_sessions",
                &[],
                "type=document",
            )
            .await;
            let id = fresh.body["id"].as_str().expect("a session");
            path = replace_id(&path, fixture_id, id);
            query = replace_id(&query, fixture_id, id);
        }
        let target = if query.is_empty() {
            path.clone()
        } else {
            format!("{path}?{query}")
        };
        // A restricted key: some cases expand the sensitive results (`verified_outputs.dob`).
        let restricted = [("authorization", "Bearer rk_test_wire")];
        let answer = raw(
            &fake,
            &case.expected.method,
            &target,
            &restricted,
            case.expected.body.clone(),
        )
        .await;
        if case.name == "retrieve: id that needs escaping" {
            assert_eq!(answer.status, 404, "{}: {:#}", case.name, answer.body);
            // stripe-python writes the ID's space as `+` (quote_plus); in a path `+` is a plus, as
            // HTTP reads it, so the ID looked up is `vs+1/x?y#z[0]`, every escape decoded.
            assert_eq!(
                answer.body["error"]["message"],
                "No such verification session: 'vs+1/x?y#z[0]'"
            );
            continue;
        }
        if let Some((param, says)) = refused_by_stripe(&case.name) {
            // The SDK sends whatever it is given; Stripe refuses these, and so does the fake. (The
            // SDK's encoding of them is still checked below, in the request log.)
            assert_eq!(
                (answer.status, answer.body["error"]["param"].as_str()),
                (400, param),
                "{}: {:#}",
                case.name,
                answer.body
            );
            let message = answer.body["error"]["message"].as_str().unwrap_or_default();
            assert!(message.contains(says), "{}: {message}", case.name);
            continue;
        }
        let untyped_create = case.expected.method == "POST"
            && path == "/v1/identity/verification_sessions"
            && !has_param(&case.expected.body, "type")
            && !has_param(&case.expected.body, "verification_flow");
        let answer = if untyped_create {
            // The SDK sends whatever it is given; Stripe refuses a create with neither `type` nor
            // `verification_flow`, and so does the fake. With a type, the rest is accepted.
            assert_eq!(
                (answer.status, answer.body["error"]["param"].as_str()),
                (400, Some("type")),
                "{}: {:#}",
                case.name,
                answer.body
            );
            let typed = match case.expected.body.as_str() {
                "" => "type=document".to_owned(),
                body => format!("{body}&type=document"),
            };
            raw(&fake, "POST", &target, &restricted, typed).await
        } else {
            answer
        };
        assert_eq!(
            answer.status, 200,
            "{}: {} {target} {}\n{:#}",
            case.name, case.expected.method, case.expected.body, answer.body
        );
        let object = answer.body["object"].as_str().unwrap_or_default();
        assert!(
            object == "identity.verification_session" || object == "list",
            "{}: {object}",
            case.name
        );
    }
    // The awkward metadata arrived whole: keys and values exactly as the SDK meant them.
    let awkward = fake
        .requests()
        .into_iter()
        .find(|request| request.params["metadata"]["[brackets]"] == "[v]")
        .expect("the awkward metadata case");
    assert_eq!(awkward.params["metadata"]["with space"], "a b");
    assert_eq!(awkward.params["metadata"]["amp&ersand"], "x&y");
}

/// The recorded cases Stripe refuses by a rule its schema does not state: the parameter named,
/// and what the message says.
fn refused_by_stripe(name: &str) -> Option<(Option<&'static str>, &'static str)> {
    match name {
        // Metadata keys cannot hold square brackets.
        "create: awkward metadata" | "update: awkward metadata" => {
            Some((Some("metadata"), "square brackets"))
        }
        // A list is paged one way at a time.
        "list: every filter" => Some((None, "Received both starting_after and ending_before")),
        _ => None,
    }
}

/// Whether the form `body` sends the top-level parameter `name`.
fn has_param(body: &str, name: &str) -> bool {
    body.split('&').any(|pair| pair.split('=').next() == Some(name))
}

/// `text` with the ID `from` (a whole path segment or parameter value) replaced by `to`.
fn replace_id(text: &str, from: &str, to: &str) -> String {
    text.split_inclusive(['/', '&', '='])
        .map(|part| {
            let (value, separator) = part.split_at(part.trim_end_matches(['/', '&', '=']).len());
            if value == from {
                format!("{to}{separator}")
            } else {
                part.to_owned()
            }
        })
        .collect()
}
