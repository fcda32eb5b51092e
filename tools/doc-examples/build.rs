//! Copies every ```rust block of the listed Markdown files that holds a test (`#[test]`,
//! `#[tokio::test]`) into `$OUT_DIR`, one file per block, and writes `markdown_tests.rs`, which
//! declares each as a module: `tests/markdown.rs` includes it, so those tests are compiled and run
//! as a user's test file would be.

use std::fmt::Write as _;
use std::path::Path;

include!("src/files.rs");

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let mut modules = String::new();
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

/// The contents of every fenced block whose info string starts with `rust`.
fn rust_blocks(text: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in text.lines() {
        let fence = line.trim_start();
        match &mut current {
            None if fence.starts_with("```rust") => current = Some(String::new()),
            Some(block) if fence.starts_with("```") => {
                blocks.push(std::mem::take(block));
                current = None;
            }
            Some(block) => {
                block.push_str(line);
                block.push('\n');
            }
            None => {}
        }
    }
    blocks
}
