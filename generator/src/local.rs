//! Project-local choices, kept beside the spec rather than in it, so that replacing the spec with
//! Stripe's next version (upstream descriptions and all) keeps them: `stripe-codegen.yaml` next to
//! the spec file.
//!
//! ```yaml
//! # Fields that must never be printed: typed `stripe_runtime::Secret`, which `Debug` hides.
//! secrets:
//!   - "#/components/schemas/identity.verification_session/properties/url"
//! ```
//!
//! Besides the listed fields, every string property named `client_secret` or `secret`, described
//! as not to be logged ("don't store it, log it", "never log"), or marked `x-secret: true` in the
//! spec, is a secret by default. An entry that no longer matches a string
//! property of the spec is an error located in this file: a rename upstream must not silently drop
//! a redaction.

use std::collections::BTreeSet;
use std::path::Path;

use serde::Deserialize;

use crate::diagnostic::{Collector, Diagnostics};
use crate::locate::Locator;

/// The file name read beside the spec.
pub const LOCAL_FILE: &str = "stripe-codegen.yaml";

/// Property names that are secrets wherever they appear.
const SECRET_NAMES: [&str; 2] = ["client_secret", "secret"];

/// The choices, as read.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LocalChoices {
    /// JSON pointers of string properties that are secrets.
    #[serde(default)]
    pub secrets: Vec<String>,
    /// What `update` trims a full spec to (see the README's monthly upgrade).
    #[serde(default)]
    pub trim: Option<TrimChoice>,
    /// Where these choices were read from, for error messages (`None` for built-in defaults).
    #[serde(skip)]
    pub file: Option<(String, String)>,
}

/// The resource the crate is made from, and the schemas kept beside it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrimChoice {
    /// The `x-resourceId` of the resource whose events the crate types.
    pub resource: String,
    /// Keep every operation under this path (`/v1/identity`: all of Identity's resources)
    /// instead of the resource's alone.
    #[serde(default)]
    pub prefix: Option<String>,
    /// Schemas kept although the resource's operations do not reach them (the webhook event's).
    #[serde(default)]
    pub keep: Vec<String>,
}

impl LocalChoices {
    /// Reads `stripe-codegen.yaml` beside `spec_path`, if there is one (shown as a sibling of
    /// `spec_display` in messages).
    pub fn beside(spec_path: &Path, spec_display: &str) -> Result<Self, Diagnostics> {
        let path = spec_path.with_file_name(LOCAL_FILE);
        let display = match spec_display.rsplit_once('/') {
            Some((folder, _)) => format!("{folder}/{LOCAL_FILE}"),
            None => LOCAL_FILE.to_owned(),
        };
        match std::fs::read_to_string(&path) {
            Ok(text) => Self::parse(&text, &display),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(Self::default()),
            Err(error) => {
                let mut problems = Collector::new(&display);
                problems.error("#", format!("cannot read the local choices: {error}"));
                Err(problems.into_diagnostics())
            }
        }
    }

    /// Parses the choices in `text`, reported as `display`.
    pub fn parse(text: &str, display: &str) -> Result<Self, Diagnostics> {
        let deserializer = serde_yaml::Deserializer::from_str(text);
        match serde_path_to_error::deserialize::<_, Self>(deserializer) {
            Ok(mut choices) => {
                choices.file = Some((display.to_owned(), text.to_owned()));
                Ok(choices)
            }
            Err(error) => {
                let mut problems = Collector::new(display);
                let location = error.inner().location().map(|l| (l.line(), l.column()));
                let pointer = format!("#/{}", error.path().to_string().replace('.', "/"));
                problems.error_at(&pointer, location, error.inner().to_string());
                Err(problems.into_diagnostics())
            }
        }
    }
}

/// Whether a description tells readers not to log the value (Stripe's words for its session URL:
/// "Don't store it, log it, send it in emails or expose it").
fn documented_as_secret(description: &str) -> bool {
    let text = description.to_lowercase().replace('’', "'");
    [
        "log it",
        "never log",
        "do not log",
        "don't log",
        "keep it secret",
        "keep this secret",
    ]
    .iter()
    .any(|phrase| text.contains(phrase))
}

/// Whether the string property at `pointer` (marked `x-secret` or not, described by
/// `description`) is a secret under `choices`; [`SecretRules::is_secret`] also notes the entry used.
pub(crate) fn is_secret(choices: &LocalChoices, pointer: &str, marked: bool, description: &str) -> bool {
    let name = pointer.rsplit('/').next().unwrap_or_default();
    let listed = choices.secrets.iter().any(|entry| entry == pointer);
    marked || listed || SECRET_NAMES.contains(&name) || documented_as_secret(description)
}

/// Which string properties are secrets, and which listed entries were used.
pub(crate) struct SecretRules<'a> {
    choices: &'a LocalChoices,
    used: BTreeSet<usize>,
}

impl<'a> SecretRules<'a> {
    pub(crate) fn new(choices: &'a LocalChoices) -> Self {
        Self {
            choices,
            used: BTreeSet::new(),
        }
    }

    /// Whether the string property at `pointer` (marked `x-secret` or not, described by
    /// `description`) is a secret.
    pub(crate) fn is_secret(&mut self, pointer: &str, marked: bool, description: &str) -> bool {
        let listed = self.choices.secrets.iter().position(|entry| entry == pointer);
        if let Some(index) = listed {
            self.used.insert(index);
        }
        is_secret(self.choices, pointer, marked, description)
    }

    /// Every listed entry that matched no string property: an error located in the choices file.
    pub(crate) fn unmatched(&self) -> Option<Diagnostics> {
        let (display, text) = self.choices.file.as_ref()?;
        let locator = Locator::new(text);
        let mut problems = Collector::new(display);
        for (index, entry) in self.choices.secrets.iter().enumerate() {
            if !self.used.contains(&index) {
                let pointer = format!("#/secrets/{index}");
                let message = format!("`{entry}` is no string property of the spec (renamed or removed upstream?); fix the pointer so the field stays redacted");
                problems.error_at(&pointer, locator.locate(&pointer), message);
            }
        }
        let problems = problems.into_diagnostics();
        (!problems.is_empty()).then_some(problems)
    }
}
