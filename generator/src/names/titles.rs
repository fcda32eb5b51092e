//! Which inline schemas' `title`s name the types they define. Stripe titles the parameter shapes
//! it shares (`session_options_param` is create's and update's `options`), so a title is the
//! better name, and one type for the copies; but the same title also marks unrelated shapes
//! (`Polymorphic` in the full API), and a name must never depend on which schema comes first.
//!
//! Every copy is lowered where it is; naming first names them all by place. A title may then name
//! a type when every schema carrying it defined a type where it is and all lowered alike (`alike`:
//! descriptions aside, and the type keeps the first copy's); no other item took the title's name
//! in the naming by place; nothing reported lies inside a copy (a shape the spec gets wrong in
//! one place is not shared); and no `secrets` entry of the local choices points into one (a
//! choice made for one place must not spread to the others). The copies after the first are
//! merged into it. Naming then runs with those titles ([`Titling`]) and records every name handed
//! out inside a titled type: when such a name meets another item's, the titles involved are
//! dropped and naming runs again without them, so a title never numbers or renames anything else.

use std::collections::{BTreeMap, BTreeSet};

use super::alike::alike;
use crate::draft::{Draft, TitledUse};
use crate::ir::{Hint, NameSource, TypeId};
use crate::naming::Namespace;

/// What titles do in one naming pass.
#[derive(Debug, Default)]
pub(super) struct Titling {
    /// The titles in use.
    usable: BTreeSet<String>,
    /// The types named by their title (each title's first copy).
    titled: BTreeMap<TypeId, String>,
    /// Every type a titled type defines inside, itself included, with that title (innermost).
    owner: BTreeMap<TypeId, String>,
    /// The copies after the first, and every type they define inside: the first's counterpart.
    merged: BTreeMap<TypeId, TypeId>,
    /// Every name handed out inside a titled type, with that title.
    named_under: BTreeMap<String, String>,
    /// Titles whose names met another item's in this pass.
    conflicts: BTreeSet<String>,
}

impl Titling {
    /// A pass in which the titles of `usable` name their types, their copies merged.
    pub(super) fn using(draft: &Draft, usable: BTreeSet<String>) -> Self {
        let mut titling = Self {
            usable,
            ..Self::default()
        };
        for (title, uses) in by_title(draft) {
            if !titling.usable.contains(title) {
                continue;
            }
            let Some(first) = uses[0].defined else { continue };
            titling.titled.insert(first, title.to_owned());
            for copy in uses[1..].iter().filter_map(|use_| use_.defined) {
                let mut pairs = Vec::new();
                if alike(draft, first, copy, &mut pairs) {
                    titling
                        .merged
                        .extend(pairs.into_iter().filter(|(copy, first)| copy != first));
                }
            }
        }
        // A copy may be merged into a type that is itself a merged copy (a nested title whose
        // first use sits inside another title's copy): every merge points at the type that stays.
        let chained = titling.merged.clone();
        for target in titling.merged.values_mut() {
            let mut seen = 0;
            while let Some(next) = chained.get(target) {
                *target = *next;
                seen += 1;
                if seen > chained.len() {
                    break; // A cycle cannot arise (a copy merges into an earlier type); never loop.
                }
            }
        }
        // A type's owner is its own title, else its parent's owner; parents are met first.
        for def in draft.types.values() {
            let owner = match titling.titled.get(&def.id) {
                Some(title) => Some(title.clone()),
                None => parent(&def.source).and_then(|parent| titling.owner.get(&parent).cloned()),
            };
            if let Some(owner) = owner {
                titling.owner.insert(def.id, owner);
            }
        }
        titling
    }

    /// Whether type `id` is named by its title.
    pub(super) fn names_by_title(&self, id: TypeId) -> bool {
        self.titled.contains_key(&id)
    }

    /// Whether type `id` is a copy merged into another, and so not named.
    pub(super) fn is_merged(&self, id: TypeId) -> bool {
        self.merged.contains_key(&id)
    }

    /// The type `id` is: its first copy's counterpart when merged, else itself.
    pub(super) fn merged_into(&self, id: TypeId) -> TypeId {
        self.merged.get(&id).copied().unwrap_or(id)
    }

    /// Every merged type, with the type it is.
    pub(super) fn merges(&self) -> &BTreeMap<TypeId, TypeId> {
        &self.merged
    }

    /// `name` was asked for (by the type `claimer`, if a type) but another item held it, so it
    /// was named otherwise: a meeting that involves a titled type's names drops the titles
    /// involved.
    pub(super) fn moved_aside(&mut self, name: &str, claimer: Option<TypeId>) {
        if let Some(title) = self.named_under.get(name) {
            self.conflicts.insert(title.clone());
        }
        if let Some(title) = claimer.and_then(|id| self.owner.get(&id)) {
            self.conflicts.insert(title.clone());
        }
    }

    /// `name` was handed out (to the type `claimer`, if a type).
    pub(super) fn named(&mut self, name: &str, claimer: Option<TypeId>) {
        if let Some(title) = claimer.and_then(|id| self.owner.get(&id)) {
            self.named_under.insert(name.to_owned(), title.clone());
        }
    }

    /// The titles of the next pass, when this one's titles met other names; `None` when this
    /// pass is the result.
    pub(super) fn next(&self) -> Option<BTreeSet<String>> {
        (!self.conflicts.is_empty()).then(|| self.usable.difference(&self.conflicts).cloned().collect())
    }
}

/// The titles that may name a type, judged after naming by place (`by_place`: who holds each
/// crate-root name), from the pointers
/// of every problem found (`problems`).
pub(super) fn usable(draft: &Draft, by_place: &Namespace, problems: &[&str]) -> BTreeSet<String> {
    let inside = |uses: &[&TitledUse], target: &str| {
        uses.iter().any(|use_| {
            target
                .strip_prefix(use_.pointer.as_str())
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
        })
    };
    by_title(draft)
        .into_iter()
        .filter(|(title, uses)| {
            let Some(defined) = uses
                .iter()
                .map(|use_| use_.defined)
                .collect::<Option<Vec<TypeId>>>()
            else {
                return false;
            };
            let first = defined[0];
            let written_alike = uses.iter().all(|use_| use_.written == uses[0].written);
            let alike = written_alike
                && defined[1..]
                    .iter()
                    .all(|copy| alike(draft, first, *copy, &mut Vec::new()));
            // Naming by place gave the name to nothing, or to one of these very schemas (a title
            // equal to its own place's name).
            let free = by_place
                .owner(title)
                .is_none_or(|owner| uses.iter().any(|use_| use_.pointer == owner));
            let reported_inside = problems.iter().any(|problem| inside(uses, problem));
            let chosen_inside = draft.secrets.iter().any(|entry| inside(uses, entry));
            alike && free && !reported_inside && !chosen_inside
        })
        .map(|(title, _)| title.to_owned())
        .collect()
}

/// The titled schemas, grouped by the name their title gives, each group in lowering's order.
fn by_title(draft: &Draft) -> BTreeMap<&str, Vec<&TitledUse>> {
    let mut groups: BTreeMap<&str, Vec<&TitledUse>> = BTreeMap::new();
    for use_ in &draft.titled {
        groups.entry(use_.title.as_str()).or_default().push(use_);
    }
    groups
}

/// The type whose name a derived name is made from, and within which it is defined.
fn parent(source: &NameSource) -> Option<TypeId> {
    let NameSource::Derived { hint, .. } = source else {
        return None;
    };
    fn of(hint: &Hint) -> Option<TypeId> {
        match hint {
            Hint::Property {
                parent: crate::ir::Parent::Type(id),
                ..
            } => Some(*id),
            Hint::ArrayItem(inner)
            | Hint::ListItem(inner)
            | Hint::MapValue(inner)
            | Hint::Expanded(inner) => of(inner),
            Hint::Alternative { union, .. } => Some(*union),
            Hint::Id(resource) => Some(*resource),
            Hint::ComponentItem(_)
            | Hint::Property { .. }
            | Hint::Response(_)
            | Hint::EventTypes(_)
            | Hint::EventPayload => None,
        }
    }
    of(hint)
}
