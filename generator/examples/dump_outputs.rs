//! Writes every output the generator makes from the project's inputs into one folder, so a
//! restructuring can be proved byte-identical with `diff -r` against the same dump made on the
//! previous main (the method the README's "byte-identical" claims use):
//!
//! ```text
//! cargo run --release -p stripe-codegen --example dump_outputs -- /tmp/after [FULL_SPEC]
//! diff -r /tmp/before /tmp/after
//! ```
//!
//! It dumps `spec/` (as `generated/` gets it), every fixture, every file case of the corpus
//! (accepted outputs, or the rendered problems of a rejected one), and, when a full Stripe spec is
//! given (`../shared/upstream/stripe-2023-08-16/spec3.yaml`), every resource trimmed out of it and
//! the whole spec in one lenient run. Warnings are dumped beside the files (`warnings.txt`): the
//! names a run moved aside and why are output too.

use std::fs;
use std::path::{Path, PathBuf};

use stripe_codegen::{
    generate, generate_from_str, resources_with_operations, trim_value, Config, Output, TrimOptions,
};

fn main() {
    let mut args = std::env::args_os().skip(1);
    let Some(out) = args.next().map(PathBuf::from) else {
        eprintln!("usage: dump_outputs OUT_DIR [FULL_SPEC]");
        std::process::exit(2);
    };
    let full_spec = args.next().map(PathBuf::from);
    let generator = Path::new(env!("CARGO_MANIFEST_DIR"));
    let root = generator.join("..");
    if out.exists() {
        fs::remove_dir_all(&out).expect("the output folder can be replaced");
    }

    let spec = Config::new(
        root.join("spec/identity_verification_session.yaml"),
        "spec/identity_verification_session.yaml",
    )
    .with_local_choices()
    .and_then(|config| generate(&config));
    dump(&out.join("spec"), spec.map_err(|p| p.to_string()));

    for (name, dir) in folders_with(&generator.join("tests/fixtures"), "spec.yaml") {
        let config = Config::new(dir.join("spec.yaml"), format!("fixtures/{name}/spec.yaml"));
        dump(
            &out.join("fixtures").join(&name),
            generate(&config).map_err(|p| p.to_string()),
        );
    }

    for family in sorted_entries(&generator.join("tests/corpus")) {
        for case in sorted_entries(&family) {
            let Some(text) = fs::read_to_string(&case).ok() else {
                continue;
            };
            let name = format!("{}/{}", file_name(&family), file_name(&case));
            let config = Config::new(file_name(&case), format!("corpus/{name}"));
            dump(
                &out.join("corpus").join(&name),
                generate_from_str(&text, &config).map_err(|p| p.to_string()),
            );
        }
    }

    if let Some(path) = full_spec {
        dump_full_spec(&out, &path);
    }
    eprintln!("dumped into {}", out.display());
}

/// Every resource of a full spec trimmed and generated leniently, then the whole spec at once.
fn dump_full_spec(out: &Path, path: &Path) {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let document: serde_yaml::Value = serde_yaml::from_str(&text).expect("the full spec is YAML");
    for resource in resources_with_operations(&document).keys() {
        let options = TrimOptions {
            resource: Some(resource.clone()),
            ..TrimOptions::default()
        };
        let result = trim_value(&document, &options)
            .and_then(|v| serde_yaml::to_string(&v).map_err(|e| e.to_string()))
            .and_then(|trimmed| {
                let mut config = Config::new(format!("{resource}.yaml"), format!("{resource}.yaml"));
                config.lenient = true;
                generate_from_str(&trimmed, &config).map_err(|p| p.to_string())
            });
        dump(&out.join("full").join(resource), result);
    }
    let mut config = Config::new("spec3.yaml", "spec3.yaml");
    config.lenient = true;
    dump(
        &out.join("full-whole"),
        generate_from_str(&text, &config).map_err(|p| p.to_string()),
    );
}

fn dump(dir: &Path, result: Result<Output, String>) {
    fs::create_dir_all(dir).expect("the dump folder is writable");
    match result {
        Ok(output) => {
            for (relative, contents) in &output.files {
                let path = dir.join(relative);
                fs::create_dir_all(path.parent().expect("a file has a parent")).expect("writable");
                fs::write(path, contents).expect("writable");
            }
            fs::write(dir.join("warnings.txt"), output.warnings.to_string()).expect("writable");
        }
        Err(problems) => fs::write(dir.join("problems.txt"), problems).expect("writable"),
    }
}

fn folders_with(dir: &Path, file: &str) -> Vec<(String, PathBuf)> {
    sorted_entries(dir)
        .into_iter()
        .filter(|path| path.join(file).is_file())
        .map(|path| (file_name(&path), path))
        .collect()
}

fn sorted_entries(dir: &Path) -> Vec<PathBuf> {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .map(|read| read.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    entries.sort();
    entries
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned()
}
