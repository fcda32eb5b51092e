//! The only code that touches the output directory. `write` rewrites a file only when its bytes
//! change (so cargo does not rebuild needlessly), each one atomically (a temporary file renamed
//! into place, so an interrupted run never leaves half a file), and removes orphans; `check`
//! compares without writing and reports a unified diff, missing files and orphans.
//!
//! What the generator owns in a crate is recorded in a manifest beside the files
//! ([`MANIFEST_FILE`]): only a file listed there by an earlier run, and still carrying the
//! `@generated` marker, is ever removed. A marked file the manifest does not list (copied from
//! elsewhere, or from before manifests) is left alone and reported, so `generate --out .` cannot
//! delete what another crate or a fixture holds.

use std::fmt::Write as _;
use std::fs;
use std::io::{self, Write as _};
use std::path::{Component, Path};

use similar::TextDiff;

use crate::drift::{classify, fingerprint, first_difference, Drift};
use crate::emit::GENERATED_MARKER;
use crate::Output;

/// The manifest of the files the generator wrote in a crate, relative to the crate.
pub const MANIFEST_FILE: &str = ".stripe-codegen-files";

/// What `write` did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WriteReport {
    /// Files created or changed.
    pub written: Vec<String>,
    /// Files already up to date.
    pub unchanged: Vec<String>,
    /// Files an earlier run wrote that are no longer generated, removed.
    pub removed: Vec<String>,
    /// Files that look generated but that this generator has no record of writing here; left
    /// alone.
    pub foreign: Vec<String>,
    /// Files the generator would write but that a person wrote (not recorded, not marked); left
    /// alone, and the run is incomplete until they are moved aside.
    pub refused: Vec<String>,
}

/// How the output directory differs from what the generator makes now.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CheckReport {
    /// Files whose contents differ, with a unified diff (on-disk -> generated).
    pub changed: Vec<(String, String)>,
    /// Files the generator makes that are not on disk.
    pub missing: Vec<String>,
    /// Files an earlier run wrote that the generator no longer makes.
    pub orphaned: Vec<String>,
    /// Changed files that no longer match what the generator last wrote there (their fingerprint
    /// in the manifest): edited by hand, with the first line that differs.
    pub hand_edited: Vec<(String, usize)>,
    /// What the drift is, item by item, for the crate's users (file, change).
    pub drift: Vec<(String, Drift)>,
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
        for (file, line) in &self.hand_edited {
            let _ = writeln!(
                out,
                "{file} was edited by hand (it differs from what the generator wrote; first at line {line}); generated files are overwritten"
            );
        }
        if let Some(verdict) = self.drift.iter().map(|(_, d)| d.class).max() {
            let _ = writeln!(out, "change class of the drift: {}", verdict.as_str());
            for (file, drift) in &self.drift {
                let _ = writeln!(
                    out,
                    "  {:<9} {file}: {} ({})",
                    drift.class.as_str(),
                    drift.item,
                    drift.reason
                );
            }
        }
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

/// The manifest's text for the files `files`: a header, then one file per line, sorted, each with
/// the fingerprint of what was written (so `check` can tell a hand edit from a stale file).
fn manifest_text<'a>(files: impl Iterator<Item = (&'a String, &'a String)>) -> String {
    let mut text = format!(
        "# {} — the files it writes in this crate, one per line. It removes a file only when an\n\
         # earlier run listed it here. DO NOT EDIT.\n",
        GENERATED_MARKER.trim_start_matches("// ")
    );
    for (name, contents) in files {
        text.push_str(name);
        text.push(' ');
        text.push_str(&fingerprint(contents));
        text.push('\n');
    }
    text
}

/// Every file `output` puts in the crate, the manifest included.
fn expected_files(output: &Output) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = output
        .files
        .iter()
        .map(|(name, text)| (name.clone(), text.clone()))
        .collect();
    files.push((MANIFEST_FILE.to_owned(), manifest_text(output.files.iter())));
    files
}

/// The files an earlier run recorded under `dir`, each in normal form (`src/types.rs`, never
/// `src//types.rs` or `src/./types.rs`), so an entry can be compared with what is generated now.
/// Entries that could leave the crate (absolute paths, `..`, a path through a symbolic link) are
/// ignored: a manifest is input like any other and may have been tampered with.
fn recorded_files(dir: &Path) -> io::Result<Vec<String>> {
    let text = match fs::read_to_string(dir.join(MANIFEST_FILE)) {
        Ok(text) => text,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(error) => return Err(error),
    };
    let mut recorded: Vec<String> = text
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .filter_map(|line| normal_relative(line.split_whitespace().next().unwrap_or_default()))
        .filter(|name| !passes_through_a_link(dir, name))
        .collect();
    recorded.sort();
    recorded.dedup();
    Ok(recorded)
}

/// The fingerprint each file had when the generator last wrote it, from the manifest.
fn recorded_fingerprints(dir: &Path) -> std::collections::BTreeMap<String, String> {
    let text = fs::read_to_string(dir.join(MANIFEST_FILE)).unwrap_or_default();
    text.lines()
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| {
            let (name, print) = line.trim().split_once(' ')?;
            Some((normal_relative(name)?, print.trim().to_owned()))
        })
        .collect()
}

/// `relative` in normal form, or `None` when it could leave the directory it is relative to.
fn normal_relative(relative: &str) -> Option<String> {
    if relative.contains('\\') || Path::new(relative).is_absolute() {
        return None;
    }
    let mut parts = Vec::new();
    for component in Path::new(relative).components() {
        match component {
            Component::Normal(part) => parts.push(part.to_str()?),
            Component::CurDir => {}
            Component::ParentDir | Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// Whether any step from `dir` to `dir/name` (the file included) is a symbolic link, which could
/// lead out of the crate.
fn passes_through_a_link(dir: &Path, name: &str) -> bool {
    let mut path = dir.to_path_buf();
    name.split('/').any(|part| {
        path.push(part);
        fs::symlink_metadata(&path).is_ok_and(|meta| meta.file_type().is_symlink())
    })
}

fn is_marked(path: &Path) -> bool {
    let mut head = [0u8; 64];
    let Ok(mut file) = fs::File::open(path) else {
        return false;
    };
    let read = io::Read::read(&mut file, &mut head).unwrap_or(0);
    head[..read].starts_with(GENERATED_MARKER.as_bytes())
}

/// Writes `output` under `dir`: changed files atomically, then the manifest; removes the files
/// an earlier run recorded that are no longer generated.
pub fn write(output: &Output, dir: &Path) -> io::Result<WriteReport> {
    let mut report = WriteReport::default();
    let recorded = recorded_files(dir)?;
    for (name, contents) in &output.files {
        let path = dir.join(name);
        let existing = fs::read(&path).ok();
        if existing.as_deref() == Some(contents.as_bytes()) {
            report.unchanged.push(name.clone());
            continue;
        }
        // Never overwrite what a person wrote: only a file this generator recorded, or one that
        // carries its marker (from before manifests, or copied in), is replaced.
        let ours = existing.is_none()
            || recorded.contains(name)
            || existing
                .as_deref()
                .is_some_and(|bytes| bytes.starts_with(GENERATED_MARKER.as_bytes()));
        if !ours || passes_through_a_link(dir, name) {
            report.refused.push(name.clone());
            continue;
        }
        write_atomically(&path, contents.as_bytes())?;
        report.written.push(name.clone());
    }
    // The manifest records only what this generator now owns here.
    let manifest = manifest_text(
        output
            .files
            .iter()
            .filter(|(name, _)| !report.refused.contains(name)),
    );
    let manifest_path = dir.join(MANIFEST_FILE);
    if fs::read(&manifest_path).ok().as_deref() != Some(manifest.as_bytes()) {
        write_atomically(&manifest_path, manifest.as_bytes())?;
    }
    for orphan in orphans(output, dir, &recorded) {
        fs::remove_file(dir.join(&orphan))?;
        report.removed.push(orphan);
    }
    report.foreign = foreign(output, dir, &recorded)?;
    Ok(report)
}

/// Writes `contents` to a temporary file beside `path`, then renames it over `path`: readers see
/// the old file or the new one, never a part.
fn write_atomically(path: &Path, contents: &[u8]) -> io::Result<()> {
    let parent = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(parent)?;
    let file_name = path.file_name().unwrap_or_default().to_string_lossy();
    let temporary = parent.join(format!(".{file_name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = fs::File::create(&temporary)?;
        file.write_all(contents)?;
        file.sync_all()?;
        fs::rename(&temporary, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    result
}

/// Compares `output` with what is under `dir`, writing nothing.
pub fn check(output: &Output, dir: &Path) -> io::Result<CheckReport> {
    let mut report = CheckReport::default();
    let written = recorded_fingerprints(dir);
    for (name, contents) in expected_files(output) {
        match fs::read_to_string(dir.join(&name)) {
            Ok(existing) if existing == contents => {}
            Ok(existing) => {
                if written
                    .get(&name)
                    .is_some_and(|print| *print != fingerprint(&existing))
                {
                    report
                        .hand_edited
                        .push((name.clone(), first_difference(&existing, &contents)));
                }
                if name != MANIFEST_FILE {
                    let drifts = classify(&existing, &contents).unwrap_or_default();
                    report.drift.extend(drifts.into_iter().map(|d| (name.clone(), d)));
                }
                let diff = TextDiff::from_lines(&existing, &contents)
                    .unified_diff()
                    .context_radius(3)
                    .header(&format!("a/{name}"), &format!("b/{name}"))
                    .to_string();
                report.changed.push((name, diff));
            }
            Err(error) if error.kind() == io::ErrorKind::NotFound => report.missing.push(name),
            Err(error) => return Err(error),
        }
    }
    report.orphaned = orphans(output, dir, &recorded_files(dir)?);
    Ok(report)
}

/// Files `recorded` by an earlier run that `output` no longer makes and that still carry the
/// marker (a file a person took over by removing it is theirs), sorted.
fn orphans(output: &Output, dir: &Path, recorded: &[String]) -> Vec<String> {
    let mut orphans: Vec<String> = recorded
        .iter()
        .filter(|name| !output.files.contains_key(*name) && name.as_str() != MANIFEST_FILE)
        .filter(|name| is_marked(&dir.join(name)))
        .cloned()
        .collect();
    orphans.sort();
    orphans.dedup();
    orphans
}

/// Marked files in the folders the generator writes into that neither `output` nor the manifest
/// accounts for: reported, never removed.
fn foreign(output: &Output, dir: &Path, recorded: &[String]) -> io::Result<Vec<String>> {
    let mut folders: Vec<&str> = output
        .files
        .keys()
        .map(|name| name.rsplit_once('/').map_or("", |(folder, _)| folder))
        .collect();
    folders.dedup();
    let mut found = Vec::new();
    for folder in folders {
        let entries = match fs::read_dir(dir.join(folder)) {
            Ok(entries) => entries,
            Err(error) if error.kind() == io::ErrorKind::NotFound => continue,
            Err(error) => return Err(error),
        };
        for entry in entries {
            let entry = entry?;
            let file_name = entry.file_name().to_string_lossy().into_owned();
            let name = if folder.is_empty() {
                file_name
            } else {
                format!("{folder}/{file_name}")
            };
            let accounted = output.files.contains_key(&name) || recorded.contains(&name);
            if !accounted && entry.file_type()?.is_file() && is_marked(&entry.path()) {
                found.push(name);
            }
        }
    }
    found.sort();
    Ok(found)
}
