//! Makes a folder that holds no crate into one the generated files can live in: a `Cargo.toml`
//! depending on `stripe-runtime`, `serde` and `serde_json`, and a `src/lib.rs` declaring the
//! generated modules. Both are a person's files from then on: they are written only when absent
//! (opened with `create_new`), never rewritten, and never listed in the generator's manifest.

use std::fs::{self, OpenOptions};
use std::io::{self, Write as _};
use std::path::{Component, Path, PathBuf};

use heck::ToKebabCase;

use crate::emit::{REQUESTS_FILE, TYPES_FILE, VALIDATION_FILE};

/// What `scaffold` needs to know.
#[derive(Clone, Debug)]
pub struct ScaffoldOptions {
    /// Where the new crate gets `stripe-runtime` from.
    pub runtime: RuntimeDependency,
    /// Where the spec is, shown in `lib.rs`'s docs.
    pub spec_display: String,
}

/// Where a new crate gets `stripe-runtime` from.
#[derive(Clone, Debug)]
pub enum RuntimeDependency {
    /// The crate in this folder, by path (a clone of the generator's repository, or `--runtime`).
    Path(PathBuf),
    /// crates.io, at the version released with this generator (an installed `stripe-codegen`).
    Registry,
}

/// The `stripe-runtime` version a crate from the registry depends on: the generator and the
/// runtime are released together, with one version.
pub const RUNTIME_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Creates `dir/Cargo.toml` and `dir/src/lib.rs` when `dir` holds no `Cargo.toml`; returns the
/// files created, relative to `dir` (none when a crate is already there).
pub fn scaffold(dir: &Path, options: &ScaffoldOptions) -> io::Result<Vec<String>> {
    if dir.join("Cargo.toml").exists() {
        return Ok(Vec::new());
    }
    fs::create_dir_all(dir.join("src"))?;
    let dir_abs = absolute(dir)?;
    let runtime = match &options.runtime {
        RuntimeDependency::Path(runtime_dir) => {
            let runtime = absolute(runtime_dir)?;
            if !runtime.join("Cargo.toml").is_file() {
                return Err(io::Error::new(
                    io::ErrorKind::NotFound,
                    format!(
                        "stripe-runtime is not at {} (pass --runtime <dir>)",
                        runtime.display()
                    ),
                ));
            }
            format!("path = \"{}\"", relative_path(&dir_abs, &runtime))
        }
        RuntimeDependency::Registry => format!("version = \"{RUNTIME_VERSION}\""),
    };
    let name = package_name(&dir_abs);
    let mut created = Vec::new();
    for (file, text) in [
        ("Cargo.toml", cargo_toml(&name, &runtime)),
        ("src/lib.rs", lib_rs(&options.spec_display)),
    ] {
        if create_new(&dir.join(file), &text)? {
            created.push(file.to_owned());
        }
    }
    Ok(created)
}

/// Writes `text` to `path` only if no file is there; `false` when one was.
fn create_new(path: &Path, text: &str) -> io::Result<bool> {
    match OpenOptions::new().write(true).create_new(true).open(path) {
        Ok(mut file) => {
            file.write_all(text.as_bytes())?;
            Ok(true)
        }
        Err(error) if error.kind() == io::ErrorKind::AlreadyExists => Ok(false),
        Err(error) => Err(error),
    }
}

fn absolute(path: &Path) -> io::Result<PathBuf> {
    match path.canonicalize() {
        Ok(path) => Ok(path),
        Err(_) => Ok(std::env::current_dir()?.join(path)),
    }
}

/// `to` relative to `from` (both absolute), with `/` separators, for a portable `path = "…"`.
fn relative_path(from: &Path, to: &Path) -> String {
    let from: Vec<Component> = from.components().collect();
    let to: Vec<Component> = to.components().collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".to_owned(); from.len() - common];
    parts.extend(
        to[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    if parts.is_empty() {
        ".".to_owned()
    } else {
        parts.join("/")
    }
}

/// A package name from the folder's name: kebab-case, starting with a letter.
fn package_name(dir: &Path) -> String {
    let raw = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = raw.to_kebab_case();
    let name: String = name
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    if name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        name
    } else {
        format!("stripe-{}", name.trim_start_matches('-'))
    }
}

/// The manifest; `runtime` is where `stripe-runtime` comes from (`path = "…"` or `version = "…"`).
fn cargo_toml(name: &str, runtime: &str) -> String {
    format!(
        r#"# Written once by `stripe-codegen generate` because this folder held no crate; yours to edit.
[package]
name = "{name}"
version = "0.1.0"
edition = "2021"
publish = false

[features]
default = ["client", "webhook"]
# Request builders and Stripe's form encoding. Implied by `client`.
requests = ["stripe-runtime/requests"]
# `Webhook`: checking a webhook's Stripe-Signature header and decoding its body.
webhook = ["stripe-runtime/webhook"]
# The async HTTP client, with the request builders. Without any feature the crate is the models
# only, the quickest to build.
client = ["requests", "stripe-runtime/client"]
# `validation::OPERATIONS`: every operation's parameter rules, as data (for a server
# implementing the API, such as a test fake).
validation = []
# `blocking::Client`, for programs without an async runtime.
blocking = ["client", "stripe-runtime/blocking"]
# Spans and events of the client for `tracing` subscribers.
tracing = ["client", "stripe-runtime/tracing"]
# `impl Transport for reqwest::Client`: an application's own reqwest client as the transport.
reqwest = ["client", "stripe-runtime/reqwest"]

[dependencies]
serde = {{ version = "1.0.200", features = ["derive"] }}
serde_json = "1.0.120"
stripe-runtime = {{ {runtime}, default-features = false }}

# Its own workspace, so it builds where it was generated; delete this table to add the crate to
# an enclosing workspace's members instead.
[workspace]
"#
    )
}

fn lib_rs(spec_display: &str) -> String {
    let types = module_name(TYPES_FILE);
    let requests = module_name(REQUESTS_FILE);
    let validation = module_name(VALIDATION_FILE);
    format!(
        r#"//! Typed models and request builders generated by `stripe-codegen` from `{spec}`.
//!
//! Written once because this folder held no crate; yours to edit. The modules it declares are
//! rewritten by every `stripe-codegen generate`: never edit those.
#![deny(missing_docs)]

/// Request builders, one per operation, and the parameter types they take.
#[cfg(feature = "requests")]
#[rustfmt::skip]
pub mod {requests};
/// Models read from responses.
#[rustfmt::skip]
pub mod {types};
/// Every operation's parameter rules, as data.
#[cfg(feature = "validation")]
#[rustfmt::skip]
pub mod {validation};

// A spec may have no operations (or no models): an empty glob is fine.
#[cfg(feature = "requests")]
#[allow(unused_imports)]
pub use {requests}::*;
pub use stripe_runtime::{{EmptyId, Emptyable, Expandable, List, Object, OpenEnum, RangeQuery, Secret}};
#[cfg(feature = "requests")]
pub use stripe_runtime::{{EncodedRequest, Method, Paginate, StripeRequest}};
#[allow(unused_imports)]
pub use {types}::*;
#[cfg(feature = "webhook")]
pub use stripe_runtime::{{Webhook, WebhookError}};

/// The blocking client: `client(key).build_blocking()`.
#[cfg(feature = "blocking")]
pub mod blocking {{
    pub use stripe_runtime::client::blocking::Client;
}}

#[cfg(feature = "client")]
pub use stripe_runtime::client::{{
    ApiError, AppInfo, Backoff, Client, ClientBuilder, DecodeError, Error, ErrorKind, RequestOptions,
    ResponseMeta, SendRequest,
}};

/// Bringing your own HTTP stack: a `Transport` sends each request (`ClientBuilder::transport`).
#[cfg(feature = "client")]
pub mod transport {{
    #[cfg(feature = "reqwest")]
    pub use stripe_runtime::client::reqwest;
    pub use stripe_runtime::client::{{
        BoxError, ResponseBody, TowerTransport, Transport, TransportError, TransportErrorKind,
        TransportFuture,
    }};
}}

/// A client builder for `api_key`, pinned to the API version these types were generated for
/// ([`API_VERSION`]).
#[cfg(feature = "client")]
// By full path: the globs above bring in the spec's types, which may be named `Into` or `String`.
pub fn client(api_key: impl ::std::convert::Into<::std::string::String>) -> ClientBuilder {{
    ClientBuilder::new(api_key, API_VERSION)
}}
"#,
        spec = spec_display.replace(['\n', '\r'], " "),
    )
}

/// `src/types.rs` -> `types`.
fn module_name(file: &str) -> &str {
    file.trim_start_matches("src/").trim_end_matches(".rs")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_and_package_names() {
        assert_eq!(
            relative_path(Path::new("/a/b/c"), Path::new("/a/runtime")),
            "../../runtime"
        );
        assert_eq!(relative_path(Path::new("/a"), Path::new("/a/runtime")), "runtime");
        assert_eq!(
            package_name(Path::new("/x/My Customer_Crate")),
            "my-customer-crate"
        );
        assert_eq!(package_name(Path::new("/x/3d")), "stripe-3d");
    }

    #[test]
    fn an_installed_generator_scaffolds_a_crate_on_the_released_runtime() {
        // No runtime folder beside an installed generator: the crate takes it from crates.io, at
        // the version the runtime has in this repository.
        let dir = std::env::temp_dir().join(format!("scaffold-registry-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        let options = ScaffoldOptions {
            runtime: RuntimeDependency::Registry,
            spec_display: "spec.yaml".to_owned(),
        };
        assert_eq!(
            scaffold(&dir, &options).expect("scaffolds"),
            ["Cargo.toml", "src/lib.rs"]
        );
        let manifest = fs::read_to_string(dir.join("Cargo.toml")).expect("manifest");
        let runtime = include_str!("../../runtime/Cargo.toml");
        let version = runtime
            .lines()
            .find_map(|line| line.strip_prefix("version = "))
            .expect("the runtime's version");
        assert!(
            manifest.contains(&format!(
                "stripe-runtime = {{ version = {version}, default-features = false }}"
            )),
            "{manifest}"
        );
        let _ = fs::remove_dir_all(&dir);
    }
}
