//! The event payload: one variant per object tag with events, carrying the resource, never its
//! deleted form (which shares its tag), so `diff` of a spec against itself finds nothing.

use stripe_codegen::{diff_specs, generate_from_str, Config};

use crate::support::scratch;

const SPEC: &str = include_str!("../corpus/names/resource_and_its_deleted_form.yaml");

#[test]
fn events_of_a_tag_carry_the_resource_not_its_deleted_form() {
    let output = generate_from_str(SPEC, &Config::new("spec.yaml", "spec.yaml")).expect("generates");
    let types = &output.files["src/types.rs"];
    let payload = types
        .split("pub enum EventPayload {")
        .nth(1)
        .and_then(|rest| rest.split("\n}").next())
        .unwrap_or_else(|| panic!("an event payload:\n{types}"));
    assert!(payload.contains("    Thing {"), "{payload}");
    assert!(!payload.contains("DeletedThing"), "{payload}");
    assert!(output.warnings.is_empty(), "{}", output.warnings);
}

#[test]
fn diff_of_a_spec_against_itself_finds_nothing() {
    let dir = scratch("events/same-spec");
    let spec = dir.join("spec.yaml");
    std::fs::write(&spec, SPEC).expect("spec");
    let report = diff_specs(&spec, &spec).unwrap_or_else(|problems| panic!("{problems}"));
    assert!(report.changes.is_empty(), "{:?}", report.changes);
}
