//! What one schema is, from the spec alone: a scalar, an open string enum, an array, an object
//! (a struct, a list page, a map or free-form JSON), one of Stripe's `anyOf` shapes, a one-schema
//! `allOf`, or something unsupported (with the message a user reads). Lowering builds the type
//! each shape gives.

use indexmap::IndexMap;
use openapiv3::{AdditionalProperties, ReferenceOr, Schema, SchemaKind, Type};

use super::Finding;
use crate::diagnostic::child;
use crate::naming;

/// The properties of an object schema, as `openapiv3` holds them.
pub(crate) type Properties = IndexMap<String, ReferenceOr<Box<Schema>>>;

/// A schema or a reference to one, whichever box it came in.
#[derive(Clone, Copy)]
pub(crate) enum SchemaRef<'a> {
    Ref(&'a str),
    Item(&'a Schema),
}

impl<'a> From<&'a ReferenceOr<Schema>> for SchemaRef<'a> {
    fn from(value: &'a ReferenceOr<Schema>) -> Self {
        match value {
            ReferenceOr::Reference { reference } => Self::Ref(reference),
            ReferenceOr::Item(schema) => Self::Item(schema),
        }
    }
}

impl<'a> From<&'a ReferenceOr<Box<Schema>>> for SchemaRef<'a> {
    fn from(value: &'a ReferenceOr<Box<Schema>>) -> Self {
        match value {
            ReferenceOr::Reference { reference } => Self::Ref(reference),
            ReferenceOr::Item(schema) => Self::Item(schema),
        }
    }
}

/// What an inline schema is.
pub(crate) enum Shape<'a> {
    /// A string; an open enum when `values` lists any.
    String {
        values: Vec<&'a str>,
        max_length: Option<u32>,
        /// `x-secret: true`.
        marked: bool,
    },
    Integer,
    Number,
    Boolean,
    /// An array of `items` (free-form JSON when the spec gives none).
    Array(Option<SchemaRef<'a>>),
    Object(Object<'a>),
    /// `anyOf` / `oneOf` over these alternatives, which sit under `pointer/keyword`.
    Union {
        alternatives: &'a [ReferenceOr<Schema>],
        keyword: &'static str,
    },
    /// `allOf` with one schema: that schema.
    AllOfOne(SchemaRef<'a>),
    /// Nothing the generator models (a lenient run types it as free-form JSON).
    Unsupported(Finding),
}

/// An object schema's parts.
pub(crate) struct Object<'a> {
    pub properties: &'a Properties,
    pub required: &'a [String],
    pub additional: Option<&'a AdditionalProperties>,
}

/// What an inline object is.
pub(crate) enum ObjectKind<'a> {
    /// `{object: enum [list], data: [T], has_more, url}`: a page of `T`s, the items.
    ListPage(SchemaRef<'a>),
    /// Declared properties, or closed (`additionalProperties: false`).
    Struct,
    /// Only `additionalProperties: <schema>`: a map of these values.
    Map(SchemaRef<'a>),
    /// Anything else: free-form JSON.
    Json,
}

impl<'a> Shape<'a> {
    /// Reads the schema at `pointer`.
    pub(crate) fn of(schema: &'a Schema, pointer: &str) -> Self {
        let unsupported = |pointer: &str, message: &str| {
            let message = format!("{message} (a lenient run types it as free-form JSON)");
            Self::Unsupported(Finding::unsupported(pointer, message))
        };
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(string)) => Self::String {
                values: string.enumeration.iter().flatten().map(String::as_str).collect(),
                max_length: string.max_length.and_then(|n| u32::try_from(n).ok()),
                marked: schema
                    .schema_data
                    .extensions
                    .get("x-secret")
                    .and_then(|v| v.as_bool())
                    == Some(true),
            },
            SchemaKind::Type(Type::Integer(_)) => Self::Integer,
            SchemaKind::Type(Type::Number(_)) => Self::Number,
            SchemaKind::Type(Type::Boolean(_)) => Self::Boolean,
            SchemaKind::Type(Type::Array(array)) => Self::Array(array.items.as_ref().map(SchemaRef::from)),
            SchemaKind::Type(Type::Object(object)) => Self::Object(Object {
                properties: &object.properties,
                required: &object.required,
                additional: object.additional_properties.as_ref(),
            }),
            SchemaKind::AnyOf { any_of } => Self::Union {
                alternatives: any_of,
                keyword: "anyOf",
            },
            SchemaKind::OneOf { one_of } => Self::Union {
                alternatives: one_of,
                keyword: "oneOf",
            },
            SchemaKind::AllOf { all_of } if all_of.len() == 1 => Self::AllOfOne((&all_of[0]).into()),
            SchemaKind::AllOf { .. } => unsupported(
                pointer,
                "`allOf` with more than one schema is not supported; write the merged object out",
            ),
            SchemaKind::Not { .. } => unsupported(
                pointer,
                "`not` is not supported: it cannot be expressed as a Rust type",
            ),
            SchemaKind::Any(any) => {
                if !any.any_of.is_empty()
                    || !any.one_of.is_empty()
                    || !any.all_of.is_empty()
                    || any.not.is_some()
                {
                    return unsupported(pointer, "a schema that mixes `anyOf`/`oneOf`/`allOf`/`not` with other keywords is not supported; move the other keywords into the alternatives");
                }
                match any.typ.as_deref() {
                    None | Some("object") => Self::Object(Object {
                        properties: &any.properties,
                        required: &any.required,
                        additional: any.additional_properties.as_ref(),
                    }),
                    Some(other) => {
                        let message = format!("unsupported type `{other}` or keyword combination; supported types are string, integer, number, boolean, array and object");
                        unsupported(&child(pointer, "type"), &message)
                    }
                }
            }
        }
    }
}

impl<'a> Object<'a> {
    /// What this inline object is. The same rule holds for components, except that a component
    /// object with properties is always a struct (`object_properties`).
    pub(crate) fn kind(&self) -> ObjectKind<'a> {
        let closed = matches!(self.additional, Some(AdditionalProperties::Any(false)));
        if !self.properties.is_empty() || closed {
            return match list_page_item(self.properties) {
                Some(item) => ObjectKind::ListPage(item),
                None => ObjectKind::Struct,
            };
        }
        match self.additional {
            Some(AdditionalProperties::Schema(value)) => ObjectKind::Map(value.as_ref().into()),
            _ => ObjectKind::Json,
        }
    }
}

/// `{object: enum [list], data: [T], has_more, url}` is a page of a list endpoint.
fn list_page_item(properties: &Properties) -> Option<SchemaRef<'_>> {
    let object = properties.get("object")?.as_item()?;
    let SchemaKind::Type(Type::String(object)) = &object.schema_kind else {
        return None;
    };
    if object.enumeration != [Some("list".to_owned())] || !properties.contains_key("has_more") {
        return None;
    }
    let data = properties.get("data")?.as_item()?;
    let SchemaKind::Type(Type::Array(array)) = &data.schema_kind else {
        return None;
    };
    array.items.as_ref().map(SchemaRef::from)
}

/// A component's properties and required list, when it is an object that declares properties.
pub(crate) fn object_properties(schema: &Schema) -> Option<(&Properties, &[String])> {
    match &schema.schema_kind {
        SchemaKind::Type(Type::Object(object)) => Some((&object.properties, &object.required)),
        SchemaKind::Any(any)
            if any.typ.is_none()
                && any.any_of.is_empty()
                && any.one_of.is_empty()
                && any.all_of.is_empty()
                && !any.properties.is_empty() =>
        {
            Some((&any.properties, &any.required))
        }
        _ => None,
    }
}

/// Whether an object schema says `additionalProperties: false`: nothing beyond its properties.
pub(crate) fn closed(schema: &Schema) -> bool {
    let additional = match &schema.schema_kind {
        SchemaKind::Type(Type::Object(object)) => object.additional_properties.as_ref(),
        SchemaKind::Any(any) => any.additional_properties.as_ref(),
        _ => None,
    };
    matches!(additional, Some(AdditionalProperties::Any(false)))
}

/// The one value an `object` property may have (`enum: [card]`), when it is a tag.
pub(crate) fn single_object_tag(wire: &str, property: &ReferenceOr<Box<Schema>>) -> Option<String> {
    if wire != "object" {
        return None;
    }
    let SchemaKind::Type(Type::String(string)) = &property.as_item()?.schema_kind else {
        return None;
    };
    match string.enumeration.as_slice() {
        [Some(tag)] => Some(tag.clone()),
        _ => None,
    }
}

/// The type name an inline schema's `title` gives, when it has a non-blank one.
pub(crate) fn title_name(schema: &Schema) -> Option<String> {
    let title = schema.schema_data.title.as_deref()?.trim();
    (!title.is_empty()).then(|| naming::type_name(title))
}

const RANGE_BOUNDS: [&str; 4] = ["gt", "gte", "lt", "lte"];

/// Which of Stripe's `anyOf` shapes a union is; the indices are of its alternatives.
pub(crate) enum UnionKind {
    /// `anyOf: [X]` (with `nullable` beside it): X, nullable.
    Single,
    /// `anyOf: [string, $ref X, …]` + `x-expansionResources`: an ID, or these objects expanded.
    Expandable(Vec<usize>),
    /// `x-expansionResources` on any other shape.
    BadExpandable(Finding),
    /// `anyOf: [T…, enum [""]]`: these alternatives, or sent empty to clear the parameter.
    Emptyable(Vec<usize>),
    /// `anyOf: [range_query_specs, integer]`: an exact value or an interval.
    Range,
    /// Any other: an untagged enum of every alternative.
    Plain,
}

impl UnionKind {
    /// Reads the union `schema` at `pointer` over `alternatives`.
    pub(crate) fn of(schema: &Schema, alternatives: &[ReferenceOr<Schema>], pointer: &str) -> Self {
        let all = 0..alternatives.len();
        if alternatives.len() == 1 {
            return Self::Single;
        }
        if schema.schema_data.extensions.contains_key("x-expansionResources") {
            let ids: Vec<usize> = all
                .clone()
                .filter(|&i| is_plain_string(&alternatives[i]))
                .collect();
            let objects: Vec<usize> = all.filter(|i| !ids.contains(i)).collect();
            if ids.len() == 1 && !objects.is_empty() {
                return Self::Expandable(objects);
            }
            let message = "`x-expansionResources` is only supported on `anyOf: [string, schema…]` (an ID or the expanded object)";
            return Self::BadExpandable(Finding::unsupported(pointer, message));
        }
        let empties: Vec<usize> = all
            .clone()
            .filter(|&i| is_empty_string_enum(&alternatives[i]))
            .collect();
        if empties.len() == 1 {
            return Self::Emptyable(all.filter(|i| !empties.contains(i)).collect());
        }
        if let [a, b] = alternatives {
            if (is_range_object(a) && is_integer(b)) || (is_integer(a) && is_range_object(b)) {
                return Self::Range;
            }
        }
        Self::Plain
    }
}

/// A word for an inline alternative, to name its variant: its title, `value` for an enum, else
/// its kind.
pub(crate) fn variant_word(alternative: &ReferenceOr<Schema>, schema: &Schema) -> String {
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
pub(crate) fn with_description(alternative: &ReferenceOr<Schema>, description: &str) -> ReferenceOr<Schema> {
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
