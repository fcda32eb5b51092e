//! `anyOf` / `oneOf`. Stripe's four special shapes get dedicated types: `[X]` + `nullable` (a
//! nullable X), `[string, $ref…]` + `x-expansionResources` (an expandable ID-or-object),
//! `[T…, enum [""]]` (an emptyable parameter) and `[range object, integer]` (a range filter), as
//! `read::UnionKind` tells them apart. Any other union becomes an untagged enum with one variant
//! per alternative, tried in the spec's order; polymorphic fields (`[customer, deleted_customer]`)
//! decode into whichever fits.

use openapiv3::{ReferenceOr, Schema};

use super::schema::{fallback, insert, lower_type, new_type, Lowered};
use super::Lowerer;
use crate::diagnostic::child;
use crate::ir::{Hint, NameSource, Role, TypeKind, TypeRef, UnionDef, VariantWord};
use crate::naming;
use crate::read::{self, UnionKind};

/// Where the alternatives sit: `…/anyOf` or `…/oneOf`.
struct Alternatives<'a> {
    list: &'a [ReferenceOr<Schema>],
    pointer: String,
}

impl Alternatives<'_> {
    fn pointer(&self, index: usize) -> String {
        child(&self.pointer, &index.to_string())
    }
}

/// Lowers `schema`, whose kind is `keyword` (`anyOf`/`oneOf`) over `alternatives`.
pub(crate) fn lower_union(
    lw: &mut Lowerer,
    schema: &Schema,
    alternatives: &[ReferenceOr<Schema>],
    keyword: &str,
    hint: &Hint,
    pointer: &str,
    role: Role,
) -> Option<Lowered> {
    let data = &schema.schema_data;
    let alts = Alternatives {
        list: alternatives,
        pointer: child(pointer, keyword),
    };
    let description = data.description.clone().unwrap_or_default();
    let done = |ty, max_length| {
        Some(Lowered {
            ty,
            nullable: data.nullable,
            description: description.clone(),
            max_length,
        })
    };
    let all: Vec<usize> = (0..alternatives.len()).collect();
    match UnionKind::of(schema, alternatives, pointer) {
        UnionKind::Single => {
            let inner = lower_type(lw, (&alternatives[0]).into(), hint, &alts.pointer(0), role)?;
            let description = if description.is_empty() {
                inner.description
            } else {
                description.clone()
            };
            Some(Lowered {
                ty: inner.ty,
                nullable: inner.nullable || data.nullable,
                description,
                max_length: inner.max_length,
            })
        }
        UnionKind::Expandable(objects) => {
            let hint = Hint::Expanded(Box::new(hint.clone()));
            let (object, _) = one_or_union(lw, &alts, &objects, &description, &hint, role)?;
            done(TypeRef::Expandable(Box::new(object)), None)
        }
        UnionKind::BadExpandable(finding) => fallback(lw, &finding, &description, data.nullable),
        UnionKind::Emptyable(rest) => {
            // An emptyable string keeps its `maxLength`.
            let (inner, max_length) = one_or_union(lw, &alts, &rest, &description, hint, role)?;
            done(TypeRef::Emptyable(Box::new(inner)), max_length)
        }
        UnionKind::Range => done(TypeRef::RangeQuery, None),
        UnionKind::Plain => {
            let (ty, max_length) = one_or_union(lw, &alts, &all, &description, hint, role)?;
            done(ty, max_length)
        }
    }
}

/// The type of the alternatives at `indices`: that alternative's type when there is one, else an
/// untagged enum, defined at `…/anyOf` and named from `hint`; its alternatives are named after it.
fn one_or_union(
    lw: &mut Lowerer,
    alts: &Alternatives,
    indices: &[usize],
    description: &str,
    hint: &Hint,
    role: Role,
) -> Option<(TypeRef, Option<u32>)> {
    if let [only] = indices {
        let value = read::with_description(&alts.list[*only], description);
        let lowered = lower_type(lw, (&value).into(), hint, &alts.pointer(*only), role)?;
        return Some((lowered.ty, lowered.max_length));
    }
    let id = lw.next_type_id();
    let mut variants: Vec<(String, TypeRef)> = Vec::new();
    let mut variant_words = Vec::new();
    for (position, &index) in indices.iter().enumerate() {
        let value = read::with_description(&alts.list[index], description);
        let alternative = &alts.list[index];
        let word = match alternative {
            openapiv3::ReferenceOr::Reference { .. } => VariantWord::TypeName,
            openapiv3::ReferenceOr::Item(schema) => {
                VariantWord::Word(read::variant_word(alternative, schema))
            }
        };
        let alternative_hint = Hint::Alternative {
            union: id,
            index: position,
        };
        let lowered = lower_type(lw, (&value).into(), &alternative_hint, &alts.pointer(index), role)?;
        variants.push((String::new(), lowered.ty));
        variant_words.push(word);
    }
    let docs = lw.docs.sanitize_or(description, || {
        format!("One of {} types, tried in order.", variants.len())
    });
    // Only what Stripe sends grows new kinds; a parameter union is built by the user.
    let fallback = (role == Role::Model).then(|| naming::FALLBACK_VARIANT.to_owned());
    let source = NameSource::Derived {
        hint: hint.clone(),
        title: None,
    };
    let kind = TypeKind::Union(UnionDef {
        variants,
        variant_words,
        fallback,
        // `has_id` is known once every type is (`finish`).
        has_id: false,
    });
    insert(lw, new_type(id, source, docs, &alts.pointer, role, kind));
    Some((TypeRef::Named(id), None))
}
