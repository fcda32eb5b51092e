//! The `stripe-codegen` binary end to end: exit codes (0, 1 for a bad spec or stale output, 2 for
//! bad usage), `generate` touching only what it owns (removing only files its manifest records,
//! writing atomically, making a crate where there is none), `check` telling a stale file (with
//! `diff`'s classes of the API change), a hand edit and an orphan apart, each with its lines and
//! the fix, and `trim` writing a spec that becomes a crate cargo builds.

use std::path::Path;
use std::process::Command;

use crate::support::{run, scratch};

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}/spec.yaml", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn bad_usage_exits_2_with_the_usage() {
    // Every per-command --help documents its flags, and exits 0.
    for command in ["generate", "check", "trim", "diff", "update"] {
        let output = run(&[command, "--help"]);
        assert_eq!(output.status.code(), Some(0), "{command}");
        assert!(
            String::from_utf8_lossy(&output.stdout).contains("--"),
            "{command}"
        );
    }
    for args in [
        &["frob"][..],
        &["generate", "--bogus", "x"],
        &["check", "--spec"],
        &["trim", "--spec", "x"],
        &[],
    ] {
        let output = run(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(
            {
                // clap's error: the usage line, or the pointer to `--help`.
                let stderr = String::from_utf8_lossy(&output.stderr).to_lowercase();
                stderr.contains("usage:") || stderr.contains("--help")
            },
            "{args:?}"
        );
    }
}

#[test]
fn check_reports_a_hand_edit_with_its_lines() {
    let out = scratch("cli/hand-edit");
    let out_text = out.to_string_lossy().into_owned();
    let spec = fixture("form_body");
    let generated = run(&["generate", "--spec", &spec, "--out", &out_text]);
    assert_eq!(generated.status.code(), Some(0));
    assert_eq!(
        run(&["check", "--spec", &spec, "--out", &out_text]).status.code(),
        Some(0)
    );

    let requests = out.join("src/requests.rs");
    let text = std::fs::read_to_string(&requests).expect("generated");
    let line = 1 + text
        .lines()
        .position(|line| line.contains("Creates an order."))
        .expect("the builder's docs");
    std::fs::write(&requests, text.replace("Creates an order.", "Hand edit.")).expect("edit");
    let checked = run(&["check", "--spec", &spec, "--out", &out_text]);
    assert_eq!(checked.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&checked.stderr);
    // A hand edit, not a stale file, shown with its lines: numbered on disk (`-`) and in what
    // the generator makes (`+`).
    assert!(stderr.contains("src/requests.rs was edited by hand"), "{stderr}");
    assert!(
        stderr.contains(&format!("\n{line:>5}       -/// Hand edit.\n"))
            && stderr.contains(&format!("\n      {line:>5} +/// Creates an order.\n")),
        "{stderr}"
    );
    assert!(!stderr.contains("is stale"), "{stderr}");
    // The API the crate records is the one the spec generates: nothing to class.
    assert!(!stderr.contains("verdict:"), "{stderr}");
    assert!(
        stderr.contains("run `cargo run -p stripe-codegen -- generate --spec "),
        "{stderr}"
    );
}

/// The crate fixture `fixture` generates, in scratch folder `name`: the folder, as text, and the
/// spec's path.
fn generated_crate(name: &str, fixture_name: &str) -> (std::path::PathBuf, String, String) {
    let out = scratch(name);
    let out_text = out.to_string_lossy().into_owned();
    let spec = fixture(fixture_name);
    let generated = run(&["generate", "--spec", &spec, "--out", &out_text]);
    assert_eq!(generated.status.code(), Some(0));
    (out, out_text, spec)
}

#[test]
fn check_without_a_manifest_calls_a_hand_edit_what_it_is() {
    // No fingerprint to go by: the file differs while the recorded API is the fresh one, so the
    // spec did not change it; a person did.
    let (out, out_text, spec) = generated_crate("cli/hand-edit-no-manifest", "form_body");
    std::fs::remove_file(out.join(".stripe-codegen-files")).expect("the manifest is there");
    let requests = out.join("src/requests.rs");
    let text = std::fs::read_to_string(&requests).expect("generated");
    std::fs::write(&requests, text.replace("Creates an order.", "Hand edit.")).expect("edit");
    let checked = run(&["check", "--spec", &spec, "--out", &out_text]);
    assert_eq!(checked.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&checked.stderr);
    assert!(stderr.contains("src/requests.rs was edited by hand"), "{stderr}");
    assert!(!stderr.contains("src/requests.rs is stale"), "{stderr}");
}

#[test]
fn check_without_a_manifest_calls_a_file_the_spec_changed_stale() {
    // The same spec under another path: every header names it, so every file (the surface
    // included) differs, and regenerating is what fixes them; nobody edited anything.
    let dir = scratch("cli/stale-no-manifest");
    let out = dir.join("crate");
    let out_text = out.to_string_lossy().into_owned();
    let spec = fixture("form_body");
    assert_eq!(
        run(&["generate", "--spec", &spec, "--out", &out_text])
            .status
            .code(),
        Some(0)
    );
    std::fs::remove_file(out.join(".stripe-codegen-files")).expect("the manifest is there");
    let moved = dir.join("moved.yaml");
    std::fs::copy(&spec, &moved).expect("copy");
    let checked = run(&["check", "--spec", &moved.to_string_lossy(), "--out", &out_text]);
    assert_eq!(checked.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&checked.stderr);
    assert!(stderr.contains("src/requests.rs is stale"), "{stderr}");
    assert!(!stderr.contains("edited by hand"), "{stderr}");
}

#[test]
fn check_of_an_orphan_alone_reports_no_api_change() {
    let (out, out_text, spec) = generated_crate("cli/orphan-only", "form_body");
    // A file an earlier run wrote that this one does not: marked, and in the manifest.
    let types = std::fs::read_to_string(out.join("src/types.rs")).expect("generated");
    std::fs::write(out.join("src/extra.rs"), &types).expect("orphan");
    let manifest_path = out.join(".stripe-codegen-files");
    let manifest = std::fs::read_to_string(&manifest_path).expect("manifest");
    let types_line = manifest
        .lines()
        .find(|line| line.starts_with("src/types.rs "))
        .expect("types.rs is recorded");
    let extra = types_line.replacen("src/types.rs", "src/extra.rs", 1);
    std::fs::write(&manifest_path, format!("{manifest}{extra}\n")).expect("manifest");
    let checked = run(&["check", "--spec", &spec, "--out", &out_text]);
    assert_eq!(checked.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&checked.stderr);
    assert!(
        stderr.contains("src/extra.rs is a generated file the spec no longer produces"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("what regenerating changes in the API"),
        "{stderr}"
    );
}

/// A model with an ID and a builder that returns it; `extra` goes in the model's schema.
fn thing_spec(extra: &str, note: &str) -> String {
    format!(
        "openapi: 3.0.0\ninfo: {{title: t, version: v1}}\npaths:\n  /v1/things:\n    post:\n      description: Creates a thing.\n      requestBody:\n        content:\n          application/x-www-form-urlencoded:\n            schema: {{type: object, properties: {{name: {{type: string, description: The name.}}}}}}\n      responses:\n        \"200\":\n          description: OK.\n          content:\n            application/json:\n              schema: {{$ref: '#/components/schemas/thing'}}\ncomponents:\n  schemas:\n    thing:\n      type: object\n      description: A thing.\n{extra}      required: [id, object]\n      properties:\n        id: {{type: string, description: Its ID.}}\n        object: {{type: string, enum: [thing]}}\n        note: {{type: string, description: {note}}}\n"
    )
}

/// Generates `old` into a scratch crate, then checks it against `new`: the exit code and stderr.
fn check_after_spec_change(name: &str, old: &str, new: &str) -> (Option<i32>, String) {
    let dir = scratch(&format!("cli/{name}"));
    let spec = dir.join("spec.yaml");
    let (spec_text, out_text) = (
        spec.to_string_lossy().into_owned(),
        dir.join("crate").to_string_lossy().into_owned(),
    );
    std::fs::write(&spec, old).expect("spec");
    let generated = run(&["generate", "--spec", &spec_text, "--out", &out_text]);
    assert_eq!(
        generated.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&generated.stderr)
    );
    std::fs::write(&spec, new).expect("spec");
    let checked = run(&["check", "--spec", &spec_text, "--out", &out_text]);
    (
        checked.status.code(),
        String::from_utf8_lossy(&checked.stderr).into_owned(),
    )
}

#[test]
fn check_classes_a_stale_crate_as_diff_does_renames_included() {
    // The schema is renamed in the spec: `check` tells a rename from a removal and an addition,
    // as `diff` does, because both compare API surfaces that record each type's spec node.
    let old = thing_spec("", "A note.");
    let renamed = thing_spec("      x-stripeResource: {class_name: Widget}\n", "A note.");
    let (code, stderr) = check_after_spec_change("stale-renamed", &old, &renamed);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("verdict: breaking\n"), "{stderr}");
    assert!(
        stderr.contains(
            "breaking  Thing: renamed to `Widget` (the schema's name changed) [#/components/schemas/thing]"
        ),
        "{stderr}"
    );
    assert!(!stderr.contains("the type `Thing` is removed"), "{stderr}");
    assert!(stderr.contains("src/types.rs is stale:"), "{stderr}");
    assert!(!stderr.contains("edited by hand"), "{stderr}");
    assert!(
        stderr.ends_with("and commit the result\n"),
        "the one-line advice comes last: {stderr}"
    );

    // Only a description: stale, and classed docs.
    let (code, stderr) = check_after_spec_change("stale-docs", &old, &thing_spec("", "A better note."));
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("verdict: docs\n"), "{stderr}");
    assert!(
        stderr.contains("docs      Thing::note: its description changed"),
        "{stderr}"
    );
    assert!(stderr.contains("src/types.rs is stale:"), "{stderr}");
}

#[test]
fn check_covers_the_recorded_api_surface_like_any_generated_file() {
    let dir = scratch("cli/surface");
    let out = dir.join("crate");
    let (spec, out_text) = (fixture("form_body"), out.to_string_lossy().into_owned());
    assert_eq!(
        run(&["generate", "--spec", &spec, "--out", &out_text])
            .status
            .code(),
        Some(0)
    );
    let surface = out.join(stripe_codegen::SURFACE_FILE);
    let recorded = std::fs::read_to_string(&surface).expect("generate records the surface");

    // Removed: missing, and what changed cannot be classed.
    std::fs::remove_file(&surface).expect("removed");
    let checked = run(&["check", "--spec", &spec, "--out", &out_text]);
    assert_eq!(checked.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&checked.stderr);
    assert!(
        stderr.contains(".stripe-codegen-surface.json is missing"),
        "{stderr}"
    );

    // Edited by hand: reported as such, never read as the API the crate has.
    let edited = recorded.replace("Creates an order.", "Hand edit.");
    assert_ne!(edited, recorded);
    std::fs::write(&surface, edited).expect("edit");
    let checked = run(&["check", "--spec", &spec, "--out", &out_text]);
    assert_eq!(checked.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&checked.stderr);
    assert!(
        stderr.contains(".stripe-codegen-surface.json was edited by hand"),
        "{stderr}"
    );
    assert!(!stderr.contains("verdict:"), "{stderr}");

    // `generate` takes it back (it carries the mark), and the crate checks clean again.
    assert_eq!(
        run(&["generate", "--spec", &spec, "--out", &out_text])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(std::fs::read_to_string(&surface).expect("surface"), recorded);
    assert_eq!(
        run(&["check", "--spec", &spec, "--out", &out_text]).status.code(),
        Some(0)
    );
}

#[test]
fn a_bad_spec_exits_1_with_located_errors() {
    let dir = scratch("cli/bad");
    let spec = dir.join("bad.yaml");
    std::fs::write(&spec, "openapi: 3.0.0\ninfo: {title: t, version: v}\npaths: {}\ncomponents:\n  schemas:\n    a:\n      type: object\n      properties:\n        b: {$ref: '#/components/schemas/gone'}\n").expect("spec");
    let spec = spec.to_string_lossy().into_owned();
    let output = run(&["generate", "--spec", &spec, "--out", &dir.to_string_lossy()]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("bad.yaml:9:9: error at #/components/schemas/a/properties/b: dangling reference"),
        "{stderr}"
    );
}

#[test]
fn a_bad_json_spec_is_located_like_a_yaml_one() {
    let dir = scratch("cli/bad-json");
    let spec = dir.join("spec3.json");
    let text = r##"{
  "openapi": "3.0.0",
  "info": {"title": "t", "version": "v"},
  "paths": {},
  "components": {
    "schemas": {
      "a": {
        "type": "object",
        "properties": {"ok": {"type": "string"}, "b": {"$ref": "#/components/schemas/gone"}}
      }
    }
  }
}
"##;
    std::fs::write(&spec, text).expect("spec");
    let spec = spec.to_string_lossy().into_owned();
    let output = run(&["generate", "--spec", &spec, "--out", &dir.to_string_lossy()]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("spec3.json:9:50: error at #/components/schemas/a/properties/b: dangling reference"),
        "{stderr}"
    );
}

#[test]
fn lenient_generation_warns_and_succeeds() {
    let dir = scratch("cli/lenient");
    let spec = format!("{}/tests/corpus/unsupported/not.yaml", env!("CARGO_MANIFEST_DIR"));
    let out = dir.to_string_lossy().into_owned();
    assert_eq!(
        run(&["generate", "--spec", &spec, "--out", &out]).status.code(),
        Some(1)
    );
    let output = run(&["generate", "--spec", &spec, "--out", &out, "--lenient"]);
    assert_eq!(output.status.code(), Some(0));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("warning at #/components/schemas/a/properties/b")
    );
}

#[test]
fn trim_writes_a_spec_that_generates() {
    let dir = scratch("cli/trim");
    let mini = format!("{}/tests/trim/mini_api.yaml", env!("CARGO_MANIFEST_DIR"));
    let trimmed = dir.join("customer.yaml").to_string_lossy().into_owned();
    let output = run(&[
        "trim",
        "--spec",
        &mini,
        "--resource",
        "customer",
        "--out",
        &trimmed,
    ]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        run(&["generate", "--spec", &trimmed, "--out", &dir.to_string_lossy()])
            .status
            .code(),
        Some(0)
    );
    let missing = run(&["trim", "--spec", &mini, "--resource", "nope"]);
    assert_eq!(missing.status.code(), Some(1));
}

/// Every file under `dir`, relative, with its bytes.
fn snapshot(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut files = std::collections::BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).expect("readable").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let relative = path
                    .strip_prefix(dir)
                    .expect("inside")
                    .to_string_lossy()
                    .into_owned();
                files.insert(relative, std::fs::read(&path).expect("readable"));
            }
        }
    }
    files
}

#[test]
fn generate_into_a_repository_root_changes_only_its_own_files() {
    // A miniature of this repository: a root package, a generated crate and fixture snapshots,
    // all holding marked files that belong to other crates.
    let root = scratch("cli/repo-root");
    let marked = "// @generated by stripe-codegen from elsewhere. DO NOT EDIT.\n";
    for (file, text) in [
        ("Cargo.toml", "[package]\nname = \"root\"\n"),
        ("src/lib.rs", "//! hand-written\n"),
        ("src/old_generated.rs", marked),
        ("generated/src/types.rs", marked),
        ("generated/src/requests.rs", marked),
        ("generator/tests/fixtures/x/expected/src/types.rs", marked),
    ] {
        let path = root.join(file);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("dirs");
        std::fs::write(path, text).expect("file");
    }
    let before = snapshot(&root);
    let output = run(&[
        "generate",
        "--spec",
        &fixture("form_body"),
        "--out",
        &root.to_string_lossy(),
    ]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let after = snapshot(&root);
    for (file, bytes) in &before {
        assert_eq!(after.get(file), Some(bytes), "{file} was changed or removed");
    }
    let added: Vec<&String> = after.keys().filter(|file| !before.contains_key(*file)).collect();
    let mut added: Vec<&str> = added.iter().map(|s| s.as_str()).collect();
    added.sort();
    assert_eq!(
        added,
        [
            ".stripe-codegen-files",
            ".stripe-codegen-surface.json",
            "src/requests.rs",
            "src/types.rs",
            "src/validation.rs"
        ]
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("old_generated.rs looks generated, but this generator has no record of writing it here; left alone"),
        "{stderr}"
    );
}

#[test]
fn only_files_an_earlier_run_recorded_are_removed() {
    let (out, out_text, spec) = generated_crate("cli/orphans", "form_body");
    // As if an earlier version of the spec had generated `src/old.rs`, and a person had taken
    // over `src/adopted.rs` by removing its marker.
    let manifest = out.join(".stripe-codegen-files");
    let mut recorded = std::fs::read_to_string(&manifest).expect("manifest");
    recorded.push_str("src/old.rs\nsrc/adopted.rs\n../outside.rs\n");
    std::fs::write(&manifest, recorded).expect("manifest");
    std::fs::write(
        out.join("src/old.rs"),
        "// @generated by stripe-codegen from old\n",
    )
    .expect("old");
    std::fs::write(out.join("src/adopted.rs"), "// mine now\n").expect("adopted");
    let outside = out.parent().expect("parent").join("outside.rs");
    std::fs::write(&outside, "// @generated by stripe-codegen from a neighbour\n").expect("outside");

    let checked = run(&["check", "--spec", &spec, "--out", &out_text]);
    assert_eq!(checked.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&checked.stderr);
    assert!(
        stderr.contains("src/old.rs is a generated file the spec no longer produces"),
        "{stderr}"
    );

    let generated = run(&["generate", "--spec", &spec, "--out", &out_text]);
    assert_eq!(generated.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&generated.stdout).contains("removed orphaned"));
    assert!(!out.join("src/old.rs").exists());
    assert!(out.join("src/adopted.rs").exists() && outside.exists());
    assert_eq!(
        run(&["check", "--spec", &spec, "--out", &out_text]).status.code(),
        Some(0)
    );
}

#[test]
fn files_are_replaced_whole_never_rewritten_in_place() {
    let out = scratch("cli/atomic");
    let out_text = out.to_string_lossy().into_owned();
    let spec = fixture("form_body");
    std::fs::create_dir_all(out.join("src")).expect("src");
    std::fs::write(out.join("Cargo.toml"), "[package]\nname = \"x\"\n").expect("manifest");
    // A second name for the same inode: writing in place would change it too; a rename does not.
    std::fs::write(
        out.join("src/types.rs"),
        "// @generated by stripe-codegen from an old spec\n",
    )
    .expect("stale");
    std::fs::hard_link(out.join("src/types.rs"), out.join("other-name.rs")).expect("hard link");
    assert_eq!(
        run(&["generate", "--spec", &spec, "--out", &out_text])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        std::fs::read_to_string(out.join("other-name.rs")).expect("link"),
        "// @generated by stripe-codegen from an old spec\n"
    );
    assert!(std::fs::read_to_string(out.join("src/types.rs"))
        .expect("types")
        .starts_with("// @generated"));
    let leftovers: Vec<String> = snapshot(&out)
        .into_keys()
        .filter(|f| f.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_folder_without_a_crate_becomes_one_that_builds() {
    let dir = scratch("cli/new-crate");
    let mini = format!("{}/tests/trim/mini_api.yaml", env!("CARGO_MANIFEST_DIR"));
    let spec = dir.join("customer.yaml").to_string_lossy().into_owned();
    let trimmed = run(&["trim", "--spec", &mini, "--resource", "customer", "--out", &spec]);
    assert_eq!(
        trimmed.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&trimmed.stderr)
    );
    let krate = dir.join("my-customer-crate");
    let krate_text = krate.to_string_lossy().into_owned();
    let output = run(&["generate", "--spec", &spec, "--out", &krate_text, "--lenient"]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(String::from_utf8_lossy(&output.stdout).contains("Cargo.toml (yours to edit)"));

    // A person's edit survives the next run.
    let lib = krate.join("src/lib.rs");
    let edited = format!(
        "{}\n/// Added by hand.\npub const MINE: u8 = 1;\n",
        std::fs::read_to_string(&lib).expect("lib")
    );
    std::fs::write(&lib, &edited).expect("edit");
    assert_eq!(
        run(&["generate", "--spec", &spec, "--out", &krate_text, "--lenient"])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(std::fs::read_to_string(&lib).expect("lib"), edited);

    // It builds as is (the client feature included), and as the models only.
    check_crate(&krate, None);
    check_crate(&krate, Some("--no-default-features"));

    // A spec whose types are named like what the written `lib.rs` uses (`Into`, `String`, which
    // its globs bring in) still gives a crate that builds.
    let named = dir.join("named.yaml");
    std::fs::write(
        &named,
        "openapi: 3.0.0\ninfo: {title: t, version: v1}\npaths: {}\ncomponents:\n  schemas:\n    \
         Into: {type: object, description: I., properties: {x: {type: string}}}\n    \
         String: {type: string, description: S., enum: [a, b]}\n",
    )
    .expect("spec");
    let named_crate = dir.join("named-crate");
    let generated = run(&[
        "generate",
        "--spec",
        &named.to_string_lossy(),
        "--out",
        &named_crate.to_string_lossy(),
    ]);
    assert_eq!(
        generated.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&generated.stderr)
    );
    check_crate(&named_crate, None);
}

/// `cargo check` of the crate at `krate`, offline with this workspace's lockfile, in the scratch
/// crates' shared target directory (`support`: dependencies checked once); fails the test with
/// the compiler's errors.
fn check_crate(krate: &Path, features: Option<&str>) {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    std::fs::copy(workspace.join("Cargo.lock"), krate.join("Cargo.lock")).expect("lockfile");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let built = Command::new(cargo)
        .args(["check", "--quiet", "--offline", "--manifest-path"])
        .arg(krate.join("Cargo.toml"))
        .args(features)
        .env("CARGO_TARGET_DIR", workspace.join("target/scratch-check"))
        .output()
        .expect("cargo runs");
    assert!(
        built.status.success(),
        "{}: {features:?}: {}",
        krate.display(),
        String::from_utf8_lossy(&built.stderr)
    );
}

#[test]
fn a_file_a_person_wrote_is_never_overwritten() {
    let out = scratch("cli/hand-written");
    let out_text = out.to_string_lossy().into_owned();
    std::fs::create_dir_all(out.join("src")).expect("src");
    std::fs::write(out.join("Cargo.toml"), "[package]\nname = \"mine\"\n").expect("manifest");
    std::fs::write(out.join("src/types.rs"), "// my hand-written types\n").expect("mine");
    let output = run(&["generate", "--spec", &fixture("form_body"), "--out", &out_text]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("src/types.rs was written by a person"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(out.join("src/types.rs")).expect("kept"),
        "// my hand-written types\n"
    );
    // The other file is written, and the manifest claims only it.
    let manifest = std::fs::read_to_string(out.join(".stripe-codegen-files")).expect("manifest");
    assert!(
        manifest.contains("src/requests.rs fnv1a64:") && !manifest.contains("src/types.rs"),
        "{manifest}"
    );
}

#[test]
fn odd_manifest_entries_never_remove_what_is_generated_or_reach_outside() {
    let root = scratch("cli/odd-manifest");
    let out = root.join("crate");
    let out_text = out.to_string_lossy().into_owned();
    let spec = fixture("form_body");
    assert_eq!(
        run(&["generate", "--spec", &spec, "--out", &out_text])
            .status
            .code(),
        Some(0)
    );
    // Outside the crate, reachable through a symbolic link inside it.
    let victim = root.join("victim/src");
    std::fs::create_dir_all(&victim).expect("victim");
    std::fs::write(
        victim.join("precious.rs"),
        "// @generated by stripe-codegen from elsewhere\n",
    )
    .expect("precious");
    std::os::unix::fs::symlink(root.join("victim"), out.join("link")).expect("symlink");
    let manifest = out.join(".stripe-codegen-files");
    let mut recorded = std::fs::read_to_string(&manifest).expect("manifest");
    recorded.push_str("src//types.rs\nsrc/./requests.rs\nlink/src/precious.rs\n");
    std::fs::write(&manifest, recorded).expect("manifest");

    let output = run(&["generate", "--spec", &spec, "--out", &out_text]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(!String::from_utf8_lossy(&output.stdout).contains("removed"));
    assert!(out.join("src/types.rs").exists() && out.join("src/requests.rs").exists());
    assert!(victim.join("precious.rs").exists());
    assert_eq!(
        run(&["check", "--spec", &spec, "--out", &out_text]).status.code(),
        Some(0)
    );
}

#[test]
fn a_byte_order_mark_is_not_part_of_the_spec() {
    let dir = scratch("cli/bom");
    let text = std::fs::read_to_string(fixture("form_body")).expect("fixture");
    let spec = dir.join("bom.yaml");
    std::fs::write(&spec, format!("\u{feff}{text}")).expect("spec");
    let spec = spec.to_string_lossy().into_owned();
    let output = run(&[
        "generate",
        "--spec",
        &spec,
        "--out",
        &dir.join("out").to_string_lossy(),
    ]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json = dir.join("bom.json");
    std::fs::write(&json, "\u{feff}{\n  \"openapi\": \"3.0.0\",\n  \"info\": {\"title\": \"t\", \"version\": \"v\"},\n  \"paths\": {},\n  \"components\": {\"schemas\": {\"a\": {\"type\": \"object\", \"properties\": {\"b\": {\"$ref\": \"#/components/schemas/gone\"}}}}}\n}\n").expect("json");
    let output = run(&[
        "generate",
        "--spec",
        &json.to_string_lossy(),
        "--out",
        &dir.join("out2").to_string_lossy(),
    ]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("bom.json:5:"), "{stderr}");
}

#[test]
fn headers_and_check_name_the_command_that_regenerates_this_output() {
    let (out, out_text, spec) = generated_crate("cli/own-command", "form_body");
    let types = std::fs::read_to_string(out.join("src/types.rs")).expect("types");
    let command = format!("cargo run -p stripe-codegen -- generate --spec {spec} --out {out_text}");
    assert!(
        types.contains(&format!("// Regenerate with: {command}\n")),
        "{}",
        &types[..300]
    );
    std::fs::write(out.join("src/types.rs"), format!("{types}// drift\n")).expect("drift");
    let checked = run(&["check", "--spec", &spec, "--out", &out_text]);
    assert!(String::from_utf8_lossy(&checked.stderr).contains(&format!("run `{command}`")));
}

/// The `[features]` table of a manifest: each feature and what it enables, comments and layout
/// aside.
fn features_of(manifest: &str) -> std::collections::BTreeMap<String, String> {
    let table = manifest
        .split("\n[features]\n")
        .nth(1)
        .expect("a [features] table");
    let table = table.split("\n[").next().unwrap_or_default();
    table
        .lines()
        .map(|line| line.split('#').next().unwrap_or_default().trim())
        .filter(|line| !line.is_empty())
        .filter_map(|line| line.split_once('='))
        .map(|(name, value)| (name.trim().to_owned(), value.split_whitespace().collect()))
        .collect()
}

#[test]
fn a_scaffolded_crate_has_the_features_of_the_generated_crate() {
    // A crate made by `generate --out NEW_DIR` is the same product as generated/: the same
    // features, each enabling the same runtime features.
    let dir = scratch("cli/scaffold-features");
    let spec = fixture("nullable_ref");
    let krate = dir.join("new-crate");
    let output = run(&["generate", "--spec", &spec, "--out", &krate.to_string_lossy()]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let scaffolded = std::fs::read_to_string(krate.join("Cargo.toml")).expect("scaffolded manifest");
    let generated = Path::new(env!("CARGO_MANIFEST_DIR")).join("../generated/Cargo.toml");
    let generated = std::fs::read_to_string(generated).expect("generated/Cargo.toml");
    assert_eq!(features_of(&scaffolded), features_of(&generated));
}

#[test]
fn check_takes_any_spelling_of_the_same_paths() {
    // `gen`, `gen/` and `./gen` are one folder: the header's command spells it one way.
    let dir = scratch("cli/spellings");
    let spec = dir.join("spec.yaml");
    std::fs::copy(fixture("nullable_ref"), &spec).expect("spec");
    let out = dir.join("gen");
    let generated = run(&[
        "generate",
        "--spec",
        &spec.to_string_lossy(),
        "--out",
        &out.to_string_lossy(),
    ]);
    assert_eq!(
        generated.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&generated.stderr)
    );
    let dotted_spec = format!("{}/./spec.yaml", dir.display());
    let slashed_out = format!("{}/", out.display());
    let checked = run(&["check", "--spec", &dotted_spec, "--out", &slashed_out]);
    assert_eq!(
        checked.status.code(),
        Some(0),
        "{}{}",
        String::from_utf8_lossy(&checked.stdout),
        String::from_utf8_lossy(&checked.stderr)
    );
}

#[test]
fn update_fails_and_writes_nothing_when_a_generated_file_would_be_refused() {
    // A file the crate's generation would write, written by a person (no manifest entry, no
    // marker): `generate` refuses it and fails; `update` must too, and leave the spec as it was,
    // never a spec its crate was not generated from.
    let dir = scratch("cli/update-refused");
    let spec = dir.join("spec.yaml");
    std::fs::copy(fixture("nullable_ref"), &spec).expect("spec");
    let out = dir.join("gen");
    let (spec_text, out_text) = (
        spec.to_string_lossy().into_owned(),
        out.to_string_lossy().into_owned(),
    );
    let generated = run(&["generate", "--spec", &spec_text, "--out", &out_text]);
    assert_eq!(
        generated.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&generated.stderr)
    );
    std::fs::remove_file(out.join(stripe_codegen::MANIFEST_FILE)).expect("manifest");
    std::fs::write(out.join("src/types.rs"), "// my own types\n").expect("a person's file");
    let before = std::fs::read_to_string(&spec).expect("spec");
    let newer = dir.join("newer.yaml");
    std::fs::write(&newer, before.replace("version: fixture-1", "version: fixture-2")).expect("newer spec");
    let updated = run(&[
        "update",
        "--from",
        &newer.to_string_lossy(),
        "--spec",
        &spec_text,
        "--out",
        &out_text,
    ]);
    let stderr = String::from_utf8_lossy(&updated.stderr);
    assert_eq!(updated.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("src/types.rs") && stderr.contains("not overwritten"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(&spec).expect("spec"),
        before,
        "the spec is left as it was"
    );
    assert_eq!(
        std::fs::read_to_string(out.join("src/types.rs")).expect("types"),
        "// my own types\n"
    );
}
