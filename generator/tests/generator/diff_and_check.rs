//! Pairs on which `diff` and the Rust-reading `check` of old once classed a change differently,
//! each now a rule: the class `diff` gives (and, through `spec_pairs::diff`, `check` reporting
//! the same from a crate's recorded API surface). Changes that keep a Rust name but change what
//! goes on the wire, or that only the validation table shows, compile as before and are
//! additive; a type that holds, or names, another is breaking.

use stripe_codegen::ChangeClass;

use crate::spec_pairs::{base, diff, has, spec, HEAD};

#[test]
fn a_builder_that_moves_to_another_path_sends_elsewhere() {
    // `v1` and `v2` are not part of a builder's name: the builder stays `CreateThing`.
    let moved = base().replace("  /v1/things:\n", "  /v2/things:\n");
    let report = diff("path-moved", &base(), &moved);
    assert_eq!(report.verdict_str(), "additive", "{report:?}");
    assert!(
        has(&report, ChangeClass::Additive, "CreateThing", "`POST /v2/things`"),
        "{report:?}"
    );
}

#[test]
fn a_union_variant_that_holds_another_type_is_breaking() {
    let amount = |items: &str| {
        spec(
            &format!(
                "        amount: {{anyOf: [{{type: string}}, {{type: array, items: {{type: {items}}}}}]}}\n"
            ),
            "",
            "",
            "open, closed",
        )
    };
    let report = diff("union-variant-retyped", &amount("string"), &amount("integer"));
    assert!(
        has(
            &report,
            ChangeClass::Breaking,
            "ThingAmount::Array",
            "from `Vec<String>` to `Vec<i64>`"
        ),
        "{report:?}"
    );
}

#[test]
fn a_max_length_counts_where_the_validation_table_prints_it() {
    let size = |extra: &str, params: &str| spec(extra, params, "", "open, closed");
    let (short, long) = ("maxLength: 10", "maxLength: 20");
    let param = |limit: &str| size("", &format!("                size: {{type: string, {limit}}}\n"));
    let report = diff("max-length-param", &param(short), &param(long));
    assert_eq!(report.verdict_str(), "additive", "{report:?}");
    assert!(
        has(
            &report,
            ChangeClass::Additive,
            "CreateThing::size",
            "maxLength 10 -> 20"
        ),
        "{report:?}"
    );
    // A field only read from responses has no rule to change: nothing changes for its users.
    let field = |limit: &str| size(&format!("        code: {{type: string, {limit}}}\n"), "");
    let report = diff("max-length-field", &field(short), &field(long));
    assert_eq!(report.verdict_str(), "none", "{report:?}");
}

#[test]
fn a_wire_rename_under_the_same_rust_name_changes_behaviour_not_the_api() {
    let field = |wire: &str| {
        spec(
            &format!("        {wire}: {{type: string}}\n"),
            "",
            "",
            "open, closed",
        )
    };
    let report = diff("field-wire-renamed", &field("note_text"), &field("noteText"));
    assert_eq!(report.verdict_str(), "additive", "{report:?}");
    assert!(
        has(
            &report,
            ChangeClass::Additive,
            "Thing::note_text",
            "`note_text` -> `noteText`"
        ),
        "{report:?}"
    );
    assert!(
        report
            .changes
            .iter()
            .all(|c| c.new_pointer.as_deref() != Some("#/components/schemas/thing/properties/note_text")),
        "the new pointer names the new property: {report:?}"
    );

    let value = |values: &str| spec("", "", "", values);
    let report = diff(
        "value-wire-renamed",
        &value("open, closed"),
        &value("open, CLOSED"),
    );
    assert_eq!(report.verdict_str(), "additive", "{report:?}");
    assert!(
        has(
            &report,
            ChangeClass::Additive,
            "ThingStatus::Closed",
            "`closed` -> `CLOSED`"
        ),
        "{report:?}"
    );

    let param = |wire: &str| {
        spec(
            "",
            &format!("                {wire}: {{type: integer}}\n"),
            "",
            "open, closed",
        )
    };
    let report = diff("param-wire-renamed", &param("page_size"), &param("pageSize"));
    assert_eq!(report.verdict_str(), "additive", "{report:?}");
    assert!(
        has(
            &report,
            ChangeClass::Additive,
            "CreateThing::page_size",
            "`page_size` -> `pageSize`"
        ),
        "{report:?}"
    );
}

#[test]
fn an_alias_that_names_another_type_is_retyped() {
    let linked = |target: &str| {
        let schemas = format!(
            "        link: {{$ref: '#/components/schemas/linked'}}\n    linked: {{$ref: '#/components/schemas/{target}'}}\n    one: {{type: object, properties: {{x: {{type: string}}}}}}\n    two: {{type: object, properties: {{y: {{type: string}}}}}}\n"
        );
        spec(&schemas, "", "", "open, closed")
    };
    let report = diff("alias-retargeted", &linked("one"), &linked("two"));
    assert!(
        has(&report, ChangeClass::Breaking, "Linked", "from `One` to `Two`"),
        "{report:?}"
    );
}

#[test]
fn a_renamed_type_renames_the_union_variant_that_holds_it() {
    // The variant is named after the type it holds: `ThingTarget::Gadget` becomes
    // `ThingTarget::Widget`, and code matching the old variant stops compiling.
    let target = "        target: {anyOf: [{$ref: '#/components/schemas/gadget'}, {type: string}]}\n    gadget: {type: object, properties: {x: {type: string}}}\n";
    let old = spec(target, "", "", "open, closed");
    let new = old.replace(
        "    gadget: {type: object,",
        "    gadget: {type: object, x-stripeResource: {class_name: Widget},",
    );
    let report = diff("renamed-variant", &old, &new);
    assert!(
        has(&report, ChangeClass::Breaking, "Gadget", "renamed to `Widget`"),
        "{report:?}"
    );
    assert!(
        has(
            &report,
            ChangeClass::Breaking,
            "ThingTarget",
            "[Gadget, String] to [Widget, String]"
        ),
        "{report:?}"
    );
}

#[test]
fn a_type_both_read_and_sent_keeps_its_encoding_under_its_own_name() {
    // `Address` is a response field's type and a parameter's: its wire rename is one change to
    // `Address`, in both roles.
    let address = |line: &str| {
        spec(
            &format!("        address: {{$ref: '#/components/schemas/address'}}\n    address: {{type: object, properties: {{{line}: {{type: string}}, city: {{type: string}}}}}}\n"),
            "                address: {$ref: '#/components/schemas/address'}\n",
            "",
            "open, closed",
        )
    };
    let report = diff(
        "shared-type-wire-renamed",
        &address("line_one"),
        &address("lineOne"),
    );
    assert_eq!(report.verdict_str(), "additive", "{report:?}");
    assert!(
        has(
            &report,
            ChangeClass::Additive,
            "Address::line_one",
            "`line_one` -> `lineOne`"
        ),
        "{report:?}"
    );
}

#[test]
fn a_field_boxed_for_new_recursion_is_retyped() {
    let node = |extra: &str| {
        spec(
            &format!(
                "        child: {{$ref: '#/components/schemas/node'}}\n    node:\n      type: object\n      properties:\n        x: {{type: string}}\n{extra}"
            ),
            "",
            "",
            "open, closed",
        )
    };
    let recursive = node("        parent: {$ref: '#/components/schemas/thing'}\n");
    let report = diff("field-boxed", &node(""), &recursive);
    assert!(
        has(&report, ChangeClass::Breaking, "Thing::child", "`Box<Node>`"),
        "{report:?}"
    );
}

#[test]
fn a_parameter_that_takes_a_clear_setters_name_breaks_its_callers() {
    let metadata = "                metadata: {type: object, additionalProperties: {type: string}}\n";
    let old = spec("", metadata, "", "open, closed");
    let new = spec(
        "",
        &format!("{metadata}                clear_metadata: {{type: boolean}}\n"),
        "",
        "open, closed",
    );
    let report = diff("clear-setter-taken", &old, &new);
    assert!(
        has(
            &report,
            ChangeClass::Breaking,
            "CreateThing::clear_metadata",
            "clear"
        ),
        "{report:?}"
    );
    assert!(
        has(
            &report,
            ChangeClass::Additive,
            "CreateThing::clear_metadata_2",
            "clears"
        ),
        "{report:?}"
    );
}

#[test]
fn union_alternatives_in_another_order_are_tried_in_another_order() {
    let amount = |alternatives: &str| {
        spec(
            &format!("        amount: {{anyOf: [{alternatives}]}}\n"),
            "",
            "",
            "open, closed",
        )
    };
    let report = diff(
        "union-reordered",
        &amount("{type: string}, {type: integer}"),
        &amount("{type: integer}, {type: string}"),
    );
    assert_eq!(report.verdict_str(), "additive", "{report:?}");
    assert!(
        has(&report, ChangeClass::Additive, "ThingAmount", "order"),
        "{report:?}"
    );
}

#[test]
fn enum_values_in_another_order_change_nothing() {
    let report = diff("enum-reordered", &base(), &spec("", "", "", "closed, open"));
    assert_eq!(report.verdict_str(), "none", "{report:?}");
}

#[test]
fn a_shared_model_that_stops_being_sent_loses_its_encoding() {
    let address = "        address: {$ref: '#/components/schemas/address'}\n    address:\n      type: object\n      properties:\n        line: {type: string}\n";
    let sent = spec(
        address,
        "                address: {$ref: '#/components/schemas/address'}\n",
        "",
        "open, closed",
    );
    let read_only = spec(address, "", "", "open, closed");
    let report = diff("model-no-longer-sent", &sent, &read_only);
    assert!(
        has(&report, ChangeClass::Breaking, "Address", "sent"),
        "{report:?}"
    );
    let report = diff("model-now-sent", &read_only, &sent);
    assert!(
        has(&report, ChangeClass::Additive, "Address", "sent"),
        "{report:?}"
    );
}

#[test]
fn a_type_renamed_when_its_title_stops_naming_it_is_a_rename_not_a_docs_change() {
    // The update operation's copy of the titled options changes shape, so the title names
    // neither copy and create's becomes `CreateThingOptions`; the validation table's row says
    // the type's name in its doc comment.
    let titled = include_str!("../corpus/names/inline_titles.yaml");
    let (head, tail) = titled
        .rsplit_once("note: {type: string}")
        .expect("the update operation's note");
    let untitled = format!("{head}note: {{type: integer}}{tail}");
    for (name, old, new) in [
        ("title-lost", titled, untitled.as_str()),
        ("title-won", &untitled, titled),
    ] {
        let report = diff(name, old, new);
        assert_eq!(report.verdict_str(), "breaking", "{report:?}");
    }
}

#[test]
fn a_value_whose_wire_name_another_value_took_is_renamed_in_effect() {
    // `Open` now means "Open"; "open", which it meant, is `Open2`: a match on `Open` compiles
    // and sees other values.
    let report = diff(
        "value-moved-aside",
        &base(),
        &spec("", "", "", "Open, open, closed"),
    );
    assert_eq!(report.verdict_str(), "breaking", "{report:?}");
    assert!(
        has(&report, ChangeClass::Breaking, "ThingStatus::Open", "`Open2`"),
        "{report:?}"
    );
}

#[test]
fn a_field_whose_wire_name_another_field_took_is_renamed_in_effect() {
    let old = spec("        foo_bar: {type: string}\n", "", "", "open, closed");
    let new = spec(
        "        foo_bar: {type: string}\n        fooBar: {type: string}\n",
        "",
        "",
        "open, closed",
    );
    let report = diff("field-moved-aside", &old, &new);
    assert_eq!(report.verdict_str(), "breaking", "{report:?}");
    assert!(
        has(&report, ChangeClass::Breaking, "Thing::foo_bar", "`foo_bar_2`"),
        "{report:?}"
    );
}

#[test]
fn a_builder_that_now_sends_another_builders_request_is_renamed_in_effect() {
    // `x-stripeOperations` swaps the two method names: `ApproveThing` now rejects.
    let old = operations();
    let new = old
        .replace("method_name: approve", "method_name: swapped")
        .replace("method_name: reject", "method_name: approve")
        .replace("method_name: swapped", "method_name: reject");
    let report = diff("builders-swapped", &old, &new);
    assert_eq!(report.verdict_str(), "breaking", "{report:?}");
    assert!(
        has(&report, ChangeClass::Breaking, "ApproveThing", "`RejectThing`"),
        "{report:?}"
    );
}

/// Two custom operations of one resource, named by `x-stripeOperations`.
fn operations() -> String {
    let operation = |verb: &str, description: &str| {
        format!(
            "  /v1/things/{verb}:\n    post:\n      description: {description}\n      requestBody:\n        content:\n          application/x-www-form-urlencoded:\n            schema:\n              type: object\n              properties:\n                name: {{type: string}}\n      responses:\n        \"200\":\n          description: OK.\n          content:\n            application/json:\n              schema: {{$ref: '#/components/schemas/thing'}}\n"
        )
    };
    format!(
        "{HEAD}paths:\n{}{}{COMPONENTS}",
        operation("approve", "Approves."),
        operation("reject", "Rejects.")
    )
}

const COMPONENTS: &str = r#"components:
  schemas:
    thing:
      type: object
      x-stripeOperations:
        - {method_name: approve, method_on: service, method_type: custom, operation: post, path: /v1/things/approve}
        - {method_name: reject, method_on: service, method_type: custom, operation: post, path: /v1/things/reject}
      x-stripeResource: {class_name: Thing}
      required: [id, object]
      properties:
        id: {type: string}
        object: {type: string, enum: [thing]}
"#;
