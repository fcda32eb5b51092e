//! Compiles every snapshot the generator's fixture tests expect (`generator/tests/fixtures/*/
//! expected/`), with warnings and missing docs denied: a snapshot that is blessed but does not
//! compile cleanly fails the build. `generator/tests/generator/snapshots.rs` checks every fixture is listed.
//! Built twice by `.ci/run`: with the request builders (default) and without (`--no-default-features`:
//! the models against the types-only runtime).
#![deny(warnings, missing_docs)]

/// Declares a module for one fixture, holding its `types` and `requests` files as siblings, the
/// way the generated crate holds them.
macro_rules! fixture {
    ($name:ident) => {
        #[doc = concat!("The `", stringify!($name), "` fixture's generated code.")]
        pub mod $name {
            /// Its models.
            pub mod types {
                include!(concat!(
                    env!("CARGO_MANIFEST_DIR"),
                    "/../tests/fixtures/",
                    stringify!($name),
                    "/expected/src/types.rs"
                ));
            }
            /// Its request builders.
            #[cfg(feature = "requests")]
            pub mod requests {
                include!(concat!(
                    env!("CARGO_MANIFEST_DIR"),
                    "/../tests/fixtures/",
                    stringify!($name),
                    "/expected/src/requests.rs"
                ));
            }
            /// Its validation table.
            pub mod validation {
                include!(concat!(
                    env!("CARGO_MANIFEST_DIR"),
                    "/../tests/fixtures/",
                    stringify!($name),
                    "/expected/src/validation.rs"
                ));
            }
        }
    };
}

fixture!(emptyable_param);
fixture!(expandable);
fixture!(form_body);
fixture!(keyword_field);
fixture!(list_page);
fixture!(nullable_ref);
fixture!(open_enum);
fixture!(path_template);
fixture!(polymorphic_union);
fixture!(range_filter);
fixture!(recursion);
fixture!(response_shapes);

#[cfg(all(test, feature = "requests"))]
mod tests {
    use stripe_runtime::StripeRequest;

    #[test]
    fn snapshots_behave() {
        use super::recursion::types::Node;
        let tree: Node = serde_json::from_str(r#"{"parent":{"children":[]},"children":[{}]}"#).unwrap();
        assert!(tree.parent.is_some() && tree.children.as_ref().map(Vec::len) == Some(1));

        use super::keyword_field::types::Thing;
        let thing: Thing =
            serde_json::from_str(r#"{"type":"a","self":"b","3d_secure":true,"camelCase":2}"#).unwrap();
        assert_eq!(
            (thing.type_.as_str(), thing.n3d_secure, thing.camel_case),
            ("a", Some(true), Some(2))
        );

        use super::emptyable_param::requests::UpdateWidget;
        let request = UpdateWidget::new("w 1").clear_settings().encode();
        assert_eq!(
            (request.path.as_str(), request.body_string().as_str()),
            ("/v1/widgets/w+1", "settings=")
        );

        use super::polymorphic_union::types::{Customer, CustomerDefaultSourceObject, CustomerLastRemoved};
        use stripe_runtime::Object;
        let customer: Customer = serde_json::from_str(
            r#"{"id":"cus_1","default_source":{"id":"ba_1","object":"bank_account","routing":"110"},
                "last_removed":{"id":"card_9","deleted":true},
                "sources":{"object":"list","data":[{"id":"card_1","object":"card"}],"has_more":false,"url":"/x"}}"#,
        )
        .unwrap();
        let source = customer.default_source.as_ref().unwrap();
        assert_eq!(source.id(), "ba_1");
        assert!(matches!(
            source.as_object(),
            Some(CustomerDefaultSourceObject::BankAccount(_))
        ));
        assert!(matches!(
            customer.last_removed,
            Some(CustomerLastRemoved::DeletedCard(_))
        ));
        assert_eq!(customer.sources.data[0].id(), "card_1");

        // A kind of object no variant knows (Stripe added it later) is kept, not an error.
        let customer: Customer = serde_json::from_str(
            r#"{"id":"cus_2","default_source":{"id":"src_1","object":"source","flow":"x"},
                "last_removed":{"id":"wal_1","object":"wallet"},
                "sources":{"object":"list","data":[{"id":"iban_1","object":"iban"}],"has_more":false,"url":"/x"}}"#,
        )
        .unwrap();
        let source = customer.default_source.as_ref().unwrap();
        assert_eq!(source.id(), "src_1");
        let Some(CustomerDefaultSourceObject::Unrecognized(raw)) = source.as_object() else {
            panic!("expected the unknown kind to be kept: {source:?}");
        };
        assert_eq!(raw["flow"], "x");
        assert!(matches!(
            customer.last_removed,
            Some(CustomerLastRemoved::Unrecognized(_))
        ));
        assert_eq!(customer.sources.data[0].id(), "iban_1");
        // A known kind that does not decode is still an error, not an unknown kind.
        let broken = r#"{"id":"cus_3","default_source":{"object":"card"},"sources":{"object":"list","data":[],"has_more":false,"url":"/x"}}"#;
        assert!(serde_json::from_str::<Customer>(broken).is_err());
        // Written back unchanged.
        let json = serde_json::to_value(&customer).unwrap();
        assert_eq!(json["default_source"]["flow"], "x");

        // Clearable values, ranges and free-form objects read back and write back.
        use super::response_shapes::types::Settings;
        let json = r#"{"created":{"gte":1,"lt":9},"extra":{"anything":[1,{"x":null}]},"note":""}"#;
        let settings: Settings = serde_json::from_str(json).unwrap();
        assert_eq!(settings.note, Some(stripe_runtime::Emptyable::Empty));
        assert_eq!(
            settings.created,
            Some(stripe_runtime::RangeQuery::bounds().gte(1).lt(9))
        );
        assert_eq!(
            settings.extra.as_ref().unwrap()["anything"][1]["x"],
            serde_json::Value::Null
        );
        assert_eq!(serde_json::to_string(&settings).unwrap(), json);
        let settings: Settings = serde_json::from_str(r#"{"created":5,"note":"hi"}"#).unwrap();
        assert_eq!(
            settings.note,
            Some(stripe_runtime::Emptyable::Value("hi".to_owned()))
        );
        assert_eq!(settings.created, Some(stripe_runtime::RangeQuery::Exact(5)));

        use super::path_template::requests::RetrieveAccountPeople;
        let request = RetrieveAccountPeople::new("acct_1", "p/2").encode();
        assert_eq!(request.path, "/v1/accounts/acct_1/people/p%2F2");
    }
}
