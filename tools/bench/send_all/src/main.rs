//! Sends each of the six request builders once, and walks one list, against the base URL given as
//! the first argument: a program whose release binary holds the client's code for every request
//! type, for `tools/bench/client_size.sh` to measure. Nothing here is meant to reach Stripe.

use futures_util::StreamExt;
use stripe_identity::{
    CancelVerificationSession, CreateVerificationSession, List, ListVerificationSessions, Object,
    RedactVerificationSession, RetrieveVerificationSession, UpdateVerificationSession, VerificationSession,
};

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let base = std::env::args().nth(1);
    let client = stripe_identity::client("sk_test_bench")
        .base_url(base.as_deref().unwrap_or("http://127.0.0.1:9"))
        .build()
        .expect("client");
    // Each result is reported, so the optimiser cannot drop any of the sends.
    report(client.send(&CreateVerificationSession::new()).await.map(id));
    report(
        client
            .send(&RetrieveVerificationSession::new("vs_1"))
            .await
            .map(id),
    );
    report(client.send(&UpdateVerificationSession::new("vs_1")).await.map(id));
    report(client.send(&CancelVerificationSession::new("vs_1")).await.map(id));
    report(client.send(&RedactVerificationSession::new("vs_1")).await.map(id));
    report(client.send(&ListVerificationSessions::new()).await.map(count));
    let mut sessions = std::pin::pin!(client.paginate(ListVerificationSessions::new()));
    if let Some(session) = sessions.next().await {
        report(session.map(id));
    }
}

fn id(session: VerificationSession) -> String {
    session.id().to_owned()
}

fn count(page: List<VerificationSession>) -> String {
    page.data.len().to_string()
}

fn report<E: std::fmt::Display>(result: Result<String, E>) {
    match result {
        Ok(value) => println!("ok {value}"),
        Err(error) => println!("error {error}"),
    }
}
