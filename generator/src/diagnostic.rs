//! Errors that point at the input: the spec file, a JSON pointer and, where the YAML parser knows
//! it, a line and column. Problems are collected, sorted and reported together, so a user fixes a
//! bad spec in one pass instead of one error per run.

use std::fmt;

/// Whether a problem is the spec's fault or the generator's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The spec is wrong or uses something the generator does not support.
    Spec,
    /// The generator failed on input it accepted: a bug to report.
    Internal,
    /// Something unsupported was typed as free-form JSON or skipped, because the run was lenient.
    Warning,
}

/// One problem, located in the spec.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    /// Spec or internal.
    pub severity: Severity,
    /// The spec file as the user named it.
    pub file: String,
    /// 1-based line and column, where known.
    pub location: Option<(usize, usize)>,
    /// A JSON pointer (`#/components/schemas/…`) to the offending node; `#` for the whole document.
    pub pointer: String,
    /// What is wrong, and what is supported instead.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some((line, column)) = self.location {
            write!(f, ":{line}:{column}")?;
        }
        let label = match self.severity {
            Severity::Spec => "error",
            Severity::Internal => "internal error (a generator bug, please report it)",
            Severity::Warning => "warning",
        };
        write!(f, ": {label} at {}: {}", self.pointer, self.message)
    }
}

/// All the problems found in one run, sorted by file, position and pointer.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    /// Sorts and deduplicates `problems`.
    pub fn new(mut problems: Vec<Diagnostic>) -> Self {
        problems.sort_by(|a, b| {
            (&a.file, a.location, &a.pointer, &a.message, a.severity)
                .cmp(&(&b.file, b.location, &b.pointer, &b.message, b.severity))
        });
        problems.dedup();
        Self(problems)
    }

    /// Fills in missing line:column positions from `locate` (pointer -> position), re-sorting.
    pub fn with_locations(self, locate: impl Fn(&str) -> Option<(usize, usize)>) -> Self {
        let problems = self
            .0
            .into_iter()
            .map(|mut problem| {
                if problem.location.is_none() {
                    problem.location = locate(&problem.pointer);
                }
                problem
            })
            .collect();
        Self::new(problems)
    }

    /// The problems, sorted.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter()
    }

    /// How many problems there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for problem in &self.0 {
            writeln!(f, "{problem}")?;
        }
        let count = self.0.len();
        write!(f, "{count} problem{} found", if count == 1 { "" } else { "s" })
    }
}

impl std::error::Error for Diagnostics {}

/// Collects problems against one spec file while lowering goes on.
#[derive(Debug)]
pub struct Collector {
    file: String,
    lenient: bool,
    problems: Vec<Diagnostic>,
}

impl Collector {
    /// A collector for problems in `file`.
    pub fn new(file: impl Into<String>) -> Self {
        Self {
            file: file.into(),
            lenient: false,
            problems: Vec::new(),
        }
    }

    /// A collector that records unsupported constructs as warnings instead of errors.
    pub fn lenient(file: impl Into<String>) -> Self {
        Self {
            lenient: true,
            ..Self::new(file)
        }
    }

    /// Records a generator bug found while working at `pointer`.
    pub(crate) fn internal(&mut self, pointer: &str, message: impl Into<String>) {
        self.push(Severity::Internal, pointer, None, message.into());
    }

    /// Records a problem with the spec at `pointer`.
    pub fn error(&mut self, pointer: &str, message: impl Into<String>) {
        self.push(Severity::Spec, pointer, None, message.into());
    }

    /// Records a problem with a known line and column.
    pub fn error_at(&mut self, pointer: &str, location: Option<(usize, usize)>, message: String) {
        self.push(Severity::Spec, pointer, location, message);
    }

    /// Records something the user should know that does not stop generation (a derived name moved
    /// aside, a duplicated `operationId`), in strict and lenient runs alike.
    pub fn warning(&mut self, pointer: &str, message: impl Into<String>) {
        self.push(Severity::Warning, pointer, None, message.into());
    }

    /// Records a construct the generator does not model. Strict runs make it an error; lenient
    /// runs a warning, and the caller falls back (free-form JSON, or skipping the operation).
    /// Returns whether to fall back.
    pub fn unsupported(&mut self, pointer: &str, message: impl Into<String>) -> bool {
        let severity = if self.lenient {
            Severity::Warning
        } else {
            Severity::Spec
        };
        self.push(severity, pointer, None, message.into());
        self.lenient
    }

    fn push(&mut self, severity: Severity, pointer: &str, location: Option<(usize, usize)>, message: String) {
        let file = self.file.clone();
        self.problems.push(Diagnostic {
            severity,
            file,
            location,
            pointer: pointer.to_owned(),
            message,
        });
    }

    /// Adds problems found in another file (the local choices beside the spec).
    pub fn extend(&mut self, other: Diagnostics) {
        self.problems.extend(other.0);
    }

    /// The pointers of the problems recorded so far.
    pub(crate) fn pointers(&self) -> impl Iterator<Item = &str> {
        self.problems.iter().map(|problem| problem.pointer.as_str())
    }

    /// Whether any error (not a warning) was recorded.
    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(|p| p.severity != Severity::Warning)
    }

    /// Ends collection with the problems found so far (possibly none).
    pub fn into_diagnostics(self) -> Diagnostics {
        Diagnostics::new(self.problems)
    }

    /// Ends collection: `Ok` with the value and any warnings when no error was recorded.
    pub fn finish<T>(self, value: T) -> Result<(T, Diagnostics), Diagnostics> {
        if self.has_errors() {
            Err(Diagnostics::new(self.problems))
        } else {
            Ok((value, Diagnostics::new(self.problems)))
        }
    }
}

/// Escapes one JSON pointer segment (RFC 6901: `~` as `~0`, `/` as `~1`).
pub fn pointer_segment(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

/// Joins `segment` onto `base`, escaping it. Both passes build a pointer for every schema they
/// visit, so this writes into one buffer of the right size, escaping only a segment that needs it
/// (almost none do).
pub fn child(base: &str, segment: &str) -> String {
    let mut pointer = String::with_capacity(base.len() + 1 + segment.len());
    pointer.push_str(base);
    pointer.push('/');
    if segment.contains(['~', '/']) {
        pointer.push_str(&pointer_segment(segment));
    } else {
        pointer.push_str(segment);
    }
    pointer
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_escape_slashes_and_tildes() {
        assert_eq!(child("#/paths", "/v1/a~b"), "#/paths/~1v1~1a~0b");
    }

    #[test]
    fn lenient_runs_turn_unsupported_constructs_into_warnings() {
        let mut strict = Collector::new("s.yaml");
        assert!(!strict.unsupported("#/a", "no"));
        assert!(strict.finish(()).is_err());
        let mut lenient = Collector::lenient("s.yaml");
        assert!(lenient.unsupported("#/a", "no"));
        let ((), warnings) = lenient.finish(()).expect("warnings do not fail");
        assert_eq!(
            warnings.iter().next().map(|w| w.severity),
            Some(Severity::Warning)
        );
    }

    #[test]
    fn diagnostics_sort_and_print_with_location() {
        let mut c = Collector::new("spec.yaml");
        c.error("#/b", "second");
        c.error_at("#/a", Some((3, 4)), "first".into());
        let all = c.finish(()).map(|_| ()).unwrap_err();
        let text = all.to_string();
        assert_eq!(
            text,
            "spec.yaml: error at #/b: second\nspec.yaml:3:4: error at #/a: first\n2 problems found"
        );
    }
}
