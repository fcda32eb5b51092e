//! Stripe adds enum values: a match must keep a wildcard arm.
use stripe_identity::VerificationSessionStatus;

fn main() {
    let status = VerificationSessionStatus::Verified;
    match status {
        VerificationSessionStatus::Canceled => {}
        VerificationSessionStatus::Processing => {}
        VerificationSessionStatus::RequiresInput => {}
        VerificationSessionStatus::Verified => {}
        VerificationSessionStatus::Unrecognized(_) => {}
    }
}
