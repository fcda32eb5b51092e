//! The docs of the generated crate say only true things: a value the spec's descriptions quote
//! in backticks (an error code, an enum value, a parameter) exists in the spec, and the docs the
//! generator writes itself are not empty phrases or bad grammar.

use std::collections::BTreeSet;

use serde_yaml::Value;

use crate::root;

/// Every name the spec defines: schema keys, property and parameter names, enum values.
fn names(value: &Value, out: &mut BTreeSet<String>) {
    match value {
        Value::Mapping(map) => {
            for (key, child) in map {
                if let Some(key) = key.as_str() {
                    out.insert(key.to_owned());
                }
                if let (Some("enum"), Some(values)) = (key.as_str(), child.as_sequence()) {
                    out.extend(values.iter().filter_map(Value::as_str).map(str::to_owned));
                }
                if let (Some("name"), Some(name)) = (key.as_str(), child.as_str()) {
                    out.insert(name.to_owned());
                }
                names(child, out);
            }
        }
        Value::Sequence(items) => items.iter().for_each(|item| names(item, out)),
        _ => {}
    }
}

fn descriptions<'a>(value: &'a Value, out: &mut Vec<&'a str>) {
    match value {
        Value::Mapping(map) => {
            for (key, child) in map {
                match (key.as_str(), child.as_str()) {
                    (Some("description"), Some(text)) => out.push(text),
                    _ => descriptions(child, out),
                }
            }
        }
        Value::Sequence(items) => items.iter().for_each(|item| descriptions(item, out)),
        _ => {}
    }
}

/// `snake_case_words` quoted in backticks: the shape of an enum value or an error code.
fn quoted_codes(text: &str) -> Vec<&str> {
    text.split('`')
        .skip(1)
        .step_by(2)
        .filter(|token| {
            token.contains('_')
                && token.starts_with(|c: char| c.is_ascii_lowercase())
                && token
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        })
        .collect()
}

#[test]
fn values_quoted_in_descriptions_exist_in_the_spec() {
    let text = std::fs::read_to_string(root().join("spec/identity_verification_session.yaml")).expect("spec");
    let spec: Value = serde_yaml::from_str(&text).expect("YAML");
    let mut known = BTreeSet::new();
    names(&spec, &mut known);
    let mut texts = Vec::new();
    descriptions(&spec, &mut texts);
    let unknown: BTreeSet<&str> = texts
        .iter()
        .flat_map(|text| quoted_codes(text))
        .filter(|code| !known.contains(*code))
        .collect();
    assert!(
        unknown.is_empty(),
        "descriptions name values the spec does not have: {unknown:?}"
    );
}

#[test]
fn generated_docs_have_no_empty_phrases_or_wrong_articles() {
    for file in ["generated/src/types.rs", "generated/src/requests.rs"] {
        let text = std::fs::read_to_string(root().join(file)).expect("generated file");
        for (number, line) in text.lines().enumerate() {
            let doc = line.trim_start();
            if !doc.starts_with("///") {
                continue;
            }
            assert!(!doc.contains("The values of `"), "{file}:{}: {doc}", number + 1);
            for vowel in ['A', 'E', 'I', 'O', 'U'] {
                assert!(
                    !doc.contains(&format!(" a `{vowel}")),
                    "{file}:{}: {doc}",
                    number + 1
                );
            }
        }
    }
}
