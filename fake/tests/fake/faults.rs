//! Failures injected with `fail_next`, as the client's retry policy sees them: a 500 is retried
//! with the same idempotency key, a 429 only when the client opts in (waiting its Retry-After),
//! a dropped connection is retried, and a 4xx is not.

use std::time::Duration;

use stripe_identity::*;
use stripe_identity_fake::{FakeStripe, Fault};

use crate::{client, raw};

fn fault(status: u16, count: u32) -> Fault {
    Fault {
        status,
        count,
        ..Fault::default()
    }
}

#[test]
fn the_default_fault_is_one_500() {
    let one = Fault::default();
    assert_eq!(
        (one.status, one.count, one.retry_after, one.drop),
        (500, 1, None, false)
    );
}

#[tokio::test]
async fn a_500_is_retried_with_the_same_idempotency_key() {
    let fake = FakeStripe::start().await;
    fake.fail_next(fault(500, 2)).unwrap();
    let session = crate::create(&client(&fake)).await;
    let requests = fake.requests();
    assert_eq!(requests.len(), 3, "two failures, then the create");
    let keys: Vec<_> = requests
        .iter()
        .map(|r| {
            r.headers
                .iter()
                .find(|(name, _)| name == "idempotency-key")
                .map(|(_, v)| v.clone())
        })
        .collect();
    assert!(
        keys[0].is_some() && keys.iter().all(|key| *key == keys[0]),
        "{keys:?}"
    );
    assert_eq!(
        client(&fake)
            .send(&ListVerificationSessions::new())
            .await
            .unwrap()
            .data,
        vec![session]
    );
}

#[tokio::test]
async fn more_failures_than_retries_reach_the_caller_typed() {
    let fake = FakeStripe::start().await;
    fake.fail_next(fault(503, 3)).unwrap();
    let error = client(&fake)
        .send(&ListVerificationSessions::new())
        .await
        .expect_err("three 503s");
    assert_eq!((error.kind(), error.status()), (ErrorKind::Api, Some(503)));
    assert_eq!(fake.requests().len(), 3);
    fake.fail_next(fault(402, 1)).unwrap();
    let error = client(&fake)
        .send(&ListVerificationSessions::new())
        .await
        .expect_err("a 4xx");
    assert_eq!(error.status(), Some(402));
    assert_eq!(fake.requests().len(), 4, "not retried");
}

#[tokio::test]
async fn a_429_is_retried_only_when_the_client_opts_in() {
    let fake = FakeStripe::start().await;
    fake.fail_next(Fault {
        retry_after: Some(0),
        ..fault(429, 1)
    })
    .unwrap();
    let error = client(&fake)
        .send(&ListVerificationSessions::new())
        .await
        .expect_err("not retried by default");
    assert_eq!(error.kind(), ErrorKind::RateLimit);
    fake.fail_next(Fault {
        retry_after: Some(0),
        ..fault(429, 1)
    })
    .unwrap();
    let patient = stripe_identity::client(crate::KEY)
        .base_url(fake.base_url())
        .retry_rate_limited(Duration::from_secs(1))
        .build()
        .unwrap();
    patient
        .send(&ListVerificationSessions::new())
        .await
        .expect("waited and retried");
    let answer = {
        fake.fail_next(Fault {
            retry_after: Some(7),
            ..fault(429, 1)
        })
        .unwrap();
        raw(&fake, "GET", "/v1/identity/verification_sessions", &[], "").await
    };
    assert_eq!(answer.headers["retry-after"], "7");
}

#[tokio::test]
async fn a_dropped_connection_is_retried() {
    let fake = FakeStripe::start().await;
    fake.fail_next(Fault {
        drop: true,
        ..fault(0, 1)
    })
    .unwrap();
    crate::create(&client(&fake)).await;
    assert_eq!(fake.requests().len(), 2, "the dropped one and its retry");
    fake.fail_next(Fault {
        drop: true,
        ..fault(0, 3)
    })
    .unwrap();
    let error = client(&fake)
        .send(&ListVerificationSessions::new())
        .await
        .expect_err("always dropped");
    assert_eq!(error.kind(), ErrorKind::Connection);
}

#[tokio::test]
async fn the_control_endpoint_queues_the_same_faults() {
    let fake = FakeStripe::start().await;
    let queued = raw(&fake, "POST", "/_fake/fail_next", &[], "status=500&count=1").await;
    assert_eq!(queued.status, 200, "{:#}", queued.body);
    crate::create(&client(&fake)).await;
    assert_eq!(fake.requests().len(), 2);
    let refused = raw(&fake, "POST", "/_fake/fail_next", &[], "status=200").await;
    assert_eq!(refused.status, 400);
}

#[tokio::test]
async fn per_request_max_retries_override_the_clients() {
    let fake = FakeStripe::start().await;
    fake.fail_next(fault(500, 1)).unwrap();
    let once = RequestOptions::new().max_retries(0);
    let error = client(&fake)
        .send_with(&ListVerificationSessions::new(), &once)
        .await
        .expect_err("no retry for this call");
    assert_eq!(error.status(), Some(500));
    assert_eq!(fake.requests().len(), 1);
    fake.fail_next(fault(500, 3)).unwrap();
    let more = RequestOptions::new().max_retries(3);
    client(&fake)
        .send_with(&ListVerificationSessions::new(), &more)
        .await
        .expect("the fourth attempt succeeds");
    assert_eq!(fake.requests().len(), 5);
}

#[tokio::test]
async fn faults_that_are_no_failure_are_refused() {
    let fake = FakeStripe::start().await;
    assert!(fake.fail_next(fault(200, 1)).is_err(), "a 200 is not a failure");
    assert!(fake.fail_next(fault(500, 0)).is_err(), "for no request");
    assert!(fake
        .fail_next(Fault {
            drop: true,
            ..fault(0, 1)
        })
        .is_ok());
    fake.clear_faults();
    crate::create(&client(&fake)).await;
    assert_eq!(fake.requests().len(), 1, "the cleared fault is gone");
}
