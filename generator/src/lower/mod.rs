//! Lowers a parsed spec into the [`Ir`], walking it once and asking for no name: turns schemas
//! into types with ids (`schema`, `schema_union`), the webhook event into its typed payload
//! (`events`), operations into request builders (`operation`), recording where each name comes
//! from. `names` then names everything, and the whole-graph passes follow: which types need
//! boxing and form encoding (`graph`) and what `expand` may name (`expansion`). Problems are
//! collected with their JSON pointers rather than stopping at the first, so one run reports
//! everything wrong with a spec.

mod events;
mod expansion;
mod graph;
mod operation;
mod schema;
mod schema_union;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use openapiv3::{OpenAPI, Schema};

use crate::diagnostic::{child, Collector};
use crate::draft::{Builder, ComponentName, Draft, TitledUse};
use crate::ir::{Ir, TypeDef, TypeId, TypeKind, TypeRef};
use crate::local::{LocalChoices, SecretRules};
use crate::read::{self, DocumentWalks};

/// Lowers `spec`, names it and finishes it, recording problems in `problems`. The IR is only
/// meaningful when no problem was recorded.
pub fn lower(spec: &OpenAPI, walks: &DocumentWalks, local: &LocalChoices, problems: &mut Collector) -> Ir {
    let mut lowerer = Lowerer::new(spec, walks, local, problems);
    lowerer.lower_all();
    let draft = lowerer.into_draft(local);
    let ir = crate::names::name(draft, problems);
    finish(ir, problems)
}

/// What follows naming: recursion checks, boxing and form encoding, and which standard names the
/// files import.
fn finish(mut ir: Ir, problems: &mut Collector) -> Ir {
    for id in graph::recursive_aliases(&ir.types) {
        let def = ir.types.def_mut(id).expect("a lowered alias");
        let message = "this schema is defined only through itself (an array, map or `anyOf` of itself with no object in between), which has no Rust form; wrap the recursion in an object (a lenient run types it as free-form JSON)";
        if problems.unsupported(&def.pointer, message) {
            def.kind = TypeKind::Alias(TypeRef::Json);
        }
    }
    graph::box_recursive_fields(&mut ir.types);
    graph::mark_encodable(&mut ir.types, &ir.operations);
    decide_written_shapes(&mut ir.types);
    for operation in ir.operations.values_mut() {
        operation.expandable = expansion::expandable_paths(&ir.types, &operation.response);
        operation.includable = expansion::includable_paths(&ir.types, &operation.response);
    }
    // A generated item named like an importable (a schema titled `Vec`, say) keeps its name;
    // that standard name is then written in full instead.
    ir.imported = crate::ir::IMPORTABLE
        .iter()
        .map(|(name, _)| *name)
        .filter(|name| !ir.types.contains_key(name) && !ir.operations.contains_key(*name))
        .collect();
    ir
}

/// What printing a type needs decided and the lowering of one type could not know: which
/// unions are `Object`s (every alternative has an ID), and which fields a written-back model
/// leaves out when `None`.
fn decide_written_shapes(types: &mut crate::ir::Types) {
    let def_of = |id| types.def(id);
    let unions_with_id: Vec<TypeId> = types
        .values()
        .filter(|def| match &def.kind {
            TypeKind::Union(union) => union
                .variants
                .iter()
                .all(|(_, ty)| crate::ir::has_id(&def_of, ty)),
            _ => false,
        })
        .map(|def| def.id)
        .collect();
    for def in types.values_mut() {
        let round_trip = def.caps.round_trip;
        match &mut def.kind {
            TypeKind::Union(union) => union.has_id = unions_with_id.contains(&def.id),
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
    /// Types made so far, by id.
    types: BTreeMap<TypeId, TypeDef>,
    /// The next id to give.
    next_id: u64,
    /// Every generated component's place in `components`, by key.
    component_index: HashMap<String, usize>,
    /// Every generated component's naming facts, in key order.
    components: Vec<ComponentName>,
    /// The operations, lowered or not, in path order.
    builders: Vec<Builder>,
    /// The titled inline schemas met so far.
    titled: Vec<TitledUse>,
    /// The event payload's id, once the event is lowered.
    payload: Option<TypeId>,
    /// Components only error responses reach, which are not generated.
    error_only: &'a BTreeSet<String>,
    /// The webhook event component, lowered by `events` rather than as a plain object.
    event: Option<read::EventComponent>,
    /// Every string some `enum` of the spec lists: where `events` finds event names.
    event_names: &'a BTreeSet<String>,
    /// Which string properties are secrets (`local`).
    secrets: SecretRules<'a>,
    /// Descriptions sanitised so far.
    docs: crate::docs::DocsMemo,
}

impl<'a> Lowerer<'a> {
    fn new(
        spec: &'a OpenAPI,
        walks: &'a DocumentWalks,
        local: &'a LocalChoices,
        problems: &'a mut Collector,
    ) -> Self {
        Self {
            spec,
            problems,
            types: BTreeMap::new(),
            next_id: 0,
            component_index: HashMap::new(),
            components: Vec::new(),
            builders: Vec::new(),
            titled: Vec::new(),
            payload: None,
            error_only: &walks.error_only,
            event: None,
            event_names: &walks.event_names,
            secrets: SecretRules::new(local),
            docs: crate::docs::DocsMemo::default(),
        }
    }

    /// Lowers every component, the event and every operation.
    fn lower_all(&mut self) {
        self.event = read::event_component(self.spec);
        self.give_component_ids();
        self.lower_components();
        if let Some(event) = self.event.take() {
            events::lower_events(self, &event);
        }
        operation::lower_operations(self);
    }

    /// What naming reads: the types, and what they are named from.
    fn into_draft(self, local: &LocalChoices) -> Draft {
        if let Some(unmatched) = self.secrets.unmatched() {
            self.problems.extend(unmatched);
        }
        Draft {
            api_version: self.spec.info.version.clone(),
            types: self.types,
            components: self.components,
            builders: self.builders,
            collections: read::collections(self.spec),
            titled: self.titled,
            payload: self.payload,
            secrets: local.secrets.clone(),
        }
    }

    /// Gives every generated component its id first, in key order, so a `$ref` to one lowered
    /// later resolves.
    fn give_component_ids(&mut self) {
        for (key, schema) in read::generated_components(self.spec, self.error_only) {
            let raw = match schema.as_item() {
                Some(schema) => read::class_name(schema).unwrap_or(key.as_str()).to_owned(),
                None => key.clone(),
            };
            let id = self.next_type_id();
            self.component_index.insert(key.clone(), self.components.len());
            self.components.push(ComponentName {
                id,
                raw,
                pointer: child("#/components/schemas", key),
            });
        }
    }

    fn lower_components(&mut self) {
        for (key, schema) in read::generated_components(self.spec, self.error_only) {
            if self.event.as_ref().is_some_and(|event| event.is_part(key)) {
                continue; // Lowered by `events`, once every resource is.
            }
            let pointer = child("#/components/schemas", key);
            let id = self.components[self.component_index[key.as_str()]].id;
            schema::lower_component(self, id, key, schema, &pointer);
        }
    }

    /// The id the next type will get.
    pub(crate) fn next_type_id_peek(&self) -> TypeId {
        TypeId(self.next_id)
    }

    /// A new type id: ids are given in the order types are met, which is the order they are named.
    pub(crate) fn next_type_id(&mut self) -> TypeId {
        let id = TypeId(self.next_id);
        self.next_id += 1;
        id
    }

    /// The id of component `key`.
    pub(crate) fn component_id(&self, key: &str) -> Option<TypeId> {
        self.component_index
            .get(key)
            .map(|&index| self.components[index].id)
    }

    /// Resolves a `$ref` at `pointer` to a component schema: the id of the type it names and the
    /// schema it reaches; an error where it reaches none.
    pub(crate) fn resolve(&mut self, reference: &str, pointer: &str) -> Option<(TypeId, &'a Schema)> {
        match read::resolve(self.spec, reference) {
            Ok((key, schema)) => {
                match self.component_id(key) {
                    Some(id) => Some((id, schema)),
                    None => {
                        let message = format!("`{reference}` reaches a component only error responses use, which is not generated");
                        self.problems.internal(pointer, message);
                        None
                    }
                }
            }
            Err(message) => {
                self.problems.error(pointer, message);
                None
            }
        }
    }
}
