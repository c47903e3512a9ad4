//! Turning paths and operations into [`Operation`]s.

use super::builder::Builder;
use super::http::{media_kind, pick_media, MediaKind};
use super::refs::{self, Found as RefFound, Kind};
use super::{
    known, Body, BodyKind, Dropped, ListStyle, Method, Operation, Param, ParamLocation, ParamsStruct, PathSegment,
    PathStyle, TypeRef, Undecided,
};
use crate::diagnostic::{join, Code, Diagnostic};
use crate::naming::{self, name_all};
use crate::parse::document::{self as doc, MediaType, Parameter, PathItem};
use indexmap::IndexMap;
use rustc_hash::FxHashMap;

/// An operation as found in the document, before conversion.
struct Found<'a> {
    path: &'a str,
    method: &'static str,
    item: &'a PathItem,
    op: &'a doc::Operation,
    pointer: String,
}

/// A parameter after `$ref` resolution.
struct Resolved<'a> {
    param: &'a Parameter,
    pointer: String,
    /// Name of the component it came from, for naming its type once.
    component: Option<&'a str>,
}

impl<'a> Builder<'a> {
    /// Every operation the selection admits, its parameters not yet
    /// decided (see [`super::decide`]).
    pub(super) fn operations(&mut self) -> Vec<Operation<Undecided>> {
        let doc = self.doc;
        let selection = &self.options.selection;
        let mut found = Vec::new();
        for (path, item) in &doc.paths {
            // A path item's `$ref` was put in its place when the spec was
            // bundled (or reported there when it could not be).
            let item_pointer = join("/paths", path);
            for (method, op) in item.operations() {
                let pointer = join(&item_pointer, method);
                // An operation's `$ref` is still here only where bundling
                // could not follow it (and said why, the report
                // `crate::model_of_in` keeps). Nothing of it was read:
                // a method of it would send and return nothing.
                if let Some(reference) = &op.reference {
                    self.diags.push(self.options.recoverable(
                        Code::OperationRef,
                        join(&pointer, "$ref"),
                        format!("operation $ref '{reference}' was not followed"),
                        "the operation is left out",
                    ));
                    continue;
                }
                found.push(Found { path, method, item, op, pointer });
            }
        }
        self.check_unique_ids(&found);

        let raw_names: Vec<String> = found
            .iter()
            .map(|f| match &f.op.operation_id {
                Some(id) => naming::snake(id),
                None => naming::operation_fallback(f.method, f.path),
            })
            .collect();
        let names = name_all(&raw_names, |s| s.to_string(), naming::CLIENT_METHODS);
        let mut out = Vec::new();
        let mut admitted = 0;
        for (f, name) in found.iter().zip(names) {
            if selection.admits(f.path, f.op.operation_id.as_deref(), &f.op.tags) {
                admitted += 1;
                if let Some(op) = self.operation(f, name.rust) {
                    out.push(op);
                }
            }
        }
        // A crate without operations is worse than an error: it "works" and
        // does nothing. (A spec without paths, such as a webhooks-only one,
        // has nothing to generate and is not an error.)
        if found.is_empty() && !doc.paths.is_empty() {
            self.diags.push(
                Diagnostic::new(
                    Code::NoOperations,
                    "/paths",
                    format!("none of the {} paths declares an operation", doc.paths.len()),
                )
                .with_hint("the crate would be empty; give each path item at least one method (get, post, …)"),
            );
        } else if admitted == 0 && !found.is_empty() {
            self.diags.push(
                Diagnostic::new(
                    Code::IncludeMatchesNothing,
                    "/paths",
                    format!("--include matches none of the {} operations", found.len()),
                )
                .with_hint("patterns match a tag, an operationId, or a path glob starting with `/`"),
            );
        }
        out
    }

    fn check_unique_ids(&mut self, found: &[Found<'a>]) {
        let mut first: FxHashMap<&str, &str> = FxHashMap::default();
        for f in found {
            let Some(id) = f.op.operation_id.as_deref() else { continue };
            if let Some(earlier) = first.get(id) {
                let d = self.options.recoverable(
                    Code::DuplicateOperationId,
                    join(&f.pointer, "operationId"),
                    format!("duplicate operationId '{id}'"),
                    "the method name gets a number",
                );
                self.diags.push(d.with_hint(format!("it is also used at #{earlier}")));
            } else {
                first.insert(id, &f.pointer);
            }
        }
    }

    fn resolve_param(&mut self, param: &'a Parameter, pointer: String) -> Option<Resolved<'a>> {
        let Some(reference) = &param.reference else {
            return Some(Resolved { param, pointer, component: None });
        };
        let at = join(&pointer, "$ref");
        let error = match refs::resolve(self.doc, reference, Kind::Parameter, &at) {
            Ok(RefFound::Parameter(t)) => {
                return Some(Resolved { param: t.value, pointer: t.pointer, component: Some(t.key) })
            }
            Ok(found) => refs::wrong_kind(reference, &found, Kind::Parameter, &at),
            Err(d) => d,
        };
        self.drop_part(error, Dropped::Parameter(reference.clone()), "the parameter is left out");
        None
    }

    /// Reports `error` about a part of the current operation that cannot
    /// be read, and records the part as left out: under `--lenient` the
    /// operation is generated without it (and says so).
    pub(super) fn drop_part(&mut self, error: Diagnostic, part: Dropped, recovery: &str) {
        let d = self.options.recover(error, recovery);
        self.diags.push(d);
        self.dropped.push(part);
    }

    /// Path-item parameters overridden by operation parameters of the same
    /// name and location.
    fn gather_params(&mut self, f: &Found<'a>) -> Vec<Resolved<'a>> {
        let mut by_key: IndexMap<(String, String), Resolved<'a>> = IndexMap::new();
        let item_params = f
            .item
            .parameters
            .iter()
            .enumerate()
            .map(|(i, p)| (p, join(&join(&join("/paths", f.path), "parameters"), i)));
        let op_params = f.op.parameters.iter().enumerate().map(|(i, p)| (p, join(&join(&f.pointer, "parameters"), i)));
        for (param, pointer) in item_params.chain(op_params).collect::<Vec<_>>() {
            let Some(resolved) = self.resolve_param(param, pointer) else { continue };
            let p = resolved.param;
            let (Some(name), Some(location)) = (&p.name, &p.location) else {
                let missing = if p.name.is_none() { "name" } else { "in" };
                let d = Diagnostic::new(
                    Code::IncompleteParameter,
                    &resolved.pointer,
                    format!("parameter has no `{missing}`"),
                );
                let label = p.name.clone().unwrap_or_else(|| format!("#{}", resolved.pointer));
                self.drop_part(d, Dropped::Parameter(label), "it is left out");
                continue;
            };
            by_key.insert((name.clone(), location.clone()), resolved);
        }
        by_key.into_values().collect()
    }

    fn operation(&mut self, f: &Found<'a>, name: String) -> Option<Operation<Undecided>> {
        self.dropped.clear();
        let op_type = naming::pascal(&name);
        let params = self.gather_params(f);
        let doc = self.doc;
        self.page_hints.operation(doc, &f.pointer, f.op, params.iter().map(|r| r.param));
        let template = match parse_template(f.path) {
            Ok(t) => t,
            Err(message) => {
                self.diags.push(Diagnostic::new(Code::BadPathTemplate, join("/paths", f.path), message));
                return None;
            }
        };

        let mut path_params: Vec<&Resolved<'a>> = Vec::new();
        let mut others: Vec<&Resolved<'a>> = Vec::new();
        for r in &params {
            let p = r.param;
            let wire = p.name.as_deref().unwrap_or_default();
            match p.location.as_deref() {
                Some("path") => {
                    if template.iter().any(|s| matches!(s, Segment::Param(n) if n == wire)) {
                        path_params.push(r);
                    } else {
                        let d = self.options.recoverable(
                            Code::PathParameterNotInTemplate,
                            &r.pointer,
                            format!("path parameter '{wire}' is not in the path template '{}'", f.path),
                            "the parameter is left out",
                        );
                        self.diags.push(d.with_hint(format!("add `{{{wire}}}` to the path or remove the parameter")));
                    }
                }
                Some("query" | "header") => others.push(r),
                // Read, but not sent: a limit of the client that its own
                // warning names, not a part of the spec that was lost.
                Some("cookie") => self.diags.push(Diagnostic::new(
                    Code::CookieParameter,
                    &r.pointer,
                    format!("cookie parameter '{wire}' is not supported; it is left out"),
                )),
                Some(other) => {
                    let known: &[&str] =
                        if self.doc.swagger.is_some() { &known::SWAGGER2_LOCATIONS } else { &known::LOCATIONS };
                    let at = join(&r.pointer, "in");
                    let recovery = "the parameter is left out";
                    let d = known::unknown(
                        self.options,
                        Code::UnknownParameterLocation,
                        at,
                        "parameter location",
                        other,
                        known,
                        recovery,
                    );
                    let swagger2_only = !known.contains(&other) && known::SWAGGER2_LOCATIONS.contains(&other);
                    self.diags.push(match swagger2_only {
                        true => d.with_hint(format!(
                            "`in: {other}` is Swagger 2.0's; OpenAPI 3 describes the request body under `requestBody`"
                        )),
                        false => d,
                    });
                }
                None => {}
            }
        }

        let mut segments = Vec::new();
        // `None`: a template parameter that is not declared (`--lenient`).
        let mut ordered: Vec<(&str, Option<&Resolved<'a>>)> = Vec::new();
        let mut ok = true;
        for seg in &template {
            match seg {
                Segment::Literal(l) => segments.push(PathSegment::Literal(l.clone())),
                Segment::Param(n) => {
                    let declared = path_params.iter().find(|r| r.param.name.as_deref() == Some(n)).copied();
                    if declared.is_none() {
                        ok &= self.options.lenient;
                        let d = self.options.recoverable(
                            Code::UndeclaredPathParameter,
                            &f.pointer,
                            format!("path template parameter '{{{n}}}' is not declared"),
                            "it becomes a `&str` parameter",
                        );
                        self.diags.push(
                            d.with_hint(format!("declare it under `parameters` with `in: path` and `name: {n}`")),
                        );
                    }
                    segments.push(PathSegment::Param(ordered.len()));
                    ordered.push((n, declared));
                }
            }
        }

        let wire: Vec<String> = ordered.iter().map(|(n, _)| n.to_string()).collect();
        let path_names = name_all(&wire, naming::snake, &["body", "params"]);
        let path_params: Vec<Param<Undecided>> = path_names
            .into_iter()
            .zip(&ordered)
            .filter_map(|(n, (_, declared))| match declared {
                Some(r) => self.param(r, n, &op_type, ParamLocation::Path),
                None => Some(undeclared_path_param(n, &f.pointer)),
            })
            .collect();

        let params = self.params_struct(&others, &op_type);
        let body = self.body(f, &op_type);
        let success = self.success_responses(&f.pointer, &f.op.responses);
        let response = self.response(&f.pointer, success.as_deref(), &op_type);
        let errors = self.error_bodies(&f.pointer, &f.op.responses, &op_type);
        let events = success.as_deref().and_then(|success| self.events(success, &op_type));
        let security = f.op.security.as_ref().map(|reqs| self.requirement(reqs, &join(&f.pointer, "security")));
        // Checked only now so that the body and response are checked too and
        // all of the operation's errors are reported in one run.
        if !ok {
            return None;
        }
        let dropped = std::mem::take(&mut self.dropped);
        if !dropped.is_empty() {
            let parts: Vec<String> = dropped.iter().map(ToString::to_string).collect();
            self.diags.push(Diagnostic::new(
                Code::IncompleteOperation,
                &f.pointer,
                format!(
                    "operation `{name}` ({} {}) is incomplete: {} left out",
                    f.method.to_ascii_uppercase(),
                    f.path,
                    parts.join(", ")
                ),
            ));
        }
        Some(Operation {
            name,
            operation_id: f.op.operation_id.clone(),
            method: Method::parse(f.method).expect("PathItem::operations yields known methods"),
            path: f.path.to_string(),
            segments,
            summary: f.op.summary.clone(),
            description: f.op.description.clone(),
            deprecated: f.op.deprecated,
            tags: f.op.tags.clone(),
            path_params,
            params,
            body,
            response,
            errors,
            security,
            // Recognised in `pagination`, once every type is known.
            pagination: (),
            events,
            source: f.pointer.clone(),
            // Grouped in `features`, once every operation is known.
            features: (),
            dropped,
        })
    }

    fn params_struct(&mut self, others: &[&Resolved<'a>], op_type: &str) -> Option<ParamsStruct<Undecided>> {
        if others.is_empty() {
            return None;
        }
        let wire: Vec<String> = others.iter().map(|r| r.param.name.clone().unwrap_or_default()).collect();
        let names = name_all(&wire, naming::snake, &[]);
        let mut fields = Vec::new();
        for (n, r) in names.into_iter().zip(others) {
            let location = if r.param.location.as_deref() == Some("header") {
                ParamLocation::Header
            } else {
                ParamLocation::Query
            };
            if let Some(p) = self.param(r, n, op_type, location) {
                fields.push(p);
            }
        }
        if fields.is_empty() {
            return None;
        }
        let default = fields.iter().all(|f| !f.required);
        Some(ParamsStruct { type_name: self.names.claim(naming::owned::params(op_type)), fields, default })
    }

    fn param(
        &mut self,
        r: &Resolved<'a>,
        name: naming::Name,
        op_type: &str,
        location: ParamLocation,
    ) -> Option<Param<Undecided>> {
        let p = r.param;
        let hint = match r.component {
            Some(key) => naming::pascal(key),
            None => format!("{op_type}{}", naming::pascal(&name.wire)),
        };
        let ty = match (&p.schema, &p.content) {
            (Some(schema), _) => self.schema(schema, &join(&r.pointer, "schema"), &hint),
            (None, Some(_)) => TypeRef::Json,
            (None, None) => TypeRef::String,
        };
        // A parameter is either sent or not: `null` has no text form.
        let ty = match ty {
            TypeRef::Nullable(inner) => *inner,
            ty => ty,
        };
        let style = self.style(r, location);
        // A header's and a path's default style is `simple` (not exploded),
        // a query's `form`.
        let default_style = (location != ParamLocation::Query).then_some("simple");
        let collection_format = p.collection_format.as_deref().and_then(ListStyle::of_collection_format);
        let list = collection_format.unwrap_or_else(|| ListStyle::of(style.or(default_style), p.explode));
        let path_style = match location {
            ParamLocation::Path => PathStyle::of(style).unwrap_or_else(|| {
                let style = style.unwrap_or_default();
                self.diags.push(Diagnostic::new(
                    Code::PathStyle,
                    join(&r.pointer, "style"),
                    format!("style '{style}' is not one for path parameters; the value is sent in `simple` style"),
                ));
                PathStyle::Simple
            }),
            _ => PathStyle::Simple,
        };
        if style == Some("deepObject") && location != ParamLocation::Path {
            self.diags.push(Diagnostic::new(
                Code::DeepObject,
                &r.pointer,
                format!("deepObject parameter '{}' is sent as JSON text", name.wire),
            ));
        }
        Some(Param {
            name,
            docs: p.description.clone().or_else(|| p.schema.as_ref().and_then(|s| self.describe(s))),
            ty,
            required: p.required || location == ParamLocation::Path,
            location,
            list,
            path_style,
            // Decided in `decide`, once every type is known.
            shape: (),
            pass: (),
            source: r.pointer.clone(),
        })
    }

    /// The parameter's `style`, when it is one OpenAPI knows (an unknown
    /// one is reported; `--lenient` reads the location's default instead).
    fn style(&mut self, r: &Resolved<'a>, location: ParamLocation) -> Option<&'a str> {
        let style = r.param.style.as_deref()?;
        if known::STYLES.contains(&style) {
            return Some(style);
        }
        let default = if location == ParamLocation::Query { "form" } else { "simple" };
        let recovery = format!("the default style `{default}` is used");
        let d = known::unknown(
            self.options,
            Code::UnknownParameterStyle,
            join(&r.pointer, "style"),
            "parameter style",
            style,
            &known::STYLES,
            &recovery,
        );
        self.diags.push(d);
        None
    }

    fn body(&mut self, f: &Found<'a>, op_type: &str) -> Option<Body<Undecided>> {
        let raw = f.op.request_body.as_ref()?;
        let mut pointer = join(&f.pointer, "requestBody");
        let mut hint = naming::owned::body(op_type);
        let (content, required, docs) = match &raw.reference {
            None => (&raw.content, raw.required, raw.description.clone()),
            Some(reference) => {
                let at = join(&pointer, "$ref");
                let found = match refs::resolve(self.doc, reference, Kind::RequestBody, &at) {
                    Ok(found) => found,
                    Err(d) => {
                        self.drop_part(d, Dropped::Body, "the request body is left out");
                        return None;
                    }
                };
                hint = naming::owned::component_body(found.key());
                // The error for the arms where it names another kind.
                let wrong = refs::wrong_kind(reference, &found, Kind::RequestBody, &at);
                match found {
                    RefFound::RequestBody(t) => {
                        pointer = t.pointer;
                        (&t.value.content, t.value.required, t.value.description.clone())
                    }
                    RefFound::Schema(t) => {
                        self.diags.push(self.options.recover(wrong, "the schema is sent as the JSON body"));
                        let ty = self.component(t.key);
                        return Some(Body { kind: BodyKind::Json(ty), required: raw.required, docs: None });
                    }
                    RefFound::Response(t) => {
                        self.diags.push(self.options.recover(wrong, "its content is sent as the body"));
                        pointer = t.pointer;
                        (&t.value.content, raw.required, t.value.description.clone())
                    }
                    RefFound::Parameter(_) => {
                        self.drop_part(wrong, Dropped::Body, "the request body is left out");
                        return None;
                    }
                }
            }
        };
        let Some((content_type, media)) = pick_media(content) else {
            let d = Diagnostic::new(
                Code::BodyWithoutMediaType,
                join(&pointer, "content"),
                "the request body declares no media type",
            );
            self.drop_part(d, Dropped::Body, "the method sends no body");
            return None;
        };
        let content_pointer = join(&join(&pointer, "content"), content_type);
        let typed = |b: &mut Self, media: &'a MediaType| match &media.schema {
            Some(schema) => b.schema(schema, &join(&content_pointer, "schema"), &hint),
            None => TypeRef::Json,
        };
        let kind = match media_kind(content_type) {
            MediaKind::Json => BodyKind::Json(typed(self, media)),
            MediaKind::Form => BodyKind::Form(typed(self, media)),
            // The form belongs to its operation, like its parameters struct,
            // so it is named after the operation even when shared.
            MediaKind::Multipart => {
                BodyKind::Multipart(self.form(media, &content_pointer, &naming::owned::body(op_type)))
            }
            MediaKind::Text => BodyKind::Text { content_type: content_type.to_string() },
            MediaKind::Binary => BodyKind::Bytes { content_type: content_type.to_string() },
        };
        Some(Body { kind, required, docs })
    }
}

/// The recovery for a template parameter that is not declared: a string.
fn undeclared_path_param(name: naming::Name, source: &str) -> Param<Undecided> {
    Param {
        name,
        docs: None,
        ty: TypeRef::String,
        required: true,
        location: ParamLocation::Path,
        list: ListStyle::Comma,
        path_style: PathStyle::Simple,
        shape: (),
        pass: (),
        source: source.to_string(),
    }
}

enum Segment {
    Literal(String),
    Param(String),
}

fn parse_template(path: &str) -> Result<Vec<Segment>, String> {
    let mut out = Vec::new();
    let mut rest = path;
    while let Some(open) = rest.find(['{', '}']) {
        if rest.as_bytes()[open] == b'}' {
            return Err(format!("unbalanced '}}' in path template '{path}'"));
        }
        if open > 0 {
            out.push(Segment::Literal(rest[..open].to_string()));
        }
        let after = &rest[open + 1..];
        let close = after.find('}').ok_or_else(|| format!("unclosed '{{' in path template '{path}'"))?;
        let name = &after[..close];
        if name.is_empty() || name.contains('{') {
            return Err(format!("empty or nested parameter name in path template '{path}'"));
        }
        out.push(Segment::Param(name.to_string()));
        rest = &after[close + 1..];
    }
    if !rest.is_empty() {
        out.push(Segment::Literal(rest.to_string()));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An operation that is a `$ref` bundling could not follow (it reports
    /// why; the document keeps the `$ref`) is reported where it is written,
    /// not made into a method that sends and returns nothing.
    #[test]
    fn operations_that_are_unfollowed_refs_are_reported() {
        let text =
            "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /x/{id}:\n    get: {$ref: ops/get.yaml}\n    \
                    delete:\n      parameters: [{name: id, in: path, required: true, schema: {type: string}}]\n      \
                    responses: {'204': {description: ok}}\n";
        let source = crate::parse::Source { name: "t.yaml".into(), text: text.into() };
        let doc = crate::parse::parse_spec(&source, &crate::parse::NoFiles).expect("the text parses").doc;
        let Err(errors) = super::super::build(&doc, &super::super::Options::all()) else { panic!("strict accepts it") };
        let shown: Vec<(&str, &str)> = errors.iter().map(|d| (d.pointer.as_str(), d.message.as_str())).collect();
        assert_eq!(shown, [("/paths/~1x~1{id}/get/$ref", "operation $ref 'ops/get.yaml' was not followed")]);
        let lenient = super::super::Options { lenient: true, ..Default::default() };
        let built = super::super::build(&doc, &lenient).expect("lenient leaves it out");
        let names: Vec<&str> = built.api.operations.iter().map(|o| o.name.as_str()).collect();
        assert_eq!(names, ["delete_x_id"]);
        assert!(
            built.warnings.iter().any(|w| w.message.ends_with("; the operation is left out")),
            "{:?}",
            built.warnings
        );
    }

    #[test]
    fn templates() {
        let segs = parse_template("/a/{b}/c{d}").unwrap();
        let shown: Vec<String> = segs
            .iter()
            .map(|s| match s {
                Segment::Literal(l) => format!("L{l}"),
                Segment::Param(p) => format!("P{p}"),
            })
            .collect();
        assert_eq!(shown, ["L/a/", "Pb", "L/c", "Pd"]);
        assert!(parse_template("/a/{b").is_err());
        assert!(parse_template("/a/b}").is_err());
        assert!(parse_template("/a/{}").is_err());
    }
}
