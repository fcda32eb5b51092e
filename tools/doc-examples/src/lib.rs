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

// An item per file of `COMPILED_HERE`, documented by the file: its blocks are the doctests.
include!(concat!(env!("OUT_DIR"), "/doctests.rs"));

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
            "add these to COMPILED_HERE (tools/doc-examples/src/files.rs) so their examples compile: {missing:?}"
        );
        for file in COMPILED_HERE.iter().chain(COMPILED_BY_THEIR_CRATE) {
            assert!(root.join(file).is_file(), "{file} is listed but missing");
        }
    }

    /// The languages a block may say it is besides Rust: rustdoc compiles an untagged block, or
    /// one tagged `rs`, as nothing at all or as Rust depending on the tag, so every block says
    /// one of these or `rust`.
    const OTHER_LANGUAGES: &[&str] = &["sh", "bash", "console", "toml", "text", "yaml", "json", "diff"];

    #[test]
    fn every_block_says_its_language_and_no_rust_block_is_skipped() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        for file in COMPILED_HERE.iter().chain(COMPILED_BY_THEIR_CRATE) {
            let text = std::fs::read_to_string(root.join(file)).unwrap_or_default();
            let mut open: Option<&str> = None;
            for (number, line) in text.lines().enumerate() {
                let trimmed = line.trim_start();
                let Some(fence) = ["```", "~~~"].into_iter().find(|f| trimmed.starts_with(f)) else {
                    continue;
                };
                let info = trimmed[3..].trim();
                match open {
                    Some(f) if f == fence && info.is_empty() => open = None,
                    Some(_) => {}
                    None => {
                        let at = format!("{file}:{}", number + 1);
                        let mut words = info.split([',', ' ']).filter(|w| !w.is_empty());
                        let language = words.next().unwrap_or_default();
                        assert!(
                            language == "rust" || OTHER_LANGUAGES.contains(&language),
                            "{at}: a block must say `rust` or one of {OTHER_LANGUAGES:?}, not {info:?}"
                        );
                        assert!(
                            !words.any(|w| w == "ignore"),
                            "{at}: a Rust block that is not compiled can go stale; use `no_run`"
                        );
                        open = Some(fence);
                    }
                }
            }
            assert!(open.is_none(), "{file}: a code block is never closed");
        }
    }
}
