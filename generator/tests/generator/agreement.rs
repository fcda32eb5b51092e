//! Whether `diff` (the IR of two specs) and `check` (the Rust the two generate) give every item
//! the same class. The reports are joined on the top-level Rust item each change is to or
//! inside ([`Change::owner`]: `Thing` for `Thing::note`, `CreateThing` for `CreateThing::new`),
//! classed by its most severe change: `diff` names a new required parameter at `new` and
//! `check` sees it at the builder's field too, but both see the builder break. Every generated
//! file is joined, the validation table too (`check` reads its rows as their builders'), and
//! `check` as it really runs must give the same verdict.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use stripe_codegen::{
    check, classify_drift, generate, write, Change, ChangeClass, Config, DiffReport, Output, REQUESTS_FILE,
    TYPES_FILE, VALIDATION_FILE,
};

/// The class of each top-level item, with the changes that make it.
type Classes = BTreeMap<String, (ChangeClass, Vec<String>)>;

/// The changes' classes by top-level item.
fn by_owner<'a>(changes: impl IntoIterator<Item = &'a Change>) -> Classes {
    by_key(changes, Change::owner)
}

/// The changes' classes by member (`Thing::note`), leaving out changes to docs alone and to
/// the owner as a whole: the two sides name those in their own way (`check` sees the path in a
/// builder's doc comment, and a builder's `Default` going as its declaration changing, where
/// `diff` sees `new` taking an argument), but a member both see changing in code must change
/// alike.
fn by_member<'a>(changes: impl IntoIterator<Item = &'a Change>) -> Classes {
    let code = changes
        .into_iter()
        .filter(|c| c.class != ChangeClass::Docs && c.item != c.owner());
    by_key(code, |change| change.item.as_str())
}

fn by_key<'a>(changes: impl IntoIterator<Item = &'a Change>, key: impl Fn(&Change) -> &str) -> Classes {
    let mut classes = Classes::new();
    for change in changes {
        let entry = classes
            .entry(key(change).to_owned())
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
    for file in [TYPES_FILE, REQUESTS_FILE, VALIDATION_FILE] {
        let (Some(a), Some(b)) = (before.files.get(file), after.files.get(file)) else {
            continue;
        };
        drift.extend(classify_drift(a, b, &report.renames).expect("generated Rust parses"));
    }
    let mut disagreements = disagreements_in(by_owner(&report.changes), by_owner(&drift), false);
    // A class the owner's worst change hides: a member both name must change alike.
    disagreements += &disagreements_in(by_member(&report.changes), by_member(&drift), true);
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

/// Where the two sides class a key differently: every key of either (or, `shared_only`, every
/// key both name), as report lines.
fn disagreements_in(from_diff: Classes, from_check: Classes, shared_only: bool) -> String {
    let mut disagreements = String::new();
    let keys: BTreeSet<&String> = from_diff.keys().chain(from_check.keys()).collect();
    for key in keys {
        let (a, b) = (from_diff.get(key), from_check.get(key));
        if shared_only && (a.is_none() || b.is_none()) {
            continue;
        }
        if a.map(|c| c.0) != b.map(|c| c.0) {
            let show = |side: Option<&(ChangeClass, Vec<String>)>| {
                side.map_or("nothing".to_owned(), |(_, lines)| lines.join("; "))
            };
            disagreements.push_str(&format!("\n{key}:\n  diff:  {}\n  check: {}", show(a), show(b)));
        }
    }
    disagreements
}
