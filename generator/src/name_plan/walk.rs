//! The state of one naming walk over the spec, and the claims every part of it makes: a
//! crate-root name (a clash is an error), a derived name (moved aside to `Thing2`, with a
//! warning), a type at its pointer, a field in its struct or builder, a `clear_…` setter. The
//! walk itself is `run`'s; the readings it names are `schemas`, `builders`, `events` and
//! `operations`.

use std::collections::BTreeMap;

use openapiv3::OpenAPI;

use super::titles::Titles;
use super::{NamePlan, NamingProblem, ScopeNames};
use crate::ir::TypeRef;
use crate::local::LocalChoices;
use crate::naming::{self, Namespace};
use crate::read::{DocumentWalks, Finding};

/// A parameter field that may take a `clear_…` setter.
pub(super) struct ClearableField<'f> {
    pub ty: &'f TypeRef,
    pub required: bool,
    pub nullable: bool,
    pub rust_name: &'f str,
    pub label: &'f str,
}

/// The state of one walk.
pub(super) struct Walk<'a> {
    pub spec: &'a OpenAPI,
    pub walks: &'a DocumentWalks,
    pub local: &'a LocalChoices,
    pub lenient: bool,
    /// Every name handed out at the crate root (types and builders), with its origin.
    pub names: Namespace,
    pub titles: Titles,
    /// The operation being walked (`""` outside operations).
    pub scope: String,
    pub plan: NamePlan,
    /// Where lowering will report a problem: a title whose copies hold one names no type.
    pub found: Vec<String>,
    /// The names of the scope being walked, moved into the plan when the scope changes.
    pub here: ScopeNames,
    /// Tagged model structs with an ID, by type name, with their tag: the event's resources.
    pub resources: BTreeMap<String, String>,
}

impl<'a> Walk<'a> {
    /// A walk with nothing named yet, using `titles` as this run of the walk does.
    pub fn new(
        spec: &'a OpenAPI,
        walks: &'a DocumentWalks,
        local: &'a LocalChoices,
        lenient: bool,
        titles: Titles,
    ) -> Self {
        Self {
            spec,
            walks,
            local,
            lenient,
            names: Namespace::default(),
            titles,
            scope: String::new(),
            plan: NamePlan::default(),
            found: Vec::new(),
            here: ScopeNames::default(),
            resources: BTreeMap::new(),
        }
    }

    /// Claims a crate-root name for `pointer`; a clash is an error naming both places.
    pub fn claim_name(&mut self, name: &str, pointer: &str) {
        if let Err(first) = self.names.claim(name, pointer) {
            self.error(
                pointer,
                format!("the Rust name `{name}` is already used by {first}; rename one of them (for a component schema, set `x-stripeResource.class_name`)"),
            );
        }
    }

    /// Claims a name the generator derived (from a key, a path, or a parent's name and a property):
    /// when another item holds it, the first free numbered form (`Thing2`) is taken instead, with
    /// a warning saying why, because a user cannot rename what Stripe's spec calls things.
    pub fn claim_derived(&mut self, name: &str, pointer: &str) -> String {
        let (claimed, holder) = self
            .names
            .claim_free(name, pointer, |n| naming::numbered_type(name, n));
        if holder.is_some() {
            self.titles.moved_aside(name);
        }
        self.titles.named(&claimed);
        if let Some(holder) = holder {
            self.warning(
                pointer,
                format!("the derived Rust name `{name}` is already used by {holder}; this one is named `{claimed}`"),
            );
        }
        claimed
    }

    /// Whether `name` is already claimed by something other than `pointer`.
    pub fn name_taken(&self, name: &str, pointer: &str) -> bool {
        self.names.owner(name).is_some_and(|owner| owner != pointer)
    }

    /// Starts naming within `scope` (an operation's pointer, or `""`); what the previous scope
    /// named goes into the plan.
    pub fn enter_scope(&mut self, scope: &str) {
        let done = std::mem::take(&mut self.here);
        if done != ScopeNames::default() {
            self.plan.any_titled |= !done.titled.is_empty() || !done.copies.is_empty();
            self.plan.scopes.insert(std::mem::take(&mut self.scope), done);
        }
        self.scope = scope.to_owned();
    }

    /// Claims a derived type name for the schema at `pointer` and records it there.
    pub fn claim_type(&mut self, name: &str, pointer: &str) -> String {
        let claimed = self.claim_derived(name, pointer);
        self.here.types.insert(pointer.to_owned(), claimed.clone());
        claimed
    }

    /// Claims the Rust field `rust_name` for property `wire` (at `pointer`) in one struct's or
    /// builder's `names`. Two wire names that become one Rust name (`self` and `Self`, `fooBar`
    /// and `foo_bar`) both keep a field: the later one (in wire-name order) takes a numeric suffix
    /// (`foo_bar_2`), with a warning, and `#[serde(rename)]` keeps its wire name.
    pub fn claim_field(
        &mut self,
        names: &mut Namespace,
        rust_name: &str,
        wire: &str,
        pointer: &str,
    ) -> String {
        let (claimed, holder) = names.claim_free(rust_name, wire, |n| naming::numbered_field(rust_name, n));
        if let Some(holder) = holder {
            self.warning(
                pointer,
                format!("property `{wire}` and property `{holder}` both become the Rust field `{rust_name}`; this one is named `{claimed}`"),
            );
        }
        claimed
    }

    /// Records the Rust field of the property or parameter at `pointer`.
    pub fn record_field(&mut self, pointer: &str, rust_name: &str) {
        self.here.fields.insert(pointer.to_owned(), rust_name.to_owned());
    }

    /// The `clear_…` setter of an emptyable parameter field (a builder's, or a parameter type's)
    /// that may be left out or is nullable (a builder's field never is): claimed in the same
    /// `names` as the setters, so it never meets another field's setter. `label` is what a clash
    /// calls the field.
    pub fn clear_setter(&mut self, names: &mut Namespace, field: ClearableField<'_>, pointer: &str) {
        if !matches!(field.ty, TypeRef::Emptyable(_)) || (field.required && !field.nullable) {
            return;
        }
        let (rust_name, label) = (field.rust_name, field.label);
        let clear = self.claim_field(
            names,
            &naming::clear_setter(rust_name),
            &naming::clearing(label),
            pointer,
        );
        self.here.clear_setters.insert(pointer.to_owned(), clear);
    }

    /// Notes a problem lowering will report (at `finding`'s pointer); returns whether lowering
    /// falls back there rather than fails.
    pub fn found(&mut self, finding: &Finding) -> bool {
        self.found.push(finding.pointer.clone());
        finding.falls_back(self.lenient)
    }

    /// Notes a problem lowering will report at `pointer`, after which it fails.
    pub fn found_at(&mut self, pointer: &str) {
        self.found.push(pointer.to_owned());
    }

    pub fn warning(&mut self, pointer: &str, message: String) {
        self.plan
            .problems
            .push(NamingProblem::Warning(pointer.to_owned(), message));
    }

    pub fn error(&mut self, pointer: &str, message: String) {
        self.plan
            .problems
            .push(NamingProblem::Error(pointer.to_owned(), message));
    }
}
