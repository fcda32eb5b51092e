//! Which inline schemas' `title`s name the types they define. Stripe titles the parameter shapes
//! it shares (`session_options_param` is create's and update's `options`), so a title is the
//! better name, and one type for the copies; but the same title also marks unrelated shapes
//! (`Polymorphic` in the full API), and a name must never depend on which schema comes first.
//!
//! So the name plan's walk may run more than once (lowering runs once, on the settled plan). The
//! first run names every inline schema by its place and records each title's uses
//! ([`Titles::Survey`]). A title may name a type when every schema
//! carrying it defines a type, all alike (same content in the same role; descriptions aside,
//! since Stripe words create's and update's copy of a shape differently, and a word of
//! documentation must not split a type users name and rename it; the type keeps the first copy's
//! descriptions);
//! no other item has that name in the first run; nothing the first run reported lies inside a copy
//! (the copies after the first are not lowered, so their problems would vanish); and no
//! `secrets` entry of the local choices points into a copy (a choice made for one place must not
//! spread to the others or go unmatched). When no title may, the first run is the result. The next
//! run uses those titles ([`Titles::Use`]) and records every name handed out while a titled type
//! is being defined (its nested types, named after the title): when such a name meets another
//! item's, each title involved is dropped and the run is repeated, so a title never numbers or
//! renames anything else. [`Titles::next_run`] says which run comes next, if any.

use std::collections::{BTreeMap, BTreeSet};

use openapiv3::Schema;

use super::Site;
use super::Walked;
use crate::ir::Role;
use crate::naming::Namespace;

/// What inline schemas' titles do in one run of the naming walk.
pub(crate) enum Titles {
    /// The first run: inline schemas are named by their place; titled ones are recorded here by
    /// the type name their title gives.
    Survey(BTreeMap<String, Uses>),
    /// A later run: the title names in `usable` name a type.
    Use(Using),
}

/// The inline schemas whose titles give one type name, as the first run saw them.
pub(crate) struct Uses {
    /// The first one's role and content without descriptions, which every other must equal.
    first: (Role, serde_json::Value),
    /// Whether every one so far equals the first.
    alike: bool,
    /// Whether every one so far defined a type where it is (not a string, a list or a `$ref`).
    defines_type: bool,
    /// Where each one is.
    pointers: Vec<String>,
}

/// `schema`'s content without its descriptions, at every depth: what two copies of one titled
/// shape must share.
fn undocumented(schema: &Schema) -> serde_json::Value {
    fn strip(value: &mut serde_json::Value) {
        match value {
            serde_json::Value::Object(fields) => {
                if fields
                    .get("description")
                    .is_some_and(serde_json::Value::is_string)
                {
                    fields.remove("description");
                }
                fields.values_mut().for_each(strip);
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(strip),
            _ => {}
        }
    }
    let mut value = serde_json::to_value(schema).unwrap_or_default();
    strip(&mut value);
    value
}

/// A run that names types by the titles in `usable`.
pub(crate) struct Using {
    usable: BTreeSet<String>,
    /// What the first schema carrying each title walked to, and where it is; its copies are that
    /// type.
    defined: BTreeMap<String, (Walked, Site)>,
    /// The titles whose types are being defined, innermost last.
    active: Vec<String>,
    /// Every name handed out while a titled type was being defined, with that title.
    named_under: BTreeMap<String, String>,
    /// Titles whose names met another item's in this run.
    conflicts: BTreeSet<String>,
}

/// What the walk does with an inline schema titled with type name `name`.
pub(crate) enum Decision {
    /// Name it by its place (and, in the first run, it has been recorded).
    Place,
    /// Define the type `name` from it: call [`Titles::defined`] when done.
    Define,
    /// It is a copy of the type `name`, already walked to this at that site.
    Reuse(Walked, Site),
}

impl Titles {
    /// The first run's titles: none used, every one surveyed.
    pub(crate) fn survey() -> Self {
        Self::Survey(BTreeMap::new())
    }

    /// Records (first run) or looks up (later runs) the inline schema at `pointer`, whose title
    /// gives type name `name`.
    pub(crate) fn decide(&mut self, name: &str, schema: &Schema, role: Role, pointer: &str) -> Decision {
        match self {
            Self::Survey(uses) => {
                match uses.get_mut(name) {
                    Some(uses) => {
                        uses.alike &= uses.first.0 == role && uses.first.1 == undocumented(schema);
                        uses.pointers.push(pointer.to_owned());
                    }
                    None => {
                        let first = Uses {
                            first: (role, undocumented(schema)),
                            alike: true,
                            defines_type: true,
                            pointers: vec![pointer.to_owned()],
                        };
                        uses.insert(name.to_owned(), first);
                    }
                }
                Decision::Place
            }
            Self::Use(using) => match using.defined.get(name) {
                Some((walked, site)) => Decision::Reuse(walked.clone(), site.clone()),
                None if using.usable.contains(name) => {
                    using.active.push(name.to_owned());
                    Decision::Define
                }
                None => Decision::Place,
            },
        }
    }

    /// First run: whether the titled schema just walked by its place defined a type there.
    pub(crate) fn surveyed(&mut self, name: &str, defines_type: bool) {
        if let Self::Survey(uses) = self {
            if let Some(uses) = uses.get_mut(name) {
                uses.defines_type &= defines_type;
            }
        }
    }

    /// Later runs: the type named by title `name` is defined at `site`; its copies reuse
    /// `walked`.
    pub(crate) fn defined(&mut self, name: String, walked: Option<&Walked>, site: Site) {
        if let Self::Use(using) = self {
            using.active.pop();
            if let Some(walked) = walked {
                using.defined.insert(name, (walked.clone(), site));
            }
        }
    }

    /// Later runs: `name` was asked for but another item held it, so what asked was named
    /// otherwise. A meeting that involves a titled type's names drops the titles involved.
    pub(crate) fn moved_aside(&mut self, name: &str) {
        let Self::Use(using) = self else { return };
        if let Some(title) = using.named_under.get(name) {
            using.conflicts.insert(title.clone());
        }
        if let Some(title) = using.active.last() {
            using.conflicts.insert(title.clone());
        }
    }

    /// Later runs: `name` was handed out; inside a titled type's definition, it is that title's.
    pub(crate) fn named(&mut self, name: &str) {
        let Self::Use(using) = self else { return };
        if let Some(title) = using.active.last() {
            using.named_under.insert(name.to_owned(), title.clone());
        }
    }

    /// The titles of the next run, or `None` when this run is the result. After the first run:
    /// the titles that may name a type, judged from its survey, the names it handed out
    /// (`names`), the pointers of the problems it reported and the local `secrets` entries. After
    /// a later run: its titles less those whose names met another item's.
    pub(crate) fn next_run<'p>(
        &self,
        names: &Namespace,
        problem_pointers: impl Iterator<Item = &'p str>,
        secrets: &[String],
    ) -> Option<Self> {
        match self {
            Self::Survey(uses) => {
                let usable = usable(uses, names, problem_pointers, secrets);
                (!usable.is_empty()).then(|| using(usable))
            }
            Self::Use(run) if run.conflicts.is_empty() => None,
            Self::Use(run) => Some(using(run.usable.difference(&run.conflicts).cloned().collect())),
        }
    }
}

/// The titles that may name a type, from the first run's survey.
fn usable<'p>(
    uses: &BTreeMap<String, Uses>,
    names: &Namespace,
    problem_pointers: impl Iterator<Item = &'p str>,
    secrets: &[String],
) -> BTreeSet<String> {
    let problems: Vec<&str> = problem_pointers.collect();
    let inside = |pointers: &[String], target: &str| {
        pointers.iter().any(|pointer| {
            target
                .strip_prefix(pointer.as_str())
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
        })
    };
    uses.iter()
        .filter(|(name, uses)| {
            // The first run gave the name to nothing, or to one of these very schemas (a title
            // equal to its own place's name).
            let free = names
                .owner(name)
                .is_none_or(|owner| uses.pointers.iter().any(|pointer| pointer == owner));
            let reported_inside = problems.iter().any(|problem| inside(&uses.pointers, problem));
            let chosen_inside = secrets.iter().any(|entry| inside(&uses.pointers, entry));
            uses.alike && uses.defines_type && free && !reported_inside && !chosen_inside
        })
        .map(|(name, _)| name.clone())
        .collect()
}

/// A later run's titles: those of `usable`.
fn using(usable: BTreeSet<String>) -> Titles {
    Titles::Use(Using {
        usable,
        defined: BTreeMap::new(),
        active: Vec::new(),
        named_under: BTreeMap::new(),
        conflicts: BTreeSet::new(),
    })
}
