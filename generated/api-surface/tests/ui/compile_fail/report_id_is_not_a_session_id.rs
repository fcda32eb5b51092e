//! Typed IDs: a report's ID cannot be passed where a session's is wanted.
use stripe_identity::{RetrieveVerificationSession, VerificationReportId};

fn main() {
    let report = VerificationReportId::from("vr_1");
    let _ = RetrieveVerificationSession::new(report);
}
