//! Whole-graph passes over the lowered types: finding aliases defined through themselves (which
//! Rust cannot express), boxing the fields that would otherwise make a type infinitely large
//! (self- and mutually-recursive schemas), and marking the types that request parameters reach,
//! which need a form-encoding impl.

use std::collections::{BTreeMap, BTreeSet};

use crate::ir::{Operation, TypeId, TypeKind, TypeRef, Types};

/// Named types a value of `ty` contains inline (without a pointer in between): `Vec`, maps, lists
/// and expandables already allocate, so recursion through them needs no box.
fn inline_children(ty: &TypeRef, out: &mut Vec<TypeId>) {
    match ty {
        TypeRef::Named(id) => out.push(*id),
        TypeRef::Emptyable(inner) => inline_children(inner, out),
        _ => {}
    }
}

fn inline_edges(types: &Types) -> BTreeMap<TypeId, Vec<TypeId>> {
    types
        .values()
        .map(|def| {
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
                TypeKind::EventPayload(e) => e
                    .variants
                    .iter()
                    .for_each(|v| inline_children(&v.object, &mut children)),
                TypeKind::Enum(_) | TypeKind::Id => {}
            }
            (def.id, children)
        })
        .collect()
}

/// Whether `target` is reachable from `start` along inline edges.
fn reaches(edges: &BTreeMap<TypeId, Vec<TypeId>>, start: TypeId, target: TypeId) -> bool {
    let mut seen = BTreeSet::new();
    let mut stack = vec![start];
    while let Some(id) = stack.pop() {
        if id == target {
            return true;
        }
        if seen.insert(id) {
            stack.extend(edges.get(&id).into_iter().flatten().copied());
        }
    }
    false
}

/// Boxes each struct field (and union variant) whose named type leads back to its owner. The
/// strongly connected components of the inline graph are computed once; a field needs a box
/// exactly when its type sits in its owner's component, so no search runs per field.
pub(super) fn box_recursive_fields(types: &mut Types) {
    let edges = inline_edges(types);
    let component = strongly_connected(&edges);
    for def in types.values_mut() {
        let name = def.id;
        match &mut def.kind {
            TypeKind::Struct(s) => s
                .fields
                .iter_mut()
                .for_each(|f| box_if_cyclic(&mut f.ty, name, &component)),
            TypeKind::Union(u) => u
                .variants
                .iter_mut()
                .for_each(|(_, ty)| box_if_cyclic(ty, name, &component)),
            TypeKind::Enum(_) | TypeKind::Id | TypeKind::Alias(_) | TypeKind::EventPayload(_) => {}
        }
    }
}

fn box_if_cyclic(ty: &mut TypeRef, owner: TypeId, component: &BTreeMap<TypeId, usize>) {
    match ty {
        TypeRef::Named(target) if component.get(target) == component.get(&owner) => {
            *ty = TypeRef::Boxed(*target)
        }
        TypeRef::Emptyable(inner) => box_if_cyclic(inner, owner, component),
        _ => {}
    }
}

/// Tarjan's algorithm, iterative (a spec may nest thousands deep): each node's component number.
fn strongly_connected(edges: &BTreeMap<TypeId, Vec<TypeId>>) -> BTreeMap<TypeId, usize> {
    let names: Vec<TypeId> = edges.keys().copied().collect();
    let index_of: BTreeMap<TypeId, usize> = names.iter().enumerate().map(|(i, n)| (*n, i)).collect();
    let successors: Vec<Vec<usize>> = names
        .iter()
        .map(|n| edges[n].iter().filter_map(|t| index_of.get(t).copied()).collect())
        .collect();
    let count = names.len();
    let (mut index, mut low, mut on_stack) = (vec![usize::MAX; count], vec![0; count], vec![false; count]);
    let mut component = vec![usize::MAX; count];
    let (mut next_index, mut next_component) = (0, 0);
    let mut stack = Vec::new();
    for root in 0..count {
        if index[root] != usize::MAX {
            continue;
        }
        // Each frame: a node and how many of its successors were visited.
        let mut frames = vec![(root, 0)];
        while let Some(&mut (node, ref mut visited)) = frames.last_mut() {
            if *visited == 0 && index[node] == usize::MAX {
                index[node] = next_index;
                low[node] = next_index;
                next_index += 1;
                stack.push(node);
                on_stack[node] = true;
            }
            if let Some(&next) = successors[node].get(*visited) {
                *visited += 1;
                if index[next] == usize::MAX {
                    frames.push((next, 0));
                } else if on_stack[next] {
                    low[node] = low[node].min(index[next]);
                }
                continue;
            }
            frames.pop();
            if let Some(&(parent, _)) = frames.last() {
                low[parent] = low[parent].min(low[node]);
            }
            if low[node] == index[node] {
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component[member] = next_component;
                    if member == node {
                        break;
                    }
                }
                next_component += 1;
            }
        }
    }
    names.into_iter().zip(component).collect()
}

/// Named types referenced by `ty` in any position.
fn all_children(ty: &TypeRef, out: &mut Vec<TypeId>) {
    match ty {
        TypeRef::Named(id) | TypeRef::Boxed(id) => out.push(*id),
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
pub(super) fn mark_encodable(types: &mut Types, operations: &BTreeMap<String, Operation>) {
    let mut stack = Vec::new();
    for operation in operations.values() {
        let params = operation
            .path_params
            .iter()
            .chain(&operation.query_params)
            .chain(&operation.body_params);
        params.for_each(|field| all_children(&field.ty, &mut stack));
    }
    while let Some(id) = stack.pop() {
        let Some(def) = types.def_mut(id) else { continue };
        if def.caps.encode {
            continue;
        }
        def.caps.encode = true;
        match &def.kind {
            TypeKind::Struct(s) => s.fields.iter().for_each(|f| all_children(&f.ty, &mut stack)),
            TypeKind::Alias(ty) => all_children(ty, &mut stack),
            TypeKind::Union(u) => u.variants.iter().for_each(|(_, ty)| all_children(ty, &mut stack)),
            TypeKind::Enum(_) | TypeKind::Id | TypeKind::EventPayload(_) => {}
        }
    }
}

/// Aliases that reach themselves through other aliases only (`a = Vec<a>`, `n = Emptyable<n>`):
/// a type alias is expanded in place, so such a cycle has no Rust form.
pub(super) fn recursive_aliases(types: &Types) -> Vec<TypeId> {
    let alias_edges: BTreeMap<TypeId, Vec<TypeId>> = types
        .values()
        .filter_map(|def| match &def.kind {
            TypeKind::Alias(ty) => {
                let mut children = Vec::new();
                all_children(ty, &mut children);
                children
                    .retain(|child| matches!(types.def(*child).map(|d| &d.kind), Some(TypeKind::Alias(_))));
                Some((def.id, children))
            }
            _ => None,
        })
        .collect();
    alias_edges
        .keys()
        .filter(|id| {
            alias_edges[*id]
                .iter()
                .any(|child| reaches(&alias_edges, *child, **id))
        })
        .copied()
        .collect()
}
