//! What a successful call returns: the 2xx responses (or `default` when an
//! operation lists no 2xx), combined into one decoder.

use super::builder::Builder;
use super::http::{media_kind, pick_media, MediaKind};
use super::page_hints::{self, EnvelopeRest};
use super::refs::{self, Found, Kind};
use super::{Dropped, ErrorBody, Response, TypeRef};
use crate::diagnostic::{join, Code, Diagnostic};
use crate::naming;
use crate::parse::document as doc;
use indexmap::IndexMap;

impl<'a> Builder<'a> {
    /// The success responses (the 2xx ones, or `default` when there is
    /// none), each resolved once for every pass that reads them (the
    /// decoder, the event stream). `None` when what comes back is unknown:
    /// the operation declares no responses (reported, and dropped), or every
    /// success response was left out.
    pub(super) fn success_responses(
        &mut self,
        op_pointer: &str,
        responses: &'a IndexMap<String, doc::Response>,
    ) -> Option<Vec<(&'a str, Read<'a>)>> {
        if responses.is_empty() {
            let d = Diagnostic::new(
                Code::NoResponses,
                op_pointer,
                "the operation declares no responses, so what it returns is unknown",
            )
            .with_hint("declare its success response, e.g. `'200': {description: OK}`");
            self.drop_part(d, Dropped::Responses, "the method returns the body as bytes");
            return None;
        }
        let mut codes: Vec<&'a str> = responses.keys().map(String::as_str).filter(|c| c.starts_with('2')).collect();
        codes.sort_unstable();
        if codes.is_empty() && responses.contains_key("default") {
            codes.push("default");
        }
        let mut resolved = Vec::with_capacity(codes.len());
        for &code in &codes {
            let pointer = join(&join(op_pointer, "responses"), code);
            if let Some(read) = self.resolve_response(&responses[code], pointer, code) {
                resolved.push((code, read));
            }
        }
        (!resolved.is_empty() || codes.is_empty()).then_some(resolved)
    }

    /// Several 2xx responses with different JSON bodies become one untagged
    /// union named `{Op}Response`, each body named `{Op}Response{code}`.
    pub(super) fn response(
        &mut self,
        op_pointer: &str,
        success: Option<&[(&'a str, Read<'a>)]>,
        op_type: &str,
    ) -> Response {
        // What comes back is unknown: raw bytes lose none of it.
        let Some(resolved) = success else { return Response::Bytes };
        let with_json = resolved.iter().filter(|(_, r)| r.is_json()).count();
        let mut outcomes: Vec<Response> = Vec::new();
        // The first envelope's other properties: the one the decoder
        // reads when the bodies do not become a union.
        let mut rest = None;
        for (code, read) in resolved {
            let suffix = if with_json > 1 { naming::pascal(code) } else { String::new() };
            let outcome = self.one_response(read, op_type, &suffix, &mut rest);
            if !outcomes.contains(&outcome) {
                outcomes.push(outcome);
            }
        }
        self.page_hints.operations.entry(op_pointer.to_string()).or_default().envelope = rest;
        self.combine(outcomes, op_pointer, op_type)
    }

    /// The error responses (`4XX`, `5XX`, `default` beside a 2xx, or
    /// specific codes) with a JSON schema, each named
    /// `{Op}Error{status}` when inline. Envelopes are left to the
    /// runtime's `ApiError`.
    pub(super) fn error_bodies(
        &mut self,
        op_pointer: &str,
        responses: &'a IndexMap<String, doc::Response>,
        op_type: &str,
    ) -> Vec<ErrorBody> {
        let has_success = responses.keys().any(|c| c.starts_with('2'));
        let mut out = Vec::new();
        for (code, response) in responses {
            let is_error = code.starts_with(['4', '5']) || (code == "default" && has_success);
            if !is_error {
                continue;
            }
            let pointer = join(&join(op_pointer, "responses"), code);
            let (pointer, content) = match self.resolve_response(response, pointer, code) {
                None => continue,
                Some(Read::Schema(key)) => {
                    let ty = self.component(key);
                    out.push(ErrorBody { status: code.clone(), ty });
                    continue;
                }
                Some(Read::Content(pointer, content)) => (pointer, content),
            };
            let Some((content_type, media)) = pick_media(content) else { continue };
            let Some(schema) = &media.schema else { continue };
            if !matches!(media_kind(content_type), MediaKind::Json) {
                continue;
            }
            let schema_pointer = join(&join(&join(&pointer, "content"), content_type), "schema");
            let hint = naming::owned::error(op_type, code);
            let merged = self.merge(schema, &schema_pointer, &hint);
            if ["success", "errors", "messages"].iter().all(|k| merged.props.contains_key(k)) {
                continue;
            }
            let ty = self.schema(schema, &schema_pointer, &hint);
            out.push(ErrorBody { status: code.clone(), ty });
        }
        out
    }

    /// What the response at `pointer` (for `status`) is read from; `None`
    /// when it is left out (reported).
    pub(super) fn resolve_response(
        &mut self,
        response: &'a doc::Response,
        pointer: String,
        status: &str,
    ) -> Option<Read<'a>> {
        let Some(reference) = &response.reference else { return Some(Read::Content(pointer, &response.content)) };
        let at = join(&pointer, "$ref");
        let found = match refs::resolve(self.doc, reference, Kind::Response, &at) {
            Ok(found) => found,
            Err(d) => {
                self.drop_part(d, Dropped::Response(status.to_string()), "the response is left out");
                return None;
            }
        };
        // The error for the arms where it names another kind of component.
        let wrong = refs::wrong_kind(reference, &found, Kind::Response, &at);
        match found {
            Found::Response(t) => Some(Read::Content(t.pointer, &t.value.content)),
            // Swagger 2.0 exports write `$ref: '#/definitions/X'` where the
            // response's schema belongs.
            Found::Schema(t) => {
                let recovery = "it becomes a response with that schema as its JSON body";
                self.diags.push(self.options.recover(wrong, recovery));
                Some(Read::Schema(t.key))
            }
            Found::RequestBody(t) => {
                self.diags.push(self.options.recover(wrong, "its content is read as the response's"));
                Some(Read::Content(t.pointer, &t.value.content))
            }
            Found::Parameter(_) => {
                self.drop_part(wrong, Dropped::Response(status.to_string()), "the response is left out");
                None
            }
        }
    }

    /// The decoder of one success response; for an envelope, what it holds
    /// beside `result` goes to `rest` unless an earlier one is there.
    fn one_response(
        &mut self,
        read: &Read<'a>,
        op_type: &str,
        suffix: &str,
        rest: &mut Option<EnvelopeRest>,
    ) -> Response {
        let (pointer, content) = match read {
            Read::Schema(key) => return Response::Json(self.component(key)),
            Read::Content(pointer, content) => (pointer, *content),
        };
        let Some((content_type, media)) = pick_media(content) else { return Response::Empty };
        let schema_pointer = join(&join(&join(pointer, "content"), content_type), "schema");
        match media_kind(content_type) {
            MediaKind::Json => {}
            MediaKind::Text => return Response::Text,
            _ => return Response::Bytes,
        }
        let Some(schema) = &media.schema else { return Response::Json(TypeRef::Json) };
        let hint = naming::owned::response(op_type, suffix);
        let merged = self.merge(schema, &schema_pointer, &hint);
        let is_envelope = ["success", "errors", "messages"].iter().all(|k| merged.props.contains_key(k));
        if !is_envelope {
            return Response::Json(self.schema(schema, &schema_pointer, &hint));
        }
        // Named like an inline property of the envelope: after the
        // operation, or after the component that declares it.
        let member_hint = |owner: &str, member: &str| match owner == hint {
            true => naming::owned::envelope_member(op_type, member, suffix),
            false => naming::owned::owner_member(owner, member),
        };
        let result = merged.props.get("result").map(|p| (p.schema, p.pointer.clone(), member_hint(&p.owner, "Result")));
        let info =
            merged.props.get("result_info").map(|p| (p.schema, p.pointer.clone(), member_hint(&p.owner, "ResultInfo")));
        let props = merged.props.values().map(|p| page_hints::purpose(self.doc, p.schema));
        let props: Vec<(String, Option<String>)> = merged.props.keys().map(|k| k.to_string()).zip(props).collect();
        let result = match result {
            Some((schema, pointer, hint)) => self.schema(schema, &pointer, &hint),
            None => TypeRef::Json,
        };
        if rest.is_none() {
            let info = info.map(|(schema, pointer, hint)| self.schema(schema, &pointer, &hint));
            *rest = Some(EnvelopeRest { props, info });
        }
        Response::Envelope(result)
    }

    /// One decoder for all success responses. A response without a body
    /// beside ones with a body is the body's decoder (the bodies are what a
    /// caller reads); bodies of one kind with different types become a
    /// union; bodies of different kinds cannot share a decoder, so the
    /// first is used and the rest reported.
    fn combine(&mut self, outcomes: Vec<Response>, op_pointer: &str, op_type: &str) -> Response {
        let mut bodies: Vec<Response> = outcomes.into_iter().filter(|r| *r != Response::Empty).collect();
        let Some(first) = bodies.first().cloned() else { return Response::Empty };
        if bodies.len() == 1 {
            return first;
        }
        let same_kind = |r: &Response| std::mem::discriminant(r) == std::mem::discriminant(&first);
        if !bodies.iter().all(same_kind) {
            self.diags.push(Diagnostic::new(
                Code::MixedSuccessMedia,
                join(op_pointer, "responses"),
                "success responses have bodies of different media types; only the first is decoded",
            ));
            return first;
        }
        let types: Vec<TypeRef> = bodies
            .drain(..)
            .filter_map(|r| match r {
                Response::Json(ty) | Response::Envelope(ty) => Some(ty),
                _ => None,
            })
            .collect();
        if types.is_empty() {
            return first;
        }
        let union = self.union_of(&naming::owned::response(op_type, ""), &join(op_pointer, "responses"), types);
        match first {
            Response::Envelope(_) => Response::Envelope(union),
            _ => Response::Json(union),
        }
    }
}

/// A response as the model reads it.
pub(super) enum Read<'a> {
    /// Its content (its own, or that of the component it names), at this
    /// pointer.
    Content(String, &'a IndexMap<String, doc::MediaType>),
    /// A schema component that stands for its JSON body (`--lenient`: a
    /// response `$ref` that names a schema).
    Schema(&'a str),
}

impl Read<'_> {
    fn is_json(&self) -> bool {
        match self {
            Read::Schema(_) => true,
            Read::Content(_, content) => {
                pick_media(content).is_some_and(|(ct, _)| matches!(media_kind(ct), MediaKind::Json))
            }
        }
    }
}
