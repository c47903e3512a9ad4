//! Errors and warnings about a spec, each of a kind named by its stable
//! [`Code`] and tied to the JSON pointer of the node it is about, rendered
//! as `file:line:col: severity[code]: message`.

mod code;

pub use code::{Code, Lenient};
use std::fmt;

/// Whether a diagnostic stops generation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The spec cannot be generated from: nothing is written.
    Error,
    /// Reported, but generation goes on.
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// One finding about the spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The kind of problem.
    pub code: Code,
    /// Whether it stops generation.
    pub severity: Severity,
    /// JSON pointer (RFC 6901) of the offending node, `""` for the document.
    pub pointer: String,
    /// What is wrong, in one sentence.
    pub message: String,
    /// How to fix it, when there is advice to give.
    pub hint: Option<String>,
    /// 1-based line and column when the parser reported them directly.
    pub position: Option<(usize, usize)>,
    /// The file the pointer and position are in, when it is not the root
    /// spec: a file a `$ref` led to. (Boxed: every `Result` carrying a
    /// diagnostic stays small.)
    pub file: Option<Box<str>>,
}

impl Diagnostic {
    /// A `code` problem with the node at `pointer`: an error or a warning
    /// as the code's letter says.
    pub(crate) fn new(code: Code, pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            code,
            severity: if code.is_error() { Severity::Error } else { Severity::Warning },
            pointer: pointer.into(),
            message: message.into(),
            hint: None,
            position: None,
            file: None,
        }
    }

    /// The error as the warning `--lenient` reports: the message says how
    /// the generator went on (`recovery`); the code stays.
    pub(crate) fn recovered(self, recovery: &str) -> Self {
        debug_assert_eq!(self.code.lenient(), Lenient::Recovers, "{} is not marked as recoverable", self.code);
        let message = format!("{}; {recovery}", self.message);
        Self { severity: Severity::Warning, message, ..self }
    }

    /// The diagnostic with advice on how to fix it.
    pub(crate) fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// The diagnostic at a line and column the parser reported.
    pub(crate) fn at(mut self, line: usize, column: usize) -> Self {
        self.position = Some((line, column));
        self
    }

    /// Whether the severity is [`Severity::Error`].
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The diagnostic about a node of the file `name` (not the root spec).
    pub(crate) fn in_file(mut self, name: impl Into<String>) -> Self {
        self.file = Some(name.into().into_boxed_str());
        self
    }

    /// Renders the diagnostic; `position` is the located line and column,
    /// `file` the root spec's name (used unless the diagnostic names its own).
    pub fn render(&self, file: &str, position: Option<(usize, usize)>) -> String {
        let file = self.file.as_deref().unwrap_or(file);
        let mut out = match position.or(self.position) {
            Some((line, col)) => format!("{file}:{line}:{col}: {}[{}]: {}", self.severity, self.code, self.message),
            None => format!("{file}: {}[{}]: {}", self.severity, self.code, self.message),
        };
        if !self.pointer.is_empty() {
            out.push_str(&format!(" (at #{})", self.pointer));
        }
        if let Some(hint) = &self.hint {
            out.push_str("; ");
            out.push_str(hint);
        }
        out
    }
}

/// Escapes one JSON pointer token (RFC 6901).
pub fn escape_token(token: &str) -> String {
    let mut out = String::with_capacity(token.len());
    token.push_escaped(&mut out);
    out
}

/// Appends `token` to `pointer`. (The model joins one for every schema it
/// converts, so the token is written escaped straight into the result.)
pub(crate) fn join(pointer: &str, token: impl Token) -> String {
    let mut out = String::with_capacity(pointer.len() + 24);
    out.push_str(pointer);
    out.push('/');
    token.push_escaped(&mut out);
    out
}

/// What a JSON pointer token is made from: a key or an index.
pub(crate) trait Token {
    /// Appends the token to `out`, escaped as RFC 6901 says.
    fn push_escaped(&self, out: &mut String);
}

impl Token for str {
    fn push_escaped(&self, out: &mut String) {
        // Most tokens (keywords, property names) have nothing to escape.
        if !self.bytes().any(|b| b == b'~' || b == b'/') {
            out.push_str(self);
            return;
        }
        let mut rest = self;
        while let Some(at) = rest.find(['~', '/']) {
            out.push_str(&rest[..at]);
            out.push_str(if rest.as_bytes()[at] == b'~' { "~0" } else { "~1" });
            rest = &rest[at + 1..];
        }
        out.push_str(rest);
    }
}

impl Token for String {
    fn push_escaped(&self, out: &mut String) {
        self.as_str().push_escaped(out);
    }
}

impl Token for usize {
    fn push_escaped(&self, out: &mut String) {
        use fmt::Write as _;
        let _ = write!(out, "{self}");
    }
}

impl<T: Token + ?Sized> Token for &T {
    fn push_escaped(&self, out: &mut String) {
        (**self).push_escaped(out);
    }
}

#[cfg(test)]
mod tests {
    use super::{escape_token, join};

    /// `~` becomes `~0` before `/` becomes `~1`, so a token that already
    /// looks escaped keeps its meaning; tokens of any `Display` type join.
    #[test]
    fn tokens_are_escaped_as_rfc_6901_says() {
        let table =
            [("", ""), ("plain", "plain"), ("a/b", "a~1b"), ("a~b", "a~0b"), ("~1/", "~01~1"), ("//~~", "~1~1~0~0")];
        for (token, escaped) in table {
            assert_eq!(escape_token(token), escaped, "{token}");
            assert_eq!(join("/paths", token), format!("/paths/{escaped}"), "{token}");
        }
        assert_eq!(join(&join("/x", "allOf"), 3), "/x/allOf/3");
    }
}
