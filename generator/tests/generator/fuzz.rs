//! Property-based fuzzing of load + generate (proptest). Two generators of input:
//!
//! - **structured**: random but well-formed-ish OpenAPI documents: schema names and property names
//!   drawn from keywords, prelude names, unicode, punctuation and the empty string; types nested
//!   at random through objects, arrays, maps, `anyOf`, enums and `$ref`s (some dangling, some
//!   cyclic); operations with random paths, parameters and bodies; descriptions with control,
//!   bidi and comment characters.
//! - **mutated**: the repository's spec and corpus files with random lines deleted, duplicated or
//!   re-indented and random characters replaced.
//!
//! The property: the generator never panics, whatever it accepts parses as Rust, and a sample of
//! the accepted outputs type-checks (`cargo check` on one batch at the end, warnings denied). `cargo test` runs a quick pass; a long run is
//! `PROPTEST_CASES=20000 FUZZ_SEED=7 cargo test --release -p stripe-codegen --test generator fuzz::` (CONTRIBUTING.md);
//! without `FUZZ_SEED` the cases are seed 0's, the same on every run.
//! A failure is shrunk by proptest; keep the shrunk input as a corpus case.

use std::cell::RefCell;

use proptest::prelude::*;
use proptest::test_runner::{Config as RunnerConfig, RngAlgorithm, TestRng, TestRunner};
use stripe_codegen::{generate_from_str, Config, Output, Severity};

use crate::support;

const NAMES: &[&str] = &[
    "a",
    "b",
    "type",
    "self",
    "Self",
    "match",
    "async",
    "Option",
    "Result",
    "String",
    "Vec",
    "Box",
    "Some",
    "None",
    "new",
    "id",
    "object",
    "data",
    "has_more",
    "3d",
    "",
    " ",
    "a-b",
    "a.b",
    "fooBar",
    "foo_bar",
    "ünï",
    "x/y",
    "~",
    "[redacted]",
    "unrecognized",
    "Unrecognized",
    "r#type",
    "__",
    "0",
];

const TEXTS: &[&str] = &[
    "plain",
    "*/ /* //",
    "```rust\npanic!()\n```",
    "    indented",
    "<p>html <a href=\"/docs/x\">l</a>",
    "[x] [y](z)",
    "\u{202E}rtl",
    "nul\0bell\u{7}",
    "https://example.com/x.",
    "quote \" back \\ ",
    "",
];

fn name() -> impl Strategy<Value = String> {
    prop::sample::select(NAMES).prop_map(str::to_owned)
}

fn text() -> impl Strategy<Value = String> {
    prop::sample::select(TEXTS).prop_map(|t| serde_json::to_string(t).unwrap_or_default())
}

/// A schema as inline YAML flow text, nested up to a few levels.
fn schema() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        // Weighted towards what specs contain, so most documents get past the first error.
        6 => Just("{type: string}".to_owned()),
        3 => Just("{type: integer}".to_owned()),
        1 => Just("{type: number}".to_owned()),
        2 => Just("{type: boolean}".to_owned()),
        1 => Just("{type: file}".to_owned()),
        1 => Just("{}".to_owned()),
        1 => Just("{not: {type: string}}".to_owned()),
        4 => name().prop_map(|n| format!("{{$ref: {}}}", yaml(&format!("#/components/schemas/{n}")))),
        4 => prop::collection::vec(name(), 0..5).prop_map(|values| {
            let values: Vec<String> = values.iter().map(|v| yaml(v)).collect();
            format!("{{type: string, enum: [{}]}}", values.join(", "))
        }),
    ];
    leaf.prop_recursive(4, 24, 4, |inner| {
        prop_oneof![
            (prop::collection::vec((name(), inner.clone()), 0..4), prop::collection::vec(name(), 0..3), any::<bool>(), text())
                .prop_map(|(props, required, nullable, description)| {
                    let props: Vec<String> = props.iter().map(|(n, s)| format!("{}: {s}", yaml(n))).collect();
                    let required: Vec<String> = required.iter().map(|r| yaml(r)).collect();
                    format!(
                        "{{type: object, nullable: {nullable}, description: {description}, required: [{}], properties: {{{}}}}}",
                        required.join(", "),
                        props.join(", ")
                    )
                }),
            inner.clone().prop_map(|s| format!("{{type: array, items: {s}}}")),
            inner.clone().prop_map(|s| format!("{{type: object, additionalProperties: {s}}}")),
            prop::collection::vec(inner.clone(), 1..4).prop_map(|alts| format!("{{anyOf: [{}]}}", alts.join(", "))),
            prop::collection::vec(inner.clone(), 1..2).prop_map(|alts| format!("{{allOf: [{}]}}", alts.join(", "))),
            inner.prop_map(|s| format!("{{nullable: true, anyOf: [{s}, {{type: string, enum: [\"\"]}}]}}")),
        ]
    })
}

fn yaml(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

fn operation() -> impl Strategy<Value = String> {
    (
        prop::sample::select(&["get", "get", "post", "post", "delete", "put"][..]),
        prop::collection::vec(name(), 1..4),
        prop::collection::vec((name(), prop::sample::select(&["path", "query", "query", "query", "header"][..]), schema()), 0..3),
        prop::collection::vec((name(), schema()), 0..3),
        schema(),
        prop::sample::select(&["200", "201", "404", "default"][..]),
    )
        .prop_map(|(method, segments, params, body, response, status)| {
            let path: Vec<String> = segments.iter().enumerate().map(|(i, s)| if i % 2 == 1 { format!("{{{s}}}") } else { s.clone() }).collect();
            let params: Vec<String> = params
                .iter()
                .map(|(n, location, s)| format!("{{name: {}, in: {location}, required: true, schema: {s}}}", yaml(n)))
                .collect();
            let body: Vec<String> = body.iter().map(|(n, s)| format!("{}: {s}", yaml(n))).collect();
            format!(
                "  {}:\n    {method}:\n      parameters: [{}]\n      requestBody: {{content: {{application/x-www-form-urlencoded: {{schema: {{type: object, properties: {{{}}}}}}}}}}}\n      responses: {{{}: {{description: r, content: {{application/json: {{schema: {response}}}}}}}}}\n",
                yaml(&format!("/v1/{}", path.join("/"))),
                params.join(", "),
                body.join(", "),
                yaml(status),
            )
        })
}

fn document() -> impl Strategy<Value = String> {
    (
        prop::collection::vec((name(), schema()), 0..6),
        prop::collection::vec(operation(), 0..3),
        text(),
    )
        .prop_map(|(schemas, operations, version)| {
            let mut doc = format!("openapi: 3.0.0\ninfo: {{title: fuzz, version: {version}}}\npaths:\n");
            if operations.is_empty() {
                doc.push_str("  {}\n");
            }
            for op in operations {
                doc.push_str(&op);
            }
            doc.push_str("components:\n  schemas:\n");
            if schemas.is_empty() {
                doc.push_str("    {}\n");
            }
            for (n, s) in schemas {
                doc.push_str(&format!("    {}: {s}\n", yaml(&n)));
            }
            doc
        })
}

/// The property: no panic; an accepted spec yields files that parse as Rust; a refused one has
/// only located spec errors, never internal ones. Accepted outputs are handed to `accepted`, so
/// a sample of them can be type-checked at the end.
fn check(text: &str, accepted: &mut Vec<Output>) -> Result<(), TestCaseError> {
    let config = Config::new("fuzz.yaml", "fuzz.yaml");
    match generate_from_str(text, &config) {
        Ok(output) => {
            // The Rust files; the recorded API surface is JSON.
            for (file, code) in output.files.iter().filter(|(file, _)| file.ends_with(".rs")) {
                prop_assert!(
                    syn::parse_file(code).is_ok(),
                    "{file} does not parse for input:\n{text}"
                );
            }
            accepted.push(output);
        }
        Err(problems) => {
            // Errors are the spec's; warnings (a name moved aside) may come with them.
            prop_assert!(problems.iter().any(|p| p.severity == Severity::Spec));
            prop_assert!(
                problems
                    .iter()
                    .all(|p| matches!(p.severity, Severity::Spec | Severity::Warning)),
                "internal error for input:\n{text}\n{problems}"
            );
        }
    }
    Ok(())
}

fn seeds() -> Vec<String> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let mut seeds = vec![
        std::fs::read_to_string(format!("{root}/spec/identity_verification_session.yaml"))
            .unwrap_or_default(),
    ];
    for family in std::fs::read_dir(format!("{root}/generator/tests/corpus"))
        .into_iter()
        .flatten()
        .flatten()
    {
        for file in std::fs::read_dir(family.path()).into_iter().flatten().flatten() {
            seeds.push(std::fs::read_to_string(file.path()).unwrap_or_default());
        }
    }
    seeds
}

/// One edit to a document: delete, duplicate or re-indent a line, or replace a character.
#[derive(Clone, Debug)]
enum Edit {
    DeleteLine(usize),
    DuplicateLine(usize),
    Indent(usize, usize),
    ReplaceChar(usize, char),
}

fn apply(text: &str, edits: &[Edit]) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    for edit in edits {
        if lines.is_empty() {
            break;
        }
        let len = lines.len();
        match *edit {
            Edit::DeleteLine(i) => {
                lines.remove(i % len);
            }
            Edit::DuplicateLine(i) => {
                let line = lines[i % len].clone();
                lines.insert(i % len, line);
            }
            Edit::Indent(i, by) => {
                lines[i % len] = format!("{}{}", " ".repeat(by % 5), lines[i % len].trim_start())
            }
            Edit::ReplaceChar(i, c) => {
                let line = &mut lines[i % len];
                let chars: Vec<char> = line.chars().collect();
                if !chars.is_empty() {
                    let at = i % chars.len();
                    *line = chars
                        .iter()
                        .enumerate()
                        .map(|(j, &x)| if j == at { c } else { x })
                        .collect();
                }
            }
        }
    }
    lines.join("\n")
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        any::<usize>().prop_map(Edit::DeleteLine),
        any::<usize>().prop_map(Edit::DuplicateLine),
        (any::<usize>(), any::<usize>()).prop_map(|(i, by)| Edit::Indent(i, by)),
        (
            any::<usize>(),
            prop::sample::select(&['{', '}', '[', ']', ':', '-', '\'', '"', '&', '*', '#', ' ', 'x'][..])
        )
            .prop_map(|(i, c)| Edit::ReplaceChar(i, c)),
    ]
}

fn runner_config() -> RunnerConfig {
    // A quick pass by default; PROPTEST_CASES raises it for a long run.
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(512);
    RunnerConfig {
        cases,
        failure_persistence: None,
        ..RunnerConfig::default()
    }
}

/// The random source of a run: seeded, so that `cargo test` checks the same cases on every
/// machine and a failure reproduces (`FUZZ_SEED=n` explores other cases; a failure names it).
fn seeded_rng() -> TestRng {
    let seed: u64 = std::env::var("FUZZ_SEED")
        .ok()
        .and_then(|seed| seed.parse().ok())
        .unwrap_or(0);
    let mut bytes = [0u8; 32];
    bytes[..8].copy_from_slice(&seed.to_le_bytes());
    TestRng::from_seed(RngAlgorithm::ChaCha, &bytes)
}

/// How many accepted outputs of each run are type-checked: enough to cover the shapes the
/// grammar makes (one `cargo check` of a batch costs seconds, not one per case).
const TYPE_CHECKED: usize = 64;

/// Runs `strategy` through `check`, then returns up to `TYPE_CHECKED` distinct accepted outputs,
/// spread over the run.
fn fuzz<S: Strategy>(strategy: S, input: impl Fn(&S::Value) -> String) -> Vec<Output> {
    let accepted = RefCell::new(Vec::new());
    let mut runner = TestRunner::new_with_rng(runner_config(), seeded_rng());
    let result = runner.run(&strategy, |value| {
        check(&input(&value), &mut accepted.borrow_mut())
    });
    if let Err(failure) = result {
        let seed = std::env::var("FUZZ_SEED").unwrap_or_else(|_| "0".to_owned());
        panic!("{failure} (FUZZ_SEED={seed})");
    }
    let mut accepted = accepted.into_inner();
    accepted.sort_by(|a, b| a.files.cmp(&b.files));
    accepted.dedup_by(|a, b| a.files == b.files);
    let step = accepted.len().div_ceil(TYPE_CHECKED).max(1);
    accepted.into_iter().step_by(step).collect()
}

/// Both generators, then a type-check of a sample of what they accepted: parsing alone would
/// miss output that is well-formed but ill-typed (a model field whose type lacks `Serialize`).
#[test]
fn fuzzed_specs_never_panic_and_accepted_outputs_type_check() {
    let mut sample = fuzz(document(), String::clone);
    let mutated = (prop::sample::select(seeds()), prop::collection::vec(edit(), 1..8));
    sample.extend(fuzz(mutated, |(seed, edits)| apply(seed, edits)));
    assert!(
        !sample.is_empty(),
        "the fuzzer accepted nothing: the grammar has drifted"
    );
    let names: Vec<String> = (0..sample.len()).map(|i| format!("case{i}")).collect();
    let outputs = names.iter().map(String::as_str).zip(&sample);
    if let Err(errors) = support::compile_outputs("fuzz-check", outputs) {
        let seed = std::env::var("FUZZ_SEED").unwrap_or_else(|_| "0".to_owned());
        panic!("accepted fuzz outputs do not compile (FUZZ_SEED={seed}):\n{errors}");
    }
}
