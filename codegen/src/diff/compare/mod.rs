//! Walking two models side by side and recording what changed.
//!
//! Items are matched by their Rust name first, since that is what users
//! write; what is left over is matched by what identifies it on the wire
//! (an operation's method and path, a field's JSON name, a type's schema),
//! which turns a removal plus an addition into a rename. Types are spelled
//! by the emitter's own [`signature`](crate::emit::signature) functions,
//! so a report names exactly what users see.

mod members;
mod operations;
mod spelling;
mod types;

use super::{Change, ChangeKind as K};
use crate::model::{Api, TypeRef};
use std::collections::HashMap;

pub(super) fn changes(old: &Api, new: &Api) -> Vec<Change> {
    let mut cx = Cx { old, new, renames: HashMap::new(), out: Vec::new() };
    cx.meta();
    // Type renames are found first so that uses of a renamed type are not
    // also reported as type changes.
    let types = cx.match_types();
    cx.operations();
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
    old: &'a Api,
    new: &'a Api,
    /// Old Rust name → new Rust name of each renamed type.
    renames: HashMap<String, String>,
    out: Vec<Change>,
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

    /// `ty` with aliases looked through (as the model resolved them) and
    /// old type names mapped to their new names: two references denote the
    /// same Rust type when these agree.
    fn canon(&self, ty: &TypeRef, side: Side) -> TypeRef {
        let api = match side {
            Side::Old => self.old,
            Side::New => self.new,
        };
        match api.resolve(ty) {
            TypeRef::Named(name) if side == Side::Old => TypeRef::Named(self.renames.get(name).unwrap_or(name).clone()),
            TypeRef::Vec(inner) => TypeRef::Vec(Box::new(self.canon(inner, side))),
            TypeRef::Map(inner) => TypeRef::Map(Box::new(self.canon(inner, side))),
            TypeRef::Nullable(inner) => TypeRef::Nullable(Box::new(self.canon(inner, side))),
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

    fn meta(&mut self) {
        let (old, new) = (self.old, self.new);
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
}
