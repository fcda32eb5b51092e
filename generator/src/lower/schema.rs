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
use crate::ir::{EnumDef, Field, Role, StructDef, TypeDef, TypeKind, TypeRef, Variant};
use crate::name_plan::Site;
use crate::naming::{self, FALLBACK_VARIANT};
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

/// Lowers component schema `key` into the type `name`.
pub(super) fn lower_component(
    lw: &mut Lowerer,
    name: &str,
    key: &str,
    schema: &ReferenceOr<Schema>,
    pointer: &str,
) {
    let schema = match schema {
        ReferenceOr::Item(schema) => schema,
        ReferenceOr::Reference { reference } => {
            if let Some((target, _)) = lw.resolve(reference, pointer) {
                let docs = format!("Another name for [`{target}`].");
                insert_type(
                    lw,
                    name,
                    docs,
                    pointer,
                    Role::Model,
                    TypeKind::Alias(TypeRef::Named(target)),
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
            let ty = define_struct(lw, properties, required, &description, pointer, Role::Model);
            if let Some(ty) = ty {
                record_expandable(lw, &schema.schema_data, pointer, &ty);
            }
            return;
        }
    }
    if let SchemaKind::Type(Type::String(string)) = &schema.schema_kind {
        let values: Vec<&str> = string.enumeration.iter().flatten().map(String::as_str).collect();
        if !values.is_empty() {
            define_enum(lw, &values, &description, pointer, Role::Model);
            return;
        }
    }
    if let Some(lowered) = lower_item(lw, schema, pointer, Role::Model) {
        let docs = lw
            .docs
            .sanitize_or(&description, || format!("The `{key}` schema."));
        insert_type(lw, name, docs, pointer, Role::Model, TypeKind::Alias(lowered.ty));
    }
}

fn describe(schema: &Schema, key: &str) -> String {
    match schema.schema_data.description.as_deref().map(str::trim) {
        Some(text) if !text.is_empty() => text.to_owned(),
        _ => format!("The `{key}` object."),
    }
}

/// Lowers a schema or reference used at `pointer`.
pub(crate) fn lower_type(
    lw: &mut Lowerer,
    schema: SchemaRef<'_>,
    pointer: &str,
    role: Role,
) -> Option<Lowered> {
    match schema {
        SchemaRef::Ref(reference) => {
            let (name, target) = lw.resolve(reference, pointer)?;
            // A string component's `maxLength` holds wherever it is used.
            let max_length = match &target.schema_kind {
                SchemaKind::Type(Type::String(string)) => {
                    string.max_length.and_then(|n| u32::try_from(n).ok())
                }
                _ => None,
            };
            Some(Lowered {
                ty: TypeRef::Named(name),
                nullable: target.schema_data.nullable,
                description: target.schema_data.description.clone().unwrap_or_default(),
                max_length,
            })
        }
        SchemaRef::Item(schema) => lower_inline(lw, schema, pointer, role),
    }
}

/// An inline schema. Where the plan says a titled copy's type is defined by another copy, it is
/// that copy's type (lowered before it, in the order the plan walked); where this copy defines
/// it, the copies after reuse what it lowers to.
fn lower_inline(lw: &mut Lowerer, schema: &Schema, pointer: &str, role: Role) -> Option<Lowered> {
    if let Some(first) = lw.names.copy_of(pointer) {
        let lowered = lw.titled.get(first).cloned();
        if lowered.is_none() {
            let message = format!(
                "the titled copy this one reuses ({}) was not lowered first",
                first.pointer
            );
            lw.problems.internal(pointer, message);
        }
        return lowered;
    }
    let lowered = lower_item(lw, schema, pointer, role);
    if let Some(lowered) = &lowered {
        if lw.names.is_titled(pointer) {
            let site = Site {
                scope: lw.scope.clone(),
                pointer: pointer.to_owned(),
            };
            lw.titled.insert(site, lowered.clone());
        }
    }
    lowered
}

fn lower_item(lw: &mut Lowerer, schema: &Schema, pointer: &str, role: Role) -> Option<Lowered> {
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
                plain(define_enum(lw, &values, &description, pointer, role)?)
            }
        }
        Shape::Integer => plain(TypeRef::Integer),
        Shape::Number => plain(TypeRef::Number),
        Shape::Boolean => plain(TypeRef::Boolean),
        Shape::Array(items) => {
            let (item, max_length) = match items {
                Some(items) => {
                    let item = lower_type(lw, items, &child(pointer, "items"), role)?;
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
        Shape::Object(object) => plain(lower_object(lw, &object, data, pointer, role)?),
        Shape::Union {
            alternatives,
            keyword,
        } => super::schema_union::lower_union(lw, schema, alternatives, keyword, pointer, role),
        Shape::AllOfOne(inner) => {
            let inner = lower_type(lw, inner, &child(&child(pointer, "allOf"), "0"), role)?;
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
/// defined there (not a copy reused from another place): the names that are its fields, in the
/// struct's order. Names that are not fields are ignored, as `x-stripeMostCommon`'s are.
fn record_expandable(lw: &mut Lowerer, data: &openapiv3::SchemaData, pointer: &str, ty: &TypeRef) {
    let Some(listed) = data
        .extensions
        .get("x-expandableFields")
        .and_then(|v| v.as_array())
    else {
        return;
    };
    let TypeRef::Named(name) = ty else {
        return;
    };
    let listed: Vec<&str> = listed.iter().filter_map(|v| v.as_str()).collect();
    let defined = lw.types.get_mut(name).filter(|def| def.pointer == pointer);
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
    pointer: &str,
    role: Role,
) -> Option<TypeRef> {
    match object.kind() {
        ObjectKind::ListPage(item) => {
            let data_pointer = child(&child(&child(pointer, "properties"), "data"), "items");
            let item = lower_type(lw, item, &data_pointer, role)?;
            Some(TypeRef::List(Box::new(item.ty)))
        }
        ObjectKind::Struct => {
            let description = data.description.as_deref().unwrap_or_default();
            let ty = define_struct(lw, object.properties, object.required, description, pointer, role)?;
            record_expandable(lw, data, pointer, &ty);
            Some(ty)
        }
        ObjectKind::Map(value) => {
            let value = lower_type(lw, value, &child(pointer, "additionalProperties"), role)?;
            Some(TypeRef::Map(Box::new(value.ty)))
        }
        ObjectKind::Json => Some(TypeRef::Json),
    }
}

/// Defines the struct the plan names at `pointer`, with the fields it names.
pub(crate) fn define_struct(
    lw: &mut Lowerer,
    properties: &Properties,
    required: &[String],
    description: &str,
    pointer: &str,
    role: Role,
) -> Option<TypeRef> {
    let name = &lw.type_name(pointer)?;
    let properties_pointer = child(pointer, "properties");
    let mut sorted: Vec<_> = properties.iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(b.0));
    let mut fields = Vec::new();
    let mut object_tag = None;
    for (wire, property) in sorted {
        let field_pointer = child(&properties_pointer, wire);
        let Some(rust_name) = lw.field_name(&field_pointer) else {
            continue;
        };
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
                rust_name,
                wire_name: wire.clone(),
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
        let Some(lowered) = lower_type(lw, property.into(), &field_pointer, role) else {
            continue;
        };
        fields.push(Field {
            docs: field_docs(lw, &lowered.description, wire),
            rust_name,
            wire_name: wire.clone(),
            ty: lowered.ty,
            required: required.iter().any(|r| r == wire),
            nullable: lowered.nullable,
            clear_setter: lw.names.clear_setter(&field_pointer),
            flatten: false,
            skip_none: false,
            max_length: lowered.max_length,
        });
    }
    let id_type = if role == Role::Model && object_tag.is_some() {
        typed_id(lw, name, &mut fields, &properties_pointer)
    } else {
        None
    };
    let has_id = fields.iter().any(|f| {
        f.wire_name == "id"
            && f.rust_name == "id"
            && !f.is_optional()
            && (f.ty == TypeRef::String
                || id_type
                    .as_ref()
                    .is_some_and(|id| f.ty == TypeRef::Named(id.clone())))
    });
    let docs = lw
        .docs
        .sanitize_or(description, || format!("The `{name}` object."));
    let def = StructDef {
        fields,
        object_tag,
        has_id,
        id_type,
        // Set from the schema's `x-expandableFields` by the caller (`record_expandable`).
        expandable: Vec::new(),
    };
    insert_type(lw, name, docs, pointer, role, TypeKind::Struct(def));
    Some(TypeRef::Named(name.to_owned()))
}

/// Gives a tagged resource (one with a one-value `object`) whose `id` is a required, non-null
/// string its own ID type, as the plan names it, and returns that type's name.
fn typed_id(lw: &mut Lowerer, name: &str, fields: &mut [Field], properties_pointer: &str) -> Option<String> {
    let field = fields
        .iter_mut()
        .find(|f| f.wire_name == "id" && f.ty == TypeRef::String && !f.is_optional())?;
    let pointer = child(properties_pointer, "id");
    let id_name = lw.type_name(&pointer)?;
    let article = naming::article(name);
    let docs = format!("The ID of {article} [`{name}`]: a string on the wire, its own type here.");
    insert_type(lw, &id_name, docs, &pointer, Role::Model, TypeKind::Id);
    field.ty = TypeRef::Named(id_name.clone());
    Some(id_name)
}

/// The docs of a field: its description, or a plain statement of what it is called on the wire.
pub(crate) fn field_docs(lw: &mut Lowerer, description: &str, wire: &str) -> String {
    lw.docs
        .sanitize_or(description, || format!("The `{wire}` field."))
}

/// Defines the open string enum the plan names at `pointer`, with `values`.
pub(crate) fn define_enum(
    lw: &mut Lowerer,
    values: &[&str],
    description: &str,
    pointer: &str,
    role: Role,
) -> Option<TypeRef> {
    let name = &lw.type_name(pointer)?;
    let mut variants: Vec<Variant> = Vec::new();
    let mut seen_wires = std::collections::BTreeSet::new();
    let mut taken = std::collections::BTreeSet::new();
    for value in values {
        if !seen_wires.insert(*value) {
            continue; // The same value listed twice.
        }
        let rust_name = naming::unique_variant_name(value, &taken);
        taken.insert(rust_name.clone());
        variants.push(Variant {
            rust_name,
            wire: (*value).to_owned(),
        });
    }
    let docs = lw.docs.sanitize_or(description, || known_values_doc(&variants));
    let def = EnumDef {
        variants,
        fallback: FALLBACK_VARIANT.to_owned(),
    };
    insert_type(lw, name, docs, pointer, role, TypeKind::Enum(def));
    Some(TypeRef::Named(name.to_owned()))
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

pub(crate) fn insert_type(
    lw: &mut Lowerer,
    name: &str,
    docs: String,
    pointer: &str,
    role: Role,
    kind: TypeKind,
) {
    lw.types.insert(
        name.to_owned(),
        TypeDef {
            name: name.to_owned(),
            docs,
            pointer: pointer.to_owned(),
            file: role.file(),
            caps: role.capabilities(),
            kind,
        },
    );
}
