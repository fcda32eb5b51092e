//! Each folder in `tests/fixtures/` is a tiny spec for one concept (a nullable reference, an
//! expandable, an open enum, …) with the files the generator must make from it under `expected/`.
//! Run with `BLESS=1` to rewrite the expected files after an intended change, then review the diff.
//! The `snapshot-check` crate compiles every expected file with warnings denied.

use std::fs;
use std::path::{Path, PathBuf};

use stripe_codegen::{check, generate, write, Config};

fn fixtures() -> Vec<(String, PathBuf)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut found: Vec<_> = fs::read_dir(&dir)
        .expect("tests/fixtures exists")
        .map(|entry| entry.expect("readable entry").path())
        .filter(|path| path.join("spec.yaml").is_file())
        .map(|path| {
            (
                path.file_name()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into_owned(),
                path,
            )
        })
        .collect();
    found.sort();
    found
}

#[test]
fn every_fixture_generates_its_snapshot() {
    let bless = std::env::var_os("BLESS").is_some();
    let mut failures = Vec::new();
    for (name, dir) in fixtures() {
        let display = format!("generator/tests/fixtures/{name}/spec.yaml");
        let output = match generate(&Config::new(dir.join("spec.yaml"), display)) {
            Ok(output) => output,
            Err(problems) => {
                failures.push(format!("{name}: does not generate:\n{problems}"));
                continue;
            }
        };
        let expected = dir.join("expected");
        if bless {
            write(&output, &expected).expect("expected/ is writable");
            continue;
        }
        let report = check(&output, &expected).expect("expected/ is readable");
        if !report.is_clean() {
            failures.push(format!(
                "{name}:\n{}",
                report.render(
                    "BLESS=1 cargo test -p stripe-codegen --test generator snapshots::",
                    60
                )
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n\n"));
}

#[test]
fn every_fixture_is_compiled_by_snapshot_check() {
    let lib = Path::new(env!("CARGO_MANIFEST_DIR")).join("snapshot-check/src/lib.rs");
    let source = fs::read_to_string(lib).expect("snapshot-check/src/lib.rs exists");
    // Found at all: a fixtures folder that moved would otherwise pass every test here.
    let listed = source.matches("\nfixture!(").count();
    assert_eq!(
        fixtures().len(),
        listed,
        "a fixture folder for each `fixture!` line"
    );
    assert!(listed >= 12, "the fixtures were not found ({listed})");
    for (name, _) in fixtures() {
        assert!(
            source.contains(&format!("fixture!({name});")),
            "add `fixture!({name});` to generator/snapshot-check/src/lib.rs"
        );
    }
}
