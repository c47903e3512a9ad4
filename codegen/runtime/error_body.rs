//! Error responses whose body has the type the spec declares for them.

use std::any::Any;
use std::fmt;

use reqwest::header::HeaderMap;
use reqwest::StatusCode;
use serde::de::DeserializeOwned;

/// Reads an error body as one declared type; `None` when it is not one.
pub(crate) type DecodeErrorBody = fn(&[u8]) -> Option<Box<dyn ErrorBody>>;

/// The statuses an operation declares an error body for, most specific
/// first when matched: `"404"`, then `"4XX"`, then `"default"`.
pub(crate) type ErrorBodies = &'static [(&'static str, DecodeErrorBody)];

/// A decoded error body of any generated type.
pub trait ErrorBody: Any + fmt::Debug + Send + Sync {
    /// The body as `Any`, to downcast to its type.
    fn as_any(&self) -> &dyn Any;
}

impl<T: Any + fmt::Debug + Send + Sync> ErrorBody for T {
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// An error status with a body of the type the spec declares for it, e.g.
/// the API's `Error` schema for `4XX` responses.
///
/// [`body`](Self::body) returns it as that type; each operation's docs
/// name the types of its error responses.
#[derive(Debug)]
pub struct ErrorResponse {
    pub(crate) operation: &'static str,
    pub(crate) status: StatusCode,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Box<dyn ErrorBody>,
    pub(crate) excerpt: String,
}

impl ErrorResponse {
    /// The operation that failed.
    pub fn operation(&self) -> &'static str {
        self.operation
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The decoded body, when it is a `T` (the type the spec declares for
    /// this status).
    pub fn body<T: Any>(&self) -> Option<&T> {
        // Deref first: the box itself is an `ErrorBody` too.
        (*self.body).as_any().downcast_ref()
    }

    /// At most 512 characters of the body as received.
    pub fn excerpt(&self) -> &str {
        &self.excerpt
    }
}

/// Decodes an error body as a `T`; generated operations name one per
/// declared error response.
#[allow(dead_code)] // Only specs that declare error bodies use it.
pub(crate) fn decode_error_body<T: DeserializeOwned + fmt::Debug + Send + Sync + 'static>(
    body: &[u8],
) -> Option<Box<dyn ErrorBody>> {
    serde_json::from_slice::<T>(body).ok().map(|value| Box::new(value) as Box<dyn ErrorBody>)
}

/// The decoder declared for `status`: an exact code, else its class
/// (`4XX`), else `default`.
pub(crate) fn decoder_for(bodies: ErrorBodies, status: StatusCode) -> Option<DecodeErrorBody> {
    let code = status.as_str();
    let class = format!("{}XX", &code[..1]);
    [code, class.as_str(), "default"]
        .iter()
        .find_map(|wanted| bodies.iter().find(|(key, _)| key.eq_ignore_ascii_case(wanted)).map(|(_, decode)| *decode))
}
