//! Building request paths from literals and percent-encoded parameters.

use std::fmt::Display;

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

use crate::runtime::Error;

/// Everything but RFC 3986 "unreserved" characters is encoded, so a value
/// can never add a segment (`/`), start a query (`?`) or fragment (`#`), or
/// be mistaken for an escape (`%`). Query names and values use the same set.
pub(crate) const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');

/// The path of one request: literal pieces from the spec and parameters,
/// each encoded as exactly one path segment.
///
/// A parameter that is empty, `.` or `..` cannot be sent as one segment —
/// URL parsers drop or collapse such segments, even percent-encoded — so it
/// makes the request fail with [`Error::InvalidRequest`] before any network
/// I/O. The error names the operation and the parameter.
#[derive(Clone, Debug, Default)]
#[must_use]
pub struct PathBuilder {
    path: String,
    invalid: Option<(&'static str, &'static str)>,
    /// The path as the spec writes it, with `{name}` for each parameter:
    /// what spans record, since a parameter's value may be sensitive.
    #[cfg(feature = "tracing")]
    template: String,
}

impl PathBuilder {
    /// An empty path.
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends a piece of the path template verbatim.
    pub fn literal(mut self, literal: &'static str) -> Self {
        self.path.push_str(literal);
        #[cfg(feature = "tracing")]
        self.template.push_str(literal);
        self
    }

    /// Appends a path parameter, percent-encoded as one segment.
    pub fn param(mut self, name: &'static str, value: impl Display) -> Self {
        let value = value.to_string();
        if self.invalid.is_none() {
            self.invalid = match value.as_str() {
                "" => Some((name, "is empty")),
                "." | ".." => Some((name, "is `.` or `..`, which would change the path instead of naming a resource")),
                _ => None,
            };
        }
        self.path.extend(utf8_percent_encode(&value, COMPONENT));
        #[cfg(feature = "tracing")]
        self.template.extend(["{", name, "}"]);
        self
    }

    /// The path template, e.g. `/accounts/{account_id}/things`.
    #[cfg(feature = "tracing")]
    pub(crate) fn template(&self) -> &str {
        &self.template
    }

    /// The encoded path, or the first invalid parameter as an error.
    pub(crate) fn finish(self, operation: &'static str) -> Result<String, Error> {
        match self.invalid {
            Some((name, problem)) => {
                Err(Error::InvalidRequest { operation, reason: format!("path parameter `{name}` {problem}") })
            }
            None => Ok(self.path),
        }
    }
}
