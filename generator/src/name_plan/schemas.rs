//! Names what schemas define, as lowering will define it (`lower::schema`, `lower::schema_union`):
//! a struct or enum where it is written, named by its place (the parent's name and the property)
//! or its title; an array's items in the singular, a map's values, a list page's items, an
//! expandable's objects; a union at its `anyOf`, moved aside to `…Union` when a component holds
//! its name, with a variant per alternative; a tagged resource's ID type; each struct's fields
//! and the `clear_…` setters of emptyable parameter fields.

use openapiv3::{ReferenceOr, Schema, SchemaKind, Type};

use super::titles::Decision;
use super::walk::{ClearableField, Walk};
use super::Site;
use super::Walked;
use crate::diagnostic::child;
use crate::ir::{Role, TypeRef};
use crate::naming::{self, Namespace};
use crate::read::{self, Finding, ObjectKind, Properties, SchemaRef, Shape, UnionKind};

/// Names component schema `name` at `pointer` and what it defines inside.
pub(super) fn walk_component(w: &mut Walk, name: &str, schema: &ReferenceOr<Schema>, pointer: &str) {
    let schema = match schema {
        ReferenceOr::Item(schema) => schema,
        ReferenceOr::Reference { reference } => {
            if read::resolve(w.spec, reference).is_err() {
                w.found_at(pointer);
            }
            return;
        }
    };
    if let Some((properties, required)) = read::object_properties(schema) {
        if !properties.is_empty() || read::closed(schema) {
            define_struct(w, name, properties, required, pointer, Role::Model);
            return;
        }
    }
    if let SchemaKind::Type(Type::String(string)) = &schema.schema_kind {
        if string.enumeration.iter().flatten().next().is_some() {
            w.claim_type(name, pointer);
            return;
        }
    }
    walk_item(w, schema, &naming::item_type(name), pointer, Role::Model);
}

/// Names what the schema or reference at `pointer` defines, its types named `hint` by place.
pub(super) fn walk_type(
    w: &mut Walk,
    schema: SchemaRef<'_>,
    hint: &str,
    pointer: &str,
    role: Role,
) -> Option<Walked> {
    match schema {
        SchemaRef::Ref(reference) => match read::resolve(w.spec, reference) {
            Ok((key, target)) => Some(Walked {
                ty: TypeRef::Named(w.plan.component(key)),
                nullable: target.schema_data.nullable,
            }),
            Err(_) => {
                w.found_at(pointer);
                None
            }
        },
        SchemaRef::Item(schema) => walk_inline(w, schema, hint, pointer, role),
    }
}

/// The name property (or parameter) `wire` of `parent` gives a type its schema defines
/// (`naming::property_type`), or `""` where the schema can define none: a `$ref`, or a scalar that
/// is not an enum. Most properties are one of those, and converting case is most of what naming
/// costs, so the name is not made where it would never be read.
pub(super) fn property_hint(schema: SchemaRef<'_>, parent: &str, wire: &str) -> String {
    let defines_nothing = match schema {
        SchemaRef::Ref(_) => true,
        SchemaRef::Item(schema) => match &schema.schema_kind {
            SchemaKind::Type(Type::Integer(_) | Type::Number(_) | Type::Boolean(_)) => true,
            SchemaKind::Type(Type::String(string)) => string.enumeration.iter().flatten().next().is_none(),
            _ => false,
        },
    };
    if defines_nothing {
        String::new()
    } else {
        naming::property_type(parent, wire)
    }
}

/// An inline schema, named by its `title` when the title may name a type (`titles`), the copies
/// being that one type; else by `hint`.
fn walk_inline(w: &mut Walk, schema: &Schema, hint: &str, pointer: &str, role: Role) -> Option<Walked> {
    let Some(name) = read::title_name(schema) else {
        return walk_item(w, schema, hint, pointer, role);
    };
    let site = Site {
        scope: w.scope.clone(),
        pointer: pointer.to_owned(),
    };
    match w.titles.decide(&name, schema, role, pointer) {
        Decision::Place => {
            let walked = walk_item(w, schema, hint, pointer, role);
            let defines_type = walked.as_ref().is_some_and(|walked| match &walked.ty {
                TypeRef::Named(name) => w.here.types.get(pointer) == Some(name),
                _ => false,
            });
            w.titles.surveyed(&name, defines_type);
            walked
        }
        Decision::Reuse(walked, first) => {
            w.here.copies.insert(site.pointer, first);
            Some(walked)
        }
        Decision::Define => {
            let walked = walk_item(w, schema, &name, pointer, role);
            w.here.titled.insert(site.pointer.clone());
            w.titles.defined(name, walked.as_ref(), site);
            walked
        }
    }
}

fn walk_item(w: &mut Walk, schema: &Schema, hint: &str, pointer: &str, role: Role) -> Option<Walked> {
    let data = &schema.schema_data;
    let plain = |ty| {
        Some(Walked {
            ty,
            nullable: data.nullable,
        })
    };
    match Shape::of(schema, pointer) {
        Shape::String { values, marked, .. } => {
            if !values.is_empty() {
                return plain(TypeRef::Named(w.claim_type(hint, pointer)));
            }
            let description = data.description.as_deref().unwrap_or_default();
            if crate::local::is_secret(w.local, pointer, marked, description) {
                plain(TypeRef::Secret)
            } else {
                plain(TypeRef::String)
            }
        }
        Shape::Integer => plain(TypeRef::Integer),
        Shape::Number => plain(TypeRef::Number),
        Shape::Boolean => plain(TypeRef::Boolean),
        Shape::Array(items) => {
            let item = match items {
                Some(items) => {
                    walk_type(w, items, &naming::singular(hint), &child(pointer, "items"), role)?.ty
                }
                None => TypeRef::Json,
            };
            plain(TypeRef::Array(Box::new(item)))
        }
        Shape::Object(object) => {
            let ty = match object.kind() {
                ObjectKind::ListPage(item) => {
                    let data_pointer = child(&child(&child(pointer, "properties"), "data"), "items");
                    let item = walk_type(w, item, &naming::item_type(hint), &data_pointer, role)?;
                    TypeRef::List(Box::new(item.ty))
                }
                ObjectKind::Struct => {
                    define_struct(w, hint, object.properties, object.required, pointer, role).0
                }
                ObjectKind::Map(value) => {
                    let value_pointer = child(pointer, "additionalProperties");
                    let value = walk_type(w, value, &naming::value_type(hint), &value_pointer, role)?;
                    TypeRef::Map(Box::new(value.ty))
                }
                ObjectKind::Json => TypeRef::Json,
            };
            plain(ty)
        }
        Shape::Union {
            alternatives,
            keyword,
        } => walk_union(w, schema, alternatives, keyword, hint, pointer, role),
        Shape::AllOfOne(inner) => {
            let inner = walk_type(w, inner, hint, &child(&child(pointer, "allOf"), "0"), role)?;
            Some(Walked {
                ty: inner.ty,
                nullable: inner.nullable || data.nullable,
            })
        }
        Shape::Unsupported(finding) => w.found(&finding).then_some(Walked {
            ty: TypeRef::Json,
            nullable: data.nullable,
        }),
    }
}

/// What naming a struct's fields needs of each.
struct FieldSummary {
    wire: String,
    rust_name: String,
    ty: TypeRef,
    required: bool,
    nullable: bool,
}

impl FieldSummary {
    /// Whether the field always holds a value: required and not nullable (`ir::Field::is_optional`
    /// negated).
    fn is_present(&self) -> bool {
        self.required && !self.nullable
    }
}

/// Names the struct `name` defined at `pointer`, its fields and what they define; returns its
/// type and the Rust names of its fields.
pub(super) fn define_struct(
    w: &mut Walk,
    name: &str,
    properties: &Properties,
    required: &[String],
    pointer: &str,
    role: Role,
) -> (TypeRef, Vec<String>) {
    let name = &w.claim_type(name, pointer);
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
        let rust_name = w.claim_field(&mut field_names, &base, wire, &field_pointer);
        w.record_field(&field_pointer, &rust_name);
        let is_required = required.iter().any(|r| r == wire);
        if let Some(tag) = read::single_object_tag(wire, property) {
            fields.push(FieldSummary {
                wire: wire.clone(),
                rust_name,
                ty: TypeRef::String,
                required: is_required,
                nullable: property.as_item().is_some_and(|s| s.schema_data.nullable),
            });
            object_tag = Some(tag);
            continue;
        }
        let hint = property_hint(property.into(), name, wire);
        let Some(walked) = walk_type(w, property.into(), &hint, &field_pointer, role) else {
            continue;
        };
        if role == Role::Param {
            let field = ClearableField {
                ty: &walked.ty,
                required: is_required,
                nullable: walked.nullable,
                rust_name: &rust_name,
                label: wire,
            };
            w.clear_setter(&mut field_names, field, &field_pointer);
        }
        fields.push(FieldSummary {
            wire: wire.clone(),
            rust_name,
            ty: walked.ty,
            required: is_required,
            nullable: walked.nullable,
        });
    }
    let id_type = match (&object_tag, role) {
        (Some(_), Role::Model) => typed_id(w, name, &mut fields, &properties_pointer),
        _ => None,
    };
    let has_id = fields.iter().any(|f| {
        f.wire == "id"
            && f.rust_name == "id"
            && f.is_present()
            && (f.ty == TypeRef::String
                || id_type
                    .as_ref()
                    .is_some_and(|id| f.ty == TypeRef::Named(id.clone())))
    });
    if let (Some(tag), Role::Model, true) = (object_tag, role, has_id) {
        w.resources.insert(name.clone(), tag);
    }
    let field_names = fields.into_iter().map(|f| f.rust_name).collect();
    (TypeRef::Named(name.clone()), field_names)
}

/// A tagged resource (one with a one-value `object`) whose `id` is a required, non-null string
/// gets its own ID type, `{Name}Id`; returns that type's name.
fn typed_id(
    w: &mut Walk,
    name: &str,
    fields: &mut [FieldSummary],
    properties_pointer: &str,
) -> Option<String> {
    let field = fields
        .iter_mut()
        .find(|f| f.wire == "id" && f.ty == TypeRef::String && f.is_present())?;
    let id_name = w.claim_type(&naming::id_type(name), &child(properties_pointer, "id"));
    field.ty = TypeRef::Named(id_name.clone());
    Some(id_name)
}

/// Names a union's types (`lower::schema_union` for the shapes).
fn walk_union(
    w: &mut Walk,
    schema: &Schema,
    alternatives: &[ReferenceOr<Schema>],
    keyword: &str,
    hint: &str,
    pointer: &str,
    role: Role,
) -> Option<Walked> {
    let data = &schema.schema_data;
    let alts = Alternatives {
        list: alternatives,
        pointer: child(pointer, keyword),
        description: data.description.clone().unwrap_or_default(),
    };
    let done = |ty| {
        Some(Walked {
            ty,
            nullable: data.nullable,
        })
    };
    let all: Vec<usize> = (0..alternatives.len()).collect();
    match UnionKind::of(schema, alternatives, pointer) {
        UnionKind::Single => {
            let inner = walk_type(w, (&alternatives[0]).into(), hint, &alts.pointer(0), role)?;
            Some(Walked {
                ty: inner.ty,
                nullable: inner.nullable || data.nullable,
            })
        }
        UnionKind::Expandable(objects) => {
            let object = one_or_union(w, &alts, &objects, &naming::expanded_type(hint), role)?;
            done(TypeRef::Expandable(Box::new(object)))
        }
        UnionKind::BadExpandable(finding) => {
            if w.found(&finding) {
                done(TypeRef::Json)
            } else {
                None
            }
        }
        UnionKind::Emptyable(rest) => {
            let inner = one_or_union(w, &alts, &rest, hint, role)?;
            done(TypeRef::Emptyable(Box::new(inner)))
        }
        UnionKind::Range => done(TypeRef::RangeQuery),
        UnionKind::Plain => {
            let ty = one_or_union(w, &alts, &all, hint, role)?;
            done(ty)
        }
    }
}

/// Where a union's alternatives sit (`…/anyOf`), and the description inline ones borrow.
struct Alternatives<'a> {
    list: &'a [ReferenceOr<Schema>],
    pointer: String,
    description: String,
}

impl Alternatives<'_> {
    fn pointer(&self, index: usize) -> String {
        child(&self.pointer, &index.to_string())
    }

    /// Alternative `index` as lowering sees it: an undescribed inline one borrows the union's
    /// description. Only a title's survey (which compares whole schemas) and a string's secrecy
    /// (which reads the description) can tell, so only those alternatives are copied; the rest,
    /// which may be large, are walked where they are.
    fn as_lowered(&self, index: usize) -> std::borrow::Cow<'_, ReferenceOr<Schema>> {
        let alternative = &self.list[index];
        let reads_description = alternative.as_item().is_some_and(|schema| {
            let undescribed = schema
                .schema_data
                .description
                .as_deref()
                .is_none_or(|d| d.trim().is_empty());
            let string = matches!(schema.schema_kind, SchemaKind::Type(Type::String(_)));
            undescribed && (string || read::title_name(schema).is_some())
        });
        if reads_description {
            std::borrow::Cow::Owned(read::with_description(alternative, &self.description))
        } else {
            std::borrow::Cow::Borrowed(alternative)
        }
    }
}

/// The alternatives at `indices`: that alternative's type when there is one, else a union named
/// `name` (or `…Union`, when another item holds `name`) with a variant each.
fn one_or_union(
    w: &mut Walk,
    alts: &Alternatives,
    indices: &[usize],
    name: &str,
    role: Role,
) -> Option<TypeRef> {
    if let [only] = indices {
        let value = alts.as_lowered(*only);
        return Some(walk_type(w, value.as_ref().into(), name, &alts.pointer(*only), role)?.ty);
    }
    // A union's derived name often equals a component's (`…_options.card` is a union whose first
    // alternative is the `…_options_card` schema): the union then takes the `Union` suffix.
    let name = if w.name_taken(name, &alts.pointer) {
        // Moved aside like a numbered name: a title's type must not be what moved it.
        w.titles.moved_aside(name);
        naming::union_moved_aside(name)
    } else {
        name.to_owned()
    };
    let name = w.claim_derived(&name, &alts.pointer);
    w.here.types.insert(alts.pointer.clone(), name.clone());
    let mut taken: Vec<String> = Vec::new();
    for &index in indices {
        let alternative = &alts.list[index];
        let alternative_pointer = alts.pointer(index);
        let base = match alternative {
            ReferenceOr::Reference { reference } => match read::resolve(w.spec, reference) {
                Ok((key, _)) => w.plan.component(key),
                Err(message) => {
                    w.found(&Finding::error(&alternative_pointer, message));
                    return None;
                }
            },
            ReferenceOr::Item(schema) => naming::type_name(&read::variant_word(alternative, schema)),
        };
        let taken_names: Vec<&str> = taken.iter().map(String::as_str).collect();
        let variant = naming::unique_variant_name(&base, taken_names.as_slice());
        w.here
            .variants
            .insert(alternative_pointer.clone(), variant.clone());
        let hint = naming::nested(&name, &variant);
        let value = alts.as_lowered(index);
        walk_type(w, value.as_ref().into(), &hint, &alternative_pointer, role)?;
        taken.push(variant);
    }
    Some(TypeRef::Named(name))
}
