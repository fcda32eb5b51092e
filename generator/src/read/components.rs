//! Which component schemas are generated (all but those only error responses reach), in key
//! order; what a schema's `x-stripeResource` calls it; and which component is the webhook event,
//! which is generated from every resource's event names rather than as a plain object.

use std::collections::BTreeSet;

use openapiv3::{OpenAPI, ReferenceOr, Schema, SchemaKind, Type};

use super::refs::SCHEMA_REF_PREFIX;

/// The component schemas to generate, by key, sorted: all but those in `error_only`.
pub(crate) fn generated_components<'a>(
    spec: &'a OpenAPI,
    error_only: &BTreeSet<String>,
) -> Vec<(&'a String, &'a ReferenceOr<Schema>)> {
    let schemas = spec.components.as_ref().map(|c| &c.schemas);
    let mut all: Vec<_> = schemas
        .into_iter()
        .flatten()
        .filter(|(key, _)| !error_only.contains(*key))
        .collect();
    all.sort_by(|a, b| a.0.cmp(b.0));
    all
}

/// `x-stripeResource.class_name`, when present.
pub(crate) fn class_name(schema: &Schema) -> Option<&str> {
    schema
        .schema_data
        .extensions
        .get("x-stripeResource")?
        .get("class_name")?
        .as_str()
}

/// The event component: its key, and the key of the `data` component it references (which the
/// payload replaces, so neither is generated as a plain object).
pub(crate) struct EventComponent {
    pub key: String,
    pub data_key: Option<String>,
}

impl EventComponent {
    /// Whether component `key` is the event or its data, generated only as the event's parts.
    pub(crate) fn is_part(&self, key: &str) -> bool {
        key == self.key || self.data_key.as_deref() == Some(key)
    }
}

/// Finds the component whose `object` is always `event` and that has `type` and `data`.
pub(crate) fn event_component(spec: &OpenAPI) -> Option<EventComponent> {
    let schemas = &spec.components.as_ref()?.schemas;
    let mut keys: Vec<&String> = schemas.keys().collect();
    keys.sort();
    keys.into_iter().find_map(|key| {
        let SchemaKind::Type(Type::Object(object)) = &schemas[key].as_item()?.schema_kind else {
            return None;
        };
        let tag = object.properties.get("object")?.as_item()?;
        let SchemaKind::Type(Type::String(tag)) = &tag.schema_kind else {
            return None;
        };
        if tag.enumeration != [Some("event".to_owned())] || !object.properties.contains_key("type") {
            return None;
        }
        let data = object.properties.get("data")?;
        let data_key = match data {
            ReferenceOr::Reference { reference } => {
                reference.strip_prefix(SCHEMA_REF_PREFIX).map(str::to_owned)
            }
            ReferenceOr::Item(_) => None,
        };
        Some(EventComponent {
            key: key.clone(),
            data_key,
        })
    })
}

/// The event names of the spec about the resource tagged `tag`: `tag.` and one more word
/// (`identity.verification_session.verified`), sorted.
pub(crate) fn resource_events<'a>(event_names: &'a BTreeSet<String>, tag: &str) -> Vec<&'a String> {
    let prefix = format!("{tag}.");
    event_names
        .iter()
        .filter(|name| {
            name.strip_prefix(&prefix)
                .is_some_and(|rest| !rest.is_empty() && !rest.contains('.'))
        })
        .collect()
}
