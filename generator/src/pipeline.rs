//! The pipeline: spec text -> OpenAPI (`load`) -> IR (`lower`, problems located) -> files
//! (`emit`), with the IR recorded beside them as the crate's API surface (`surface`), each stage
//! timed. Pure: the only file it reads is the spec, in `generate`.

use crate::config::Config;
use crate::diagnostic::{self, Diagnostics};
use crate::output::Output;
use crate::timing::StageTimes;
use crate::{emit, ir, load, locate, lower, read, surface};

/// Reads the spec named by `config` and generates the crate's files, with `config.local` as the
/// local choices.
pub fn generate(config: &Config) -> Result<Output, Diagnostics> {
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

/// [`generate_from_str`], adding the time of each stage to `times`.
pub fn generate_timed(text: &str, config: &Config, times: &mut StageTimes) -> Result<Output, Diagnostics> {
    let (ir, warnings) = lower_text(text, config, times)?;
    let header = emit::Header {
        spec_display: config.spec_display.clone(),
        regenerate_command: config.regenerate_command.clone(),
    };
    let mut files = emit::emit(&ir, &header, times);
    // The API surface the files declare, recorded beside them: what `check` compares.
    files.insert(surface::SURFACE_FILE.to_owned(), surface::record(&ir, &header));
    Ok(Output { files, warnings })
}

/// Parses and lowers spec `text` into the IR, with any warnings; errors located.
pub(crate) fn lower_text(
    text: &str,
    config: &Config,
    times: &mut StageTimes,
) -> Result<(ir::Ir, Diagnostics), Diagnostics> {
    // A byte-order mark (editors on Windows write one) is not part of the document.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let started = std::time::Instant::now();
    let spec = load::parse(&config.spec_display, text, read::DocumentWalks::of)?;
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
