//! Lowers a parsed spec into the [`Ir`]: names every component schema, turns schemas into types
//! (`schema`), operations into request builders (`operation`), then works out which types need
//! boxing and form encoding (`graph`). Problems are collected with their JSON pointers rather than
//! stopping at the first, so one run reports everything wrong with a spec.

mod error_only;
mod events;
mod expansion;
mod graph;
mod operation;
mod schema;
mod schema_union;
mod titles;

use std::collections::{BTreeMap, BTreeSet};

use openapiv3::{OpenAPI, ReferenceOr, Schema};

use crate::diagnostic::{child, Collector};
use crate::ir::{Ir, TypeDef, TypeKind, TypeRef};
use crate::local::{LocalChoices, SecretRules};
use crate::naming::{self, Namespace};
use titles::Titles;

/// The prefix every supported `$ref` starts with.
const SCHEMA_REF_PREFIX: &str = "#/components/schemas/";

/// Lowers `spec`, recording problems in `problems`. The IR is only meaningful when no problem was
/// recorded.
pub fn lower(spec: &OpenAPI, walks: &DocumentWalks, local: &LocalChoices, problems: &mut Collector) -> Ir {
    // Whether an inline `title` may name a type depends on every schema carrying it and on every
    // other name, so a first run names each inline schema by its place and surveys the titles;
    // a run's problems are reported only when it is the result (see `titles`). Each later run
    // uses fewer titles than the one before, so this ends.
    let mut titles = Titles::Survey(BTreeMap::new());
    let mut docs = crate::docs::DocsMemo::default();
    loop {
        let mut run = problems.scratch();
        let mut lowerer = Lowerer::new(spec, walks, local, &mut run, titles, docs);
        let operations = lowerer.lower_all();
        let next = lowerer
            .titles
            .next_run(&lowerer.names, lowerer.problems.pointers(), &local.secrets);
        match next {
            Some(next) => {
                titles = next;
                docs = std::mem::take(&mut lowerer.docs);
            }
            None => {
                let ir = lowerer.finish(operations);
                problems.extend(run.into_diagnostics());
                return ir;
            }
        }
    }
}

impl Lowerer<'_> {
    /// What follows lowering every item: recursion checks, unmatched local choices, boxing and
    /// form encoding, and which standard names the files import.
    fn finish(mut self, mut operations: BTreeMap<String, crate::ir::Operation>) -> Ir {
        for name in graph::recursive_aliases(&self.types) {
            let def = self.types.get_mut(&name).expect("a lowered alias");
            let message = "this schema is defined only through itself (an array, map or `anyOf` of itself with no object in between), which has no Rust form; wrap the recursion in an object (a lenient run types it as free-form JSON)";
            if self.problems.unsupported(&def.pointer, message) {
                def.kind = TypeKind::Alias(TypeRef::Json);
            }
        }
        if let Some(unmatched) = self.secrets.unmatched() {
            self.problems.extend(unmatched);
        }
        let spec = self.spec;
        let mut types = self.types;
        graph::box_recursive_fields(&mut types);
        graph::mark_encodable(&mut types, &operations);
        decide_written_shapes(&mut types);
        for operation in operations.values_mut() {
            operation.expandable = expansion::expandable_paths(&types, &operation.response);
            operation.includable = expansion::includable_paths(&types, &operation.response);
        }
        // A generated item named like an importable (a schema titled `Vec`, say) keeps its name;
        // that standard name is then written in full instead.
        let imported = crate::ir::IMPORTABLE
            .iter()
            .map(|(name, _)| *name)
            .filter(|name| !types.contains_key(*name) && !operations.contains_key(*name))
            .collect();
        Ir {
            api_version: spec.info.version.clone(),
            types,
            operations,
            imported,
        }
    }
}

/// What printing a type needs decided and the lowering of one type could not know: which
/// unions are `Object`s (every alternative has an ID), and which fields a written-back model
/// leaves out when `None`.
fn decide_written_shapes(types: &mut BTreeMap<String, TypeDef>) {
    let unions_with_id: Vec<String> = types
        .iter()
        .filter(|(_, def)| match &def.kind {
            TypeKind::Union(union) => union.variants.iter().all(|(_, ty)| crate::ir::has_id(types, ty)),
            _ => false,
        })
        .map(|(name, _)| name.clone())
        .collect();
    for def in types.values_mut() {
        let round_trip = def.caps.round_trip;
        match &mut def.kind {
            TypeKind::Union(union) => union.has_id = unions_with_id.contains(&def.name),
            TypeKind::Struct(s) => {
                for field in &mut s.fields {
                    field.skip_none = round_trip && field.is_optional() && !field.required;
                }
            }
            _ => {}
        }
    }
}

/// State shared by schema and operation lowering.
pub(crate) struct Lowerer<'a> {
    spec: &'a OpenAPI,
    problems: &'a mut Collector,
    /// Named types made so far, by Rust name.
    types: BTreeMap<String, TypeDef>,
    /// Every Rust name handed out at the crate root (types and builders), with its origin.
    names: Namespace,
    /// Component schema key -> Rust type name.
    component_names: BTreeMap<String, String>,
    /// Components only error responses reach, which are not generated (`error_only`).
    error_only: &'a BTreeSet<String>,
    /// The webhook event component, lowered by `events` rather than as a plain object.
    event: Option<events::EventComponent>,
    /// Every string some `enum` of the spec lists: where `events` finds event names.
    event_names: &'a BTreeSet<String>,
    /// Which string properties are secrets (`local`).
    secrets: SecretRules<'a>,
    /// What inline schemas' `title`s do in this run (`titles`).
    titles: Titles,
    /// Descriptions sanitised so far, in this run and the ones before.
    docs: crate::docs::DocsMemo,
}

/// What lowering asks of the whole document, answered from the plain YAML once, before it is
/// read into `openapiv3` types: which components only error responses reach, which event names
/// it lists.
pub struct DocumentWalks {
    error_only: BTreeSet<String>,
    event_names: BTreeSet<String>,
}

impl DocumentWalks {
    /// Walks `document`, the spec as plain YAML.
    pub fn of(document: &serde_yaml::Value) -> Self {
        Self {
            error_only: error_only::error_only_components(document),
            event_names: crate::yaml_walk::enum_strings(document),
        }
    }
}

impl<'a> Lowerer<'a> {
    fn new(
        spec: &'a OpenAPI,
        walks: &'a DocumentWalks,
        local: &'a LocalChoices,
        problems: &'a mut Collector,
        titles: Titles,
        docs: crate::docs::DocsMemo,
    ) -> Self {
        Self {
            spec,
            problems,
            types: BTreeMap::new(),
            names: Namespace::default(),
            component_names: BTreeMap::new(),
            error_only: &walks.error_only,
            event: None,
            event_names: &walks.event_names,
            secrets: SecretRules::new(local),
            titles,
            docs,
        }
    }

    /// Names and lowers every component, event and operation; returns the request builders.
    fn lower_all(&mut self) -> BTreeMap<String, crate::ir::Operation> {
        self.event = events::find_event_component(self);
        self.name_components();
        let planned = operation::plan_operations(self);
        self.lower_components();
        if let Some(event) = self.event.take() {
            events::lower_events(self, &event);
        }
        operation::lower_operations(self, planned)
    }

    /// The component schemas to generate, by key: all but those only error responses reach.
    fn components(&self) -> impl Iterator<Item = (&'a String, &'a ReferenceOr<Schema>)> {
        let schemas = self.spec.components.as_ref().map(|c| &c.schemas);
        let mut all: Vec<_> = schemas
            .into_iter()
            .flatten()
            .filter(|(key, _)| !self.error_only.contains(*key))
            .collect();
        all.sort_by(|a, b| a.0.cmp(b.0));
        all.into_iter()
    }

    /// Names component schemas first, so references resolve whatever order schemas come in. A
    /// schema's `x-stripeResource.class_name` wins over its key (`identity.verification_session`
    /// -> `VerificationSession`).
    ///
    /// Two schemas giving the same `class_name` is the spec author's clash (an error naming both);
    /// two keys that only become the same Rust name (`foo_bar`, `fooBar`) are the generator's, and
    /// the later key (in key order) takes a numeric suffix, with a warning.
    fn name_components(&mut self) {
        let components: Vec<_> = self.components().collect();
        let mut raw_names: BTreeMap<String, String> = BTreeMap::new(); // pointer -> raw name
        for (key, schema) in components {
            let pointer = child("#/components/schemas", key);
            let raw = match schema {
                ReferenceOr::Item(schema) => class_name(schema).unwrap_or(key.as_str()).to_owned(),
                ReferenceOr::Reference { .. } => key.clone(),
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
            self.component_names.insert(key.clone(), name);
        }
    }

    /// Claims a name the generator derived (from a key, a path, or a parent's name and a property):
    /// when another item holds it, the first free numbered form (`Thing2`) is taken instead, with
    /// a warning saying why, because a user cannot rename what Stripe's spec calls things.
    pub(crate) fn claim_derived(&mut self, name: &str, pointer: &str) -> String {
        let (claimed, holder) = self
            .names
            .claim_free(name, pointer, |n| naming::numbered_type(name, n));
        if holder.is_some() {
            self.titles.moved_aside(name);
        }
        self.titles.named(&claimed);
        if let Some(holder) = holder {
            self.problems.warning(
                pointer,
                format!("the derived Rust name `{name}` is already used by {holder}; this one is named `{claimed}`"),
            );
        }
        claimed
    }

    fn lower_components(&mut self) {
        let components: Vec<_> = self.components().collect();
        for (key, schema) in components {
            let is_event_part = self
                .event
                .as_ref()
                .is_some_and(|event| *key == event.key || event.data_key.as_deref() == Some(key.as_str()));
            if is_event_part {
                continue; // Lowered by `events`, once every resource is.
            }
            let pointer = child("#/components/schemas", key);
            let name = self.component_names[key.as_str()].clone();
            schema::lower_component(self, &name, key, schema, &pointer);
        }
    }

    /// Claims a crate-root name for `pointer`; a clash is an error naming both places.
    pub(crate) fn claim_name(&mut self, name: &str, pointer: &str) -> bool {
        match self.names.claim(name, pointer) {
            Ok(()) => true,
            Err(first) => {
                self.problems.error(
                    pointer,
                    format!("the Rust name `{name}` is already used by {first}; rename one of them (for a component schema, set `x-stripeResource.class_name`)"),
                );
                false
            }
        }
    }

    /// Whether `name` is already claimed by something other than `pointer`.
    pub(crate) fn name_taken(&self, name: &str, pointer: &str) -> bool {
        self.names.owner(name).is_some_and(|owner| owner != pointer)
    }

    /// Resolves a `$ref` to a component schema: its key, Rust name and schema. A component that is
    /// itself a reference is followed (keeping the first name), up to a limit that catches loops.
    pub(crate) fn resolve(
        &mut self,
        reference: &str,
        pointer: &str,
    ) -> Option<(&'a str, String, &'a Schema)> {
        const MAX_HOPS: usize = 32;
        let mut current = reference.to_owned();
        let mut first_name = None;
        for _ in 0..MAX_HOPS {
            let Some(key) = current.strip_prefix(SCHEMA_REF_PREFIX) else {
                self.problems.error(
                    pointer,
                    format!("unsupported reference `{current}`: only local references to `#/components/schemas/…` are supported (external files and other components are not)"),
                );
                return None;
            };
            let key = key.replace("~1", "/").replace("~0", "~");
            let found = self
                .spec
                .components
                .as_ref()
                .and_then(|c| c.schemas.get_key_value(key.as_str()));
            let Some((key, target)) = found else {
                self.problems
                    .error(pointer, format!("dangling reference: `{current}` does not exist"));
                return None;
            };
            let name = first_name
                .get_or_insert_with(|| {
                    // Every generated component was named up front; an error-only one is never
                    // reached from what is generated, but a name is still well defined.
                    let name = self.component_names.get(key.as_str()).cloned();
                    name.unwrap_or_else(|| naming::type_name(key))
                })
                .clone();
            match target {
                ReferenceOr::Item(schema) => return Some((key.as_str(), name, schema)),
                ReferenceOr::Reference { reference } => current = reference.clone(),
            }
        }
        self.problems.error(
            pointer,
            format!("reference loop: `{reference}` never reaches a schema"),
        );
        None
    }
}

/// `x-stripeResource.class_name`, when present.
fn class_name(schema: &Schema) -> Option<&str> {
    schema
        .schema_data
        .extensions
        .get("x-stripeResource")?
        .get("class_name")?
        .as_str()
}
