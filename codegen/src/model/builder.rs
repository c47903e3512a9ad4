//! The state the model's passes share while the types and operations are
//! built (see [`build`](super::build) for the passes, in order).

use super::page_hints::PageHints;
use super::{Dropped, Options, TypeDef, TypeRef, Unresolved};
use crate::diagnostic::Diagnostic;
use crate::naming::{self, name_all, Namespace};
use crate::parse::document::Schema;
use crate::parse::Document;
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::BTreeMap;

/// State shared by the schema and operation conversions.
pub(super) struct Builder<'a> {
    pub doc: &'a Document,
    pub options: &'a Options,
    /// Named types created so far, by Rust name; their traits are decided
    /// once every type is known.
    pub types: BTreeMap<String, TypeDef<Unresolved>>,
    /// The crate's type namespace.
    pub names: Namespace,
    /// Rust names of all component schemas, decided up front so that they
    /// do not depend on which operations reach them.
    pub component_names: FxHashMap<&'a str, String>,
    pub components: FxHashMap<String, TypeRef>,
    pub in_progress: FxHashSet<String>,
    /// Inline schemas already converted, by the address of their node in
    /// the document: one node is one location, so this is the same as
    /// keying by its JSON pointer, without hashing long pointers.
    pub inline: FxHashMap<*const Schema, TypeRef>,
    pub diags: Vec<Diagnostic>,
    /// What the operation being converted leaves out (see `drop_part`).
    pub dropped: Vec<Dropped>,
    /// What the spec says about paging that the types do not hold, for
    /// `pagination`.
    pub page_hints: PageHints,
}

impl<'a> Builder<'a> {
    /// A builder for `doc`, with the Rust names of all component schemas
    /// claimed first, so that they do not depend on which operations reach
    /// them.
    pub fn new(doc: &'a Document, options: &'a Options) -> Self {
        let keys: Vec<String> = doc.components.schemas.keys().cloned().collect();
        let names = name_all(&keys, naming::pascal, &[]);
        let mut namespace = Namespace::default();
        let mut component_names = FxHashMap::default();
        for (key, name) in doc.components.schemas.keys().zip(names) {
            component_names.insert(key.as_str(), namespace.claim(name.rust));
        }
        Builder {
            doc,
            options,
            types: BTreeMap::new(),
            names: namespace,
            component_names,
            components: FxHashMap::default(),
            in_progress: FxHashSet::default(),
            inline: FxHashMap::default(),
            diags: Vec::new(),
            dropped: Vec::new(),
            page_hints: PageHints::default(),
        }
    }
}
