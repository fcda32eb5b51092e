//! The names inside items, given once the items are named: each struct's and builder's fields
//! and `clear_…` setters in one namespace per item (two wire names that become one Rust name both
//! keep a field, the later one numbered with a warning), enum and event-type variants, and the
//! field that holds the event's payload.

use std::collections::{BTreeMap, BTreeSet};

use super::titles::Titling;
use super::Problem;
use crate::draft::Draft;
use crate::ir::{Field, TypeId, TypeKind, Variant};
use crate::naming::{self, Namespace};

/// A field's name and, when it has one, its `clear_…` setter's.
pub(super) type FieldNames = Vec<(String, Option<String>)>;

/// The names inside items.
#[derive(Debug, Default)]
pub(super) struct Members {
    /// Each struct's fields, in field order.
    pub structs: BTreeMap<TypeId, FieldNames>,
    /// Each builder's fields: path, query, then body parameters.
    pub builders: Vec<FieldNames>,
    /// Fields moved aside.
    pub problems: Vec<Problem>,
}

/// Names the fields of every struct `titling` keeps and of every builder.
pub(super) fn name_fields(draft: &Draft, titling: &Titling) -> Members {
    let mut members = Members::default();
    for def in draft.types.values() {
        let TypeKind::Struct(s) = &def.kind else { continue };
        if titling.is_merged(def.id) {
            continue;
        }
        let mut namespace = Namespace::default();
        let mut names: FieldNames = Vec::new();
        // A parameter type has a constructor `new` beside its setters: a field may not take it.
        let base = |wire: &str| {
            if def.caps.user_built {
                naming::setter_name(wire)
            } else {
                naming::field_name(wire)
            }
        };
        for field in s.fields.iter().filter(|field| !field.flatten) {
            let base = base(&field.wire_name);
            names.push(field_names(
                &mut namespace,
                field,
                &base,
                FieldLabel::Wire,
                &mut members.problems,
            ));
        }
        // The event's payload field is not a property: it takes a name no property has.
        if s.fields.iter().any(|field| field.flatten) {
            let taken: Vec<&str> = names.iter().map(|(name, _)| name.as_str()).collect();
            names.push((naming::event_payload_field(&taken), None));
        }
        members.structs.insert(def.id, names);
    }
    for builder in &draft.builders {
        let mut names: FieldNames = Vec::new();
        if let Some(operation) = &builder.operation {
            let mut namespace = Namespace::default();
            for field in operation.params() {
                let base = naming::setter_name(&field.wire_name);
                // A builder's `clear_…` setter is labelled by the field's Rust name in a clash.
                names.push(field_names(
                    &mut namespace,
                    field,
                    &base,
                    FieldLabel::RustName,
                    &mut members.problems,
                ));
            }
        }
        members.builders.push(names);
    }
    members
}

/// What a `clear_…` setter is called where a clash names it: its field's wire name (a struct's
/// field) or Rust name (a builder's).
#[derive(Clone, Copy)]
enum FieldLabel {
    Wire,
    RustName,
}

/// A field's name (from `base`) and, when it has one, its `clear_…` setter's, claimed in one
/// item's `namespace`.
fn field_names(
    namespace: &mut Namespace,
    field: &Field,
    base: &str,
    label: FieldLabel,
    problems: &mut Vec<Problem>,
) -> (String, Option<String>) {
    let claimed = claim_field(namespace, base, &field.wire_name, &field.pointer, problems);
    let clear = field.clear_setter.as_ref().map(|_| {
        let label = match label {
            FieldLabel::Wire => naming::clearing(&field.wire_name),
            FieldLabel::RustName => naming::clearing(&claimed),
        };
        claim_field(
            namespace,
            &naming::clear_setter(&claimed),
            &label,
            &field.pointer,
            problems,
        )
    });
    (claimed, clear)
}

/// Claims the Rust field `rust_name` for `origin` (a wire name) in one item's `namespace`; when
/// another holds it, the first free numbered form (`foo_bar_2`), with a warning, and
/// `#[serde(rename)]` keeps the wire name.
fn claim_field(
    namespace: &mut Namespace,
    rust_name: &str,
    origin: &str,
    pointer: &str,
    problems: &mut Vec<Problem>,
) -> String {
    let (claimed, holder) = namespace.claim_free(rust_name, origin, |n| naming::numbered_field(rust_name, n));
    if let Some(holder) = holder {
        let message = format!("property `{origin}` and property `{holder}` both become the Rust field `{rust_name}`; this one is named `{claimed}`");
        problems.push(Problem::Warning(pointer.to_owned(), message));
    }
    claimed
}

/// Names an enum's variants from their values (after `prefix`, for an enum of event types), each
/// unique.
pub(super) fn name_variants(variants: &mut [Variant], prefix: &str) {
    let mut taken = BTreeSet::new();
    for variant in variants {
        let value = variant.wire.strip_prefix(prefix).unwrap_or(&variant.wire);
        let rust_name = naming::unique_variant_name(value, &taken);
        taken.insert(rust_name.clone());
        variant.rust_name = rust_name;
    }
}
