//! The hostile-spec corpus: every file in `tests/corpus/<family>/` is a spec written to break a
//! generator, with its expected outcome on the first line (`# expect: ok` or
//! `# expect: warning <JSON pointer>` or `# expect: error <JSON pointer>`), plus extreme shapes built here (deep nesting, thousands of
//! schemas, huge texts). For each case the generator must not panic or hang, must give the
//! expected outcome (errors always located and never internal), and every accepted output must
//! compile: all of them are compiled together, warnings and missing docs denied, in a scratch crate.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use stripe_codegen::{generate_from_str, Config, Diagnostics, Output, Severity};

use crate::support;

/// Far beyond any real run (milliseconds); only a hang reaches it.
const HANG_LIMIT: Duration = Duration::from_secs(120);

struct Case {
    name: String,
    text: String,
    expect: Expect,
}

#[derive(Debug)]
enum Expect {
    Ok,
    /// Success, with a warning at this pointer (a derived name moved aside, say).
    WarningAt(String),
    ErrorAt(String),
}

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

fn file_cases() -> Vec<Case> {
    let mut cases = Vec::new();
    let mut families: Vec<_> = std::fs::read_dir(corpus_dir())
        .expect("tests/corpus")
        .flatten()
        .collect();
    families.sort_by_key(|e| e.file_name());
    for family in families {
        let mut files: Vec<_> = std::fs::read_dir(family.path())
            .expect("a family folder")
            .flatten()
            .collect();
        files.sort_by_key(|e| e.file_name());
        for file in files {
            let path = file.path();
            let text = std::fs::read_to_string(&path).expect("UTF-8 case");
            let first = text.lines().next().unwrap_or_default();
            let expect = match first.strip_prefix("# expect: ") {
                Some("ok") => Expect::Ok,
                Some(rest) if rest.starts_with("warning ") => {
                    Expect::WarningAt(rest["warning ".len()..].to_owned())
                }
                Some(rest) => Expect::ErrorAt(rest.strip_prefix("error ").unwrap_or(rest).to_owned()),
                None => panic!("{} lacks an `# expect:` first line", path.display()),
            };
            let stem = path.file_stem().unwrap_or_default().to_string_lossy();
            let name = format!("{}/{stem}", family.file_name().to_string_lossy());
            cases.push(Case { name, text, expect });
        }
    }
    cases
}

/// Extreme shapes, built rather than stored.
fn built_cases() -> Vec<Case> {
    const HEAD: &str = "openapi: 3.0.0\ninfo: {title: t, version: v}\npaths: {}\ncomponents:\n  schemas:\n";
    let mut cases = Vec::new();

    // 40 levels of inline objects (each level is two YAML levels, within the parser's limit).
    let mut nested = String::from("{type: string}");
    for level in 0..40 {
        nested = format!("{{type: object, properties: {{level{level}: {nested}}}}}");
    }
    cases.push(Case {
        name: "built/deep_inline_objects".into(),
        text: format!("{HEAD}    deep: {nested}\n"),
        expect: Expect::Ok,
    });

    // 60 nested arrays.
    let mut arrays = String::from("{type: integer}");
    for _ in 0..60 {
        arrays = format!("{{type: array, items: {arrays}}}");
    }
    let text =
        format!("{HEAD}    grid: {{type: object, description: G., properties: {{cells: {arrays}}}}}\n");
    cases.push(Case {
        name: "built/deep_arrays".into(),
        text,
        expect: Expect::Ok,
    });

    // Nesting past the YAML parser's recursion limit: an error, not a stack overflow.
    let text = format!("{HEAD}    x: {}{}\n", "[".repeat(5000), "]".repeat(5000));
    cases.push(Case {
        name: "built/nesting_beyond_the_parser_limit".into(),
        text,
        expect: Expect::ErrorAt("#".into()),
    });

    // 3000 schemas referring to each other in cycles of ten. (One cycle through all 3000 would
    // generate valid Rust that rustc refuses: its drop check recurses once per type in the cycle,
    // past the default `recursion_limit` of 128. See the README's limits.)
    let mut text = String::from(HEAD);
    for i in 0..3000 {
        let next = i - i % 10 + (i + 1) % 10;
        let _ = writeln!(
            text,
            "    s{i}: {{type: object, description: S{i}., properties: {{next: {{$ref: '#/components/schemas/s{next}'}}, v: {{type: string, enum: [a{i}, b]}}}}}}"
        );
    }
    cases.push(Case {
        name: "built/three_thousand_schemas".into(),
        text,
        expect: Expect::Ok,
    });

    // An enum with 5000 values, names 1000 characters long, a 2 MB description.
    let values: Vec<String> = (0..5000).map(|i| format!("value_{i}")).collect();
    let long = "n".repeat(1000);
    let huge = "word ".repeat(400_000);
    let text = format!(
        "{HEAD}    wide: {{type: string, description: W., enum: [{}]}}\n    {long}: {{type: object, description: \"{huge}\", properties: {{{long}: {{type: string}}}}}}\n",
        values.join(", ")
    );
    cases.push(Case {
        name: "built/wide_long_and_huge".into(),
        text,
        expect: Expect::Ok,
    });
    cases.extend(hostile_description_cases());
    cases
}

/// Descriptions built to make a sanitiser rescan the text for every character: 2 MB of unmatched
/// brackets and angle brackets, and links nested deep without ever closing.
fn hostile_description_cases() -> Vec<Case> {
    const HEAD: &str = "openapi: 3.0.0\ninfo: {title: t, version: v}\npaths: {}\ncomponents:\n  schemas:\n";
    let texts = [
        ("unmatched_brackets", "[".repeat(2_000_000)),
        ("unmatched_angle_brackets", "<".repeat(2_000_000)),
        ("unclosed_tags", format!("{}>", "<a ".repeat(700_000))),
        ("nested_unclosed_links", "[a](".repeat(500_000)),
        (
            "nested_links",
            format!("{}x{}", "[".repeat(1_000_000), "](u)".repeat(250_000)),
        ),
    ];
    texts
        .into_iter()
        .map(|(name, description)| Case {
            name: format!("built/{name}"),
            text: format!("{HEAD}    thing: {{type: object, description: \"{description}\", properties: {{a: {{type: string}}}}}}\n"),
            expect: Expect::Ok,
        })
        .collect()
}

/// Runs the generator on a thread, so a panic or a hang is reported instead of taking the test
/// runner down.
fn run(case: &Case) -> Result<Result<Output, Diagnostics>, String> {
    let (send, receive) = mpsc::channel();
    let text = case.text.clone();
    let name = case.name.clone();
    std::thread::Builder::new()
        .stack_size(8 * 1024 * 1024)
        .spawn(move || {
            let config = Config::new(format!("{name}.yaml"), format!("corpus/{name}.yaml"));
            let outcome = std::panic::catch_unwind(|| generate_from_str(&text, &config));
            let _ = send.send(outcome);
        })
        .expect("a thread");
    match receive.recv_timeout(HANG_LIMIT) {
        Ok(Ok(result)) => Ok(result),
        Ok(Err(_)) => Err("the generator panicked".to_owned()),
        Err(_) => Err(format!("no answer within {HANG_LIMIT:?}: a hang")),
    }
}

fn all_cases() -> Vec<Case> {
    let mut cases = file_cases();
    cases.extend(built_cases());
    cases
}

#[test]
fn every_case_gets_its_expected_outcome_without_a_panic() {
    let cases = all_cases();
    assert!(cases.len() >= 60, "the corpus lost cases: {}", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let outcome = match run(case) {
            Ok(outcome) => outcome,
            Err(problem) => {
                failures.push(format!("{}: {problem}", case.name));
                continue;
            }
        };
        match (&case.expect, outcome) {
            (Expect::Ok, Ok(_)) => {}
            (Expect::WarningAt(pointer), Ok(output)) => {
                if !output
                    .warnings
                    .iter()
                    .any(|w| &w.pointer == pointer && w.location.is_some())
                {
                    failures.push(format!(
                        "{}: expected a located warning at {pointer}, got:\n{}",
                        case.name, output.warnings
                    ));
                }
            }
            (Expect::Ok | Expect::WarningAt(_), Err(problems)) => {
                failures.push(format!("{}: expected success, got:\n{problems}", case.name))
            }
            (Expect::ErrorAt(pointer), Ok(_)) => failures.push(format!(
                "{}: expected an error at {pointer}, but it generated",
                case.name
            )),
            (Expect::ErrorAt(pointer), Err(problems)) => {
                if problems.iter().any(|p| p.severity == Severity::Internal) {
                    failures.push(format!("{}: internal error:\n{problems}", case.name));
                } else if !problems.iter().any(|p| &p.pointer == pointer) {
                    failures.push(format!(
                        "{}: expected an error at {pointer}, got:\n{problems}",
                        case.name
                    ));
                } else if problems
                    .iter()
                    .any(|p| p.message.trim().is_empty() || !p.file.ends_with(".yaml"))
                {
                    failures.push(format!(
                        "{}: an error without a message or file:\n{problems}",
                        case.name
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}

/// The hostile descriptions are read in linear time: each case, 2 MB parse included, must end
/// far within a second in a release build; the generous bound below (for debug builds on a busy
/// machine) only catches a return of the quadratic scans, which took minutes.
#[test]
fn hostile_descriptions_are_sanitised_in_linear_time() {
    const LIMIT: Duration = Duration::from_secs(20);
    for case in hostile_description_cases() {
        let started = std::time::Instant::now();
        let outcome = run(&case).unwrap_or_else(|problem| panic!("{}: {problem}", case.name));
        assert!(outcome.is_ok(), "{}: {:?}", case.name, outcome.err());
        let took = started.elapsed();
        assert!(took < LIMIT, "{}: took {took:?}", case.name);
    }
}

/// The built cases whose output is too large to type-check in every `cargo test`: the 3000
/// schemas are 2.3 MB of Rust, 70% of the whole corpus and most of its check time. They are
/// compiled by [`the_largest_outputs_compile_warning_free`], which `.ci/run` runs.
const LARGEST: &[&str] = &["built/three_thousand_schemas"];

/// Every accepted case's output with its module name, the largest ones (`LARGEST`) or the rest.
fn accepted_outputs(largest: bool) -> BTreeMap<String, Output> {
    all_cases()
        .iter()
        .filter(|case| LARGEST.contains(&case.name.as_str()) == largest)
        .filter_map(|case| Some((case.name.replace(['/', '-'], "_"), run(case).ok()?.ok()?)))
        .collect()
}

fn compile(crate_name: &str, accepted: &BTreeMap<String, Output>) {
    let outputs = accepted.iter().map(|(name, output)| (name.as_str(), output));
    if let Err(errors) = support::compile_outputs(crate_name, outputs) {
        panic!("accepted outputs do not compile:\n{errors}");
    }
}

#[test]
fn every_accepted_output_compiles_warning_free() {
    let accepted = accepted_outputs(false);
    assert!(accepted.len() >= 20, "too few accepted cases: {}", accepted.len());
    compile("corpus-check", &accepted);
}

#[test]
#[ignore = "slow (type-checks 2.3 MB of generated Rust); .ci/run runs it with --ignored"]
fn the_largest_outputs_compile_warning_free() {
    let accepted = accepted_outputs(true);
    assert_eq!(accepted.len(), LARGEST.len(), "every largest case generates");
    compile("corpus-check-largest", &accepted);
}
