//! `generated/` must be exactly what the generator makes from `spec/` today: no stale code, no hand
//! edits, no orphaned files. On failure the message shows the first differences and the command
//! that fixes them.

use std::path::{Path, PathBuf};

use stripe_codegen::{check, generate, Config, Output, REGENERATE_COMMAND};

const SPEC: &str = "spec/identity_verification_session.yaml";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fresh() -> Output {
    let config = Config::new(root().join(SPEC), SPEC);
    generate(&config).unwrap_or_else(|problems| panic!("the spec does not generate:\n{problems}"))
}

#[test]
fn generated_crate_matches_the_spec() {
    let report = check(&fresh(), &root().join("generated")).expect("generated/ is readable");
    assert!(report.is_clean(), "\n{}\n", report.render(REGENERATE_COMMAND, 40));
}

#[test]
fn build_script_output_is_what_the_cli_writes() {
    // build.rs and the CLI are both thin callers of `generate`; prove they agree byte for byte.
    let out_dir = Path::new(env!("OUT_DIR"));
    let report = check(&fresh(), out_dir).expect("OUT_DIR is readable");
    assert!(report.is_clean(), "\n{}\n", report.render("cargo build", 40));
}

#[test]
fn generating_twice_gives_identical_bytes() {
    let first = fresh();
    let second = fresh();
    assert_eq!(first, second);
    for text in first.files.values() {
        assert!(
            !text.contains(env!("CARGO_MANIFEST_DIR")),
            "output must not contain absolute paths"
        );
    }
}
