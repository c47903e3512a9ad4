//! Alias chains, followed once. Right after the types are built, every
//! alias records the type it finally stands for ([`Alias::resolved`]), and
//! aliases that refer back to themselves are reported. Later stages look
//! through an alias with one lookup ([`resolve`]) and never walk a chain,
//! so there is no hop limit anywhere and one error for a cycle.

use super::{graph, Stage, TypeDef, TypeKind, TypeRef, Undecided, Unresolved};
use crate::diagnostic::{Code, Diagnostic};
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;

/// `ty`, or what it stands for when it names an alias.
pub(super) fn resolve<'t, S: Stage<Resolved = TypeRef>>(
    ty: &'t TypeRef,
    lookup: impl Fn(&str) -> Option<&'t TypeDef<S>>,
) -> &'t TypeRef {
    match ty {
        TypeRef::Named(name) => match lookup(name).map(|d| &d.kind) {
            Some(TypeKind::Alias(alias)) => &alias.resolved,
            _ => ty,
        },
        _ => ty,
    }
}

/// Every name `ty` mentions, inside containers too.
fn mentions<'t>(ty: &'t TypeRef, out: &mut Vec<&'t str>) {
    match ty {
        TypeRef::Named(name) => out.push(name),
        TypeRef::Vec(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => mentions(inner, out),
        _ => {}
    }
}

/// The name a value of `ty` is, looking only through `Option`.
fn top_name(ty: &TypeRef) -> Option<&str> {
    match ty {
        TypeRef::Named(name) => Some(name),
        TypeRef::Nullable(inner) => top_name(inner),
        _ => None,
    }
}

/// `ty` with a top-level alias (through `Option`) replaced by what it
/// stands for.
fn substitute(ty: &TypeRef, resolved: &FxHashMap<String, TypeRef>) -> TypeRef {
    match ty {
        TypeRef::Named(name) => resolved.get(name).cloned().unwrap_or_else(|| ty.clone()),
        TypeRef::Nullable(inner) => TypeRef::Nullable(Box::new(substitute(inner, resolved))),
        other => other.clone(),
    }
}

/// The types with [`Alias::resolved`](super::Alias::resolved) known for
/// every alias; each cycle of aliases is reported once. Rust cannot express an alias that contains itself, even
/// through `Vec` or a map, so any such cycle is an error; the aliases on it
/// keep their target as written. Under `lenient` it is a warning, and the
/// cycle's first alias stands for any JSON value, which breaks it.
pub(super) fn resolve_all(
    mut types: BTreeMap<String, TypeDef<Unresolved>>,
    diags: &mut Vec<Diagnostic>,
    lenient: bool,
) -> BTreeMap<String, TypeDef<Undecided>> {
    let names: Vec<&str> =
        types.values().filter(|d| matches!(d.kind, TypeKind::Alias(_))).map(|d| d.name.as_str()).collect();
    let index: FxHashMap<&str, usize> = names.iter().enumerate().map(|(i, n)| (*n, i)).collect();
    let target = |name: &str| match &types[name].kind {
        TypeKind::Alias(alias) => &alias.target,
        _ => unreachable!("`names` holds aliases only"),
    };
    let adj: Vec<Vec<usize>> = names
        .iter()
        .map(|n| {
            let mut out = Vec::new();
            mentions(target(n), &mut out);
            out.into_iter().filter_map(|m| index.get(m).copied()).collect()
        })
        .collect();
    let comp = graph::components(&adj);
    let cyclic = graph::on_cycle(&adj, &comp);

    let mut members: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, c) in comp.iter().enumerate() {
        if cyclic[i] {
            members.entry(*c).or_default().push(i);
        }
    }
    let mut cycles: Vec<Vec<&str>> = members.values().map(|cycle| cycle.iter().map(|&i| names[i]).collect()).collect();
    cycles.sort();
    let mut broken: Vec<String> = Vec::new();
    for cycle in &cycles {
        let inline = cycle.iter().all(|n| top_name(target(n)).is_some_and(|t| cycle.contains(&t)));
        let what =
            if inline { "$ref cycle that no object or array breaks" } else { "$ref cycle through arrays or maps only" };
        let message = format!("{what}: {}", cycle.join(" → "));
        let source = &types[cycle[0]].source;
        diags.push(if lenient {
            broken.push(cycle[0].to_string());
            Diagnostic::new(Code::AliasCycle, source, message)
                .recovered(&format!("{} becomes any JSON value", cycle[0]))
        } else {
            Diagnostic::new(Code::AliasCycle, source, message)
                .with_hint("one of these schemas must be an object, array or map that holds the next")
        });
    }
    if !broken.is_empty() {
        for name in broken {
            if let Some(TypeDef { kind: TypeKind::Alias(alias), .. }) = types.get_mut(&name) {
                alias.target = TypeRef::Json;
            }
        }
        // Each cycle lost a member, so this ends.
        return resolve_all(types, diags, lenient);
    }

    // Components come sinks first, so the aliases an alias refers to are
    // resolved before it is.
    let mut order: Vec<usize> = (0..names.len()).filter(|&i| !cyclic[i]).collect();
    order.sort_by_key(|&i| comp[i]);
    let mut resolved: FxHashMap<String, TypeRef> = FxHashMap::default();
    for i in order {
        let ty = substitute(target(names[i]), &resolved);
        resolved.insert(names[i].to_string(), ty);
    }
    let with_resolved = |(key, def): (String, TypeDef<Unresolved>)| {
        let TypeDef { name, source, docs, kind, traits: (), features: () } = def;
        // An alias on a cycle (an error) stands for its target as written.
        let kind = kind.restage(|_, ()| (), |target, ()| resolved.remove(&name).unwrap_or_else(|| target.clone()));
        (key, TypeDef { name, source, docs, kind, traits: (), features: () })
    };
    types.into_iter().map(with_resolved).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Alias;

    fn alias(name: &str, target: TypeRef) -> (String, TypeDef<Unresolved>) {
        let kind = TypeKind::Alias(Alias { target, resolved: () });
        let def =
            TypeDef { name: name.into(), source: format!("/x/{name}"), docs: None, kind, traits: (), features: () };
        (name.into(), def)
    }

    fn named(name: &str) -> TypeRef {
        TypeRef::Named(name.into())
    }

    fn resolved(types: &BTreeMap<String, TypeDef<Undecided>>, name: &str) -> TypeRef {
        match &types[name].kind {
            TypeKind::Alias(a) => a.resolved.clone(),
            _ => panic!("{name} is not an alias"),
        }
    }

    #[test]
    fn chains_resolve_in_one_lookup() {
        let types: BTreeMap<String, TypeDef<Unresolved>> = [
            alias("A", named("B")),
            alias("B", TypeRef::Nullable(Box::new(named("C")))),
            alias("C", TypeRef::String),
            alias("D", TypeRef::Vec(Box::new(named("A")))),
        ]
        .into_iter()
        .collect();
        let mut diags = Vec::new();
        let types = resolve_all(types, &mut diags, false);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(resolved(&types, "A"), TypeRef::Nullable(Box::new(TypeRef::String)));
        assert_eq!(resolved(&types, "C"), TypeRef::String);
        // Only the top level is resolved: `Vec<A>` still names `A`.
        assert_eq!(resolved(&types, "D"), TypeRef::Vec(Box::new(named("A"))));
    }

    #[test]
    fn each_cycle_is_one_error() {
        let types: BTreeMap<String, TypeDef<Unresolved>> = [
            alias("A", named("B")),
            alias("B", named("A")),
            alias("L", TypeRef::Vec(Box::new(named("L")))),
            alias("Ok", named("A")),
        ]
        .into_iter()
        .collect();
        let mut diags = Vec::new();
        let types = resolve_all(types, &mut diags, false);
        let messages: Vec<&str> = diags.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            ["$ref cycle that no object or array breaks: A → B", "$ref cycle through arrays or maps only: L"]
        );
        // An alias into a cycle stops at the cycle instead of looping.
        assert_eq!(resolved(&types, "Ok"), named("A"));
    }

    #[test]
    fn lenient_breaks_each_cycle_with_a_json_value() {
        let types: BTreeMap<String, TypeDef<Unresolved>> = [
            alias("A", named("B")),
            alias("B", named("A")),
            alias("L", TypeRef::Vec(Box::new(named("M")))),
            alias("M", TypeRef::Map(Box::new(named("L")))),
        ]
        .into_iter()
        .collect();
        let mut diags = Vec::new();
        let types = resolve_all(types, &mut diags, true);
        let messages: Vec<&str> = diags.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "$ref cycle that no object or array breaks: A → B; A becomes any JSON value",
                "$ref cycle through arrays or maps only: L → M; L becomes any JSON value"
            ]
        );
        assert!(diags.iter().all(|d| !d.is_error()));
        assert_eq!(resolved(&types, "B"), TypeRef::Json);
        assert_eq!(resolved(&types, "M"), TypeRef::Map(Box::new(named("L"))));
        assert_eq!(resolved(&types, "L"), TypeRef::Json);
    }
}
