//! The `tracing` feature: a span per send with the operation, method and path template, an
//! event per attempt with status, `Request-Id`, duration, retry decision and backoff; and no
//! secret anywhere: not the key, not a client secret, not a parameter's value, not an ID in the
//! path. A subscriber of the test's own collects every field as text. A test binary of its own:
//! tests on other threads would register the callsites with no subscriber to see them, and
//! `tracing` may then cache them as uninteresting for this one.

mod support;

use std::fmt::Write as _;
use std::sync::{Arc, Mutex};

use stripe_identity::*;
use stripe_identity_fake::{FakeStripe, Fault};
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

use support::{client, KEY};

/// Every span and event, as `name field=value …` lines.
#[derive(Clone, Default)]
struct Collector {
    lines: Arc<Mutex<Vec<String>>>,
    next_id: Arc<Mutex<u64>>,
}

struct Line<'a>(&'a mut String);

impl Visit for Line<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        let _ = write!(self.0, " {}={:?}", field.name(), value);
    }
    fn record_str(&mut self, field: &Field, value: &str) {
        let _ = write!(self.0, " {}={}", field.name(), value);
    }
}

impl Subscriber for Collector {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, span: &Attributes<'_>) -> Id {
        let mut line = format!("span {}", span.metadata().name());
        span.record(&mut Line(&mut line));
        self.lines.lock().unwrap().push(line);
        let mut next = self.next_id.lock().unwrap();
        *next += 1;
        Id::from_u64(*next)
    }
    fn record(&self, _: &Id, values: &Record<'_>) {
        let mut line = "record".to_owned();
        values.record(&mut Line(&mut line));
        self.lines.lock().unwrap().push(line);
    }
    fn record_follows_from(&self, _: &Id, _: &Id) {}
    fn event(&self, event: &Event<'_>) {
        let mut line = "event".to_owned();
        event.record(&mut Line(&mut line));
        self.lines.lock().unwrap().push(line);
    }
    fn enter(&self, _: &Id) {}
    fn exit(&self, _: &Id) {}
}

#[tokio::test]
async fn a_send_is_a_span_with_an_event_per_attempt_and_no_secret() {
    let collector = Collector::default();
    let _default = tracing::subscriber::set_default(collector.clone());
    let fake = FakeStripe::start().await;
    let client = client(&fake);
    let session = client
        .send(
            &CreateVerificationSession::new()
                .type_(CreateVerificationSessionType::Document)
                .client_reference_id("customer-ref-9"),
        )
        .await
        .unwrap();
    fake.fail_next(Fault {
        status: 503,
        count: 1,
        retry_after: None,
        drop: false,
    })
    .unwrap();
    client
        .send(&RetrieveVerificationSession::new(session.id.as_str()))
        .await
        .unwrap();
    let lines = collector.lines.lock().unwrap().clone();
    let text = lines.join("\n");

    let spans: Vec<&String> = lines
        .iter()
        .filter(|line| line.starts_with("span stripe.send"))
        .collect();
    assert_eq!(spans.len(), 2, "{text}");
    assert!(
        spans[0].contains("operation=CreateVerificationSession") && spans[0].contains("method=POST"),
        "{text}"
    );
    assert!(
        spans[1].contains("path=/v1/identity/verification_sessions/{session}"),
        "{text}"
    );
    let attempts: Vec<&String> = lines
        .iter()
        .filter(|line| line.contains("stripe.attempt"))
        .collect();
    assert_eq!(
        attempts.len(),
        3,
        "one for the create, two for the retried retrieve: {text}"
    );
    assert!(
        attempts[1].contains("status=503")
            && attempts[1].contains("retry=true")
            && attempts[1].contains("backoff_ms="),
        "{text}"
    );
    assert!(
        attempts[2].contains("status=200") && attempts[2].contains("retry=false"),
        "{text}"
    );
    let request_id = &fake.requests()[2].request_id;
    assert!(
        attempts[2].contains(request_id.as_str()),
        "the Request-Id: {text}"
    );

    let secret = session.client_secret.as_ref().unwrap().expose();
    for hidden in [KEY, secret, "customer-ref-9", session.id.as_str()] {
        assert!(!text.contains(hidden), "{hidden} appears in the traces:\n{text}");
    }
}
