//! `stripe-codegen`: generates a typed Rust crate (models, open enums, request builders) from a
//! trimmed Stripe OpenAPI 3.0 spec.
//!
//! The core is pure: [`generate`] takes a [`Config`] and returns the files in memory, or every
//! problem found, located in the spec. Only [`write()`] and [`check()`] touch the disk. `build.rs`, the
//! CLI and the tests are thin callers of these three functions.
//!
//! This file is the facade: the modules below own everything (`config`, the `pipeline`, its
//! `timing`, `output` with writing and comparing, the recorded API `surface`, `diff` and
//! `check`) and nothing imports back up into it.

mod change;
mod check;
mod config;
mod diagnostic;
mod diff;
mod docs;
mod draft;
mod emit;
mod ir;
mod load;
mod local;
mod locate;
mod locate_json;
mod lower;
mod names;
mod naming;
mod output;
mod pipeline;
mod read;
mod scaffold;
mod surface;
mod timing;
mod trim;
mod update;
mod yaml_walk;

pub use change::{Change, ChangeClass, Difference, Renames};
pub use check::{check, CheckReport};
pub use config::{Config, REGENERATE_COMMAND};
pub use diagnostic::{Diagnostic, Diagnostics, Severity};
pub use diff::{diff_specs, DiffReport, Format};
pub use emit::{REQUESTS_FILE, TYPES_FILE, VALIDATION_FILE};
pub use local::{LocalChoices, TrimChoice, LOCAL_FILE};
pub use output::{refused, write, Output, WriteReport, GENERATED_MARKER, MANIFEST_FILE};
#[doc(hidden)]
pub use pipeline::generate_timed;
pub use pipeline::{generate, generate_from_str};
pub use scaffold::{scaffold, RuntimeDependency, ScaffoldOptions, RUNTIME_VERSION};
pub use surface::SURFACE_FILE;
#[doc(hidden)]
pub use timing::StageTimes;
pub use trim::{resources_with_operations, trim, trim_value, TrimOptions};
pub use update::{plan_update, UpdatePlan};
