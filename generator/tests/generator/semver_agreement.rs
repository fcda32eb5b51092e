//! `diff` against cargo-semver-checks: both crates of a spec pair are generated (as `generate
//! --out NEW_DIR` scaffolds them), cargo-semver-checks compares them, and every item it says
//! needs a major version must be one `diff` calls breaking. Opt-in: it needs
//! `cargo-semver-checks` installed and `../shared/upstream`; `tools/semver/agree.sh` installs
//! the tool and runs it (and `.ci/run` runs that script).
//!
//! `SEMVER_PAIRS=1` also runs it on the spec pairs of `diff.rs`'s rules (two rustdoc builds
//! per pair; the script sets it).

use std::path::{Path, PathBuf};
use std::process::Command;

use stripe_codegen::{diff_specs, ChangeClass, DiffReport};

use crate::spec_pairs;

/// One item cargo-semver-checks reports as needing a major version: a type (`Thing`), or a
/// member of one (`Thing::note`, `Thing::new`).
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Major {
    lint: String,
    owner: String,
    member: Option<String>,
    line: String,
}

/// Generates the crate of `spec` into `dir/stripe-identity` (the same package name on both sides,
/// as cargo-semver-checks wants), with the runtime by path.
fn generate(spec: &Path, dir: &Path) -> PathBuf {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).expect("scratch");
    // A copy with no local choices beside it: the crate `diff_specs` reads, exactly.
    let copy = dir.join("spec.yaml");
    std::fs::copy(spec, &copy).expect("spec copy");
    let krate = dir.join("stripe-identity");
    let runtime = Path::new(env!("CARGO_MANIFEST_DIR")).join("../runtime");
    let output = Command::new(env!("CARGO_BIN_EXE_stripe-codegen"))
        .args(["generate", "--lenient", "--spec"])
        .arg(&copy)
        .arg("--out")
        .arg(&krate)
        .arg("--runtime")
        .arg(&runtime)
        .output()
        .expect("stripe-codegen runs");
    assert!(
        output.status.success(),
        "generate {}: {}",
        spec.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    std::fs::copy(workspace.join("Cargo.lock"), krate.join("Cargo.lock")).expect("lockfile");
    krate
}

/// cargo-semver-checks' verdict on `old` -> `new`: every item it lists under a failed lint.
fn semver_checks(old: &Path, new: &Path, target: &Path) -> Vec<Major> {
    let output = Command::new("cargo")
        .args([
            "semver-checks",
            "check-release",
            "--color",
            "never",
            "--manifest-path",
        ])
        .arg(new.join("Cargo.toml"))
        .arg("--baseline-root")
        .arg(old)
        // The builders and parameter types as well as the models; no HTTP client to document.
        .args(["--only-explicit-features", "--features", "requests"])
        .env("CARGO_TARGET_DIR", target)
        .output()
        .expect("cargo semver-checks runs (cargo install cargo-semver-checks --locked)");
    // The report is on stdout; stderr has the progress lines and any failure to run.
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success() || text.contains("--- failure "),
        "cargo semver-checks failed to run:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    parse(&text)
}

/// The items of cargo-semver-checks' text report: each `--- failure LINT: …` block lists them
/// under `Failed in:`, one per line, in the lint's own words.
fn parse(text: &str) -> Vec<Major> {
    let mut found = Vec::new();
    let mut lint = String::new();
    let mut listing = false;
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix("--- failure ") {
            lint = rest.split(':').next().unwrap_or_default().trim().to_owned();
            listing = false;
        } else if line.trim() == "Failed in:" {
            listing = true;
        } else if listing && line.starts_with("  ") && !line.trim().is_empty() {
            let (owner, member) = item_of(line.trim());
            found.push(Major {
                lint: lint.clone(),
                owner,
                member,
                line: line.trim().to_owned(),
            });
        } else if listing {
            // A blank line ends the list.
            listing = false;
        }
    }
    found.sort();
    found
}

/// The item a `Failed in:` line names, as `diff` names items: `field X of struct Y` and
/// `Y.X` are `Y::X`; `stripe_identity::Y::m` is `Y::m`; `struct stripe_identity::Y` is `Y`.
fn item_of(line: &str) -> (String, Option<String>) {
    let head = line.split(", previously").next().unwrap_or(line);
    let head = head.split(" in /").next().unwrap_or(head);
    let words: Vec<&str> = head.split_whitespace().collect();
    let strip = |word: &str| {
        word.trim_matches(|c: char| !c.is_alphanumeric() && c != '_' && c != ':' && c != '.')
            .trim_start_matches("stripe_identity::")
            .replace("::types::", "::")
            .replace("::requests::", "::")
            .trim_start_matches("types::")
            .trim_start_matches("requests::")
            .to_owned()
    };
    // `field x of struct Y`, `variant V of enum E`, `method m of …`.
    if let Some(of) = words.iter().position(|w| *w == "of") {
        if of >= 1 && words.len() > of + 2 {
            return (strip(words[of + 2]), Some(strip(words[of - 1])));
        }
    }
    // The first word that names something in the crate.
    let named = words
        .iter()
        .map(|w| strip(w))
        .find(|w| w.chars().next().is_some_and(|c| c.is_ascii_uppercase()))
        .unwrap_or_else(|| strip(words.last().copied().unwrap_or_default()));
    let parts: Vec<&str> = named.split(['.', ':']).filter(|p| !p.is_empty()).collect();
    match parts.as_slice() {
        [owner] => ((*owner).to_owned(), None),
        [.., owner, member] => ((*owner).to_owned(), Some((*member).to_owned())),
        [] => (named.clone(), None),
    }
}

/// Whether `diff` calls `major` breaking: the same item, or the type it belongs to (removed or
/// renamed).
fn diff_agrees(report: &DiffReport, major: &Major) -> bool {
    let breaking = || report.changes.iter().filter(|c| c.class == ChangeClass::Breaking);
    let owner = &major.owner;
    let whole_type = || breaking().any(|c| c.item == *owner);
    match major.member.as_deref() {
        None => whole_type(),
        Some("new") => whole_type() || breaking().any(|c| c.item == format!("{owner}::new")),
        // A keyword's Rust name ends in `_` (`type_`), which a method of the same name may drop.
        Some(member) => {
            whole_type() || breaking().any(|c| c.item.trim_end_matches('_') == format!("{owner}::{member}"))
        }
    }
}

/// cargo-semver-checks writes each crate's rustdoc JSON under the target directory by package
/// name, the same on every side and in every test: one comparison at a time.
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn assert_agree(name: &str, old_spec: &Path, new_spec: &Path) -> (usize, usize) {
    let _turn = ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let scratch = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../target/semver-agreement")
        .join(name);
    let old = generate(old_spec, &scratch.join("old"));
    let new = generate(new_spec, &scratch.join("new"));
    let target = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/semver-agreement/target");
    let majors = semver_checks(&old, &new, &target);
    let report = diff_specs(old_spec, new_spec).unwrap_or_else(|problems| panic!("{problems}"));
    let missed: Vec<&Major> = majors.iter().filter(|m| !diff_agrees(&report, m)).collect();
    assert!(
        missed.is_empty(),
        "{name}: cargo-semver-checks calls these major, diff does not call them breaking:\n{missed:#?}\n\ndiff said:\n{}",
        report.render(stripe_codegen::Format::Text)
    );
    let breaking = report
        .changes
        .iter()
        .filter(|c| c.class == ChangeClass::Breaking)
        .count();
    (majors.len(), breaking)
}

#[test]
#[ignore = "needs cargo-semver-checks and ../shared/upstream; tools/semver/agree.sh runs it"]
fn diff_calls_breaking_whatever_cargo_semver_checks_calls_major_on_stripes_upgrade() {
    let upstream = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/upstream");
    let old = upstream.join("stripe-2023-08-16/identity_verification_session.selfcontained.yaml");
    let new = upstream.join("stripe-2026-09-30.endive/identity_verification_session.sdk.selfcontained.yaml");
    let (majors, breaking) = assert_agree("upgrade", &old, &new);
    println!("2023-08-16 -> 2026-09-30.endive: cargo-semver-checks {majors} major items, diff {breaking} breaking changes, every major one among them");
    assert!(
        majors > 0,
        "the upgrade renames types: cargo-semver-checks must see that"
    );
}

#[test]
#[ignore = "needs cargo-semver-checks; slow (two rustdoc builds per pair); SEMVER_PAIRS=1 tools/semver/agree.sh runs it"]
fn diff_calls_breaking_whatever_cargo_semver_checks_calls_major_on_the_rule_pairs() {
    if std::env::var("SEMVER_PAIRS").map_or(true, |value| value == "0") {
        println!("set SEMVER_PAIRS=1 to run the rule pairs");
        return;
    }
    let scratch = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/semver-agreement/specs");
    std::fs::create_dir_all(&scratch).expect("scratch");
    for (name, old, new) in spec_pairs::rule_pairs() {
        let old_path = spec_pairs::write(&scratch, &format!("{name}-old.yaml"), &old);
        let new_path = spec_pairs::write(&scratch, &format!("{name}-new.yaml"), &new);
        let (majors, breaking) = assert_agree(name, &old_path, &new_path);
        println!("{name}: cargo-semver-checks {majors} major, diff {breaking} breaking");
    }
}

#[test]
fn failed_in_lines_name_items_as_diff_does() {
    let text = "--- failure constructible_struct_adds_field: externally-constructible struct adds field ---\n\nDescription:\nA pub struct ...\n\nFailed in:\n  field GelatoVerifiedOutputs.email in /tmp/x/src/types.rs:10\n  field Thing.note in /tmp/x/src/types.rs:11\n\n--- failure method_parameter_count_changed: pub method parameter count changed ---\n\nFailed in:\n  stripe_identity::types::Thing::new now takes 2 parameters instead of 1, in /tmp/x/src/types.rs:20\n\n--- failure struct_missing: pub struct removed or renamed ---\n\nFailed in:\n  struct stripe_identity::IdentityVerificationSession, previously in file /tmp/y/src/types.rs:5\n  struct stripe_identity::types::IdentityVerificationSession, previously in file /tmp/y/src/types.rs:5\n";
    let items: Vec<(String, Option<String>)> = parse(text).into_iter().map(|m| (m.owner, m.member)).collect();
    let owned = |owner: &str, member: Option<&str>| (owner.to_owned(), member.map(str::to_owned));
    for expected in [
        owned("GelatoVerifiedOutputs", Some("email")),
        owned("Thing", Some("note")),
        owned("Thing", Some("new")),
        owned("IdentityVerificationSession", None),
    ] {
        assert!(items.contains(&expected), "{expected:?} in {items:?}");
    }
}
