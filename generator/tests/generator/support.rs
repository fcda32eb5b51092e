//! What several test modules need, written once: a scratch folder per test, the CLI run with
//! arguments, and generated outputs compiled for real in a scratch crate under `target/`, with
//! warnings and missing docs denied.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;

use stripe_codegen::Output;

/// The scratch folders handed out so far in this process.
static SCRATCH_NAMES: Mutex<BTreeSet<String>> = Mutex::new(BTreeSet::new());

/// An empty folder `target/generator-tests/<name>` (emptied if an earlier run left it). Each
/// test takes names of its own (`cli/drift`, `diff/equal`): the tests run in parallel threads
/// of one binary, so a name asked for twice is a mistake and panics rather than letting two
/// tests write into one folder.
pub fn scratch(name: &str) -> PathBuf {
    let fresh = SCRATCH_NAMES
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .insert(name.to_owned());
    assert!(fresh, "the scratch folder `{name}` is already another test's");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../target/generator-tests")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

/// The `stripe-codegen` binary run with `args`, to the end.
pub fn run(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_stripe-codegen"))
        .args(args)
        .output()
        .expect("the binary runs")
}

/// The prelude names generated code must not rely on (as in the root package's `src/lib.rs`).
const SHADOWED: &[&str] = &[
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "String",
    "Vec",
    "Box",
    "Clone",
    "Debug",
    "PartialEq",
    "Eq",
    "Hash",
    "Default",
    "ToString",
    "Into",
    "From",
];

/// Writes each output as a module of a scratch crate named `crate_name` under `target/` and runs
/// `cargo check` on it (offline, with the workspace's lockfile) twice: with the request builders,
/// and types-only (`--no-default-features`: the models against the runtime without `requests`,
/// what a user's `default-features = false` builds). Returns the compiler's errors.
pub fn compile_outputs<'a>(
    crate_name: &str,
    outputs: impl IntoIterator<Item = (&'a str, &'a Output)>,
) -> Result<(), String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let dir = root.join("target").join(crate_name);
    let src = dir.join("src");
    let _ = std::fs::remove_dir_all(&src);
    std::fs::create_dir_all(&src).map_err(|e| e.to_string())?;
    let runtime = root.join("runtime").canonicalize().map_err(|e| e.to_string())?;
    let manifest = format!(
        "[package]\nname = \"{crate_name}\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n[dependencies]\n\
         serde = {{ version = \"1\", features = [\"derive\"] }}\nserde_json = \"1\"\n\
         stripe-runtime = {{ path = {:?}, default-features = false }}\n\n\
         [features]\ndefault = [\"requests\"]\nrequests = [\"stripe-runtime/requests\"]\n\n[workspace]\n",
        runtime.display().to_string()
    );
    std::fs::write(dir.join("Cargo.toml"), manifest).map_err(|e| e.to_string())?;
    // Same versions as the workspace, resolved offline.
    std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).map_err(|e| e.to_string())?;
    // Every case is compiled where the prelude's names mean something else (as the root
    // package compiles spec/'s output), so output that relies on the prelude fails here.
    let mut lib = String::from(
        "//! Generated outputs under test.\n#![deny(warnings, missing_docs)]\n\
         /// Stand-ins for prelude names.\n#[allow(dead_code, missing_docs)]\nmod shadowed_prelude {\n",
    );
    for name in SHADOWED {
        let _ = writeln!(lib, "    pub struct {name};");
    }
    lib.push_str("}\n");
    for (name, output) in outputs {
        let folder = src.join(name);
        std::fs::create_dir_all(&folder).map_err(|e| e.to_string())?;
        for (file, text) in &output.files {
            let target = folder.join(Path::new(file).file_name().unwrap_or_default());
            std::fs::write(target, text).map_err(|e| e.to_string())?;
        }
        let _ = writeln!(
            lib,
            "/// Case `{name}`.\npub mod {name} {{\n    /// Models.\n    pub mod types {{\n        \
             #[allow(unused_imports)]\n        use crate::shadowed_prelude::*;\n        include!(\"{name}/types.rs\");\n    }}\n    \
             /// Builders.\n    #[cfg(feature = \"requests\")]\n    pub mod requests {{\n        #[allow(unused_imports)]\n        use crate::shadowed_prelude::*;\n        \
             include!(\"{name}/requests.rs\");\n    }}\n    \
             /// Validation table.\n    pub mod validation {{\n        #[allow(unused_imports)]\n        use crate::shadowed_prelude::*;\n        \
             include!(\"{name}/validation.rs\");\n    }}\n}}"
        );
    }
    std::fs::write(src.join("lib.rs"), lib).map_err(|e| e.to_string())?;
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    for features in [&[][..], &["--no-default-features"][..]] {
        let result = Command::new(&cargo)
            .args(["check", "--quiet", "--offline", "--manifest-path"])
            .arg(dir.join("Cargo.toml"))
            .args(features)
            // One target directory for every scratch crate: their dependencies (serde's derive,
            // stripe-runtime, …) are checked once, not once per test. Cargo's lock on the
            // directory orders tests that get here at the same time.
            .env("CARGO_TARGET_DIR", root.join("target").join("scratch-check"))
            .output()
            .map_err(|e| e.to_string())?;
        if !result.status.success() {
            let build = if features.is_empty() {
                "with the request builders"
            } else {
                "types-only"
            };
            let errors: Vec<&str> = std::str::from_utf8(&result.stderr)
                .unwrap_or_default()
                .lines()
                .take(80)
                .collect();
            return Err(format!("{build}:\n{}", errors.join("\n")));
        }
    }
    Ok(())
}
