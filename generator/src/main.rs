//! The `stripe-codegen` command: `generate` writes the crate from the spec, `check` reports (with a
//! diff) when the crate on disk differs. Exit codes: 0 success, 1 a bad spec or a stale crate, 2 bad
//! command-line usage.

use std::path::PathBuf;
use std::process::ExitCode;

use stripe_codegen::{check, generate, write, Config, REGENERATE_COMMAND};

const USAGE: &str = "usage: stripe-codegen <generate|check> [--spec <file>] [--out <crate dir>]

  generate  write the generated files into the crate, removing orphaned ones
  check     exit 1 with a diff when the crate differs from what the spec generates

  --spec    the OpenAPI 3.0 spec (default: spec/identity_verification_session.yaml)
  --out     the crate to write into (default: generated)";

/// Defaults relative to the repository root, where the README says to run the command.
const DEFAULT_SPEC: &str = "spec/identity_verification_session.yaml";
const DEFAULT_OUT: &str = "generated";

/// How many diff lines `check` prints per file.
const MAX_DIFF_LINES: usize = 200;

struct Args {
    command: String,
    spec: String,
    out: PathBuf,
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
    let command = args.next().ok_or("missing command")?;
    if command != "generate" && command != "check" {
        return Err(format!("unknown command `{command}`"));
    }
    let mut spec = DEFAULT_SPEC.to_owned();
    let mut out = PathBuf::from(DEFAULT_OUT);
    while let Some(flag) = args.next() {
        let value = args.next().ok_or_else(|| format!("`{flag}` needs a value"))?;
        match flag.as_str() {
            "--spec" => spec = value,
            "--out" => out = PathBuf::from(value),
            other => return Err(format!("unknown option `{other}`")),
        }
    }
    Ok(Args { command, spec, out })
}

fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(args) => args,
        Err(message) => {
            eprintln!("error: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let config = Config::new(&args.spec, args.spec.replace('\\', "/"));
    let output = match generate(&config) {
        Ok(output) => output,
        Err(problems) => {
            eprintln!("{problems}");
            return ExitCode::from(1);
        }
    };
    if args.command == "generate" {
        match write(&output, &args.out) {
            Ok(report) => {
                for file in &report.written {
                    println!("wrote {}", args.out.join(file).display());
                }
                for file in &report.removed {
                    println!("removed orphaned {}", args.out.join(file).display());
                }
                println!("{} file(s) up to date", report.unchanged.len());
                ExitCode::SUCCESS
            }
            Err(error) => {
                eprintln!("error: cannot write to {}: {error}", args.out.display());
                ExitCode::from(1)
            }
        }
    } else {
        match check(&output, &args.out) {
            Ok(report) if report.is_clean() => {
                println!("{} is up to date with {}", args.out.display(), args.spec);
                ExitCode::SUCCESS
            }
            Ok(report) => {
                eprintln!("{}", report.render(REGENERATE_COMMAND, MAX_DIFF_LINES));
                ExitCode::from(1)
            }
            Err(error) => {
                eprintln!("error: cannot read {}: {error}", args.out.display());
                ExitCode::from(1)
            }
        }
    }
}
