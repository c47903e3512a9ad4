//! What the spec says about how a list pages that the Rust types do not
//! hold: Stainless's and Dropshot's hints, and the parts of a Cloudflare
//! envelope beside its `result`. They are read while the operations and
//! types are built, where the document is at hand, so that `pagination`
//! works from the model alone.

use super::{refs, TypeRef};
use crate::parse::document::{Operation, Parameter, Schema};
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;

/// The hints gathered for the whole spec.
#[derive(Debug, Default)]
pub(super) struct PageHints {
    /// Stainless `purpose`s of struct fields: struct name, then the
    /// field's wire name.
    pub fields: BTreeMap<String, BTreeMap<String, String>>,
    /// Per operation, by its JSON pointer ([`super::Operation::source`]).
    pub operations: FxHashMap<String, OperationHints>,
}

/// What one operation's spec says about paging.
#[derive(Debug, Default)]
pub(super) struct OperationHints {
    /// It carries `x-dropshot-pagination` (Oxide).
    pub dropshot: bool,
    /// The query parameter Stainless marks `next_cursor_param`.
    pub cursor_param: Option<String>,
    /// Its success response's envelope, when it decodes one.
    pub envelope: Option<EnvelopeRest>,
}

/// A Cloudflare envelope beside what its decoder returns (`result`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct EnvelopeRest {
    /// Every property of the envelope, in spec order, with its Stainless
    /// `purpose`.
    pub props: Vec<(String, Option<String>)>,
    /// The type of `result_info`, when the envelope declares it.
    pub info: Option<TypeRef>,
}

impl PageHints {
    /// Records what `op` (at `pointer`) says about paging; `params` are
    /// its parameters with their `$ref`s followed.
    pub fn operation<'p>(
        &mut self,
        doc: &crate::parse::Document,
        pointer: &str,
        op: &Operation,
        params: impl IntoIterator<Item = &'p Parameter>,
    ) {
        let cursor_param = params.into_iter().find_map(|p| {
            let hinted = p.location.as_deref() == Some("query")
                && p.schema.as_ref().is_some_and(|s| purpose(doc, s).as_deref() == Some("next_cursor_param"));
            hinted.then(|| p.name.clone()).flatten()
        });
        let hints = self.operations.entry(pointer.to_string()).or_default();
        hints.dropshot = op.dropshot_pagination.is_some();
        hints.cursor_param = cursor_param;
    }

    /// The Stainless `purpose` of the field `wire` of the struct `name`.
    pub fn field(&self, name: &str, wire: &str) -> Option<&str> {
        self.fields.get(name)?.get(wire).map(String::as_str)
    }

    /// After `dedup` made `member` an alias of `canonical`, the hints of
    /// either are found through the type that kept its definition.
    pub fn merged(&mut self, member: &str, canonical: &str) {
        if let Some(fields) = self.fields.get(member).cloned() {
            let kept = self.fields.entry(canonical.to_string()).or_default();
            for (wire, purpose) in fields {
                kept.entry(wire).or_insert(purpose);
            }
        }
    }
}

/// The Stainless `purpose` hint on `schema`, or on the schema at the end of
/// its `$ref` chain.
pub(super) fn purpose(doc: &crate::parse::Document, schema: &Schema) -> Option<String> {
    let of = |s: &Schema| s.pagination_property.as_ref()?.get("purpose")?.as_str().map(str::to_string);
    of(schema).or_else(|| of(refs::schema_end(doc, schema)))
}
