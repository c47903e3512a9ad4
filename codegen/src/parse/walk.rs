//! Every `$ref` of a document the model reads, with what it must point at
//! and where it is. Only the fields the generator reads are walked, so a
//! `$ref` inside an example, a vendor extension (`x-codeSamples`) or a
//! keyword the model ignores is never followed.

use super::document::{BoolOrSchema, Document, MediaType, Parameter, PathItem, RequestBody, Response, Schema};
use crate::diagnostic::join;
use indexmap::IndexMap;

/// What a `$ref` must resolve to, from where it is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Kind {
    Schema,
    Parameter,
    RequestBody,
    Response,
    PathItem,
}

impl Kind {
    /// The `components` section that holds this kind (path items are never
    /// hoisted there).
    pub(crate) fn section(self) -> &'static str {
        match self {
            Kind::Schema => "schemas",
            Kind::Parameter => "parameters",
            Kind::RequestBody => "requestBodies",
            Kind::Response => "responses",
            Kind::PathItem => "pathItems",
        }
    }
}

/// One `$ref`: its kind, its text (to rewrite in place) and the pointer of
/// the `$ref` string itself.
pub(crate) struct Site<'a> {
    pub kind: Kind,
    pub reference: &'a mut String,
    pub pointer: String,
}

/// Called for each `$ref` found.
pub(crate) type Visit<'v> = dyn FnMut(Site<'_>) + 'v;

fn site(kind: Kind, reference: &mut Option<String>, at: &str, visit: &mut Visit<'_>) {
    if let Some(reference) = reference {
        visit(Site { kind, reference, pointer: join(at, "$ref") });
    }
}

/// Every `$ref` of the document, in document order.
pub(crate) fn document(doc: &mut Document, visit: &mut Visit<'_>) {
    for (path, item) in &mut doc.paths {
        path_item(item, &join("/paths", path), visit);
    }
    components(doc, visit);
}

/// The `$ref`s under `components` only.
pub(crate) fn components(doc: &mut Document, visit: &mut Visit<'_>) {
    let c = &mut doc.components;
    for (key, s) in &mut c.schemas {
        schema(s, &join("/components/schemas", key), visit);
    }
    for (key, p) in &mut c.parameters {
        parameter(p, &join("/components/parameters", key), visit);
    }
    for (key, r) in &mut c.responses {
        response(r, &join("/components/responses", key), visit);
    }
    for (key, b) in &mut c.request_bodies {
        request_body(b, &join("/components/requestBodies", key), visit);
    }
}

pub(crate) fn path_item(item: &mut PathItem, at: &str, visit: &mut Visit<'_>) {
    site(Kind::PathItem, &mut item.reference, at, visit);
    for (i, p) in item.parameters.iter_mut().enumerate() {
        parameter(p, &join(&join(at, "parameters"), i), visit);
    }
    for (method, op) in item.operations_mut() {
        let at = join(at, method);
        for (i, p) in op.parameters.iter_mut().enumerate() {
            parameter(p, &join(&join(&at, "parameters"), i), visit);
        }
        if let Some(body) = &mut op.request_body {
            request_body(body, &join(&at, "requestBody"), visit);
        }
        for (status, r) in &mut op.responses {
            response(r, &join(&join(&at, "responses"), status), visit);
        }
    }
}

pub(crate) fn parameter(p: &mut Parameter, at: &str, visit: &mut Visit<'_>) {
    site(Kind::Parameter, &mut p.reference, at, visit);
    if let Some(s) = &mut p.schema {
        schema(s, &join(at, "schema"), visit);
    }
    if let Some(content) = &mut p.content {
        media(content, &join(at, "content"), visit);
    }
}

pub(crate) fn request_body(b: &mut RequestBody, at: &str, visit: &mut Visit<'_>) {
    site(Kind::RequestBody, &mut b.reference, at, visit);
    media(&mut b.content, &join(at, "content"), visit);
}

pub(crate) fn response(r: &mut Response, at: &str, visit: &mut Visit<'_>) {
    site(Kind::Response, &mut r.reference, at, visit);
    media(&mut r.content, &join(at, "content"), visit);
}

fn media(content: &mut IndexMap<String, MediaType>, at: &str, visit: &mut Visit<'_>) {
    for (content_type, m) in content {
        if let Some(s) = &mut m.schema {
            schema(s, &join(&join(at, content_type), "schema"), visit);
        }
    }
}

pub(crate) fn schema(s: &mut Schema, at: &str, visit: &mut Visit<'_>) {
    site(Kind::Schema, &mut s.reference, at, visit);
    for (name, p) in &mut s.properties {
        schema(p, &join(&join(at, "properties"), name), visit);
    }
    if let Some(BoolOrSchema::Schema(extra)) = &mut s.additional_properties {
        schema(extra, &join(at, "additionalProperties"), visit);
    }
    if let Some(items) = &mut s.items {
        if let BoolOrSchema::Schema(items) = items.as_mut() {
            schema(items, &join(at, "items"), visit);
        }
    }
    for (keyword, list) in [("allOf", &mut s.all_of), ("oneOf", &mut s.one_of), ("anyOf", &mut s.any_of)] {
        for (i, member) in list.iter_mut().flatten().enumerate() {
            schema(member, &join(&join(at, keyword), i), visit);
        }
    }
    if let Some(d) = &mut s.discriminator {
        let at = join(&join(at, "discriminator"), "mapping");
        for (value, reference) in &mut d.mapping {
            // A mapping value is a schema name or a `$ref`; a bare name is
            // left alone (it names a component of the root document).
            let file = [".yaml", ".yml", ".json"].iter().any(|e| reference.ends_with(e));
            if file || reference.contains(['#', '/']) {
                visit(Site { kind: Kind::Schema, reference, pointer: join(&at, value) });
            }
        }
    }
}
