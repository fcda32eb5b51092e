//! The root package's tests, one test binary: `generated/` is what the generator makes from
//! `spec/` today (`freshness`), the docs say only what the spec says (`docs_truth`), and, opt-in,
//! `spec/`'s facts are Stripe's (`upstream_facts`).

mod docs_truth;
mod freshness;
mod upstream_facts;

use std::path::PathBuf;

/// The repository's root: the root package's folder.
fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}
