//! Inline schemas take their `title` as their type's name (the corpus spec
//! `names/inline_titles.yaml`, which the corpus test also compiles): one type for two inline
//! schemas with one title and the same content; the name a place gives otherwise.

use stripe_codegen::{generate_from_str, Config};

fn requests_and_types() -> (String, String) {
    let spec = include_str!("corpus/names/inline_titles.yaml");
    let config = Config::new("inline_titles.yaml", "inline_titles.yaml");
    let output = generate_from_str(spec, &config).expect("the spec generates");
    (
        output.files["src/requests.rs"].clone(),
        output.files["src/types.rs"].clone(),
    )
}

#[test]
fn one_title_and_one_content_is_one_type_named_by_the_title() {
    let (requests, _) = requests_and_types();
    assert_eq!(
        requests.matches("pub struct SharedOptions {").count(),
        1,
        "{requests}"
    );
    assert!(requests.contains("pub enum SharedOptionsMode {"), "{requests}");
    // Both builders' setters take it: create's and update's `options`.
    assert_eq!(
        requests
            .matches("pub fn options(mut self, value: impl Into<SharedOptions>) -> Self")
            .count(),
        2,
        "{requests}"
    );
    assert!(!requests.contains("CreateThingOptions") && !requests.contains("UpdateThingOptions"));
}

#[test]
fn a_title_held_by_other_content_or_a_component_leaves_the_place_name() {
    let (requests, types) = requests_and_types();
    // Same title, other content: the place's name, not a numbered title.
    assert!(
        requests.contains("pub struct CreateThingOtherOptions {"),
        "{requests}"
    );
    assert!(!requests.contains("SharedOptions2"), "{requests}");
    // Titled like the component `thing`: the component keeps `Thing`.
    assert!(requests.contains("pub struct CreateThingGadget {"), "{requests}");
    assert!(types.contains("pub struct Thing {"), "{types}");
}

#[test]
fn a_component_is_named_by_its_key_not_its_title() {
    let (_, types) = requests_and_types();
    assert!(!types.contains("Gadget"), "{types}");
}
