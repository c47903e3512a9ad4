//! Components no operation uses are checked like used ones: a `$ref` that
//! does not resolve or a cycle of aliases in them is an error, even though
//! no type is generated for them. Otherwise a broken spec would pass only
//! until someone used the broken part.

use super::builder::Builder;
use super::refs::{self, Kind};
use crate::diagnostic::join;
use crate::parse::document::MediaType;
use indexmap::IndexMap;

impl<'a> Builder<'a> {
    /// Converts every component the operations did not reach (schemas, and
    /// the schemas of parameters, request bodies and responses), keeping only
    /// the errors found. The types it creates are removed again by the caller
    /// (see `build`), after alias cycles among them are reported.
    pub(super) fn check_unused_components(&mut self) {
        let before = self.diags.len();
        let doc = self.doc;
        let c = &doc.components;
        for key in c.schemas.keys() {
            self.component(key);
        }
        for (key, p) in &c.parameters {
            let at = join("/components/parameters", key);
            if let Some(reference) = &p.reference {
                self.check_ref(Kind::Parameter, reference, &at);
                continue;
            }
            if let Some(schema) = &p.schema {
                self.schema(schema, &join(&at, "schema"), key);
            }
            if let Some(content) = &p.content {
                self.content(content, &join(&at, "content"), key);
            }
        }
        for (key, body) in &c.request_bodies {
            let at = join("/components/requestBodies", key);
            match &body.reference {
                Some(reference) => self.check_ref(Kind::RequestBody, reference, &at),
                None => self.content(&body.content, &join(&at, "content"), key),
            }
        }
        for (key, response) in &c.responses {
            let at = join("/components/responses", key);
            match &response.reference {
                Some(reference) => self.check_ref(Kind::Response, reference, &at),
                None => self.content(&response.content, &join(&at, "content"), key),
            }
        }
        // Warnings about what is never generated would only be noise.
        let mut i = before;
        while i < self.diags.len() {
            if self.diags[i].is_error() {
                i += 1;
            } else {
                self.diags.remove(i);
            }
        }
    }

    fn content(&mut self, content: &'a IndexMap<String, MediaType>, at: &str, hint: &str) {
        for (media, m) in content {
            if let Some(schema) = &m.schema {
                self.schema(schema, &join(&join(at, media), "schema"), hint);
            }
        }
    }

    /// The `$ref` of the component at `at`, where a `kind` belongs: it must
    /// lead to one. (`--lenient` recovers where a reference is used, and
    /// nothing uses this one.)
    fn check_ref(&mut self, kind: Kind, reference: &str, at: &str) {
        let at = join(at, "$ref");
        let error = match refs::resolve(self.doc, reference, kind, &at) {
            Ok(found) if found.kind() == kind => return,
            Ok(found) => refs::wrong_kind(reference, &found, kind, &at),
            Err(d) => d,
        };
        if !self.options.lenient {
            self.diags.push(error);
        }
    }
}
