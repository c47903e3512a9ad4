//! The Cloudflare response envelope: `{success, errors, messages, result}`.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A whole envelope as the API sent it, returned by
/// [`Request::send_raw`](crate::runtime::Request::send_raw) for enveloped
/// operations. [`Request::send`](crate::runtime::Request::send) returns only
/// `result`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct ApiEnvelope<T> {
    /// Whether the call succeeded.
    pub success: bool,
    /// Errors reported by the API (normally empty on success).
    pub errors: Vec<ResponseInfo>,
    /// Informational messages reported by the API.
    pub messages: Vec<ResponseInfo>,
    /// The payload.
    pub result: T,
    /// Pagination details that list endpoints add, as sent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub result_info: Option<serde_json::Value>,
}

/// An entry of an envelope's `errors` or `messages`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ResponseInfo {
    /// The Cloudflare error or message code.
    // Defaulted so that an odd entry never hides the rest of an API error.
    #[serde(default)]
    pub code: i64,
    /// A human-readable description.
    #[serde(default)]
    pub message: String,
    /// Where the code is documented.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub documentation_url: Option<String>,
    /// The part of the request the entry is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<ErrorSource>,
}

impl fmt::Display for ResponseInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "[{}] {}", self.code, self.message)?;
        if let Some(pointer) = self.source.as_ref().and_then(|s| s.pointer.as_deref()) {
            write!(f, " (at {pointer})")?;
        }
        Ok(())
    }
}

/// Where in the request a [`ResponseInfo`] points.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ErrorSource {
    /// A JSON pointer into the request body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pointer: Option<String>,
}

/// The envelope without its `result`, read first so that a failure is
/// reported as an API error even when `result` has an unexpected shape.
#[derive(Deserialize)]
pub(crate) struct EnvelopeMeta {
    pub(crate) success: Option<bool>,
    #[serde(default)]
    pub(crate) errors: Vec<ResponseInfo>,
    #[serde(default)]
    pub(crate) messages: Vec<ResponseInfo>,
}

impl EnvelopeMeta {
    /// Parses a body that may or may not be an envelope; `None` when it is
    /// not one (not JSON, or JSON without `success` and `errors`).
    pub(crate) fn sniff(body: &[u8]) -> Option<Self> {
        let meta: Self = serde_json::from_slice(body).ok()?;
        (meta.success.is_some() || !meta.errors.is_empty()).then_some(meta)
    }
}

/// The wire form of a successful envelope. `result` is optional on the wire
/// and filled in by the decoder, so an absent `result` works for `Option`
/// and `()` payloads and is a clear error for required ones.
#[derive(Deserialize)]
pub(crate) struct EnvelopeWire<T> {
    pub(crate) success: bool,
    #[serde(default)]
    pub(crate) errors: Vec<ResponseInfo>,
    #[serde(default)]
    pub(crate) messages: Vec<ResponseInfo>,
    #[serde(default = "Option::default")]
    pub(crate) result: Option<T>,
    #[serde(default)]
    pub(crate) result_info: Option<serde_json::Value>,
}
