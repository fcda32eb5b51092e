//! stripe-codegen's integration tests: one test binary, one module per concern, so the library
//! and its dependencies are linked into a test binary once, not once per file. No test here
//! changes process-wide state (environment, current directory): they run in parallel threads,
//! each in scratch folders of its own (`support::scratch`).
//!
//! The opt-in (`#[ignore]`d) tests are run by module: `cargo test -p stripe-codegen --test
//! generator -- --ignored corpus::` (see CONTRIBUTING.md).

mod spec_pairs;
mod support;

mod cli;
mod corpus;
mod diff;
mod diff_and_check;
mod events;
mod full_spec;
mod fuzz;
mod local_choices;
mod semver_agreement;
mod snapshots;
mod titles;
mod trim;
