//! `stripe-codegen`: generates a typed Rust crate (models, open enums, request builders) from a
//! trimmed Stripe OpenAPI 3.0 spec.
//!
//! The core is pure: [`generate`] takes a [`Config`] and returns the files in memory, or every
//! problem found, located in the spec. Only [`write`] and [`check`] touch the disk. `build.rs`, the
//! CLI and the tests are thin callers of these three functions.

mod diagnostic;
mod diff;
mod docs;
mod drift;
mod emit;
mod ir;
mod load;
mod local;
mod locate;
mod locate_json;
mod lower;
mod naming;
mod output;
mod scaffold;
mod trim;
mod update;
mod yaml_walk;

use std::collections::BTreeMap;
use std::path::PathBuf;

pub use diagnostic::{Diagnostic, Diagnostics, Severity};
pub use diff::{diff_specs, Change, ChangeClass, DiffReport, Format};
pub use drift::Drift;
pub use emit::{GENERATED_MARKER, REQUESTS_FILE, TYPES_FILE, VALIDATION_FILE};
pub use local::{LocalChoices, TrimChoice, LOCAL_FILE};
pub use output::{check, write, CheckReport, WriteReport, MANIFEST_FILE};
pub use scaffold::{scaffold, ScaffoldOptions};
pub use trim::{resources_with_operations, trim, trim_value, TrimOptions};
pub use update::{plan_update, UpdatePlan};

/// The command that regenerates this repository's `generated/` crate, printed in file headers and
/// in the freshness check's failure message.
pub const REGENERATE_COMMAND: &str = "cargo run -p stripe-codegen -- generate";

/// What to generate from.
#[derive(Clone, Debug)]
pub struct Config {
    /// Where to read the spec.
    pub spec_path: PathBuf,
    /// The spec as shown to users in headers and errors (a repo-relative path, so output does not
    /// depend on where the repository is checked out).
    pub spec_display: String,
    /// The regeneration command printed in file headers.
    pub regenerate_command: String,
    /// Type unsupported constructs as free-form JSON (and skip unsupported operations) with a
    /// warning, instead of failing. Off by default: a spec the generator cannot fully model is an
    /// error unless the caller asks otherwise.
    pub lenient: bool,
    /// Project-local choices (secret fields), which [`generate`] reads from
    /// `stripe-codegen.yaml` beside the spec.
    pub local: LocalChoices,
}

impl Config {
    /// Reads `spec_path`, showing it as `spec_display`, with this repository's regenerate command.
    pub fn new(spec_path: impl Into<PathBuf>, spec_display: impl Into<String>) -> Self {
        Self {
            spec_path: spec_path.into(),
            spec_display: spec_display.into(),
            regenerate_command: REGENERATE_COMMAND.to_owned(),
            lenient: false,
            local: LocalChoices::default(),
        }
    }
}

/// The generated files: path relative to the output crate (`src/types.rs`) -> contents.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Output {
    /// Files by relative path, in a stable order.
    pub files: BTreeMap<String, String>,
    /// What a lenient run typed as free-form JSON or skipped, located; empty for strict runs.
    pub warnings: Diagnostics,
}

/// Reads the spec named by `config`, and the local choices beside it (`stripe-codegen.yaml`), and
/// generates the crate's files.
pub fn generate(config: &Config) -> Result<Output, Diagnostics> {
    let mut config = config.clone();
    config.local = LocalChoices::beside(&config.spec_path, &config.spec_display)?;
    let config = &config;
    let text = match std::fs::read_to_string(&config.spec_path) {
        Ok(text) => text,
        Err(error) => {
            let mut problems = diagnostic::Collector::new(&config.spec_display);
            problems.error("#", format!("cannot read the spec: {error}"));
            return Err(problems.into_diagnostics());
        }
    };
    generate_from_str(&text, config)
}

/// Generates the crate's files from spec `text` (reported as `config.spec_display`).
pub fn generate_from_str(text: &str, config: &Config) -> Result<Output, Diagnostics> {
    generate_timed(text, config, &mut StageTimes::default())
}

/// Where one run's time went, by stage: for the benchmark, which prints it.
#[doc(hidden)]
#[derive(Clone, Copy, Debug, Default)]
pub struct StageTimes {
    /// YAML text to `openapiv3` types, with the walks of the YAML value lowering asks for.
    pub parse: std::time::Duration,
    /// `openapiv3` types to the IR, and locating diagnostics.
    pub lower: std::time::Duration,
    /// The IR to items: `syn` trees built directly, and `quote!` tokens for the rest.
    pub build: std::time::Duration,
    /// Those tokens parsed into `syn` trees.
    pub syntax: std::time::Duration,
    /// Syntax trees to text (`prettyplease`).
    pub print: std::time::Duration,
}

/// Parses and lowers spec `text` into the IR, with any warnings; errors located.
fn lower_text(
    text: &str,
    config: &Config,
    times: &mut StageTimes,
) -> Result<(ir::Ir, Diagnostics), Diagnostics> {
    let started = std::time::Instant::now();
    let spec = load::parse(&config.spec_display, text, lower::DocumentWalks::of)?;
    times.parse += started.elapsed();
    let started = std::time::Instant::now();
    let mut problems = if config.lenient {
        diagnostic::Collector::lenient(&config.spec_display)
    } else {
        diagnostic::Collector::new(&config.spec_display)
    };
    let ir = lower::lower(&spec.openapi, &spec.survey, &config.local, &mut problems);
    let locator = locate::Locator::new(text);
    let locate = |pointer: &str| locator.locate(pointer);
    let (ir, warnings) = problems
        .finish(ir)
        .map_err(|problems| problems.with_locations(locate))?;
    let warnings = warnings.with_locations(locate);
    times.lower += started.elapsed();
    Ok((ir, warnings))
}

/// [`generate_from_str`], adding the time of each stage to `times`.
#[doc(hidden)]
pub fn generate_timed(text: &str, config: &Config, times: &mut StageTimes) -> Result<Output, Diagnostics> {
    // A byte-order mark (editors on Windows write one) is not part of the document.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (ir, warnings) = lower_text(text, config, times)?;
    let header = emit::Header {
        spec_display: config.spec_display.clone(),
        regenerate_command: config.regenerate_command.clone(),
    };
    match emit::emit(&ir, &header, times) {
        Ok(files) => Ok(Output { files, warnings }),
        Err(internal) => Err(Diagnostics::new(internal)),
    }
}
