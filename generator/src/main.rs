//! The `stripe-codegen` command: `generate` writes the crate from the spec, `check` reports (with a
//! diff) when the crate on disk differs, `trim` cuts one resource out of a full Stripe spec.
//! Exit codes: 0 success, 1 a bad spec or a stale crate, 2 bad command-line usage.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use stripe_codegen::{
    check, generate, scaffold, trim, write, Config, ScaffoldOptions, TrimOptions, REGENERATE_COMMAND,
};

const USAGE: &str = "usage:
  stripe-codegen generate [--spec <file>] [--out <crate dir>] [--lenient] [--runtime <dir>]
  stripe-codegen check    [--spec <file>] [--out <crate dir>] [--lenient]
  stripe-codegen trim     --spec <full spec> (--resource <x-resourceId> | --prefix <path>)
                          [--keep <schema>,<schema>] [--out <file>]
  stripe-codegen diff     --old <spec> --new <spec> [--format text|json|markdown] [--deny-breaking]
  stripe-codegen update   --from <spec> [--spec <file>] [--out <crate dir>] [--dry-run]

  generate   write the generated files into the crate, removing files an earlier run wrote that
             are no longer generated; a folder with no Cargo.toml first gets a Cargo.toml and
             src/lib.rs (written once, never overwritten)
  check      exit 1 with a diff when the crate differs from what the spec generates
  trim       cut one resource's operations and the schemas they reach out of a full spec;
             references to other resources become free-form JSON (unless kept)
  diff       report every change to the generated Rust API between two specs, classified as
             breaking, additive or docs-only; exit 3 with --deny-breaking when any is breaking
  update     take Stripe's new spec (full or trimmed), trim it to the resource named in
             stripe-codegen.yaml, write it over --spec, regenerate --out and print the change
             report; --dry-run prints the report only

  --spec     the OpenAPI 3.0 spec (default: spec/identity_verification_session.yaml)
  --out      the crate to write into (default: generated); for trim, the file (default: stdout)
  --lenient  type unsupported constructs as free-form JSON and skip unsupported operations,
             with a located warning for each, instead of failing
  --runtime  the stripe-runtime crate a new crate depends on (default: this repository's)";

/// Defaults relative to the repository root, where the README says to run the command.
const DEFAULT_SPEC: &str = "spec/identity_verification_session.yaml";
const DEFAULT_OUT: &str = "generated";

/// How many diff lines `check` prints per file.
const MAX_DIFF_LINES: usize = 200;

/// Options that take a value, per command; `--lenient` is the one flag.
const VALUED: [&str; 10] = [
    "--spec",
    "--out",
    "--resource",
    "--prefix",
    "--keep",
    "--runtime",
    "--old",
    "--new",
    "--format",
    "--from",
];

struct Args {
    command: String,
    options: BTreeMap<String, String>,
    lenient: bool,
    deny_breaking: bool,
    dry_run: bool,
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
    let command = args.next().ok_or("missing command")?;
    if !["generate", "check", "trim", "diff", "update"].contains(&command.as_str()) {
        return Err(format!("unknown command `{command}`"));
    }
    let mut options = BTreeMap::new();
    let mut lenient = false;
    let mut deny_breaking = false;
    let mut dry_run = false;
    while let Some(flag) = args.next() {
        let for_command = match command.as_str() {
            "trim" => ["--spec", "--out", "--resource", "--prefix", "--keep"].contains(&flag.as_str()),
            "diff" => ["--old", "--new", "--format"].contains(&flag.as_str()),
            "update" => ["--from", "--spec", "--out"].contains(&flag.as_str()),
            "generate" => ["--spec", "--out", "--runtime"].contains(&flag.as_str()),
            _ => ["--spec", "--out"].contains(&flag.as_str()),
        };
        if flag == "--lenient" && (command == "generate" || command == "check") {
            lenient = true;
        } else if flag == "--deny-breaking" && command == "diff" {
            deny_breaking = true;
        } else if flag == "--dry-run" && command == "update" {
            dry_run = true;
        } else if VALUED.contains(&flag.as_str()) && for_command {
            let value = args.next().ok_or_else(|| format!("`{flag}` needs a value"))?;
            options.insert(flag, value);
        } else {
            return Err(format!("unknown option `{flag}` for `{command}`"));
        }
    }
    if command == "trim" {
        if !options.contains_key("--spec") {
            return Err("`trim` needs `--spec <full spec>`".to_owned());
        }
        if options.contains_key("--resource") == options.contains_key("--prefix") {
            return Err("`trim` needs exactly one of `--resource` and `--prefix`".to_owned());
        }
    }
    if command == "update" && !options.contains_key("--from") {
        return Err("`update` needs `--from <spec>`".to_owned());
    }
    if command == "diff" {
        if !options.contains_key("--old") || !options.contains_key("--new") {
            return Err("`diff` needs `--old <spec>` and `--new <spec>`".to_owned());
        }
        let format = options.get("--format").map_or("text", String::as_str);
        if stripe_codegen::Format::parse(format).is_none() {
            return Err(format!("unknown format `{format}`; use text, json or markdown"));
        }
    }
    Ok(Args {
        command,
        options,
        lenient,
        deny_breaking,
        dry_run,
    })
}

fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(args) => args,
        Err(message) => {
            eprintln!("error: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    if args.command == "trim" {
        return run_trim(&args);
    }
    if args.command == "diff" {
        return run_diff(&args);
    }
    if args.command == "update" {
        return run_update(&args);
    }
    let spec = args
        .options
        .get("--spec")
        .cloned()
        .unwrap_or_else(|| DEFAULT_SPEC.to_owned());
    let out = PathBuf::from(args.options.get("--out").map_or(DEFAULT_OUT, String::as_str));
    let mut config = Config::new(&spec, spec.replace('\\', "/"));
    config.lenient = args.lenient;
    config.regenerate_command = regenerate_command(&args, &spec);
    let output = match generate(&config) {
        Ok(output) => output,
        Err(problems) => {
            eprintln!("{problems}");
            return ExitCode::from(1);
        }
    };
    for warning in output.warnings.iter() {
        eprintln!("{warning}");
    }
    if args.command == "generate" {
        let options = ScaffoldOptions {
            runtime_dir: args.options.get("--runtime").map_or_else(
                || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../runtime"),
                PathBuf::from,
            ),
            spec_display: config.spec_display.clone(),
        };
        match scaffold(&out, &options) {
            Ok(created) => {
                for file in created {
                    println!("created {} (yours to edit)", out.join(file).display());
                }
            }
            Err(error) => {
                eprintln!("error: cannot make a crate in {}: {error}", out.display());
                return ExitCode::from(1);
            }
        }
        match write(&output, &out) {
            Ok(report) => {
                for file in &report.written {
                    println!("wrote {}", out.join(file).display());
                }
                for file in &report.removed {
                    println!("removed orphaned {}", out.join(file).display());
                }
                for file in &report.refused {
                    eprintln!(
                        "error: {} was written by a person (it is not in {} and has no @generated marker); not overwritten. Move it aside and run again.",
                        out.join(file).display(),
                        stripe_codegen::MANIFEST_FILE
                    );
                }
                for file in &report.foreign {
                    eprintln!(
                        "warning: {} looks generated, but this generator has no record of writing it here; left alone",
                        out.join(file).display()
                    );
                }
                println!("{} file(s) up to date", report.unchanged.len());
                if report.refused.is_empty() {
                    ExitCode::SUCCESS
                } else {
                    ExitCode::from(1)
                }
            }
            Err(error) => {
                eprintln!("error: cannot write to {}: {error}", out.display());
                ExitCode::from(1)
            }
        }
    } else {
        match check(&output, &out) {
            Ok(report) if report.is_clean() => {
                println!("{} is up to date with {spec}", out.display());
                ExitCode::SUCCESS
            }
            Ok(report) => {
                eprintln!("{}", report.render(&config.regenerate_command, MAX_DIFF_LINES));
                ExitCode::from(1)
            }
            Err(error) => {
                eprintln!("error: cannot read {}: {error}", out.display());
                ExitCode::from(1)
            }
        }
    }
}

/// The command that regenerates this output, as printed in file headers and by `check`: the
/// repository's plain command for its own crate, else one naming the spec and the folder given
/// (as given, relative paths and all, so the text does not depend on the machine).
fn regenerate_command(args: &Args, spec: &str) -> String {
    let out = args.options.get("--out").map_or(DEFAULT_OUT, String::as_str);
    if spec == DEFAULT_SPEC && out == DEFAULT_OUT && !args.lenient {
        return REGENERATE_COMMAND.to_owned();
    }
    let quoted = |path: &str| {
        if path.contains(char::is_whitespace) {
            format!("'{path}'")
        } else {
            path.to_owned()
        }
    };
    let mut command = format!(
        "{REGENERATE_COMMAND} --spec {} --out {}",
        quoted(spec),
        quoted(out)
    );
    if args.lenient {
        command.push_str(" --lenient");
    }
    command
}

/// `update`: trim the new spec as the local choices say, compare and generate it, and only then
/// (unless it is a dry run) write the spec and the crate.
fn run_update(args: &Args) -> ExitCode {
    let spec = PathBuf::from(args.options.get("--spec").map_or(DEFAULT_SPEC, String::as_str));
    let out = PathBuf::from(args.options.get("--out").map_or(DEFAULT_OUT, String::as_str));
    let display = spec.to_string_lossy().replace('\\', "/");
    let mut config = Config::new(&spec, display.clone());
    config.lenient = true;
    config.regenerate_command = regenerate_command(args, &spec.to_string_lossy());
    config.local = match stripe_codegen::LocalChoices::beside(&spec, &display) {
        Ok(choices) => choices,
        Err(problems) => {
            eprintln!("{problems}");
            return ExitCode::from(1);
        }
    };
    let scratch = std::env::temp_dir().join(format!("stripe-codegen-update-{}.yaml", std::process::id()));
    let plan = stripe_codegen::plan_update(&spec, Path::new(&args.options["--from"]), &config, &scratch);
    let _ = std::fs::remove_file(&scratch);
    let plan = match plan {
        Ok(plan) => plan,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(1);
        }
    };
    for note in &plan.notes {
        eprintln!("note: {note}");
    }
    print!("{}", plan.report.render(stripe_codegen::Format::Text));
    if args.dry_run {
        return ExitCode::SUCCESS;
    }
    if let Err(error) = std::fs::write(&spec, &plan.spec_text) {
        eprintln!("error: cannot write {}: {error}", spec.display());
        return ExitCode::from(1);
    }
    println!("wrote {}", spec.display());
    match write(&plan.output, &out) {
        Ok(report) => {
            for file in &report.written {
                println!("wrote {}", out.join(file).display());
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: cannot write to {}: {error}", out.display());
            ExitCode::from(1)
        }
    }
}

/// `diff`: the change report; exit 3 when `--deny-breaking` is given and a change is breaking.
fn run_diff(args: &Args) -> ExitCode {
    let format = args
        .options
        .get("--format")
        .and_then(|f| stripe_codegen::Format::parse(f))
        .unwrap_or(stripe_codegen::Format::Text);
    let old = PathBuf::from(&args.options["--old"]);
    let new = PathBuf::from(&args.options["--new"]);
    match stripe_codegen::diff_specs(&old, &new) {
        Ok(report) => {
            print!("{}", report.render(format));
            if args.deny_breaking && report.verdict() == Some(stripe_codegen::ChangeClass::Breaking) {
                ExitCode::from(3)
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(problems) => {
            eprintln!("{problems}");
            ExitCode::from(1)
        }
    }
}

fn run_trim(args: &Args) -> ExitCode {
    let spec = &args.options["--spec"];
    let text = match std::fs::read_to_string(spec) {
        Ok(text) => text,
        Err(error) => {
            eprintln!("{spec}: error: cannot read the spec: {error}");
            return ExitCode::from(1);
        }
    };
    let options = TrimOptions {
        resource: args.options.get("--resource").cloned(),
        path_prefix: args.options.get("--prefix").cloned(),
        keep: args
            .options
            .get("--keep")
            .map(|k| k.split(',').map(str::to_owned).collect())
            .unwrap_or_default(),
    };
    let trimmed = match trim(&text, &options) {
        Ok(trimmed) => trimmed,
        Err(message) => {
            eprintln!("{spec}: error: {message}");
            return ExitCode::from(1);
        }
    };
    match args.options.get("--out") {
        None => {
            print!("{trimmed}");
            ExitCode::SUCCESS
        }
        Some(out) => match std::fs::write(out, trimmed) {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("error: cannot write {out}: {error}");
                ExitCode::from(1)
            }
        },
    }
}
