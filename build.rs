//! Regenerates the crate from `spec/` into `$OUT_DIR` on every build where the spec or the
//! generator changed, and nowhere else (a build script must not write into the source tree).
//! `src/lib.rs` compiles that fresh output, so a generator change that emits broken Rust fails
//! `cargo build` at once; `tests/freshness/freshness.rs` then checks `generated/` matches it.

use std::path::PathBuf;
use std::process::ExitCode;

use stripe_codegen::{generate, write, Config};

const SPEC: &str = "spec/identity_verification_session.yaml";

fn main() -> ExitCode {
    // Only the spec is input; the generator is a build-dependency, so cargo reruns this when it
    // changes. Naming the file (not the folder) keeps README edits from triggering a rebuild.
    println!("cargo:rerun-if-changed={SPEC}");
    println!("cargo:rerun-if-changed=spec/stripe-codegen.yaml");
    println!("cargo:rerun-if-changed=build.rs");
    let (Some(manifest_dir), Some(out_dir)) = (
        std::env::var_os("CARGO_MANIFEST_DIR"),
        std::env::var_os("OUT_DIR"),
    ) else {
        eprintln!("CARGO_MANIFEST_DIR and OUT_DIR must be set; run this through cargo");
        return ExitCode::FAILURE;
    };
    let config = match Config::new(PathBuf::from(manifest_dir).join(SPEC), SPEC).with_local_choices() {
        Ok(config) => config,
        Err(problems) => {
            eprintln!("{problems}");
            return ExitCode::FAILURE;
        }
    };
    let output = match generate(&config) {
        Ok(output) => output,
        Err(problems) => {
            eprintln!("{problems}");
            return ExitCode::FAILURE;
        }
    };
    if let Err(error) = write(&output, &PathBuf::from(out_dir)) {
        eprintln!("cannot write the generated files to OUT_DIR: {error}");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
