//! How requests authenticate, as the model records it: the schemes, the
//! credentials `Auth` offers and the requirements operations state (built
//! by `security.rs`).

/// How requests authenticate, from the spec's `securitySchemes` and
/// `security` requirements.
#[derive(Debug, Clone, Default)]
pub struct Security {
    /// The schemes some credential uses, in declaration order.
    pub schemes: Vec<Scheme>,
    /// One `Auth` constructor per alternative the spec accepts, in the
    /// order `Auth::from_env` tries them.
    pub credentials: Vec<Credential>,
    /// The document's `security`, for operations without their own;
    /// `None` when the spec states none, and then whatever credentials the
    /// user configured are sent.
    pub global: Option<Requirement>,
    /// Cloudflare's shape (`X-Auth-Email` + `X-Auth-Key` headers): keeps
    /// Cloudflare's constructor and variable names and `ray_id()`.
    pub cloudflare: bool,
}

/// A `security` list: alternatives, each the scheme names (spec keys) that
/// are sent together. Empty, or holding an empty alternative, means that no
/// credentials are needed.
pub type Requirement = Vec<Vec<String>>;

/// A declared security scheme some credential uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scheme {
    /// Its key under `components.securitySchemes`.
    pub key: String,
    /// How it is sent.
    pub kind: SchemeKind,
    /// Its `description`.
    pub docs: Option<String>,
}

/// How a scheme's secret travels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SchemeKind {
    /// `http` `basic`: `Authorization: Basic base64(username:password)`.
    Basic,
    /// `Authorization: <prefix> <token>`: `http` `bearer` (prefix `Bearer`,
    /// with its `bearerFormat`), another `http` scheme, or a user-supplied
    /// `oauth2` / `openIdConnect` access token.
    Token {
        /// The word before the token, e.g. `Bearer`.
        prefix: String,
        /// `bearerFormat`, for the docs.
        format: Option<String>,
        /// The scheme's `type`, for the docs: `http`, `oauth2`, `openIdConnect`.
        origin: String,
    },
    /// `apiKey`: the secret as is, under its declared name.
    ApiKey {
        /// Header, query parameter or cookie.
        location: KeyLocation,
        /// The header, parameter or cookie name.
        name: String,
    },
}

/// Where an `apiKey` goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyLocation {
    /// A request header.
    Header,
    /// A query parameter.
    Query,
    /// A cookie.
    Cookie,
}

/// One `Auth` constructor: an alternative of the spec's requirements, whose
/// schemes are all sent together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credential {
    /// The constructor's name, e.g. `bearer` or `email_key`.
    pub constructor: String,
    /// What `Debug` shows, e.g. `Bearer` (printed `Auth::Bearer([redacted])`).
    pub label: String,
    /// One part per scheme, in the requirement's order.
    pub parts: Vec<CredentialPart>,
}

/// The secret of one scheme within a [`Credential`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CredentialPart {
    /// The scheme's key.
    pub scheme: String,
    /// The constructor's arguments for it: one, or two for basic auth.
    pub args: Vec<SecretArg>,
}

/// An argument of an `Auth` constructor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecretArg {
    /// The argument's identifier, e.g. `token`.
    pub name: String,
    /// The environment variable `from_env` reads it from, without the
    /// crate's prefix, e.g. `API_TOKEN`.
    pub env: String,
    /// How errors name it, e.g. `API token`.
    pub what: String,
}
