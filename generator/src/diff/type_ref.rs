//! Field, parameter and response types (and descriptions) as the comparison sees them: equal
//! once old names are read through the renames, and shown as a user reads them in Rust.

use crate::change::{with_new_names, Renames};
use crate::ir::{TypeRef, Types};

/// What reading one IR's references against another's takes: each side's type names (a
/// reference holds a type's id), and the renames from old names to new.
#[derive(Clone, Copy)]
pub(super) struct Reading<'a> {
    pub old: &'a Types,
    pub new: &'a Types,
    pub renames: &'a Renames,
}

/// Whether two types are the same once old names are read through the renames. A type that
/// becomes boxed (recursion reached it) is another type: `Box<Node>` is what users write.
pub(super) fn same_type(before: &TypeRef, after: &TypeRef, reading: Reading<'_>) -> bool {
    match (before, after) {
        (TypeRef::Named(a), TypeRef::Named(b)) | (TypeRef::Boxed(a), TypeRef::Boxed(b)) => {
            let old = reading.old.name(*a);
            reading.renames.get(old).map_or(old, String::as_str) == reading.new.name(*b)
        }
        (TypeRef::Array(a), TypeRef::Array(b))
        | (TypeRef::Map(a), TypeRef::Map(b))
        | (TypeRef::Expandable(a), TypeRef::Expandable(b))
        | (TypeRef::List(a), TypeRef::List(b))
        | (TypeRef::Emptyable(a), TypeRef::Emptyable(b)) => same_type(a, b, reading),
        (a, b) => a == b,
    }
}

/// Whether two descriptions are the same once old type names in them are read through
/// `renames`: a rename is a change of its own, not also one to every description naming the
/// type.
pub(super) fn same_docs(before: &str, after: &str, renames: &Renames) -> bool {
    with_new_names(before, renames) == after
}

/// A type as a user reads it in Rust, its names read in `types`.
pub(super) fn show(ty: &TypeRef, types: &Types) -> String {
    let show = |ty| show(ty, types);
    match ty {
        TypeRef::String => "String".into(),
        TypeRef::Integer => "i64".into(),
        TypeRef::Number => "f64".into(),
        TypeRef::Boolean => "bool".into(),
        TypeRef::Secret => "Secret".into(),
        TypeRef::Json => "serde_json::Value".into(),
        TypeRef::Named(id) => types.name(*id).to_owned(),
        TypeRef::Boxed(id) => format!("Box<{}>", types.name(*id)),
        TypeRef::Array(inner) => format!("Vec<{}>", show(inner)),
        TypeRef::Map(inner) => format!("BTreeMap<String, {}>", show(inner)),
        TypeRef::Expandable(inner) => format!("Expandable<{}>", show(inner)),
        TypeRef::List(inner) => format!("List<{}>", show(inner)),
        TypeRef::Emptyable(inner) => format!("Emptyable<{}>", show(inner)),
        TypeRef::RangeQuery => "RangeQuery<i64>".into(),
    }
}
