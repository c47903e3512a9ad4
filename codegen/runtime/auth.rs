//! Credentials and how they become request headers.

use std::fmt;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue, AUTHORIZATION};

use crate::runtime::Error;

const X_AUTH_EMAIL: HeaderName = HeaderName::from_static("x-auth-email");
const X_AUTH_KEY: HeaderName = HeaderName::from_static("x-auth-key");

/// How requests authenticate: an API token, an account email with its
/// Global API key, or nothing.
///
/// The secret is never shown by `Debug`, and the headers built from it are
/// marked sensitive so `reqwest` does not print them either.
#[derive(Clone, Default)]
pub struct Auth {
    kind: Kind,
}

#[derive(Clone, Default)]
enum Kind {
    #[default]
    None,
    ApiToken(String),
    EmailKey {
        email: String,
        key: String,
    },
}

impl Auth {
    /// Sends no credentials (for endpoints that need none, or a proxy that
    /// adds them).
    pub fn none() -> Self {
        Self { kind: Kind::None }
    }

    /// Authenticates with an API token, sent as `Authorization: Bearer <token>`.
    pub fn api_token(token: impl Into<String>) -> Self {
        Self { kind: Kind::ApiToken(token.into()) }
    }

    /// Authenticates with the account email and the Global API key, sent as
    /// `X-Auth-Email` and `X-Auth-Key`.
    pub fn email_key(email: impl Into<String>, key: impl Into<String>) -> Self {
        Self { kind: Kind::EmailKey { email: email.into(), key: key.into() } }
    }

    /// Reads credentials from the environment: `{PREFIX}_API_TOKEN`, or else
    /// both `{PREFIX}_EMAIL` and `{PREFIX}_API_KEY` (the prefix is this crate's
    /// environment prefix, e.g. `CLOUDFLARE`). Empty variables count as unset.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] naming the variables when no credentials are set,
    /// when only one of the email and key is set, or when a variable is not
    /// valid Unicode.
    pub fn from_env() -> Result<Self, Error> {
        let token_var = env_name("API_TOKEN");
        let email_var = env_name("EMAIL");
        let key_var = env_name("API_KEY");
        if let Some(token) = read_env(&token_var)? {
            return Ok(Self::api_token(token));
        }
        match (read_env(&email_var)?, read_env(&key_var)?) {
            (Some(email), Some(key)) => Ok(Self::email_key(email, key)),
            (Some(_), None) => Err(config(format!("{email_var} is set but {key_var} is not"))),
            (None, Some(_)) => Err(config(format!("{key_var} is set but {email_var} is not"))),
            (None, None) => {
                Err(config(format!("no credentials found: set {token_var}, or both {email_var} and {key_var}")))
            }
        }
    }

    /// Whether any credentials are configured.
    pub fn is_none(&self) -> bool {
        matches!(self.kind, Kind::None)
    }

    /// The headers that carry these credentials, marked sensitive.
    ///
    /// The error names the offending header but never echoes its value.
    pub(crate) fn headers(&self) -> Result<HeaderMap, String> {
        let mut headers = HeaderMap::new();
        match &self.kind {
            Kind::None => {}
            Kind::ApiToken(token) => {
                headers.insert(AUTHORIZATION, secret_value(&format!("Bearer {token}"), "API token")?);
            }
            Kind::EmailKey { email, key } => {
                headers.insert(X_AUTH_EMAIL, secret_value(email, "email")?);
                headers.insert(X_AUTH_KEY, secret_value(key, "API key")?);
            }
        }
        Ok(headers)
    }
}

impl fmt::Debug for Auth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            Kind::None => f.write_str("Auth::None"),
            Kind::ApiToken(_) => f.write_str("Auth::ApiToken([redacted])"),
            Kind::EmailKey { .. } => f.write_str("Auth::EmailKey([redacted])"),
        }
    }
}

/// The name of an environment variable under this crate's prefix.
pub(crate) fn env_name(suffix: &str) -> String {
    format!("{}_{suffix}", crate::ENV_PREFIX)
}

/// Reads a variable, treating empty (or blank) values as unset.
pub(crate) fn read_env(name: &str) -> Result<Option<String>, Error> {
    match std::env::var(name) {
        Ok(value) if value.trim().is_empty() => Ok(None),
        Ok(value) => Ok(Some(value.trim().to_owned())),
        Err(std::env::VarError::NotPresent) => Ok(None),
        Err(std::env::VarError::NotUnicode(_)) => Err(config(format!("{name} is not valid Unicode"))),
    }
}

fn config(reason: String) -> Error {
    Error::Config { reason }
}

fn secret_value(value: &str, what: &str) -> Result<HeaderValue, String> {
    let mut header = HeaderValue::from_str(value)
        .map_err(|_| format!("the {what} contains characters that are not allowed in an HTTP header"))?;
    header.set_sensitive(true);
    Ok(header)
}
