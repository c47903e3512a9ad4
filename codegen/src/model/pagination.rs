//! Which operations return a list a page at a time, and how to ask for the
//! next page: decided once every operation and type is known, and moved
//! into [`Operation::pagination`] by `decide`. The emitter gives each such operation a
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
//! Read from the model alone: the operation's chosen success response and
//! the resolved types, with what the types cannot hold (the hints, and an
//! envelope's properties beside `result`) kept by the builder in
//! [`PageHints`]. The item type is the type the operation's own method
//! returns items as, and the page's typed metadata is the declared type of
//! `result_info`, else (a list without one, such as Oxide's) the body's own
//! struct.

use super::page_hints::{OperationHints, PageHints};
use super::{
    aliases, Method, NextPage, Operation, PageMetadata, Pagination, Response, TypeDef, TypeKind, TypeRef, Undecided,
};
use crate::naming::{self, Namespace};
use std::collections::BTreeMap;

/// Cursor fields are searched for this many properties deep.
const MAX_FIELD_DEPTH: usize = 4;

/// How each of `operations` pages, in their order: what `decide` moves
/// into [`Operation::pagination`]. `operations` are sorted by name, so
/// stream method names are claimed in a deterministic order.
/// `typed_info`: the crate has the envelope runtime, whose pages read
/// `result_info` typed. It runs before `decide` (the pages' typed metadata
/// must be `Deserialize`); only the parameters' names and places are read.
pub(super) fn recognise(
    hints: &PageHints,
    types: &BTreeMap<String, TypeDef<Undecided>>,
    operations: &[Operation<Undecided>],
    typed_info: bool,
) -> Vec<Option<Pagination>> {
    let taken: Vec<&str> = operations.iter().map(|op| op.name.as_str()).collect();
    let mut names = Namespace::with_reserved(&taken);
    let none = OperationHints::default();
    let cx = Cx { hints, types };
    let mut pages = |op: &Operation<Undecided>| {
        let op_hints = hints.operations.get(&op.source).unwrap_or(&none);
        let body = cx.body(op, op_hints)?;
        let (items, next) = paging(&cx, op, op_hints, &body)?;
        let item = item_type(&op.response, &items, types)?;
        let info = typed_info.then(|| result_info(&cx, &body)).flatten();
        let metadata = info.map(PageMetadata::ResultInfo).or_else(|| own_body(&op.response, types));
        let method = names.claim(naming::stream_method(&op.name));
        Some(Pagination { method, item, items, next, metadata })
    };
    operations.iter().map(&mut pages).collect()
}

/// A property of a body (or of a struct in it) as paging reads it.
struct Member<'t> {
    wire: &'t str,
    /// Its type, when the model has one (an envelope's `success`,
    /// `errors` and `messages` have none).
    ty: Option<&'t TypeRef>,
    /// Its Stainless `purpose`.
    purpose: Option<&'t str>,
}

/// What paging reads: the types and the hints.
struct Cx<'t> {
    hints: &'t PageHints,
    types: &'t BTreeMap<String, TypeDef<Undecided>>,
}

impl<'t> Cx<'t> {
    /// The top-level properties of the body the operation receives: the
    /// whole envelope for an enveloped one. `None` when it has no JSON body.
    fn body(&self, op: &'t Operation<Undecided>, op_hints: &'t OperationHints) -> Option<Vec<Member<'t>>> {
        match &op.response {
            Response::Envelope(result) => {
                let rest = op_hints.envelope.as_ref()?;
                let members = rest.props.iter().map(|(wire, purpose)| Member {
                    wire,
                    ty: match wire.as_str() {
                        "result" => Some(result),
                        "result_info" => rest.info.as_ref(),
                        _ => None,
                    },
                    purpose: purpose.as_deref(),
                });
                Some(members.collect())
            }
            Response::Json(body) => Some(self.fields(Some(body))),
            _ => None,
        }
    }

    /// The fields of the struct a value of `ty` is; none when it is not a
    /// struct.
    fn fields(&self, ty: Option<&'t TypeRef>) -> Vec<Member<'t>> {
        let Some(name) = ty.and_then(|ty| named(ty, self.types)) else { return Vec::new() };
        let Some(TypeKind::Struct(s)) = self.types.get(name).map(|d| &d.kind) else { return Vec::new() };
        let member = |f: &'t super::Field<Undecided>| Member {
            wire: &f.name.wire,
            ty: Some(&f.ty),
            purpose: self.hints.field(name, &f.name.wire),
        };
        s.fields.iter().map(member).collect()
    }
}

/// Where the items are and how the next page is asked for.
fn paging(
    cx: &Cx<'_>,
    op: &Operation<Undecided>,
    op_hints: &OperationHints,
    body: &[Member<'_>],
) -> Option<(Vec<String>, NextPage)> {
    let query: Vec<&str> = op
        .params
        .iter()
        .flat_map(|p| &p.fields)
        .filter(|p| p.location == super::ParamLocation::Query)
        .map(|p| p.name.wire.as_str())
        .collect();
    let has = |name: &str| query.contains(&name);
    let owned = |path: &[&str]| path.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let member = |members: &[Member<'_>], key: &str| members.iter().position(|m| m.wire == key);

    if let Some(hinted) = stainless(cx, op_hints, body) {
        return Some(hinted);
    }
    if op_hints.dropshot
        && has("limit")
        && has("page_token")
        && member(body, "items").is_some()
        && member(body, "next_page").is_some()
    {
        let next =
            NextPage::Token { field: owned(&["next_page"]), param: "page_token".into(), keep: owned(&["limit"]) };
        return Some((owned(&["items"]), next));
    }
    // Some Cloudflare lists leave `errors` or `messages` out of their
    // envelope, so the operation decodes a plain JSON body: its `result`
    // is paged all the same.
    let info = member(body, "result_info").filter(|_| op.method == Method::Get && member(body, "result").is_some())?;
    if has("page") && has("per_page") {
        return Some((owned(&["result"]), NextPage::Number { param: "page".into() }));
    }
    if has("cursor") {
        let info = cx.fields(body[info].ty);
        let field: &[&str] = if member(&info, "cursor").is_some() {
            &["result_info", "cursor"]
        } else if member(&info, "cursors").is_some_and(|c| member(&cx.fields(info[c].ty), "after").is_some()) {
            &["result_info", "cursors", "after"]
        } else {
            return None;
        };
        return Some((owned(&["result"]), NextPage::Cursor { field: owned(field), param: "cursor".into() }));
    }
    None
}

/// Paging from Stainless's hints, when all three are there.
fn stainless(cx: &Cx<'_>, op_hints: &OperationHints, body: &[Member<'_>]) -> Option<(Vec<String>, NextPage)> {
    let items = body.iter().find(|m| m.purpose == Some("items"))?.wire.to_string();
    let param = op_hints.cursor_param.clone()?;
    let field = find_field(cx, body, "next_cursor_field", 0)?;
    Some((vec![items], NextPage::Cursor { field, param }))
}

/// The path to the first property (depth first, in spec order) that
/// carries the Stainless `purpose`.
fn find_field(cx: &Cx<'_>, members: &[Member<'_>], wanted: &str, depth: usize) -> Option<Vec<String>> {
    if depth >= MAX_FIELD_DEPTH {
        return None;
    }
    for m in members {
        if m.purpose == Some(wanted) {
            return Some(vec![m.wire.to_string()]);
        }
        if let Some(mut path) = find_field(cx, &cx.fields(m.ty), wanted, depth + 1) {
            path.insert(0, m.wire.to_string());
            return Some(path);
        }
    }
    None
}

/// The declared type of the body's `result_info`, when it is a struct: the
/// page's typed metadata.
fn result_info(cx: &Cx<'_>, body: &[Member<'_>]) -> Option<TypeRef> {
    let ty = body.iter().find(|m| m.wire == "result_info")?.ty?;
    let ty = match ty {
        // The runtime reads a `null` `result_info` as none.
        TypeRef::Nullable(inner) => &**inner,
        other => other,
    };
    let name = named(ty, cx.types)?;
    matches!(cx.types.get(name)?.kind, TypeKind::Struct(_)).then(|| ty.clone())
}

/// The body's own struct, for a list that is not enveloped: the page's
/// typed metadata when there is no `result_info` to read. It is the type
/// the operation's own method decodes, so it is `Deserialize`.
fn own_body(response: &Response, types: &BTreeMap<String, TypeDef<Undecided>>) -> Option<PageMetadata> {
    let Response::Json(body) = response else { return None };
    let name = named(body, types)?;
    matches!(types.get(name)?.kind, TypeKind::Struct(_)).then(|| PageMetadata::Body(body.clone()))
}

/// The type of one item: the array at `items` in the decoded body, looked
/// up in the model. `None` when the items are not an array of the model.
fn item_type(response: &Response, items: &[String], types: &BTreeMap<String, TypeDef<Undecided>>) -> Option<TypeRef> {
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
fn plain<'t>(ty: &'t TypeRef, types: &'t BTreeMap<String, TypeDef<Undecided>>) -> &'t TypeRef {
    let strip = |ty: &'t TypeRef| match ty {
        TypeRef::Nullable(inner) => &**inner,
        other => other,
    };
    strip(aliases::resolve(strip(ty), |n| types.get(n)))
}

/// The name of the struct (or other named type) a value of `ty` is.
fn named<'t>(ty: &'t TypeRef, types: &'t BTreeMap<String, TypeDef<Undecided>>) -> Option<&'t str> {
    match plain(ty, types) {
        TypeRef::Named(name) => Some(name),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::super::build::tests::model;
    use super::super::Api;
    use super::*;

    fn paging<'a>(api: &'a Api, op: &str) -> Option<&'a Pagination> {
        api.operations.iter().find(|o| o.name == op).expect("the operation is there").pagination.as_ref()
    }

    const ENVELOPE: &str = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /zones:\n    get:\n      \
        operationId: zones\n      parameters:\n        - {name: page, in: query, schema: {type: number}}\n        \
        - {name: per_page, in: query, schema: {type: number}}\n        - {name: cursor, in: query, schema: {type: string}}\n      \
        responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              \
        schema: {$ref: '#/components/schemas/page'}\ncomponents:\n  schemas:\n    page:\n      type: object\n      \
        properties:\n        success: {type: boolean}\n        errors: {type: array, items: {}}\n        \
        messages: {type: array, items: {}}\n        result: {type: array, items: {$ref: '#/components/schemas/zone'}}\n        \
        result_info: {$ref: '#/components/schemas/info'}\n    info:\n      $ref: '#/components/schemas/info_object'\n    \
        info_object:\n      type: object\n      properties:\n        count: {type: number}\n        cursor: {type: string}\n    \
        zone:\n      type: object\n      properties:\n        id: {type: string}\n";

    /// The envelope's `result_info`, which the model's types do not hold,
    /// is kept by the builder: it decides the paging and is the page's
    /// typed metadata, a `$ref` chain followed to its struct; the metadata
    /// type is read from responses, so it is `Deserialize`.
    #[test]
    fn an_envelopes_result_info_is_read_from_the_model() {
        let api = model(ENVELOPE);
        let paging = paging(&api, "zones").expect("the list pages");
        assert_eq!(paging.items, ["result"]);
        assert_eq!(paging.next, NextPage::Number { param: "page".into() });
        assert_eq!(paging.item, TypeRef::Named("Zone".into()));
        assert_eq!(paging.metadata, Some(PageMetadata::ResultInfo(TypeRef::Named("Info".into()))));
        let info = TypeRef::Named("Info".into());
        let TypeRef::Named(info) = api.resolve(&info) else { panic!("the metadata names a type") };
        assert!(api.type_def(info).expect("the struct is kept").traits.deserialize);
    }

    /// Without `per_page`, the cursor is found in the `result_info` struct;
    /// a `result_info` without a schema pages all the same, as JSON.
    #[test]
    fn cursors_are_found_in_result_info_and_json_metadata_stays_json() {
        let cursor = ENVELOPE.replace("        - {name: per_page, in: query, schema: {type: number}}\n", "");
        let api = model(&cursor);
        let next = &paging(&api, "zones").expect("the list pages").next;
        assert_eq!(
            *next,
            NextPage::Cursor { field: vec!["result_info".into(), "cursor".into()], param: "cursor".into() }
        );

        let untyped = ENVELOPE.replace("result_info: {$ref: '#/components/schemas/info'}", "result_info: {}");
        let api = model(&untyped);
        let paging = paging(&api, "zones").expect("the list still pages");
        assert_eq!(paging.metadata, None);
        assert!(api.type_def("Info").is_none(), "the unused struct is not kept");
    }

    /// A crate with no envelope has no runtime that reads `result_info`
    /// alone, so a plain Cloudflare-shaped body is its own metadata: its
    /// `result_info` is typed as one of its fields.
    #[test]
    fn a_plain_body_is_its_own_metadata() {
        let plain = ENVELOPE.replace("        errors: {type: array, items: {}}\n", "");
        let api = model(&plain);
        let list = paging(&api, "zones").expect("a plain body pages by its `result`");
        assert_eq!(list.metadata, Some(PageMetadata::Body(TypeRef::Named("Page".into()))));
        assert!(api.type_def("Page").expect("the body's struct is kept").traits.deserialize);
    }

    /// Stainless hints on fields are kept while the types are built, and a
    /// struct merged into an identical one keeps them through it (`meta`
    /// becomes an alias of `ab`, which has no hint of its own).
    #[test]
    fn stainless_hints_survive_merging_identical_types() {
        let text = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /keys:\n    get:\n      \
            operationId: keys\n      parameters:\n        - name: after\n          in: query\n          \
            schema: {type: string, x-stainless-pagination-property: {purpose: next_cursor_param}}\n      \
            responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              \
            schema:\n                type: object\n                properties:\n                  \
            data: {type: array, items: {type: string}, x-stainless-pagination-property: {purpose: items}}\n                  \
            meta: {$ref: '#/components/schemas/meta'}\ncomponents:\n  schemas:\n    meta:\n      type: object\n      \
            properties:\n        next: {$ref: '#/components/schemas/cursor'}\n    ab:\n      type: object\n      \
            properties:\n        next: {type: string}\n    cursor:\n      type: string\n      \
            x-stainless-pagination-property: {purpose: next_cursor_field}\n";
        let api = model(text);
        let paging = paging(&api, "keys").expect("the hints page it");
        assert_eq!(paging.items, ["data"]);
        assert_eq!(paging.next, NextPage::Cursor { field: vec!["meta".into(), "next".into()], param: "after".into() });
        let body = TypeRef::Named("KeysResponse".into());
        assert_eq!(paging.metadata, Some(PageMetadata::Body(body)), "a body without an envelope is its own metadata");
    }
}
