//! Creates a document VerificationSession and reports whether Stripe returned a redirect URL.
//!
//! ```sh
//! STRIPE_SECRET_KEY=sk_test_... cargo run -p stripe-identity --example create_session
//! ```
//!
//! The URL itself is a secret (Stripe: never store, log or share it except with the user), so the
//! example only prints whether it is there and how long it is.

use std::process::ExitCode;

use stripe_identity::{
    CreateVerificationSession, CreateVerificationSessionType, DocumentOptions, SessionOptionsParam,
};

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let Some(key) = std::env::var("STRIPE_SECRET_KEY")
        .ok()
        .filter(|key| !key.is_empty())
    else {
        eprintln!("set STRIPE_SECRET_KEY to a test-mode secret key (sk_test_...)");
        return ExitCode::from(2);
    };
    let client = match stripe_identity::Client::new(key) {
        Ok(client) => client,
        Err(error) => {
            eprintln!("{error}");
            return ExitCode::FAILURE;
        }
    };
    let request = CreateVerificationSession::new()
        .type_(CreateVerificationSessionType::Document)
        .options(
            SessionOptionsParam::default().document(DocumentOptions::default().require_matching_selfie(true)),
        )
        .metadata([("example", "create_session")]);
    match client.send(&request).await {
        Ok(session) => {
            println!("created {} ({})", session.id, session.status);
            match &session.url {
                Some(url) => println!("redirect URL present ({} characters)", url.expose().len()),
                None => println!("no redirect URL in the response"),
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("{error}");
            if let Some(id) = error.request_id() {
                eprintln!("request id: {id}");
            }
            ExitCode::FAILURE
        }
    }
}
