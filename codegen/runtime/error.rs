//! The error type of every operation.

use std::time::Duration;

use reqwest::header::HeaderMap;
use reqwest::StatusCode;

use crate::runtime::error_body::{decoder_for, ErrorBodies, ErrorResponse};
//@ if envelopes
use crate::runtime::envelope::EnvelopeMeta;
use crate::runtime::ApiError;
//@ end

/// Error bodies are quoted in messages only this far, so an HTML error page
/// cannot flood logs.
const EXCERPT_CHARS: usize = 512;

/// Everything that can go wrong with a call. Each message names the
/// operation, and none contains a credential.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    //@ if envelopes
    /// The API answered with an error envelope (`success: false`, or a 4xx /
    /// 5xx status with an envelope).
    #[error(transparent)]
    Api(Box<ApiError>),

    //@ end
    /// The API answered with an error status and a body of the type the
    /// spec declares for that status; [`Error::body`] returns it.
    #[error("`{}` failed with HTTP {}: {}", .0.operation, .0.status, describe_excerpt(&.0.excerpt))]
    Response(Box<ErrorResponse>),

    //@ if envelopes
    /// The API answered with an error status and a body that is neither an
    /// envelope nor of a type the spec declares for it, such as a proxy's
    /// HTML error page or nothing at all.
    //@ else
    /// The API answered with an error status and a body that is not of a
    /// type the spec declares for it, such as a proxy's HTML error page or
    /// nothing at all.
    //@ end
    #[error("`{operation}` failed with HTTP {status}: {}", describe_excerpt(.body_excerpt))]
    Http {
        /// The operation that was called.
        operation: &'static str,
        /// The HTTP status.
        status: StatusCode,
        //@ if envelopes
        /// The response headers (e.g. `cf-ray`).
        //@ else
        /// The response headers.
        //@ end
        headers: Box<HeaderMap>,
        /// At most 512 characters of the body, lossily decoded as UTF-8.
        body_excerpt: String,
    },

    /// A successful response whose body does not match the expected type.
    #[error("`{operation}` returned a response (HTTP {status}) that could not be decoded at `{path}`: {source}")]
    Decode {
        /// The operation that was called.
        operation: &'static str,
        /// The HTTP status.
        status: StatusCode,
        /// The JSON path of the failing value, like `result.audio.status`
        /// (`.` for the whole body).
        path: String,
        /// What was wrong with it.
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },

    /// An attempt took longer than the configured timeout (after any retries).
    #[error("`{operation}` timed out after {timeout:?}")]
    Timeout {
        /// The operation that was called.
        operation: &'static str,
        /// The per-attempt timeout that was exceeded.
        timeout: Duration,
    },

    /// The request could not be sent or its response not received (DNS,
    /// connection refused or reset, TLS), after any retries.
    #[error("`{operation}` could not reach the API: {source}")]
    Connection {
        /// The operation that was called.
        operation: &'static str,
        /// The underlying transport error.
        #[source]
        source: reqwest::Error,
    },

    /// The call was rejected before anything was sent: an empty path
    /// parameter, a value not allowed in a header, an unserialisable body.
    #[error("`{operation}` could not be sent: {reason}")]
    InvalidRequest {
        /// The operation that was called.
        operation: &'static str,
        /// What is wrong with the call.
        reason: String,
    },

    /// The client is misconfigured (missing credentials, bad base URL).
    #[error("invalid client configuration: {reason}")]
    Config {
        /// What is wrong with the configuration.
        reason: String,
    },
}

impl Error {
    /// The operation that failed, when the error came from a call.
    pub fn operation(&self) -> Option<&'static str> {
        match self {
            //@ if envelopes
            Self::Api(api) => Some(api.operation()),
            //@ end
            Self::Response(response) => Some(response.operation),
            Self::Http { operation, .. }
            | Self::Decode { operation, .. }
            | Self::Timeout { operation, .. }
            | Self::Connection { operation, .. }
            | Self::InvalidRequest { operation, .. } => Some(operation),
            Self::Config { .. } => None,
        }
    }

    /// The HTTP status, when a response was received.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            //@ if envelopes
            Self::Api(api) => Some(api.status()),
            //@ end
            Self::Response(response) => Some(response.status),
            Self::Http { status, .. } | Self::Decode { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The response headers, when an error response was received.
    pub fn headers(&self) -> Option<&HeaderMap> {
        match self {
            //@ if envelopes
            Self::Api(api) => Some(api.headers()),
            //@ end
            Self::Response(response) => Some(&response.headers),
            Self::Http { headers, .. } => Some(headers),
            _ => None,
        }
    }

    //@ if envelopes
    /// The API error, when the API answered with an error envelope.
    pub fn as_api(&self) -> Option<&ApiError> {
        match self {
            Self::Api(api) => Some(api),
            _ => None,
        }
    }
    //@ end

    /// The error response's decoded body, when the spec declares one of
    /// type `T` for its status (see each operation's docs).
    pub fn body<T: std::any::Any>(&self) -> Option<&T> {
        match self {
            Self::Response(response) => response.body(),
            _ => None,
        }
    }

    /// The error response with a declared body type, if that is what this is.
    pub fn as_response(&self) -> Option<&ErrorResponse> {
        match self {
            Self::Response(response) => Some(response),
            _ => None,
        }
    }

    /// Whether an attempt timed out.
    pub fn is_timeout(&self) -> bool {
        matches!(self, Self::Timeout { .. })
    }

    /// Whether the API answered 429 Too Many Requests.
    pub fn is_rate_limited(&self) -> bool {
        self.status() == Some(StatusCode::TOO_MANY_REQUESTS)
    }

    /// Whether the API answered 401 or 403 (bad or insufficient credentials).
    pub fn is_auth_error(&self) -> bool {
        matches!(self.status(), Some(StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN))
    }

    /// Whether the API answered 404 Not Found.
    pub fn is_not_found(&self) -> bool {
        self.status() == Some(StatusCode::NOT_FOUND)
    }

    /// Whether the API answered with a 5xx status.
    pub fn is_server_error(&self) -> bool {
        self.status().is_some_and(|s| s.is_server_error())
    }

    /// Whether another attempt could succeed: transport failures and
    /// timeouts, as opposed to anything decided by the request's content.
    pub(crate) fn is_transient(&self) -> bool {
        matches!(self, Self::Timeout { .. } | Self::Connection { .. })
    }

    /// The error for a response with an error status: the body's declared
    //@ if envelopes
    /// type when it decodes as one, an API error when it is an envelope,
    /// otherwise the status and a short excerpt.
    //@ else
    /// type when it decodes as one, otherwise the status and a short excerpt.
    //@ end
    pub(crate) fn from_error_response(
        operation: &'static str,
        status: StatusCode,
        headers: HeaderMap,
        body: &[u8],
        bodies: ErrorBodies,
    ) -> Self {
        if let Some(decoded) = decoder_for(bodies, status).and_then(|decode| decode(body)) {
            let excerpt = excerpt(body);
            return Self::Response(Box::new(ErrorResponse { operation, status, headers, body: decoded, excerpt }));
        }
        //@ if envelopes
        if let Some(meta) = EnvelopeMeta::sniff(body) {
            return Self::api(operation, status, headers, meta);
        }
        //@ end
        Self::Http { operation, status, headers: Box::new(headers), body_excerpt: excerpt(body) }
    }
}

/// At most [`EXCERPT_CHARS`] characters of a body with whitespace runs
/// collapsed (HTML pages are mostly indentation), cut on a character
/// boundary; the ellipsis marking a cut counts towards the limit.
pub(crate) fn excerpt(body: &[u8]) -> String {
    // A char is at most 4 bytes, so this head holds more than the limit
    // whenever it is shorter than the body, and huge bodies stay cheap.
    let head = &body[..body.len().min(EXCERPT_CHARS * 4 + 4)];
    let text = String::from_utf8_lossy(head);
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if collapsed.chars().count() <= EXCERPT_CHARS && head.len() == body.len() {
        return collapsed;
    }
    let mut cut: String = collapsed.chars().take(EXCERPT_CHARS - 1).collect();
    cut.push('…');
    cut
}

fn describe_excerpt(excerpt: &str) -> &str {
    if excerpt.is_empty() {
        "(empty body)"
    } else {
        excerpt
    }
}
