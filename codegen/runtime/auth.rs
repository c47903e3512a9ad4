//! Credentials and how they go on a request.
//!
//! The constructors (`Auth::bearer`, `Auth::basic`, …) and `Auth::from_env`
//! are generated from the spec's security schemes into the crate's
//! `src/auth.rs`; this file holds what every API shares: secrets, where
//! each is sent, which ones an operation needs, and redaction.

use std::fmt;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue, COOKIE};

use crate::runtime::Error;

/// A `security` list: alternatives, each the schemes sent together.
pub(crate) type Requirement = &'static [&'static [&'static str]];

/// One way `from_env` can find credentials: the variables (suffixes after
/// `{PREFIX}_`) it needs, and how to build credentials from their values.
pub(crate) type EnvAlternative = (&'static [&'static str], fn(&[String]) -> Auth);

/// Credentials for the API, made by one of the constructors this crate's
/// spec calls for (see the crate docs), or [`Auth::none`].
///
/// Secrets are never shown by `Debug`, and the headers built from them are
/// marked sensitive so `reqwest` does not print them either.
#[derive(Clone, Default)]
pub struct Auth {
    /// The constructor, for `Debug`: `Auth::ApiToken([redacted])`.
    label: &'static str,
    secrets: Vec<Secret>,
}

/// The secret of one security scheme and where it goes.
#[derive(Clone)]
pub(crate) struct Secret {
    /// The scheme's name in the spec, matched against requirements.
    scheme: &'static str,
    place: Place,
    /// The whole value sent, e.g. `Bearer <token>`.
    value: String,
    /// How errors name it, e.g. `API token`; never the value itself.
    what: &'static str,
}

#[derive(Clone, Copy)]
enum Place {
    Header(&'static str),
    Query(&'static str),
    Cookie(&'static str),
}

/// What the credentials add to one request.
pub(crate) struct Applied {
    /// Marked sensitive.
    pub(crate) headers: HeaderMap,
    /// `(name, value)` pairs for the query string; the value is a secret.
    pub(crate) query: Vec<(&'static str, String)>,
}

// Each crate's spec uses some kinds of secret and not others, so some of
// these constructors go unused in any one crate.
#[allow(dead_code)]
impl Secret {
    /// `Authorization: <prefix> <token>`, e.g. a bearer token.
    pub(crate) fn authorization(scheme: &'static str, prefix: &str, token: String, what: &'static str) -> Self {
        Self { scheme, place: Place::Header("authorization"), value: format!("{prefix} {token}"), what }
    }

    /// `Authorization: Basic base64(username:password)`.
    pub(crate) fn basic(scheme: &'static str, username: String, password: String) -> Self {
        let value = format!("Basic {}", base64(format!("{username}:{password}").as_bytes()));
        Self { scheme, place: Place::Header("authorization"), value, what: "username or password" }
    }

    /// A header carrying the value as is, e.g. an API key.
    pub(crate) fn header(scheme: &'static str, name: &'static str, value: String, what: &'static str) -> Self {
        Self { scheme, place: Place::Header(name), value, what }
    }

    /// A query parameter carrying the value.
    pub(crate) fn query(scheme: &'static str, name: &'static str, value: String, what: &'static str) -> Self {
        Self { scheme, place: Place::Query(name), value, what }
    }

    /// A cookie carrying the value.
    pub(crate) fn cookie(scheme: &'static str, name: &'static str, value: String, what: &'static str) -> Self {
        Self { scheme, place: Place::Cookie(name), value, what }
    }
}

impl Auth {
    /// Sends no credentials (for endpoints that need none, or a proxy that
    /// adds them).
    pub fn none() -> Self {
        Self::default()
    }

    /// Whether any credentials are configured.
    pub fn is_none(&self) -> bool {
        self.secrets.is_empty()
    }

    /// Credentials that send `secrets`, shown by `Debug` as `Auth::<label>`.
    #[allow(dead_code)] // A spec without security schemes has no constructor.
    pub(crate) fn with(label: &'static str, secrets: Vec<Secret>) -> Self {
        Self { label, secrets }
    }

    /// The first alternative whose variables are all set, each a list of
    /// variable suffixes (after `{PREFIX}_`) and how to build credentials
    /// from their values. Empty variables count as unset.
    pub(crate) fn from_env_alternatives(alternatives: &[EnvAlternative]) -> Result<Self, Error> {
        if alternatives.is_empty() {
            return Ok(Self::none());
        }
        let mut partial: Option<String> = None;
        for (suffixes, build) in alternatives {
            let names: Vec<String> = suffixes.iter().map(|s| env_name(s)).collect();
            let mut values = Vec::with_capacity(names.len());
            for name in &names {
                values.push(read_env(name)?);
            }
            if values.iter().all(Option::is_some) {
                let values: Vec<String> = values.into_iter().flatten().collect();
                return Ok(build(&values));
            }
            if partial.is_none() && values.iter().any(Option::is_some) {
                let set: Vec<&str> = names.iter().zip(&values).filter(|(_, v)| v.is_some()).map(|(n, _)| n.as_str()).collect();
                let unset: Vec<&str> = names.iter().zip(&values).filter(|(_, v)| v.is_none()).map(|(n, _)| n.as_str()).collect();
                partial = Some(format!("{} is set but {} is not", set.join(" and "), unset.join(" and ")));
            }
        }
        if let Some(reason) = partial {
            return Err(config(reason));
        }
        let options: Vec<String> = alternatives
            .iter()
            .map(|(suffixes, _)| {
                let names: Vec<String> = suffixes.iter().map(|s| env_name(s)).collect();
                match names.as_slice() {
                    [one] => one.clone(),
                    [first, second] => format!("both {first} and {second}"),
                    [init @ .., last] => format!("all of {} and {last}", init.join(", ")),
                    [] => String::new(),
                }
            })
            .collect();
        Err(config(format!("no credentials found: set {}", options.join(", or "))))
    }

    /// What an operation with `requirement` sends: the secrets of the first
    /// alternative they all satisfy; nothing when none is satisfied or the
    /// operation needs no credentials; every secret when the spec states
    /// no requirement (`None`).
    ///
    /// The error names the offending credential but never echoes it.
    pub(crate) fn apply(&self, requirement: Option<Requirement>) -> Result<Applied, String> {
        let chosen: Vec<&Secret> = match requirement {
            None => self.secrets.iter().collect(),
            Some(alternatives) => {
                let has = |scheme: &&str| self.secrets.iter().any(|s| s.scheme == *scheme);
                match alternatives.iter().find(|a| !a.is_empty() && a.iter().all(has)) {
                    Some(alternative) => self.secrets.iter().filter(|s| alternative.contains(&s.scheme)).collect(),
                    None => Vec::new(),
                }
            }
        };
        let mut applied = Applied { headers: HeaderMap::new(), query: Vec::new() };
        let mut cookies: Vec<String> = Vec::new();
        for secret in chosen {
            match secret.place {
                Place::Header(name) => {
                    let name = HeaderName::from_bytes(name.as_bytes())
                        .map_err(|_| format!("`{name}` is not a valid HTTP header name"))?;
                    applied.headers.append(name, secret_value(&secret.value, secret.what)?);
                }
                Place::Query(name) => applied.query.push((name, secret.value.clone())),
                Place::Cookie(name) => cookies.push(format!("{name}={}", secret.value)),
            }
        }
        if !cookies.is_empty() {
            applied.headers.insert(COOKIE, secret_value(&cookies.join("; "), "cookie")?);
        }
        Ok(applied)
    }

    /// Checks that every secret can be sent.
    pub(crate) fn check(&self) -> Result<(), String> {
        self.apply(None).map(|_| ())
    }
}

impl fmt::Debug for Auth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.secrets.is_empty() {
            f.write_str("Auth::None")
        } else {
            write!(f, "Auth::{}([redacted])", self.label)
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

/// Standard base64 with padding (RFC 4648), for basic auth: a dependency
/// for ten lines is not worth its compile time.
#[allow(dead_code)] // Only crates whose spec has basic auth use it.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i)) as usize & 63]));
            } else {
                out.push('=');
            }
        }
    }
    out
}
//@ if tests

#[cfg(test)]
mod tests {
    use super::base64;

    #[test]
    fn base64_matches_rfc_4648() {
        let table = [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE=")];
        for (plain, encoded) in table {
            assert_eq!(base64(plain.as_bytes()), encoded, "{plain}");
        }
        assert_eq!(base64(b"Aladdin:open sesame"), "QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
    }
}
//@ end
