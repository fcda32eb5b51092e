//! Every Rust name the crate's items take, given in one pass over the lowered draft, as typify
//! names its `TypeSpace` once its types are converted: lowering asked for none and recorded where
//! each comes from ([`NameSource`](crate::ir::NameSource)). The crate root's names (`run`):
//! components, builders, then the derived types in the order lowering met them, each made from
//! its place or its title (`titles`, which merges titled copies that lowered alike, `alike`);
//! then the names inside items (`members`); then the [`Ir`], with documentation that names types
//! written and every merged copy's references pointing at the type it is.

mod alike;
mod ids;
mod members;
mod run;
mod titles;

use std::collections::BTreeMap;

use crate::diagnostic::Collector;
use crate::docs;
use crate::draft::Draft;
use crate::ir::{Ir, NamedDocs, Operation, TypeId, TypeKind, TypeRef, Types};
use crate::naming::{self, FALLBACK_VARIANT};
use members::Members;
use run::Names;
use titles::Titling;

/// A problem naming found.
#[derive(Debug)]
enum Problem {
    Warning(String, String),
    Error(String, String),
}

impl Problem {
    fn pointer(&self) -> &str {
        match self {
            Self::Warning(pointer, _) | Self::Error(pointer, _) => pointer,
        }
    }
}

/// Names everything in `draft`, reporting moved-aside names and clashes in `problems`.
pub(crate) fn name(draft: Draft, problems: &mut Collector) -> Ir {
    let mut titling = Titling::default();
    let mut names = run::name_roots(&draft, &mut titling);
    let mut members = members::name_fields(&draft, &titling);
    let found: Vec<&str> = problems
        .pointers()
        .chain(names.problems.iter().map(Problem::pointer))
        .chain(members.problems.iter().map(Problem::pointer))
        .collect();
    let mut usable = titles::usable(&draft, &names.root, &found);
    if !usable.is_empty() {
        // Titles whose names meet another item's are dropped, and naming runs again: at most
        // once per title, and naming is a fraction of lowering.
        loop {
            titling = Titling::using(&draft, usable);
            names = run::name_roots(&draft, &mut titling);
            match titling.next() {
                Some(next) => usable = next,
                None => break,
            }
        }
        members = members::name_fields(&draft, &titling);
    }
    for problem in names.problems.iter().chain(&members.problems) {
        match problem {
            Problem::Warning(pointer, message) => problems.warning(pointer, message.clone()),
            Problem::Error(pointer, message) => problems.error(pointer, message.clone()),
        }
    }
    assemble(draft, names, members, &titling)
}

/// The IR: `draft` with every name of `names` and `members` given, merged copies gone, and each
/// type's id made from its name (`ids`).
fn assemble(draft: Draft, mut names: Names, mut members: Members, titling: &Titling) -> Ir {
    let merges = titling.merges();
    names.types.retain(|id, _| !merges.contains_key(id));
    let stable = ids::from_names(&names.types);
    // Every id, a merged copy's included, to the final id of the type it is.
    let final_id = |id: TypeId| {
        let id = titling.merged_into(id);
        stable.get(&id).copied().unwrap_or(id)
    };
    let name_of = |id: TypeId| -> String {
        names
            .types
            .get(&titling.merged_into(id))
            .cloned()
            .unwrap_or_default()
    };
    let event_prefixes: BTreeMap<TypeId, String> = draft
        .types
        .values()
        .filter_map(|def| match &def.kind {
            TypeKind::EventPayload(event) => Some(event),
            _ => None,
        })
        .flat_map(|event| event.variants.iter().map(|v| (v.type_enum, v.prefix.clone())))
        .collect();
    let mut defs = BTreeMap::new();
    for (id, mut def) in draft.types {
        if merges.contains_key(&id) {
            continue;
        }
        def.name = name_of(id);
        if let Some(named) = def.named_docs.take() {
            def.docs = named_docs(&named, &def.name, name_of);
        }
        match &mut def.kind {
            TypeKind::Struct(s) => {
                let fields = members.structs.remove(&id).unwrap_or_default();
                for (field, (rust_name, clear)) in s.fields.iter_mut().zip(fields) {
                    field.rust_name = rust_name;
                    field.clear_setter = clear;
                    ids::relabel(&mut field.ty, &final_id);
                }
                s.id_type = s.id_type.map(final_id);
            }
            TypeKind::Enum(e) => {
                let prefix = event_prefixes.get(&id).map_or("", String::as_str);
                members::name_variants(&mut e.variants, prefix);
            }
            TypeKind::Alias(ty) => ids::relabel(ty, &final_id),
            TypeKind::Union(u) => {
                let variants = names.union_variants.remove(&id).unwrap_or_default();
                for ((name, ty), variant) in u.variants.iter_mut().zip(variants) {
                    *name = variant;
                    ids::relabel(ty, &final_id);
                }
            }
            TypeKind::EventPayload(event) => {
                for variant in &mut event.variants {
                    variant.name = match &variant.object {
                        TypeRef::Named(id) => name_of(*id),
                        _ => String::new(),
                    };
                    ids::relabel(&mut variant.object, &final_id);
                    variant.type_enum = final_id(variant.type_enum);
                }
                event.event = final_id(event.event);
                event.variants.sort_by(|a, b| a.name.cmp(&b.name));
                let taken: Vec<&str> = event.variants.iter().map(|v| v.name.as_str()).collect();
                event.other = naming::unique_variant_name("Other", taken.as_slice());
            }
            TypeKind::Id => {}
        }
        def.id = final_id(id);
        ids::relabel_source(&mut def.source, &final_id);
        defs.insert(def.id, def);
    }
    let mut operations = BTreeMap::new();
    for ((builder, name), fields) in draft
        .builders
        .into_iter()
        .zip(std::mem::take(&mut names.builders))
        .zip(members.builders)
    {
        let Some(mut operation) = builder.operation else {
            continue;
        };
        operation.name = name.clone();
        name_params(&mut operation, fields, &final_id);
        ids::relabel(&mut operation.response, &final_id);
        if let Some(pagination) = &mut operation.pagination {
            ids::relabel(&mut pagination.item, &final_id);
        }
        operations.insert(name, operation);
    }
    let type_names = names
        .types
        .into_iter()
        .map(|(id, name)| (final_id(id), name))
        .collect();
    Ir {
        api_version: draft.api_version,
        types: Types::named(defs, type_names),
        operations,
        imported: Default::default(),
    }
}

/// Gives a builder's parameters their names (path, query, then body, as `members` named them),
/// their types' ids read through `final_id`.
fn name_params(operation: &mut Operation, names: members::FieldNames, final_id: &impl Fn(TypeId) -> TypeId) {
    let params = operation
        .path_params
        .iter_mut()
        .chain(&mut operation.query_params)
        .chain(&mut operation.body_params);
    for (field, (rust_name, clear)) in params.zip(names) {
        field.rust_name = rust_name;
        field.clear_setter = clear;
        ids::relabel(&mut field.ty, final_id);
    }
}

/// Documentation that names types, for the type `name`.
fn named_docs(docs: &NamedDocs, name: &str, name_of: impl Fn(TypeId) -> String) -> String {
    match docs {
        NamedDocs::Object => format!("The `{name}` object."),
        NamedDocs::AliasOf(target) => format!("Another name for [`{}`].", name_of(*target)),
        NamedDocs::IdOf(resource) => {
            let resource = name_of(*resource);
            let article = naming::article(&resource);
            format!("The ID of {article} [`{resource}`]: a string on the wire, its own type here.")
        }
        NamedDocs::EventTypesOf(resource, prefix) => format!(
            "The types of event about a [`{}`] (`{}…`). Stripe adds event types; one this version does not know is kept as `{FALLBACK_VARIANT}`.",
            name_of(*resource),
            docs::visible(prefix).replace('`', "'")
        ),
    }
}
