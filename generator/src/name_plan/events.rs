//! Names the webhook event's items (`lower::events` for what they are): one enum of event types
//! per resource whose tag prefixes event names of the spec, the payload, and `Event` itself with
//! the schema's other properties and the flattened payload field.

use openapiv3::{ReferenceOr, SchemaKind, Type};

use super::walk::Walk;
use crate::diagnostic::child;
use crate::ir::Role;
use crate::naming;
use crate::read::{self, EventComponent};

/// Names the items of the event component `event`; after every other component, whose
/// resources its payload lists.
pub(super) fn walk_event(w: &mut Walk, event: &EventComponent) {
    let pointer = child("#/components/schemas", &event.key);
    let Some(ReferenceOr::Item(schema)) = w.spec.components.as_ref().and_then(|c| c.schemas.get(&event.key))
    else {
        return;
    };
    let properties_pointer = child(&pointer, "properties");
    let resources: Vec<(String, String)> = w
        .resources
        .iter()
        .filter(|(_, tag)| *tag != "event")
        .map(|(name, tag)| (name.clone(), tag.clone()))
        .collect();
    for (resource, tag) in resources {
        if read::resource_events(&w.walks.event_names, &tag).is_empty() {
            continue;
        }
        let name = w.claim_derived(
            &naming::event_type_enum(&resource),
            &child(&properties_pointer, "type"),
        );
        w.plan.events.type_enums.insert(resource, name);
    }
    let payload = w.claim_derived(naming::EVENT_PAYLOAD, &child(&properties_pointer, "data"));
    w.plan.events.payload = Some(payload);
    let SchemaKind::Type(Type::Object(object)) = &schema.schema_kind else {
        return;
    };
    let mut properties = object.properties.clone();
    properties.shift_remove("type");
    properties.shift_remove("data");
    let name = w.plan.component(&event.key);
    let (_, fields) =
        super::schemas::define_struct(w, &name, &properties, &object.required, &pointer, Role::Model);
    let taken: Vec<&str> = fields.iter().map(String::as_str).collect();
    w.plan.events.payload_field = Some(naming::event_payload_field(&taken));
}
