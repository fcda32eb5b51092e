//! From one list of Markdown files (`src/files.rs`), writes into `$OUT_DIR`:
//!
//! - `doctests.rs`: an item documented by each file of `COMPILED_HERE`, so rustdoc compiles (and
//!   runs) its Rust blocks as doctests; the library includes it.
//! - one file per ```rust block that holds a test (`#[test]`, `#[tokio::test]`), from every listed
//!   file, and `markdown_tests.rs` declaring each as a module: `tests/markdown.rs` includes it, so
//!   those tests are compiled and run as a user's test file would be (a doctest never compiles a
//!   test function's body).

use std::fmt::Write as _;
use std::path::Path;

include!("src/files.rs");

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let mut modules = String::new();
    let mut doctests = String::new();
    for (index, file) in COMPILED_HERE.iter().enumerate() {
        let _ = writeln!(
            doctests,
            "/// The Rust blocks of `{file}`.\n#[cfg(doctest)]\n#[doc = include_str!({:?})]\npub struct Markdown{index};",
            root.join(file).display().to_string()
        );
    }
    std::fs::write(Path::new(&out).join("doctests.rs"), doctests).expect("write the doctest list");
    for file in COMPILED_HERE.iter().chain(COMPILED_BY_THEIR_CRATE) {
        let path = root.join(file);
        println!("cargo:rerun-if-changed={}", path.display());
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        for (index, block) in rust_blocks(&text).into_iter().enumerate() {
            if !block.contains("#[test]") && !block.contains("#[tokio::test]") {
                continue;
            }
            let name = format!(
                "{}_{index}",
                file.to_lowercase()
                    .replace(|c: char| !c.is_ascii_alphanumeric(), "_")
            );
            let target = Path::new(&out).join(format!("{name}.rs"));
            std::fs::write(&target, block).expect("write a block");
            let _ = writeln!(
                modules,
                "/// A test block of `{file}`.\n#[path = {:?}]\nmod {name};",
                target.display().to_string()
            );
        }
    }
    std::fs::write(Path::new(&out).join("markdown_tests.rs"), modules).expect("write the module list");
}

/// The contents of every fenced block (``` or ~~~) whose info string starts with `rust`.
fn rust_blocks(text: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    // The open block's fence, whether it is Rust, and its lines so far.
    let mut open: Option<(&str, bool, String)> = None;
    for line in text.lines() {
        let trimmed = line.trim_start();
        let fence = ["```", "~~~"].into_iter().find(|f| trimmed.starts_with(f));
        match (&mut open, fence) {
            (None, Some(f)) => open = Some((f, trimmed[3..].starts_with("rust"), String::new())),
            (Some((f, is_rust, block)), Some(g)) if *f == g && trimmed[3..].trim().is_empty() => {
                if *is_rust {
                    blocks.push(std::mem::take(block));
                }
                open = None;
            }
            (Some((_, _, block)), _) => {
                block.push_str(line);
                block.push('\n');
            }
            (None, None) => {}
        }
    }
    blocks
}
