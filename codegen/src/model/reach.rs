//! Which types the operations reach, and dropping the rest: a type no
//! operation reaches (left over from converting a schema whose final form
//! names another type) would only cost compile time, and, gated by no
//! feature, could name a type that a feature leaves out.

use super::{Api, BodyKind, Operation, Stage, TypeDef, TypeKind, TypeRef};
use std::collections::{HashMap, HashSet};

/// Removes the types no operation reaches.
pub(super) fn prune(api: &mut Api) {
    let types: HashMap<&str, &TypeDef> = api.types.iter().map(|t| (t.name.as_str(), t)).collect();
    let ops: Vec<&Operation> = api.operations.iter().collect();
    let keep: HashSet<String> = reached(&types, &ops).into_iter().map(str::to_string).collect();
    api.types.retain(|t| keep.contains(&t.name));
}

/// Every type the operations name, directly or through other types.
pub(super) fn reached<'t>(types: &HashMap<&str, &'t TypeDef>, ops: &[&'t Operation]) -> HashSet<&'t str> {
    let mut roots: Vec<&TypeRef> = Vec::new();
    for op in ops {
        roots.extend(op.path_params.iter().map(|p| &p.ty));
        roots.extend(op.params.iter().flat_map(|ps| ps.fields.iter().map(|p| &p.ty)));
        match op.body.as_ref().map(|b| &b.kind) {
            Some(BodyKind::Json(ty) | BodyKind::Form(ty)) => roots.push(ty),
            Some(BodyKind::Multipart(Some(form))) => roots.extend(form.types()),
            _ => {}
        }
        roots.extend(op.received());
    }
    reached_from(|name| types.get(name).copied(), roots)
}

/// Every type `roots` name, directly or through other types (struct
/// fields, union variants, alias targets, containers).
pub(super) fn reached_from<'t, S: Stage>(
    lookup: impl Fn(&str) -> Option<&'t TypeDef<S>>,
    roots: Vec<&'t TypeRef>,
) -> HashSet<&'t str> {
    let mut seen: HashSet<&str> = HashSet::new();
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
