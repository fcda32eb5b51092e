//! Whether two types lowered alike: the same shape in the same role, descriptions and places
//! aside. Copies of one titled shape (Stripe words create's and update's copy differently) are
//! then one type, and every type a copy defines inside is paired with the first copy's.

use crate::draft::Draft;
use crate::ir::{Field, NameSource, TypeId, TypeKind, TypeRef};

/// Whether the types `first` and `copy` lowered alike; on success `pairs` gains each type `copy`
/// defines inside (and `copy` itself) with its counterpart in `first`.
pub(super) fn alike(draft: &Draft, first: TypeId, copy: TypeId, pairs: &mut Vec<(TypeId, TypeId)>) -> bool {
    let mark = pairs.len();
    let same = defs_alike(draft, first, copy, pairs);
    if !same {
        pairs.truncate(mark);
    }
    same
}

fn defs_alike(draft: &Draft, first: TypeId, copy: TypeId, pairs: &mut Vec<(TypeId, TypeId)>) -> bool {
    if first == copy {
        return true;
    }
    let (Some(a), Some(b)) = (draft.types.get(&first), draft.types.get(&copy)) else {
        return false;
    };
    // A component is one type wherever it is used: two different ones are never alike.
    let is_component = |source: &NameSource| matches!(source, NameSource::Component);
    if is_component(&a.source) || is_component(&b.source) || a.file != b.file || a.caps != b.caps {
        return false;
    }
    // What they would be named by: inner shapes titled differently are not one shape (the one
    // type would take whichever title came first).
    let title = |source: &NameSource| match source {
        NameSource::Derived { title, .. } => title.clone(),
        NameSource::Component | NameSource::Recorded => None,
    };
    if title(&a.source) != title(&b.source) {
        return false;
    }
    pairs.push((copy, first));
    match (&a.kind, &b.kind) {
        (TypeKind::Struct(a), TypeKind::Struct(b)) => {
            a.object_tag == b.object_tag
                && a.has_id == b.has_id
                && a.expandable == b.expandable
                && a.fields.len() == b.fields.len()
                && a.fields
                    .iter()
                    .zip(&b.fields)
                    .all(|(x, y)| fields_alike(draft, x, y, pairs))
                && match (a.id_type, b.id_type) {
                    (None, None) => true,
                    (Some(x), Some(y)) => defs_alike(draft, x, y, pairs),
                    _ => false,
                }
        }
        (TypeKind::Enum(a), TypeKind::Enum(b)) => {
            a.fallback == b.fallback
                && a.variants.len() == b.variants.len()
                && a.variants.iter().zip(&b.variants).all(|(x, y)| x.wire == y.wire)
        }
        (TypeKind::Alias(a), TypeKind::Alias(b)) => refs_alike(draft, a, b, pairs),
        (TypeKind::Union(a), TypeKind::Union(b)) => {
            a.fallback == b.fallback
                && a.variant_words == b.variant_words
                && a.variants.len() == b.variants.len()
                && a.variants
                    .iter()
                    .zip(&b.variants)
                    .all(|((_, x), (_, y))| refs_alike(draft, x, y, pairs))
        }
        (TypeKind::Id, TypeKind::Id) => true,
        _ => false,
    }
}

fn fields_alike(draft: &Draft, a: &Field, b: &Field, pairs: &mut Vec<(TypeId, TypeId)>) -> bool {
    a.wire_name == b.wire_name
        && a.required == b.required
        && a.nullable == b.nullable
        && a.clear_setter.is_some() == b.clear_setter.is_some()
        && a.flatten == b.flatten
        && a.max_length == b.max_length
        && refs_alike(draft, &a.ty, &b.ty, pairs)
}

fn refs_alike(draft: &Draft, a: &TypeRef, b: &TypeRef, pairs: &mut Vec<(TypeId, TypeId)>) -> bool {
    match (a, b) {
        (TypeRef::Named(x), TypeRef::Named(y)) | (TypeRef::Boxed(x), TypeRef::Boxed(y)) => {
            defs_alike(draft, *x, *y, pairs)
        }
        (TypeRef::Array(x), TypeRef::Array(y))
        | (TypeRef::Map(x), TypeRef::Map(y))
        | (TypeRef::Expandable(x), TypeRef::Expandable(y))
        | (TypeRef::List(x), TypeRef::List(y))
        | (TypeRef::Emptyable(x), TypeRef::Emptyable(y)) => refs_alike(draft, x, y, pairs),
        _ => a == b,
    }
}
