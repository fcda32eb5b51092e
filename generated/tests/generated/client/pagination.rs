//! `Client::paginate`: following `has_more` page after page.

use futures_util::StreamExt;
use serde_json::{json, Value};
use stripe_identity::*;
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::client::{client, session};

#[tokio::test]
async fn pagination_follows_has_more_across_three_pages_and_stops_when_told() {
    let server = MockServer::start().await;
    let page = |ids: &[&str], has_more: bool| {
        let data: Vec<Value> = ids.iter().map(|id| session(id)).collect();
        ResponseTemplate::new(200).set_body_json(
            json!({"object": "list", "data": data, "has_more": has_more, "url": "/v1/identity/verification_sessions"}),
        )
    };
    let list = || {
        Mock::given(method("GET"))
            .and(path("/v1/identity/verification_sessions"))
            .and(query_param("limit", "2"))
    };
    list()
        .and(query_param_is_missing("starting_after"))
        .respond_with(page(&["vs_1", "vs_2"], true))
        .mount(&server)
        .await;
    list()
        .and(query_param("starting_after", "vs_2"))
        .respond_with(page(&["vs_3", "vs_4"], true))
        .mount(&server)
        .await;
    list()
        .and(query_param("starting_after", "vs_4"))
        .respond_with(page(&["vs_5"], false))
        .mount(&server)
        .await;
    let client = client(&server);
    let request = ListVerificationSessions::new().limit(2);

    let all: Vec<_> = client.paginate(request.clone()).collect().await;
    let ids: Vec<String> = all
        .into_iter()
        .map(|s| s.expect("page").id.into_string())
        .collect();
    assert_eq!(ids, ["vs_1", "vs_2", "vs_3", "vs_4", "vs_5"]);
    assert_eq!(server.received_requests().await.unwrap_or_default().len(), 3);

    server.reset().await;
    list()
        .and(query_param_is_missing("starting_after"))
        .respond_with(page(&["vs_1", "vs_2"], true))
        .mount(&server)
        .await;
    list()
        .and(query_param("starting_after", "vs_2"))
        .respond_with(page(&["vs_3", "vs_4"], true))
        .mount(&server)
        .await;
    let first_three: Vec<_> = client.paginate(request).take(3).collect().await;
    assert_eq!(first_three.len(), 3);
    assert_eq!(
        server.received_requests().await.unwrap_or_default().len(),
        2,
        "no page fetched beyond need"
    );
}

fn page(ids: &[&str], has_more: bool) -> ResponseTemplate {
    let data: Vec<Value> = ids.iter().map(|id| session(id)).collect();
    ResponseTemplate::new(200).set_body_json(
        json!({"object": "list", "data": data, "has_more": has_more, "url": "/v1/identity/verification_sessions"}),
    )
}

fn list_call() -> wiremock::MockBuilder {
    Mock::given(method("GET")).and(path("/v1/identity/verification_sessions"))
}

/// The IDs the stream yields, and how the last item ended (`None` when every item was `Ok`).
async fn drain(
    client: &Client,
    request: ListVerificationSessions,
    at_most: usize,
) -> (Vec<String>, Option<Error>) {
    let items: Vec<_> = client.paginate(request).take(at_most).collect().await;
    let mut ids = Vec::new();
    for item in items {
        match item {
            Ok(session) => ids.push(session.id.into_string()),
            Err(error) => return (ids, Some(error)),
        }
    }
    (ids, None)
}

#[tokio::test]
async fn a_list_started_from_ending_before_pages_backwards_with_one_cursor() {
    let server = MockServer::start().await;
    // Newest first: vs_9 … vs_1. Before vs_5 come vs_7, vs_6; before vs_7 come vs_9, vs_8.
    list_call()
        .and(query_param("ending_before", "vs_5"))
        .and(query_param_is_missing("starting_after"))
        .respond_with(page(&["vs_7", "vs_6"], true))
        .mount(&server)
        .await;
    list_call()
        .and(query_param("ending_before", "vs_7"))
        .and(query_param_is_missing("starting_after"))
        .respond_with(page(&["vs_9", "vs_8"], false))
        .mount(&server)
        .await;
    let request = ListVerificationSessions::new().limit(2).ending_before("vs_5");
    let (ids, error) = drain(&client(&server), request, 10).await;
    assert!(error.is_none(), "{error:?}");
    // As stripe-python's auto_paging_iter: each page reversed, so items walk away from the cursor.
    assert_eq!(ids, ["vs_6", "vs_7", "vs_8", "vs_9"]);
    let received = server.received_requests().await.unwrap_or_default();
    assert_eq!(received.len(), 2);
}

#[tokio::test]
async fn a_list_started_from_starting_after_pages_forwards_with_one_cursor() {
    let server = MockServer::start().await;
    list_call()
        .and(query_param("starting_after", "vs_9"))
        .and(query_param_is_missing("ending_before"))
        .respond_with(page(&["vs_8", "vs_7"], true))
        .mount(&server)
        .await;
    list_call()
        .and(query_param("starting_after", "vs_7"))
        .and(query_param_is_missing("ending_before"))
        .respond_with(page(&["vs_6"], false))
        .mount(&server)
        .await;
    let request = ListVerificationSessions::new().limit(2).starting_after("vs_9");
    let (ids, error) = drain(&client(&server), request, 10).await;
    assert!(error.is_none(), "{error:?}");
    assert_eq!(ids, ["vs_8", "vs_7", "vs_6"]);
}

#[tokio::test]
async fn a_cursor_that_does_not_advance_ends_the_stream_with_an_error() {
    let server = MockServer::start().await;
    // Whatever the cursor, the same page: a client following it naively never stops.
    list_call()
        .respond_with(page(&["vs_1", "vs_2"], true))
        .mount(&server)
        .await;
    let (ids, error) = drain(&client(&server), ListVerificationSessions::new(), 50).await;
    assert_eq!(ids, ["vs_1", "vs_2"], "the repeated page is not yielded again");
    let error = error.expect("the loop is reported");
    assert!(error.to_string().contains("vs_2"), "names the cursor: {error}");
    assert_eq!(server.received_requests().await.unwrap_or_default().len(), 2);

    // Backwards, the cursor is the first ID; the same page again repeats it.
    let (ids, error) = drain(
        &client(&server),
        ListVerificationSessions::new().ending_before("vs_3"),
        50,
    )
    .await;
    assert_eq!(ids, ["vs_2", "vs_1"]);
    assert!(error.is_some(), "the backward loop is reported too");
}

#[tokio::test]
async fn a_page_that_does_not_advance_still_gives_its_new_objects_before_the_error() {
    let server = MockServer::start().await;
    list_call()
        .and(query_param_is_missing("starting_after"))
        .respond_with(page(&["vs_a", "vs_b"], true))
        .mount(&server)
        .await;
    // Page 2 holds a new object, but ends on the cursor already used.
    list_call()
        .and(query_param("starting_after", "vs_b"))
        .respond_with(page(&["vs_c", "vs_b"], true))
        .mount(&server)
        .await;
    let (ids, error) = drain(&client(&server), ListVerificationSessions::new(), 50).await;
    assert_eq!(
        ids,
        ["vs_a", "vs_b", "vs_c"],
        "vs_c is not lost, vs_b not repeated"
    );
    assert!(error
        .expect("then the loop is reported")
        .to_string()
        .contains("vs_b"));
}

#[tokio::test]
async fn an_empty_page_that_claims_more_ends_the_stream_with_an_error() {
    let server = MockServer::start().await;
    list_call()
        .and(query_param_is_missing("starting_after"))
        .respond_with(page(&["vs_1"], true))
        .mount(&server)
        .await;
    list_call()
        .and(query_param("starting_after", "vs_1"))
        .respond_with(page(&[], true))
        .mount(&server)
        .await;
    let (ids, error) = drain(&client(&server), ListVerificationSessions::new(), 50).await;
    assert_eq!(ids, ["vs_1"]);
    let error = error.expect("an empty page with has_more is reported, not taken as the end");
    assert!(error.to_string().contains("empty"), "{error}");
}

#[tokio::test]
async fn a_page_stream_can_move_to_another_task() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"object": "list", "data": [session("vs_1")], "has_more": false, "url": "/v1/identity/verification_sessions"}),
        ))
        .mount(&server)
        .await;
    let client = client(&server);
    // `tokio::spawn` needs the stream (and so its request and items) to be `Send`.
    let ids = tokio::spawn(async move {
        client
            .paginate(ListVerificationSessions::new())
            .map(|session| session.expect("a session").id)
            .collect::<Vec<_>>()
            .await
    })
    .await
    .expect("the task ran");
    assert_eq!(ids, ["vs_1"]);
}
