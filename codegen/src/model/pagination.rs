//! Which operations return a list a page at a time, and how to ask for the
//! next page: decided once every operation and type is known, and recorded
//! as [`Operation::pagination`]. The emitter gives each such operation a
//! second method that streams every item; the runtime does the paging.
//!
//! Recognised, first match wins:
//! - Stainless's `x-stainless-pagination-property` hints: a response
//!   property marked `items`, a query parameter marked `next_cursor_param`
//!   and a response field marked `next_cursor_field`;
//! - Dropshot's `x-dropshot-pagination` (Oxide): `limit` and `page_token`
//!   query parameters and an `{items, next_page}` body, as progenitor reads
//!   it;
//! - Cloudflare's lists, `GET`s whose body has an array `result` and a
//!   `result_info`: numbered pages with `page` and `per_page` query
//!   parameters, else a cursor in `result_info.cursor` or
//!   `result_info.cursors.after` fed back as the `cursor` query parameter.
//!
//! The shape of the body (`result_info` is not part of the model) and the
//! hints are read from the spec; the item type comes from the model, so it
//! is the type the operation's own method returns items as.

use super::http::{media_kind, pick_media, MediaKind};
use super::{aliases, refs, Method, NextPage, Operation, Pagination, Response, TypeDef, TypeKind, TypeRef};
use crate::naming::{self, Namespace};
use crate::parse::document::{self as doc, Document, Schema};
use indexmap::IndexMap;
use std::collections::BTreeMap;

/// `$ref` and `allOf` chains are followed this deep, so a cyclic spec
/// cannot loop; paging shapes are shallow.
const MAX_DEPTH: usize = 16;

/// Cursor fields are searched for this many properties deep.
const MAX_FIELD_DEPTH: usize = 4;

/// Fills in [`Operation::pagination`]. `operations` are sorted by name, so
/// stream method names are claimed in a deterministic order.
pub(super) fn recognise(doc: &Document, types: &BTreeMap<String, TypeDef>, operations: &mut [Operation]) {
    let taken: Vec<&str> = operations.iter().map(|op| op.name.as_str()).collect();
    let mut names = Namespace::with_reserved(&taken);
    for op in operations.iter_mut() {
        let Some(spec) = spec_operation(doc, op) else { continue };
        let Some((items, next)) = paging(doc, op, spec) else { continue };
        let Some(item) = item_type(&op.response, &items, types) else { continue };
        let method = names.claim(naming::stream_method(&op.name));
        op.pagination = Some(Pagination { method, item, items, next });
    }
}

/// Where the items are and how the next page is asked for.
fn paging(doc: &Document, op: &Operation, spec: &doc::Operation) -> Option<(Vec<String>, NextPage)> {
    let body = properties(doc, success_schema(doc, spec)?, 0);
    let query: Vec<&str> = op
        .params
        .iter()
        .flat_map(|p| &p.fields)
        .filter(|p| p.location == super::ParamLocation::Query)
        .map(|p| p.name.wire.as_str())
        .collect();
    let has = |name: &str| query.contains(&name);
    let owned = |path: &[&str]| path.iter().map(|s| s.to_string()).collect::<Vec<_>>();

    if let Some(hinted) = stainless(doc, spec, &body) {
        return Some(hinted);
    }
    if spec.dropshot_pagination.is_some()
        && has("limit")
        && has("page_token")
        && body.contains_key("items")
        && body.contains_key("next_page")
    {
        let next =
            NextPage::Token { field: owned(&["next_page"]), param: "page_token".into(), keep: owned(&["limit"]) };
        return Some((owned(&["items"]), next));
    }
    // Some Cloudflare lists leave `errors` or `messages` out of their
    // envelope, so the operation decodes a plain JSON body: its `result`
    // is paged all the same.
    let info = body.get("result_info").filter(|_| op.method == Method::Get && body.contains_key("result"))?;
    if has("page") && has("per_page") {
        return Some((owned(&["result"]), NextPage::Number { param: "page".into() }));
    }
    if has("cursor") {
        let info = properties(doc, info, 0);
        let field: &[&str] = if info.contains_key("cursor") {
            &["result_info", "cursor"]
        } else if info.get("cursors").is_some_and(|c| properties(doc, c, 0).contains_key("after")) {
            &["result_info", "cursors", "after"]
        } else {
            return None;
        };
        return Some((owned(&["result"]), NextPage::Cursor { field: owned(field), param: "cursor".into() }));
    }
    None
}

/// Paging from Stainless's hints, when all three are there.
fn stainless(doc: &Document, spec: &doc::Operation, body: &IndexMap<&str, &Schema>) -> Option<(Vec<String>, NextPage)> {
    let items = body.iter().find(|(_, s)| purpose(doc, s) == Some("items")).map(|(k, _)| k.to_string())?;
    let param = spec.parameters.iter().find_map(|p| {
        let p = match &p.reference {
            Some(reference) => refs::parameter_of(doc, reference)?,
            None => p,
        };
        let hinted = p.location.as_deref() == Some("query")
            && p.schema.as_ref().is_some_and(|s| purpose(doc, s) == Some("next_cursor_param"));
        hinted.then(|| p.name.clone()).flatten()
    })?;
    let field = find_field(doc, body, "next_cursor_field", 0)?;
    Some((vec![items], NextPage::Cursor { field, param }))
}

/// The path to the first property (depth first, in spec order) whose
/// schema carries the Stainless `purpose`.
fn find_field(doc: &Document, props: &IndexMap<&str, &Schema>, wanted: &str, depth: usize) -> Option<Vec<String>> {
    if depth >= MAX_FIELD_DEPTH {
        return None;
    }
    for (key, schema) in props {
        if purpose(doc, schema) == Some(wanted) {
            return Some(vec![key.to_string()]);
        }
        if let Some(mut path) = find_field(doc, &properties(doc, schema, 0), wanted, depth + 1) {
            path.insert(0, key.to_string());
            return Some(path);
        }
    }
    None
}

/// The spec's operation that `op` was built from.
fn spec_operation<'d>(doc: &'d Document, op: &Operation) -> Option<&'d doc::Operation> {
    let item = doc.paths.get(&op.path)?;
    item.operations().find(|(method, _)| method.eq_ignore_ascii_case(op.method.as_str())).map(|(_, o)| o)
}

/// The JSON schema of the success response the operation's method decodes
/// (its lowest 2xx code with a body, as `responses` picks it).
fn success_schema<'d>(doc: &'d Document, spec: &'d doc::Operation) -> Option<&'d Schema> {
    let mut codes: Vec<&String> = spec.responses.keys().filter(|c| c.starts_with('2')).collect();
    codes.sort_unstable();
    codes.into_iter().find_map(|code| {
        let response = &spec.responses[code];
        let response = match &response.reference {
            Some(reference) => refs::response_of(doc, reference)?,
            None => response,
        };
        let (content_type, media) = pick_media(&response.content)?;
        matches!(media_kind(content_type), MediaKind::Json).then_some(media.schema.as_ref()).flatten()
    })
}

/// `schema` with its `$ref`s followed (the first schema without one).
fn deref<'d>(doc: &'d Document, mut schema: &'d Schema) -> &'d Schema {
    for _ in 0..MAX_DEPTH {
        let Some(reference) = &schema.reference else { break };
        match refs::schema_of(doc, reference) {
            Some(target) => schema = target,
            None => break,
        }
    }
    schema
}

/// The properties of `schema`, its `$ref` target and its `allOf` parts.
/// Only looked at: nothing is built or reported (`responses` did that).
fn properties<'d>(doc: &'d Document, schema: &'d Schema, depth: usize) -> IndexMap<&'d str, &'d Schema> {
    let mut out = IndexMap::new();
    if depth > MAX_DEPTH {
        return out;
    }
    if let Some(reference) = &schema.reference {
        if let Some(target) = refs::schema_of(doc, reference) {
            out.extend(properties(doc, target, depth + 1));
        }
    }
    for part in schema.all_of.iter().flatten() {
        out.extend(properties(doc, part, depth + 1));
    }
    out.extend(schema.properties.iter().map(|(k, v)| (k.as_str(), v)));
    out
}

/// The Stainless `purpose` hint on `schema` or on the schema it refers to.
fn purpose<'d>(doc: &'d Document, schema: &'d Schema) -> Option<&'d str> {
    let of = |s: &'d Schema| s.pagination_property.as_ref()?.get("purpose")?.as_str();
    of(schema).or_else(|| of(deref(doc, schema)))
}

/// The type of one item: the array at `items` in the decoded body, looked
/// up in the model. `None` when the items are not an array of the model.
fn item_type(response: &Response, items: &[String], types: &BTreeMap<String, TypeDef>) -> Option<TypeRef> {
    let (mut ty, path) = match response {
        // The operation's method decodes the envelope's `result`.
        Response::Envelope(result) => (result, items.strip_prefix(&["result".to_string()])?),
        Response::Json(body) => (body, items),
        _ => return None,
    };
    for key in path {
        let TypeKind::Struct(s) = &types.get(named(ty, types)?)?.kind else { return None };
        ty = &s.fields.iter().find(|f| f.name.wire == *key)?.ty;
    }
    match plain(ty, types) {
        TypeRef::Vec(item) => Some((**item).clone()),
        _ => None,
    }
}

/// `ty` without `Option` and aliases.
fn plain<'t>(ty: &'t TypeRef, types: &'t BTreeMap<String, TypeDef>) -> &'t TypeRef {
    let strip = |ty: &'t TypeRef| match ty {
        TypeRef::Nullable(inner) => &**inner,
        other => other,
    };
    strip(aliases::resolve(strip(ty), |n| types.get(n)))
}

/// The name of the struct (or other named type) a value of `ty` is.
fn named<'t>(ty: &'t TypeRef, types: &'t BTreeMap<String, TypeDef>) -> Option<&'t str> {
    match plain(ty, types) {
        TypeRef::Named(name) => Some(name),
        _ => None,
    }
}
