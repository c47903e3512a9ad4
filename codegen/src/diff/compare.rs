//! Walking two models side by side and recording what changed.
//!
//! Items are matched by their Rust name first, since that is what users
//! write; what is left over is matched by what identifies it on the wire
//! (an operation's method and path, a field's JSON name, a type's schema),
//! which turns a removal plus an addition into a rename.

use super::{Change, ChangeKind as K};
use crate::model::{
    Api, Body, BodyKind, IntWidth, ListStyle, Operation, Param, ParamLocation, ParamsStruct, PathSegment, Response,
    Struct, TypeDef, TypeKind, TypeRef, Variant,
};
use std::collections::{BTreeMap, HashMap};

pub(super) fn changes(old: &Api, new: &Api) -> Vec<Change> {
    let mut cx = Cx { old_aliases: aliases(old), new_aliases: aliases(new), renames: HashMap::new(), out: Vec::new() };
    cx.meta(old, new);
    // Type renames are found first so that uses of a renamed type are not
    // also reported as type changes.
    let types = cx.match_types(old, new);
    cx.operations(old, new);
    cx.types(types);
    cx.out
}

/// Which model a type reference belongs to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    Old,
    New,
}

struct Cx<'a> {
    old_aliases: HashMap<&'a str, &'a TypeRef>,
    new_aliases: HashMap<&'a str, &'a TypeRef>,
    /// Old Rust name → new Rust name of each renamed type.
    renames: HashMap<String, String>,
    out: Vec<Change>,
}

fn aliases(api: &Api) -> HashMap<&str, &TypeRef> {
    api.types
        .iter()
        .filter_map(|t| match &t.kind {
            TypeKind::Alias(target) => Some((t.name.as_str(), target)),
            _ => None,
        })
        .collect()
}

/// The types of both models, paired.
struct TypePairs<'a> {
    removed: Vec<&'a TypeDef>,
    added: Vec<&'a TypeDef>,
    /// Same name, or renamed (old, new).
    kept: Vec<(&'a TypeDef, &'a TypeDef)>,
}

impl<'a> Cx<'a> {
    fn push(&mut self, kind: K, message: String) {
        self.out.push(Change { kind, message });
    }

    /// Runs `f` with its changes collected apart from the report.
    fn scratch(&mut self, f: impl FnOnce(&mut Self)) -> Vec<Change> {
        let saved = std::mem::take(&mut self.out);
        f(self);
        std::mem::replace(&mut self.out, saved)
    }

    /// `ty` with aliases followed and old type names mapped to their new
    /// names: two references denote the same Rust type when these agree.
    fn canon(&self, ty: &TypeRef, side: Side) -> TypeRef {
        self.canon_at(ty, side, 0)
    }

    fn canon_at(&self, ty: &TypeRef, side: Side, depth: usize) -> TypeRef {
        let aliases = match side {
            Side::Old => &self.old_aliases,
            Side::New => &self.new_aliases,
        };
        match ty {
            TypeRef::Named(name) => match aliases.get(name.as_str()) {
                Some(target) if depth < 32 => self.canon_at(target, side, depth + 1),
                _ if side == Side::Old => TypeRef::Named(self.renames.get(name).unwrap_or(name).clone()),
                _ => ty.clone(),
            },
            TypeRef::Vec(inner) => TypeRef::Vec(Box::new(self.canon_at(inner, side, depth))),
            TypeRef::Map(inner) => TypeRef::Map(Box::new(self.canon_at(inner, side, depth))),
            TypeRef::Nullable(inner) => TypeRef::Nullable(Box::new(self.canon_at(inner, side, depth))),
            other => other.clone(),
        }
    }

    fn same_type(&self, old: &TypeRef, new: &TypeRef) -> bool {
        self.canon(old, Side::Old) == self.canon(new, Side::New)
    }

    fn docs(&mut self, old: Option<&str>, new: Option<&str>, what: impl FnOnce() -> String) {
        if old.map(str::trim) != new.map(str::trim) {
            let verb = match (old, new) {
                (None, Some(_)) => "added",
                (Some(_), None) => "removed",
                _ => "changed",
            };
            self.push(K::Docs, format!("docs {verb}: {}", what()));
        }
    }

    fn meta(&mut self, old: &Api, new: &Api) {
        let (o, n) = (&old.meta, &new.meta);
        if o.crate_name != n.crate_name {
            self.push(K::CrateIdentity, format!("crate renamed `{}` → `{}`", o.crate_name, n.crate_name));
        }
        if o.env_prefix != n.env_prefix {
            self.push(
                K::CrateIdentity,
                format!("`Client::from_env` reads `{}_*` variables (was `{}_*`)", n.env_prefix, o.env_prefix),
            );
        }
        if o.base_url != n.base_url {
            self.push(K::BaseUrlChanged, format!("default base URL is `{}` (was `{}`)", n.base_url, o.base_url));
        }
        if o.title != n.title {
            self.push(K::Docs, format!("API title is \"{}\" (was \"{}\")", n.title, o.title));
        }
        if o.api_version != n.api_version {
            self.push(K::Docs, format!("API version is {} (was {})", n.api_version, o.api_version));
        }
        self.docs(o.description.as_deref(), n.description.as_deref(), || "the API description (crate docs)".into());
    }

    // ---- types -----------------------------------------------------------

    fn match_types(&mut self, old: &'a Api, new: &'a Api) -> TypePairs<'a> {
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
        TypePairs { removed, added, kept }
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

    /// Whether the two types differ in nothing but docs, taking the pair as
    /// a rename (so a type that refers to itself still matches).
    fn same_shape(&mut self, old: &TypeDef, new: &TypeDef) -> bool {
        if !same_family(old, new) {
            return false;
        }
        let previous = self.renames.insert(old.name.clone(), new.name.clone());
        let found = self.scratch(|cx| cx.type_body(old, new));
        match previous {
            Some(p) => self.renames.insert(old.name.clone(), p),
            None => self.renames.remove(&old.name),
        };
        found.iter().all(|c| c.kind == K::Docs)
    }

    fn types(&mut self, pairs: TypePairs<'a>) {
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

    fn type_body(&mut self, old: &TypeDef, new: &TypeDef) {
        let name = &new.name;
        self.docs(old.docs.as_deref(), new.docs.as_deref(), || format!("type `{name}`"));
        match (&old.kind, &new.kind) {
            (TypeKind::Struct(a), TypeKind::Struct(b)) => {
                let (a_members, b_members) = (struct_members(a), struct_members(b));
                self.members(name, "field", &a_members, &b_members);
                self.default_derive(name, struct_default(a), struct_default(b));
            }
            (TypeKind::StringEnum(a), TypeKind::StringEnum(b)) => {
                let key = |v: &crate::naming::Name| (v.rust.clone(), format!("\"{}\"", v.wire));
                self.enum_values(name, &a.iter().map(key).collect::<Vec<_>>(), &b.iter().map(key).collect::<Vec<_>>());
            }
            (TypeKind::IntEnum(a), TypeKind::IntEnum(b)) => {
                let key = |(rust, value): &(String, i64)| (rust.clone(), value.to_string());
                self.enum_values(name, &a.iter().map(key).collect::<Vec<_>>(), &b.iter().map(key).collect::<Vec<_>>());
            }
            (TypeKind::Union(a), TypeKind::Union(b)) => self.union(name, a, b),
            (TypeKind::Alias(a), TypeKind::Alias(b)) => {
                if !self.same_type(a, b) {
                    self.push(
                        K::TypeShapeChanged,
                        format!("type `{name}` now stands for `{}` (was `{}`)", show(b), show(a)),
                    );
                }
            }
            (a, b) => self.push(
                K::TypeShapeChanged,
                format!("type `{name}` is now {} (was {})", describe_kind(b), describe_kind(a)),
            ),
        }
    }

    fn default_derive(&mut self, name: &str, old: bool, new: bool) {
        match (old, new) {
            (true, false) => self.push(K::DefaultLost, format!("`{name}` no longer implements `Default`")),
            (false, true) => self.push(K::DefaultGained, format!("`{name}` now implements `Default`")),
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
                    format!("removed union variant `{name}::{}({})`", o.name, show(&o.ty)),
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
                let (was, now) = (boxed_show(&o.ty, o.boxed), boxed_show(&n.ty, n.boxed));
                self.push(
                    K::UnionVariantChanged,
                    format!("union variant `{name}::{}` now holds `{now}` (was `{was}`)", n.name),
                );
            }
        }
        for n in new.iter().enumerate().filter(|(j, _)| !used[*j]).map(|(_, n)| n) {
            self.push(K::UnionVariantChanged, format!("added union variant `{name}::{}({})`", n.name, show(&n.ty)));
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

    // ---- fields and parameters ------------------------------------------

    fn members(&mut self, owner: &str, noun: &str, old: &[Member], new: &[Member]) {
        let keys = |ms: &[Member]| ms.iter().map(|m| (m.rust.to_string(), m.wire.to_string())).collect::<Vec<_>>();
        let p = pair_up(&keys(old), &keys(new));
        for &i in &p.removed {
            let m = &old[i];
            self.push(
                K::MemberRemoved,
                format!("removed {noun} `{owner}.{}: {}`{}", m.rust, show(&m.ty), wire_note(m)),
            );
        }
        for &(i, j) in &p.pairs {
            self.member(owner, noun, &old[i], &new[j]);
        }
        for &j in &p.added {
            let m = &new[j];
            let required = if m.required { "required" } else { "optional" };
            self.push(
                K::MemberAdded,
                format!("added {required} {noun} `{owner}.{}: {}`{}", m.rust, show(&m.ty), wire_note(m)),
            );
        }
    }

    fn member(&mut self, owner: &str, noun: &str, old: &Member, new: &Member) {
        let item = format!("{noun} `{owner}.{}`", new.rust);
        if old.rust != new.rust {
            self.push(
                K::MemberRenamed,
                format!("renamed {noun} `{owner}.{}` → `{owner}.{}` (wire `{}`)", old.rust, new.rust, new.wire),
            );
        }
        if old.wire != new.wire {
            let how = if new.style.is_some() { "is sent as" } else { "is named in JSON" };
            self.push(K::WireNameChanged, format!("{item} {how} `{}` (was `{}`)", new.wire, old.wire));
        }
        if let (Some((o_loc, o_list)), Some((n_loc, n_list))) = (old.style, new.style) {
            if o_loc != n_loc {
                self.push(
                    K::ParamStyleChanged,
                    format!("{item} is sent as a {} (was a {})", location(n_loc), location(o_loc)),
                );
            } else if o_list != n_list {
                self.push(
                    K::ParamStyleChanged,
                    format!("{item} sends a list as {} (was {})", n_list.describe(), o_list.describe()),
                );
            }
        }
        let (was, now) = (show(&old.ty), show(&new.ty));
        if !self.same_type(&old.ty, &new.ty) {
            let kind = match (old.required, new.required) {
                (false, true) if self.same_type(&old.inner, &new.inner) => Some((K::MemberMadeRequired, "required")),
                (true, false) if self.same_type(&old.inner, &new.inner) => Some((K::MemberMadeOptional, "optional")),
                _ => None,
            };
            match kind {
                Some((kind, how)) => self.push(kind, format!("{item} is now {how}: `{now}` (was `{was}`)")),
                None => self.push(K::MemberTypeChanged, format!("{item} changed type: `{now}` (was `{was}`)")),
            }
        } else if old.required != new.required {
            let how =
                if new.required { "required (`null` is always written)" } else { "optional (left out when `None`)" };
            self.push(K::NullableRequiredness, format!("{item} is now {how}; still `{now}`"));
        }
        if old.boxed != new.boxed {
            let how = if new.boxed { "now boxed" } else { "no longer boxed" };
            self.push(K::MemberBoxing, format!("{item} is {how}"));
        }
        self.docs(old.docs, new.docs, || item.clone());
    }

    // ---- operations -----------------------------------------------------

    fn operations(&mut self, old: &Api, new: &Api) {
        let new_by: BTreeMap<&str, &Operation> = new.operations.iter().map(|o| (o.name.as_str(), o)).collect();
        let old_by: BTreeMap<&str, &Operation> = old.operations.iter().map(|o| (o.name.as_str(), o)).collect();
        let mut removed: Vec<&Operation> = Vec::new();
        let mut kept: Vec<(&Operation, &Operation)> = Vec::new();
        for o in &old.operations {
            match new_by.get(o.name.as_str()) {
                Some(n) => kept.push((o, n)),
                None => removed.push(o),
            }
        }
        let mut added: Vec<&Operation> =
            new.operations.iter().filter(|n| !old_by.contains_key(n.name.as_str())).collect();
        // An operation that kept its endpoint but not its name was renamed.
        let mut renamed = Vec::new();
        removed.retain(|o| match added.iter().position(|n| endpoint_key(n) == endpoint_key(o)) {
            Some(j) => {
                renamed.push((*o, added.remove(j)));
                false
            }
            None => true,
        });
        for o in removed {
            self.push(K::OperationRemoved, format!("removed operation `Client::{}` ({})", o.name, endpoint(o)));
        }
        for (o, n) in renamed {
            self.push(
                K::OperationRenamed,
                format!("renamed operation `Client::{}` → `Client::{}` ({})", o.name, n.name, endpoint(n)),
            );
            self.operation(o, n);
        }
        for (o, n) in kept {
            self.operation(o, n);
        }
        for n in added {
            self.push(K::OperationAdded, format!("added operation `Client::{}` ({})", n.name, endpoint(n)));
        }
    }

    fn operation(&mut self, old: &Operation, new: &Operation) {
        let op = format!("`Client::{}`", new.name);
        if endpoint_key(old) != endpoint_key(new) {
            self.push(K::EndpointChanged, format!("{op} calls {} (was {})", endpoint(new), endpoint(old)));
        }
        if old.deprecated != new.deprecated {
            let how = if new.deprecated { "is now deprecated" } else { "is no longer deprecated" };
            self.push(K::Deprecation, format!("{op} {how}"));
        }
        let docs = |o: &Operation| {
            let parts: Vec<&str> = [o.summary.as_deref(), o.description.as_deref()].into_iter().flatten().collect();
            (!parts.is_empty()).then(|| parts.join("\n\n"))
        };
        self.docs(docs(old).as_deref(), docs(new).as_deref(), || op.clone());
        self.path_params(&op, &old.path_params, &new.path_params);
        self.params(&op, old.params.as_ref(), new.params.as_ref());
        self.body(&op, old.body.as_ref(), new.body.as_ref());
        let (was, now) = (response_type(&old.response, &show), response_type(&new.response, &show));
        let canon_old = response_type(&old.response, &|t| show(&self.canon(t, Side::Old)));
        let canon_new = response_type(&new.response, &|t| show(&self.canon(t, Side::New)));
        if canon_old != canon_new {
            self.push(K::ResponseChanged, format!("{op} returns `{now}` (was `{was}`)"));
        }
    }

    /// Path parameters are positional arguments: compared by position.
    fn path_params(&mut self, op: &str, old: &[Param], new: &[Param]) {
        for (i, (o, n)) in old.iter().zip(new).enumerate() {
            let arg = format!("argument {} of {op}", i + 1);
            if o.name.rust != n.name.rust {
                self.push(K::PathParamRenamed, format!("{arg} is named `{}` (was `{}`)", n.name.rust, o.name.rust));
            }
            if !self.same_type(&o.ty, &n.ty) {
                self.push(
                    K::PathParamTypeChanged,
                    format!("{arg} (`{}`) changed type: `{}` (was `{}`)", n.name.rust, show(&n.ty), show(&o.ty)),
                );
            }
            self.docs(o.docs.as_deref(), n.docs.as_deref(), || format!("path parameter `{}` of {op}", n.name.rust));
        }
        for o in old.iter().skip(new.len()) {
            self.push(K::PathParamRemoved, format!("{op} lost path parameter `{}: {}`", o.name.rust, show(&o.ty)));
        }
        for n in new.iter().skip(old.len()) {
            self.push(K::PathParamAdded, format!("{op} takes a new path parameter `{}: {}`", n.name.rust, show(&n.ty)));
        }
    }

    fn params(&mut self, op: &str, old: Option<&ParamsStruct>, new: Option<&ParamsStruct>) {
        let list =
            |p: &ParamsStruct| p.fields.iter().map(|f| format!("`{}`", f.name.wire)).collect::<Vec<_>>().join(", ");
        match (old, new) {
            (None, None) => {}
            (None, Some(n)) => self
                .push(K::ParamsArgAdded, format!("{op} takes a new `params: &{}` argument ({})", n.type_name, list(n))),
            (Some(o), None) => {
                self.push(K::ParamsArgRemoved, format!("{op} no longer takes `params: &{}` ({})", o.type_name, list(o)))
            }
            (Some(o), Some(n)) => {
                if o.type_name != n.type_name {
                    self.push(K::ParamsStructRenamed, format!("renamed type `{}` → `{}`", o.type_name, n.type_name));
                }
                self.members(&n.type_name, "parameter", &params_members(o), &params_members(n));
                self.default_derive(&n.type_name, params_default(o), params_default(n));
            }
        }
    }

    fn body(&mut self, op: &str, old: Option<&Body>, new: Option<&Body>) {
        match (old, new) {
            (None, None) => {}
            (None, Some(n)) => {
                self.push(K::BodyAdded, format!("{op} takes a new `body: {}` argument", body_arg(n, &show)))
            }
            (Some(o), None) => self.push(
                K::BodyRemoved,
                format!("{op} no longer takes a request body (was `body: {}`)", body_arg(o, &show)),
            ),
            (Some(o), Some(n)) => {
                let canon_old = body_arg(o, &|t| show(&self.canon(t, Side::Old)));
                let canon_new = body_arg(n, &|t| show(&self.canon(t, Side::New)));
                if canon_old != canon_new {
                    self.push(
                        K::BodyTypeChanged,
                        format!("{op} takes `body: {}` (was `body: {}`)", body_arg(n, &show), body_arg(o, &show)),
                    );
                } else if encoding(&o.kind) != encoding(&n.kind) {
                    self.push(
                        K::BodyEncodingChanged,
                        format!("{op} sends its body as {} (was {})", encoding(&n.kind), encoding(&o.kind)),
                    );
                }
                self.docs(o.docs.as_deref(), n.docs.as_deref(), || format!("request body of {op}"));
            }
        }
    }
}

/// A struct field or a query/header parameter, as the generated struct
/// declares it.
struct Member<'m> {
    rust: &'m str,
    wire: &'m str,
    /// The declared Rust type, `Option` included.
    ty: TypeRef,
    /// The type without the `Option` that optionality adds.
    inner: TypeRef,
    required: bool,
    boxed: bool,
    docs: Option<&'m str>,
    /// Where a parameter goes and whether lists repeat the key.
    style: Option<(ParamLocation, ListStyle)>,
}

fn struct_members(s: &Struct) -> Vec<Member<'_>> {
    s.fields
        .iter()
        .map(|f| {
            // As in `emit::structs`: a nullable field is `Option` already.
            let nullable = matches!(f.ty, TypeRef::Nullable(_));
            let ty = if f.required || nullable { f.ty.clone() } else { TypeRef::Nullable(Box::new(f.ty.clone())) };
            Member {
                rust: &f.name.rust,
                wire: &f.name.wire,
                ty,
                inner: f.ty.clone(),
                required: f.required,
                boxed: f.boxed,
                docs: f.docs.as_deref(),
                style: None,
            }
        })
        .collect()
}

fn params_members(p: &ParamsStruct) -> Vec<Member<'_>> {
    p.fields
        .iter()
        .map(|f| Member {
            rust: &f.name.rust,
            wire: &f.name.wire,
            ty: if f.required { f.ty.clone() } else { TypeRef::Nullable(Box::new(f.ty.clone())) },
            inner: f.ty.clone(),
            required: f.required,
            boxed: false,
            docs: f.docs.as_deref(),
            style: Some((f.location, f.list)),
        })
        .collect()
}

/// Whether `emit::structs` derives `Default` for the struct.
fn struct_default(s: &Struct) -> bool {
    s.fields.iter().all(|f| !f.required || matches!(f.ty, TypeRef::Nullable(_)))
}

/// Whether `emit::operations` derives `Default` for the params struct.
fn params_default(p: &ParamsStruct) -> bool {
    p.fields.iter().all(|f| !f.required)
}

fn wire_note(m: &Member) -> String {
    if m.rust == m.wire {
        String::new()
    } else {
        format!(" (wire `{}`)", m.wire)
    }
}

fn location(l: ParamLocation) -> &'static str {
    match l {
        ParamLocation::Path => "path parameter",
        ParamLocation::Query => "query parameter",
        ParamLocation::Header => "header",
    }
}

/// Old and new items paired by `(rust, wire)` keys: equal keys first, then
/// the same wire name (a Rust rename), then the same Rust name (a wire
/// rename); the rest were removed or added.
struct Pairing {
    pairs: Vec<(usize, usize)>,
    removed: Vec<usize>,
    added: Vec<usize>,
}

/// Whether two `(rust, wire)` keys count as the same item.
type SameKey = fn(&(String, String), &(String, String)) -> bool;

fn pair_up(old: &[(String, String)], new: &[(String, String)]) -> Pairing {
    let mut new_used = vec![false; new.len()];
    let mut old_pair: Vec<Option<usize>> = vec![None; old.len()];
    let rules: [SameKey; 3] = [|a, b| a == b, |a, b| a.1 == b.1, |a, b| a.0 == b.0];
    for same in rules {
        for (i, o) in old.iter().enumerate() {
            if old_pair[i].is_some() {
                continue;
            }
            if let Some(j) = (0..new.len()).find(|&j| !new_used[j] && same(o, &new[j])) {
                new_used[j] = true;
                old_pair[i] = Some(j);
            }
        }
    }
    Pairing {
        pairs: old_pair.iter().enumerate().filter_map(|(i, j)| j.map(|j| (i, j))).collect(),
        removed: old_pair.iter().enumerate().filter(|(_, j)| j.is_none()).map(|(i, _)| i).collect(),
        added: (0..new.len()).filter(|&j| !new_used[j]).collect(),
    }
}

/// What identifies an operation's endpoint: the method and the path with
/// parameter names left out.
fn endpoint_key(op: &Operation) -> (crate::model::Method, Vec<Option<&str>>) {
    let segments = op
        .segments
        .iter()
        .map(|s| match s {
            PathSegment::Literal(l) => Some(l.as_str()),
            PathSegment::Param(_) => None,
        })
        .collect();
    (op.method, segments)
}

fn endpoint(op: &Operation) -> String {
    format!("`{} {}`", op.method.as_str(), op.path)
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
        TypeKind::Alias(target) => format!("alias {}", show(target)),
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

fn describe_kind(kind: &TypeKind) -> String {
    match kind {
        TypeKind::Struct(s) => format!("struct, {} field{}", s.fields.len(), plural(s.fields.len())),
        TypeKind::StringEnum(v) => format!("enum, {} value{}", v.len(), plural(v.len())),
        TypeKind::IntEnum(v) => format!("integer enum, {} value{}", v.len(), plural(v.len())),
        TypeKind::Union(v) => format!("union, {} variant{}", v.len(), plural(v.len())),
        TypeKind::Alias(t) => format!("alias of `{}`", show(t)),
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn boxed_show(ty: &TypeRef, boxed: bool) -> String {
    if boxed {
        format!("Box<{}>", show(ty))
    } else {
        show(ty)
    }
}

/// The Rust spelling of a type, as users write it outside `types`.
pub(super) fn show(ty: &TypeRef) -> String {
    match ty {
        TypeRef::Named(name) => name.clone(),
        TypeRef::String => "String".into(),
        TypeRef::Integer(width) => int_name(*width).into(),
        TypeRef::Number => "f64".into(),
        TypeRef::Boolean => "bool".into(),
        TypeRef::Json => "serde_json::Value".into(),
        TypeRef::Vec(inner) => format!("Vec<{}>", show(inner)),
        TypeRef::Map(inner) => format!("BTreeMap<String, {}>", show(inner)),
        TypeRef::Nullable(inner) => format!("Option<{}>", show(inner)),
    }
}

fn int_name(width: IntWidth) -> &'static str {
    match width {
        IntWidth::I8 => "i8",
        IntWidth::I16 => "i16",
        IntWidth::I32 => "i32",
        IntWidth::I64 => "i64",
        IntWidth::U8 => "u8",
        IntWidth::U16 => "u16",
        IntWidth::U32 => "u32",
        IntWidth::U64 => "u64",
    }
}

/// The type a method's request decodes to, as in `emit::operations`.
fn response_type(response: &Response, show: &dyn Fn(&TypeRef) -> String) -> String {
    match response {
        Response::Envelope(ty) => format!("Envelope<{}>", show(ty)),
        Response::Json(ty) => format!("Json<{}>", show(ty)),
        Response::Empty => "NoContent".into(),
        Response::Text => "Text".into(),
        Response::Bytes => "Binary".into(),
    }
}

/// The type of a method's `body` argument, as in `emit::operations`.
fn body_arg(body: &Body, show: &dyn Fn(&TypeRef) -> String) -> String {
    let ty = match &body.kind {
        BodyKind::Json(ty) | BodyKind::Form(ty) => format!("&{}", show(ty)),
        BodyKind::Multipart => "Multipart".into(),
        BodyKind::Text { .. } => "String".into(),
        BodyKind::Bytes { .. } => "Vec<u8>".into(),
    };
    if body.required {
        ty
    } else {
        format!("Option<{ty}>")
    }
}

fn encoding(kind: &BodyKind) -> String {
    match kind {
        BodyKind::Json(_) => "JSON".into(),
        BodyKind::Form(_) => "a URL-encoded form".into(),
        BodyKind::Multipart => "multipart form data".into(),
        BodyKind::Text { content_type } | BodyKind::Bytes { content_type } => format!("`{content_type}`"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(items: &[(&str, &str)]) -> Vec<(String, String)> {
        items.iter().map(|(r, w)| (r.to_string(), w.to_string())).collect()
    }

    #[test]
    fn pairs_by_both_names_then_wire_then_rust() {
        let old = keys(&[("a", "a"), ("b", "bWire"), ("c", "cOld"), ("gone", "gone")]);
        let new = keys(&[("b2", "bWire"), ("a", "a"), ("c", "cNew"), ("fresh", "fresh")]);
        let p = pair_up(&old, &new);
        assert_eq!(p.pairs, vec![(0, 1), (1, 0), (2, 2)]);
        assert_eq!(p.removed, vec![3]);
        assert_eq!(p.added, vec![3]);
    }

    #[test]
    fn spells_types_as_rust() {
        let ty =
            TypeRef::Nullable(Box::new(TypeRef::Map(Box::new(TypeRef::Vec(Box::new(TypeRef::Integer(IntWidth::U8)))))));
        assert_eq!(show(&ty), "Option<BTreeMap<String, Vec<u8>>>");
    }
}
