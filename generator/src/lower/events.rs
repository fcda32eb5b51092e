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

use std::collections::BTreeMap;

use openapiv3::{ReferenceOr, Schema, SchemaKind, Type};

use super::schema::{define_struct, insert, new_type, Defined};
use super::Lowerer;
use crate::diagnostic::child;
use crate::ir::{
    EnumDef, EventPayloadDef, EventVariant, Field, Hint, NameSource, NamedDocs, Role, TypeId, TypeKind,
    TypeRef, Variant,
};
use crate::naming::FALLBACK_VARIANT;
use crate::read::{self, EventComponent};

/// Lowers the event component `event` into `Event`, `EventPayload` and one event-type enum per
/// resource that has events. Runs after every other component is lowered, since the payload
/// holds the resources' types.
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
    let Some(event_id) = lw.component_id(&event.key) else {
        return;
    };
    // The payload is met before its enums: naming names them with it, in its variants' order.
    let payload = lw.next_type_id();
    let variants = resource_variants(lw, &pointer);
    let docs = "What an event says happened (`type`) and to which object (`data`): typed for this crate's resources, JSON for any other.".to_owned();
    let def = EventPayloadDef {
        variants,
        other: String::new(),
        event: event_id,
    };
    let source = NameSource::Derived {
        hint: Hint::EventPayload,
        title: None,
    };
    insert(
        lw,
        new_type(
            payload,
            source,
            docs,
            &pointer,
            Role::Model,
            TypeKind::EventPayload(def),
        ),
    );
    lw.payload = Some(payload);
    define_event_struct(lw, event_id, schema, &pointer, payload);
}

/// One payload variant per resource whose tag prefixes some event names, each with its enum.
fn resource_variants(lw: &mut Lowerer, pointer: &str) -> Vec<EventVariant> {
    let type_pointer = child(&child(pointer, "properties"), "type");
    let mut variants = Vec::new();
    for (tag, resource) in resources_by_tag(lw, &type_pointer) {
        let prefix = format!("{tag}.");
        let names = read::resource_events(lw.event_names, &tag);
        if names.is_empty() {
            continue;
        }
        let enum_variants: Vec<Variant> = names
            .iter()
            .map(|name| Variant {
                rust_name: String::new(),
                wire: (*name).clone(),
            })
            .collect();
        let id = lw.next_type_id();
        let source = NameSource::Derived {
            hint: Hint::EventTypes(resource),
            title: None,
        };
        let kind = TypeKind::Enum(EnumDef {
            variants: enum_variants,
            fallback: FALLBACK_VARIANT.to_owned(),
        });
        let def = new_type(id, source, String::new(), &type_pointer, Role::Model, kind);
        let named_docs = Some(NamedDocs::EventTypesOf(resource, prefix.clone()));
        insert(lw, crate::ir::TypeDef { named_docs, ..def });
        variants.push(EventVariant {
            name: String::new(),
            prefix,
            type_enum: id,
            object: TypeRef::Named(resource),
        });
    }
    variants
}

/// A type that may be what a tag's events carry: whether it lacks an ID (sorts after those with
/// one), its id, its pointer and its title.
type Candidate = (bool, TypeId, String, Option<String>);

/// The type each object tag's events carry: of the model structs with that tag, the resource and
/// not its deleted form (`deleted_customer` has `customer`'s tag and a required `deleted`: a
/// `customer.deleted` event carries the customer), preferring one with an ID, then the first met.
/// Several left to choose from (copies of one titled shape aside) is the spec's ambiguity: a
/// warning names the one taken.
fn resources_by_tag(lw: &mut Lowerer, type_pointer: &str) -> BTreeMap<String, TypeId> {
    let mut candidates: BTreeMap<String, Vec<Candidate>> = BTreeMap::new();
    for def in lw.types.values() {
        let TypeKind::Struct(s) = &def.kind else { continue };
        let Some(tag) = s.object_tag.clone().filter(|tag| tag != "event") else {
            continue;
        };
        let deleted_form = s
            .fields
            .iter()
            .any(|field| field.wire_name == "deleted" && !field.is_optional());
        if def.caps.round_trip && !deleted_form {
            let title = match &def.source {
                NameSource::Derived { title, .. } => title.clone(),
                _ => None,
            };
            candidates
                .entry(tag)
                .or_default()
                .push((!s.has_id, def.id, def.pointer.clone(), title));
        }
    }
    let mut chosen = BTreeMap::new();
    for (tag, mut types) in candidates {
        types.sort();
        let (_, id, taken, title) = types[0].clone();
        // Copies of one titled shape are one type once named (`names::titles`), not a choice.
        let others: Vec<&str> = types[1..]
            .iter()
            .filter(|other| title.is_none() || other.3 != title)
            .map(|other| other.2.as_str())
            .collect();
        if !others.is_empty() && !read::resource_events(lw.event_names, &tag).is_empty() {
            let message = format!(
                "events of `{tag}.` carry the object of {taken}; {} also have the object tag `{tag}` and are not what these events decode into",
                others.join(", ")
            );
            lw.problems.warning(type_pointer, message);
        }
        chosen.insert(tag, id);
    }
    chosen
}

/// `Event`: the event schema's properties but `type` and `data`, which the flattened payload
/// reads and writes.
fn define_event_struct(lw: &mut Lowerer, id: TypeId, schema: &Schema, pointer: &str, payload: TypeId) {
    let SchemaKind::Type(Type::Object(object)) = &schema.schema_kind else {
        return;
    };
    let mut properties = object.properties.clone();
    properties.shift_remove("type");
    properties.shift_remove("data");
    let description = schema.schema_data.description.clone().unwrap_or_default();
    let defined = Defined {
        id,
        source: NameSource::Component,
        pointer,
    };
    define_struct(
        lw,
        defined,
        &properties,
        &object.required,
        &description,
        Role::Model,
    );
    if let Some(TypeKind::Struct(s)) = lw.types.get_mut(&id).map(|def| &mut def.kind) {
        s.fields.push(Field {
            rust_name: String::new(),
            wire_name: "payload".to_owned(),
            pointer: pointer.to_owned(),
            docs: "What happened (`type`) and the object it happened to (`data`).".to_owned(),
            ty: TypeRef::Named(payload),
            required: true,
            nullable: false,
            clear_setter: None,
            flatten: true,
            skip_none: false,
            max_length: None,
        });
    }
}
