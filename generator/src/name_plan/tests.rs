//! The plan's own promises: the same spec always gives the same plan, whatever order its YAML
//! lists paths and schemas in; a titled copy is planned as the first copy's type; and lowering
//! finds every name it reads in the plan (a missing one is an internal error, never a guess).

use super::*;
use crate::diagnostic::Severity;
use crate::read::DocumentWalks;

const TITLES: &str = include_str!("../../tests/corpus/names/inline_titles.yaml");

fn plan_of(text: &str) -> NamePlan {
    let loaded = crate::load::parse("t.yaml", text, DocumentWalks::of).expect("the spec parses");
    NamePlan::of(&loaded.openapi, &loaded.survey, &LocalChoices::default(), false)
}

/// `text` with the entries of its top-level `paths:` mapping in the reverse order.
fn paths_reversed(text: &str) -> String {
    let start = text.find("\npaths:\n").expect("a paths section") + "\npaths:\n".len();
    let end = start + text[start..].find("\ncomponents:").expect("a components section") + 1;
    let mut entries: Vec<String> = Vec::new();
    for line in text[start..end].lines() {
        match entries.last_mut() {
            Some(entry) if line.starts_with("    ") || line.trim().is_empty() => {
                entry.push_str(line);
                entry.push('\n');
            }
            _ => entries.push(format!("{line}\n")),
        }
    }
    assert!(entries.len() > 1, "the spec has several paths to reorder");
    entries.reverse();
    format!("{}{}{}", &text[..start], entries.concat(), &text[end..])
}

#[test]
fn the_plan_does_not_depend_on_the_order_of_the_yaml() {
    let reordered = paths_reversed(TITLES);
    assert_ne!(reordered, TITLES);
    assert_eq!(plan_of(TITLES), plan_of(&reordered));
}

#[test]
fn a_titled_copy_is_the_type_the_first_copy_defines() {
    let plan = plan_of(TITLES);
    let create = "#/paths/~1v1~1things/post";
    let update = "#/paths/~1v1~1things~1{thing}/post";
    let body = "/requestBody/content/application~1x-www-form-urlencoded/schema/properties/options";
    let first = Site {
        scope: create.to_owned(),
        pointer: format!("{create}{body}"),
    };
    assert_eq!(
        plan.in_scope(create).type_at(&first.pointer),
        Some("SharedOptions")
    );
    assert!(plan.in_scope(create).is_titled(&first.pointer));
    assert_eq!(
        plan.in_scope(update).copy_of(&format!("{update}{body}")),
        Some(&first)
    );
    // The copy is not walked again: its nested types are the first copy's alone.
    assert_eq!(
        plan.in_scope(update)
            .type_at(&format!("{update}{body}/properties/mode")),
        None
    );
    assert_eq!(
        plan.in_scope(create)
            .type_at(&format!("{create}{body}/properties/mode")),
        Some("SharedOptionsMode")
    );
}

#[test]
fn lowering_finds_every_name_it_reads_in_the_plan() {
    let corpus = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus");
    let mut specs: Vec<std::path::PathBuf> = Vec::new();
    for family in std::fs::read_dir(corpus).expect("the corpus is there") {
        let family = family.expect("a corpus folder").path();
        for case in std::fs::read_dir(&family).into_iter().flatten() {
            let case = case.expect("a corpus file").path();
            if case.extension().is_some_and(|e| e == "yaml") {
                specs.push(case);
            }
        }
    }
    assert!(specs.len() > 20, "the corpus has its cases");
    for spec in specs {
        let Ok(text) = std::fs::read_to_string(&spec) else {
            continue;
        };
        for lenient in [false, true] {
            let mut config = crate::Config::new(&spec, "spec.yaml");
            config.lenient = lenient;
            let times = &mut crate::timing::StageTimes::default();
            let problems = match crate::pipeline::lower_text(&text, &config, times) {
                Ok((_, warnings)) => warnings,
                Err(problems) => problems,
            };
            let internal: Vec<_> = problems
                .iter()
                .filter(|p| p.severity == Severity::Internal)
                .collect();
            assert!(internal.is_empty(), "{}: {internal:?}", spec.display());
        }
    }
}
