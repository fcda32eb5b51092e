//! The test blocks of the Markdown files (see `build.rs`), each a module, compiled and run.

include!(concat!(env!("OUT_DIR"), "/markdown_tests.rs"));
