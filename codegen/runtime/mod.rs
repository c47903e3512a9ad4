//@ note Lines starting `//@` are directives to the generator (see
//@ note `codegen/src/emit/runtime.rs`) and never reach a generated crate:
//@ note `//@ if FLAG` / `//@ if !FLAG`, `//@ else`, `//@ end` keep a region only
//@ note when the API needs it (FLAG `envelopes`: Cloudflare-style envelopes;
//@ note `streams`: a binary or event-stream response; `events`: an event stream;
//@ note `uploads`: a binary or multipart request body),
//@ note and `//@ note` lines are comments for runtime authors. A file that is
//@ note empty once stripped (`envelope.rs` without envelopes) is not written.
//! The HTTP runtime shared by every operation of this client.
//!
//! Generated operation methods only describe a call — method, path, query,
//! headers and body — and hand it to [`Request`]. Everything else lives here:
//@ if envelopes
//! authentication, the Cloudflare response envelope, error mapping, retries
//! with backoff, timeouts and percent-encoding.
//@ else
//! authentication, error mapping, retries with backoff, timeouts and
//! percent-encoding.
//@ end

pub(crate) mod auth;
mod body;
mod client;
mod decode;
pub(crate) mod enums;
//@ if envelopes
mod envelope;
//@ end
mod error;
mod error_body;
//@ if events
mod events;
//@ end
#[cfg(feature = "mock")]
pub mod mock;
//@ if envelopes
#[cfg(feature = "mock")]
mod mock_envelope;
//@ end
mod multipart;
pub(crate) mod object;
mod pages;
mod path;
mod request;
mod response;
mod retry;
//@ if streams
mod stream;
//@ end
#[cfg(feature = "tracing")]
mod trace;
mod transport;

pub use auth::Auth;
pub use body::Body;
pub use client::{Client, ClientBuilder};
pub use decode::{Binary, Decode, Json, NoContent, Text};
//@ if envelopes
pub use envelope::{ApiEnvelope, ApiError, Envelope, ErrorSource, ResponseInfo};
//@ end
#[allow(unused_imports)]
pub(crate) use enums::{int_enum, string_enum};
#[allow(unused_imports)]
pub(crate) use object::object;
pub use error::Error;
//@ if events
pub use events::{Event, Events, EventsRequest};
//@ end
#[allow(unused_imports)]
pub(crate) use error_body::decode_error_body;
pub use error_body::{ErrorBody, ErrorResponse};
pub use multipart::{FilePart, Multipart, Part};
pub use pages::{ByPage, Page, Pages, Paging};
pub use path::{PathBuilder, PathStyle};
pub use request::Request;
pub use response::RawResponse;
//@ if streams
pub use stream::ByteStream;
//@ end

/// The byte buffer returned by [`Binary`] operations.
pub use bytes::Bytes;
/// The HTTP client this crate is built on, re-exported so a custom
/// `reqwest::Client` passed to [`ClientBuilder::http_client`] is always of
/// the matching version.
pub use reqwest;
/// HTTP types that appear in this crate's API.
pub use reqwest::{header::HeaderMap, Method, StatusCode};
