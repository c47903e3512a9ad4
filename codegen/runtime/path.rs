//! Building request paths from literals and percent-encoded parameters.

use std::fmt::Display;

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde::Serialize;

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
    invalid: Option<(&'static str, String)>,
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
    pub fn param(self, name: &'static str, value: impl Display) -> Self {
        self.param_styled(name, value, PathStyle::SIMPLE)
    }

    /// Appends a path parameter in `style` (`label` or `matrix`).
    pub fn param_styled(self, name: &'static str, value: impl Display, style: PathStyle) -> Self {
        self.push(name, Written::One(value.to_string()), style)
    }

    /// Appends a list path parameter: each value percent-encoded, joined
    /// as `style` says (`a,b` in the default `simple` style).
    pub fn param_list<V: Display>(
        self,
        name: &'static str,
        values: impl IntoIterator<Item = V>,
        style: PathStyle,
    ) -> Self {
        let values = values.into_iter().map(|v| v.to_string()).collect();
        self.push(name, Written::List(values), style)
    }

    /// Appends an object path parameter as `style` says: `k,v,k,v`, or
    /// `k=v,k=v` exploded, in the default `simple` style. A value that is
    /// not an object is written as JSON text (a string as itself).
    pub fn param_object(self, name: &'static str, value: &impl Serialize, style: PathStyle) -> Self {
        match written(value) {
            Ok(value) => self.push(name, value, style),
            Err(e) => {
                self.fail(name, format!("cannot be serialised: {e}")).push(name, Written::List(Vec::new()), style)
            }
        }
    }

    /// Appends `value` written in `style`, unless it cannot name a
    /// resource: an empty value (whatever the style adds around it), or
    /// text that is empty, `.` or `..`.
    fn push(self, name: &'static str, value: Written, style: PathStyle) -> Self {
        let empty = match &value {
            Written::One(text) => text.is_empty(),
            Written::List(values) => values.is_empty(),
            Written::Pairs(fields) => fields.is_empty(),
        };
        let text = style.write(name, value);
        let problem = match text.as_str() {
            _ if empty || text.is_empty() => Some("is empty"),
            "." | ".." => Some("is `.` or `..`, which would change the path instead of naming a resource"),
            _ => None,
        };
        let mut builder = match problem {
            Some(problem) => self.fail(name, problem.to_string()),
            None => self,
        };
        builder.path.push_str(&text);
        #[cfg(feature = "tracing")]
        builder.template.extend(["{", name, "}"]);
        builder
    }

    fn fail(mut self, name: &'static str, problem: String) -> Self {
        self.invalid.get_or_insert((name, problem));
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

/// How a path parameter is written: OpenAPI's `style` and `explode`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathStyle {
    /// `simple`: the value itself; a list's values joined by `separator`
    /// (written as it is, so `,` or an escape such as `%20`); an object as
    /// `k,v,k,v`, or `k=v,k=v` when `explode`.
    Simple {
        /// What joins a list's values, in its URL form.
        separator: &'static str,
        /// An object's fields are written `k=v`.
        explode: bool,
    },
    /// `label`: `.` and the value; a list's values joined by `,`, or by `.`
    /// when `explode` (an object's fields then `k=v`).
    Label {
        /// Values are joined by `.`, an object's fields written `k=v`.
        explode: bool,
    },
    /// `matrix`: `;name=value`; a list's values joined by `,`, or each
    /// written `;name=value` when `explode` (an object's fields `;k=v`).
    Matrix {
        /// Each value, or each field as `;k=v`, is written on its own.
        explode: bool,
    },
}

impl PathStyle {
    /// OpenAPI's default for path parameters: `simple`, not exploded.
    pub const SIMPLE: PathStyle = PathStyle::Simple { separator: ",", explode: false };

    /// `value` as this style writes it, every value and key percent-encoded.
    fn write(self, name: &str, value: Written) -> String {
        let encode = |text: &str| utf8_percent_encode(text, COMPONENT).to_string();
        let pairs = |pairs: &[(String, String)], within: &str, between: &str| {
            pairs.iter().map(|(k, v)| format!("{}{within}{}", encode(k), encode(v))).collect::<Vec<_>>().join(between)
        };
        let list =
            |values: &[String], between: &str| values.iter().map(|v| encode(v)).collect::<Vec<_>>().join(between);
        match (self, &value) {
            (PathStyle::Simple { .. }, Written::One(v)) => encode(v),
            (PathStyle::Simple { separator, .. }, Written::List(values)) => list(values, separator),
            (PathStyle::Simple { explode, .. }, Written::Pairs(fields)) => {
                pairs(fields, if explode { "=" } else { "," }, ",")
            }
            (PathStyle::Label { .. }, Written::One(v)) => format!(".{}", encode(v)),
            (PathStyle::Label { explode }, Written::List(values)) => {
                format!(".{}", list(values, if explode { "." } else { "," }))
            }
            (PathStyle::Label { explode: true }, Written::Pairs(fields)) => format!(".{}", pairs(fields, "=", ".")),
            (PathStyle::Label { explode: false }, Written::Pairs(fields)) => format!(".{}", pairs(fields, ",", ",")),
            (PathStyle::Matrix { explode: true }, Written::List(values)) => {
                values.iter().map(|v| matrix(name, &encode(v))).collect()
            }
            (PathStyle::Matrix { explode: true }, Written::Pairs(fields)) => {
                fields.iter().map(|(k, v)| matrix(k, &encode(v))).collect()
            }
            (PathStyle::Matrix { .. }, Written::One(v)) => matrix(name, &encode(v)),
            (PathStyle::Matrix { .. }, Written::List(values)) => matrix(name, &list(values, ",")),
            (PathStyle::Matrix { .. }, Written::Pairs(fields)) => matrix(name, &pairs(fields, ",", ",")),
        }
    }
}

/// `;name=value`, or `;name` for an empty value (RFC 6570).
fn matrix(name: &str, encoded: &str) -> String {
    let name = utf8_percent_encode(name, COMPONENT);
    match encoded {
        "" => format!(";{name}"),
        _ => format!(";{name}={encoded}"),
    }
}

/// A parameter's value as text, before a style joins it.
pub(crate) enum Written {
    /// One value.
    One(String),
    /// A list's values.
    List(Vec<String>),
    /// An object's fields, in order.
    Pairs(Vec<(String, String)>),
}

/// `value` as `simple`-family styles see it: an object's fields (a string
/// field as itself, any other as JSON text), or any other value as JSON
/// text (a string as itself).
pub(crate) fn written(value: &impl Serialize) -> Result<Written, serde_json::Error> {
    let text = |v: serde_json::Value| match v {
        serde_json::Value::String(s) => s,
        other => other.to_string(),
    };
    Ok(match serde_json::to_value(value)? {
        serde_json::Value::Object(fields) => Written::Pairs(fields.into_iter().map(|(k, v)| (k, text(v))).collect()),
        other => Written::One(text(other)),
    })
}
