//! Whether `diff` (the IR of two specs) and `check` (the Rust the two generate) give every item
//! the same class. The reports are joined on the top-level Rust item each change is to or
//! inside ([`Change::owner`]: `Thing` for `Thing::note`, `CreateThing` for `CreateThing::new`),
//! classed by its most severe change: `diff` names a new required parameter at `new` and
//! `check` sees it at the builder's field too, but both see the builder break. Only the files
//! users' code names are joined; `validation.rs` is the fake's table (one static holds every
//! operation), so it is held to the verdict alone, with the rest of `check` as it really runs.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use stripe_codegen::{
    check, classify_drift, generate, write, Change, ChangeClass, Config, DiffReport, Output, REQUESTS_FILE,
    TYPES_FILE,
};

/// The class of each top-level item, with the changes that make it.
type Classes = BTreeMap<String, (ChangeClass, Vec<String>)>;

fn by_owner<'a>(changes: impl IntoIterator<Item = &'a Change>) -> Classes {
    let mut classes = Classes::new();
    for change in changes {
        let entry = classes
            .entry(change.owner().to_owned())
            .or_insert((change.class, Vec::new()));
        entry.0 = entry.0.max(change.class);
        let line = format!("{} {}: {}", change.class.as_str(), change.item, change.reason);
        entry.1.push(line);
    }
    classes
}

/// What the spec at `path` generates, leniently as `diff` lowers it.
fn generated(path: &Path) -> Output {
    let mut config = Config::new(path, "spec.yaml");
    config.lenient = true;
    generate(&config).unwrap_or_else(|problems| panic!("{problems}"))
}

/// Panics, naming every disagreement, unless `check` classes every item of the change from
/// `old` to `new` as `report` (their `diff`) does; `scratch` is a folder it may fill.
pub fn assert_check_agrees(old: &Path, new: &Path, report: &DiffReport, scratch: &Path) {
    let (before, after) = (generated(old), generated(new));
    let mut drift = Vec::new();
    for file in [TYPES_FILE, REQUESTS_FILE] {
        let (Some(a), Some(b)) = (before.files.get(file), after.files.get(file)) else {
            continue;
        };
        drift.extend(classify_drift(a, b, &report.renames).expect("generated Rust parses"));
    }
    let (from_diff, from_check) = (by_owner(&report.changes), by_owner(&drift));
    let mut disagreements = String::new();
    let owners: BTreeSet<&String> = from_diff.keys().chain(from_check.keys()).collect();
    for owner in owners {
        let (a, b) = (from_diff.get(owner), from_check.get(owner));
        if a.map(|c| c.0) != b.map(|c| c.0) {
            let show = |side: Option<&(ChangeClass, Vec<String>)>| {
                side.map_or("nothing".to_owned(), |(_, lines)| lines.join("; "))
            };
            disagreements.push_str(&format!("\n{owner}:\n  diff:  {}\n  check: {}", show(a), show(b)));
        }
    }
    assert!(
        disagreements.is_empty(),
        "diff and check disagree on{disagreements}"
    );

    // `check` as it runs, every file, without the renames only `diff` can see: the same verdict.
    let dir = scratch.join("check");
    let _ = std::fs::remove_dir_all(&dir);
    write(&before, &dir).expect("old output written");
    let checked = check(&after, &dir).expect("checked");
    let verdict = checked.drift.iter().map(|(_, change)| change.class).max();
    assert_eq!(verdict, report.verdict(), "check's verdict: {:?}", checked.drift);
}
