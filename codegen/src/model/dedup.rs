//! Types that are structurally identical become one. Large specs repeat
//! the same schema under many names (Cloudflare 2026 declares the same few
//! string enums thousands of times); compiling each copy is a cost users
//! pay on every build. One type of each shape is kept, and every other name
//! stays as an alias of it, so code written against any name compiles.
//!
//! "Identical" means the same Rust type: the same kind, member names, wire
//! names, requiredness, variant tags and member types, where a member type
//! that names another type counts as identical when that type is. Docs do
//! not count: an alias keeps its own docs. Found by partition refinement
//! (Moore's algorithm), so identical recursive types merge too.

use super::{Alias, TypeDef, TypeKind, TypeRef, Undecided};
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// The types by name (see [`super::by_name`]).
type ByName<'t> = FxHashMap<&'t str, &'t TypeDef<Undecided>>;

/// Merges identical types into aliases of one of them and returns which
/// became aliases of which (member, canonical). Alias chains must be
/// resolved already (see `aliases`), and free of cycles.
pub(super) fn merge_identical(types: &mut BTreeMap<String, TypeDef<Undecided>>) -> BTreeMap<String, String> {
    let defs: Vec<&TypeDef<Undecided>> = types.values().filter(|d| !matches!(d.kind, TypeKind::Alias(_))).collect();
    let candidates: Vec<&str> = defs.iter().map(|d| d.name.as_str()).collect();
    let index: FxHashMap<&str, usize> = candidates.iter().enumerate().map(|(i, n)| (*n, i)).collect();
    let by_name = super::by_name(types);
    let mut class: Vec<usize> = defs.iter().map(|d| kind_class(&d.kind)).collect();
    // Each type's signature is written once, with a slot for each type it
    // names; a round of refinement then only compares slot classes.
    let mut texts: FxHashMap<String, usize> = FxHashMap::default();
    let shapes: Vec<(usize, Vec<usize>)> = defs
        .iter()
        .map(|def| {
            let mut slots = Vec::new();
            let text = signature(def, &by_name, &index, &mut slots);
            let fresh = texts.len();
            (*texts.entry(text).or_insert(fresh), slots)
        })
        .collect();
    let mut count = 0;
    loop {
        let mut ids: FxHashMap<(usize, usize, Vec<usize>), usize> = FxHashMap::default();
        let next: Vec<usize> = shapes
            .iter()
            .enumerate()
            .map(|(i, (text, slots))| {
                let key = (class[i], *text, slots.iter().map(|&s| class[s]).collect());
                let fresh = ids.len();
                *ids.entry(key).or_insert(fresh)
            })
            .collect();
        let stable = ids.len() == count;
        count = ids.len();
        class = next;
        if stable {
            break;
        }
    }

    let mut groups: BTreeMap<usize, Vec<&str>> = BTreeMap::new();
    for (i, name) in candidates.iter().enumerate() {
        groups.entry(class[i]).or_default().push(name);
    }
    let mut merged: BTreeMap<String, String> = BTreeMap::new();
    for members in groups.values().filter(|m| m.len() > 1) {
        let canonical = members.iter().min_by_key(|n| preference(&types[**n])).expect("groups are not empty");
        for member in members.iter().filter(|m| *m != canonical) {
            merged.insert(member.to_string(), canonical.to_string());
        }
    }
    for (member, canonical) in &merged {
        if let Some(def) = types.get_mut(member) {
            let target = TypeRef::Named(canonical.clone());
            def.kind = TypeKind::Alias(Alias { target: target.clone(), resolved: target });
        }
    }
    // Aliases that stood for a merged type now stand for its canonical one.
    for def in types.values_mut() {
        if let TypeKind::Alias(alias) = &mut def.kind {
            redirect(&mut alias.resolved, &merged);
        }
    }
    merged
}

/// The type that keeps its definition: a component schema's over one
/// named from its context, then the shortest name, then the first.
fn preference(def: &TypeDef<Undecided>) -> (bool, usize, &str) {
    (!def.source.starts_with("/components/schemas/"), def.name.len(), &def.name)
}

/// The top-level name of `ty` (through `Option`) replaced by its canonical
/// type, if it was merged.
fn redirect(ty: &mut TypeRef, merged: &BTreeMap<String, String>) {
    match ty {
        TypeRef::Named(name) => {
            if let Some(canonical) = merged.get(name) {
                *name = canonical.clone();
            }
        }
        TypeRef::Nullable(inner) => redirect(inner, merged),
        _ => {}
    }
}

fn kind_class(kind: &TypeKind<Undecided>) -> usize {
    match kind {
        TypeKind::Struct(_) => 0,
        TypeKind::StringEnum(_) => 1,
        TypeKind::IntEnum(_) => 2,
        TypeKind::Union(_) => 3,
        TypeKind::Alias(_) => 4,
    }
}

/// Everything that makes the type what it is in Rust, with a `#` where it
/// names another candidate, whose index is pushed to `slots`.
fn signature(
    def: &TypeDef<Undecided>,
    types: &ByName<'_>,
    index: &FxHashMap<&str, usize>,
    slots: &mut Vec<usize>,
) -> String {
    let mut out = String::new();
    match &def.kind {
        TypeKind::Struct(s) => {
            for f in &s.fields {
                let _ = write!(out, "{}:{}:{}:", f.name.rust, f.name.wire, f.required);
                member(&f.ty, types, index, slots, &mut out);
                out.push(';');
            }
        }
        TypeKind::StringEnum(values) => {
            for v in values {
                let _ = write!(out, "{}={:?};", v.rust, v.wire);
            }
        }
        TypeKind::IntEnum(values) => {
            for (rust, value) in values {
                let _ = write!(out, "{rust}={value};");
            }
        }
        TypeKind::Union(variants) => {
            for v in variants {
                let _ = write!(out, "{}:{:?}:", v.name, v.tag);
                member(&v.ty, types, index, slots, &mut out);
                out.push(';');
            }
        }
        TypeKind::Alias(_) => {}
    }
    out
}

/// Writes a member's type, looking through aliases to what they stand for.
fn member(ty: &TypeRef, types: &ByName<'_>, index: &FxHashMap<&str, usize>, slots: &mut Vec<usize>, out: &mut String) {
    match ty {
        TypeRef::Named(name) => match (types.get(name.as_str()).map(|d| &d.kind), index.get(name.as_str())) {
            (Some(TypeKind::Alias(alias)), _) if alias.resolved != *ty => {
                member(&alias.resolved, types, index, slots, out)
            }
            (_, Some(&i)) => {
                out.push('#');
                slots.push(i);
            }
            // An alias on a cycle (reported elsewhere) or a missing type:
            // only identical to itself.
            _ => {
                let _ = write!(out, "@{name}");
            }
        },
        TypeRef::Vec(inner) => {
            out.push_str("Vec<");
            member(inner, types, index, slots, out);
            out.push('>');
        }
        TypeRef::Map(inner) => {
            out.push_str("Map<");
            member(inner, types, index, slots, out);
            out.push('>');
        }
        TypeRef::Nullable(inner) => {
            out.push_str("Option<");
            member(inner, types, index, slots, out);
            out.push('>');
        }
        other => {
            let _ = write!(out, "{other:?}");
        }
    }
}
