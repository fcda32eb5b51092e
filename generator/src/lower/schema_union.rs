//! `anyOf` / `oneOf`. Stripe's four special shapes get dedicated types: `[X]` + `nullable` (a
//! nullable X), `[string, $ref…]` + `x-expansionResources` (an expandable ID-or-object),
//! `[T…, enum [""]]` (an emptyable parameter) and `[range object, integer]` (a range filter). Any
//! other union becomes an untagged enum with one variant per alternative, tried in the spec's
//! order; polymorphic fields (`[customer, deleted_customer]`) decode into whichever fits.

use openapiv3::{ReferenceOr, Schema, SchemaKind, Type};

use super::schema::{insert_type, lower_type, Lowered};
use super::Lowerer;
use crate::diagnostic::child;
use crate::ir::{Role, TypeKind, TypeRef, UnionDef};
use crate::naming;

const RANGE_BOUNDS: [&str; 4] = ["gt", "gte", "lt", "lte"];

/// Where the alternatives sit: `…/anyOf` or `…/oneOf`.
struct Alternatives<'a> {
    list: &'a [ReferenceOr<Schema>],
    pointer: String,
}

impl Alternatives<'_> {
    fn pointer(&self, index: usize) -> String {
        child(&self.pointer, &index.to_string())
    }
}

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
    let alts = Alternatives {
        list: alternatives,
        pointer: child(pointer, keyword),
    };
    let description = data.description.clone().unwrap_or_default();
    let done = |ty, nullable: bool| {
        Some(Lowered {
            ty,
            nullable: nullable || data.nullable,
            description: description.clone(),
            max_length: None,
        })
    };
    let all: Vec<usize> = (0..alternatives.len()).collect();

    // `anyOf: [X]` (with `nullable` beside it) is X, nullable.
    if let [only] = alternatives {
        let inner = lower_type(lw, only.into(), hint, &alts.pointer(0), role)?;
        let description = if description.is_empty() {
            inner.description
        } else {
            description.clone()
        };
        return Some(Lowered {
            ty: inner.ty,
            nullable: inner.nullable || data.nullable,
            description,
            max_length: inner.max_length,
        });
    }

    // `anyOf: [string, $ref X, …]` + `x-expansionResources`: an ID, or the object when expanded.
    if data.extensions.contains_key("x-expansionResources") {
        let ids: Vec<usize> = all
            .iter()
            .copied()
            .filter(|&i| is_plain_string(&alternatives[i]))
            .collect();
        let objects: Vec<usize> = all.iter().copied().filter(|i| !ids.contains(i)).collect();
        if ids.len() == 1 && !objects.is_empty() {
            let object = one_or_union(
                lw,
                &alts,
                &objects,
                &naming::nested(hint, "Object"),
                &description,
                role,
            )?;
            return done(TypeRef::Expandable(Box::new(object.0)), false);
        }
        let message = "`x-expansionResources` is only supported on `anyOf: [string, schema…]` (an ID or the expanded object)";
        return if lw.problems.unsupported(pointer, message) {
            done(TypeRef::Json, false)
        } else {
            None
        };
    }

    // `anyOf: [T…, enum [""]]`: a parameter that can also be sent empty to clear it.
    let empties: Vec<usize> = all
        .iter()
        .copied()
        .filter(|&i| is_empty_string_enum(&alternatives[i]))
        .collect();
    if empties.len() == 1 {
        let rest: Vec<usize> = all.iter().copied().filter(|i| !empties.contains(i)).collect();
        let (inner, max_length) = one_or_union(lw, &alts, &rest, hint, &description, role)?;
        // An emptyable string keeps its `maxLength`.
        return done(TypeRef::Emptyable(Box::new(inner)), false).map(|lowered| Lowered {
            max_length,
            ..lowered
        });
    }

    // `anyOf: [range_query_specs, integer]`: an exact value or an interval.
    if let [a, b] = alternatives {
        if (is_range_object(a) && is_integer(b)) || (is_integer(a) && is_range_object(b)) {
            return done(TypeRef::RangeQuery, false);
        }
    }

    let (ty, max_length) = one_or_union(lw, &alts, &all, hint, &description, role)?;
    done(ty, false).map(|lowered| Lowered {
        max_length,
        ..lowered
    })
}

/// The type of the alternatives at `indices`: that alternative's type when there is one, else an
/// untagged enum named `name`.
fn one_or_union(
    lw: &mut Lowerer,
    alts: &Alternatives,
    indices: &[usize],
    name: &str,
    description: &str,
    role: Role,
) -> Option<(TypeRef, Option<u32>)> {
    if let [only] = indices {
        let value = with_description(&alts.list[*only], description);
        let lowered = lower_type(lw, (&value).into(), name, &alts.pointer(*only), role)?;
        return Some((lowered.ty, lowered.max_length));
    }
    // A union's derived name often equals a component's (`…_options.card` is a union whose first
    // alternative is the `…_options_card` schema): the union then takes the `Union` suffix.
    let name = if lw.name_taken(name, &alts.pointer) {
        // Moved aside like a numbered name: a title's type must not be what moved it.
        lw.titles.moved_aside(name);
        naming::nested(name, "Union")
    } else {
        name.to_owned()
    };
    let name = lw.claim_derived(&name, &alts.pointer);
    let name = name.as_str();
    let mut variants: Vec<(String, TypeRef)> = Vec::new();
    for &index in indices {
        let alternative = &alts.list[index];
        let base = match alternative {
            ReferenceOr::Reference { reference } => lw.resolve(reference, &alts.pointer(index))?.1,
            ReferenceOr::Item(schema) => naming::type_name(&shape(alternative, schema)),
        };
        let taken: Vec<&str> = variants.iter().map(|(n, _)| n.as_str()).collect();
        let variant = naming::unique_variant_name(&base, taken.as_slice());
        let hint = naming::nested(name, &variant);
        let value = with_description(alternative, description);
        let lowered = lower_type(lw, (&value).into(), &hint, &alts.pointer(index), role)?;
        variants.push((variant, lowered.ty));
    }
    let docs = lw.docs.sanitize_or(description, || {
        format!("One of {} types, tried in order.", variants.len())
    });
    // Only what Stripe sends grows new kinds; a parameter union is built by the user.
    let fallback = (role == Role::Model).then(|| naming::FALLBACK_VARIANT.to_owned());
    insert_type(
        lw,
        name,
        docs,
        &alts.pointer,
        role,
        // `has_id` is known once every type is (`finish`).
        TypeKind::Union(UnionDef {
            variants,
            fallback,
            has_id: false,
        }),
    );
    Some((TypeRef::Named(name.to_owned()), None))
}

/// A word for an inline alternative, to name its variant.
fn shape(alternative: &ReferenceOr<Schema>, schema: &Schema) -> String {
    if let Some(title) = schema
        .schema_data
        .title
        .as_deref()
        .filter(|t| !t.trim().is_empty())
    {
        return title.to_owned();
    }
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(s)) if !s.enumeration.is_empty() => "value".to_owned(),
        _ => describe_alternative(alternative),
    }
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

/// A short description of an alternative: its kind, or what it references.
fn describe_alternative(schema: &ReferenceOr<Schema>) -> String {
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
