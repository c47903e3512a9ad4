//! What a successful call returns: the 2xx responses (or `default` when an
//! operation lists no 2xx), combined into one decoder.

use super::build::Builder;
use super::operations::{media_kind, pick_media, MediaKind};
use super::{refs, ErrorBody, Response, TypeRef};
use crate::diagnostic::{join, Diagnostic};
use crate::naming;
use crate::parse::document as doc;
use indexmap::IndexMap;

impl<'a> Builder<'a> {
    /// Several 2xx responses with different JSON bodies become one untagged
    /// union named `{Op}Response`, each body named `{Op}Response{code}`.
    pub(super) fn response(
        &mut self,
        op_pointer: &str,
        responses: &'a IndexMap<String, doc::Response>,
        op_type: &str,
    ) -> Response {
        let mut codes: Vec<&str> = responses.keys().map(String::as_str).filter(|c| c.starts_with('2')).collect();
        codes.sort_unstable();
        if codes.is_empty() && responses.contains_key("default") {
            codes.push("default");
        }
        let mut resolved = Vec::with_capacity(codes.len());
        for code in codes {
            let pointer = join(&join(op_pointer, "responses"), code);
            if let Some((pointer, response)) = self.resolve_response(&responses[code], pointer) {
                resolved.push((code, pointer, response));
            }
        }
        let with_json = resolved.iter().filter(|(_, _, r)| json_media(r).is_some()).count();
        let mut outcomes: Vec<Response> = Vec::new();
        for (code, pointer, response) in &resolved {
            let suffix = if with_json > 1 { naming::pascal(code) } else { String::new() };
            let outcome = self.one_response(response, pointer, op_type, &suffix);
            if !outcomes.contains(&outcome) {
                outcomes.push(outcome);
            }
        }
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
            let Some((pointer, response)) = self.resolve_response(response, pointer) else { continue };
            let Some((content_type, media)) = pick_media(&response.content) else { continue };
            let Some(schema) = &media.schema else { continue };
            if !matches!(media_kind(content_type), MediaKind::Json) {
                continue;
            }
            let schema_pointer = join(&join(&join(&pointer, "content"), content_type), "schema");
            let hint = format!("{op_type}Error{}", naming::pascal(code));
            let merged = self.merge(schema, &schema_pointer, &hint);
            if ["success", "errors", "messages"].iter().all(|k| merged.props.contains_key(k)) {
                continue;
            }
            let ty = self.schema(schema, &schema_pointer, &hint);
            out.push(ErrorBody { status: code.clone(), ty });
        }
        out
    }

    pub(super) fn resolve_response(
        &mut self,
        response: &'a doc::Response,
        pointer: String,
    ) -> Option<(String, &'a doc::Response)> {
        let Some(reference) = &response.reference else { return Some((pointer, response)) };
        match refs::response(self.doc, reference, &join(&pointer, "$ref")) {
            Ok(t) => Some((t.pointer, t.value)),
            Err(d) => {
                self.diags.push(d);
                None
            }
        }
    }

    fn one_response(&mut self, response: &'a doc::Response, pointer: &str, op_type: &str, suffix: &str) -> Response {
        let Some((content_type, media)) = pick_media(&response.content) else { return Response::Empty };
        let schema_pointer = join(&join(&join(pointer, "content"), content_type), "schema");
        match media_kind(content_type) {
            MediaKind::Json => {}
            MediaKind::Text => return Response::Text,
            _ => return Response::Bytes,
        }
        let Some(schema) = &media.schema else { return Response::Json(TypeRef::Json) };
        let hint = format!("{op_type}Response{suffix}");
        let merged = self.merge(schema, &schema_pointer, &hint);
        let is_envelope = ["success", "errors", "messages"].iter().all(|k| merged.props.contains_key(k));
        if !is_envelope {
            return Response::Json(self.schema(schema, &schema_pointer, &hint));
        }
        match merged.props.get("result") {
            Some(result) => {
                let hint = if result.owner == hint {
                    format!("{op_type}Result{suffix}")
                } else {
                    format!("{}Result", result.owner)
                };
                let (result_schema, result_pointer) = (result.schema, result.pointer.clone());
                Response::Envelope(self.schema(result_schema, &result_pointer, &hint))
            }
            None => Response::Envelope(TypeRef::Json),
        }
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
            self.diags.push(Diagnostic::warning(
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
        let union = self.union_of(&format!("{op_type}Response"), &join(op_pointer, "responses"), types);
        match first {
            Response::Envelope(_) => Response::Envelope(union),
            _ => Response::Json(union),
        }
    }
}

fn json_media(response: &doc::Response) -> Option<&doc::MediaType> {
    pick_media(&response.content).filter(|(ct, _)| matches!(media_kind(ct), MediaKind::Json)).map(|(_, m)| m)
}
