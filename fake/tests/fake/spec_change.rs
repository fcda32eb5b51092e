//! A spec change reaches the fake with no change to the fake's code: a copy of `spec/` gains an
//! enum value (`residence_permit` among the document types create and update take) and a
//! parameter (`locale` on create); the generator regenerates a copy of the workspace from it, the
//! fake is built there, and the built binary accepts a request using both, which the fake built
//! from today's spec refuses (`parameter_unknown`, and an invalid enum value).
//!
//! Opt-in (`#[ignore]`: it builds the fake a second time, about a minute on two cores);
//! `.ci/run` runs it: `cargo test -p stripe-identity-fake --test fake -- --ignored spec_change::`.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_yaml::Value;

use crate::process::spawn;

const CREATE: &str = "type=document&options[document][allowed_types][0]=residence_permit&locale=fr";

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Copies `from` into `to`, recursively (skipping `target/` folders).
fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            if entry.file_name() != "target" {
                copy_tree(&entry.path(), &target);
            }
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// The spec with the new enum value and parameter.
fn changed_spec(text: &str) -> String {
    let mut spec: Value = serde_yaml::from_str(text).unwrap();
    let paths = [
        "/v1/identity/verification_sessions",
        "/v1/identity/verification_sessions/{session}",
    ];
    for path in paths {
        let properties = &mut spec["paths"][path]["post"]["requestBody"]["content"]
            ["application/x-www-form-urlencoded"]["schema"]["properties"];
        let allowed = &mut properties["options"]["properties"]["document"]["anyOf"][0]["properties"]
            ["allowed_types"]["items"]["enum"];
        allowed
            .as_sequence_mut()
            .expect("the document types")
            .push("residence_permit".into());
        if path == paths[0] {
            properties.as_mapping_mut().unwrap().insert(
                "locale".into(),
                serde_yaml::from_str(
                    "{type: string, enum: [en, fr], description: The language of the verification page.}",
                )
                .unwrap(),
            );
        }
    }
    serde_yaml::to_string(&spec).unwrap()
}

/// Writes the copy of the workspace: the generated crate regenerated from the changed spec, the
/// runtime and the fake as they are.
fn changed_workspace(dir: &Path) {
    let _ = std::fs::remove_dir_all(dir);
    for crate_dir in [
        "generated/src",
        "generated/examples",
        "runtime/src",
        "fake/src",
        "fake/benches",
    ] {
        copy_tree(&root().join(crate_dir), &dir.join(crate_dir));
    }
    std::fs::copy(
        root().join("generated/Cargo.toml"),
        dir.join("generated/Cargo.toml"),
    )
    .unwrap();
    std::fs::copy(root().join("runtime/Cargo.toml"), dir.join("runtime/Cargo.toml")).unwrap();
    // The crates' front pages are their READMEs (`#![doc = include_str!("../README.md")]`).
    for readme in ["generated/README.md", "runtime/README.md", "fake/README.md"] {
        std::fs::copy(root().join(readme), dir.join(readme)).unwrap();
    }
    std::fs::copy(root().join("runtime/build.rs"), dir.join("runtime/build.rs")).unwrap();
    std::fs::copy(root().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    // The fake without its dev-dependencies (the generator among them): only the binary is built.
    let fake = std::fs::read_to_string(root().join("fake/Cargo.toml")).unwrap();
    let fake = &fake[..fake.find("[dev-dependencies]").unwrap()];
    std::fs::write(dir.join("fake/Cargo.toml"), fake).unwrap();
    let workspace = std::fs::read_to_string(root().join("Cargo.toml")).unwrap();
    let shared =
        &workspace[workspace.find("[workspace.package]").unwrap()..workspace.find("[package]").unwrap()];
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[workspace]\nmembers = [\"generated\", \"runtime\", \"fake\"]\nresolver = \"2\"\n\n{shared}"
        ),
    )
    .unwrap();

    let spec_dir = dir.join("spec");
    std::fs::create_dir_all(&spec_dir).unwrap();
    let spec = std::fs::read_to_string(root().join("spec/identity_verification_session.yaml")).unwrap();
    std::fs::write(
        spec_dir.join("identity_verification_session.yaml"),
        changed_spec(&spec),
    )
    .unwrap();
    std::fs::copy(
        root().join("spec/stripe-codegen.yaml"),
        spec_dir.join("stripe-codegen.yaml"),
    )
    .unwrap();
    let config = stripe_codegen::Config::new(
        spec_dir.join("identity_verification_session.yaml"),
        "spec/identity_verification_session.yaml",
    );
    let config = config
        .with_local_choices()
        .unwrap_or_else(|problems| panic!("{problems}"));
    let output = stripe_codegen::generate(&config).unwrap_or_else(|problems| panic!("{problems}"));
    assert!(output.files["src/validation.rs"].contains("\"residence_permit\""));
    stripe_codegen::write(&output, &dir.join("generated")).unwrap();
}

/// POSTs `body` to create on `address`; the status.
fn create(address: &str, body: &str) -> u16 {
    let mut stream = TcpStream::connect(address).unwrap();
    write!(
        stream,
        "POST /v1/identity/verification_sessions HTTP/1.1\r\nHost: {address}\r\nAuthorization: Bearer sk_test_spec\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    response
        .split(' ')
        .nth(1)
        .and_then(|status| status.parse().ok())
        .unwrap_or(0)
}

#[tokio::test]
#[ignore = "builds the fake from a changed spec (about a minute); .ci/run runs it"]
async fn a_new_enum_value_and_parameter_reach_the_fake() {
    // Today's fake refuses the request.
    let today = stripe_identity_fake::FakeStripe::start().await;
    let address = today.address().to_string();
    let status = tokio::task::spawn_blocking(move || create(&address, CREATE))
        .await
        .unwrap();
    assert_eq!(status, 400);

    let dir = root().join("target/spec-change/workspace");
    changed_workspace(&dir);
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let built = Command::new(cargo)
        .args([
            "build",
            "--quiet",
            "--offline",
            "-p",
            "stripe-identity-fake",
            "--bin",
            "stripe-identity-fake",
        ])
        .current_dir(&dir)
        .env("CARGO_TARGET_DIR", root().join("target/spec-change/target"))
        .status()
        .unwrap();
    assert!(built.success(), "the fake builds from the regenerated crate");
    let binary = root().join("target/spec-change/target/debug/stripe-identity-fake");
    let (mut child, base_url) = spawn(&binary, &["--port", "0"]);
    let address = base_url.strip_prefix("http://").expect("an http URL").to_owned();
    let accepted = create(&address, CREATE);
    let refused = create(&address, "type=document&locale=de");
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(
        (accepted, refused),
        (200, 400),
        "the new value and parameter are accepted, with their rules"
    );
}
