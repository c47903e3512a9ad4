//! The runtime of generated clients (`codegen/runtime/*.rs`), compiled as
//! a crate so it is built, linted and tested where it is written.
//!
//! A generated crate holds the runtime as its module `runtime`, stripped of
//! the `//@` regions its API does not need. Here `build.rs` strips it the
//! same way for this crate's features (`envelopes`, `streams`, `events`),
//! and the module is declared from there. The other features (`tracing`,
//! `mock`, …) are a generated crate's, read by the runtime's own
//! `#[cfg(feature = …)]`.
//!
//! The runtime also refers to a few items that a generated crate writes
//! next to it, from the spec: the constants below and the module `auth`.
//! This file holds stand-ins for them, which exist only so that the runtime
//! compiles and can be tested; nothing else is generated here.

// As in a generated crate's `lib.rs` (`codegen/src/emit/crate_files.rs`),
// so the runtime is linted as it is there.
#![allow(clippy::large_enum_variant, clippy::too_many_arguments, clippy::doc_lazy_continuation)]
#![warn(missing_docs)]

include!(concat!(env!("OUT_DIR"), "/runtime_module.rs"));

/// Stand-in: the API's base URL, from the spec's first server.
pub const DEFAULT_BASE_URL: &str = "https://api.example.com/v1";
/// Stand-in: the prefix of the environment variables read by
/// [`Client::from_env`].
pub(crate) const ENV_PREFIX: &str = "RUNTIME";
/// Sent as `User-Agent` on every request, as in a generated crate.
pub(crate) const USER_AGENT: &str = concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION"));

/// Stand-in for a generated crate's `src/auth.rs`: the API's security
/// requirement and the constructors of [`Auth`], one for each place a
/// secret can go.
mod auth {
    use crate::runtime::auth::Secret;
    use crate::runtime::{Auth, Error};

    /// No requirement stated: every configured secret is sent.
    pub(crate) const SECURITY: Option<&[&[&str]]> = None;

    impl Auth {
        /// `Authorization: Bearer <token>`.
        pub fn bearer(token: impl Into<String>) -> Self {
            Self::with("Bearer", vec![Secret::authorization("bearer", "Bearer", token.into(), "token")])
        }

        /// `Authorization: Basic …` with a username and password.
        pub fn basic(username: impl Into<String>, password: impl Into<String>) -> Self {
            Self::with("Basic", vec![Secret::basic("basic", username.into(), password.into())])
        }

        /// An API key in the header `name`.
        pub fn header_key(name: &'static str, key: impl Into<String>) -> Self {
            Self::with("HeaderKey", vec![Secret::header("header_key", name, key.into(), "API key")])
        }

        /// An API key in the query parameter `name`.
        pub fn query_key(name: &'static str, key: impl Into<String>) -> Self {
            Self::with("QueryKey", vec![Secret::query("query_key", name, key.into(), "API key")])
        }

        /// An API key in the cookie `name`.
        pub fn cookie_key(name: &'static str, key: impl Into<String>) -> Self {
            Self::with("CookieKey", vec![Secret::cookie("cookie_key", name, key.into(), "API key")])
        }

        /// A bearer token from `RUNTIME_TOKEN`.
        ///
        /// # Errors
        ///
        /// [`Error::Config`] when it is not set.
        pub fn from_env() -> Result<Self, Error> {
            Self::from_env_alternatives(&[(&["TOKEN"], |v| Self::bearer(&v[0]))])
        }
    }
}

/// Stand-in for a generated crate's `src/types.rs`: models written with the
/// runtime's macros, as the generator writes them, for the tests to decode.
pub mod types {
    crate::runtime::object! {
        /// An item of a list.
        #[derive(Default)] Item (deserialize, #[cfg(feature = "serialize")] serialize) {
            /// Its id.
            id: i64 = "id" req,
            /// Its name, which may be absent.
            name: Option<String> = "name" opt,
            /// Its status, which may be `null` and is always written.
            status: Option<Status> = "status" nul,
        }
    }
    crate::runtime::string_enum! {
        /// The status of an item.
        Status {
            Ready = "ready",
            Failed = "failed",
        }
    }
    crate::runtime::int_enum! {
        /// A level.
        #[cfg_attr(feature = "defaults", derive(Default))]
        Level {
            #[cfg_attr(feature = "defaults", default)] Low = 1,
            High = 2,
        }
    }
}

#[cfg(feature = "envelopes")]
pub use runtime::{ApiEnvelope, ApiError, ErrorSource, ResponseInfo};
pub use runtime::{Auth, Client, ClientBuilder, Error, FilePart, Multipart, Part, RawResponse, Request};
