//! Each type's final id, made from its name once names are given: lowering numbers types in the
//! order it meets them, so one component added to a spec would renumber every type after it, and
//! the API surface a crate records (which holds the ids its references use) would change on every
//! line that names one. An id made from the name changes only when the name does: 64 bits, so two
//! names hashing alike is not expected in practice (when they do, the later in name order takes
//! the next free value, and an earlier name arriving may move it).

use std::collections::{BTreeMap, BTreeSet};

use crate::ir::{Hint, NameSource, Parent, TypeId, TypeRef};

/// The final id of every type of `names` (merged copies excluded): the name's 64-bit FNV-1a hash,
/// or, when two names hash alike, the next free value, given in name order so it is
/// deterministic.
pub(super) fn from_names(names: &BTreeMap<TypeId, String>) -> BTreeMap<TypeId, TypeId> {
    let mut in_name_order: Vec<(&str, TypeId)> =
        names.iter().map(|(id, name)| (name.as_str(), *id)).collect();
    in_name_order.sort();
    let mut taken = BTreeSet::new();
    let mut ids = BTreeMap::new();
    for (name, id) in in_name_order {
        let mut stable = fnv1a64(name);
        while !taken.insert(stable) {
            stable = stable.wrapping_add(1);
        }
        ids.insert(id, TypeId(stable));
    }
    ids
}

/// FNV-1a, 64 bits: small, fixed by its definition (the same on every machine and release).
fn fnv1a64(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// `ty` with every id read through `final_id`.
pub(super) fn relabel(ty: &mut TypeRef, final_id: &impl Fn(TypeId) -> TypeId) {
    match ty {
        TypeRef::Named(id) | TypeRef::Boxed(id) => *id = final_id(*id),
        TypeRef::Array(inner)
        | TypeRef::Map(inner)
        | TypeRef::Expandable(inner)
        | TypeRef::List(inner)
        | TypeRef::Emptyable(inner) => relabel(inner, final_id),
        TypeRef::String
        | TypeRef::Integer
        | TypeRef::Number
        | TypeRef::Boolean
        | TypeRef::Secret
        | TypeRef::Json
        | TypeRef::RangeQuery => {}
    }
}

/// `source` with every id read through `final_id`.
pub(super) fn relabel_source(source: &mut NameSource, final_id: &impl Fn(TypeId) -> TypeId) {
    fn relabel_hint(place: &mut Hint, final_id: &impl Fn(TypeId) -> TypeId) {
        match place {
            Hint::Property {
                parent: Parent::Type(id),
                ..
            }
            | Hint::ComponentItem(id)
            | Hint::Alternative { union: id, .. }
            | Hint::Id(id)
            | Hint::EventTypes(id) => *id = final_id(*id),
            Hint::ArrayItem(inner)
            | Hint::ListItem(inner)
            | Hint::MapValue(inner)
            | Hint::Expanded(inner) => relabel_hint(inner, final_id),
            Hint::Property { .. } | Hint::Response(_) | Hint::EventPayload => {}
        }
    }
    if let NameSource::Derived { hint: place, .. } = source {
        relabel_hint(place, final_id);
    }
}
