//! Which types the operations reach, and dropping the rest: a type no
//! operation reaches (left over from converting a schema whose final form
//! names another type) would only cost compile time, and, gated by no
//! feature, could name a type that a feature leaves out.

use super::{Operation, Stage, TypeDef, TypeKind, TypeRef};
use rustc_hash::FxHashSet;
use std::collections::BTreeMap;

/// Removes the types no operation reaches. It runs once the operations
/// are decided: a multipart field whose type is an alias of a list is sent
/// as parts of the item type, so the alias is not reached through it.
pub(super) fn prune(types: &mut BTreeMap<String, TypeDef>, operations: &[Operation]) {
    let ops: Vec<&Operation> = operations.iter().collect();
    let index = super::by_name(types);
    let keep: FxHashSet<String> = reached(|n| index.get(n).copied(), &ops).into_iter().map(str::to_string).collect();
    types.retain(|name, _| keep.contains(name));
}

/// Every type the operations name, directly or through other types.
pub(super) fn reached<'t, S: Stage<Resolved = TypeRef>>(
    lookup: impl Fn(&str) -> Option<&'t TypeDef<S>>,
    ops: &[&'t Operation],
) -> FxHashSet<&'t str> {
    let roots = ops.iter().flat_map(|op| op.sent().chain(op.received())).collect();
    reached_from(lookup, roots)
}

/// Every type `roots` name, directly or through other types (struct
/// fields, union variants, alias targets, containers).
pub(super) fn reached_from<'t, S: Stage<Resolved = TypeRef>>(
    lookup: impl Fn(&str) -> Option<&'t TypeDef<S>>,
    roots: Vec<&'t TypeRef>,
) -> FxHashSet<&'t str> {
    let mut seen: FxHashSet<&str> = FxHashSet::default();
    let mut todo = roots;
    while let Some(ty) = todo.pop() {
        match ty {
            TypeRef::Named(name) => {
                let Some(def) = lookup(name) else { continue };
                if !seen.insert(def.name.as_str()) {
                    continue;
                }
                match &def.kind {
                    TypeKind::Struct(s) => todo.extend(s.fields.iter().map(|f| &f.ty)),
                    TypeKind::Union(vs) => todo.extend(vs.iter().map(|v| &v.ty)),
                    TypeKind::Alias(a) => todo.extend([&a.target, &a.resolved]),
                    TypeKind::StringEnum(_) | TypeKind::IntEnum(_) => {}
                }
            }
            TypeRef::Vec(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => todo.push(inner),
            _ => {}
        }
    }
    seen
}
