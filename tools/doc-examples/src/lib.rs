//! Every ```rust block of the repository's Markdown files, compiled (and, unless marked
//! `no_run`, run) as a doctest, so an example that goes stale fails `cargo test`. The crates'
//! own front pages (`generated/README.md`, `fake/README.md`) are their rustdoc and are tested
//! there, with their own dev-dependencies; the test below checks that no Markdown file is left
//! out of both.
//!
//! A doctest is built without `--test`, so the body of a `#[tokio::test]` in a block would never
//! be compiled: `build.rs` copies every block that holds tests, from every listed file, into a
//! module of `tests/markdown.rs`, where they are compiled and run as the tests they are.

include!("files.rs");

#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
pub struct Readme;

#[cfg(doctest)]
#[doc = include_str!("../../../ARCHITECTURE.md")]
pub struct Architecture;

#[cfg(doctest)]
#[doc = include_str!("../../../BENCHMARKS.md")]
pub struct Benchmarks;

#[cfg(doctest)]
#[doc = include_str!("../../../CHANGELOG.md")]
pub struct Changelog;

#[cfg(doctest)]
#[doc = include_str!("../../../CONTRIBUTING.md")]
pub struct Contributing;

#[cfg(doctest)]
#[doc = include_str!("../../../docs/generator.md")]
pub struct GeneratorReference;

#[cfg(doctest)]
#[doc = include_str!("../../../generator/README.md")]
pub struct GeneratorReadme;

#[cfg(doctest)]
#[doc = include_str!("../../../runtime/README.md")]
pub struct RuntimeReadme;

#[cfg(doctest)]
#[doc = include_str!("../../../spec/README.md")]
pub struct SpecReadme;

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use super::{COMPILED_BY_THEIR_CRATE, COMPILED_HERE};

    fn markdown_files(root: &Path, dir: &Path, found: &mut Vec<String>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if path.is_dir() {
                // Build output, git's own files, and test inputs that are data, not docs.
                if !matches!(
                    name.as_str(),
                    "target" | ".git" | "node_modules" | "fixtures" | "corpus"
                ) {
                    markdown_files(root, &path, found);
                }
            } else if name.ends_with(".md") {
                let relative = path.strip_prefix(root).unwrap_or(&path);
                found.push(relative.to_string_lossy().replace('\\', "/"));
            }
        }
    }

    #[test]
    fn every_markdown_file_has_its_examples_compiled() {
        let root: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let mut found = Vec::new();
        markdown_files(&root, &root, &mut found);
        found.sort();
        let missing: Vec<&String> = found
            .iter()
            .filter(|file| {
                !COMPILED_HERE.contains(&file.as_str()) && !COMPILED_BY_THEIR_CRATE.contains(&file.as_str())
            })
            .collect();
        assert!(
            missing.is_empty(),
            "add these to COMPILED_HERE (tools/doc-examples/src/lib.rs) so their examples compile: {missing:?}"
        );
        for file in COMPILED_HERE.iter().chain(COMPILED_BY_THEIR_CRATE) {
            assert!(root.join(file).is_file(), "{file} is listed but missing");
        }
    }

    #[test]
    fn every_non_rust_block_says_its_language() {
        // rustdoc compiles an untagged ``` block as Rust: a shell or TOML block must say what it is.
        for file in COMPILED_HERE.iter().chain(COMPILED_BY_THEIR_CRATE) {
            let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
            let text = std::fs::read_to_string(root.join(file)).unwrap_or_default();
            let mut inside = false;
            for (number, line) in text.lines().enumerate() {
                let fence = line.trim_start();
                if !fence.starts_with("```") {
                    continue;
                }
                if !inside {
                    assert!(
                        fence.len() > 3,
                        "{file}:{}: a code block without a language tag",
                        number + 1
                    );
                }
                inside = !inside;
            }
        }
    }
}
