//! `trim` on a miniature API (`tests/trim/mini_api.yaml`): selection by resource and by path
//! prefix, the cut at other resources (free-form JSON), `keep`, and the trimmed spec generating
//! strictly, with builder names read from the paths.

use stripe_codegen::{generate_from_str, trim, Config, TrimOptions};

const MINI: &str = include_str!("../trim/mini_api.yaml");

fn trimmed(options: TrimOptions) -> serde_yaml::Value {
    let text = trim(MINI, &options).expect("trims");
    serde_yaml::from_str(&text).expect("the trimmed spec is YAML")
}

fn keys(value: &serde_yaml::Value, field: &str) -> Vec<String> {
    let map = match field {
        "paths" => value["paths"].as_mapping(),
        _ => value["components"]["schemas"].as_mapping(),
    };
    map.into_iter()
        .flatten()
        .filter_map(|(k, _)| k.as_str().map(str::to_owned))
        .collect()
}

fn resource(id: &str) -> TrimOptions {
    TrimOptions {
        resource: Some(id.to_owned()),
        ..TrimOptions::default()
    }
}

#[test]
fn a_resource_keeps_its_operations_and_schemas_and_cuts_other_resources() {
    let spec = trimmed(resource("customer"));
    assert_eq!(
        keys(&spec, "paths"),
        ["/v1/customers", "/v1/customers/{customer}"]
    );
    assert_eq!(
        keys(&spec, "schemas"),
        ["address", "customer", "deleted_customer", "error"]
    );
    let latest = &spec["components"]["schemas"]["customer"]["properties"]["latest_invoice"]["anyOf"][1];
    assert_eq!(latest["type"], "object");
    assert_eq!(latest["additionalProperties"], true);

    let text = trim(MINI, &resource("customer")).expect("trims");
    let output = generate_from_str(&text, &Config::new("c.yaml", "c.yaml")).expect("generates strictly");
    let requests = &output.files["src/requests.rs"];
    for builder in [
        "ListCustomers",
        "CreateCustomer",
        "RetrieveCustomer",
        "DeleteCustomer",
    ] {
        assert!(
            requests.contains(&format!("pub struct {builder} ")),
            "{builder} missing"
        );
    }
    assert!(requests.contains("impl ::stripe_runtime::Paginate for ListCustomers"));
    let types = &output.files["src/types.rs"];
    assert!(
        types.contains("::stripe_runtime::Expandable<::serde_json::Value>"),
        "the cut invoice is raw JSON"
    );
}

#[test]
fn a_path_prefix_selects_operations_and_keep_follows_named_resources() {
    let spec = trimmed(TrimOptions {
        path_prefix: Some("/v1/invoices".into()),
        ..TrimOptions::default()
    });
    assert_eq!(
        keys(&spec, "paths"),
        ["/v1/invoices/{invoice}", "/v1/invoices/{invoice}/pay"]
    );
    assert_eq!(keys(&spec, "schemas"), ["address", "invoice"], "customer is cut");

    let kept = trimmed(TrimOptions {
        path_prefix: Some("/v1/invoices".into()),
        keep: vec!["customer".into()],
        ..TrimOptions::default()
    });
    assert_eq!(keys(&kept, "schemas"), ["address", "customer", "invoice"]);
    let text = serde_yaml::to_string(&kept).expect("YAML");
    let output = generate_from_str(&text, &Config::new("i.yaml", "i.yaml")).expect("generates");
    assert!(output.files["src/requests.rs"].contains("pub struct PayInvoice "));
}

#[test]
fn nothing_selected_or_nothing_asked_is_an_error() {
    assert!(trim(MINI, &resource("nope"))
        .unwrap_err()
        .contains("no schema has"));
    let none = TrimOptions {
        path_prefix: Some("/v1/nothing".into()),
        ..TrimOptions::default()
    };
    assert!(trim(MINI, &none).unwrap_err().contains("no operation matches"));
    assert!(trim(MINI, &TrimOptions::default())
        .unwrap_err()
        .contains("say what to keep"));
    assert!(trim("a: [", &resource("customer"))
        .unwrap_err()
        .contains("not valid YAML"));
}
