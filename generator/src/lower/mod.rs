//! Lowers a parsed spec into the [`Ir`], once, reading every name from the [`NamePlan`] made
//! before it: turns schemas into types (`schema`, `schema_union`), the webhook event into its
//! typed payload (`events`), operations into request builders (`operation`), then works out which
//! types need boxing and form encoding (`graph`) and what `expand` may name (`expansion`).
//! Problems are collected with their JSON pointers rather than stopping at the first, so one run
//! reports everything wrong with a spec.

mod events;
mod expansion;
mod graph;
mod operation;
mod schema;
mod schema_union;

use std::collections::{BTreeMap, BTreeSet};

use openapiv3::{OpenAPI, Schema};

use crate::diagnostic::{child, Collector};
use crate::ir::{Ir, TypeDef, TypeKind, TypeRef};
use crate::local::{LocalChoices, SecretRules};
use crate::name_plan::{NamePlan, ScopeView, Site};
use crate::read::{self, DocumentWalks};
use schema::Lowered;

/// Lowers `spec`, recording problems in `problems`. The IR is only meaningful when no problem was
/// recorded.
pub fn lower(spec: &OpenAPI, walks: &DocumentWalks, local: &LocalChoices, problems: &mut Collector) -> Ir {
    let plan = NamePlan::of(spec, walks, local, problems.is_lenient());
    plan.report(problems);
    let mut lowerer = Lowerer::new(spec, walks, local, problems, &plan);
    let operations = lowerer.lower_all();
    lowerer.finish(operations)
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
    /// Every name, decided before lowering.
    plan: &'a NamePlan,
    /// The operation being lowered (`""` outside operations): where the plan's names are read.
    scope: String,
    /// The plan's names of `scope`.
    names: ScopeView<'a>,
    /// Named types made so far, by Rust name.
    types: BTreeMap<String, TypeDef>,
    /// Components only error responses reach, which are not generated.
    error_only: &'a BTreeSet<String>,
    /// The webhook event component, lowered by `events` rather than as a plain object.
    event: Option<read::EventComponent>,
    /// Every string some `enum` of the spec lists: where `events` finds event names.
    event_names: &'a BTreeSet<String>,
    /// Which string properties are secrets (`local`).
    secrets: SecretRules<'a>,
    /// What each titled schema that defines its title's type lowered to, which its copies are.
    titled: BTreeMap<Site, Lowered>,
    /// Descriptions sanitised so far.
    docs: crate::docs::DocsMemo,
}

impl<'a> Lowerer<'a> {
    fn new(
        spec: &'a OpenAPI,
        walks: &'a DocumentWalks,
        local: &'a LocalChoices,
        problems: &'a mut Collector,
        plan: &'a NamePlan,
    ) -> Self {
        Self {
            spec,
            problems,
            plan,
            scope: String::new(),
            names: plan.in_scope(""),
            types: BTreeMap::new(),
            error_only: &walks.error_only,
            event: None,
            event_names: &walks.event_names,
            secrets: SecretRules::new(local),
            titled: BTreeMap::new(),
            docs: crate::docs::DocsMemo::default(),
        }
    }

    /// Lowers every component, the event and every operation; returns the request builders.
    fn lower_all(&mut self) -> BTreeMap<String, crate::ir::Operation> {
        self.event = read::event_component(self.spec);
        self.lower_components();
        if let Some(event) = self.event.take() {
            events::lower_events(self, &event);
        }
        operation::lower_operations(self)
    }

    fn lower_components(&mut self) {
        for (key, schema) in read::generated_components(self.spec, self.error_only) {
            if self.event.as_ref().is_some_and(|event| event.is_part(key)) {
                continue; // Lowered by `events`, once every resource is.
            }
            let pointer = child("#/components/schemas", key);
            let name = self.plan.component(key);
            schema::lower_component(self, &name, key, schema, &pointer);
        }
    }

    /// Starts lowering within `scope` (an operation's pointer, or `""`).
    fn enter_scope(&mut self, scope: &str) {
        scope.clone_into(&mut self.scope);
        self.names = self.plan.in_scope(scope);
    }

    /// Reads a name from the plan; one it lacks is a generator bug (the plan and lowering read
    /// the spec differently), reported at `pointer`.
    fn planned(&mut self, name: Option<&str>, what: &str, pointer: &str) -> Option<String> {
        if name.is_none() {
            let scope = &self.scope;
            self.problems.internal(
                pointer,
                format!("the name plan has no {what} here (scope `{scope}`)"),
            );
        }
        name.map(str::to_owned)
    }

    /// The type the schema at `pointer` defines, as planned.
    pub(crate) fn type_name(&mut self, pointer: &str) -> Option<String> {
        let name = self.names.type_at(pointer);
        self.planned(name, "type name", pointer)
    }

    /// The Rust field of the property or parameter at `pointer`, as planned.
    pub(crate) fn field_name(&mut self, pointer: &str) -> Option<String> {
        let name = self.names.field(pointer);
        self.planned(name, "field name", pointer)
    }

    /// Resolves a `$ref` at `pointer` to a component schema: the Rust name of the type it names
    /// and the schema it reaches; an error where it reaches none.
    pub(crate) fn resolve(&mut self, reference: &str, pointer: &str) -> Option<(String, &'a Schema)> {
        match read::resolve(self.spec, reference) {
            Ok((key, schema)) => Some((self.plan.component(key), schema)),
            Err(message) => {
                self.problems.error(pointer, message);
                None
            }
        }
    }
}
