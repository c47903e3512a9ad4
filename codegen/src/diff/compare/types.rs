//! Matching the types of two models (renames included) and comparing
//! each kept type's body: fields, enum values, union variants, aliases.

use super::members::{pair_up, struct_members};
use super::spelling::plural;
use super::Cx;
use crate::diff::ChangeKind as K;
use crate::emit::signature;
use crate::model::{Traits, TypeDef, TypeKind, Variant};
use std::collections::{BTreeMap, HashMap};

/// The types of both models, paired.
pub(super) struct TypePairs<'a> {
    removed: Vec<&'a TypeDef>,
    added: Vec<&'a TypeDef>,
    /// Same name, or renamed (old, new).
    kept: Vec<(&'a TypeDef, &'a TypeDef)>,
}

impl<'a> Cx<'a> {
    pub(super) fn match_types(&mut self) -> TypePairs<'a> {
        let (old, new) = (self.old, self.new);
        let new_names: HashMap<&str, &TypeDef> = new.types.iter().map(|t| (t.name.as_str(), t)).collect();
        let old_names: HashMap<&str, &TypeDef> = old.types.iter().map(|t| (t.name.as_str(), t)).collect();
        let mut kept: Vec<(&TypeDef, &TypeDef)> =
            old.types.iter().filter_map(|o| new_names.get(o.name.as_str()).map(|n| (o, *n))).collect();
        let mut removed: Vec<&TypeDef> =
            old.types.iter().filter(|o| !new_names.contains_key(o.name.as_str())).collect();
        let mut added: Vec<&TypeDef> = new.types.iter().filter(|n| !old_names.contains_key(n.name.as_str())).collect();

        // A rename keeps the schema it comes from, or at least its shape.
        let mut renamed: Vec<(&TypeDef, &TypeDef)> = Vec::new();
        let added_by_source: HashMap<&str, &TypeDef> = added.iter().map(|n| (n.source.as_str(), *n)).collect();
        removed.retain(|o| match added_by_source.get(o.source.as_str()).filter(|n| same_family(o, n)) {
            Some(n) => {
                renamed.push((*o, *n));
                false
            }
            None => true,
        });
        added.retain(|n| !renamed.iter().any(|(_, r)| std::ptr::eq(*r, *n)));
        for (o, n) in &renamed {
            self.renames.insert(o.name.clone(), n.name.clone());
        }
        // Each round may find more, as types that use a renamed type match
        // once the rename is known.
        loop {
            let found = self.unique_same_shape(&removed, &added);
            if found.is_empty() {
                break;
            }
            for &(i, j) in &found {
                self.renames.insert(removed[i].name.clone(), added[j].name.clone());
                renamed.push((removed[i], added[j]));
            }
            let (gone_old, gone_new): (Vec<usize>, Vec<usize>) = found.into_iter().unzip();
            removed = removed.into_iter().enumerate().filter(|(i, _)| !gone_old.contains(i)).map(|(_, t)| t).collect();
            added = added.into_iter().enumerate().filter(|(j, _)| !gone_new.contains(j)).map(|(_, t)| t).collect();
        }
        renamed.sort_by(|a, b| a.1.name.cmp(&b.1.name));
        kept.extend(renamed);
        // A type merged into an identical one (see `model::dedup`) is that
        // type now: uses of the old name and of the canonical name agree.
        for (o, n) in &kept {
            let (_, target) = self.looked_through(o, n);
            if !std::ptr::eq(target, *n) && same_family(o, target) {
                self.renames.insert(o.name.clone(), target.name.clone());
            }
        }
        TypePairs { removed, added, kept }
    }

    /// The pair to compare bodies of: a type that became an alias of an
    /// identical type, or stopped being one, is compared by what the alias
    /// stands for, so that merging identical types reports nothing.
    fn looked_through(&self, old: &'a TypeDef, new: &'a TypeDef) -> (&'a TypeDef, &'a TypeDef) {
        let through = |def: &'a TypeDef, api: &'a crate::model::Api| match &def.kind {
            TypeKind::Alias(alias) => match &alias.resolved {
                crate::model::TypeRef::Named(target) => api.type_def(target).unwrap_or(def),
                _ => def,
            },
            _ => def,
        };
        let is_alias = |def: &TypeDef| matches!(def.kind, TypeKind::Alias(_));
        match (is_alias(old), is_alias(new)) {
            (false, true) => (old, through(new, self.new)),
            (true, false) => (through(old, self.old), new),
            _ => (old, new),
        }
    }

    /// Removed and added types of exactly the same shape: the only pair
    /// with their fingerprint (kind and member names), or else the only
    /// pair with it whose docs have the same words. Types are compared only
    /// within such groups, so this stays linear on large APIs.
    fn unique_same_shape(&mut self, removed: &[&'a TypeDef], added: &[&'a TypeDef]) -> Vec<(usize, usize)> {
        type Groups = BTreeMap<String, (Vec<usize>, Vec<usize>)>;
        let mut groups: Groups = BTreeMap::new();
        for (i, o) in removed.iter().enumerate() {
            groups.entry(fingerprint(o)).or_default().0.push(i);
        }
        for (j, n) in added.iter().enumerate() {
            groups.entry(fingerprint(n)).or_default().1.push(j);
        }
        let mut candidates: Vec<(usize, usize)> = Vec::new();
        for (olds, news) in groups.into_values() {
            if let ([i], [j]) = (&olds[..], &news[..]) {
                candidates.push((*i, *j));
                continue;
            }
            let mut by_docs: Groups = BTreeMap::new();
            for &i in &olds {
                if let Some(words) = doc_words(&removed[i].docs) {
                    by_docs.entry(words).or_default().0.push(i);
                }
            }
            for &j in &news {
                if let Some(words) = doc_words(&added[j].docs) {
                    by_docs.entry(words).or_default().1.push(j);
                }
            }
            candidates.extend(by_docs.into_values().filter_map(|pair| match pair {
                (o, n) if o.len() == 1 && n.len() == 1 => Some((o[0], n[0])),
                _ => None,
            }));
        }
        candidates.sort();
        candidates.into_iter().filter(|&(i, j)| self.same_shape(removed[i], added[j])).collect()
    }

    /// Whether the two types differ in nothing but docs (and traits), taking the pair as
    /// a rename (so a type that refers to itself still matches).
    fn same_shape(&mut self, old: &'a TypeDef, new: &'a TypeDef) -> bool {
        if !same_family(old, new) {
            return false;
        }
        let previous = self.renames.insert(old.name.clone(), new.name.clone());
        let found = self.scratch(|cx| cx.type_body(old, new));
        match previous {
            Some(p) => self.renames.insert(old.name.clone(), p),
            None => self.renames.remove(&old.name),
        };
        // Which traits a type implements follows from how other types use
        // it (an enum has `Default` when a struct's default needs it), not
        // from its shape.
        let traits = [K::Docs, K::DefaultGained, K::DefaultLost, K::ConstructorGained, K::ConstructorLost];
        found.iter().all(|c| traits.contains(&c.kind))
    }

    pub(super) fn types(&mut self, pairs: TypePairs<'a>) {
        for o in &pairs.removed {
            self.push(K::TypeRemoved, format!("removed type `{}` ({})", o.name, describe_kind(&o.kind)));
        }
        for (o, n) in &pairs.kept {
            if o.name != n.name {
                self.push(K::TypeRenamed, format!("renamed type `{}` → `{}`", o.name, n.name));
            }
            self.type_body(o, n);
        }
        for n in &pairs.added {
            self.push(K::TypeAdded, format!("added type `{}` ({})", n.name, describe_kind(&n.kind)));
        }
    }

    fn type_body(&mut self, old: &'a TypeDef, new: &'a TypeDef) {
        let name = &new.name;
        self.docs(old.docs.as_deref(), new.docs.as_deref(), || format!("type `{name}`"));
        let (old, new) = self.looked_through(old, new);
        match (&old.kind, &new.kind) {
            (TypeKind::Struct(a), TypeKind::Struct(b)) => {
                let (a_members, b_members) = (struct_members(a), struct_members(b));
                self.members(name, "field", &a_members, &b_members);
                self.default_derive(name, DefaultImpl::of(&old.traits), DefaultImpl::of(&new.traits));
                self.constructor(name, old.traits.constructor, new.traits.constructor);
            }
            (TypeKind::StringEnum(a), TypeKind::StringEnum(b)) => {
                let key = |v: &crate::naming::Name| (v.rust.clone(), format!("\"{}\"", v.wire));
                self.enum_values(name, &a.iter().map(key).collect::<Vec<_>>(), &b.iter().map(key).collect::<Vec<_>>());
                self.default_derive(name, DefaultImpl::of(&old.traits), DefaultImpl::of(&new.traits));
            }
            (TypeKind::IntEnum(a), TypeKind::IntEnum(b)) => {
                let key = |(rust, value): &(String, i64)| (rust.clone(), value.to_string());
                self.enum_values(name, &a.iter().map(key).collect::<Vec<_>>(), &b.iter().map(key).collect::<Vec<_>>());
                self.default_derive(name, DefaultImpl::of(&old.traits), DefaultImpl::of(&new.traits));
            }
            (TypeKind::Union(a), TypeKind::Union(b)) => {
                self.union(name, a, b);
                self.default_derive(name, DefaultImpl::of(&old.traits), DefaultImpl::of(&new.traits));
            }
            (TypeKind::Alias(a), TypeKind::Alias(b)) => {
                if !self.same_type(&a.target, &b.target) {
                    let (was, now) = (signature::of(&a.target), signature::of(&b.target));
                    self.push(K::TypeShapeChanged, format!("type `{name}` now stands for `{now}` (was `{was}`)"));
                }
            }
            (a, b) => self.push(
                K::TypeShapeChanged,
                format!("type `{name}` is now {} (was {})", describe_kind(b), describe_kind(a)),
            ),
        }
    }

    /// `Default` of a type: none, with the `defaults` feature, or always.
    pub(super) fn default_derive(&mut self, name: &str, old: DefaultImpl, new: DefaultImpl) {
        let how = |d: DefaultImpl| match d {
            DefaultImpl::Always => "`Default`",
            _ => "`Default` with the `defaults` feature",
        };
        if new < old {
            let now = if new == DefaultImpl::None { String::new() } else { format!(" (only {})", how(new)) };
            self.push(K::DefaultLost, format!("`{name}` no longer implements {}{now}", how(old)));
        } else if new > old {
            self.push(K::DefaultGained, format!("`{name}` now implements {}", how(new)));
        }
    }

    /// `new(required fields…)` of a struct requests carry.
    fn constructor(&mut self, name: &str, old: bool, new: bool) {
        match (old, new) {
            (true, false) => self.push(K::ConstructorLost, format!("`{name}::new` is gone")),
            (false, true) => self.push(K::ConstructorGained, format!("`{name}` now has `new` (its required fields)")),
            _ => {}
        }
    }

    fn enum_values(&mut self, name: &str, old: &[(String, String)], new: &[(String, String)]) {
        let p = pair_up(old, new);
        for &i in &p.removed {
            let (rust, wire) = &old[i];
            self.push(K::EnumValueRemoved, format!("removed enum value `{name}::{rust}` ({wire})"));
        }
        for &(i, j) in &p.pairs {
            let ((o_rust, o_wire), (n_rust, n_wire)) = (&old[i], &new[j]);
            if o_rust != n_rust {
                self.push(
                    K::EnumVariantRenamed,
                    format!("renamed enum variant `{name}::{o_rust}` → `{name}::{n_rust}` ({n_wire})"),
                );
            }
            if o_wire != n_wire {
                self.push(
                    K::EnumWireChanged,
                    format!("enum variant `{name}::{n_rust}` is now {n_wire} on the wire (was {o_wire})"),
                );
            }
        }
        for &j in &p.added {
            let (rust, wire) = &new[j];
            self.push(K::EnumValueAdded, format!("added enum value `{name}::{rust}` ({wire})"));
        }
    }

    fn union(&mut self, name: &str, old: &[Variant], new: &[Variant]) {
        let mut pairs: Vec<(usize, usize)> = Vec::new();
        let mut used = vec![false; new.len()];
        for (i, o) in old.iter().enumerate() {
            let same_name = new.iter().position(|n| n.name == o.name);
            if let Some(j) = same_name.filter(|&j| !used[j]) {
                used[j] = true;
                pairs.push((i, j));
            }
        }
        for (i, o) in old.iter().enumerate() {
            if pairs.iter().any(|&(a, _)| a == i) {
                continue;
            }
            let same_type = (0..new.len()).find(|&j| !used[j] && self.same_type(&o.ty, &new[j].ty));
            match same_type {
                Some(j) => {
                    used[j] = true;
                    pairs.push((i, j));
                }
                None => self.push(
                    K::UnionVariantChanged,
                    format!("removed union variant `{name}::{}({})`", o.name, signature::variant(o)),
                ),
            }
        }
        for &(i, j) in &pairs {
            let (o, n) = (&old[i], &new[j]);
            if o.name != n.name {
                self.push(
                    K::UnionVariantChanged,
                    format!("renamed union variant `{name}::{}` → `{name}::{}`", o.name, n.name),
                );
            }
            if !self.same_type(&o.ty, &n.ty) || o.boxed != n.boxed {
                let (was, now) = (signature::variant(o), signature::variant(n));
                self.push(
                    K::UnionVariantChanged,
                    format!("union variant `{name}::{}` now holds `{now}` (was `{was}`)", n.name),
                );
            }
        }
        for n in new.iter().enumerate().filter(|(j, _)| !used[*j]).map(|(_, n)| n) {
            self.push(
                K::UnionVariantAdded,
                format!("added union variant `{name}::{}({})`", n.name, signature::variant(n)),
            );
        }
        let mut by_old = pairs.clone();
        by_old.sort();
        if by_old.windows(2).any(|w| w[0].1 > w[1].1) {
            self.push(
                K::UnionReordered,
                format!("variants of `{name}` are tried in a new order (an ambiguous value may decode differently)"),
            );
        }
    }
}

/// How a type implements `Default`, from least to most available.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum DefaultImpl {
    None,
    Feature,
    Always,
}

impl DefaultImpl {
    fn of(traits: &Traits) -> Self {
        match (traits.default, traits.default_feature) {
            (false, _) => DefaultImpl::None,
            (true, true) => DefaultImpl::Feature,
            (true, false) => DefaultImpl::Always,
        }
    }

    /// A parameters struct's: always, when every parameter is optional.
    pub(super) fn params(default: bool) -> Self {
        if default {
            DefaultImpl::Always
        } else {
            DefaultImpl::None
        }
    }
}

/// Docs without case, surrounding space and a final full stop.
fn doc_words(docs: &Option<String>) -> Option<String> {
    docs.as_deref().map(|d| d.trim().trim_end_matches('.').to_lowercase())
}

fn same_family(old: &TypeDef, new: &TypeDef) -> bool {
    kind_name(&old.kind) == kind_name(&new.kind)
}

/// A cheap summary that types of the same shape share: their kind and the
/// names of their members.
fn fingerprint(t: &TypeDef) -> String {
    match &t.kind {
        TypeKind::Struct(s) => {
            let names: Vec<&str> = s.fields.iter().map(|f| f.name.wire.as_str()).collect();
            format!("struct {}", names.join(","))
        }
        TypeKind::StringEnum(v) => format!("enum {}", v.iter().map(|n| n.wire.as_str()).collect::<Vec<_>>().join(",")),
        TypeKind::IntEnum(v) => {
            format!("int enum {}", v.iter().map(|(_, i)| i.to_string()).collect::<Vec<_>>().join(","))
        }
        TypeKind::Union(v) => format!("union {}", v.len()),
        TypeKind::Alias(alias) => format!("alias {}", signature::of(&alias.target)),
    }
}

fn kind_name(kind: &TypeKind) -> &'static str {
    match kind {
        TypeKind::Struct(_) => "struct",
        TypeKind::StringEnum(_) | TypeKind::IntEnum(_) => "enum",
        TypeKind::Union(_) => "union",
        TypeKind::Alias(_) => "alias",
    }
}

pub(super) fn describe_kind(kind: &TypeKind) -> String {
    match kind {
        TypeKind::Struct(s) => format!("struct, {} field{}", s.fields.len(), plural(s.fields.len())),
        TypeKind::StringEnum(v) => format!("enum, {} value{}", v.len(), plural(v.len())),
        TypeKind::IntEnum(v) => format!("integer enum, {} value{}", v.len(), plural(v.len())),
        TypeKind::Union(v) => format!("union, {} variant{}", v.len(), plural(v.len())),
        TypeKind::Alias(alias) => format!("alias of `{}`", signature::of(&alias.target)),
    }
}
