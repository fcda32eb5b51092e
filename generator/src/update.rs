//! `update --from SPEC`: the monthly upgrade in one step. The new spec (Stripe's full spec or an
//! already-trimmed one) is trimmed to the resource named in `stripe-codegen.yaml`; the webhook
//! event's schemas, which no operation reaches and a trim would drop, are carried over (the new
//! spec's version when it has one, else the current spec's), with this resource's event names
//! read from the new spec (the webhook endpoints' `enabled_events`) when it lists them. The result
//! is compared with the current spec (`diff`), then written and generated unless it is a dry run.

use std::collections::BTreeSet;
use std::path::Path;

use serde_yaml::{Mapping, Value};

use crate::config::Config;
use crate::diff::{diff_texts, DiffReport};
use crate::local::LocalChoices;
use crate::output::Output;
use crate::pipeline::generate_from_str;
use crate::trim::{trim_value, TrimOptions};

/// What an update would write, and what it changes for the crate's users.
#[derive(Debug)]
pub struct UpdatePlan {
    /// The new spec's text, as it would be written.
    pub spec_text: String,
    /// The new spec against the current one.
    pub report: DiffReport,
    /// What was carried over or filled in, for the user to know.
    pub notes: Vec<String>,
    /// The crate's files generated from the new spec.
    pub output: Output,
}

/// Plans the update of the spec at `current` from the spec at `from`: trims, compares and
/// generates it (with `config`, whose local choices are those beside `current`) in memory,
/// writing nothing. A new spec that does not
/// generate (a secret entry it no longer matches, say) fails the plan, dry run or not, so the
/// repository is never left with a spec its crate was not made from.
pub fn plan_update(current: &Path, from: &Path, config: &Config) -> Result<UpdatePlan, String> {
    let choices = &config.local;
    let read = |path: &Path| -> Result<(String, Value), String> {
        let text =
            std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let value = serde_yaml::from_str(text.trim_start_matches('\u{feff}'))
            .map_err(|e| format!("{} is not YAML or JSON: {e}", path.display()))?;
        Ok((text, value))
    };
    let (_, incoming) = read(from)?;
    let (current_text, existing) = read(current)?;
    let mut notes = Vec::new();
    let mut spec = match &choices.trim {
        Some(trim) => {
            let options = TrimOptions {
                resource: trim.prefix.is_none().then(|| trim.resource.clone()),
                path_prefix: trim.prefix.clone(),
                keep: trim.keep.clone(),
            };
            trim_value(&incoming, &options)?
        }
        None => incoming.clone(),
    };
    carry_event_schemas(&existing, &incoming, &mut spec, choices, &mut notes);
    let text = serde_yaml::to_string(&spec).map_err(|e| format!("cannot write YAML: {e}"))?;
    let spec_text =
        format!(
        "# Written by `stripe-codegen update --from {}`; local choices are in stripe-codegen.yaml.\n{text}",
        from.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
    );
    let report = diff_texts(
        (&current_text, &config.spec_display),
        (&spec_text, &format!("{} (as updated)", config.spec_display)),
    )
    .map_err(|problems| problems.to_string())?;
    let output = generate_from_str(&spec_text, config).map_err(|problems| {
        format!("the updated spec does not generate; nothing was written:\n{problems}")
    })?;
    Ok(UpdatePlan {
        spec_text,
        report,
        notes,
        output,
    })
}

fn schemas(document: &Value) -> Option<&Mapping> {
    document.get("components")?.get("schemas")?.as_mapping()
}

/// The key of the schema whose `object` is always `event`.
fn event_key(document: &Value) -> Option<String> {
    schemas(document)?.iter().find_map(|(key, schema)| {
        let values = schema
            .get("properties")?
            .get("object")?
            .get("enum")?
            .as_sequence()?;
        (values.len() == 1 && values[0].as_str() == Some("event")).then(|| key.as_str().map(str::to_owned))?
    })
}

/// The event schema and every schema it references, by key, within `document`.
fn event_parts(document: &Value, key: &str) -> BTreeSet<String> {
    let mut parts = BTreeSet::new();
    let mut stack = vec![key.to_owned()];
    while let Some(key) = stack.pop() {
        let Some(schema) = schemas(document).and_then(|s| s.get(key.as_str())) else {
            continue;
        };
        if parts.insert(key) {
            crate::yaml_walk::collect_refs(schema, &mut stack);
        }
    }
    parts
}

/// Puts the current spec's event schemas into `spec` (the new spec's version of each when it has
/// one), and lists on `event.type` this resource's event names from the new spec, if it has any.
fn carry_event_schemas(
    existing: &Value,
    incoming: &Value,
    spec: &mut Value,
    choices: &LocalChoices,
    notes: &mut Vec<String>,
) {
    let Some(key) = event_key(existing) else { return };
    let parts = event_parts(existing, &key);
    let names: BTreeSet<String> = match &choices.trim {
        Some(trim) => crate::yaml_walk::enum_strings(incoming)
            .into_iter()
            .filter(|name| {
                name.strip_prefix(&format!("{}.", trim.resource))
                    .is_some_and(|rest| !rest.is_empty() && !rest.contains('.'))
            })
            .collect(),
        None => BTreeSet::new(),
    };
    let Some(target) = spec
        .get_mut("components")
        .and_then(|c| c.get_mut("schemas"))
        .and_then(Value::as_mapping_mut)
    else {
        return;
    };
    for part in &parts {
        if target.contains_key(part.as_str()) {
            continue;
        }
        let from_new = schemas(incoming).and_then(|s| s.get(part.as_str()));
        let schema = from_new.or_else(|| schemas(existing).and_then(|s| s.get(part.as_str())));
        if from_new.is_none() {
            notes.push(format!(
                "kept `{part}` from the current spec: the new one does not define it"
            ));
        }
        if let Some(schema) = schema {
            target.insert(Value::from(part.as_str()), schema.clone());
        }
    }
    let Some(type_) = target
        .get_mut(key.as_str())
        .and_then(|e| e.get_mut("properties"))
        .and_then(|p| p.get_mut("type"))
        .and_then(Value::as_mapping_mut)
    else {
        return;
    };
    if !names.is_empty() {
        let values = names.into_iter().map(Value::from).collect();
        type_.insert(Value::from("enum"), Value::Sequence(values));
    } else if !type_.contains_key("enum") {
        let kept = schemas(existing)
            .and_then(|s| s.get(key.as_str()))
            .and_then(|e| e.get("properties")?.get("type")?.get("enum"))
            .cloned();
        if let Some(kept) = kept {
            notes.push("kept the event names from the current spec: the new one lists none".to_owned());
            type_.insert(Value::from("enum"), kept);
        }
    }
}
