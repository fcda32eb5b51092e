//! Schemas to types. Recognises the shapes Stripe's spec uses: plain scalars, open string enums,
//! objects (named or inline), maps (`additionalProperties`), free-form JSON, arrays, list pages,
//! `anyOf: [$ref]` + `nullable` (a nullable reference), `anyOf: [string, $ref]` +
//! `x-expansionResources` (an expandable), `anyOf: [T, enum [""]]` (an emptyable parameter) and
//! `anyOf: [range_query_specs, integer]` (a range filter). Anything else is reported at its
//! pointer, never guessed at.

use indexmap::IndexMap;
use openapiv3::{AdditionalProperties, ReferenceOr, Schema, SchemaKind, Type};

use super::titles::Decision;
use super::Lowerer;
use crate::diagnostic::child;
use crate::docs;
use crate::ir::{EnumDef, Field, Role, StructDef, TypeDef, TypeKind, TypeRef, Variant};
use crate::naming::{self, Namespace, FALLBACK_VARIANT};

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

/// A lowered schema: its type, whether it admits null, its description, and a string's
/// `maxLength`.
#[derive(Clone)]
pub(crate) struct Lowered {
    pub ty: TypeRef,
    pub nullable: bool,
    pub description: String,
    pub max_length: Option<u32>,
}

type Properties = IndexMap<String, ReferenceOr<Box<Schema>>>;

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
            if let Some((_, target, _)) = lw.resolve(reference, pointer) {
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
    if let Some((properties, required)) = object_properties(schema) {
        if !properties.is_empty() || closed(schema) {
            let ty = define_struct(lw, name, properties, required, &description, pointer, Role::Model);
            if let Some(ty) = ty {
                record_expandable(lw, &schema.schema_data, pointer, &ty);
            }
            return;
        }
    }
    if let SchemaKind::Type(Type::String(string)) = &schema.schema_kind {
        let values: Vec<&str> = string.enumeration.iter().flatten().map(String::as_str).collect();
        if !values.is_empty() {
            define_enum(lw, name, &values, &description, pointer, Role::Model);
            return;
        }
    }
    let alias_hint = naming::nested(name, "Item");
    if let Some(lowered) = lower_item(lw, schema, &alias_hint, pointer, Role::Model) {
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

/// Lowers a schema or reference used at `pointer`; inline types it defines are named `hint`.
pub(crate) fn lower_type(
    lw: &mut Lowerer,
    schema: SchemaRef<'_>,
    hint: &str,
    pointer: &str,
    role: Role,
) -> Option<Lowered> {
    match schema {
        SchemaRef::Ref(reference) => {
            let (_, name, target) = lw.resolve(reference, pointer)?;
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
        SchemaRef::Item(schema) => lower_inline(lw, schema, hint, pointer, role),
    }
}

/// An inline schema: the type it defines is named by its `title` when the title may name one
/// (`titles`: the same content wherever the title appears, a name nothing else has), the copies
/// being that one type; else by `hint`, the name its place gives it.
fn lower_inline(lw: &mut Lowerer, schema: &Schema, hint: &str, pointer: &str, role: Role) -> Option<Lowered> {
    let Some(name) = title_name(schema) else {
        return lower_item(lw, schema, hint, pointer, role);
    };
    match lw.titles.decide(&name, schema, role, pointer) {
        Decision::Place => {
            let lowered = lower_item(lw, schema, hint, pointer, role);
            let defines_type = lowered
                .as_ref()
                .is_some_and(|lowered| defines_type_at(lw, lowered, pointer));
            lw.titles.surveyed(&name, defines_type);
            lowered
        }
        Decision::Reuse(lowered) => Some(lowered),
        Decision::Define => {
            let lowered = lower_item(lw, schema, &name, pointer, role);
            lw.titles.defined(name, lowered.as_ref());
            lowered
        }
    }
}

/// Whether lowering the schema at `pointer` defined a type there (a struct, enum or union), rather
/// than giving a string, a list, a map or a component's type.
fn defines_type_at(lw: &Lowerer, lowered: &Lowered, pointer: &str) -> bool {
    match &lowered.ty {
        TypeRef::Named(name) => lw.types.get(name).is_some_and(|def| def.pointer == pointer),
        _ => false,
    }
}

/// The type name an inline schema's `title` gives, when it has a non-blank one.
fn title_name(schema: &Schema) -> Option<String> {
    let title = schema.schema_data.title.as_deref()?.trim();
    (!title.is_empty()).then(|| naming::type_name(title))
}

fn lower_item(lw: &mut Lowerer, schema: &Schema, hint: &str, pointer: &str, role: Role) -> Option<Lowered> {
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
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(string)) => {
            let values: Vec<&str> = string.enumeration.iter().flatten().map(String::as_str).collect();
            let marked = data.extensions.get("x-secret").and_then(|v| v.as_bool()) == Some(true);
            let max_length = string.max_length.and_then(|n| u32::try_from(n).ok());
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
                plain(define_enum(lw, hint, &values, &description, pointer, role)?)
            }
        }
        SchemaKind::Type(Type::Integer(_)) => plain(TypeRef::Integer),
        SchemaKind::Type(Type::Number(_)) => plain(TypeRef::Number),
        SchemaKind::Type(Type::Boolean(_)) => plain(TypeRef::Boolean),
        SchemaKind::Type(Type::Array(array)) => {
            let items_pointer = child(pointer, "items");
            let (item, max_length) = match &array.items {
                Some(items) => {
                    let item = lower_type(lw, items.into(), &naming::singular(hint), &items_pointer, role)?;
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
        SchemaKind::Type(Type::Object(object)) => plain(lower_object(
            lw,
            &object.properties,
            &object.required,
            object.additional_properties.as_ref(),
            hint,
            data,
            pointer,
            role,
        )?),
        SchemaKind::AnyOf { any_of: alternatives } | SchemaKind::OneOf { one_of: alternatives } => {
            super::schema_union::lower_union(lw, schema, alternatives, hint, pointer, role)
        }
        SchemaKind::AllOf { all_of } if all_of.len() == 1 => {
            let inner = lower_type(
                lw,
                (&all_of[0]).into(),
                hint,
                &child(&child(pointer, "allOf"), "0"),
                role,
            )?;
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
        SchemaKind::AllOf { .. } => {
            let message = "`allOf` with more than one schema is not supported; write the merged object out";
            fallback(lw, pointer, message, &description, data.nullable)
        }
        SchemaKind::Not { .. } => {
            let message = "`not` is not supported: it cannot be expressed as a Rust type";
            fallback(lw, pointer, message, &description, data.nullable)
        }
        SchemaKind::Any(any) => {
            if !any.any_of.is_empty() || !any.one_of.is_empty() || !any.all_of.is_empty() || any.not.is_some()
            {
                let message = "a schema that mixes `anyOf`/`oneOf`/`allOf`/`not` with other keywords is not supported; move the other keywords into the alternatives";
                return fallback(lw, pointer, message, &description, data.nullable);
            }
            match any.typ.as_deref() {
                None | Some("object") => plain(lower_object(
                    lw,
                    &any.properties,
                    &any.required,
                    any.additional_properties.as_ref(),
                    hint,
                    data,
                    pointer,
                    role,
                )?),
                Some(other) => {
                    let message = format!("unsupported type `{other}` or keyword combination; supported types are string, integer, number, boolean, array and object");
                    fallback(lw, &child(pointer, "type"), &message, &description, data.nullable)
                }
            }
        }
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
fn fallback(
    lw: &mut Lowerer,
    pointer: &str,
    message: &str,
    description: &str,
    nullable: bool,
) -> Option<Lowered> {
    let message = format!("{message} (a lenient run types it as free-form JSON)");
    lw.problems.unsupported(pointer, message).then(|| Lowered {
        ty: TypeRef::Json,
        nullable,
        description: description.to_owned(),
        max_length: None,
    })
}

/// An object: a struct when it declares properties or is closed (`additionalProperties: false`),
/// or a list page when shaped like one; a map when it only has `additionalProperties: <schema>`;
/// free-form JSON otherwise. The same rule holds for components (`lower_component`).
#[allow(clippy::too_many_arguments)] // One call site per schema kind; a struct would only rename them.
fn lower_object(
    lw: &mut Lowerer,
    properties: &Properties,
    required: &[String],
    additional: Option<&AdditionalProperties>,
    hint: &str,
    data: &openapiv3::SchemaData,
    pointer: &str,
    role: Role,
) -> Option<TypeRef> {
    let closed = matches!(additional, Some(AdditionalProperties::Any(false)));
    if !properties.is_empty() || closed {
        if let Some(item) = list_page_item(properties) {
            let data_pointer = child(&child(&child(pointer, "properties"), "data"), "items");
            let item = lower_type(lw, item, &naming::nested(hint, "Item"), &data_pointer, role)?;
            return Some(TypeRef::List(Box::new(item.ty)));
        }
        let description = data.description.as_deref().unwrap_or_default();
        let ty = define_struct(lw, hint, properties, required, description, pointer, role)?;
        record_expandable(lw, data, pointer, &ty);
        return Some(ty);
    }
    match additional {
        Some(AdditionalProperties::Schema(value)) => {
            let value_pointer = child(pointer, "additionalProperties");
            let value = lower_type(
                lw,
                value.as_ref().into(),
                &naming::nested(hint, "Value"),
                &value_pointer,
                role,
            )?;
            Some(TypeRef::Map(Box::new(value.ty)))
        }
        _ => Some(TypeRef::Json),
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

fn object_properties(schema: &Schema) -> Option<(&Properties, &[String])> {
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
fn closed(schema: &Schema) -> bool {
    let additional = match &schema.schema_kind {
        SchemaKind::Type(Type::Object(object)) => object.additional_properties.as_ref(),
        SchemaKind::Any(any) => any.additional_properties.as_ref(),
        _ => None,
    };
    matches!(additional, Some(AdditionalProperties::Any(false)))
}

/// Defines a struct named `name` (claiming the name unless it is a component's, claimed already).
pub(crate) fn define_struct(
    lw: &mut Lowerer,
    name: &str,
    properties: &Properties,
    required: &[String],
    description: &str,
    pointer: &str,
    role: Role,
) -> Option<TypeRef> {
    let name = &claim_inline(lw, name, pointer);
    let properties_pointer = child(pointer, "properties");
    let mut sorted: Vec<_> = properties.iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(b.0));
    let mut field_names = Namespace::default();
    let mut fields = Vec::new();
    let mut object_tag = None;
    for (wire, property) in sorted {
        let field_pointer = child(&properties_pointer, wire);
        // A parameter type has a constructor `new` beside its setters: a field may not take it.
        let base = if role == Role::Param {
            naming::setter_name(wire)
        } else {
            naming::field_name(wire)
        };
        let rust_name = claim_field_name(lw, &mut field_names, &base, wire, &field_pointer);
        if let Some(tag) = single_object_tag(wire, property) {
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
        let hint = naming::nested(name, &naming::type_name(wire));
        let Some(lowered) = lower_type(lw, property.into(), &hint, &field_pointer, role) else {
            continue;
        };
        let required = required.iter().any(|r| r == wire);
        let clearable = role == Role::Param && matches!(lowered.ty, TypeRef::Emptyable(_));
        let clear_setter = (clearable && (!required || lowered.nullable)).then(|| {
            let clear = format!("clear_{rust_name}");
            claim_field_name(
                lw,
                &mut field_names,
                &clear,
                &format!("(clearing {wire})"),
                &field_pointer,
            )
        });
        fields.push(Field {
            docs: field_docs(lw, &lowered.description, wire),
            rust_name,
            wire_name: wire.clone(),
            ty: lowered.ty,
            required,
            nullable: lowered.nullable,
            clear_setter,
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
/// string its own ID type, `{Name}Id`, and returns that type's name.
fn typed_id(lw: &mut Lowerer, name: &str, fields: &mut [Field], properties_pointer: &str) -> Option<String> {
    let field = fields
        .iter_mut()
        .find(|f| f.wire_name == "id" && f.ty == TypeRef::String && !f.is_optional())?;
    let pointer = child(properties_pointer, "id");
    let id_name = lw.claim_derived(&naming::nested(name, "Id"), &pointer);
    let article = crate::naming::article(name);
    let docs = format!("The ID of {article} [`{name}`]: a string on the wire, its own type here.");
    insert_type(lw, &id_name, docs, &pointer, Role::Model, TypeKind::Id);
    field.ty = TypeRef::Named(id_name.clone());
    Some(id_name)
}

/// The one value an `object` property may have (`enum: [card]`), when it is a tag.
fn single_object_tag(wire: &str, property: &ReferenceOr<Box<Schema>>) -> Option<String> {
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

/// The docs of a field: its description, or a plain statement of what it is called on the wire.
pub(crate) fn field_docs(lw: &mut Lowerer, description: &str, wire: &str) -> String {
    lw.docs
        .sanitize_or(description, || format!("The `{wire}` field."))
}

/// Defines an open string enum named `name` with `values`.
pub(crate) fn define_enum(
    lw: &mut Lowerer,
    name: &str,
    values: &[&str],
    description: &str,
    pointer: &str,
    role: Role,
) -> Option<TypeRef> {
    let name = &claim_inline(lw, name, pointer);
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

/// Claims `name` for `pointer` and returns the name to use. A component's name was claimed up
/// front with the same pointer, so claiming it again gives it back; an inline type is claimed
/// here, when first defined, and moves aside (`Thing2`) when its derived name is taken.
fn claim_inline(lw: &mut Lowerer, name: &str, pointer: &str) -> String {
    lw.claim_derived(name, pointer)
}

/// Claims the Rust field `rust_name` for property `wire` of one struct or builder. Two wire names
/// that become one Rust name (`self` and `Self`, `fooBar` and `foo_bar`) both keep a field: the
/// later one (in wire-name order) takes a numeric suffix (`foo_bar_2`), with a warning, and
/// `#[serde(rename)]` keeps its wire name.
pub(crate) fn claim_field_name(
    lw: &mut Lowerer,
    names: &mut Namespace,
    rust_name: &str,
    wire: &str,
    pointer: &str,
) -> String {
    let (claimed, holder) = names.claim_free(rust_name, wire, |n| naming::numbered_field(rust_name, n));
    if let Some(holder) = holder {
        lw.problems.warning(
            pointer,
            format!("property `{wire}` and property `{holder}` both become the Rust field `{rust_name}`; this one is named `{claimed}`"),
        );
    }
    claimed
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
