//! What to generate from: the spec, how to show it in headers and errors, the regeneration
//! command, leniency, and the project's local choices (secret fields, what `update` trims to).
//! `Config::new` reads nothing; `with_local_choices` reads `stripe-codegen.yaml` beside the spec,
//! as the CLI and a build script do. Generation uses `local` exactly as the caller set it.

use std::path::PathBuf;

use crate::diagnostic::Diagnostics;
use crate::local::LocalChoices;

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
    /// Project-local choices (secret fields): none unless the caller sets them, or reads them
    /// from beside the spec with [`Config::with_local_choices`].
    pub local: LocalChoices,
}

impl Config {
    /// Reads `spec_path`, showing it as `spec_display`, with this repository's regenerate command
    /// and no local choices.
    pub fn new(spec_path: impl Into<PathBuf>, spec_display: impl Into<String>) -> Self {
        Self {
            spec_path: spec_path.into(),
            spec_display: spec_display.into(),
            regenerate_command: REGENERATE_COMMAND.to_owned(),
            lenient: false,
            local: LocalChoices::default(),
        }
    }

    /// The same, with the local choices of `stripe-codegen.yaml` beside the spec (none when there
    /// is no such file); a file that does not parse is an error at its line.
    pub fn with_local_choices(mut self) -> Result<Self, Diagnostics> {
        self.local = LocalChoices::beside(&self.spec_path, &self.spec_display)?;
        Ok(self)
    }
}
