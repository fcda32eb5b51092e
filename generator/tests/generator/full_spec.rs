//! Opt-in: generality on Stripe's whole API as of 2023-08-16 (`spec3.yaml`, 4 MB, the plain
//! flavour without `x-stripeOperations`). Every resource that has operations is trimmed out
//! (`trim_value`) and generated in lenient mode, which must succeed; a sample chosen to cover the
//! most distinct constructs is compiled. The constructs still typed as free-form JSON or skipped
//! are summarised, per message, in `target/full-spec-report.txt` (the README quotes it). The
//! whole spec, untrimmed, must also generate in one lenient run with no error: 318 paths and 819
//! schemas in one namespace, where derived names meet (`CreateSubscriptionItem` is both the
//! builder of `POST /v1/subscription_items` and the item type of `POST /v1/subscriptions`).
//!
//! It reads `../shared/upstream/` (or `$STRIPE_FULL_SPEC`), which a user's clone does not have, so
//! it is `#[ignore]`d; `.ci/run` runs it in release mode (debug is ten times slower on 4 MB).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;

use stripe_codegen::{generate_from_str, resources_with_operations, trim_value, Config, Output, TrimOptions};

use crate::support;

const FULL_SPEC: &str = "../shared/upstream/stripe-2023-08-16/spec3.yaml";

/// Compiled for real, chosen for breadth: polymorphic `anyOf` of objects (`customer`'s
/// `default_source`, `charge`'s `source`), deleted objects (`customer`, `product`), nested lists
/// (`customer.sources`, `subscription.items`, `invoice.lines`), a file upload operation skipped
/// (`file`), expandables everywhere, search endpoints, deep option trees (`payment_intent`,
/// `checkout.session`, `account`), and this crate's own resource.
const SAMPLE: [&str; 12] = [
    "account",
    "charge",
    "checkout.session",
    "customer",
    "file",
    "identity.verification_session",
    "invoice",
    "payment_intent",
    "payment_method",
    "price",
    "product",
    "subscription",
];

fn full_spec_text() -> String {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let path = std::env::var_os("STRIPE_FULL_SPEC")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join(FULL_SPEC));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

#[test]
#[ignore = "needs ../shared/upstream (not in a user's clone); .ci/run runs it in release mode"]
fn the_whole_full_spec_generates_in_one_lenient_run() {
    let mut config = Config::new("spec3.yaml", "spec3.yaml");
    config.lenient = true;
    let output = generate_from_str(&full_spec_text(), &config)
        .unwrap_or_else(|problems| panic!("the whole spec does not generate:\n{problems}"));
    // The derived names that meet are moved aside, with a located warning naming both.
    let moved: Vec<String> = output
        .warnings
        .iter()
        .filter(|w| w.message.starts_with("the derived Rust name") && w.location.is_some())
        .map(ToString::to_string)
        .collect();
    assert!(
        moved.iter().any(|w| w.contains("`CreateSubscriptionItem`")),
        "{moved:#?}"
    );
    assert!(output.files["src/requests.rs"].contains("pub struct CreateSubscriptionItem "));
}

#[test]
#[ignore = "needs ../shared/upstream (not in a user's clone); .ci/run runs it in release mode"]
fn every_resource_of_the_full_spec_trims_and_generates() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let text = full_spec_text();
    let document: serde_yaml::Value = serde_yaml::from_str(&text).expect("the full spec is YAML");
    let resources = resources_with_operations(&document);
    assert!(
        resources.len() >= 100,
        "expected over a hundred resources, found {}",
        resources.len()
    );

    let mut failures = Vec::new();
    let mut outputs: BTreeMap<String, Output> = BTreeMap::new();
    let mut warnings: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for resource in resources.keys() {
        let options = TrimOptions {
            resource: Some(resource.clone()),
            ..TrimOptions::default()
        };
        let trimmed = match trim_value(&document, &options)
            .and_then(|v| serde_yaml::to_string(&v).map_err(|e| e.to_string()))
        {
            Ok(trimmed) => trimmed,
            Err(error) => {
                failures.push(format!("{resource}: trim failed: {error}"));
                continue;
            }
        };
        let mut config = Config::new(format!("{resource}.yaml"), format!("{resource}.yaml"));
        config.lenient = true;
        match generate_from_str(&trimmed, &config) {
            Ok(output) => {
                for warning in output.warnings.iter() {
                    let kind: String = warning
                        .message
                        .split(';')
                        .next()
                        .unwrap_or_default()
                        .chars()
                        .take(90)
                        .collect();
                    warnings
                        .entry(kind)
                        .or_default()
                        .push(format!("{resource}: {}", warning.pointer));
                }
                outputs.insert(resource.clone(), output);
            }
            Err(problems) => failures.push(format!("{resource}:\n{problems}")),
        }
    }

    let mut report = format!(
        "{} resources with operations; {} generated\n\n",
        resources.len(),
        outputs.len()
    );
    for (kind, places) in &warnings {
        let _ = writeln!(report, "{} x {kind}", places.len());
        for place in places.iter().take(3) {
            let _ = writeln!(report, "    e.g. {place}");
        }
    }
    let _ = std::fs::write(root.join("target/full-spec-report.txt"), &report);
    eprintln!("{report}");
    assert!(
        failures.is_empty(),
        "{} resources failed:\n{}",
        failures.len(),
        failures.join("\n\n")
    );

    let sample: Vec<(String, &Output)> = SAMPLE
        .iter()
        .map(|id| {
            (
                id.replace('.', "_"),
                outputs
                    .get(*id)
                    .unwrap_or_else(|| panic!("`{id}` was not generated")),
            )
        })
        .collect();
    let sample = sample.iter().map(|(name, output)| (name.as_str(), *output));
    if let Err(errors) = support::compile_outputs("full-spec-check", sample) {
        panic!("the sample does not compile:\n{errors}");
    }
}
