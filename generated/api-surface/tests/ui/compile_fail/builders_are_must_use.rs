//! A request builder or a parameter dropped unused is a bug (nothing is sent): `#[must_use]`
//! says so, and a crate that denies `unused_must_use` refuses to build.
#![deny(unused_must_use)]
use stripe_identity::{CreateVerificationSession, CreateVerificationSessionType, DocumentOptions};

fn main() {
    CreateVerificationSession::new().type_(CreateVerificationSessionType::Document);
    DocumentOptions::default().require_id_number(true);
}
