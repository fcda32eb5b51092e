//! Webhook events. Stripe's `event` schema types its `data.object` as free-form JSON, but the
//! event's `type` says what the object is: `identity.verification_session.verified` carries a
//! VerificationSession. So the event component is not lowered like other objects:
//!
//! - each resource of the spec (a tagged struct with an ID) whose tag prefixes event names found
//!   in the spec (`identity.verification_session.*`, in any `enum`: our spec lists them on
//!   `event.type`, Stripe's full spec in the webhook endpoints' `enabled_events`) gets an open
//!   enum of its event types (`VerificationSessionEventType`);
//! - `EventPayload` holds `type` and `data`: one variant per such resource, with its typed object,
//!   and `Other` keeping the JSON of any event this crate does not know (an endpoint receives
//!   other resources' events too; they must decode, never fail);
//! - `Event` is the event schema's other properties plus the payload, flattened.
//!
//! A newer spec that lists more event names gives more enum values, with no code change.

use std::collections::BTreeSet;

use openapiv3::{ReferenceOr, Schema, SchemaKind, Type};

use super::schema::{define_struct, insert_type};
use super::Lowerer;
use crate::diagnostic::child;
use crate::docs;
use crate::ir::{EnumDef, EventPayloadDef, EventVariant, Field, Role, TypeDef, TypeKind, TypeRef, Variant};
use crate::naming::{self, FALLBACK_VARIANT};
use crate::read::{self, EventComponent};

/// Lowers the event component `event` into `Event`, `EventPayload` and one event-type enum per
/// resource that has events. Runs after every other component is lowered, since the payload
/// names the resources' types.
pub(super) fn lower_events(lw: &mut Lowerer, event: &EventComponent) {
    let pointer = child("#/components/schemas", &event.key);
    let Some(ReferenceOr::Item(schema)) = lw
        .spec
        .components
        .as_ref()
        .and_then(|c| c.schemas.get(&event.key))
    else {
        return;
    };
    let variants = resource_variants(lw, &pointer);
    let payload = lw.plan.event_payload();
    let Some(payload_name) = lw.planned(payload, "event payload name", &pointer) else {
        return;
    };
    let docs = "What an event says happened (`type`) and to which object (`data`): typed for this crate's resources, JSON for any other.".to_owned();
    let taken: Vec<&str> = variants.iter().map(|v| v.name.as_str()).collect();
    let other = naming::unique_variant_name("Other", taken.as_slice());
    let def = EventPayloadDef {
        variants,
        other,
        event: lw.plan.component(&event.key),
    };
    insert_type(
        lw,
        &payload_name,
        docs,
        &pointer,
        Role::Model,
        TypeKind::EventPayload(def),
    );
    define_event_struct(lw, event, schema, &pointer, &payload_name);
}

/// One payload variant per resource whose tag prefixes some event names, each with its enum.
fn resource_variants(lw: &mut Lowerer, pointer: &str) -> Vec<EventVariant> {
    let resources: Vec<(String, String)> = lw
        .types
        .values()
        .filter_map(|def| match &def.kind {
            TypeKind::Struct(s) if s.has_id && def.caps.round_trip => {
                let tag = s.object_tag.clone()?;
                (tag != "event").then(|| (def.name.clone(), tag))
            }
            _ => None,
        })
        .collect();
    let mut variants = Vec::new();
    for (resource, tag) in resources {
        let prefix = format!("{tag}.");
        let names = read::resource_events(lw.event_names, &tag);
        if names.is_empty() {
            continue;
        }
        let type_pointer = child(&child(pointer, "properties"), "type");
        let enum_name = lw.plan.event_type_enum(&resource);
        let Some(enum_name) = lw.planned(enum_name, "event type enum name", &type_pointer) else {
            continue;
        };
        let mut taken = BTreeSet::new();
        let enum_variants: Vec<Variant> = names
            .iter()
            .map(|name| {
                let rust_name = naming::unique_variant_name(&name[prefix.len()..], &taken);
                taken.insert(rust_name.clone());
                Variant {
                    rust_name,
                    wire: (*name).clone(),
                }
            })
            .collect();
        let docs = format!(
            "The types of event about a [`{resource}`] (`{}…`). Stripe adds event types; one this version does not know is kept as `{FALLBACK_VARIANT}`.",
            docs::visible(&prefix).replace('`', "'")
        );
        let def = TypeDef {
            name: enum_name.clone(),
            docs,
            pointer: child(&child(pointer, "properties"), "type"),
            file: Role::Model.file(),
            caps: Role::Model.capabilities(),
            kind: TypeKind::Enum(EnumDef {
                variants: enum_variants,
                fallback: FALLBACK_VARIANT.to_owned(),
            }),
        };
        lw.types.insert(enum_name.clone(), def);
        variants.push(EventVariant {
            name: resource.clone(),
            prefix,
            type_enum: enum_name,
            object: TypeRef::Named(resource),
        });
    }
    variants
}

/// `Event`: the event schema's properties but `type` and `data`, which the flattened payload
/// reads and writes.
fn define_event_struct(
    lw: &mut Lowerer,
    event: &EventComponent,
    schema: &Schema,
    pointer: &str,
    payload: &str,
) {
    let SchemaKind::Type(Type::Object(object)) = &schema.schema_kind else {
        return;
    };
    let mut properties = object.properties.clone();
    properties.shift_remove("type");
    properties.shift_remove("data");
    let name = lw.plan.component(&event.key);
    let description = schema.schema_data.description.clone().unwrap_or_default();
    let payload_field = lw.plan.event_payload_field();
    let Some(payload_field) = lw.planned(payload_field, "payload field name", pointer) else {
        return;
    };
    define_struct(
        lw,
        &properties,
        &object.required,
        &description,
        pointer,
        Role::Model,
    );
    if let Some(TypeDef {
        kind: TypeKind::Struct(s),
        ..
    }) = lw.types.get_mut(&name)
    {
        s.fields.push(Field {
            rust_name: payload_field,
            wire_name: "payload".to_owned(),
            docs: "What happened (`type`) and the object it happened to (`data`).".to_owned(),
            ty: TypeRef::Named(payload.to_owned()),
            required: true,
            nullable: false,
            clear_setter: None,
            flatten: true,
            skip_none: false,
            max_length: None,
        });
    }
}
