//! Inline schemas take their `title` as their type's name (the corpus spec
//! `names/inline_titles.yaml`, which the corpus test also compiles) when every schema carrying the
//! title is the same and no other item has the name; otherwise the name their place gives them.
//! Names never depend on which schema comes first, and a local choice made for one copy stays. Also
//! what naming must not decide: which field is an object's ID.

use stripe_codegen::{generate_from_str, Config, LocalChoices};

const SPEC: &str = include_str!("../corpus/names/inline_titles.yaml");

fn generate(spec: &str, choices: Option<&str>) -> (String, String) {
    let mut config = Config::new("inline_titles.yaml", "inline_titles.yaml");
    if let Some(choices) = choices {
        config.local = LocalChoices::parse(choices, "stripe-codegen.yaml").expect("choices parse");
    }
    let output = generate_from_str(spec, &config).expect("the spec generates");
    (
        output.files["src/requests.rs"].clone(),
        output.files["src/types.rs"].clone(),
    )
}

#[test]
fn one_title_and_one_content_is_one_type_named_by_the_title() {
    let (requests, _) = generate(SPEC, None);
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
fn copies_worded_differently_are_still_one_type() {
    // Stripe's create and update copies of a shape differ by a word of documentation ("may be
    // shown" / "might be shown"): still one type, so users' code naming it survives.
    let reworded = SPEC.replacen(
        "description: Options shared by create and update.",
        "description: Options that create and update share.",
        1,
    );
    assert_ne!(reworded, SPEC);
    let (requests, _) = generate(&reworded, None);
    assert_eq!(
        requests.matches("pub struct SharedOptions {").count(),
        1,
        "{requests}"
    );
    assert!(!requests.contains("CreateThingOptions") && !requests.contains("UpdateThingOptions"));
}

#[test]
fn each_copy_keeps_its_own_words_where_it_is_used() {
    // The copies are one type (documented as the first copy is), but each builder's field says
    // what its own place says: update's `options` is not documented with create's words.
    let first = "description: Options shared by create and update.";
    let at = SPEC.rfind(first).expect("update's copy");
    let reworded = format!(
        "{}description: Options an update changes.{}",
        &SPEC[..at],
        &SPEC[at + first.len()..]
    );
    let (requests, _) = generate(&reworded, None);
    assert_eq!(
        requests.matches("pub struct SharedOptions {").count(),
        1,
        "{requests}"
    );
    assert!(
        requests.contains("Options shared by create and update."),
        "{requests}"
    );
    assert!(requests.contains("Options an update changes."), "{requests}");
}

#[test]
fn a_title_on_two_contents_names_neither() {
    let (requests, _) = generate(SPEC, None);
    assert!(
        requests.contains("pub struct CreateThingOtherOptions {"),
        "{requests}"
    );
    assert!(requests.contains("pub struct UpdateThingMixed {"), "{requests}");
    assert!(!requests.contains("MixedOptions"), "{requests}");
}

#[test]
fn a_title_another_item_is_named_leaves_the_place_name() {
    let (requests, types) = generate(SPEC, None);
    // Titled like the component `thing`: the component keeps `Thing`.
    assert!(requests.contains("pub struct CreateThingGadget {"), "{requests}");
    assert!(types.contains("pub struct Thing {"), "{types}");
    // Titled like update's untitled `extra`: that one keeps its name, unnumbered.
    assert!(requests.contains("pub struct UpdateThingExtra {"), "{requests}");
    assert!(
        requests.contains("pub struct CreateThingSettings {"),
        "{requests}"
    );
    assert!(!requests.contains("UpdateThingExtra2"), "{requests}");
}

#[test]
fn a_component_is_named_by_its_key_not_its_title() {
    let (_, types) = generate(SPEC, None);
    assert!(!types.contains("Gadget"), "{types}");
}

/// An operation added later, whose schema carries an existing title with other content, does not
/// take the name or change what it means: the title then names neither (a rename the `diff`
/// command reports), whichever operation sorts first.
#[test]
fn a_name_never_comes_to_mean_another_content() {
    let first = SPEC.replace("title: mixed_options", "title: x_options");
    let (requests, _) = generate(&first, None);
    assert!(!requests.contains("pub struct XOptions {"), "{requests}");
    // The one-content title is unaffected by the other title's conflict.
    assert!(requests.contains("pub struct SharedOptions {"), "{requests}");
    let single = SPEC.replace(
        "                mixed:\n                  title: mixed_options",
        "                mixed:\n                  title: mixed_only_here",
    );
    let (requests, _) = generate(&single, None);
    // Create's `other_options` alone carries `mixed_options` now: it takes the title.
    assert!(
        requests.contains("pub struct MixedOptions {\n    /// The `count` field."),
        "{requests}"
    );
    assert!(
        requests.contains("pub struct MixedOnlyHere {\n    /// The `total` field."),
        "{requests}"
    );
}

/// A `secrets` entry points at one copy: the title names no type, so the entry keeps redacting
/// exactly the field it names (and is not reported as pointing at nothing).
#[test]
fn a_secret_listed_in_one_copy_keeps_both_copies_apart() {
    let choices = "secrets:\n  - \"#/paths/~1v1~1things~1{thing}/post/requestBody/content/application~1x-www-form-urlencoded/schema/properties/options/properties/note\"\n";
    let (requests, _) = generate(SPEC, Some(choices));
    assert!(!requests.contains("pub struct SharedOptions {"), "{requests}");
    let create = requests
        .split("pub struct CreateThingOptions {")
        .nth(1)
        .expect("create's own type");
    let create = create.split("\n}\n").next().unwrap_or_default();
    assert!(create.contains("pub note: Option<String>"), "{create}");
    let update = requests
        .split("pub struct UpdateThingOptions {")
        .nth(1)
        .expect("update's own type");
    let update = update.split("\n}\n").next().unwrap_or_default();
    assert!(
        update.contains("pub note: Option<::stripe_runtime::Secret>"),
        "{update}"
    );
}

/// A spec of components only (`a_thing` and what `extra` adds), so each case is a few lines.
fn components(extra: &str) -> String {
    format!(
        "openapi: 3.0.0\ninfo: {{title: t, version: v1}}\npaths: {{}}\ncomponents:\n  schemas:\n    \
         a_thing:\n      type: object\n      description: A thing.\n      properties:\n{extra}"
    )
}

/// A titled string defines no type: each place keeps its own reading, so the default secret
/// names (`secret`, `client_secret`) stay secrets and the field beside them stays a string.
#[test]
fn titled_strings_are_never_shared() {
    let spec = components(
        "        note: {title: tok, type: string, description: A token.}\n        \
         secret: {title: tok, type: string, description: A token.}\n",
    );
    let (_, types) = generate(&spec, None);
    assert!(types.contains("pub note: Option<String>"), "{types}");
    assert!(
        types.contains("pub secret: Option<::stripe_runtime::Secret>"),
        "{types}"
    );
}

/// A name a title's type gives its nested types (`SharedOptionsMode`) meets another item's
/// place name: the title is dropped, so the other item keeps its name, unnumbered.
#[test]
fn a_titled_types_nested_names_never_number_another_item() {
    let spec = components(
        "        x:\n          title: shared_options\n          type: object\n          description: O.\n          \
         properties:\n            mode: {type: string, enum: [fast, slow]}\n    \
         shared:\n      type: object\n      description: S.\n      properties:\n        \
         options_mode: {type: string, enum: [on, off]}\n",
    );
    let (_, types) = generate(&spec, None);
    assert!(
        types.contains("pub options_mode: Option<SharedOptionsMode>"),
        "{types}"
    );
    assert!(types.contains("pub x: Option<AThingX>"), "{types}");
    assert!(!types.contains("SharedOptionsMode2") && !types.contains("pub struct SharedOptions "));
}

/// Two titles whose types' names meet (`shared`'s nested `options` and `shared_options`) give
/// the same names whichever comes first: neither is used.
#[test]
fn titles_whose_names_meet_give_names_independent_of_order() {
    let shared = "title: shared\n          type: object\n          description: S.\n          properties:\n            \
                  options:\n              type: object\n              description: N.\n              properties:\n                \
                  a: {type: integer}\n";
    let shared_options =
        "title: shared_options\n          type: object\n          description: O.\n          \
                          properties:\n            b: {type: boolean}\n";
    for (first, second) in [(shared, shared_options), (shared_options, shared)] {
        let spec = components(&format!(
            "        x:\n          {first}        y:\n          {second}"
        ));
        let (_, types) = generate(&spec, None);
        assert!(types.contains("pub x: Option<AThingX>"), "{types}");
        assert!(types.contains("pub y: Option<AThingY>"), "{types}");
        assert!(!types.contains("SharedOptions2"), "{types}");
    }
}

/// A problem inside copies of a titled schema is reported at every copy, as without the title.
#[test]
fn problems_inside_copies_are_each_reported() {
    let copy = "title: shared_options\n          type: object\n          description: O.\n          \
                properties:\n            weird: {not: {type: string}}\n";
    let spec = components(&format!(
        "        x:\n          {copy}        y:\n          {copy}"
    ));
    let config = Config::new("t.yaml", "t.yaml");
    let problems = generate_from_str(&spec, &config)
        .expect_err("`not` is refused")
        .to_string();
    assert!(problems.contains("properties/x/properties/weird"), "{problems}");
    assert!(problems.contains("properties/y/properties/weird"), "{problems}");
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
fn names_do_not_depend_on_the_order_of_the_yaml() {
    // Lowering meets the paths in path order whatever order the YAML lists them in, and naming
    // follows lowering: the same spec, reordered, is the same crate.
    let reordered = paths_reversed(SPEC);
    assert_ne!(reordered, SPEC);
    assert_eq!(generate(SPEC, None), generate(&reordered, None));
}

#[test]
fn copies_whose_insides_are_titled_differently_are_not_one_type() {
    // Merging them would name the one inner type after whichever copy comes first.
    let spec = include_str!("../corpus/names/titled_copies_with_differently_titled_insides.yaml");
    let (requests, _) = generate(spec, None);
    assert!(requests.contains("pub struct Bar {"), "{requests}");
    assert!(requests.contains("pub struct Baz {"), "{requests}");
    assert!(!requests.contains("pub struct Outer {"), "{requests}");
}

#[test]
fn the_wire_id_is_the_objects_id_whatever_its_rust_name() {
    // Whether a type is an `Object` is decided from the spec (a required string `id`), before any
    // name: `ID` sorts first and takes the Rust field `id`, so the wire `id` is `id_2`, and
    // `Object::id` reads that field.
    let spec = include_str!("../corpus/names/a_property_named_like_id.yaml");
    let (_, types) = generate(spec, None);
    let object_impl = types
        .split("impl ::stripe_runtime::Object for Thing {")
        .nth(1)
        .unwrap_or_else(|| panic!("Thing is an Object:\n{types}"));
    let body = &object_impl[..object_impl.find("\n}").expect("the impl ends")];
    assert!(body.contains("&self.id_2"), "{body}");
}
