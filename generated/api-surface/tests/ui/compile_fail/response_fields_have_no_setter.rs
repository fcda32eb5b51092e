//! `id` and `status` are read from responses; a create or update request cannot set them.
use stripe_identity::{CreateVerificationSession, UpdateVerificationSession, VerificationSessionStatus};

fn main() {
    let _ = CreateVerificationSession::new().id("vs_1");
    let _ = UpdateVerificationSession::new("vs_1").status(VerificationSessionStatus::Verified);
}
