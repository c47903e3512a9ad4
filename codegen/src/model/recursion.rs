//! Types that contain themselves (directly or through others) need a `Box`
//! somewhere on the cycle. (Aliases that only refer to each other are
//! reported by `aliases`, since no `Box` can break them.)

use super::{graph, TypeDef, TypeKind, TypeRef, Undecided};
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;

/// The named type a value of `ty` holds inline (not behind `Vec`/`Map`).
fn inline_target(ty: &TypeRef) -> Option<&str> {
    match ty {
        TypeRef::Named(n) => Some(n),
        TypeRef::Nullable(inner) => inline_target(inner),
        _ => None,
    }
}

fn edges(def: &TypeDef<Undecided>) -> Vec<&str> {
    match &def.kind {
        TypeKind::Struct(s) => s.fields.iter().filter_map(|f| inline_target(&f.ty)).collect(),
        TypeKind::Union(vs) => vs.iter().filter_map(|v| inline_target(&v.ty)).collect(),
        TypeKind::Alias(a) => inline_target(&a.target).into_iter().collect(),
        TypeKind::StringEnum(_) | TypeKind::IntEnum(_) => Vec::new(),
    }
}

/// The fields and variants to box: by type name, their indexes in it;
/// what `decide` moves into [`Field::boxed`](super::Field::boxed) and
/// [`Variant::boxed`](super::Variant::boxed).
pub(super) fn box_cycles(types: &BTreeMap<String, TypeDef<Undecided>>) -> FxHashMap<String, Vec<usize>> {
    let component = strongly_connected(types);
    back_edges(types, &super::by_name(types), &component)
}

/// The named struct or union a value of `ty` holds inline, looking
/// through aliases (which cannot hold a `Box` themselves).
fn holder_target<'t>(ty: &'t TypeRef, types: &FxHashMap<&str, &'t TypeDef<Undecided>>) -> Option<&'t str> {
    let name = inline_target(ty)?;
    match types.get(name).map(|d| &d.kind) {
        Some(TypeKind::Alias(alias)) => inline_target(&alias.resolved),
        _ => Some(name),
    }
}

/// A type on the walk's stack: its name, its `(slot, target)` edges within
/// its cycle and the next edge to follow.
type Walk<'t> = (&'t str, Vec<(usize, &'t str)>, usize);

/// The values to box (by type name, field or variant indexes): the back edges
/// of a depth-first walk over each cycle, in name order. Removing a
/// walk's back edges leaves no cycle, and it boxes far fewer values than
/// boxing every edge inside a cycle would.
fn back_edges<'t>(
    types: &'t BTreeMap<String, TypeDef<Undecided>>,
    index: &FxHashMap<&str, &'t TypeDef<Undecided>>,
    component: &FxHashMap<String, usize>,
) -> FxHashMap<String, Vec<usize>> {
    let slots = |name: &str| -> Vec<(usize, &'t str)> {
        let targets: Vec<Option<&str>> = match index.get(name).map(|d| &d.kind) {
            Some(TypeKind::Struct(s)) => s.fields.iter().map(|f| holder_target(&f.ty, index)).collect(),
            Some(TypeKind::Union(vs)) => vs.iter().map(|v| holder_target(&v.ty, index)).collect(),
            _ => Vec::new(),
        };
        let own = component.get(name);
        targets
            .into_iter()
            .enumerate()
            .filter_map(|(i, t)| t.filter(|t| component.get(*t) == own).map(|t| (i, t)))
            .collect()
    };
    // 1: on the walk's stack; 2: finished.
    let mut state: FxHashMap<&str, u8> = FxHashMap::default();
    let mut boxed: FxHashMap<String, Vec<usize>> = FxHashMap::default();
    for root in types.keys() {
        if state.contains_key(root.as_str()) {
            continue;
        }
        state.insert(root, 1);
        let mut stack: Vec<Walk<'_>> = vec![(root, slots(root), 0)];
        while let Some((node, edges, next)) = stack.last_mut() {
            let Some(&(slot, target)) = edges.get(*next) else {
                state.insert(node, 2);
                stack.pop();
                continue;
            };
            *next += 1;
            let node = *node;
            match state.get(target) {
                Some(1) => {
                    boxed.entry(node.to_string()).or_default().push(slot);
                }
                Some(_) => {}
                None => {
                    state.insert(target, 1);
                    stack.push((target, slots(target), 0));
                }
            }
        }
    }
    boxed
}

/// Each type's strongly connected component (see [`graph::components`]);
/// only types on a cycle share a number with another type.
fn strongly_connected(types: &BTreeMap<String, TypeDef<Undecided>>) -> FxHashMap<String, usize> {
    let names: Vec<&str> = types.keys().map(String::as_str).collect();
    let index_of: FxHashMap<&str, usize> = names.iter().enumerate().map(|(i, n)| (*n, i)).collect();
    let adj: Vec<Vec<usize>> = names
        .iter()
        .map(|n| edges(&types[*n]).into_iter().filter_map(|t| index_of.get(t).copied()).collect())
        .collect();
    let comp = graph::components(&adj);
    names.iter().zip(comp).map(|(name, c)| (name.to_string(), c)).collect()
}
