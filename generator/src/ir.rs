//! The intermediate representation between the spec and the tokens: named types (structs, enums,
//! aliases) and operations, with every name already a valid Rust identifier. Emitters read only
//! this; everything spec-shaped stays in `lower`.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

/// Everything the emitters need, ordered by Rust name so output is deterministic.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Ir {
    /// The spec's `info.version`, the Stripe API version the code is pinned to.
    pub api_version: String,
    /// Named types, by Rust name.
    pub types: BTreeMap<String, TypeDef>,
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
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
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

/// A named type.
#[derive(Debug, Serialize, Deserialize)]
pub struct TypeDef {
    /// The Rust name, UpperCamelCase.
    pub name: String,
    /// Sanitised documentation.
    pub docs: String,
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
    /// One per resource this crate has events for.
    pub variants: Vec<EventVariant>,
    /// The variant keeping any other event's `type` and JSON `data`.
    pub other: String,
    /// The event struct that holds the payload (`Event`): what a webhook's body decodes into,
    /// so it names the API version its shapes are (`stripe_runtime::WebhookEvent`).
    pub event: String,
}

/// The events of one resource.
#[derive(Debug, Serialize, Deserialize)]
pub struct EventVariant {
    /// The variant's name (the resource's type name).
    pub name: String,
    /// The start of its event names (`identity.verification_session.`).
    pub prefix: String,
    /// The open enum of its event types.
    pub type_enum: String,
    /// The type of `data.object`.
    pub object: TypeRef,
}

/// A value that is one of several types.
#[derive(Debug, Serialize, Deserialize)]
pub struct UnionDef {
    /// The alternatives in the spec's order, each with its variant name.
    pub variants: Vec<(String, TypeRef)>,
    /// For unions read from responses: the variant that keeps, as raw JSON, an object whose
    /// `object` tag no alternative has (a kind Stripe added later), as open enums keep unknown
    /// strings. `None` for parameters, which the user builds.
    pub fallback: Option<String>,
    /// Whether every alternative is an object with an ID, so the union is an `Object` too.
    /// Decided once every type is lowered.
    pub has_id: bool,
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
    pub id_type: Option<String>,
    /// The wire names of the fields the spec lists in `x-expandableFields` (the ones `expand`
    /// may name; for a field that is not `Expandable`, expanding it changes nothing).
    pub expandable: Vec<String>,
}

/// One property of an object, or one parameter of an operation.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Field {
    /// The Rust name, snake_case, keywords escaped (`type_`).
    pub rust_name: String,
    /// The name on the wire.
    pub wire_name: String,
    /// Sanitised documentation.
    pub docs: String,
    /// The value's type, without the optionality.
    pub ty: TypeRef,
    /// Whether the spec lists it as required.
    pub required: bool,
    /// Whether the spec allows `null`.
    pub nullable: bool,
    /// For a builder parameter that can be sent empty (an `Emptyable`): the name of the builder
    /// method that does so (`clear_metadata`). `None` elsewhere.
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
    /// The Rust name, UpperCamelCase.
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
    /// A named type from [`Ir::types`].
    Named(String),
    /// A named type behind a `Box`, because it contains itself.
    Boxed(String),
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
    /// A path parameter, by Rust field name.
    Param(String),
}

/// A request builder.
#[derive(Debug, Serialize, Deserialize)]
pub struct Operation {
    /// The builder's Rust name (`CreateVerificationSession`).
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
    /// The builder field of `starting_after`.
    pub starting_after: String,
    /// The builder field of `ending_before`, when the operation has one.
    pub ending_before: Option<String>,
}

/// Whether values of `ty` are objects with an ID (`Object`s): structs `lower` marked so, and
/// unions of them. Shared by `lower` (which operations paginate) and `emit` (which impls).
pub fn has_id(types: &BTreeMap<String, TypeDef>, ty: &TypeRef) -> bool {
    let (TypeRef::Named(name) | TypeRef::Boxed(name)) = ty else {
        return false;
    };
    match types.get(name).map(|def| &def.kind) {
        Some(TypeKind::Struct(s)) => s.has_id,
        Some(TypeKind::Union(u)) => u.variants.iter().all(|(_, ty)| has_id(types, ty)),
        _ => false,
    }
}
