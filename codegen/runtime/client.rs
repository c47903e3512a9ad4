//! The client handle and its builder.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};

use crate::runtime::auth::{env_name, read_env};
use crate::runtime::{Auth, Error};

const DEFAULT_MAX_RETRIES: u32 = 2;
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

/// A client for the API. Every operation is a method on it.
///
/// Cloning is cheap and clones share one connection pool, so create one
/// client and clone it into tasks rather than building a client per call.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub(crate) http: reqwest::Client,
    pub(crate) base_url: String,
    /// Applied per request, since operations need different credentials;
    /// an error (credentials not valid in HTTP) is reported by every
    /// request because [`Client::new`] cannot fail.
    pub(crate) auth: Auth,
    pub(crate) default_headers: HeaderMap,
    pub(crate) max_retries: u32,
    pub(crate) timeout: Duration,
}

impl Client {
    /// A client for the default base URL with the given credentials and the
    /// default settings (2 retries, 60 s timeout).
    ///
    /// # Panics
    ///
    /// Only if the TLS backend cannot be initialised, like
    /// `reqwest::Client::new`; use [`Client::builder`] to get an error instead.
    pub fn new(auth: Auth) -> Self {
        let http = reqwest::Client::new();
        Self::from_parts(
            http,
            crate::DEFAULT_BASE_URL.to_owned(),
            auth,
            HeaderMap::new(),
            DEFAULT_MAX_RETRIES,
            DEFAULT_TIMEOUT,
        )
    }

    /// A builder for a client with non-default settings.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::new()
    }

    /// A client configured from the environment; see [`ClientBuilder::from_env`].
    ///
    /// # Errors
    ///
    /// [`Error::Config`] when no credentials are set or a variable is invalid.
    pub fn from_env() -> Result<Self, Error> {
        ClientBuilder::from_env()?.build()
    }

    /// The base URL every operation path is appended to.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// How many times a failed request is retried unless a call overrides it.
    pub fn max_retries(&self) -> u32 {
        self.inner.max_retries
    }

    /// The per-attempt timeout unless a call overrides it.
    pub fn timeout(&self) -> Duration {
        self.inner.timeout
    }

    /// The credentials this client sends.
    pub fn auth(&self) -> &Auth {
        &self.inner.auth
    }

    pub(crate) fn inner(&self) -> &Inner {
        &self.inner
    }

    fn from_parts(
        http: reqwest::Client,
        base_url: String,
        auth: Auth,
        default_headers: HeaderMap,
        max_retries: u32,
        timeout: Duration,
    ) -> Self {
        Self { inner: Arc::new(Inner { http, base_url, auth, default_headers, max_retries, timeout }) }
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Default headers may carry secrets of their own, so only names are shown.
        let header_names: Vec<&str> = self.inner.default_headers.keys().map(HeaderName::as_str).collect();
        f.debug_struct("Client")
            .field("base_url", &self.inner.base_url)
            .field("auth", &self.inner.auth)
            .field("max_retries", &self.inner.max_retries)
            .field("timeout", &self.inner.timeout)
            .field("default_headers", &header_names)
            .finish_non_exhaustive()
    }
}

/// Configures a [`Client`]: base URL, credentials, retries, timeout,
/// default headers and an optional shared `reqwest::Client`.
#[derive(Clone)]
#[must_use = "a builder does nothing until `build` is called"]
pub struct ClientBuilder {
    base_url: Option<String>,
    auth: Auth,
    max_retries: u32,
    timeout: Duration,
    http: Option<reqwest::Client>,
    default_headers: Vec<(String, String)>,
}

impl Default for ClientBuilder {
    fn default() -> Self {
        Self::new()
    }
}

impl ClientBuilder {
    /// A builder with the defaults: the spec's base URL, no credentials,
    /// 2 retries and a 60 s timeout.
    pub fn new() -> Self {
        Self {
            base_url: None,
            auth: Auth::none(),
            max_retries: DEFAULT_MAX_RETRIES,
            timeout: DEFAULT_TIMEOUT,
            http: None,
            default_headers: Vec::new(),
        }
    }

    /// A builder with credentials from the environment (see
    /// [`Auth::from_env`]) and, when `{PREFIX}_BASE_URL` is set, that base URL.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] when no credentials are set or a variable is invalid.
    pub fn from_env() -> Result<Self, Error> {
        let mut builder = Self::new().auth(Auth::from_env()?);
        if let Some(base_url) = read_env(&env_name("BASE_URL"))? {
            builder = builder.base_url(base_url);
        }
        Ok(builder)
    }

    /// Sends requests to this base URL instead of the default, e.g. a proxy
    /// or a test server. A trailing `/` is ignored.
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = Some(base_url.into());
        self
    }

    /// Sets the credentials.
    pub fn auth(mut self, auth: Auth) -> Self {
        self.auth = auth;
        self
    }

    /// How many times a failed request is retried (default 2; 0 disables).
    pub fn max_retries(mut self, max_retries: u32) -> Self {
        self.max_retries = max_retries;
        self
    }

    /// How long one attempt — connecting, sending and reading the whole
    /// response — may take (default 60 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Sends requests through this `reqwest::Client`, e.g. to share its
    /// connection pool or use its proxy and TLS settings.
    pub fn http_client(mut self, http: reqwest::Client) -> Self {
        self.http = Some(http);
        self
    }

    /// Adds a header to every request, e.g. a key for an API whose spec
    /// declares no security scheme. Its value is marked sensitive, and
    /// `Debug` shows only the header's name.
    pub fn default_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.default_headers.push((name.into(), value.into()));
        self
    }

    /// Builds the client.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] when the base URL is not an absolute `http(s)` URL,
    /// a header or the credentials are not valid in HTTP, or the HTTP client
    /// cannot be created.
    pub fn build(self) -> Result<Client, Error> {
        let base_url = match self.base_url {
            Some(url) => validate_base_url(&url)?,
            None => crate::DEFAULT_BASE_URL.to_owned(),
        };
        self.auth.check().map_err(|reason| Error::Config { reason })?;
        let default_headers = header_map(&self.default_headers)?;
        let http = match self.http {
            Some(http) => http,
            None => reqwest::Client::builder()
                .build()
                .map_err(|e| Error::Config { reason: format!("could not create the HTTP client: {e}") })?,
        };
        Ok(Client::from_parts(http, base_url, self.auth, default_headers, self.max_retries, self.timeout))
    }
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let header_names: Vec<&str> = self.default_headers.iter().map(|(name, _)| name.as_str()).collect();
        f.debug_struct("ClientBuilder")
            .field("base_url", &self.base_url)
            .field("auth", &self.auth)
            .field("max_retries", &self.max_retries)
            .field("timeout", &self.timeout)
            .field("default_headers", &header_names)
            .finish_non_exhaustive()
    }
}

fn validate_base_url(raw: &str) -> Result<String, Error> {
    // A URL with user info may hold a password, so it is never echoed.
    let shown = if raw.contains('@') { "[redacted]" } else { raw };
    let invalid = |why: &str| Error::Config { reason: format!("invalid base URL `{shown}`: {why}") };
    let url = reqwest::Url::parse(raw).map_err(|e| invalid(&e.to_string()))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(invalid("the scheme must be http or https"));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(invalid("it must not have a query or fragment"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        // Credentials in the URL would leak into error messages.
        return Err(invalid("credentials belong in `Auth`, not in the URL"));
    }
    Ok(url.as_str().trim_end_matches('/').to_owned())
}

fn header_map(pairs: &[(String, String)]) -> Result<HeaderMap, Error> {
    let mut headers = HeaderMap::new();
    for (name, value) in pairs {
        let header_name = HeaderName::from_bytes(name.as_bytes())
            .map_err(|_| Error::Config { reason: format!("`{name}` is not a valid HTTP header name") })?;
        let mut header_value = HeaderValue::from_str(value).map_err(|_| Error::Config {
            reason: format!("the value of header `{name}` contains characters not allowed in HTTP"),
        })?;
        header_value.set_sensitive(true);
        headers.append(header_name, header_value);
    }
    Ok(headers)
}
