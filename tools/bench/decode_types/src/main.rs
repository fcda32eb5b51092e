//! Decodes the fully populated VerificationSession fixture with stripe-identity's generated types
//! and prints a little of it: compile-time bench (a), and with the `client` feature on, (c).

use stripe_identity::{Object, VerificationSession};

const SESSION: &str = include_str!("../../../../generated/tests/fixtures/verification_session_full.json");

fn main() {
    let session: VerificationSession = serde_json::from_str(SESSION).expect("the fixture decodes");
    println!("{} {:?} {}", session.id(), session.status, session.metadata.len());
}
