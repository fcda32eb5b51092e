//! The change report in three forms: readable text (the default), one JSON object for tools
//! (`{"verdict": …, "changes": [{"class", "item", "old_pointer", "new_pointer", "reason"}, …]}`)
//! and a Markdown section a pull request can paste.

use std::fmt::Write as _;

use super::DiffReport;

/// How to print a report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// One line per change, grouped by class.
    Text,
    /// One JSON object.
    Json,
    /// A Markdown section.
    Markdown,
}

impl Format {
    /// The format named on the command line (`text`, `json`, `markdown`).
    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "text" => Some(Self::Text),
            "json" => Some(Self::Json),
            "markdown" | "md" => Some(Self::Markdown),
            _ => None,
        }
    }
}

pub(super) fn render(report: &DiffReport, format: Format) -> String {
    match format {
        Format::Text => text(report),
        Format::Json => json(report),
        Format::Markdown => markdown(report),
    }
}

fn pointers(old: &Option<String>, new: &Option<String>) -> String {
    match (old, new) {
        (Some(a), Some(b)) if a == b => a.clone(),
        (Some(a), Some(b)) => format!("{a} -> {b}"),
        (Some(a), None) => format!("{a} (old)"),
        (None, Some(b)) => format!("{b} (new)"),
        (None, None) => String::new(),
    }
}

fn text(report: &DiffReport) -> String {
    let mut out = format!("verdict: {}\n", report.verdict_str());
    for change in &report.changes {
        let _ = writeln!(
            out,
            "{:<9} {}: {} [{}]",
            change.class.as_str(),
            change.item,
            change.reason,
            pointers(&change.old_pointer, &change.new_pointer)
        );
    }
    let count = |class: &str| {
        report
            .changes
            .iter()
            .filter(|c| c.class.as_str() == class)
            .count()
    };
    let _ = writeln!(
        out,
        "{} breaking, {} additive, {} docs-only change(s)",
        count("breaking"),
        count("additive"),
        count("docs")
    );
    out
}

fn json(report: &DiffReport) -> String {
    let changes: Vec<serde_json::Value> = report
        .changes
        .iter()
        .map(|c| {
            serde_json::json!({
                "class": c.class.as_str(),
                "item": c.item,
                "old_pointer": c.old_pointer,
                "new_pointer": c.new_pointer,
                "reason": c.reason,
            })
        })
        .collect();
    let value = serde_json::json!({ "verdict": report.verdict_str(), "changes": changes });
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}

fn markdown(report: &DiffReport) -> String {
    let mut out = format!("### API changes: {}\n\n", report.verdict_str());
    if report.changes.is_empty() {
        out.push_str("The generated API is unchanged.\n");
        return out;
    }
    for (class, title) in [
        ("breaking", "Breaking"),
        ("additive", "Additive"),
        ("docs", "Docs only"),
    ] {
        let rows: Vec<_> = report
            .changes
            .iter()
            .filter(|c| c.class.as_str() == class)
            .collect();
        if rows.is_empty() {
            continue;
        }
        let _ = writeln!(
            out,
            "#### {title} ({})\n\n| item | change | spec |\n| --- | --- | --- |",
            rows.len()
        );
        for change in rows {
            let cell = |text: &str| text.replace('|', "\\|").replace('\n', " ");
            let _ = writeln!(
                out,
                "| `{}` | {} | `{}` |",
                cell(&change.item),
                cell(&change.reason),
                cell(&pointers(&change.old_pointer, &change.new_pointer))
            );
        }
        out.push('\n');
    }
    out
}
