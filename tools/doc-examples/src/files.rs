// The Markdown files whose examples are compiled, shared by `build.rs` and the library.

/// The files whose examples this crate compiles, relative to the repository's root.
#[allow(dead_code)] // build.rs reads one list, the library both.
pub const COMPILED_HERE: &[&str] = &[
    "README.md",
    "ARCHITECTURE.md",
    "BENCHMARKS.md",
    "CHANGELOG.md",
    "CONTRIBUTING.md",
    "docs/generator.md",
    "generator/README.md",
    "runtime/README.md",
    "spec/README.md",
];

/// The files that are a crate's rustdoc front page (`#![doc = include_str!("../README.md")]`),
/// whose examples that crate's doctests compile.
pub const COMPILED_BY_THEIR_CRATE: &[&str] = &["generated/README.md", "fake/README.md"];
