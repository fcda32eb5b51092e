//! Every Rust name the crate's items take, given in one pass over the lowered draft, as typify
//! names its `TypeSpace` once its types are converted: lowering asked for none and recorded where
//! each comes from ([`NameSource`](crate::ir::NameSource)). The crate root's names (`run`):
//! components, builders, then the derived types in the order lowering met them, each made from
//! its place or its title (`titles`, which merges titled copies that lowered alike, `alike`);
//! then the names inside items (`members`); then the [`Ir`], with documentation that names types
//! written and every merged copy's references pointing at the type it is.

mod alike;
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

/// The IR: `draft` with every name of `names` and `members` given, merged copies gone.
fn assemble(draft: Draft, mut names: Names, mut members: Members, titling: &Titling) -> Ir {
    let merges = titling.merges();
    let name_of = |names: &Names, id: TypeId| -> String {
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
        def.name = name_of(&names, id);
        if let Some(named) = def.named_docs.take() {
            def.docs = named_docs(&named, &def.name, |id| name_of(&names, id));
        }
        match &mut def.kind {
            TypeKind::Struct(s) => {
                let fields = members.structs.remove(&id).unwrap_or_default();
                for (field, (rust_name, clear)) in s.fields.iter_mut().zip(fields) {
                    field.rust_name = rust_name;
                    field.clear_setter = clear;
                    redirect(&mut field.ty, merges);
                }
                s.id_type = s.id_type.map(|id| titling.merged_into(id));
            }
            TypeKind::Enum(e) => {
                let prefix = event_prefixes.get(&id).map_or("", String::as_str);
                members::name_variants(&mut e.variants, prefix);
            }
            TypeKind::Alias(ty) => redirect(ty, merges),
            TypeKind::Union(u) => {
                let variants = names.union_variants.remove(&id).unwrap_or_default();
                for ((name, ty), variant) in u.variants.iter_mut().zip(variants) {
                    *name = variant;
                    redirect(ty, merges);
                }
            }
            TypeKind::EventPayload(event) => {
                // A merged resource's variant is its first copy's.
                event
                    .variants
                    .retain(|variant| !merges.contains_key(&variant.type_enum));
                for variant in &mut event.variants {
                    redirect(&mut variant.object, merges);
                    variant.name = match &variant.object {
                        TypeRef::Named(id) => name_of(&names, *id),
                        _ => String::new(),
                    };
                }
                event.variants.sort_by(|a, b| a.name.cmp(&b.name));
                let taken: Vec<&str> = event.variants.iter().map(|v| v.name.as_str()).collect();
                event.other = naming::unique_variant_name("Other", taken.as_slice());
            }
            TypeKind::Id => {}
        }
        defs.insert(id, def);
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
        name_params(&mut operation, fields, merges);
        redirect(&mut operation.response, merges);
        if let Some(pagination) = &mut operation.pagination {
            redirect(&mut pagination.item, merges);
        }
        operations.insert(name, operation);
    }
    let type_names = names
        .types
        .into_iter()
        .filter(|(id, _)| !merges.contains_key(id))
        .collect();
    Ir {
        api_version: draft.api_version,
        types: Types::named(defs, type_names),
        operations,
        imported: Default::default(),
    }
}

/// Gives a builder's parameters their names (path, query, then body, as `members` named them),
/// their types read through `merges`.
fn name_params(operation: &mut Operation, names: members::FieldNames, merges: &BTreeMap<TypeId, TypeId>) {
    let params = operation
        .path_params
        .iter_mut()
        .chain(&mut operation.query_params)
        .chain(&mut operation.body_params);
    for (field, (rust_name, clear)) in params.zip(names) {
        field.rust_name = rust_name;
        field.clear_setter = clear;
        redirect(&mut field.ty, merges);
    }
}

/// Points a reference to a merged copy at the type it is.
fn redirect(ty: &mut TypeRef, merges: &BTreeMap<TypeId, TypeId>) {
    match ty {
        TypeRef::Named(id) | TypeRef::Boxed(id) => {
            if let Some(first) = merges.get(id) {
                *id = *first;
            }
        }
        TypeRef::Array(inner)
        | TypeRef::Map(inner)
        | TypeRef::Expandable(inner)
        | TypeRef::List(inner)
        | TypeRef::Emptyable(inner) => redirect(inner, merges),
        TypeRef::String
        | TypeRef::Integer
        | TypeRef::Number
        | TypeRef::Boolean
        | TypeRef::Secret
        | TypeRef::Json
        | TypeRef::RangeQuery => {}
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
