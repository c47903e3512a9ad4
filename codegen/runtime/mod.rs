//! The HTTP runtime shared by every operation of this client.
//!
//! Generated operation methods only describe a call — method, path, query,
//! headers and body — and hand it to [`Request`]. Everything else lives here:
//! authentication, the Cloudflare response envelope, error mapping, retries
//! with backoff, timeouts and percent-encoding.

pub(crate) mod auth;
mod body;
mod client;
mod decode;
pub(crate) mod enums;
mod envelope;
mod error;
mod error_body;
#[cfg(feature = "mock")]
pub mod mock;
// Envelope-only: kept apart so crates without envelopes can leave it out.
#[cfg(feature = "mock")]
mod mock_envelope;
mod multipart;
pub(crate) mod object;
mod pages;
mod path;
mod request;
mod response;
mod retry;
mod transport;

pub use auth::Auth;
pub use client::{Client, ClientBuilder};
pub use decode::{Binary, Decode, Envelope, Json, NoContent, Text};
#[allow(unused_imports)]
pub(crate) use enums::{int_enum, string_enum};
#[allow(unused_imports)]
pub(crate) use object::object;
pub use envelope::{ApiEnvelope, ErrorSource, ResponseInfo};
pub use error::{ApiError, Error};
#[allow(unused_imports)]
pub(crate) use error_body::decode_error_body;
pub use error_body::{ErrorBody, ErrorResponse};
pub use multipart::{Multipart, Part};
pub use pages::{ByPage, Page, Pages, Paging};
pub use path::PathBuilder;
pub use request::Request;
pub use response::RawResponse;

/// The byte buffer returned by [`Binary`] operations.
pub use bytes::Bytes;
/// The HTTP client this crate is built on, re-exported so a custom
/// `reqwest::Client` passed to [`ClientBuilder::http_client`] is always of
/// the matching version.
pub use reqwest;
/// HTTP types that appear in this crate's API.
pub use reqwest::{header::HeaderMap, Method, StatusCode};
