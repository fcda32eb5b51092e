//! With the `client` feature only: records the version of the compiler building this crate, as
//! `STRIPE_RUNTIME_RUSTC_VERSION`, for the `lang_version` of the `X-Stripe-Client-User-Agent`
//! header (Stripe's SDKs send their language's version; Rust has none at run time). Without the
//! feature it does nothing.

use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    if std::env::var_os("CARGO_FEATURE_CLIENT").is_none() {
        return;
    }
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    // `rustc 1.95.0 (59807616e 2026-04-14)` -> `1.95.0`; unknown if that cannot be read.
    let version = Command::new(rustc)
        .arg("--version")
        .output()
        .ok()
        .and_then(|output| String::from_utf8(output.stdout).ok())
        .and_then(|text| text.split_whitespace().nth(1).map(str::to_owned))
        .unwrap_or_else(|| "unknown".to_owned());
    println!("cargo:rustc-env=STRIPE_RUNTIME_RUSTC_VERSION={version}");
}
