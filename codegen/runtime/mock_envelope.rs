//@ if envelopes
//@ note This whole file is left out of crates whose API has no envelopes.
//! The `mock` feature's responders for operations that answer with
//! Cloudflare envelopes.

use serde::Serialize;
use wiremock::ResponseTemplate;

use crate::runtime::mock::{Mock, Respond};
use crate::runtime::Envelope;

/// `{"success": true, "errors": [], "messages": [], "result": value}`.
impl<T: Serialize> Respond for Envelope<T> {
    type Value = T;

    fn ok(value: &T) -> ResponseTemplate {
        let envelope = serde_json::json!({ "success": true, "errors": [], "messages": [], "result": value });
        ResponseTemplate::new(200).set_body_json(envelope)
    }
}

impl<T, P, Q, B, E> Mock<Envelope<T>, P, Q, B, E> {
    /// Answers with `status` and an error envelope holding one error,
    /// which the client returns as [`Error::Api`](crate::Error::Api).
    ///
    /// # Panics
    ///
    /// When `status` is not a valid HTTP status.
    pub fn api_error(self, status: u16, code: i64, message: &str) -> wiremock::Mock {
        let envelope = serde_json::json!({
            "success": false,
            "errors": [{ "code": code, "message": message }],
            "messages": [],
            "result": null,
        });
        self.respond_with(ResponseTemplate::new(status).set_body_json(envelope))
    }
}
//@ end
