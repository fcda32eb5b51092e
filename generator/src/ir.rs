//! The intermediate representation between the spec and the tokens: types (structs, enums,
//! aliases), each with an id that [`TypeRef`]s hold, and operations. `lower` fills it in without a
//! name, recording where each name comes from ([`NameSource`]); `names` then gives every name, a
//! valid Rust identifier, in one pass over it. Emitters read only this; everything spec-shaped
//! stays in `lower`.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

/// Everything the emitters need, ordered by Rust name so output is deterministic.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Ir {
    /// The spec's `info.version`, the Stripe API version the code is pinned to.
    pub api_version: String,
    /// The types, by id and by Rust name.
    pub types: Types,
    /// Request builders, by Rust name.
    pub operations: BTreeMap<String, Operation>,
    /// The names of [`IMPORTABLE`] that no generated item takes: each file imports them once and
    /// writes them bare. The others are written by their full path.
    #[serde(skip)]
    pub imported: BTreeSet<&'static str>,
}

/// Standard-library, serde and runtime names generated code uses everywhere, with the path each
/// comes from. A file imports them by these paths, which also keeps the code correct wherever it
/// is placed: an explicit import outranks a glob that brings in another `Option` or `Some`.
pub const IMPORTABLE: &[(&str, &str)] = &[
    ("BTreeMap", "::std::collections::BTreeMap"),
    ("Box", "::std::boxed::Box"),
    ("Deserialize", "::serde::Deserialize"),
    ("Emptyable", "::stripe_runtime::Emptyable"),
    ("Into", "::std::convert::Into"),
    ("IntoIterator", "::std::iter::IntoIterator"),
    ("None", "::std::option::Option::None"),
    ("Option", "::std::option::Option"),
    ("Serialize", "::serde::Serialize"),
    ("Some", "::std::option::Option::Some"),
    ("String", "::std::string::String"),
    ("Vec", "::std::vec::Vec"),
];

/// Where a schema is used, while lowering: what a type defined there must do, and so which
/// file it goes in ([`Role::file`]) and which capabilities it has ([`Role::capabilities`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Role {
    /// Read from responses.
    Model,
    /// Sent in requests.
    Param,
}

impl Role {
    /// The file a type defined in this role is printed in.
    pub fn file(self) -> OutputFile {
        match self {
            Self::Model => OutputFile::Types,
            Self::Param => OutputFile::Requests,
        }
    }

    /// What a type defined in this role must be able to do (encoding is added later, for every
    /// type a request reaches).
    pub fn capabilities(self) -> Capabilities {
        Capabilities {
            round_trip: self == Self::Model,
            user_built: self == Self::Param,
            encode: false,
        }
    }
}

/// The generated file an item is printed in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum OutputFile {
    /// `src/types.rs`: models, IDs, the API version.
    Types,
    /// `src/requests.rs`: builders and their parameter types.
    Requests,
}

/// What a named type can do beyond `Clone`, `Debug` and `PartialEq`. Decided in `lower` from
/// where the type is used; the emitters print exactly this. Every runtime type a field can have
/// implements what each capability needs, so any shape compiles in any role.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Capabilities {
    /// Read from responses and written back unchanged: serde both ways, absent optional fields
    /// left out on write, a union's unknown kinds kept.
    pub round_trip: bool,
    /// Built by users field by field: chained setters, and read from the JSON parameters
    /// Stripe's SDKs take (unknown fields refused). (Every struct has `new` or `Default`:
    /// [`StructDef::new_takes`].)
    pub user_built: bool,
    /// Sent in requests: an `EncodeParam` impl.
    pub encode: bool,
}

/// The identity of a type: given by `lower` when it defines the type, before any name, in the
/// order the spec is walked (a struct before the types its fields define); `names` names types in
/// this order, then gives each its final id, made from its name (stable from one spec to the
/// next, so a recorded surface changes only where the API does).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct TypeId(pub(crate) u64);

/// The types of a crate, named (`names`): by Rust name, and each id's name.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Types {
    /// Every type, by name.
    defs: BTreeMap<String, TypeDef>,
    /// The name of every id. A component that could not be lowered has an id (references to it
    /// were lowered) and a name, but no definition.
    names: BTreeMap<TypeId, String>,
}

impl Types {
    /// Types made of `defs`, named, and every id's name (`names`, which ends naming).
    pub(crate) fn named(defs: BTreeMap<TypeId, TypeDef>, names: BTreeMap<TypeId, String>) -> Self {
        let defs = defs.into_values().map(|def| (def.name.clone(), def)).collect();
        Self { defs, names }
    }

    /// The Rust name of type `id`.
    pub fn name(&self, id: TypeId) -> &str {
        self.names.get(&id).map_or("", String::as_str)
    }

    /// The definition of type `id`, when it has one.
    pub fn def(&self, id: TypeId) -> Option<&TypeDef> {
        self.defs.get(self.names.get(&id)?)
    }

    /// The definition of type `id`, to change.
    pub(crate) fn def_mut(&mut self, id: TypeId) -> Option<&mut TypeDef> {
        self.defs.get_mut(self.names.get(&id)?)
    }

    /// Every definition, by name.
    pub fn by_name(&self) -> &BTreeMap<String, TypeDef> {
        &self.defs
    }

    /// Whether a type is named `name`.
    pub fn contains_key(&self, name: &str) -> bool {
        self.defs.contains_key(name)
    }

    /// The types, in name order.
    pub fn values(&self) -> impl Iterator<Item = &TypeDef> {
        self.defs.values()
    }

    /// The types, in name order, to change.
    pub(crate) fn values_mut(&mut self) -> impl Iterator<Item = &mut TypeDef> {
        self.defs.values_mut()
    }
}

/// Where a type's name comes from, recorded by `lower` for `names`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum NameSource {
    /// A component schema: named before anything else, from its `x-stripeResource.class_name`,
    /// else its key, as the draft lists them (`Draft::components`).
    Component,
    /// Read back from a recorded API surface, which does not record where names came from.
    #[default]
    Recorded,
    /// A type the generator derives a name for from its place (`hint`), or from its schema's
    /// `title` when naming uses the title (`names::titles`).
    Derived {
        /// The place.
        hint: Hint,
        /// The type name the schema's `title` gives.
        title: Option<String>,
    },
}

/// A derived name, by place: what it is made of, each part resolved when the parts it names are
/// (a field's type is named after its struct's name, whatever that became).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Hint {
    /// A property or parameter `wire` of a type or builder: `CreateThing` + `options`.
    Property {
        /// The struct or builder.
        parent: Parent,
        /// The property's wire name.
        wire: String,
    },
    /// What a component that is neither an object nor an enum defines: `ThingItem`.
    ComponentItem(TypeId),
    /// An array's items: the hint in the singular.
    ArrayItem(Box<Hint>),
    /// A list page's items: `…Item`.
    ListItem(Box<Hint>),
    /// A map's values: `…Value`.
    MapValue(Box<Hint>),
    /// An expandable's objects: `…Expanded`.
    Expanded(Box<Hint>),
    /// Alternative `index` of a union: the union's name and the alternative's variant.
    Alternative {
        /// The union.
        union: TypeId,
        /// The alternative's index among the union's variants.
        index: usize,
    },
    /// A builder's response: `…Response`.
    Response(usize),
    /// A resource's ID type: `…Id`.
    Id(TypeId),
    /// The enum of a resource's event types.
    EventTypes(TypeId),
    /// The event payload.
    EventPayload,
}

/// What a property belongs to: a type, or a builder (by its index in lowering's order).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Parent {
    /// A struct.
    Type(TypeId),
    /// A request builder.
    Builder(usize),
}

/// Documentation that names other types, written once they are named (`names`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum NamedDocs {
    /// A struct the spec does not describe.
    Object,
    /// A component that is a `$ref` to another.
    AliasOf(TypeId),
    /// A resource's ID type.
    IdOf(TypeId),
    /// The enum of a resource's event types, whose names start with `prefix`.
    EventTypesOf(TypeId, String),
}

/// A type.
#[derive(Debug, Serialize, Deserialize)]
pub struct TypeDef {
    /// Its id, which [`TypeRef`]s hold.
    pub id: TypeId,
    /// The Rust name, UpperCamelCase (given by `names`; empty before).
    pub name: String,
    /// Where the name comes from. Naming's input, not part of the API: a recorded surface
    /// leaves it out, and reads back [`NameSource::Recorded`].
    #[serde(skip, default)]
    pub source: NameSource,
    /// Sanitised documentation.
    pub docs: String,
    /// Documentation that names types, which `names` writes into `docs` (none after naming).
    #[serde(skip)]
    pub named_docs: Option<NamedDocs>,
    /// The JSON pointer of the schema it came from, for error messages.
    pub pointer: String,
    /// The generated file it is printed in.
    pub file: OutputFile,
    /// What it can do.
    pub caps: Capabilities,
    /// Its shape.
    pub kind: TypeKind,
}

/// The shape of a named type.
#[derive(Debug, Serialize, Deserialize)]
pub enum TypeKind {
    /// An object with known properties.
    Struct(StructDef),
    /// An open string enum.
    Enum(EnumDef),
    /// Another name for a type (`pub type X = …;`).
    Alias(TypeRef),
    /// One of several types, told apart by trying each in order (`anyOf` / `oneOf`).
    Union(UnionDef),
    /// The ID of a resource (`VerificationSessionId`): a string on the wire, its own type in
    /// Rust, so one resource's ID is never passed where another's is wanted.
    Id,
    /// What an event says happened and to which object, picked by the event's `type`.
    EventPayload(EventPayloadDef),
}

/// The variants of an event payload.
#[derive(Debug, Serialize, Deserialize)]
pub struct EventPayloadDef {
    /// One per resource this crate has events for, in the resources' name order (`names`).
    pub variants: Vec<EventVariant>,
    /// The variant keeping any other event's `type` and JSON `data` (named by `names`).
    pub other: String,
    /// The event struct that holds the payload (`Event`): what a webhook's body decodes into,
    /// so it names the API version its shapes are (`stripe_runtime::WebhookEvent`).
    pub event: TypeId,
}

/// The events of one resource.
#[derive(Debug, Serialize, Deserialize)]
pub struct EventVariant {
    /// The variant's name (the resource's type name, given by `names`).
    pub name: String,
    /// The start of its event names (`identity.verification_session.`).
    pub prefix: String,
    /// The open enum of its event types.
    pub type_enum: TypeId,
    /// The type of `data.object`.
    pub object: TypeRef,
}

/// A value that is one of several types.
#[derive(Debug, Serialize, Deserialize)]
pub struct UnionDef {
    /// The alternatives in the spec's order, each with its variant name (given by `names`).
    pub variants: Vec<(String, TypeRef)>,
    /// For each alternative, what its variant is named from.
    pub variant_words: Vec<VariantWord>,
    /// For unions read from responses: the variant that keeps, as raw JSON, an object whose
    /// `object` tag no alternative has (a kind Stripe added later), as open enums keep unknown
    /// strings. `None` for parameters, which the user builds.
    pub fallback: Option<String>,
    /// Whether every alternative is an object with an ID, so the union is an `Object` too.
    /// Decided once every type is lowered.
    pub has_id: bool,
}

/// What a union's variant is named from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum VariantWord {
    /// The name of the alternative's type (a `$ref`'s component).
    TypeName,
    /// A word read from an inline alternative: its title, `value` for an enum, else its kind.
    Word(String),
}

/// An object with known properties.
#[derive(Debug, Serialize, Deserialize)]
pub struct StructDef {
    /// Fields ordered by wire name, which is the order they are encoded in.
    pub fields: Vec<Field>,
    /// The value of its `object` property when the spec allows only one (`identity.verification_session`):
    /// the tag unions pick this type by. The field itself is then a plain string.
    pub object_tag: Option<String>,
    /// Whether it has a required, non-null string `id` (its own ID type or a plain string): such
    /// a type is an `Object`, whose ID `Expandable::id` and pagination read.
    pub has_id: bool,
    /// The ID type of its `id` field, for a tagged resource (`VerificationSessionId`).
    pub id_type: Option<TypeId>,
    /// The wire names of the fields the spec lists in `x-expandableFields` (the ones `expand`
    /// may name; for a field that is not `Expandable`, expanding it changes nothing).
    pub expandable: Vec<String>,
}

/// One property of an object, or one parameter of an operation.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Field {
    /// The Rust name, snake_case, keywords escaped (`type_`); given by `names`.
    pub rust_name: String,
    /// The name on the wire.
    pub wire_name: String,
    /// The JSON pointer of the property or parameter, for messages.
    pub pointer: String,
    /// Sanitised documentation.
    pub docs: String,
    /// The value's type, without the optionality.
    pub ty: TypeRef,
    /// Whether the spec lists it as required.
    pub required: bool,
    /// Whether the spec allows `null`.
    pub nullable: bool,
    /// For a parameter field that can be sent empty (an `Emptyable`) and may be left out: the
    /// name of the method that does so (`clear_metadata`). `None` elsewhere. `lower` decides
    /// which fields have one (an empty name), `names` names it.
    pub clear_setter: Option<String>,
    /// Whether its fields are read and written inline, in the containing object (`Event`'s
    /// payload, which holds the event's `type` and `data`).
    pub flatten: bool,
    /// Whether writing the model leaves the field out when it is `None`: a field of a type
    /// written back that the spec lets be absent (one required but nullable is written as
    /// `null`). Decided once the types' capabilities are (`finish`).
    pub skip_none: bool,
    /// The spec's `maxLength` of the string the field holds, itself or as the items of an array:
    /// the longest a server accepts (the validation table records it for parameters).
    pub max_length: Option<u32>,
}

impl StructDef {
    /// Whether `new` takes `field` as an argument: every field that is not an `Option`, except
    /// the `object` tag, which `new` fills in. Every struct is `#[non_exhaustive]` (a field Stripe
    /// adds must not break code that builds one), so `new` and `Default` are how users build
    /// them; the fields it takes are what makes a new field breaking or not. One rule, read by
    /// the emitter and by `diff`.
    pub fn new_takes(&self, field: &Field) -> bool {
        !field.is_optional() && !self.is_object_tag(field)
    }

    /// Whether `field` is the `object` property that holds [`StructDef::object_tag`].
    pub fn is_object_tag(&self, field: &Field) -> bool {
        self.object_tag.is_some() && field.wire_name == "object" && !field.is_optional()
    }

    /// Whether the struct derives `Default`: when every field is an `Option` (so `new` would take
    /// nothing and the `object` tag, which `Default` could not fill, is absent).
    pub fn derives_default(&self) -> bool {
        self.fields.iter().all(Field::is_optional)
    }
}

impl Field {
    /// Whether the Rust field is an `Option`: when the value may be absent or null.
    pub fn is_optional(&self) -> bool {
        !self.required || self.nullable
    }
}

/// An open string enum: known values plus a catch-all that keeps any other.
#[derive(Debug, Serialize, Deserialize)]
pub struct EnumDef {
    /// Known values, in the spec's order.
    pub variants: Vec<Variant>,
    /// The name of the catch-all variant holding unknown values.
    pub fallback: String,
}

/// One known value of an enum.
#[derive(Debug, Serialize, Deserialize)]
pub struct Variant {
    /// The Rust name, UpperCamelCase (given by `names`).
    pub rust_name: String,
    /// The value on the wire.
    pub wire: String,
}

/// The type of a field, parameter or response.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TypeRef {
    /// `String`.
    String,
    /// `i64`.
    Integer,
    /// `f64`.
    Number,
    /// `bool`.
    Boolean,
    /// A string the spec marks `x-secret: true`: never shown by `Debug`.
    Secret,
    /// Free-form JSON (`serde_json::Value`).
    Json,
    /// A type of [`Ir::types`].
    Named(TypeId),
    /// A type of [`Ir::types`] behind a `Box`, because it contains itself.
    Boxed(TypeId),
    /// `Vec<T>`.
    Array(Box<TypeRef>),
    /// `BTreeMap<String, T>`.
    Map(Box<TypeRef>),
    /// An ID, or the expanded object (a named type, a union of them, or free-form JSON).
    Expandable(Box<TypeRef>),
    /// One page of a list endpoint.
    List(Box<TypeRef>),
    /// A parameter that can also be sent empty to clear it.
    Emptyable(Box<TypeRef>),
    /// A list filter: an exact integer or an interval.
    RangeQuery,
}

/// An HTTP method of an operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum HttpMethod {
    /// GET.
    Get,
    /// POST.
    Post,
    /// DELETE.
    Delete,
}

impl HttpMethod {
    /// The method as HTTP spells it (`GET`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Get => "GET",
            Self::Post => "POST",
            Self::Delete => "DELETE",
        }
    }
}

/// A piece of a path template.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PathPart {
    /// Literal text.
    Literal(String),
    /// A path parameter: its index in [`Operation::path_params`].
    Param(usize),
}

/// A request builder.
#[derive(Debug, Serialize, Deserialize)]
pub struct Operation {
    /// The builder's Rust name (`CreateVerificationSession`), given by `names`.
    pub name: String,
    /// Sanitised documentation.
    pub docs: String,
    /// The JSON pointer of the operation, for error messages.
    pub pointer: String,
    /// The HTTP method.
    pub method: HttpMethod,
    /// The path as written in the spec.
    pub path: String,
    /// The path split into literal text and parameters.
    pub path_parts: Vec<PathPart>,
    /// Path parameters, in path order.
    pub path_params: Vec<Field>,
    /// Query parameters, by wire name.
    pub query_params: Vec<Field>,
    /// Form body parameters, by wire name.
    pub body_params: Vec<Field>,
    /// The type a successful response decodes into.
    pub response: TypeRef,
    /// How to walk its pages, for a list of objects with IDs that takes a cursor.
    pub pagination: Option<Pagination>,
    /// The response's fields that `expand` may name, as dotted paths (`last_verification_report`;
    /// `data.last_verification_report` for a list page): its fields that hold an ID or the
    /// object.
    pub expandable: Vec<String>,
    /// The response's fields that are present only when `expand` names them, as dotted paths
    /// (`verified_outputs`, `verified_outputs.dob`): listed in `x-expandableFields`, not
    /// required but nullable, and not an ID-or-object field (which is present either way, as
    /// an ID).
    pub includable: Vec<String>,
}

impl Operation {
    /// Every parameter, in the order the builder holds them: path, query, body.
    pub fn params(&self) -> impl Iterator<Item = &Field> {
        self.path_params
            .iter()
            .chain(&self.query_params)
            .chain(&self.body_params)
    }

    /// The arguments of the builder's `new`, in order: the required parameters. One rule, read by
    /// the emitter and by `diff` (an order that changes sends each value as another parameter).
    pub fn new_arguments(&self) -> impl Iterator<Item = &Field> {
        self.params().filter(|field| field.required)
    }
}

/// The cursors of a list operation whose pages the client can walk.
#[derive(Debug, Serialize, Deserialize)]
pub struct Pagination {
    /// The objects listed.
    pub item: TypeRef,
    /// The query parameter `starting_after`, by index in [`Operation::query_params`].
    pub starting_after: usize,
    /// The query parameter `ending_before`, when the operation has one.
    pub ending_before: Option<usize>,
}

/// Whether values of `ty` are objects with an ID (`Object`s): structs `lower` marked so, and
/// unions of them. Shared by `lower` (which operations paginate) and `emit` (which impls).
pub fn has_id<'t>(def_of: &impl Fn(TypeId) -> Option<&'t TypeDef>, ty: &TypeRef) -> bool {
    let (TypeRef::Named(id) | TypeRef::Boxed(id)) = ty else {
        return false;
    };
    match def_of(*id).map(|def| &def.kind) {
        Some(TypeKind::Struct(s)) => s.has_id,
        Some(TypeKind::Union(u)) => u.variants.iter().all(|(_, ty)| has_id(def_of, ty)),
        _ => false,
    }
}
