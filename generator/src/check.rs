//! `check`: whether a crate is what the spec generates today, and when it is not, what that
//! means. What changed in the crate's API is classed by `diff`'s comparer, the one change
//! detector, run on the API surface the crate records ([`SURFACE_FILE`], written with it) and the
//! fresh one: so `check` sees renames as `diff` does and gives every change `diff`'s class. A
//! file that no longer matches what the generator last wrote there is a hand edit; one that
//! still does is stale; both are shown with their lines. Orphans and missing files are
//! `output::compare`'s.

use std::fmt::Write as _;
use std::io;
use std::path::Path;

use similar::{ChangeTag, TextDiff};

use crate::diff::{compare_surfaces, DiffReport, Format};
use crate::output::{self, Comparison, Output};
use crate::surface::{self, SURFACE_FILE};

/// How a crate differs from what the generator makes now.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CheckReport {
    /// What regenerating changes in the crate's API, as `diff` reports it (the surface the crate
    /// records against the fresh one); no change when they agree.
    pub api: DiffReport,
    /// Why the API's changes could not be classed, when they could not (the recorded surface is
    /// missing, unreadable or edited by hand).
    pub unclassified: Option<String>,
    /// Files that differ from what the generator makes now but are what it last wrote there
    /// (the spec or the generator changed since), each with its changed lines.
    pub stale: Vec<(String, String)>,
    /// Files that no longer match what the generator last wrote there: edited by hand, each with
    /// its changed lines.
    pub hand_edited: Vec<(String, String)>,
    /// Files the generator makes that are not on disk.
    pub missing: Vec<String>,
    /// Files an earlier run wrote that the generator no longer makes.
    pub orphaned: Vec<String>,
}

impl CheckReport {
    /// Whether the crate matches exactly.
    pub fn is_clean(&self) -> bool {
        self.stale.is_empty()
            && self.hand_edited.is_empty()
            && self.missing.is_empty()
            && self.orphaned.is_empty()
    }

    /// A readable report: hand edits, what regenerating changes in the API, stale files (the
    /// first `max_lines` changed lines of each), missing and orphaned files, then the command
    /// that fixes it all.
    pub fn render(&self, fix_command: &str, max_lines: usize) -> String {
        let mut out = String::new();
        for (file, lines) in &self.hand_edited {
            let _ = writeln!(
                out,
                "{file} was edited by hand (it differs from what the generator wrote there); generated files are overwritten:"
            );
            push_lines(&mut out, lines, max_lines);
        }
        // The manifest alone (an orphan left, a file missing) says nothing about the API.
        let code_stale = self.stale.iter().any(|(file, _)| file != output::MANIFEST_FILE);
        if code_stale
            || !self.api.changes.is_empty()
            || (self.unclassified.is_some() && !self.stale.is_empty())
        {
            match &self.unclassified {
                Some(why) => {
                    let _ = writeln!(out, "what regenerating changes in the API cannot be told: {why}");
                }
                None => {
                    let _ = writeln!(
                        out,
                        "what regenerating changes in the API ({SURFACE_FILE} -> the spec's):"
                    );
                    out.push_str(&self.api.render(Format::Text));
                }
            }
        }
        for (file, lines) in &self.stale {
            if file == SURFACE_FILE && self.unclassified.is_none() && !self.api.changes.is_empty() {
                // Its lines say, as data, what the report above says.
                let _ = writeln!(out, "{file} is stale: its changes are the API's above");
                continue;
            }
            let _ = writeln!(out, "{file} is stale:");
            push_lines(&mut out, lines, max_lines);
        }
        for file in &self.missing {
            let _ = writeln!(out, "{file} is missing");
        }
        for file in &self.orphaned {
            let _ = writeln!(
                out,
                "{file} is a generated file the spec no longer produces (orphaned)"
            );
        }
        let _ = write!(
            out,
            "generated code is out of date; run `{fix_command}` and commit the result"
        );
        out
    }
}

/// The first `max` lines of `lines`, and how many more there are.
fn push_lines(out: &mut String, lines: &str, max: usize) {
    let all: Vec<&str> = lines.lines().collect();
    for line in all.iter().take(max) {
        let _ = writeln!(out, "{line}");
    }
    if all.len() > max {
        let _ = writeln!(out, "… {} more diff lines", all.len() - max);
    }
}

/// Compares `output` with the crate under `dir`, writing nothing.
pub fn check(output: &Output, dir: &Path) -> io::Result<CheckReport> {
    let comparison = output::compare(output, dir)?;
    let (api, unclassified) = match classify(&comparison) {
        Ok(api) => (api, None),
        Err(why) => (DiffReport::default(), Some(why)),
    };
    // With no fingerprint to go by (the manifest is gone or older than the file), a file that
    // differs while the recorded surface is the fresh one, byte for byte, was edited by hand: the
    // spec, the generator and the API they make are what they were. A surface that differs at
    // all (its header names another spec, say) says regenerating changes things: stale.
    let surfaces_agree = !comparison.missing.iter().any(|file| file == SURFACE_FILE)
        && !comparison.differing.iter().any(|file| file.name == SURFACE_FILE);
    let mut report = CheckReport {
        api,
        unclassified,
        missing: comparison.missing,
        orphaned: comparison.orphaned,
        ..CheckReport::default()
    };
    for file in comparison.differing {
        let lines = changed_lines(&file.on_disk, &file.fresh);
        let hand_edited = match file.as_written {
            Some(as_written) => !as_written,
            None => surfaces_agree && file.name != output::MANIFEST_FILE && file.name != SURFACE_FILE,
        };
        if hand_edited {
            report.hand_edited.push((file.name, lines));
        } else {
            report.stale.push((file.name, lines));
        }
    }
    Ok(report)
}

/// What changed from the surface the crate records to the fresh one, by `diff`'s comparer
/// (nothing when the two files are alike), or why that cannot be told: a record that is missing
/// or edited by hand says nothing true about the crate.
fn classify(comparison: &Comparison) -> Result<DiffReport, String> {
    if comparison.missing.iter().any(|file| file == SURFACE_FILE) {
        return Err(format!("{SURFACE_FILE} is missing"));
    }
    let Some(recorded) = comparison.differing.iter().find(|file| file.name == SURFACE_FILE) else {
        return Ok(DiffReport::default());
    };
    if recorded.as_written == Some(false) {
        return Err(format!("{SURFACE_FILE} was edited by hand"));
    }
    let read =
        |text: &str| surface::read(text).map_err(|error| format!("{SURFACE_FILE} does not read: {error}"));
    Ok(compare_surfaces(
        &read(&recorded.on_disk)?,
        &read(&recorded.fresh)?,
    ))
}

/// The lines that differ from `on_disk` to `fresh`, with three lines of context, in hunks under
/// unified-diff headers; each line with its number in the file on disk and in the file the
/// generator makes (blank on the side it is not in).
fn changed_lines(on_disk: &str, fresh: &str) -> String {
    let diff = TextDiff::from_lines(on_disk, fresh);
    let mut out = String::from(" disk   new (- on disk, + generated)\n");
    let number = |index: Option<usize>| index.map_or(String::new(), |index| (index + 1).to_string());
    for hunk in diff.unified_diff().context_radius(3).iter_hunks() {
        let _ = writeln!(out, "{}", hunk.header());
        for change in hunk.iter_changes() {
            let sign = match change.tag() {
                ChangeTag::Delete => '-',
                ChangeTag::Insert => '+',
                ChangeTag::Equal => ' ',
            };
            let text = change.value().trim_end_matches('\n');
            let (old, new) = (number(change.old_index()), number(change.new_index()));
            let _ = writeln!(out, "{old:>5} {new:>5} {sign}{text}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changed_lines_are_numbered_where_they_are() {
        let on_disk = "a\nb\nedited\nd\n";
        let fresh = "a\nb\nc\nd\ne\n";
        let lines = changed_lines(on_disk, fresh);
        assert!(lines.contains("\n    3       -edited\n"), "{lines}");
        assert!(lines.contains("\n          3 +c\n"), "{lines}");
        assert!(lines.contains("\n    4     4  d\n"), "{lines}");
        assert!(lines.contains("\n          5 +e\n"), "{lines}");
        assert!(lines.contains("@@ -1,4 +1,5 @@"), "{lines}");
    }
}
