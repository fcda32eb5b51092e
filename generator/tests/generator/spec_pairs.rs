//! Small spec pairs for the change rules: a one-resource spec with a knob for each kind of
//! change, written to a scratch folder, and `diff` run on the pair; `check` of a crate generated
//! from the old spec, against the new, must report the same changes (its recorded API surface
//! reads back with everything the comparer reads).

use std::path::{Path, PathBuf};

use stripe_codegen::{
    check, diff_specs, generate, write as write_crate, ChangeClass, Config, DiffReport, Output,
};

use crate::support::scratch;

pub const HEAD: &str = "openapi: 3.0.0\ninfo: {title: t, version: v1}\n";

/// A model `thing` (tagged, with an ID) and a create operation, with `extra` spliced into the
/// thing's properties, `params` into the body's and `required` as the body's required list.
pub fn spec(extra: &str, params: &str, required: &str, status_values: &str) -> String {
    format!(
        "{HEAD}paths:\n  /v1/things:\n    post:\n      description: Creates a thing.\n      requestBody:\n        content:\n          application/x-www-form-urlencoded:\n            schema:\n              type: object\n              required: [{required}]\n              properties:\n                name: {{type: string, description: The name.}}\n{params}      responses:\n        \"200\":\n          description: OK.\n          content:\n            application/json:\n              schema: {{$ref: '#/components/schemas/thing'}}\ncomponents:\n  schemas:\n    thing:\n      type: object\n      description: A thing.\n      required: [id, object, status]\n      properties:\n        id: {{type: string, description: Its ID.}}\n        object: {{type: string, enum: [thing]}}\n        status: {{type: string, description: Where it stands., enum: [{status_values}]}}\n{extra}"
    )
}

pub fn base() -> String {
    spec("", "", "", "open, closed")
}

pub fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("spec");
    path
}

/// The report of `diff` on the pair, once `check` is seen to report the same.
pub fn diff(name: &str, old: &str, new: &str) -> DiffReport {
    let dir = scratch(&format!("diff/{name}"));
    let (old, new) = (write(&dir, "old.yaml", old), write(&dir, "new.yaml", new));
    let report = diff_specs(&old, &new).unwrap_or_else(|problems| panic!("{problems}"));
    assert_check_reports(&old, &new, &report, &dir);
    report
}

/// What the spec at `path` generates, leniently as `diff` lowers it.
fn generated(path: &Path) -> Output {
    let mut config = Config::new(path, "spec.yaml");
    config.lenient = true;
    generate(&config).unwrap_or_else(|problems| panic!("{problems}"))
}

/// Panics unless `check`, run on a crate generated from `old` (in a folder under `scratch`) with
/// the output of `new`, reports exactly `report`, `diff`'s report of the two specs.
pub fn assert_check_reports(old: &Path, new: &Path, report: &DiffReport, scratch: &Path) {
    let krate = scratch.join("crate");
    let _ = std::fs::remove_dir_all(&krate);
    write_crate(&generated(old), &krate).expect("the old crate is written");
    let checked = check(&generated(new), &krate).expect("checked");
    assert_eq!(checked.unclassified, None);
    assert_eq!(checked.api, *report, "check's report differs from diff's");
}

/// The report has a change of `class` on `item` whose reason contains `reason`.
pub fn has(report: &DiffReport, class: ChangeClass, item: &str, reason: &str) -> bool {
    report
        .changes
        .iter()
        .any(|c| c.class == class && c.item == item && c.reason.contains(reason))
}

/// The pairs of the rules in `diff.rs`, each named, old then new: the cases `semver_agreement.rs`
/// also runs through cargo-semver-checks.
pub fn rule_pairs() -> Vec<(&'static str, String, String)> {
    let model_field = |property: &str| {
        spec(
            &format!("        count: {{type: integer{property}}}\n"),
            "",
            "",
            "open, closed",
        )
        .replace(
            "required: [id, object, status]",
            "required: [id, object, status, count]",
        )
    };
    let note = spec("        note: {type: string}\n", "", "", "open, closed");
    let size = "                size: {type: integer}\n";
    let renamed = base().replace(
        "      description: A thing.\n",
        "      description: A thing.\n      x-stripeResource: {class_name: Widget}\n",
    );
    let sub = |properties: &str| {
        spec(
            &format!("        sub: {{type: object, description: A part., {properties}}}\n"),
            "",
            "",
            "open, closed",
        )
    };
    vec![
        (
            "loses-default",
            sub("properties: {a: {type: string, nullable: true}}"),
            sub("required: [a], properties: {a: {type: string}}"),
        ),
        (
            "new-loses-argument",
            model_field(""),
            model_field(", nullable: true"),
        ),
        (
            "tag-becomes-plain-string",
            base(),
            base().replace("object: {type: string, enum: [thing]}", "object: {type: string}"),
        ),
        ("enum-added", base(), spec("", "", "", "open, closed, paused")),
        ("enum-removed", base(), spec("", "", "", "open")),
        ("field-added", base(), note.clone()),
        ("field-removed", note, base()),
        ("model-field-required", base(), model_field("")),
        ("model-field-nullable", base(), model_field(", nullable: true")),
        (
            "field-retyped",
            spec("        count: {type: integer}\n", "", "", "open, closed"),
            spec("        count: {type: string}\n", "", "", "open, closed"),
        ),
        ("now-required", base(), spec("", "", "name", "open, closed")),
        ("no-longer-required", spec("", "", "name", "open, closed"), base()),
        ("param-added", base(), spec("", size, "", "open, closed")),
        (
            "required-param-added",
            base(),
            spec("", size, "size", "open, closed"),
        ),
        ("renamed", base(), renamed),
    ]
}

/// The rule pair `name` of [`rule_pairs`], old then new.
pub fn rule_pair(name: &str) -> (String, String) {
    let (_, old, new) = rule_pairs()
        .into_iter()
        .find(|(n, ..)| *n == name)
        .unwrap_or_else(|| panic!("no rule pair `{name}`"));
    (old, new)
}
