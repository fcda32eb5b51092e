//! Whole-graph passes over the lowered types: finding aliases defined through themselves (which
//! Rust cannot express), boxing the fields that would otherwise make a type infinitely large
//! (self- and mutually-recursive schemas), and marking the types that request parameters reach,
//! which need a form-encoding impl.

use std::collections::{BTreeMap, BTreeSet};

use crate::ir::{Operation, TypeDef, TypeKind, TypeRef};

/// Named types a value of `ty` contains inline (without a pointer in between): `Vec`, maps, lists
/// and expandables already allocate, so recursion through them needs no box.
fn inline_children(ty: &TypeRef, out: &mut Vec<String>) {
    match ty {
        TypeRef::Named(name) => out.push(name.clone()),
        TypeRef::Emptyable(inner) => inline_children(inner, out),
        _ => {}
    }
}

fn inline_edges(types: &BTreeMap<String, TypeDef>) -> BTreeMap<String, Vec<String>> {
    types
        .iter()
        .map(|(name, def)| {
            let mut children = Vec::new();
            match &def.kind {
                TypeKind::Struct(s) => s
                    .fields
                    .iter()
                    .for_each(|f| inline_children(&f.ty, &mut children)),
                TypeKind::Alias(ty) => inline_children(ty, &mut children),
                TypeKind::Union(u) => u
                    .variants
                    .iter()
                    .for_each(|(_, ty)| inline_children(ty, &mut children)),
                TypeKind::Enum(_) => {}
            }
            (name.clone(), children)
        })
        .collect()
}

/// Whether `target` is reachable from `start` along inline edges.
fn reaches(edges: &BTreeMap<String, Vec<String>>, start: &str, target: &str) -> bool {
    let mut seen = BTreeSet::new();
    let mut stack = vec![start.to_owned()];
    while let Some(name) = stack.pop() {
        if name == target {
            return true;
        }
        if seen.insert(name.clone()) {
            stack.extend(edges.get(&name).into_iter().flatten().cloned());
        }
    }
    false
}

/// Boxes each struct field whose named type leads back to the struct itself.
pub(super) fn box_recursive_fields(types: &mut BTreeMap<String, TypeDef>) {
    let edges = inline_edges(types);
    for (name, def) in types.iter_mut() {
        match &mut def.kind {
            TypeKind::Struct(s) => s
                .fields
                .iter_mut()
                .for_each(|f| box_if_cyclic(&mut f.ty, name, &edges)),
            TypeKind::Union(u) => u
                .variants
                .iter_mut()
                .for_each(|(_, ty)| box_if_cyclic(ty, name, &edges)),
            TypeKind::Enum(_) | TypeKind::Alias(_) => {}
        }
    }
}

fn box_if_cyclic(ty: &mut TypeRef, owner: &str, edges: &BTreeMap<String, Vec<String>>) {
    match ty {
        TypeRef::Named(target) if reaches(edges, target, owner) => *ty = TypeRef::Boxed(target.clone()),
        TypeRef::Emptyable(inner) => box_if_cyclic(inner, owner, edges),
        _ => {}
    }
}

/// Named types referenced by `ty` in any position.
fn all_children(ty: &TypeRef, out: &mut Vec<String>) {
    match ty {
        TypeRef::Named(name) | TypeRef::Boxed(name) => out.push(name.clone()),
        TypeRef::Array(inner)
        | TypeRef::Map(inner)
        | TypeRef::List(inner)
        | TypeRef::Emptyable(inner)
        | TypeRef::Expandable(inner) => all_children(inner, out),
        TypeRef::String
        | TypeRef::Integer
        | TypeRef::Number
        | TypeRef::Boolean
        | TypeRef::Secret
        | TypeRef::Json
        | TypeRef::RangeQuery => {}
    }
}

/// Marks every type reachable from an operation's parameters as needing `EncodeParam`.
pub(super) fn mark_encodable(
    types: &mut BTreeMap<String, TypeDef>,
    operations: &BTreeMap<String, Operation>,
) {
    let mut stack = Vec::new();
    for operation in operations.values() {
        let params = operation
            .path_params
            .iter()
            .chain(&operation.query_params)
            .chain(&operation.body_params);
        params.for_each(|field| all_children(&field.ty, &mut stack));
    }
    while let Some(name) = stack.pop() {
        let Some(def) = types.get_mut(&name) else { continue };
        if def.encodable {
            continue;
        }
        def.encodable = true;
        match &def.kind {
            TypeKind::Struct(s) => s.fields.iter().for_each(|f| all_children(&f.ty, &mut stack)),
            TypeKind::Alias(ty) => all_children(ty, &mut stack),
            TypeKind::Union(u) => u.variants.iter().for_each(|(_, ty)| all_children(ty, &mut stack)),
            TypeKind::Enum(_) => {}
        }
    }
}

/// Aliases that reach themselves through other aliases only (`a = Vec<a>`, `n = Emptyable<n>`):
/// a type alias is expanded in place, so such a cycle has no Rust form. Sorted by name.
pub(super) fn recursive_aliases(types: &BTreeMap<String, TypeDef>) -> Vec<String> {
    let alias_edges: BTreeMap<String, Vec<String>> = types
        .iter()
        .filter_map(|(name, def)| match &def.kind {
            TypeKind::Alias(ty) => {
                let mut children = Vec::new();
                all_children(ty, &mut children);
                children
                    .retain(|child| matches!(types.get(child).map(|d| &d.kind), Some(TypeKind::Alias(_))));
                Some((name.clone(), children))
            }
            _ => None,
        })
        .collect();
    alias_edges
        .keys()
        .filter(|name| {
            alias_edges[*name]
                .iter()
                .any(|child| reaches(&alias_edges, child, name))
        })
        .cloned()
        .collect()
}
