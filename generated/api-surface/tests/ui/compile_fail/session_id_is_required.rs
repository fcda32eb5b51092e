//! A request on one session cannot be built without the session's ID.
use stripe_identity::RetrieveVerificationSession;

fn main() {
    let _ = RetrieveVerificationSession::new();
}
