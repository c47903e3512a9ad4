//! Comparing operations: matched by method name, then by endpoint (a
//! rename); then their path parameters, parameter sets, bodies and
//! responses.

use super::members::{form_members, params_members};
use super::spelling::{encoding, endpoint};
use super::types::DefaultImpl;
use super::{Cx, Side};
use crate::diff::ChangeKind as K;
use crate::emit::signature;
use crate::model::{
    Body, BodyKind, EventStream, Operation, PageMetadata, Pagination, Param, ParamsStruct, PathSegment, Response,
    TypeRef,
};
use std::collections::BTreeMap;

impl Cx<'_> {
    pub(super) fn operations(&mut self) {
        let (old, new) = (self.old, self.new);
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
        let (was, now) = (signature::decoded(&old.response), signature::decoded(&new.response));
        let canon_old = signature::decoded(&self.canon_response(&old.response, Side::Old));
        let canon_new = signature::decoded(&self.canon_response(&new.response, Side::New));
        if canon_old != canon_new {
            self.push(K::ResponseChanged, format!("{op} returns `{now}` (was `{was}`)"));
        }
        self.paging(&op, old.pagination.as_ref(), new.pagination.as_ref());
        self.events(&op, old.events.as_ref(), new.events.as_ref());
    }

    /// The `…_events` method of an operation with server-sent events is a
    /// method of its own, like a paging stream: it appears, disappears or
    /// changes its data type. (A response that goes from JSON to events
    /// only also changes what the operation's own method returns, which
    /// [`Self::operation`] reports as breaking.)
    fn events(&mut self, op: &str, old: Option<&EventStream>, new: Option<&EventStream>) {
        match (old, new) {
            (None, None) => {}
            (None, Some(n)) => {
                self.push(K::OperationAdded, format!("added operation `Client::{}` (the events of {op})", n.method))
            }
            (Some(o), None) => self.push(
                K::OperationRemoved,
                format!("removed operation `Client::{}` ({op} no longer streams events)", o.method),
            ),
            (Some(o), Some(n)) => {
                if o.method != n.method {
                    self.push(
                        K::OperationRenamed,
                        format!(
                            "renamed operation `Client::{}` → `Client::{}` (the events of {op})",
                            o.method, n.method
                        ),
                    );
                }
                if !self.same_type(&o.data, &n.data) {
                    let (was, now) = (signature::of(&o.data), signature::of(&n.data));
                    self.push(
                        K::ResponseChanged,
                        format!("`Client::{}` yields events of `{now}` (was `{was}`)", n.method),
                    );
                }
            }
        }
    }

    /// The `…_stream` method of a paging operation is a method of its own:
    /// it appears, disappears or changes its item type. How it pages is
    /// behaviour, not API, and is not reported.
    fn paging(&mut self, op: &str, old: Option<&Pagination>, new: Option<&Pagination>) {
        match (old, new) {
            (None, None) => {}
            (None, Some(n)) => {
                self.push(K::OperationAdded, format!("added operation `Client::{}` (every item of {op})", n.method))
            }
            (Some(o), None) => self
                .push(K::OperationRemoved, format!("removed operation `Client::{}` ({op} no longer pages)", o.method)),
            (Some(o), Some(n)) => {
                if o.method != n.method {
                    self.push(
                        K::OperationRenamed,
                        format!(
                            "renamed operation `Client::{}` → `Client::{}` (every item of {op})",
                            o.method, n.method
                        ),
                    );
                }
                if !self.same_type(&o.item, &n.item) {
                    let (was, now) = (signature::of(&o.item), signature::of(&n.item));
                    self.push(K::ResponseChanged, format!("`Client::{}` yields `{now}` (was `{was}`)", n.method));
                }
                // The stream's type names the metadata type: a change is
                // one to the method's return type.
                let json = "JSON".to_string();
                let shown = |m: Option<&TypeRef>| m.map_or(json.clone(), |ty| signature::of(ty).to_string());
                let (was, now) = (o.metadata.as_ref().map(PageMetadata::ty), n.metadata.as_ref().map(PageMetadata::ty));
                let same = match (was, now) {
                    (Some(o), Some(n)) => self.same_type(o, n),
                    (o, n) => o == n,
                };
                if !same {
                    let (was, now) = (shown(was), shown(now));
                    self.push(K::ResponseChanged, format!("`Client::{}` pages hold `{now}` (was `{was}`)", n.method));
                }
            }
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
                    format!(
                        "{arg} (`{}`) changed type: `{}` (was `{}`)",
                        n.name.rust,
                        signature::path_arg(n),
                        signature::path_arg(o)
                    ),
                );
            }
            self.docs(o.docs.as_deref(), n.docs.as_deref(), || format!("path parameter `{}` of {op}", n.name.rust));
        }
        for o in old.iter().skip(new.len()) {
            self.push(
                K::PathParamRemoved,
                format!("{op} lost path parameter `{}: {}`", o.name.rust, signature::path_arg(o)),
            );
        }
        for n in new.iter().skip(old.len()) {
            self.push(
                K::PathParamAdded,
                format!("{op} takes a new path parameter `{}: {}`", n.name.rust, signature::path_arg(n)),
            );
        }
    }

    fn params(&mut self, op: &str, old: Option<&ParamsStruct>, new: Option<&ParamsStruct>) {
        let list =
            |p: &ParamsStruct| p.fields.iter().map(|f| format!("`{}`", f.name.wire)).collect::<Vec<_>>().join(", ");
        match (old, new) {
            (None, None) => {}
            (None, Some(n)) => self.push(
                K::ParamsArgAdded,
                format!(
                    "{op} takes a new `params: &{}` argument ({}): its first query or header parameters change the method's arity, even when optional",
                    n.type_name,
                    list(n)
                ),
            ),
            (Some(o), None) => {
                self.push(K::ParamsArgRemoved, format!("{op} no longer takes `params: &{}` ({})", o.type_name, list(o)))
            }
            (Some(o), Some(n)) => {
                if o.type_name != n.type_name {
                    self.push(K::ParamsStructRenamed, format!("renamed type `{}` → `{}`", o.type_name, n.type_name));
                }
                self.members(&n.type_name, "parameter", &params_members(o), &params_members(n));
                self.default_derive(&n.type_name, DefaultImpl::params(o.default), DefaultImpl::params(n.default));
            }
        }
    }

    fn body(&mut self, op: &str, old: Option<&Body>, new: Option<&Body>) {
        match (old, new) {
            (None, None) => {}
            (None, Some(n)) => {
                self.push(K::BodyAdded, format!("{op} takes a new `body: {}` argument", signature::body_arg(n)))
            }
            (Some(o), None) => self.push(
                K::BodyRemoved,
                format!("{op} no longer takes a request body (was `body: {}`)", signature::body_arg(o)),
            ),
            (Some(o), Some(n)) => {
                let canon_old = signature::body_arg(&self.canon_body(o, Side::Old));
                let canon_new = signature::body_arg(&self.canon_body(n, Side::New));
                if canon_old != canon_new {
                    let (was, now) = (signature::body_arg(o), signature::body_arg(n));
                    self.push(K::BodyTypeChanged, format!("{op} takes `body: {now}` (was `body: {was}`)"));
                } else if encoding(&o.kind) != encoding(&n.kind) {
                    self.push(
                        K::BodyEncodingChanged,
                        format!("{op} sends its body as {} (was {})", encoding(&n.kind), encoding(&o.kind)),
                    );
                }
                if let (BodyKind::Multipart(Some(o)), BodyKind::Multipart(Some(n))) = (&o.kind, &n.kind) {
                    // A form is its operation's struct, like its parameters struct.
                    if o.type_name != n.type_name {
                        self.push(
                            K::ParamsStructRenamed,
                            format!("renamed type `{}` → `{}`", o.type_name, n.type_name),
                        );
                    }
                    self.members(&n.type_name, "form field", &form_members(o), &form_members(n));
                    self.default_derive(&n.type_name, DefaultImpl::params(o.default), DefaultImpl::params(n.default));
                }
                self.docs(o.docs.as_deref(), n.docs.as_deref(), || format!("request body of {op}"));
            }
        }
    }

    /// `response` with its type in canonical form (see [`Cx::canon`]).
    fn canon_response(&self, response: &Response, side: Side) -> Response {
        match response {
            Response::Envelope(ty) => Response::Envelope(self.canon(ty, side)),
            Response::Json(ty) => Response::Json(self.canon(ty, side)),
            other => other.clone(),
        }
    }

    /// `body` with its type in canonical form (see [`Cx::canon`]).
    fn canon_body(&self, body: &Body, side: Side) -> Body {
        let kind = match &body.kind {
            BodyKind::Json(ty) => BodyKind::Json(self.canon(ty, side)),
            BodyKind::Form(ty) => BodyKind::Form(self.canon(ty, side)),
            other => other.clone(),
        };
        Body { kind, ..body.clone() }
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
