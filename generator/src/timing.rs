//! Where one run's time went, stage by stage: the benchmark prints it; the pipeline adds to it.

use std::time::Duration;

/// The time of each stage of one run (summed over threads where a stage runs on several).
#[doc(hidden)]
#[derive(Clone, Copy, Debug, Default)]
pub struct StageTimes {
    /// YAML text to `openapiv3` types, with the walks of the YAML value lowering asks for.
    pub parse: Duration,
    /// `openapiv3` types to the IR, and locating diagnostics.
    pub lower: Duration,
    /// The IR to items, built as `syn` trees.
    pub build: Duration,
    /// Syntax trees to text (`prettyplease`).
    pub print: Duration,
}
