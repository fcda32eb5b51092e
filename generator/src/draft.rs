//! What lowering hands naming: the spec's types and builders, lowered once and not yet named,
//! with what naming reads beside them (every component's key, every builder's name sources, the
//! titled schemas). `lower` makes it, `names` turns it into the [`Ir`](crate::ir::Ir).

use std::collections::{BTreeMap, BTreeSet};

use crate::ir::{Operation, TypeDef, TypeId};

/// The lowered spec, before naming.
#[derive(Debug, Default)]
pub(crate) struct Draft {
    /// The spec's `info.version`.
    pub api_version: String,
    /// Every type lowering defined, by id; names empty.
    pub types: BTreeMap<TypeId, TypeDef>,
    /// Every generated component, in key order, whether or not it was lowered into a type: all
    /// take their names before anything else, so references resolve in any order.
    pub components: Vec<ComponentName>,
    /// Every supported operation, in path order, lowered or not: builders take their names
    /// before any derived name.
    pub builders: Vec<Builder>,
    /// Literal path segments some path follows with a parameter (builder names read them).
    pub collections: BTreeSet<String>,
    /// Every inline schema with a `title`, in lowering's order.
    pub titled: Vec<TitledUse>,
    /// The event payload, whose enums of event types are named with it.
    pub payload: Option<TypeId>,
    /// The local choices' `secrets` entries: a title whose schemas one points into is not used.
    pub secrets: Vec<String>,
}

/// A component schema's naming facts.
#[derive(Debug)]
pub(crate) struct ComponentName {
    pub id: TypeId,
    /// `x-stripeResource.class_name`, else the key.
    pub raw: String,
    pub pointer: String,
}

/// One operation: where its builder's name comes from, and the builder when it lowered.
#[derive(Debug)]
pub(crate) struct Builder {
    pub pointer: String,
    pub source: BuilderSource,
    pub operation: Option<Operation>,
}

/// Where a builder's name comes from.
#[derive(Debug)]
pub(crate) struct BuilderSource {
    /// From the resource's `x-stripeOperations`: its `method_name`, the resource's class name,
    /// and whether it lists.
    pub stripe: Option<(String, String, bool)>,
    /// The method as a path item's key (`get`).
    pub method: &'static str,
    pub path: String,
    /// Whether the operation returns a list page.
    pub returns_list: bool,
    pub operation_id: Option<String>,
}

/// An inline schema with a `title`, where lowering met it.
#[derive(Debug)]
pub(crate) struct TitledUse {
    /// The type name the title gives.
    pub title: String,
    /// The title as the spec writes it: titles that give one name (`!!!`, `---`) but differ are
    /// not one shape's.
    pub written: String,
    pub pointer: String,
    /// The type the schema defined where it is (a struct or enum), if it did.
    pub defined: Option<TypeId>,
}
