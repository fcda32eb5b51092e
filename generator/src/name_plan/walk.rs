//! One walk over the spec, naming as lowering will lower: components by key, then the builders,
//! the components' inline types, the event's types and the operations' fields and types. The
//! claims are made in lowering's order, so a derived name that meets another moves aside exactly
//! as it always has; and repeated until the titles settle (`titles`).

use std::collections::BTreeMap;

use openapiv3::OpenAPI;

use super::titles::Titles;
use super::{NamePlan, NamingProblem};
use crate::diagnostic::child;
use crate::ir::TypeRef;
use crate::local::LocalChoices;
use crate::naming::{self, Namespace};
use crate::read::{self, DocumentWalks, Finding};

/// What walking a schema gave: the type lowering will give it (names as this walk planned
/// them) and whether it admits null, which the rules for IDs and `clear_…` setters read.
#[derive(Clone, Debug)]
pub(super) struct Walked {
    pub ty: TypeRef,
    pub nullable: bool,
}

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
    /// Type name -> the pointer of the schema that defines it.
    pub defined: BTreeMap<String, String>,
    /// Tagged model structs with an ID, by type name, with their tag: the event's resources.
    pub resources: BTreeMap<String, String>,
}

/// Names everything (see the module docs of `name_plan`).
pub(super) fn plan(spec: &OpenAPI, walks: &DocumentWalks, local: &LocalChoices, lenient: bool) -> NamePlan {
    let mut titles = Titles::survey();
    loop {
        let mut walk = Walk {
            spec,
            walks,
            local,
            lenient,
            names: Namespace::default(),
            titles,
            scope: String::new(),
            plan: NamePlan::default(),
            found: Vec::new(),
            defined: BTreeMap::new(),
            resources: BTreeMap::new(),
        };
        walk.all();
        let problem_pointers = walk.plan.problems.iter().map(|problem| match problem {
            NamingProblem::Warning(pointer, _) | NamingProblem::Error(pointer, _) => pointer.as_str(),
        });
        let pointers = problem_pointers.chain(walk.found.iter().map(String::as_str));
        match walk.titles.next_run(&walk.names, pointers, &local.secrets) {
            Some(next) => titles = next,
            None => return walk.plan,
        }
    }
}

impl<'a> Walk<'a> {
    fn all(&mut self) {
        let event = read::event_component(self.spec);
        self.name_components();
        let operations = super::builders::name_builders(self);
        let components = read::generated_components(self.spec, &self.walks.error_only);
        for (key, schema) in components {
            if event.as_ref().is_some_and(|event| event.is_part(key)) {
                continue; // Named with the event, once every resource is.
            }
            let name = self.plan.component(key);
            super::schemas::walk_component(self, &name, schema, &child("#/components/schemas", key));
        }
        if let Some(event) = &event {
            super::events::walk_event(self, event);
        }
        for (operation, builder) in &operations {
            self.scope = operation.pointer.clone();
            super::operations::walk_operation(self, builder, operation);
        }
        self.scope.clear();
    }

    /// Names component schemas first, so references resolve whatever order schemas come in. A
    /// schema's `x-stripeResource.class_name` wins over its key (`identity.verification_session`
    /// -> `VerificationSession`).
    ///
    /// Two schemas giving the same `class_name` is the spec author's clash (an error naming both);
    /// two keys that only become the same Rust name (`foo_bar`, `fooBar`) are the generator's, and
    /// the later key (in key order) takes a numeric suffix, with a warning.
    fn name_components(&mut self) {
        let components = read::generated_components(self.spec, &self.walks.error_only);
        let mut raw_names: BTreeMap<String, String> = BTreeMap::new(); // pointer -> raw name
        for (key, schema) in components {
            let pointer = child("#/components/schemas", key);
            let raw = match schema.as_item() {
                Some(schema) => read::class_name(schema).unwrap_or(key.as_str()).to_owned(),
                None => key.clone(),
            };
            let name = naming::type_name(&raw);
            let same_raw = self
                .names
                .owner(&name)
                .is_some_and(|holder| raw_names.get(holder) == Some(&raw));
            let name = if same_raw {
                self.claim_name(&name, &pointer);
                name
            } else {
                self.claim_derived(&name, &pointer)
            };
            raw_names.insert(pointer, raw);
            self.plan.components.insert(key.clone(), name);
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

    /// Claims a derived type name for the schema at `pointer` and records it there.
    pub fn claim_type(&mut self, name: &str, pointer: &str) -> String {
        let claimed = self.claim_derived(name, pointer);
        let scope = self.scope.clone();
        self.plan
            .scope_mut(&scope)
            .types
            .insert(pointer.to_owned(), claimed.clone());
        self.defined.insert(claimed.clone(), pointer.to_owned());
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
        let scope = self.scope.clone();
        self.plan
            .scope_mut(&scope)
            .fields
            .insert(pointer.to_owned(), rust_name.to_owned());
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
        let scope = self.scope.clone();
        self.plan
            .scope_mut(&scope)
            .clear_setters
            .insert(pointer.to_owned(), clear);
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
