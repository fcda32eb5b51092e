//! The only code that touches the output directory. `write` rewrites a file only when its bytes
//! change (so cargo does not rebuild needlessly) and removes orphaned generated files; `check`
//! compares without writing and reports a unified diff, missing files and orphans. Only files whose
//! first line carries the `@generated` marker are ever removed or reported as orphans.

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use similar::TextDiff;

use crate::emit::GENERATED_MARKER;
use crate::Output;

/// What `write` did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WriteReport {
    /// Files created or changed.
    pub written: Vec<String>,
    /// Files already up to date.
    pub unchanged: Vec<String>,
    /// Generated files that are no longer generated, removed.
    pub removed: Vec<String>,
}

/// How the output directory differs from what the generator makes now.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CheckReport {
    /// Files whose contents differ, with a unified diff (on-disk -> generated).
    pub changed: Vec<(String, String)>,
    /// Files the generator makes that are not on disk.
    pub missing: Vec<String>,
    /// Generated files on disk that the generator no longer makes.
    pub orphaned: Vec<String>,
}

impl CheckReport {
    /// Whether the directory matches exactly.
    pub fn is_clean(&self) -> bool {
        self.changed.is_empty() && self.missing.is_empty() && self.orphaned.is_empty()
    }

    /// A readable report: the diffs (the first `max_lines` lines of each), then missing and orphaned
    /// files, then the command that fixes it all.
    pub fn render(&self, fix_command: &str, max_lines: usize) -> String {
        let mut out = String::new();
        for (file, diff) in &self.changed {
            let _ = writeln!(out, "{file} is stale:");
            let lines: Vec<&str> = diff.lines().collect();
            for line in lines.iter().take(max_lines) {
                let _ = writeln!(out, "{line}");
            }
            if lines.len() > max_lines {
                let _ = writeln!(out, "… {} more diff lines", lines.len() - max_lines);
            }
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

/// Writes `output` under `dir`, skipping unchanged files and removing orphaned generated ones.
pub fn write(output: &Output, dir: &Path) -> io::Result<WriteReport> {
    let mut report = WriteReport::default();
    for (name, contents) in &output.files {
        let path = dir.join(name);
        if fs::read(&path).ok().as_deref() == Some(contents.as_bytes()) {
            report.unchanged.push(name.clone());
            continue;
        }
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(&path, contents)?;
        report.written.push(name.clone());
    }
    for orphan in orphans(output, dir)? {
        fs::remove_file(dir.join(&orphan))?;
        report.removed.push(orphan);
    }
    Ok(report)
}

/// Compares `output` with what is under `dir`, writing nothing.
pub fn check(output: &Output, dir: &Path) -> io::Result<CheckReport> {
    let mut report = CheckReport::default();
    for (name, contents) in &output.files {
        match fs::read_to_string(dir.join(name)) {
            Ok(existing) if existing == *contents => {}
            Ok(existing) => {
                let diff = TextDiff::from_lines(&existing, contents)
                    .unified_diff()
                    .context_radius(3)
                    .header(&format!("a/{name}"), &format!("b/{name}"))
                    .to_string();
                report.changed.push((name.clone(), diff));
            }
            Err(error) if error.kind() == io::ErrorKind::NotFound => report.missing.push(name.clone()),
            Err(error) => return Err(error),
        }
    }
    report.orphaned = orphans(output, dir)?;
    Ok(report)
}

/// Generated files under `dir` (by their marker) that `output` does not contain, relative, sorted.
fn orphans(output: &Output, dir: &Path) -> io::Result<Vec<String>> {
    let mut found = Vec::new();
    collect_rs_files(dir, &mut found)?;
    let mut orphans = Vec::new();
    for path in found {
        let Ok(relative) = path.strip_prefix(dir) else {
            continue;
        };
        let name = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        if output.files.contains_key(&name) {
            continue;
        }
        let starts_with_marker = fs::read_to_string(&path)
            .map(|text| text.starts_with(GENERATED_MARKER))
            .unwrap_or(false);
        if starts_with_marker {
            orphans.push(name);
        }
    }
    orphans.sort();
    Ok(orphans)
}

fn collect_rs_files(dir: &Path, out: &mut Vec<PathBuf>) -> io::Result<()> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(error) => return Err(error),
    };
    for entry in entries {
        let entry = entry?;
        let path = entry.path();
        let file_type = entry.file_type()?;
        // Build output and dependencies are never ours to judge.
        if file_type.is_dir() && !matches!(entry.file_name().to_str(), Some("target" | ".git")) {
            collect_rs_files(&path, out)?;
        } else if file_type.is_file() && path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    Ok(())
}
