//! One naming pass over the lowered draft: every crate-root name (components, then builders, then
//! the derived types in the order lowering met them), each derived name made from its place
//! once the names it is made of are given, and everything else named after them (`members`). A
//! derived name another item holds moves aside (`Thing2`) with a warning; a name the spec gives
//! twice is an error naming both places.

use std::collections::{BTreeMap, BTreeSet};

use super::titles::Titling;
use super::Problem;
use crate::draft::Draft;
use crate::ir::{Hint, NameSource, Parent, TypeDef, TypeId, TypeKind, VariantWord};
use crate::naming::{self, Namespace};

/// The names one pass gave.
#[derive(Debug, Default)]
pub(super) struct Names {
    /// Every type's name, by id (a merged copy has none).
    pub types: BTreeMap<TypeId, String>,
    /// Every builder's name, by its index in the draft.
    pub builders: Vec<String>,
    /// Each union's variants, by the union's id.
    pub union_variants: BTreeMap<TypeId, Vec<String>>,
    /// Who holds each crate-root name: the pointer it was claimed for.
    pub root: Namespace,
    /// Moved-aside names and clashes.
    pub problems: Vec<Problem>,
}

/// Names `draft`'s crate-root items, with `titling` deciding which titles name types.
pub(super) fn name_roots(draft: &Draft, titling: &mut Titling) -> Names {
    let mut run = Run {
        draft,
        titling,
        names: Names::default(),
    };
    run.components();
    run.builders();
    run.derived();
    run.names
}

struct Run<'d, 't> {
    draft: &'d Draft,
    titling: &'t mut Titling,
    names: Names,
}

impl Run<'_, '_> {
    /// Component schemas first, so references resolve whatever order schemas come in. A schema's
    /// `x-stripeResource.class_name` wins over its key. Two schemas giving the same `class_name`
    /// is the spec author's clash (an error naming both); two keys that only become the same Rust
    /// name (`foo_bar`, `fooBar`) are the generator's, and the later key takes a number.
    fn components(&mut self) {
        let mut raw_names: BTreeMap<&str, &str> = BTreeMap::new();
        for component in &self.draft.components {
            let name = naming::type_name(&component.raw);
            let same_raw = self
                .names
                .root
                .owner(&name)
                .is_some_and(|holder| raw_names.get(holder) == Some(&component.raw.as_str()));
            let name = if same_raw {
                self.claim_name(&name, &component.pointer);
                name
            } else {
                self.claim_derived(&name, &component.pointer, None)
            };
            raw_names.insert(&component.pointer, &component.raw);
            self.names.types.insert(component.id, name);
        }
    }

    /// Every builder, in path order, before any derived type: from `x-stripeOperations`, else read
    /// from the path, else from the `operationId`. A derived name another item took falls back to
    /// the next candidate, and past the last one to a numbered form of the first.
    fn builders(&mut self) {
        for builder in &self.draft.builders {
            let candidates = builder_candidates(&builder.source, &self.draft.collections);
            let free = candidates.iter().find(|name| {
                let owner = self.names.root.owner(name);
                owner.is_none_or(|owner| owner == builder.pointer)
            });
            let name = match free {
                Some(name) => {
                    self.claim_name(name, &builder.pointer);
                    name.clone()
                }
                None => self.claim_derived(&candidates[0], &builder.pointer, None),
            };
            self.names.builders.push(name);
        }
    }

    /// The derived types, in the order lowering met them (a struct before the types its fields
    /// define, so each is named after its parent's name).
    fn derived(&mut self) {
        for def in self.draft.types.values() {
            let NameSource::Derived { hint, title } = &def.source else {
                continue;
            };
            if self.names.types.contains_key(&def.id) || self.titling.is_merged(def.id) {
                continue;
            }
            if Some(def.id) == self.draft.payload {
                self.event_types(def);
            }
            let title = title.as_deref().filter(|_| self.titling.names_by_title(def.id));
            let wanted = match title {
                Some(title) => title.to_owned(),
                None => self.resolve(hint),
            };
            let name = match &def.kind {
                TypeKind::Union(union) => {
                    let name = self.union_name(&wanted, def);
                    let variants = self.union_variants(union);
                    self.names.union_variants.insert(def.id, variants);
                    name
                }
                _ => self.claim_derived(&wanted, &def.pointer, Some(def.id)),
            };
            self.names.types.insert(def.id, name);
        }
    }

    /// The enums of event types, named before the payload that holds them, in the order of their
    /// resources' names.
    fn event_types(&mut self, payload: &TypeDef) {
        let TypeKind::EventPayload(event) = &payload.kind else {
            return;
        };
        let mut enums: Vec<(String, TypeId)> = event
            .variants
            .iter()
            .filter_map(|variant| {
                let resource = self.type_of(&variant.object)?;
                Some((self.name_of(resource).to_owned(), variant.type_enum))
            })
            .collect();
        enums.sort();
        for (resource, id) in enums {
            let Some(def) = self.draft.types.get(&id) else {
                continue;
            };
            let name = self.claim_derived(&naming::event_type_enum(&resource), &def.pointer, None);
            self.names.types.insert(id, name);
        }
    }

    /// A union's name: its place's, or `…Union` when another item holds that (often the
    /// component its first alternative references).
    fn union_name(&mut self, wanted: &str, def: &TypeDef) -> String {
        let owner = self.names.root.owner(wanted);
        let wanted = if owner.is_some_and(|owner| owner != def.pointer) {
            // Moved aside like a numbered name: a title's type must not be what moved it.
            self.titling.moved_aside(wanted, Some(def.id));
            naming::union_moved_aside(wanted)
        } else {
            wanted.to_owned()
        };
        self.claim_derived(&wanted, &def.pointer, Some(def.id))
    }

    /// A union's variants: an alternative's component name, or a word read from an inline one,
    /// made unique.
    fn union_variants(&self, union: &crate::ir::UnionDef) -> Vec<String> {
        let mut taken: Vec<String> = Vec::new();
        for ((_, ty), word) in union.variants.iter().zip(&union.variant_words) {
            let base = match word {
                VariantWord::TypeName => self
                    .type_of(ty)
                    .map(|id| self.name_of(id).to_owned())
                    .unwrap_or_default(),
                VariantWord::Word(word) => naming::type_name(word),
            };
            let taken_names: Vec<&str> = taken.iter().map(String::as_str).collect();
            let variant = naming::unique_variant_name(&base, taken_names.as_slice());
            taken.push(variant);
        }
        taken
    }

    /// The name `hint` gives, from the names given so far.
    fn resolve(&self, hint: &Hint) -> String {
        match hint {
            Hint::Property { parent, wire } => {
                let parent = match parent {
                    Parent::Type(id) => self.name_of(*id),
                    Parent::Builder(index) => self.names.builders.get(*index).map_or("", String::as_str),
                };
                naming::property_type(parent, wire)
            }
            Hint::ComponentItem(id) => naming::item_type(self.name_of(*id)),
            Hint::ArrayItem(inner) => naming::singular(&self.resolve(inner)),
            Hint::ListItem(inner) => naming::item_type(&self.resolve(inner)),
            Hint::MapValue(inner) => naming::value_type(&self.resolve(inner)),
            Hint::Expanded(inner) => naming::expanded_type(&self.resolve(inner)),
            Hint::Alternative { union, index } => {
                let variant = self
                    .names
                    .union_variants
                    .get(union)
                    .and_then(|variants| variants.get(*index))
                    .map_or("", String::as_str);
                naming::nested(self.name_of(*union), variant)
            }
            Hint::Response(index) => {
                naming::response_type(self.names.builders.get(*index).map_or("", String::as_str))
            }
            Hint::Id(resource) => naming::id_type(self.name_of(*resource)),
            Hint::EventTypes(resource) => naming::event_type_enum(self.name_of(*resource)),
            Hint::EventPayload => naming::EVENT_PAYLOAD.to_owned(),
        }
    }

    fn name_of(&self, id: TypeId) -> &str {
        let id = self.titling.merged_into(id);
        self.names.types.get(&id).map_or("", String::as_str)
    }

    fn type_of(&self, ty: &crate::ir::TypeRef) -> Option<TypeId> {
        match ty {
            crate::ir::TypeRef::Named(id) | crate::ir::TypeRef::Boxed(id) => Some(*id),
            _ => None,
        }
    }

    /// Claims a crate-root name for `pointer`; a clash is an error naming both places.
    fn claim_name(&mut self, name: &str, pointer: &str) {
        if let Err(first) = self.names.root.claim(name, pointer) {
            let message = format!("the Rust name `{name}` is already used by {first}; rename one of them (for a component schema, set `x-stripeResource.class_name`)");
            self.names
                .problems
                .push(Problem::Error(pointer.to_owned(), message));
        }
    }

    /// Claims a name the generator derived for `pointer` (the type `id`, if a type): when another
    /// item holds it, the first free numbered form (`Thing2`) is taken instead, with a warning
    /// saying why, because a user cannot rename what Stripe's spec calls things.
    fn claim_derived(&mut self, name: &str, pointer: &str, id: Option<TypeId>) -> String {
        let (claimed, holder) = self
            .names
            .root
            .claim_free(name, pointer, |n| naming::numbered_type(name, n));
        if holder.is_some() {
            self.titling.moved_aside(name, id);
        }
        self.titling.named(&claimed, id);
        if let Some(holder) = holder {
            let message = format!(
                "the derived Rust name `{name}` is already used by {holder}; this one is named `{claimed}`"
            );
            self.names
                .problems
                .push(Problem::Warning(pointer.to_owned(), message));
        }
        claimed
    }
}

/// A builder's candidate names, best first: from `x-stripeOperations` when the spec has them,
/// else read from the path, then from the `operationId` (or the method and path).
fn builder_candidates(source: &crate::draft::BuilderSource, collections: &BTreeSet<String>) -> Vec<String> {
    if let Some((method_name, class, is_list)) = &source.stripe {
        return vec![naming::builder_name(method_name, class, *is_list)];
    }
    let mut candidates = vec![naming::path_builder_name(
        source.method,
        &source.path,
        collections,
        source.returns_list,
    )];
    match &source.operation_id {
        Some(id) if !id.trim().is_empty() => candidates.push(naming::operation_id_builder_name(id)),
        _ => candidates.push(naming::method_path_builder_name(source.method, &source.path)),
    }
    candidates
}
