//! The name plan: every Rust name the crate's items take, decided in one pass over the spec
//! before anything is lowered (as prost-build names from its descriptors), so lowering only
//! reads names and runs once. It records component types, builders, the types inline schemas
//! define (structs, enums, unions, items, values, IDs, titled types), fields and `clear_…`
//! setters, union variants and the event's names, each by the pointer of what it names, with the
//! warnings of every derived name moved aside (`Thing2`) and the errors of names that clash.
//!
//! A pointer alone does not say where a path item's parameters are lowered (once per operation
//! of the path, each with its own builder's names), so names are kept per scope: the operation's
//! pointer, or `""` outside operations.
//!
//! Whether an inline `title` names a type depends on every name handed out (`titles`): the walk
//! over the spec (`run`, with `components`, `builders`, `schemas`, `events`, `operations`, all
//! claiming through `walk`) is repeated until the titles settle. It only names, so this costs a fraction of one lowering.

mod builders;
mod components;
mod events;
mod operations;
mod run;
mod schemas;
mod titles;
mod walk;

use std::collections::{BTreeMap, HashMap, HashSet};

use openapiv3::OpenAPI;

use crate::diagnostic::Collector;
use crate::ir::TypeRef;
use crate::local::LocalChoices;
use crate::naming;
use crate::read::DocumentWalks;

/// What walking a schema gave: the type lowering will give it (names as this walk planned
/// them) and whether it admits null, which the rules for IDs and `clear_…` setters read.
#[derive(Clone, Debug)]
pub(super) struct Walked {
    pub ty: TypeRef,
    pub nullable: bool,
}

/// Where something named sits: the operation it is lowered for (`""` outside operations) and its
/// pointer.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Site {
    pub scope: String,
    pub pointer: String,
}

/// Every name of one scope, by pointer. Hashed rather than ordered: lowering looks each name up
/// by its pointer, and pointers share long prefixes (`#/components/schemas/…/properties/…`), which
/// an ordered map compares again at every level; nothing iterates these maps.
#[derive(Debug, Default, PartialEq, Eq)]
struct ScopeNames {
    /// A schema that defines a type (a union's at `…/anyOf`, an ID type at `…/properties/id`).
    types: HashMap<String, String>,
    /// A property or parameter's Rust field.
    fields: HashMap<String, String>,
    /// Parameters whose wire name an earlier one of the request took: they get no field.
    duplicates: HashSet<String>,
    /// The `clear_…` setter of an emptyable field.
    clear_setters: HashMap<String, String>,
    /// An alternative's variant in its union (`…/anyOf/1`).
    variants: HashMap<String, String>,
    /// A titled schema whose type another copy defines: that copy.
    copies: HashMap<String, Site>,
    /// The titled schemas that define their title's type, which copies reuse.
    titled: HashSet<String>,
}

/// The names of the webhook event's items.
#[derive(Debug, Default, PartialEq, Eq)]
struct EventNames {
    payload: Option<String>,
    payload_field: Option<String>,
    /// Resource type -> the enum of its event types.
    type_enums: BTreeMap<String, String>,
}

/// A problem naming found, reported with lowering's.
#[derive(Debug, PartialEq, Eq)]
enum NamingProblem {
    Warning(String, String),
    Error(String, String),
}

/// Every name lowering reads.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct NamePlan {
    /// Component key -> type name.
    components: HashMap<String, String>,
    /// Operation pointer -> builder name.
    builders: HashMap<String, String>,
    scopes: HashMap<String, ScopeNames>,
    events: EventNames,
    problems: Vec<NamingProblem>,
    /// Whether any scope has a titled type or copy: most specs have none, and then lowering
    /// need not ask at every inline schema.
    any_titled: bool,
}

/// The names of one scope (see [`NamePlan::in_scope`]).
#[derive(Clone, Copy, Debug)]
pub(crate) struct ScopeView<'p> {
    names: Option<&'p ScopeNames>,
    any_titled: bool,
}

impl<'p> ScopeView<'p> {
    /// The type the schema at `pointer` defines.
    pub(crate) fn type_at(self, pointer: &str) -> Option<&'p str> {
        self.names?.types.get(pointer).map(String::as_str)
    }

    /// The Rust field of the property or parameter at `pointer`.
    pub(crate) fn field(self, pointer: &str) -> Option<&'p str> {
        self.names?.fields.get(pointer).map(String::as_str)
    }

    /// Whether the parameter at `pointer` repeats a wire name of its request (and gets no field).
    pub(crate) fn is_duplicate(self, pointer: &str) -> bool {
        self.names.is_some_and(|s| s.duplicates.contains(pointer))
    }

    /// The `clear_…` setter of the field at `pointer`, when it has one.
    pub(crate) fn clear_setter(self, pointer: &str) -> Option<String> {
        self.names?.clear_setters.get(pointer).cloned()
    }

    /// The variant of the union alternative at `pointer`.
    pub(crate) fn variant(self, pointer: &str) -> Option<&'p str> {
        self.names?.variants.get(pointer).map(String::as_str)
    }

    /// Where the type of the titled copy at `pointer` is defined, when another copy defines it.
    pub(crate) fn copy_of(self, pointer: &str) -> Option<&'p Site> {
        if !self.any_titled {
            return None;
        }
        self.names?.copies.get(pointer)
    }

    /// Whether the schema at `pointer` defines its title's type, which its copies reuse.
    pub(crate) fn is_titled(self, pointer: &str) -> bool {
        self.any_titled && self.names.is_some_and(|s| s.titled.contains(pointer))
    }
}

impl NamePlan {
    /// Names everything `spec` generates; `lenient` as the run is (whether an unsupported schema
    /// falls back or fails decides what is named after it).
    pub(crate) fn of(spec: &OpenAPI, walks: &DocumentWalks, local: &LocalChoices, lenient: bool) -> Self {
        run::plan(spec, walks, local, lenient)
    }

    /// Records naming's problems (moved-aside names, clashes) in `problems`.
    pub(crate) fn report(&self, problems: &mut Collector) {
        for problem in &self.problems {
            match problem {
                NamingProblem::Warning(pointer, message) => problems.warning(pointer, message.clone()),
                NamingProblem::Error(pointer, message) => problems.error(pointer, message.clone()),
            }
        }
    }

    /// The type name of component `key`. Every generated component is named; an error-only one is
    /// never reached from what is generated, but a name is still well defined.
    pub(crate) fn component(&self, key: &str) -> String {
        self.components
            .get(key)
            .cloned()
            .unwrap_or_else(|| naming::type_name(key))
    }

    /// The builder of the operation at `pointer`.
    pub(crate) fn builder(&self, pointer: &str) -> Option<&str> {
        self.builders.get(pointer).map(String::as_str)
    }

    /// The names of `scope` (an operation's pointer, or `""`), which lowering reads while it
    /// lowers that scope: looked up once per scope rather than once per name.
    pub(crate) fn in_scope(&self, scope: &str) -> ScopeView<'_> {
        ScopeView {
            names: self.scopes.get(scope),
            any_titled: self.any_titled,
        }
    }

    /// The event payload type.
    pub(crate) fn event_payload(&self) -> Option<&str> {
        self.events.payload.as_deref()
    }

    /// The `Event` field that holds the payload.
    pub(crate) fn event_payload_field(&self) -> Option<&str> {
        self.events.payload_field.as_deref()
    }

    /// The enum of `resource`'s event types.
    pub(crate) fn event_type_enum(&self, resource: &str) -> Option<&str> {
        self.events.type_enums.get(resource).map(String::as_str)
    }
}

#[cfg(test)]
mod tests;
