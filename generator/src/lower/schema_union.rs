//! `anyOf` / `oneOf`: the four union shapes Stripe's spec uses, each mapped to a dedicated type.
//! A union that fits none of them is reported with its alternatives listed, rather than lowered to
//! something that would silently drop data.

use openapiv3::{ReferenceOr, Schema, SchemaKind, Type};

use super::schema::{lower_type, Lowered};
use super::Lowerer;
use crate::diagnostic::child;
use crate::ir::{Role, TypeRef};

const RANGE_BOUNDS: [&str; 4] = ["gt", "gte", "lt", "lte"];

/// Lowers `schema`, whose kind is `anyOf`/`oneOf` over `alternatives`.
pub(crate) fn lower_union(
    lw: &mut Lowerer,
    schema: &Schema,
    alternatives: &[ReferenceOr<Schema>],
    hint: &str,
    pointer: &str,
    role: Role,
) -> Option<Lowered> {
    let data = &schema.schema_data;
    let keyword = if matches!(schema.schema_kind, SchemaKind::OneOf { .. }) {
        "oneOf"
    } else {
        "anyOf"
    };
    let alt_pointer = |index: usize| child(&child(pointer, keyword), &index.to_string());
    let description = data.description.clone().unwrap_or_default();
    let done = |ty, nullable| {
        Some(Lowered {
            ty,
            nullable: nullable || data.nullable,
            description: description.clone(),
        })
    };

    // `anyOf: [X]` (with `nullable` beside it) is X, nullable.
    if let [only] = alternatives {
        let inner = lower_type(lw, only.into(), hint, &alt_pointer(0), role)?;
        let description = if description.is_empty() {
            inner.description
        } else {
            description.clone()
        };
        return Some(Lowered {
            ty: inner.ty,
            nullable: inner.nullable || data.nullable,
            description,
        });
    }

    // `anyOf: [string, $ref X]` + `x-expansionResources`: an ID, or the object when expanded.
    if data.extensions.contains_key("x-expansionResources") {
        if let [a, b] = alternatives {
            let (id, object) = if is_plain_string(a) { (a, b) } else { (b, a) };
            if let (true, ReferenceOr::Reference { reference }) = (is_plain_string(id), object) {
                let index = if std::ptr::eq(object, a) { 0 } else { 1 };
                let (_, name, _) = lw.resolve(reference, &alt_pointer(index))?;
                return done(TypeRef::Expandable(name), false);
            }
        }
        lw.problems.error(pointer, "`x-expansionResources` is only supported on `anyOf: [string, $ref]` (an ID or the expanded object)");
        return None;
    }

    // `anyOf: [T, enum [""]]`: a parameter that can also be sent empty to clear it.
    let empties: Vec<usize> = (0..alternatives.len())
        .filter(|&i| is_empty_string_enum(&alternatives[i]))
        .collect();
    if empties.len() == 1 && alternatives.len() == 2 {
        let index = 1 - empties[0];
        let value = with_description(&alternatives[index], &description);
        let inner = lower_type(lw, (&value).into(), hint, &alt_pointer(index), role)?;
        return done(TypeRef::Emptyable(Box::new(inner.ty)), inner.nullable);
    }

    // `anyOf: [range_query_specs, integer]`: an exact value or an interval.
    if let [a, b] = alternatives {
        if (is_range_object(a) && is_integer(b)) || (is_integer(a) && is_range_object(b)) {
            return done(TypeRef::RangeQuery, false);
        }
    }

    let shapes: Vec<String> = alternatives.iter().map(shape).collect();
    lw.problems.error(
        pointer,
        format!(
            "unsupported `{keyword}` of [{}]; supported are a single schema (a nullable reference), [string, $ref] with `x-expansionResources`, [T, enum [\"\"]] and [range object, integer]",
            shapes.join(", ")
        ),
    );
    None
}

/// An inline alternative without a description borrows the union's, so the type it defines is
/// documented.
fn with_description(alternative: &ReferenceOr<Schema>, description: &str) -> ReferenceOr<Schema> {
    let mut alternative = alternative.clone();
    if let ReferenceOr::Item(schema) = &mut alternative {
        if schema
            .schema_data
            .description
            .as_deref()
            .is_none_or(|d| d.trim().is_empty())
        {
            schema.schema_data.description = Some(description.to_owned());
        }
    }
    alternative
}

fn item(schema: &ReferenceOr<Schema>) -> Option<&Schema> {
    schema.as_item()
}

fn is_plain_string(schema: &ReferenceOr<Schema>) -> bool {
    matches!(item(schema).map(|s| &s.schema_kind), Some(SchemaKind::Type(Type::String(s))) if s.enumeration.is_empty())
}

fn is_empty_string_enum(schema: &ReferenceOr<Schema>) -> bool {
    matches!(item(schema).map(|s| &s.schema_kind), Some(SchemaKind::Type(Type::String(s))) if s.enumeration == [Some(String::new())])
}

fn is_integer(schema: &ReferenceOr<Schema>) -> bool {
    matches!(
        item(schema).map(|s| &s.schema_kind),
        Some(SchemaKind::Type(Type::Integer(_)))
    )
}

/// An object whose properties are all integer bounds named `gt`, `gte`, `lt` or `lte`.
fn is_range_object(schema: &ReferenceOr<Schema>) -> bool {
    let Some(SchemaKind::Type(Type::Object(object))) = item(schema).map(|s| &s.schema_kind) else {
        return false;
    };
    !object.properties.is_empty()
        && object.properties.iter().all(|(name, property)| {
            RANGE_BOUNDS.contains(&name.as_str())
                && matches!(
                    property.as_item().map(|s| &s.schema_kind),
                    Some(SchemaKind::Type(Type::Integer(_)))
                )
        })
}

/// A short description of an alternative, for error messages.
fn shape(schema: &ReferenceOr<Schema>) -> String {
    match schema {
        ReferenceOr::Reference { reference } => format!("$ref {reference}"),
        ReferenceOr::Item(schema) => match &schema.schema_kind {
            SchemaKind::Type(Type::String(s)) if !s.enumeration.is_empty() => "string enum".to_owned(),
            SchemaKind::Type(Type::String(_)) => "string".to_owned(),
            SchemaKind::Type(Type::Integer(_)) => "integer".to_owned(),
            SchemaKind::Type(Type::Number(_)) => "number".to_owned(),
            SchemaKind::Type(Type::Boolean(_)) => "boolean".to_owned(),
            SchemaKind::Type(Type::Array(_)) => "array".to_owned(),
            SchemaKind::Type(Type::Object(_)) => "object".to_owned(),
            SchemaKind::AnyOf { .. } => "anyOf".to_owned(),
            SchemaKind::OneOf { .. } => "oneOf".to_owned(),
            SchemaKind::AllOf { .. } => "allOf".to_owned(),
            SchemaKind::Not { .. } => "not".to_owned(),
            SchemaKind::Any(_) => "untyped schema".to_owned(),
        },
    }
}
