//! The names OpenAPI fixes (schema types, parameter locations and styles),
//! and the diagnostic for a name that is none of them. A misspelled name
//! is an error that suggests the nearest known one; under `--lenient` it is
//! a warning that says how it is read instead.

use super::options::Options;
use super::refs::nearest;
use crate::diagnostic::{Code, Diagnostic};

/// JSON Schema's type names.
pub(super) const TYPES: [&str; 7] = ["string", "integer", "number", "boolean", "array", "object", "null"];

/// OpenAPI 3's parameter locations (`in`).
pub(super) const LOCATIONS: [&str; 4] = ["path", "query", "header", "cookie"];

/// Swagger 2.0's parameter locations: body and form parameters become the
/// request body when the document is converted, so only a misspelling of
/// one reaches the model.
pub(super) const SWAGGER2_LOCATIONS: [&str; 6] = ["path", "query", "header", "cookie", "body", "formData"];

/// OpenAPI 3's parameter styles.
pub(super) const STYLES: [&str; 7] =
    ["form", "simple", "label", "matrix", "spaceDelimited", "pipeDelimited", "deepObject"];

/// The diagnostic for `found`, a `what` (e.g. "type") that is none of
/// `known`: see the module docs. `recovery` says what `--lenient` does.
pub(super) fn unknown(
    options: &Options,
    code: Code,
    pointer: impl Into<String>,
    what: &str,
    found: &str,
    known: &[&str],
    recovery: &str,
) -> Diagnostic {
    let d = options.recoverable(code, pointer, format!("unknown {what} `{found}`"), recovery);
    match nearest(found, known.iter().copied()) {
        Some(near) => d.with_hint(format!("did you mean `{near}`?")),
        None => d.with_hint(format!("expected one of {}", known.join(", "))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_nearest_name_and_recovers_only_when_lenient() {
        let strict =
            unknown(&Options::all(), Code::UnknownType, "/x/type", "type", "strnig", &TYPES, "it is any JSON value");
        assert!(strict.is_error());
        assert_eq!(strict.message, "unknown type `strnig`");
        assert_eq!(strict.hint.as_deref(), Some("did you mean `string`?"));
        let capital = unknown(&Options::all(), Code::UnknownType, "/x/type", "type", "Integer", &TYPES, "");
        assert_eq!(capital.hint.as_deref(), Some("did you mean `integer`?"));
        let lenient = Options { lenient: true, ..Options::all() };
        let far = unknown(
            &lenient,
            Code::UnknownParameterLocation,
            "/x/in",
            "parameter location",
            "body-ish",
            &LOCATIONS,
            "it is left out",
        );
        assert!(!far.is_error());
        assert_eq!(far.message, "unknown parameter location `body-ish`; it is left out");
        assert_eq!(far.hint.as_deref(), Some("expected one of path, query, header, cookie"));
    }
}
