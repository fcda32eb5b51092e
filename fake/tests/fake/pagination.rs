//! Lists over 250 sessions: newest first, `starting_after` forwards and `ending_before` back,
//! `limit`, `has_more`, every filter of the spec, and the client's `paginate` both ways.

use std::time::Duration;

use futures_util::StreamExt;
use stripe_identity::*;
use stripe_identity_fake::{FakeStripe, Outcome};

use crate::client;

const SESSIONS: usize = 250;

#[tokio::test]
async fn pages_forwards_and_backwards_over_250_sessions() {
    let fake = FakeStripe::start().await;
    let client = client(&fake);
    let mut created = Vec::new();
    for _ in 0..SESSIONS {
        created.push(crate::create(&client).await.id);
    }
    let newest_first: Vec<_> = created.iter().rev().cloned().collect();

    let forwards: Vec<_> = client
        .paginate(ListVerificationSessions::new().limit(100))
        .map(|session| session.expect("a session").id)
        .collect()
        .await;
    assert_eq!(forwards, newest_first);

    // Backwards from the oldest: pages of the next newer ones, each newest first.
    let oldest = created[0].as_str();
    let mut backwards = Vec::new();
    let mut cursor = oldest.to_owned();
    loop {
        let page = client
            .send(
                &ListVerificationSessions::new()
                    .limit(40)
                    .ending_before(cursor.as_str()),
            )
            .await
            .expect("a page");
        assert!(page.data.len() <= 40);
        backwards.splice(0..0, page.data.iter().map(|s| s.id.clone()));
        match page.data.first() {
            Some(first) if page.has_more => cursor = first.id.to_string(),
            _ => break,
        }
    }
    assert_eq!(backwards, newest_first[..SESSIONS - 1].to_vec());

    // The client's paginate walks backwards too when started from ending_before.
    let paged_back: Vec<_> = client
        .paginate(ListVerificationSessions::new().limit(7).ending_before(oldest))
        .map(|session| session.expect("a session").id)
        .collect()
        .await;
    let mut sorted = paged_back.clone();
    sorted.sort_by_key(|id| newest_first.iter().position(|n| n == id));
    assert_eq!(sorted, newest_first[..SESSIONS - 1].to_vec());

    let first = client.send(&ListVerificationSessions::new()).await.unwrap();
    assert_eq!((first.data.len(), first.has_more), (10, true), "10 by default");
    let middle = client
        .send(
            &ListVerificationSessions::new()
                .starting_after(newest_first[9].as_str())
                .limit(5),
        )
        .await
        .unwrap();
    assert_eq!(
        middle.data.iter().map(|s| s.id.clone()).collect::<Vec<_>>(),
        newest_first[10..15].to_vec()
    );
    let last = client
        .send(&ListVerificationSessions::new().starting_after(newest_first[SESSIONS - 2].as_str()))
        .await
        .unwrap();
    assert_eq!((last.data.len(), last.has_more), (1, false));
}

#[tokio::test]
async fn every_filter_of_the_spec() {
    let fake = FakeStripe::start().await;
    let client = client(&fake);
    let early = client
        .send(
            &CreateVerificationSession::new()
                .type_(CreateVerificationSessionType::Document)
                .client_reference_id("ref_a")
                .related_customer("cus_1"),
        )
        .await
        .unwrap();
    fake.advance(Duration::from_secs(100));
    let late = client
        .send(
            &CreateVerificationSession::new()
                .type_(CreateVerificationSessionType::Document)
                .related_customer_account("acct_9"),
        )
        .await
        .unwrap();
    fake.submit(late.id.as_str(), Outcome::Verified).unwrap();
    let ids = |page: List<VerificationSession>| page.data.into_iter().map(|s| s.id).collect::<Vec<_>>();
    let send = |request: ListVerificationSessions| {
        let client = &client;
        async move { ids(client.send(&request).await.expect("listed")) }
    };
    assert_eq!(
        send(ListVerificationSessions::new().created(RangeQuery::Exact(early.created))).await,
        vec![early.id.clone()]
    );
    assert_eq!(
        send(ListVerificationSessions::new().created(RangeQuery::bounds().gt(early.created))).await,
        vec![late.id.clone()]
    );
    assert_eq!(
        send(
            ListVerificationSessions::new()
                .created(RangeQuery::bounds().gte(early.created).lte(late.created))
        )
        .await,
        vec![late.id.clone(), early.id.clone()]
    );
    assert!(
        send(ListVerificationSessions::new().created(RangeQuery::bounds().lt(early.created)))
            .await
            .is_empty()
    );
    assert_eq!(
        send(ListVerificationSessions::new().status(ListVerificationSessionsStatus::Verified)).await,
        vec![late.id.clone()]
    );
    assert_eq!(
        send(ListVerificationSessions::new().status(ListVerificationSessionsStatus::RequiresInput)).await,
        vec![early.id.clone()]
    );
    assert_eq!(
        send(ListVerificationSessions::new().client_reference_id("ref_a")).await,
        vec![early.id.clone()]
    );
    assert_eq!(
        send(ListVerificationSessions::new().related_customer("cus_1")).await,
        vec![early.id.clone()]
    );
    assert_eq!(
        send(ListVerificationSessions::new().related_customer_account("acct_9")).await,
        vec![late.id.clone()]
    );

    let expanded = client
        .send(
            &ListVerificationSessions::new()
                .status(ListVerificationSessionsStatus::Verified)
                .expand(["data.last_verification_report"]),
        )
        .await
        .unwrap();
    assert!(
        expanded.data[0]
            .last_verification_report
            .as_ref()
            .and_then(|r| r.as_object())
            .is_some(),
        "expanded in the list"
    );
}
