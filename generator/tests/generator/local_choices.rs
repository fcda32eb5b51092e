//! Project-local choices live beside the spec (`stripe-codegen.yaml`): a drop-in of Stripe's own
//! spec keeps the crate's redactions with no hand edit, and an entry that no longer matches is a
//! located error, never silently dropped.

use std::path::Path;

use stripe_codegen::{generate, Config};

use crate::support::scratch;

const SPEC: &str = "openapi: 3.0.0\ninfo: {title: t, version: v1}\npaths: {}\ncomponents:\n  schemas:\n    thing:\n      type: object\n      description: A thing.\n      properties:\n        client_secret: {type: string}\n        link: {type: string}\n        name: {type: string}\n";

fn generate_in(dir: &Path, choices: Option<&str>) -> Result<String, String> {
    std::fs::write(dir.join("spec.yaml"), SPEC).expect("spec");
    if let Some(choices) = choices {
        std::fs::write(dir.join("stripe-codegen.yaml"), choices).expect("choices");
    }
    let config = Config::new(dir.join("spec.yaml"), "specs/spec.yaml")
        .with_local_choices()
        .map_err(|problems| problems.to_string())?;
    generate(&config)
        .map(|output| output.files["src/types.rs"].clone())
        .map_err(|problems| problems.to_string())
}

#[test]
fn listed_and_default_secrets_are_redacted() {
    let dir = scratch("local-choices/listed");
    let types = generate_in(
        &dir,
        Some("secrets:\n  - \"#/components/schemas/thing/properties/link\"\n"),
    )
    .unwrap();
    assert!(
        types.contains("pub client_secret: Option<::stripe_runtime::Secret>"),
        "{types}"
    );
    assert!(
        types.contains("pub link: Option<::stripe_runtime::Secret>"),
        "{types}"
    );
    assert!(types.contains("pub name: Option<String>"), "{types}");
    // Without the file, only the default rule applies.
    let dir = scratch("local-choices/defaults");
    let types = generate_in(&dir, None).unwrap();
    assert!(types.contains("pub link: Option<String>"), "{types}");
    assert!(
        types.contains("pub client_secret: Option<::stripe_runtime::Secret>"),
        "{types}"
    );
}

#[test]
fn an_entry_that_matches_nothing_is_a_located_error_in_the_choices_file() {
    let dir = scratch("local-choices/unmatched");
    let choices = "secrets:\n  - \"#/components/schemas/thing/properties/link\"\n  - \"#/components/schemas/thing/properties/url\"\n";
    let error = generate_in(&dir, Some(choices)).unwrap_err();
    assert!(
        error.contains("specs/stripe-codegen.yaml:3:3: error at #/secrets/1: `#/components/schemas/thing/properties/url` is no string property"),
        "{error}"
    );
    let error = generate_in(&dir, Some("secret: []\n")).unwrap_err();
    assert!(
        error.contains("specs/stripe-codegen.yaml") && error.contains("unknown field `secret`"),
        "{error}"
    );
}

#[test]
#[ignore = "needs ../shared/upstream (not in a user's clone); .ci/run runs it"]
fn a_drop_in_of_stripes_own_spec_keeps_the_crates_redactions() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let upstream = root.join(
        "../shared/upstream/stripe-2026-09-30.endive/identity_verification_session.sdk.selfcontained.yaml",
    );
    let dir = scratch("local-choices/drop-in");
    std::fs::copy(&upstream, dir.join("identity_verification_session.yaml")).expect("upstream spec");
    std::fs::copy(
        root.join("spec/stripe-codegen.yaml"),
        dir.join("stripe-codegen.yaml"),
    )
    .expect("choices");
    let mut config = Config::new(
        dir.join("identity_verification_session.yaml"),
        "spec/identity_verification_session.yaml",
    )
    .with_local_choices()
    .expect("the local choices read");
    config.lenient = true;
    let output = generate(&config).unwrap_or_else(|problems| panic!("{problems}"));
    let types = &output.files["src/types.rs"];
    let session = &types[types
        .find("pub struct VerificationSession {")
        .expect("the session")..];
    let session = &session[..session.find("\n}").expect("its end")];
    for field in ["client_secret", "url"] {
        assert!(
            session.contains(&format!("pub {field}: Option<::stripe_runtime::Secret>")),
            "{field} is not redacted in:\n{session}"
        );
    }
}
