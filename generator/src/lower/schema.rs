//! Schemas to types. Recognises the shapes Stripe's spec uses: plain scalars, open string enums,
//! objects (named or inline), maps (`additionalProperties`), free-form JSON, arrays, list pages,
//! `anyOf: [$ref]` + `nullable` (a nullable reference), `anyOf: [string, $ref]` +
//! `x-expansionResources` (an expandable), `anyOf: [T, enum [""]]` (an emptyable parameter) and
//! `anyOf: [range_query_specs, integer]` (a range filter). Anything else is reported at its
//! pointer, never guessed at.

use openapiv3::{ReferenceOr, Schema, SchemaKind, Type};

use super::Lowerer;
use crate::diagnostic::child;
use crate::docs;
use crate::draft::TitledUse;
use crate::ir::{
    EnumDef, Field, Hint, NameSource, NamedDocs, Parent, Role, StructDef, TypeDef, TypeId, TypeKind, TypeRef,
    Variant,
};
use crate::naming::FALLBACK_VARIANT;
use crate::read::{self, Finding, ObjectKind, Properties, SchemaRef, Shape};

/// A lowered schema: its type, whether it admits null, its description, and a string's
/// `maxLength`.
#[derive(Clone)]
pub(crate) struct Lowered {
    pub ty: TypeRef,
    pub nullable: bool,
    pub description: String,
    pub max_length: Option<u32>,
}

/// Lowers component schema `key` into the type `id`.
pub(super) fn lower_component(
    lw: &mut Lowerer,
    id: TypeId,
    key: &str,
    schema: &ReferenceOr<Schema>,
    pointer: &str,
) {
    let source = NameSource::Component;
    let schema = match schema {
        ReferenceOr::Item(schema) => schema,
        ReferenceOr::Reference { reference } => {
            if let Some((target, _)) = lw.resolve(reference, pointer) {
                let def = new_type(
                    id,
                    source,
                    String::new(),
                    pointer,
                    Role::Model,
                    TypeKind::Alias(TypeRef::Named(target)),
                );
                insert(
                    lw,
                    TypeDef {
                        named_docs: Some(NamedDocs::AliasOf(target)),
                        ..def
                    },
                );
            }
            return;
        }
    };
    let description = describe(schema, key);
    // Only an object that declares properties (or declares itself closed and empty) is a struct.
    // One that declares none is free-form (a map of its `additionalProperties`, or JSON), as it is
    // when written inline: an empty struct would drop everything Stripe sends in it.
    if let Some((properties, required)) = read::object_properties(schema) {
        if !properties.is_empty() || read::closed(schema) {
            let defined = Defined { id, source, pointer };
            let ty = define_struct(lw, defined, properties, required, &description, Role::Model);
            record_expandable(lw, &schema.schema_data, pointer, &ty);
            return;
        }
    }
    if let SchemaKind::Type(Type::String(string)) = &schema.schema_kind {
        let values: Vec<&str> = string.enumeration.iter().flatten().map(String::as_str).collect();
        if !values.is_empty() {
            define_enum(
                lw,
                Defined { id, source, pointer },
                &values,
                &description,
                Role::Model,
            );
            return;
        }
    }
    let place = Place {
        hint: &Hint::ComponentItem(id),
        title: None,
    };
    if let Some(lowered) = lower_item(lw, schema, place, pointer, Role::Model) {
        let docs = lw
            .docs
            .sanitize_or(&description, || format!("The `{key}` schema."));
        insert(
            lw,
            new_type(
                id,
                source,
                docs,
                pointer,
                Role::Model,
                TypeKind::Alias(lowered.ty),
            ),
        );
    }
}

fn describe(schema: &Schema, key: &str) -> String {
    match schema.schema_data.description.as_deref().map(str::trim) {
        Some(text) if !text.is_empty() => text.to_owned(),
        _ => format!("The `{key}` object."),
    }
}

/// Where an inline schema sits, for the name of a type it defines: its place, and the type name
/// its `title` gives.
#[derive(Clone, Copy)]
pub(crate) struct Place<'h> {
    pub hint: &'h Hint,
    pub title: Option<&'h str>,
}

/// A type being defined: its id, what names it, and where.
pub(crate) struct Defined<'p> {
    pub id: TypeId,
    pub source: NameSource,
    pub pointer: &'p str,
}

impl<'p> Defined<'p> {
    /// A new type, named from `place`, defined at `pointer`.
    pub(crate) fn derived(lw: &mut Lowerer, place: Place<'_>, pointer: &'p str) -> Self {
        Self {
            id: lw.next_type_id(),
            source: NameSource::Derived {
                hint: place.hint.clone(),
                title: place.title.map(str::to_owned),
            },
            pointer,
        }
    }
}

/// Lowers a schema or reference used at `pointer`, any type it defines named from `hint`.
pub(crate) fn lower_type(
    lw: &mut Lowerer,
    schema: SchemaRef<'_>,
    hint: &Hint,
    pointer: &str,
    role: Role,
) -> Option<Lowered> {
    match schema {
        SchemaRef::Ref(reference) => {
            let (id, target) = lw.resolve(reference, pointer)?;
            // A string component's `maxLength` holds wherever it is used.
            let max_length = match &target.schema_kind {
                SchemaKind::Type(Type::String(string)) => {
                    string.max_length.and_then(|n| u32::try_from(n).ok())
                }
                _ => None,
            };
            Some(Lowered {
                ty: TypeRef::Named(id),
                nullable: target.schema_data.nullable,
                description: target.schema_data.description.clone().unwrap_or_default(),
                max_length,
            })
        }
        SchemaRef::Item(schema) => lower_inline(lw, schema, hint, pointer, role),
    }
}

/// An inline schema. One with a `title` is recorded with the type it defined where it is, if
/// any: naming may name that type by the title, and make one type of its alike copies.
fn lower_inline(
    lw: &mut Lowerer,
    schema: &Schema,
    hint: &Hint,
    pointer: &str,
    role: Role,
) -> Option<Lowered> {
    let title = read::title_name(schema);
    let first_new = lw.next_type_id_peek();
    let place = Place {
        hint,
        title: title.as_deref(),
    };
    let lowered = lower_item(lw, schema, place, pointer, role);
    if let Some(title) = title {
        let defined = match lowered.as_ref().map(|lowered| &lowered.ty) {
            Some(TypeRef::Named(id)) if *id >= first_new => lw
                .types
                .get(id)
                .filter(|def| def.pointer == pointer)
                .map(|def| def.id),
            _ => None,
        };
        let written = schema
            .schema_data
            .title
            .as_deref()
            .unwrap_or_default()
            .trim()
            .to_owned();
        lw.titled.push(TitledUse {
            title,
            written,
            pointer: pointer.to_owned(),
            defined,
        });
    }
    lowered
}

fn lower_item(
    lw: &mut Lowerer,
    schema: &Schema,
    place: Place<'_>,
    pointer: &str,
    role: Role,
) -> Option<Lowered> {
    let data = &schema.schema_data;
    let description = data.description.clone().unwrap_or_default();
    let plain = |ty| {
        Some(Lowered {
            ty,
            nullable: data.nullable,
            description: description.clone(),
            max_length: None,
        })
    };
    let hint = place.hint;
    match Shape::of(schema, pointer) {
        Shape::String {
            values,
            max_length,
            marked,
        } => {
            let with_limit = |ty| {
                plain(ty).map(|lowered| Lowered {
                    max_length,
                    ..lowered
                })
            };
            if values.is_empty() && lw.secrets.is_secret(pointer, marked, &description) {
                with_limit(TypeRef::Secret)
            } else if values.is_empty() {
                with_limit(TypeRef::String)
            } else {
                let defined = Defined::derived(lw, place, pointer);
                plain(define_enum(lw, defined, &values, &description, role))
            }
        }
        Shape::Integer => plain(TypeRef::Integer),
        Shape::Number => plain(TypeRef::Number),
        Shape::Boolean => plain(TypeRef::Boolean),
        Shape::Array(items) => {
            let (item, max_length) = match items {
                Some(items) => {
                    let item_hint = Hint::ArrayItem(Box::new(hint.clone()));
                    let item = lower_type(lw, items, &item_hint, &child(pointer, "items"), role)?;
                    (item.ty, item.max_length)
                }
                None => (TypeRef::Json, None),
            };
            // The items' `maxLength` (each `expand` path's), kept on the array's field.
            plain(TypeRef::Array(Box::new(item))).map(|lowered| Lowered {
                max_length,
                ..lowered
            })
        }
        Shape::Object(object) => plain(lower_object(lw, &object, data, place, pointer, role)?),
        Shape::Union {
            alternatives,
            keyword,
        } => super::schema_union::lower_union(lw, schema, alternatives, keyword, hint, pointer, role),
        Shape::AllOfOne(inner) => {
            let inner = lower_type(lw, inner, hint, &child(&child(pointer, "allOf"), "0"), role)?;
            Some(Lowered {
                max_length: inner.max_length,
                nullable: inner.nullable || data.nullable,
                description: if description.is_empty() {
                    inner.description
                } else {
                    description
                },
                ty: inner.ty,
            })
        }
        Shape::Unsupported(finding) => fallback(lw, &finding, &description, data.nullable),
    }
}

/// Records the `x-expandableFields` of the schema at `pointer` on the struct `ty` when it was
/// defined there: the names that are its fields, in the struct's order. Names that are not
/// fields are ignored, as `x-stripeMostCommon`'s are.
fn record_expandable(lw: &mut Lowerer, data: &openapiv3::SchemaData, pointer: &str, ty: &TypeRef) {
    let Some(listed) = data
        .extensions
        .get("x-expandableFields")
        .and_then(|v| v.as_array())
    else {
        return;
    };
    let TypeRef::Named(id) = ty else {
        return;
    };
    let listed: Vec<&str> = listed.iter().filter_map(|v| v.as_str()).collect();
    let defined = lw.types.get_mut(id).filter(|def| def.pointer == pointer);
    if let Some(TypeKind::Struct(s)) = defined.map(|def| &mut def.kind) {
        s.expandable = s
            .fields
            .iter()
            .filter(|field| listed.contains(&field.wire_name.as_str()))
            .map(|field| field.wire_name.clone())
            .collect();
    }
}

/// An unsupported schema: an error, or (lenient runs) a warning and free-form JSON, which keeps
/// whatever the API sends.
pub(crate) fn fallback(
    lw: &mut Lowerer,
    finding: &Finding,
    description: &str,
    nullable: bool,
) -> Option<Lowered> {
    finding.record(lw.problems).then(|| Lowered {
        ty: TypeRef::Json,
        nullable,
        description: description.to_owned(),
        max_length: None,
    })
}

/// An object: a struct when it declares properties or is closed (`additionalProperties: false`),
/// or a list page when shaped like one; a map when it only has `additionalProperties: <schema>`;
/// free-form JSON otherwise. The same rule holds for components (`lower_component`).
fn lower_object(
    lw: &mut Lowerer,
    object: &read::Object,
    data: &openapiv3::SchemaData,
    place: Place<'_>,
    pointer: &str,
    role: Role,
) -> Option<TypeRef> {
    match object.kind() {
        ObjectKind::ListPage(item) => {
            let data_pointer = child(&child(&child(pointer, "properties"), "data"), "items");
            let hint = Hint::ListItem(Box::new(place.hint.clone()));
            let item = lower_type(lw, item, &hint, &data_pointer, role)?;
            Some(TypeRef::List(Box::new(item.ty)))
        }
        ObjectKind::Struct => {
            let description = data.description.as_deref().unwrap_or_default();
            let defined = Defined::derived(lw, place, pointer);
            let ty = define_struct(lw, defined, object.properties, object.required, description, role);
            record_expandable(lw, data, pointer, &ty);
            Some(ty)
        }
        ObjectKind::Map(value) => {
            let hint = Hint::MapValue(Box::new(place.hint.clone()));
            let value = lower_type(lw, value, &hint, &child(pointer, "additionalProperties"), role)?;
            Some(TypeRef::Map(Box::new(value.ty)))
        }
        ObjectKind::Json => Some(TypeRef::Json),
    }
}

/// Defines the struct `defined`, with a field per property that lowers, in wire-name order.
pub(crate) fn define_struct(
    lw: &mut Lowerer,
    defined: Defined<'_>,
    properties: &Properties,
    required: &[String],
    description: &str,
    role: Role,
) -> TypeRef {
    let id = defined.id;
    let properties_pointer = child(defined.pointer, "properties");
    let mut sorted: Vec<_> = properties.iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(b.0));
    let mut fields = Vec::new();
    let mut object_tag = None;
    for (wire, property) in sorted {
        let field_pointer = child(&properties_pointer, wire);
        if let Some(tag) = read::single_object_tag(wire, property) {
            // A one-value `object` is a tag, not a choice: a string field, its value recorded.
            let description = property
                .as_item()
                .and_then(|s| s.schema_data.description.as_deref());
            let docs = match description.map(|d| lw.docs.sanitize(d)).filter(|d| !d.is_empty()) {
                Some(docs) => format!("{docs}\n\nAlways `{}`.", docs::visible(&tag).replace('`', "'")),
                None => format!(
                    "The kind of object: always `{}`.",
                    docs::visible(&tag).replace('`', "'")
                ),
            };
            fields.push(Field {
                docs,
                rust_name: String::new(),
                wire_name: wire.clone(),
                pointer: field_pointer,
                ty: TypeRef::String,
                required: required.iter().any(|r| r == wire),
                nullable: property.as_item().is_some_and(|s| s.schema_data.nullable),
                clear_setter: None,
                flatten: false,
                skip_none: false,
                max_length: None,
            });
            object_tag = Some(tag);
            continue;
        }
        let hint = Hint::Property {
            parent: Parent::Type(id),
            wire: wire.clone(),
        };
        let Some(lowered) = lower_type(lw, property.into(), &hint, &field_pointer, role) else {
            continue;
        };
        let is_required = required.iter().any(|r| r == wire);
        let clearable = role == Role::Param && clearable(&lowered.ty, is_required, lowered.nullable);
        fields.push(Field {
            docs: field_docs(lw, &lowered.description, wire),
            rust_name: String::new(),
            wire_name: wire.clone(),
            pointer: field_pointer,
            ty: lowered.ty,
            required: is_required,
            nullable: lowered.nullable,
            clear_setter: clearable.then(String::new),
            flatten: false,
            skip_none: false,
            max_length: lowered.max_length,
        });
    }
    let id_type = if role == Role::Model && object_tag.is_some() {
        typed_id(lw, id, &mut fields, &properties_pointer)
    } else {
        None
    };
    let has_id = fields.iter().any(|f| {
        f.wire_name == "id"
            && !f.is_optional()
            && (f.ty == TypeRef::String || id_type.is_some_and(|id| f.ty == TypeRef::Named(id)))
    });
    let docs = lw.docs.sanitize(description);
    let named_docs = docs.is_empty().then_some(NamedDocs::Object);
    let def = StructDef {
        fields,
        object_tag,
        has_id,
        id_type,
        // Set from the schema's `x-expandableFields` by the caller (`record_expandable`).
        expandable: Vec::new(),
    };
    let def = new_type(
        id,
        defined.source,
        docs,
        defined.pointer,
        role,
        TypeKind::Struct(def),
    );
    insert(lw, TypeDef { named_docs, ..def });
    TypeRef::Named(id)
}

/// Whether a parameter field has a `clear_…` setter: it can be sent empty, and may be left out or
/// is nullable.
pub(crate) fn clearable(ty: &TypeRef, required: bool, nullable: bool) -> bool {
    matches!(ty, TypeRef::Emptyable(_)) && (!required || nullable)
}

/// Gives a tagged resource (one with a one-value `object`) whose `id` is a required, non-null
/// string its own ID type, and returns that type's id. It is met after the struct's fields, and so
/// named after the types they define.
fn typed_id(
    lw: &mut Lowerer,
    resource: TypeId,
    fields: &mut [Field],
    properties_pointer: &str,
) -> Option<TypeId> {
    let field = fields
        .iter_mut()
        .find(|f| f.wire_name == "id" && f.ty == TypeRef::String && !f.is_optional())?;
    let pointer = child(properties_pointer, "id");
    let id = lw.next_type_id();
    let source = NameSource::Derived {
        hint: Hint::Id(resource),
        title: None,
    };
    let def = new_type(id, source, String::new(), &pointer, Role::Model, TypeKind::Id);
    insert(
        lw,
        TypeDef {
            named_docs: Some(NamedDocs::IdOf(resource)),
            ..def
        },
    );
    field.ty = TypeRef::Named(id);
    Some(id)
}

/// The docs of a field: its description, or a plain statement of what it is called on the wire.
pub(crate) fn field_docs(lw: &mut Lowerer, description: &str, wire: &str) -> String {
    lw.docs
        .sanitize_or(description, || format!("The `{wire}` field."))
}

/// Defines the open string enum `defined`, with `values` (each once; `names` names the variants).
pub(crate) fn define_enum(
    lw: &mut Lowerer,
    defined: Defined<'_>,
    values: &[&str],
    description: &str,
    role: Role,
) -> TypeRef {
    let mut variants: Vec<Variant> = Vec::new();
    let mut seen_wires = std::collections::BTreeSet::new();
    for value in values {
        if !seen_wires.insert(*value) {
            continue; // The same value listed twice.
        }
        variants.push(Variant {
            rust_name: String::new(),
            wire: (*value).to_owned(),
        });
    }
    let docs = lw.docs.sanitize_or(description, || known_values_doc(&variants));
    let def = EnumDef {
        variants,
        fallback: FALLBACK_VARIANT.to_owned(),
    };
    let id = defined.id;
    insert(
        lw,
        new_type(
            id,
            defined.source,
            docs,
            defined.pointer,
            role,
            TypeKind::Enum(def),
        ),
    );
    TypeRef::Named(id)
}

/// The docs of an enum the spec does not describe: its known values, which are the spec's facts
/// (at most a dozen, then how many more).
fn known_values_doc(variants: &[Variant]) -> String {
    const SHOWN: usize = 12;
    let mut values: Vec<String> = variants
        .iter()
        .take(SHOWN)
        .map(|v| format!("`{}`", docs::visible(&v.wire).replace('`', "'")))
        .collect();
    if variants.len() > SHOWN {
        values.push(format!("and {} more", variants.len() - SHOWN));
    }
    format!(
        "Known values: {}; any other value is kept as `{FALLBACK_VARIANT}`.",
        values.join(", ")
    )
}

/// A type not yet named, defined at `pointer` in `role`.
pub(crate) fn new_type(
    id: TypeId,
    source: NameSource,
    docs: String,
    pointer: &str,
    role: Role,
    kind: TypeKind,
) -> TypeDef {
    TypeDef {
        id,
        name: String::new(),
        source,
        docs,
        named_docs: None,
        pointer: pointer.to_owned(),
        file: role.file(),
        caps: role.capabilities(),
        kind,
    }
}

/// Records a lowered type.
pub(crate) fn insert(lw: &mut Lowerer, def: TypeDef) {
    lw.types.insert(def.id, def);
}
