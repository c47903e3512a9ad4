//! The stable code of each kind of diagnostic (`E0104`, `W0201`): what the
//! reporter groups and counts by, what JSON output and the table in
//! `docs/diagnostics.md` name.
//!
//! A code is never renumbered or reused: a kind that goes away leaves a
//! gap. The letter is the severity of a strict run: `E` stops generation,
//! `W` never does. An `E` code whose kind `--lenient` recovers from keeps
//! its code when it is reported as a warning, so one code finds the same
//! problem in both modes.
//!
//! Numbers are by area: `00xx` reading the document, `01xx` paths,
//! operations and parameters, `02xx` schemas, `03xx` `$ref`s and the files
//! they lead to, `04xx` names, `05xx` security and the crate as a whole.

use std::fmt;

/// Whether `--lenient` turns a kind of error into a warning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lenient {
    /// It stays an error (or it is a warning already).
    Same,
    /// Reported as a warning, with how the generator went on.
    Recovers,
}

macro_rules! codes {
    ($($(#[$doc:meta])* $variant:ident = $code:literal, $lenient:ident, $title:literal;)*) => {
        /// A kind of diagnostic: see the module docs.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code {
            $($(#[$doc])* $variant,)*
        }

        impl Code {
            /// Every code, in the order of the table in `docs/diagnostics.md`.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The code as printed, e.g. `E0104`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $code,)*
                }
            }

            /// What the kind of problem is, in a few words.
            pub fn title(self) -> &'static str {
                match self {
                    $(Code::$variant => $title,)*
                }
            }

            /// Whether `--lenient` recovers from it.
            pub fn lenient(self) -> Lenient {
                match self {
                    $(Code::$variant => Lenient::$lenient,)*
                }
            }
        }
    };
}

codes! {
    /// The file holds nothing but whitespace.
    EmptyFile = "E0001", Same, "the file is empty";
    /// NUL bytes: binary data, not text.
    BinaryFile = "E0002", Same, "the file is binary";
    /// Deeper nesting than the parsers allow.
    TooDeep = "E0003", Same, "the document nests too deep";
    /// YAML or JSON that cannot be read, or that passes a parser's limit.
    Syntax = "E0004", Same, "YAML or JSON cannot be read";
    /// The root is a list or a scalar.
    NotAMapping = "E0005", Same, "the document is not a mapping";
    /// `swagger` other than 2.0.
    UnsupportedSwagger = "E0006", Same, "Swagger version not supported";
    /// No `openapi` field.
    MissingVersion = "E0007", Same, "missing `openapi` version";
    /// `openapi: 3.1` written as a number.
    VersionIsANumber = "E0008", Same, "OpenAPI version is a number";
    /// An `openapi` version other than 3.0.x and 3.1.x.
    UnsupportedVersion = "E0009", Same, "OpenAPI version not supported";
    /// A known field with the wrong type, or a required one missing.
    Shape = "E0010", Same, "field of the wrong type or missing";
    /// The shape errors stopped being collected.
    TooManyShapeErrors = "E0011", Same, "too many shape errors";

    /// Paths, but no operation in any of them.
    NoOperations = "E0101", Same, "no operations";
    /// `--include` chose nothing.
    IncludeMatchesNothing = "E0102", Same, "--include matches no operation";
    /// A path item `$ref` that could not be followed.
    OperationRef = "E0103", Recovers, "operation $ref not followed";
    /// `{name}` in a path template without a path parameter.
    UndeclaredPathParameter = "E0104", Recovers, "path template parameter not declared";
    /// Two operations with one operationId.
    DuplicateOperationId = "E0105", Recovers, "duplicate operationId";
    /// A path parameter that the template does not name.
    PathParameterNotInTemplate = "E0106", Recovers, "path parameter not in the template";
    /// A parameter without `name` or `in`.
    IncompleteParameter = "E0107", Recovers, "parameter without name or location";
    /// A path template that cannot be read (`{x`, `}`, `{}`).
    BadPathTemplate = "E0108", Same, "path template cannot be read";
    /// `in:` that OpenAPI does not know.
    UnknownParameterLocation = "E0109", Recovers, "unknown parameter location";
    /// `style:` that OpenAPI does not know.
    UnknownParameterStyle = "E0110", Recovers, "unknown parameter style";
    /// A request body with an empty `content`.
    BodyWithoutMediaType = "E0111", Recovers, "request body without media type";
    /// An operation with no `responses`.
    NoResponses = "E0112", Recovers, "operation without responses";
    /// Cookie parameters are not sent.
    CookieParameter = "W0101", Same, "cookie parameter not supported";
    /// An operation generated without some of its parts (`--lenient`).
    IncompleteOperation = "W0102", Same, "operation generated incomplete";
    /// A path parameter with a style for other locations.
    PathStyle = "W0103", Same, "style not for path parameters";
    /// `deepObject` is sent as JSON text.
    DeepObject = "W0104", Same, "deepObject parameter sent as JSON";
    /// A path parameter whose schema is not a scalar.
    PathParameterNotScalar = "W0105", Same, "path parameter not a scalar";
    /// Success responses of different media types.
    MixedSuccessMedia = "W0106", Same, "success responses of different media types";
    /// Swagger 2.0 `collectionFormat: multi` on a path parameter.
    MultiInPath = "W0107", Same, "collectionFormat multi in a path";
    /// A Swagger 2.0 `collectionFormat` that is not supported.
    CollectionFormat = "W0108", Same, "collectionFormat not supported";

    /// A `type` that JSON Schema does not know.
    UnknownType = "E0201", Recovers, "unknown type";
    /// An `allOf`/`$ref` chain too deep to merge.
    AllOfTooDeep = "E0202", Same, "allOf chain too deep";
    /// `allOf` parts that contain each other.
    AllOfCycle = "E0203", Same, "allOf cycle";
    /// Schemas that are only each other, with no container between them.
    AliasCycle = "E0204", Recovers, "$ref cycle without a container";
    /// A discriminator mapping entry that names no schema.
    DiscriminatorMapping = "E0205", Recovers, "discriminator mapping names no schema";
    /// Nesting beyond what the model converts.
    SchemaTooDeep = "W0201", Same, "schema nesting too deep";
    /// The schema `false`, where nothing can be left out.
    FalseSchema = "W0202", Same, "schema `false` admits no value";
    /// An `allOf` part that is `false`.
    FalseAllOfPart = "W0203", Same, "allOf part `false` ignored";

    /// A `$ref` to a node that does not exist.
    UnresolvedRef = "E0301", Recovers, "unresolved $ref";
    /// A `$ref` to another kind of component than its place needs.
    WrongKindRef = "E0302", Recovers, "$ref to the wrong kind of component";
    /// A `$ref` that is not into `#/components/<section>/`.
    RefOutsideComponents = "E0303", Recovers, "$ref not into its components section";
    /// Too many `$ref`s in a row.
    RefChainTooLong = "E0304", Recovers, "$ref chain too long";
    /// `$ref`s that lead back to where they started.
    RefCycle = "E0305", Recovers, "$ref chain leads back to itself";
    /// A `$ref` to another file that bundling did not follow.
    ExternalRefNotFollowed = "E0306", Recovers, "$ref to another file not followed";
    /// A `$ref` that names no target at all.
    RefLeadsNowhere = "E0307", Same, "$ref leads nowhere";
    /// A `$ref` fragment that is not a JSON pointer.
    RefFragment = "E0308", Same, "$ref fragment not a JSON pointer";
    /// A `$ref` to a URL.
    RefUrl = "E0309", Same, "$ref to a URL";
    /// A `$ref` to an absolute path.
    RefAbsolutePath = "E0310", Same, "$ref to an absolute path";
    /// A `$ref` out of the spec's folder (`--root`).
    RefOutsideFolder = "E0311", Same, "$ref outside the spec's folder";
    /// A file a `$ref` names that cannot be read.
    RefFileUnreadable = "E0312", Same, "file of a $ref cannot be read";

    /// A component name with no letter or digit.
    NamelessComponent = "E0401", Same, "component name not an identifier";
    /// An operationId with no letter or digit.
    NamelessOperationId = "E0402", Same, "operationId not an identifier";
    /// A parameter named `""`.
    EmptyParameterName = "E0403", Same, "empty parameter name";
    /// `x-rust-crate` with no letter or digit.
    NamelessCrate = "E0404", Same, "x-rust-crate not a crate name";
    /// `x-rust-crate-version` that is not `MAJOR.MINOR.PATCH`.
    CrateVersion = "E0405", Same, "x-rust-crate-version not a version";
    /// A parameter name with no letter or digit (its wire name still works).
    NamelessParameter = "W0401", Same, "parameter name without letters or digits";

    /// A security requirement naming no declared scheme.
    UndeclaredSecurityScheme = "W0501", Same, "security scheme not declared";
    /// A security scheme this client cannot send.
    UnsupportedSecurityScheme = "W0502", Same, "security scheme not supported";
    /// More Cargo features than crates.io accepts.
    TooManyFeatures = "W0503", Same, "too many features for crates.io";
}

impl Code {
    /// Whether a strict run fails on it (`E`), or only reports it (`W`).
    pub fn is_error(self) -> bool {
        self.as_str().starts_with('E')
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// The codes as the guide's table lists them: (code, title) per row.
    fn documented() -> Vec<(String, String)> {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/diagnostics.md");
        let text = std::fs::read_to_string(path).expect("docs/diagnostics.md exists");
        text.lines()
            .filter_map(|line| {
                let cells: Vec<&str> = line.split('|').map(str::trim).collect();
                let code = cells.get(1)?.trim_matches('`');
                let well_formed = code.len() == 5 && code.starts_with(['E', 'W']);
                well_formed.then(|| (code.to_string(), cells.get(2).unwrap_or(&"").to_string()))
            })
            .collect()
    }

    #[test]
    fn codes_are_unique_and_well_formed() {
        let mut seen = BTreeSet::new();
        for code in Code::ALL {
            let s = code.as_str();
            assert!(seen.insert(s), "{s} is used twice");
            let (letter, digits) = s.split_at(1);
            assert!(matches!(letter, "E" | "W"), "{s}");
            assert!(digits.len() == 4 && digits.bytes().all(|b| b.is_ascii_digit()), "{s}");
            assert!(!code.title().is_empty() && !code.title().ends_with('.'), "{s}");
            // Only an error can be recovered from.
            assert!(code.is_error() || code.lenient() == Lenient::Same, "{s} is a warning that recovers");
        }
    }

    #[test]
    fn the_guide_lists_exactly_these_codes() {
        let listed = documented();
        let expected: Vec<(String, String)> =
            Code::ALL.iter().map(|c| (c.as_str().to_string(), c.title().to_string())).collect();
        assert_eq!(listed, expected, "docs/diagnostics.md's table must list every code, in order, with its title");
    }

    #[test]
    fn the_guide_marks_the_codes_lenient_recovers() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/diagnostics.md");
        let text = std::fs::read_to_string(path).expect("docs/diagnostics.md exists");
        for code in Code::ALL {
            let row = text.lines().find(|l| l.starts_with(&format!("| {} |", code.as_str()))).expect("listed");
            let says = row.trim_end_matches('|').trim_end().ends_with("| warning");
            assert_eq!(says, code.lenient() == Lenient::Recovers, "{row}");
        }
    }
}
