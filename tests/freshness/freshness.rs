//! `generated/` must be exactly what the generator makes from `spec/` today: no stale code, no hand
//! edits, no orphaned files. On failure the message shows the first differences and the command
//! that fixes them.

use std::path::Path;

use stripe_codegen::{check, generate, Config, Output, REGENERATE_COMMAND};

use crate::root;

const SPEC: &str = "spec/identity_verification_session.yaml";

fn fresh() -> Output {
    let config = Config::new(root().join(SPEC), SPEC)
        .with_local_choices()
        .unwrap_or_else(|problems| panic!("the local choices do not read:\n{problems}"));
    generate(&config).unwrap_or_else(|problems| panic!("the spec does not generate:\n{problems}"))
}

#[test]
fn generated_crate_matches_the_spec() {
    let report = check(&fresh(), &root().join("generated")).expect("generated/ is readable");
    assert!(report.is_clean(), "\n{}\n", report.render(REGENERATE_COMMAND, 40));
}

#[test]
fn build_script_output_is_what_the_cli_wrote() {
    // build.rs and the CLI are both callers of the generator, with configurations of their own.
    // What build.rs wrote into OUT_DIR (and this package compiled) must be, byte for byte, what
    // the CLI wrote into generated/ (which `check`, in CI, proves is the CLI's output today): the
    // files on disk are compared, not a fresh `generate()` with itself.
    let out_dir = Path::new(env!("OUT_DIR"));
    let listed = |dir: &Path| -> Vec<String> {
        let manifest = std::fs::read_to_string(dir.join(stripe_codegen::MANIFEST_FILE))
            .unwrap_or_else(|error| panic!("{}: {error}", dir.display()));
        let mut files: Vec<String> = manifest
            .lines()
            .filter(|line| !line.starts_with('#'))
            .filter_map(|line| line.split_whitespace().next())
            .map(str::to_owned)
            .collect();
        files.sort();
        files
    };
    let generated = root().join("generated");
    let files = listed(&generated);
    assert_eq!(
        listed(out_dir),
        files,
        "build.rs and the CLI write the same files"
    );
    assert!(files.len() >= 3, "{files:?}");
    for file in files {
        let built = std::fs::read(out_dir.join(&file)).expect("built by build.rs");
        let written = std::fs::read(generated.join(&file)).expect("written by the CLI");
        assert!(
            built == written,
            "{file} differs between build.rs's OUT_DIR and generated/"
        );
    }
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
