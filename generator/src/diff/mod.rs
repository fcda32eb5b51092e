//! What a spec update changes for the generated crate's users. Both specs are lowered to the IR
//! and the Rust API they generate is compared item by item (types, fields, variants, builders,
//! parameters), never the YAML text; each change is classified for semver:
//!
//! - **breaking**: an item removed or renamed (a type whose spec node now has another name), a
//!   field's or parameter's type changed, a field that stops or starts being `Option`, a field
//!   that is not an `Option` added to a struct (its `new` takes it: every struct is built with
//!   `new` or `Default`), a parameter that becomes required (`new` gains an argument) or stops
//!   being (`new` loses one);
//! - **additive**: a new type, `Option` field, variant, builder or optional setter (structs and
//!   enums are `#[non_exhaustive]`, so no user code lists every field or value);
//! - **docs**: only a description changed.
//!
//! "Additive" is meant as Rust's semver rules mean it: `tools/semver/agree.sh` checks that every
//! item cargo-semver-checks calls major, this calls breaking.
//!
//! The comparer is the one change detector: `diff` runs it on the IR of two specs, `check` on the
//! API surface a crate records (the IR it was generated from, `surface`) and the fresh one.

mod compare;
mod compare_member;
mod compare_operation;
mod compare_type;
mod render;
mod type_ref;

use std::path::Path;

use crate::config::Config;
use crate::diagnostic::Diagnostics;
use crate::ir::Ir;
use crate::pipeline::lower_text;
use crate::timing::StageTimes;

pub use crate::change::{Change, ChangeClass, Renames};
pub use render::Format;

/// Every change, sorted (breaking first, then by item).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DiffReport {
    /// The changes.
    pub changes: Vec<Change>,
    /// The types and builders that were renamed (old name -> new), found by their spec nodes.
    pub renames: Renames,
}

impl DiffReport {
    /// The most severe class of change, or `None` when the two specs generate the same API.
    pub fn verdict(&self) -> Option<ChangeClass> {
        self.changes.iter().map(|c| c.class).max()
    }

    /// The verdict as the JSON report names it: `none`, `docs`, `additive` or `breaking`.
    pub fn verdict_str(&self) -> &'static str {
        self.verdict().map_or("none", ChangeClass::as_str)
    }

    /// The report in `format`.
    pub fn render(&self, format: Format) -> String {
        render::render(self, format)
    }
}

/// Compares the APIs the specs at `old` and `new` generate. Both are lowered leniently, as a
/// spec update may bring constructs the generator types as JSON; errors in either are returned.
pub fn diff_specs(old: &Path, new: &Path) -> Result<DiffReport, Diagnostics> {
    let read = |path: &Path| {
        let display = path.to_string_lossy().replace('\\', "/");
        match std::fs::read_to_string(path) {
            Ok(text) => Ok((text, display)),
            Err(error) => {
                let mut problems = crate::diagnostic::Collector::new(&display);
                problems.error("#", format!("cannot read the spec: {error}"));
                Err(problems.into_diagnostics())
            }
        }
    };
    let (old_text, old_display) = read(old)?;
    let (new_text, new_display) = read(new)?;
    diff_texts((&old_text, &old_display), (&new_text, &new_display))
}

/// [`diff_specs`] of two specs already in memory, each `(text, the name its errors give)`: so
/// `update` compares the spec it plans without writing it anywhere first.
pub(crate) fn diff_texts(old: (&str, &str), new: (&str, &str)) -> Result<DiffReport, Diagnostics> {
    let lower = |(text, display): (&str, &str)| {
        let mut config = Config::new(display, display);
        config.lenient = true;
        lower_text(text, &config, &mut StageTimes::default()).map(|(ir, _)| ir)
    };
    let old = lower(old)?;
    let new = lower(new)?;
    Ok(compare::compare(&old, &new))
}

/// The changes from the API surface a crate records to the fresh one: `check`'s classes, by the
/// comparer [`diff_specs`] uses.
pub(crate) fn compare_surfaces(recorded: &Ir, fresh: &Ir) -> DiffReport {
    compare::compare(recorded, fresh)
}
