//! A decoded response together with its status and headers.

use reqwest::header::HeaderMap;
use reqwest::StatusCode;

//@ if envelopes
/// A successful response as received: status, headers and the decoded body
/// (for enveloped operations the whole [`ApiEnvelope`](crate::runtime::ApiEnvelope),
/// including `messages`). Returned by
/// [`Request::send_raw`](crate::runtime::Request::send_raw).
//@ else
/// A successful response as received: status, headers and the decoded body.
/// Returned by [`Request::send_raw`](crate::runtime::Request::send_raw).
//@ end
//@ if streams
///
/// [`Request::send_stream`](crate::runtime::Request::send_stream) returns
/// one whose body is a [`ByteStream`](crate::runtime::ByteStream), read as
/// it arrives.
//@ end
#[derive(Clone, Debug)]
pub struct RawResponse<R> {
    status: StatusCode,
    headers: HeaderMap,
    body: R,
}

impl<R> RawResponse<R> {
    pub(crate) fn new(status: StatusCode, headers: HeaderMap, body: R) -> Self {
        Self { status, headers, body }
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    //@ if envelopes
    /// One header as text, if present and valid UTF-8 (e.g. `cf-ray`).
    //@ else
    /// One header as text, if present and valid UTF-8.
    //@ end
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|value| value.to_str().ok())
    }

    /// The decoded body.
    pub fn body(&self) -> &R {
        &self.body
    }

    /// The decoded body, consuming the response.
    pub fn into_body(self) -> R {
        self.body
    }

    /// The status, headers and body.
    pub fn into_parts(self) -> (StatusCode, HeaderMap, R) {
        (self.status, self.headers, self.body)
    }
}
