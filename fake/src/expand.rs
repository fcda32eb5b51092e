//! What `expand` changes in an answer, by the spec's table: `last_verification_report` becomes the
//! report itself instead of its ID, and the *includable* fields (`verified_outputs`,
//! `verified_outputs.dob`, `provided_details`: present only when expanded) are left out unless
//! the request names them. Events carry no expansion, so their objects leave every includable
//! field out, as Stripe's do.

use serde_json::{Map, Value};
use stripe_identity::validation::OPERATIONS;

use stripe_identity::VerificationReport;

use crate::session::Record;

/// The paths `expand` asked for (already checked against the spec's list).
pub fn paths(params: &Map<String, Value>) -> Vec<&str> {
    params
        .get("expand")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect()
}

/// Who reads a session, and what they asked to expand.
pub struct Reader<'a> {
    /// The paths `expand` named.
    pub expand: &'a [&'a str],
    /// The paths present only when expanded (the spec's table), each under the list's prefix.
    pub includable: &'a [&'static str],
    /// Whether the key is a restricted one: only it reads the sensitive results.
    pub restricted_key: bool,
}

/// The session of `record` as `reader` sees it (paths under `prefix`: `data.` in a list).
pub fn session(record: &Record, reader: &Reader<'_>, prefix: &str) -> Value {
    let mut json = crate::session::to_json(&record.session);
    // Expanding a path into the report (`last_verification_report.document.dob`) expands it too.
    let report = format!("{prefix}last_verification_report");
    let nested = format!("{report}.");
    if reader
        .expand
        .iter()
        .any(|path| *path == report || path.starts_with(&nested))
    {
        if let (Some(report), true) = (
            record.reports.last(),
            json["last_verification_report"].is_string(),
        ) {
            json["last_verification_report"] = serde_json::to_value(report).unwrap_or(Value::Null);
        }
    }
    seen_by(
        &mut json,
        reader,
        prefix,
        crate::stripe_rules::sensitive_in_a_session(),
    );
    json
}

/// A report as `reader` sees it (paths under `prefix`: `data.` in a list).
pub fn report(report: &VerificationReport, reader: &Reader<'_>, prefix: &str) -> Value {
    let mut json = serde_json::to_value(report).unwrap_or(Value::Null);
    let sensitive = crate::stripe_rules::SENSITIVE_IN_A_REPORT
        .iter()
        .map(|path| (*path).to_owned());
    seen_by(&mut json, reader, prefix, sensitive);
    json
}

/// What an object's reader sees of it: the includable fields only when expanded (`null` when
/// expanded and empty), and each `sensitive` result only by a restricted key that expands it
/// (the request was refused if another key asked); otherwise it is `null`, or absent where the
/// spec makes it includable.
fn seen_by(json: &mut Value, reader: &Reader<'_>, prefix: &str, sensitive: impl Iterator<Item = String>) {
    let expand = reader.expand;
    for path in reader.includable {
        let Some(path) = path.strip_prefix(prefix) else {
            continue;
        };
        // Expanding `verified_outputs.dob` includes `verified_outputs` too.
        let full = format!("{prefix}{path}");
        let nested = format!("{full}.");
        let asked = expand
            .iter()
            .any(|wanted| *wanted == full || wanted.starts_with(&nested));
        if asked {
            set_null_if_absent(json, path);
        } else {
            remove(json, path);
        }
    }
    for path in sensitive {
        let full = format!("{prefix}{path}");
        if !(reader.restricted_key && expand.contains(&full.as_str())) {
            set_null_if_present(json, &path);
        }
    }
}

/// A session as a request without `expand` reads it (what the person's side answers with):
/// no includable field, no sensitive result.
pub fn unexpanded(session: &stripe_identity::VerificationSession) -> Value {
    let mut json = crate::session::to_json(session);
    as_in_an_event(&mut json);
    json
}

/// A session's JSON as an event carries it (the object, or what it changed from): read with no
/// `expand`, so no includable field and no sensitive result, as Stripe's events.
pub fn as_in_an_event(json: &mut Value) {
    for path in session_includable() {
        remove(json, path);
    }
    for path in crate::stripe_rules::sensitive_in_a_session() {
        set_null_if_present(json, &path);
    }
}

/// Sets the field at dotted `path` to `null` when it is there.
fn set_null_if_present(json: &mut Value, path: &str) {
    if let Some((fields, last)) = parent_object(json, path) {
        if let Some(field) = fields.get_mut(last) {
            *field = Value::Null;
        }
    }
}

/// The includable paths of a session, as retrieving one lists them: what events leave out.
pub fn session_includable() -> &'static [&'static str] {
    OPERATIONS
        .iter()
        .find(|rules| rules.name == "RetrieveVerificationSession")
        .map_or(&[], |rules| rules.includable)
}

/// Sets the field at dotted `path` to `null` when its parent object is there and it is not.
fn set_null_if_absent(json: &mut Value, path: &str) {
    if let Some((fields, last)) = parent_object(json, path) {
        fields.entry(last).or_insert(Value::Null);
    }
}

/// Removes the field at dotted `path` from `json`, if it is there.
pub fn remove(json: &mut Value, path: &str) {
    if let Some((fields, last)) = parent_object(json, path) {
        fields.remove(last);
    }
}

/// The object holding the last segment of dotted `path`, and that segment, when the object is
/// there.
fn parent_object<'v, 'p>(
    json: &'v mut Value,
    path: &'p str,
) -> Option<(&'v mut Map<String, Value>, &'p str)> {
    let (parent, last) = match path.rsplit_once('.') {
        Some((parent, last)) => (
            parent
                .split('.')
                .try_fold(json, |value, key| value.get_mut(key))?,
            last,
        ),
        None => (json, path),
    };
    parent.as_object_mut().map(|fields| (fields, last))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    #[test]
    fn removes_nested_paths_that_exist() {
        let mut value = json!({"a": {"b": 1, "c": 2}, "d": 3});
        super::remove(&mut value, "a.b");
        super::remove(&mut value, "d");
        super::remove(&mut value, "x.y");
        assert_eq!(value, json!({"a": {"c": 2}}));
    }
}
