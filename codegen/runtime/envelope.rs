//@ if envelopes
//@ note This whole file is left out of crates whose API has no envelopes.
//! The Cloudflare response envelope `{success, errors, messages, result}`:
//! its decoder, and the API error an error envelope becomes.

use std::fmt;
use std::marker::PhantomData;

use bytes::Bytes;
use reqwest::header::HeaderMap;
use reqwest::StatusCode;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::runtime::decode::{from_json, sealed};
use crate::runtime::{Decode, Error, Json, Request};

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

/// A Cloudflare envelope `{success, errors, messages, result}` whose
/// `result` is a `T`; the output is the unwrapped `result`.
///
/// An envelope with `success: false` is an [`Error::Api`] even with a 2xx
/// status. An absent or `null` `result` is accepted when `T` accepts `null`
/// (an `Option` or `()`).
#[derive(Debug)]
pub struct Envelope<T>(PhantomData<fn() -> T>);


impl<T> sealed::Sealed for Envelope<T> {}

impl<T: DeserializeOwned + Send + 'static> Decode for Envelope<T> {
    type Output = T;
    type Raw = ApiEnvelope<T>;

    const ACCEPT: &'static str = "application/json";
    const ENVELOPE: bool = true;

    fn decode(
        operation: &'static str,
        status: StatusCode,
        headers: &HeaderMap,
        body: Bytes,
    ) -> Result<Self::Raw, Error> {
        // Checked before the full parse so that a failure whose `result` has
        // an unexpected shape is still reported as the API's error.
        if let Some(meta) = EnvelopeMeta::sniff(&body) {
            if meta.success == Some(false) {
                return Err(Error::api(operation, status, headers.clone(), meta));
            }
        }
        let wire: EnvelopeWire<T> = from_json(operation, status, &body)?;
        let result = match wire.result {
            Some(result) => result,
            None => T::deserialize(serde_json::Value::Null).map_err(|source| Error::Decode {
                operation,
                status,
                path: "result".to_owned(),
                source: Box::new(source),
            })?,
        };
        Ok(ApiEnvelope {
            success: wire.success,
            errors: wire.errors,
            messages: wire.messages,
            result,
            result_info: wire.result_info,
        })
    }

    fn output(raw: Self::Raw) -> T {
        raw.result
    }
}

/// Sends a page's request as an enveloped one, so that `success: false` is
/// the API's error; returns the status and the whole envelope.
pub(crate) async fn send_page(request: Request<Json<Value>>) -> Result<(StatusCode, Value), Error> {
    let (status, _, envelope) = request.decode_as::<Envelope<Value>>().send_raw().await?.into_parts();
    let mut body = serde_json::Map::new();
    body.insert("success".to_owned(), Value::Bool(envelope.success));
    body.insert("errors".to_owned(), serde_json::to_value(envelope.errors).unwrap_or_default());
    body.insert("messages".to_owned(), serde_json::to_value(envelope.messages).unwrap_or_default());
    body.insert("result".to_owned(), envelope.result);
    body.insert("result_info".to_owned(), envelope.result_info.unwrap_or_default());
    Ok((status, Value::Object(body)))
}

impl Error {
    pub(crate) fn api(operation: &'static str, status: StatusCode, headers: HeaderMap, meta: EnvelopeMeta) -> Self {
        Self::Api(Box::new(ApiError { operation, status, errors: meta.errors, messages: meta.messages, headers }))
    }
}

/// An error envelope from the API: the status, every entry of `errors` and
/// `messages`, and the response headers.
#[derive(Debug, Clone)]
pub struct ApiError {
    operation: &'static str,
    status: StatusCode,
    errors: Vec<ResponseInfo>,
    messages: Vec<ResponseInfo>,
    headers: HeaderMap,
}

impl ApiError {
    /// The operation that failed.
    pub fn operation(&self) -> &'static str {
        self.operation
    }

    /// The HTTP status (200 when the API reported `success: false` with it).
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// Every entry of the envelope's `errors`.
    pub fn errors(&self) -> &[ResponseInfo] {
        &self.errors
    }

    /// Every entry of the envelope's `messages`.
    pub fn messages(&self) -> &[ResponseInfo] {
        &self.messages
    }

    /// The response headers, e.g. `cf-ray` or rate-limit headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The code of every error, in order.
    pub fn codes(&self) -> Vec<i64> {
        self.errors.iter().map(|e| e.code).collect()
    }

    /// Whether any error has this code.
    pub fn has_code(&self, code: i64) -> bool {
        self.errors.iter().any(|e| e.code == code)
    }

    /// The message of the first error, if any.
    pub fn message(&self) -> Option<&str> {
        self.errors.first().map(|e| e.message.as_str())
    }

    /// Whether the status is 429 Too Many Requests.
    pub fn is_rate_limited(&self) -> bool {
        self.status == StatusCode::TOO_MANY_REQUESTS
    }

    /// Whether the status is 401 or 403 (bad or insufficient credentials).
    pub fn is_auth_error(&self) -> bool {
        matches!(self.status, StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN)
    }

    /// Whether the status is 404 Not Found.
    pub fn is_not_found(&self) -> bool {
        self.status == StatusCode::NOT_FOUND
    }

    /// Whether the status is 5xx.
    pub fn is_server_error(&self) -> bool {
        self.status.is_server_error()
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` failed with HTTP {}: ", self.operation, self.status)?;
        if self.errors.is_empty() {
            return f.write_str("the API reported failure without details");
        }
        for (i, error) in self.errors.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{error}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ApiError {}
//@ end
