//! The `stripe-codegen` command (feature `cli`, on by default; a `build.rs` that calls the library
//! leaves it off and compiles no argument parser): `generate` writes the crate from the spec,
//! `check` reports (with a diff) when the crate on disk differs, `trim` cuts one resource out of a
//! full Stripe spec, `diff` classifies what changed between two specs, `update` takes a new spec.
//! Arguments are parsed by clap (`stripe-codegen help <command>` documents each flag). Exit codes:
//! 0 success, 1 a bad spec or a stale crate, 2 bad command-line usage (clap's), 3 `diff
//! --deny-breaking` on a breaking change.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use stripe_codegen::{
    check, generate, scaffold, trim, write, Config, Format, RuntimeDependency, ScaffoldOptions, TrimOptions,
    REGENERATE_COMMAND,
};

/// Defaults relative to the repository root, where the README says to run the command.
const DEFAULT_SPEC: &str = "spec/identity_verification_session.yaml";
const DEFAULT_OUT: &str = "generated";

/// How many diff lines `check` prints per file.
const MAX_DIFF_LINES: usize = 200;

/// Generates a typed Rust crate (models, open enums, request builders, a validation table) from a
/// trimmed Stripe OpenAPI spec, and keeps it in step with the spec.
#[derive(Parser)]
#[command(name = "stripe-codegen", version, arg_required_else_help = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Write the generated files into the crate, removing files an earlier run wrote that are no
    /// longer generated; a folder with no Cargo.toml first gets a Cargo.toml and src/lib.rs
    /// (written once, never overwritten).
    Generate {
        #[command(flatten)]
        target: Target,
        /// The stripe-runtime crate a new crate depends on by path (default: this repository's
        /// `runtime/` when run from a clone of it, else stripe-runtime from crates.io).
        #[arg(long, value_name = "DIR")]
        runtime: Option<PathBuf>,
    },
    /// Exit 1 with a diff when the crate differs from what the spec generates.
    Check {
        #[command(flatten)]
        target: Target,
    },
    /// Cut one resource's operations and the schemas they reach out of a full spec; references
    /// to other resources become free-form JSON (unless kept).
    Trim {
        /// The full spec (spec3.yaml or spec3.json).
        #[arg(long, value_name = "FILE")]
        spec: PathBuf,
        /// The resource to keep, by its x-resourceId (identity.verification_session).
        #[arg(long, required_unless_present = "prefix", conflicts_with = "prefix")]
        resource: Option<String>,
        /// Keep the operations whose path starts with this instead.
        #[arg(long, value_name = "PATH")]
        prefix: Option<String>,
        /// More schemas to keep whole, comma-separated.
        #[arg(long, value_name = "SCHEMA,…", value_delimiter = ',')]
        keep: Vec<String>,
        /// Where to write the trimmed spec (default: stdout).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Report every change to the generated Rust API between two specs, classified as breaking,
    /// additive or docs-only.
    Diff {
        /// The spec before.
        #[arg(long, value_name = "FILE")]
        old: PathBuf,
        /// The spec after.
        #[arg(long, value_name = "FILE")]
        new: PathBuf,
        /// text, json or markdown (md).
        #[arg(long, default_value = "text", value_parser = parse_format)]
        format: Format,
        /// Exit 3 when any change is breaking.
        #[arg(long)]
        deny_breaking: bool,
    },
    /// Take Stripe's new spec (full or trimmed), trim it to the resource named in
    /// stripe-codegen.yaml, write it over --spec, regenerate --out and print the change report.
    Update {
        /// Stripe's new spec.
        #[arg(long, value_name = "FILE")]
        from: PathBuf,
        /// The spec to replace.
        #[arg(long, value_name = "FILE", default_value = DEFAULT_SPEC)]
        spec: PathBuf,
        /// The crate to regenerate.
        #[arg(long, value_name = "DIR", default_value = DEFAULT_OUT)]
        out: PathBuf,
        /// Print the report only; write nothing.
        #[arg(long)]
        dry_run: bool,
    },
}

/// The spec and crate of `generate` and `check`.
#[derive(Args)]
struct Target {
    /// The OpenAPI 3.0 spec.
    #[arg(long, value_name = "FILE", default_value = DEFAULT_SPEC)]
    spec: String,
    /// The crate to write into or compare with.
    #[arg(long, value_name = "DIR", default_value = DEFAULT_OUT)]
    out: PathBuf,
    /// Type unsupported constructs as free-form JSON and skip unsupported operations, with a
    /// located warning for each, instead of failing.
    #[arg(long)]
    lenient: bool,
}

fn parse_format(name: &str) -> Result<Format, String> {
    Format::parse(name).ok_or_else(|| format!("unknown format `{name}`; use text, json or markdown"))
}

fn main() -> ExitCode {
    // clap prints usage errors with exit status 2, and --help / --version with 0.
    match Cli::parse().command {
        Command::Generate { target, runtime } => {
            // `--runtime`, else this repository's runtime when the generator runs from a clone of
            // it, else (an installed generator) the released runtime from crates.io.
            let repository_runtime = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../runtime");
            let runtime = match runtime {
                Some(dir) => RuntimeDependency::Path(dir),
                None if repository_runtime.join("Cargo.toml").is_file() => {
                    RuntimeDependency::Path(repository_runtime)
                }
                None => RuntimeDependency::Registry,
            };
            run_generate_or_check(&target, Some(runtime))
        }
        Command::Check { target } => run_generate_or_check(&target, None),
        Command::Trim {
            spec,
            resource,
            prefix,
            keep,
            out,
        } => {
            let options = TrimOptions {
                resource,
                path_prefix: prefix,
                keep,
            };
            run_trim(&spec, &options, out.as_deref())
        }
        Command::Diff {
            old,
            new,
            format,
            deny_breaking,
        } => run_diff(&old, &new, format, deny_breaking),
        Command::Update {
            from,
            spec,
            out,
            dry_run,
        } => run_update(&from, &spec, &out, dry_run),
    }
}

/// `generate` (with the runtime a new crate depends on) or `check` (without).
fn run_generate_or_check(target: &Target, runtime: Option<RuntimeDependency>) -> ExitCode {
    let (spec, out) = (&target.spec, &target.out);
    let config = Config::new(spec, spelled(Path::new(spec))).with_local_choices();
    let mut config = match config {
        Ok(config) => config,
        Err(problems) => {
            eprintln!("{problems}");
            return ExitCode::from(1);
        }
    };
    config.lenient = target.lenient;
    config.regenerate_command = regenerate_command(spec, &target.out, target.lenient);
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
    if let Some(runtime) = runtime {
        let options = ScaffoldOptions {
            runtime,
            spec_display: config.spec_display.clone(),
        };
        match scaffold(out, &options) {
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
        write_crate(&output, out)
    } else {
        match check(&output, out) {
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

/// A path as the headers print it: `/` separators, no leading `./`, no trailing `/`, so `gen`,
/// `./gen` and `gen/` name one crate and `check` sees no difference between them.
fn spelled(path: &Path) -> String {
    use std::path::Component;
    let mut joined = String::new();
    for part in path.components() {
        match part {
            Component::CurDir => continue,
            // The root is the separator itself.
            Component::RootDir => {
                joined.push('/');
                continue;
            }
            _ => {}
        }
        if !joined.is_empty() && !joined.ends_with('/') {
            joined.push('/');
        }
        joined.push_str(&part.as_os_str().to_string_lossy());
    }
    if joined.is_empty() {
        ".".to_owned()
    } else {
        joined
    }
}

/// The command that regenerates this output, as printed in file headers and by `check`: the
/// repository's plain command for its own crate, else one naming the spec and the folder given
/// (as given, relative paths and all, so the text does not depend on the machine).
fn regenerate_command(spec: &str, out: &Path, lenient: bool) -> String {
    let (spec, out) = (&spelled(Path::new(spec)), &spelled(out));
    if spec == DEFAULT_SPEC && out == DEFAULT_OUT && !lenient {
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
    if lenient {
        command.push_str(" --lenient");
    }
    command
}

/// The write step `generate` and `update` share: writes `output` under `out` and says what it
/// did; fails when a file was refused (a person wrote it), naming it.
fn write_crate(output: &stripe_codegen::Output, out: &Path) -> ExitCode {
    match write(output, out) {
        Ok(report) => {
            for file in &report.written {
                println!("wrote {}", out.join(file).display());
            }
            for file in &report.removed {
                println!("removed orphaned {}", out.join(file).display());
            }
            refuse(out, &report.refused);
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
}

/// Says which files were (or would be) refused, and what to do.
fn refuse(out: &Path, refused: &[String]) {
    for file in refused {
        eprintln!(
            "error: {} was written by a person (it is not in {} and has no @generated marker); not overwritten. Move it aside and run again.",
            out.join(file).display(),
            stripe_codegen::MANIFEST_FILE
        );
    }
}

/// `update`: trim the new spec as the local choices say, compare and generate it, and only then
/// (unless it is a dry run) write the spec and the crate.
fn run_update(from: &Path, spec: &Path, out: &Path, dry_run: bool) -> ExitCode {
    let display = spelled(spec);
    let mut config = match Config::new(spec, display).with_local_choices() {
        Ok(config) => config,
        Err(problems) => {
            eprintln!("{problems}");
            return ExitCode::from(1);
        }
    };
    config.lenient = true;
    config.regenerate_command = regenerate_command(&spec.to_string_lossy(), out, false);
    let plan = match stripe_codegen::plan_update(spec, from, &config) {
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
    if dry_run {
        return ExitCode::SUCCESS;
    }
    // A file the crate's write would refuse fails the update before anything is written: the
    // spec is never left newer than its crate.
    match stripe_codegen::refused(&plan.output, out) {
        Ok(refused) if refused.is_empty() => {}
        Ok(refused) => {
            refuse(out, &refused);
            eprintln!("error: nothing was written; {} is as it was", spec.display());
            return ExitCode::from(1);
        }
        Err(error) => {
            eprintln!("error: cannot read {}: {error}", out.display());
            return ExitCode::from(1);
        }
    }
    if let Err(error) = std::fs::write(spec, &plan.spec_text) {
        eprintln!("error: cannot write {}: {error}", spec.display());
        return ExitCode::from(1);
    }
    println!("wrote {}", spec.display());
    write_crate(&plan.output, out)
}

/// `diff`: the change report; exit 3 when `--deny-breaking` is given and a change is breaking.
fn run_diff(old: &Path, new: &Path, format: Format, deny_breaking: bool) -> ExitCode {
    match stripe_codegen::diff_specs(old, new) {
        Ok(report) => {
            print!("{}", report.render(format));
            if deny_breaking && report.verdict() == Some(stripe_codegen::ChangeClass::Breaking) {
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

fn run_trim(spec: &Path, options: &TrimOptions, out: Option<&Path>) -> ExitCode {
    let spec = spec.display();
    let text = match std::fs::read_to_string(spec.to_string()) {
        Ok(text) => text,
        Err(error) => {
            eprintln!("{spec}: error: cannot read the spec: {error}");
            return ExitCode::from(1);
        }
    };
    let trimmed = match trim(&text, options) {
        Ok(trimmed) => trimmed,
        Err(message) => {
            eprintln!("{spec}: error: {message}");
            return ExitCode::from(1);
        }
    };
    match out {
        None => {
            print!("{trimmed}");
            ExitCode::SUCCESS
        }
        Some(out) => match std::fs::write(out, trimmed) {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("error: cannot write {}: {error}", out.display());
                ExitCode::from(1)
            }
        },
    }
}
