//! `diff`: one small spec pair per rule (each change classified as the semver rules say), the
//! report's three formats and exit codes, and (opt-in) Stripe's real upgrade of this resource
//! from 2023-08-16 to 2026-09-30.endive.

use std::path::Path;
use std::process::Command;

use stripe_codegen::{diff_specs, ChangeClass};

use crate::spec_pairs::{self, base, diff, has, spec, write, HEAD};
use crate::support::{run, scratch};

#[test]
fn equal_specs_report_none() {
    let report = diff("equal", &base(), &base());
    assert_eq!(report.verdict_str(), "none", "{report:?}");
}

#[test]
fn an_added_enum_value_alone_is_additive() {
    let report = diff("enum-added", &base(), &spec("", "", "", "open, closed, paused"));
    assert_eq!(report.verdict_str(), "additive", "{report:?}");
    assert!(has(
        &report,
        ChangeClass::Additive,
        "ThingStatus::Paused",
        "a new value `paused`"
    ));
}

#[test]
fn a_changed_description_alone_is_docs() {
    let new = base().replace("description: A thing.", "description: A thing, described better.");
    let report = diff("docs", &base(), &new);
    assert_eq!(report.verdict_str(), "docs", "{report:?}");
    assert!(has(&report, ChangeClass::Docs, "Thing", "description"));
}

#[test]
fn removed_values_fields_and_types_are_breaking() {
    let report = diff("removed", &base(), &spec("", "", "", "open"));
    assert!(has(
        &report,
        ChangeClass::Breaking,
        "ThingStatus::Closed",
        "removed"
    ));
    let with_field = spec("        note: {type: string}\n", "", "", "open, closed");
    let report = diff("field-removed", &with_field, &base());
    assert!(has(&report, ChangeClass::Breaking, "Thing::note", "removed"));
    let report = diff("field-added", &base(), &with_field);
    assert!(has(&report, ChangeClass::Additive, "Thing::note", "a new field"));
    assert_eq!(report.verdict_str(), "additive");
}

#[test]
fn a_field_added_to_a_model_is_breaking_only_when_new_takes_it() {
    // Models are `#[non_exhaustive]` and built with `new`, which takes every field that is not an
    // `Option`: such a field breaks every call of `new` (cargo-semver-checks: a method's
    // parameter count changed); a nullable or optional one breaks nothing.
    let (old, new) = spec_pairs::rule_pair("model-field-required");
    let report = diff("model-field-required", &old, &new);
    assert!(
        has(&report, ChangeClass::Breaking, "Thing::count", "`new` takes it"),
        "{report:?}"
    );
    assert_eq!(report.verdict_str(), "breaking");
    let (old, new) = spec_pairs::rule_pair("model-field-nullable");
    let report = diff("model-field-nullable", &old, &new);
    assert!(
        has(&report, ChangeClass::Additive, "Thing::count", "a new field"),
        "{report:?}"
    );
    assert_eq!(report.verdict_str(), "additive");
}

#[test]
fn a_change_to_how_a_struct_is_built_is_breaking() {
    // `new`'s arguments and `Default` are the struct's constructors: whatever changes them
    // breaks the code that called them (cargo-semver-checks: a method's arity, a method gone).
    let pair = |name: &str| {
        let (old, new) = spec_pairs::rule_pair(name);
        diff(name, &old, &new)
    };
    let report = pair("loses-default");
    assert!(
        has(
            &report,
            ChangeClass::Breaking,
            "ThingSub",
            "no longer implements `Default`"
        ),
        "{report:?}"
    );
    let report = pair("new-loses-argument");
    assert!(
        has(
            &report,
            ChangeClass::Breaking,
            "Thing::new",
            "(count, id, status) -> (id, status)"
        ),
        "{report:?}"
    );
    let report = pair("tag-becomes-plain-string");
    assert!(
        has(
            &report,
            ChangeClass::Breaking,
            "Thing::new",
            "(id, status) -> (id, object, status)"
        ),
        "{report:?}"
    );
}

#[test]
fn new_taking_its_arguments_in_another_order_is_breaking() {
    // `a` in the query and `b` in the body, then the other way round: `new(a, b)` becomes
    // `new(b, a)`, both strings, so every call compiles and sends each value as the other.
    let op = |query: &str, body: &str| {
        format!("{HEAD}paths:\n  /v1/things:\n    post:\n      description: Creates a thing.\n      parameters:\n      - {{name: {query}, in: query, required: true, schema: {{type: string}}}}\n      requestBody:\n        content:\n          application/x-www-form-urlencoded:\n            schema:\n              type: object\n              required: [{body}]\n              properties:\n                {body}: {{type: string}}\n      responses:\n        \"200\":\n          description: OK.\n          content:\n            application/json:\n              schema: {{type: object, description: Anything., additionalProperties: true}}\ncomponents: {{schemas: {{}}}}\n")
    };
    let report = diff("arguments-swapped", &op("a", "b"), &op("b", "a"));
    assert!(
        has(
            &report,
            ChangeClass::Breaking,
            "CreateThing::new",
            "(a, b) -> (b, a)"
        ),
        "{report:?}"
    );
}

#[test]
fn an_object_tag_that_changes_is_a_change_and_nullable_on_an_optional_field_is_none() {
    let retagged = base().replace("enum: [thing]", "enum: [widget]");
    let report = diff("retagged", &base(), &retagged);
    assert!(
        has(
            &report,
            ChangeClass::Additive,
            "Thing",
            "`object` tag changes from `thing` to `widget`"
        ),
        "{report:?}"
    );
    // Optional already, and written back the same: nothing users can tell.
    let note = |extra: &str| {
        spec(
            &format!("        note: {{type: string{extra}}}\n"),
            "",
            "",
            "open, closed",
        )
    };
    let report = diff("nullable-optional", &note(""), &note(", nullable: true"));
    assert_eq!(report.verdict_str(), "none", "{report:?}");
}

#[test]
fn a_changed_field_type_or_optionality_is_breaking() {
    let old = spec("        count: {type: integer}\n", "", "", "open, closed");
    let new = spec("        count: {type: string}\n", "", "", "open, closed");
    let report = diff("type", &old, &new);
    assert!(has(
        &report,
        ChangeClass::Breaking,
        "Thing::count",
        "from `i64` to `String`"
    ));
    let nullable = base().replace("status: {type: string,", "status: {nullable: true, type: string,");
    let report = diff("nullable", &base(), &nullable);
    assert!(has(
        &report,
        ChangeClass::Breaking,
        "Thing::status",
        "becomes an `Option`"
    ));
    let report = diff("not-nullable", &nullable, &base());
    assert!(has(
        &report,
        ChangeClass::Breaking,
        "Thing::status",
        "stops being an `Option`"
    ));
    let change = report
        .changes
        .iter()
        .find(|c| c.item == "Thing::status")
        .expect("change");
    assert_eq!(
        change.new_pointer.as_deref(),
        Some("#/components/schemas/thing/properties/status")
    );
}

#[test]
fn parameters_that_become_or_stop_being_required_are_breaking() {
    let optional = base();
    let required = spec("", "", "name", "open, closed");
    let report = diff("now-required", &optional, &required);
    assert!(has(
        &report,
        ChangeClass::Breaking,
        "CreateThing::new",
        "becomes required: `new` gains an argument"
    ));
    // Its setter goes too (cargo-semver-checks: a method removed).
    assert!(
        has(
            &report,
            ChangeClass::Breaking,
            "CreateThing::name",
            "the setter `.name(…)` is gone"
        ),
        "{report:?}"
    );
    let report = diff("no-longer-required", &required, &optional);
    assert!(has(
        &report,
        ChangeClass::Breaking,
        "CreateThing::new",
        "stops being required: `new` loses an argument"
    ));
    let with_param = spec("", "                size: {type: integer}\n", "", "open, closed");
    let report = diff("param-added", &base(), &with_param);
    assert!(has(
        &report,
        ChangeClass::Additive,
        "CreateThing::size",
        "a new optional parameter"
    ));
    let required_param = spec(
        "",
        "                size: {type: integer}\n",
        "size",
        "open, closed",
    );
    let report = diff("required-param-added", &base(), &required_param);
    assert!(has(
        &report,
        ChangeClass::Breaking,
        "CreateThing::new",
        "a new required parameter `size`"
    ));
}

#[test]
fn a_renamed_schema_renames_its_type_once() {
    let renamed = base().replace(
        "      description: A thing.\n",
        "      description: A thing.\n      x-stripeResource: {class_name: Widget}\n",
    );
    let report = diff("renamed", &base(), &renamed);
    assert!(
        has(&report, ChangeClass::Breaking, "Thing", "renamed to `Widget`"),
        "{report:?}"
    );
    // Fields that hold it are not reported again as changed types.
    assert!(
        !report
            .changes
            .iter()
            .any(|c| c.reason.contains("its response changes")),
        "{report:?}"
    );
}

#[test]
fn removed_and_added_builders() {
    let none = format!("{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    thing: {{type: object, description: A thing., properties: {{id: {{type: string}}}}}}\n");
    let report = diff("builder-added", &none, &base());
    assert!(has(
        &report,
        ChangeClass::Additive,
        "CreateThing",
        "a new builder"
    ));
    let report = diff("builder-removed", &base(), &none);
    assert!(has(&report, ChangeClass::Breaking, "CreateThing", "removed"));
}

#[test]
fn the_cli_prints_json_and_markdown_and_denies_breaking_changes() {
    let dir = scratch("diff/cli");
    let old = write(&dir, "old.yaml", &base());
    let new = write(&dir, "new.yaml", &spec("", "", "", "open"));
    let (old, new) = (
        old.to_string_lossy().into_owned(),
        new.to_string_lossy().into_owned(),
    );
    let json = run(&["diff", "--old", &old, "--new", &new, "--format", "json"]);
    assert_eq!(json.status.code(), Some(0));
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
    assert_eq!(value["verdict"], "breaking");
    let first = &value["changes"][0];
    for key in ["class", "item", "old_pointer", "new_pointer", "reason"] {
        assert!(first.get(key).is_some(), "{key} missing in {first}");
    }
    let markdown = run(&["diff", "--old", &old, "--new", &new, "--format", "markdown"]);
    let text = String::from_utf8_lossy(&markdown.stdout);
    assert!(
        text.starts_with("### API changes: breaking") && text.contains("| `ThingStatus::Closed` |"),
        "{text}"
    );
    let denied = run(&["diff", "--old", &old, "--new", &new, "--deny-breaking"]);
    assert_eq!(denied.status.code(), Some(3));
    let fine = run(&["diff", "--old", &old, "--new", &old, "--deny-breaking"]);
    assert_eq!(fine.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&fine.stdout).starts_with("verdict: none"));
}

#[test]
#[ignore = "needs ../shared/upstream (not in a user's clone); .ci/run runs it"]
fn stripes_2023_to_2026_upgrade_is_reported_as_breaking_with_what_really_changed() {
    let upstream = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/upstream");
    let old = upstream.join("stripe-2023-08-16/identity_verification_session.selfcontained.yaml");
    let new = upstream.join("stripe-2026-09-30.endive/identity_verification_session.sdk.selfcontained.yaml");
    let report = diff_specs(&old, &new).unwrap_or_else(|problems| panic!("{problems}"));
    let text = report.render(stripe_codegen::Format::Text);
    assert_eq!(report.verdict_str(), "breaking", "{text}");
    let expected = [
        (
            ChangeClass::Additive,
            "VerificationSession::provided_details",
            "a new field",
        ),
        (
            ChangeClass::Additive,
            "VerificationSession::related_person",
            "a new field",
        ),
        (
            ChangeClass::Additive,
            "VerificationSession::verification_flow",
            "a new field",
        ),
        (
            ChangeClass::Additive,
            "VerificationSessionType::VerificationFlow",
            "a new value",
        ),
        (
            ChangeClass::Additive,
            "VerificationSessionRedactionStatus::Validated",
            "a new value",
        ),
        (
            ChangeClass::Breaking,
            "IdentityVerificationSession",
            "renamed to `VerificationSession`",
        ),
        (
            ChangeClass::Breaking,
            "CreateVerificationSession::new",
            "`type` stops being required",
        ),
        (
            ChangeClass::Breaking,
            "VerificationSession::type_",
            "stops being an `Option`",
        ),
    ];
    for (class, item, reason) in expected {
        assert!(
            has(&report, class, item, reason),
            "missing {class:?} {item} ({reason}) in:\n{text}"
        );
    }
}

#[test]
#[ignore = "needs ../shared/upstream (not in a user's clone); .ci/run runs it"]
fn check_of_a_2023_crate_against_the_2026_spec_reports_what_diff_does() {
    let upstream = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/upstream");
    let old = upstream.join("stripe-2023-08-16/identity_verification_session.selfcontained.yaml");
    let new = upstream.join("stripe-2026-09-30.endive/identity_verification_session.sdk.selfcontained.yaml");
    let report = diff_specs(&old, &new).unwrap_or_else(|problems| panic!("{problems}"));
    assert!(report.changes.len() > 100, "the upgrade changes much: {report:?}");
    spec_pairs::assert_check_reports(&old, &new, &report, &scratch("diff/upgrade-check"));
}

#[test]
#[ignore = "needs ../shared/upstream (not in a user's clone); .ci/run runs it"]
fn update_from_stripes_specs_works_end_to_end_on_a_copy_of_the_repository() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let upstream = root.join("../shared/upstream");
    let copy = scratch("diff/update");
    for folder in ["spec", "generated/src"] {
        std::fs::create_dir_all(copy.join(folder)).expect("folder");
        for entry in std::fs::read_dir(root.join(folder)).expect("folder").flatten() {
            std::fs::copy(entry.path(), copy.join(folder).join(entry.file_name())).expect("copy");
        }
    }
    std::fs::copy(
        root.join("generated/.stripe-codegen-files"),
        copy.join("generated/.stripe-codegen-files"),
    )
    .expect("manifest");
    let update = |from: &Path, dry_run: bool| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_stripe-codegen"));
        command.current_dir(&copy).arg("update").arg("--from").arg(from);
        if dry_run {
            command.arg("--dry-run");
        }
        command.output().expect("runs")
    };
    let spec = copy.join("spec/identity_verification_session.yaml");
    let before = std::fs::read_to_string(&spec).expect("spec");

    // A dry run reports and writes nothing.
    let full = upstream.join("stripe-2023-08-16/spec3.yaml");
    let dry = update(&full, true);
    assert_eq!(
        dry.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&dry.stderr)
    );
    assert!(String::from_utf8_lossy(&dry.stdout).starts_with("verdict: breaking"));
    assert_eq!(std::fs::read_to_string(&spec).expect("spec"), before);

    // From Stripe's whole 2023 spec: trimmed to the resource, events kept, crate regenerated.
    let done = update(&full, false);
    assert_eq!(
        done.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    let stdout = String::from_utf8_lossy(&done.stdout);
    assert!(
        stdout.contains("API_VERSION: the pinned API version changes"),
        "{stdout}"
    );
    assert!(stdout.contains("wrote generated/src/types.rs"), "{stdout}");
    let written = std::fs::read_to_string(&spec).expect("spec");
    assert!(written.contains("identity.verification_session.verified") && !written.contains("/v1/customers"));

    // Then from the 2026 resource spec: back to what spec/ is made from, redactions and all.
    let done = update(
        &upstream.join("stripe-2026-09-30.endive/identity_verification_session.sdk.yaml"),
        false,
    );
    assert_eq!(
        done.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    assert!(String::from_utf8_lossy(&done.stderr).contains("note: kept `event` from the current spec"));
    let check = Command::new(env!("CARGO_BIN_EXE_stripe-codegen"))
        .current_dir(&copy)
        .arg("check")
        .output()
        .expect("runs");
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    let types = std::fs::read_to_string(copy.join("generated/src/types.rs")).expect("types");
    assert!(types.contains("pub url: Option<::stripe_runtime::Secret>"));
    assert!(types.contains("pub enum VerificationSessionEventType"));
}

#[test]
fn a_required_or_nullable_change_that_keeps_an_option_is_not_docs() {
    // `status` is required-but-nullable, then optional: still an `Option`, but written back
    // differently (left out instead of `null`).
    let old = base().replace("status: {type: string,", "status: {nullable: true, type: string,");
    let new = old.replace("required: [id, object, status]", "required: [id, object]");
    let report = diff("required-only", &old, &new);
    assert_eq!(report.verdict_str(), "additive", "{report:?}");
    assert!(has(
        &report,
        ChangeClass::Additive,
        "Thing::status",
        "still an `Option`"
    ));
}

#[test]
fn update_writes_nothing_when_the_new_spec_does_not_generate() {
    let dir = scratch("diff/update-refused");
    std::fs::create_dir_all(dir.join("spec")).expect("spec folder");
    let with_link = base().replace(
        "        id: {type: string, description: Its ID.}\n",
        "        id: {type: string, description: Its ID.}\n        link: {type: string}\n",
    );
    let spec = write(
        &dir.join("spec"),
        "identity_verification_session.yaml",
        &with_link,
    );
    write(
        &dir.join("spec"),
        "stripe-codegen.yaml",
        "secrets:\n  - \"#/components/schemas/thing/properties/link\"\n",
    );
    // Upstream renamed the secret field: the entry matches nothing any more.
    let renamed = write(
        &dir,
        "renamed.yaml",
        &with_link.replace("        link:", "        redirect_link:"),
    );
    let update = |dry_run: bool| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_stripe-codegen"));
        command
            .current_dir(&dir)
            .arg("update")
            .arg("--from")
            .arg(&renamed);
        if dry_run {
            command.arg("--dry-run");
        }
        command.output().expect("runs")
    };
    for dry_run in [true, false] {
        let output = update(dry_run);
        assert_eq!(output.status.code(), Some(1), "dry run {dry_run}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains("stripe-codegen.yaml:2:3: error at #/secrets/0"),
            "{stderr}"
        );
        assert_eq!(
            std::fs::read_to_string(&spec).expect("spec"),
            with_link,
            "the spec is untouched"
        );
        assert!(!dir.join("generated").exists(), "nothing is generated");
    }
}
