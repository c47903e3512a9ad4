//! Reading a spec file into the serde types of the document ([`Document`]).
//!
//! A well-formed document that refers only to its own components is read in
//! one typed pass, straight from the text. Any other is read as a plain
//! value tree, bundled (every `$ref` the typed document cannot read as it
//! is resolved, see [`bundle`]), converted when it is Swagger 2.0, and read
//! into the typed document. A value tree also tells a syntax error (one,
//! located by the parser) from shape errors (wrong types for known fields),
//! of which all are gathered: each offending node is reported and pruned,
//! and the typed pass is retried on what is left.

mod bundle;
pub(crate) mod document;
mod lenient;
pub(crate) mod names;
pub(crate) mod origins;
mod swagger2;

use crate::diagnostic::{join, Code, Diagnostic};
pub(crate) use bundle::percent_decode;
pub use bundle::{Files, NoFiles};
pub use document::Document;
use origins::{Origins, Place};
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::io::Read;

/// The spec's text and the name it is reported under.
#[derive(Debug, Clone)]
pub struct Source {
    /// The path shown in diagnostics and generated-file headers.
    pub name: String,
    /// The document, YAML or JSON.
    pub text: String,
}

/// Why a spec file could not be read at all (before parsing).
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The file could not be read, or not gunzipped.
    #[error("{path}: error: cannot read the spec: {source}")]
    Io {
        /// The name the spec is reported under.
        path: String,
        /// What the I/O or decompression failed with.
        source: std::io::Error,
    },
    /// The file is not UTF-8 text: the same kind of problem as NUL bytes,
    /// so it carries their code.
    #[error(
        "{path}:{line}:{column}: error[{code}]: not a text file: byte {offset} is not UTF-8; \
         expected an OpenAPI document in YAML or JSON",
        code = Code::BinaryFile
    )]
    NotText {
        /// The name the spec is reported under.
        path: String,
        /// Byte offset of the first byte that is not UTF-8.
        offset: usize,
        /// 1-based line of that byte.
        line: usize,
        /// 1-based column (in characters) of that byte.
        column: usize,
    },
}

impl Source {
    /// Reads `path`, decompressing `.gz` files.
    pub fn read(path: &std::path::Path, name: String) -> Result<Self, ReadError> {
        let bytes = std::fs::read(path).map_err(|source| ReadError::Io { path: name.clone(), source })?;
        Self::from_file_bytes(bytes, path.extension().is_some_and(|e| e == "gz"), name)
    }

    /// A source from a file's bytes, gunzipped first when `gzipped`.
    pub(crate) fn from_file_bytes(bytes: Vec<u8>, gzipped: bool, name: String) -> Result<Self, ReadError> {
        if !gzipped {
            return Self::from_bytes(bytes, name);
        }
        let mut out = Vec::new();
        match flate2::read::GzDecoder::new(&bytes[..]).read_to_end(&mut out) {
            Ok(_) => Self::from_bytes(out, name),
            Err(source) => Err(ReadError::Io { path: name, source }),
        }
    }

    /// A source from raw bytes, which must be UTF-8 text.
    pub fn from_bytes(bytes: Vec<u8>, name: String) -> Result<Self, ReadError> {
        match String::from_utf8(bytes) {
            Ok(text) => Ok(Self { name, text }),
            Err(e) => {
                let offset = e.utf8_error().valid_up_to();
                let valid = std::str::from_utf8(&e.as_bytes()[..offset]).unwrap_or_default();
                let (line, column) = position_of(valid, valid.len());
                Err(ReadError::NotText { path: name, offset, line, column })
            }
        }
    }

    fn looks_like_json(&self) -> bool {
        self.text.trim_start_matches('\u{feff}').trim_start().starts_with('{')
    }
}

/// The parsers' nesting limit (serde_json's and serde_yaml's both).
const MAX_DEPTH: usize = 128;

/// Shape errors reported in one run at most; past that the document is
/// probably not an OpenAPI document at all.
const MAX_SHAPE_ERRORS: usize = 25;

/// A spec read and made into one document: the document, where its nodes
/// came from, and the files read besides the root.
pub(crate) struct Parsed {
    pub doc: Document,
    /// Where the nodes of the bundled document (2.0: before conversion)
    /// are written in the spec's files.
    pub origins: Origins,
    /// Where the nodes of a converted Swagger 2.0 document were in the 2.0
    /// document (empty for 3.x).
    pub converted: Origins,
    /// File `n` of an origin is `files[n - 1]`.
    pub files: Vec<Source>,
    /// Warnings about the conversion from Swagger 2.0 and about refs the
    /// generator does not read (located).
    pub warnings: Vec<Diagnostic>,
    /// References that could not be followed and errors in the files read
    /// (located); the document is complete without them, so the model
    /// still runs.
    pub errors: Vec<Diagnostic>,
    /// Where the `$ref`s that were not followed are written (file name,
    /// `None` for the root, and pointer).
    pub unfollowed: Vec<(Option<Box<str>>, String)>,
}

/// Parses the document (converting Swagger 2.0), without reading other
/// files. On failure: the syntax error, or the version error, or every
/// shape error found (up to `MAX_SHAPE_ERRORS`), or every reference that
/// could not be followed.
pub fn parse_document(source: &Source) -> Result<Document, Vec<Diagnostic>> {
    let parsed = parse_spec(source, &NoFiles)?;
    match parsed.errors.is_empty() {
        true => Ok(parsed.doc),
        false => Err(parsed.errors),
    }
}

/// Parses the spec `source` and every file its references lead to, read
/// through `files`. Diagnostics about the model's document are translated
/// into the terms of the files as written by [`Parsed::relocate`].
pub(crate) fn parse_spec(source: &Source, files: &dyn Files) -> Result<Parsed, Vec<Diagnostic>> {
    let text = source.text.trim_start_matches('\u{feff}');
    let json = source.looks_like_json();
    precheck(text, json).map_err(|d| vec![d])?;
    let mut first = None;
    if !bundle::needs_bundling(text) {
        match typed(text, json) {
            Ok(doc) if doc.swagger.is_none() => {
                check_version(doc.openapi.as_ref(), None).map_err(|d| vec![d])?;
                return Ok(Parsed::alone(doc));
            }
            Ok(_) => {}
            Err(e) => first = Some(e),
        }
    }
    let mut value = untyped(text, json).map_err(|d| vec![d])?;
    let Value::Object(root) = &value else {
        return Err(vec![Diagnostic::new(
            Code::NotAMapping,
            "",
            format!("the document is {}, not a mapping", kind(&value)),
        )
        .with_hint("expected an OpenAPI 3.0 or 3.1 document, starting with `openapi: 3.1.0`")
        .at(1, 1)]);
    };
    let swagger2 = root.get("swagger").is_some_and(swagger2::is_swagger2);
    if !swagger2 {
        check_version(root.get("openapi"), root.get("swagger")).map_err(|d| vec![d])?;
    }
    let dialect = if swagger2 { bundle::Dialect::Swagger2 } else { bundle::Dialect::OpenApi3 };
    let bundled = bundle::bundle(&mut value, source, dialect, files);
    let mut parsed = Parsed {
        doc: Document::default(),
        origins: bundled.origins,
        converted: Origins::default(),
        files: bundled.files,
        warnings: bundled.warnings,
        errors: bundled.errors,
        unfollowed: bundled.unfollowed,
    };
    let (read, shape) = if swagger2 {
        let (swagger, shape) = shape_errors::<swagger2::Swagger>(&mut value);
        let read = swagger.is_some();
        let mut warnings = Vec::new();
        parsed.doc = swagger2::convert(swagger.unwrap_or_default(), &mut parsed.converted, &mut warnings);
        let warnings: Vec<_> = warnings.into_iter().map(|d| parsed.place(d)).collect();
        parsed.warnings.splice(0..0, warnings);
        (read, shape)
    } else {
        let (doc, shape) = shape_errors::<Document>(&mut value);
        let read = doc.is_some();
        parsed.doc = doc.unwrap_or_default();
        (read, shape)
    };
    if shape.is_empty() {
        return match (read, first) {
            (true, _) => Ok(parsed),
            (false, first) => Err(first.into_iter().collect()),
        };
    }
    // A shape error in the root spec fails the run, as it always has; one
    // in a file a `$ref` led to is reported with the rest, and the model
    // runs on what is left.
    let in_root = !read || shape.iter().any(|d| parsed.origins.place(&d.pointer).file == 0);
    let shape: Vec<Diagnostic> = shape.into_iter().map(|d| parsed.place(d)).collect();
    if in_root {
        let mut errors = shape;
        errors.append(&mut parsed.errors);
        return Err(errors);
    }
    parsed.errors.extend(shape);
    Ok(parsed)
}

impl Parsed {
    /// A document read straight from the text: nothing moved.
    fn alone(doc: Document) -> Self {
        Parsed {
            doc,
            origins: Origins::default(),
            converted: Origins::default(),
            files: Vec::new(),
            warnings: Vec::new(),
            errors: Vec::new(),
            unfollowed: Vec::new(),
        }
    }

    /// A diagnostic about the document the model reads as one about the
    /// file and node where the offending text is. Diagnostics that name
    /// their file or position already are left as they are.
    pub(crate) fn relocate(&self, d: Diagnostic) -> Diagnostic {
        if d.file.is_some() || d.position.is_some() {
            return d;
        }
        let before = self.converted.place(&d.pointer);
        let place = self.origins.place(&before.pointer);
        self.at(d, place)
    }

    /// A diagnostic about the bundled document (2.0: before conversion),
    /// located in its file.
    fn place(&self, d: Diagnostic) -> Diagnostic {
        if d.file.is_some() || d.position.is_some() {
            return d;
        }
        let place = self.origins.place(&d.pointer);
        self.at(d, place)
    }

    fn at(&self, d: Diagnostic, place: Place) -> Diagnostic {
        match place.file.checked_sub(1).and_then(|i| self.files.get(i)) {
            None => Diagnostic { pointer: place.pointer, ..d },
            Some(file) => placed(d, place.pointer, &file.text, Some(&file.name)),
        }
    }
}

/// `d` about the node at `pointer` of a file with `text`: located in it,
/// and naming the file unless it is the root spec (`name` is `None`).
pub(crate) fn placed(mut d: Diagnostic, pointer: String, text: &str, name: Option<&str>) -> Diagnostic {
    if let Some((line, column)) = crate::locate::locate_all(text, &[&pointer]).pop().flatten() {
        d = d.at(line, column);
    }
    d.pointer = pointer;
    match name {
        Some(name) => d.in_file(name.to_string()),
        None => d,
    }
}

/// Checks that come before a parser sees the text: an empty file, binary
/// data, nesting that would make the YAML parser slow.
fn precheck(text: &str, json: bool) -> Result<(), Diagnostic> {
    if text.trim().is_empty() {
        return Err(Diagnostic::new(Code::EmptyFile, "", "the file is empty")
            .with_hint("expected an OpenAPI 3.0 or 3.1 document in YAML or JSON")
            .at(1, 1));
    }
    if let Some(offset) = text.find('\0') {
        let (line, col) = position_of(text, offset);
        return Err(Diagnostic::new(
            Code::BinaryFile,
            "",
            "the file contains a NUL byte; it is binary, not YAML or JSON text",
        )
        .with_hint("expected an OpenAPI 3.0 or 3.1 document in YAML or JSON")
        .at(line, col));
    }
    if !json && text.bytes().filter(|b| matches!(b, b'[' | b'{')).count() > MAX_DEPTH {
        if let Some((line, col)) = crate::locate::nesting_beyond(text, MAX_DEPTH) {
            return Err(Diagnostic::new(
                Code::TooDeep,
                "",
                format!("the document nests more than {MAX_DEPTH} levels deep"),
            )
            .with_hint("move nested schemas into #/components/schemas and refer to them with $ref")
            .at(line, col));
        }
    }
    Ok(())
}

/// A file a `$ref` leads to, as a value tree (its shape is checked where
/// its nodes are read).
pub(crate) fn value_of(source: &Source) -> Result<Value, Diagnostic> {
    let text = source.text.trim_start_matches('\u{feff}');
    let json = source.looks_like_json();
    precheck(text, json)?;
    untyped(text, json)
}

/// The typed pass, straight from the text.
fn typed(text: &str, json: bool) -> Result<Document, Diagnostic> {
    // Tracking the path costs a fifth of the parse and only the error
    // needs it: a document that reads is read without, one that does not
    // is read again with it, for the pointer of what is wrong.
    let untracked = match json {
        true => serde_json::from_str::<Document>(text).ok(),
        false => serde_yaml::from_str::<Document>(text).ok(),
    };
    if let Some(doc) = untracked {
        return Ok(doc);
    }
    if json {
        let mut de = serde_json::Deserializer::from_str(text);
        serde_path_to_error::deserialize::<_, Document>(&mut de).map_err(|e| {
            let pointer = pointer_of(e.path());
            json_error(Code::Shape, pointer, &e.into_inner())
        })
    } else {
        let de = serde_yaml::Deserializer::from_str(text);
        serde_path_to_error::deserialize::<_, Document>(de).map_err(|e| {
            let pointer = pointer_of(e.path());
            yaml_error(Code::Shape, pointer, &e.into_inner())
        })
    }
}

/// The text as a plain value tree; an error here is a syntax error (or a
/// limit: nesting, alias expansion, number range).
fn untyped(text: &str, json: bool) -> Result<Value, Diagnostic> {
    if json {
        serde_json::from_str(text).map_err(|e| json_error(Code::Syntax, String::new(), &e))
    } else {
        serde_yaml::from_str::<lenient::Lenient>(text)
            .map(|l| l.0)
            .map_err(|e| yaml_error(Code::Syntax, String::new(), &e))
    }
}

fn json_error(code: Code, pointer: String, e: &serde_json::Error) -> Diagnostic {
    let d = with_limit_hint(Diagnostic::new(code, pointer, reword(&strip_position(&e.to_string()))));
    match (e.line(), e.column()) {
        (0, _) => d,
        (line, col) => d.at(line, col.max(1)),
    }
}

fn yaml_error(code: Code, pointer: String, e: &serde_yaml::Error) -> Diagnostic {
    let d = with_limit_hint(Diagnostic::new(code, pointer, reword(&strip_position(&e.to_string()))));
    match e.location() {
        Some(l) => d.at(l.line(), l.column()),
        None => d,
    }
}

/// Hints for the parser's safety limits, which otherwise read as bugs.
fn with_limit_hint(d: Diagnostic) -> Diagnostic {
    let hint = if d.message.contains("recursion limit exceeded") {
        "the document nests more than 128 levels deep"
    } else if d.message.contains("repetition limit exceeded") {
        "the document's aliases (`*name`) expand to too many nodes"
    } else if d.message.contains("number out of range") {
        "numbers must fit in a 64-bit integer or a finite 64-bit float"
    } else if d.message.contains("more than one document") {
        "keep one YAML document (no second `---`) in the file"
    } else {
        return d;
    };
    d.with_hint(hint)
}

/// Rejects Swagger versions other than 2.0 (which is converted) and
/// anything that is not OpenAPI 3.0 or 3.1.
fn check_version(openapi: Option<&Value>, swagger: Option<&Value>) -> Result<(), Diagnostic> {
    if let Some(version) = swagger {
        return Err(Diagnostic::new(
            Code::UnsupportedSwagger,
            "/swagger",
            format!("Swagger {} documents are not supported", display_value(version)),
        )
        .with_hint("Swagger 2.0 and OpenAPI 3.0 and 3.1 are supported: convert it to one of those first"));
    }
    match openapi {
        None => Err(Diagnostic::new(Code::MissingVersion, "", "missing `openapi` version field")
            .with_hint("an OpenAPI document starts with `openapi: 3.1.0` or `openapi: 3.0.3`")),
        Some(Value::String(v)) if v.starts_with("3.0") || v.starts_with("3.1") => Ok(()),
        Some(v @ Value::Number(_)) => Err(Diagnostic::new(
            Code::VersionIsANumber,
            "/openapi",
            format!("the OpenAPI version {v} is a number, not a string"),
        )
        .with_hint(format!("quote it, e.g. `openapi: '{v}.0'` (supported versions are 3.0.x and 3.1.x)"))),
        Some(v) => Err(Diagnostic::new(
            Code::UnsupportedVersion,
            "/openapi",
            format!("unsupported OpenAPI version {}", display_value(v)),
        )
        .with_hint("supported versions are 3.0.x and 3.1.x")),
    }
}

/// The typed pass over `value`, retried after pruning each offending node,
/// until it succeeds: the document read from what is left (`None` when
/// pruning gave up), and every shape error found.
fn shape_errors<T: DeserializeOwned>(value: &mut Value) -> (Option<T>, Vec<Diagnostic>) {
    let mut errors: Vec<Diagnostic> = Vec::new();
    let mut pruned: Vec<String> = Vec::new();
    let mut removals: Vec<(String, usize)> = Vec::new();
    for _ in 0..MAX_SHAPE_ERRORS * 2 {
        let e = match serde_path_to_error::deserialize::<_, T>(&*value) {
            Ok(doc) => return (Some(doc), errors),
            Err(e) => e,
        };
        let current = pointer_of(e.path());
        let original = original_pointer(&current, &removals);
        let message = reword(&e.into_inner().to_string());
        // Pruning `url` from a server makes the server miss `url`: that is
        // the pruning's doing, not another error.
        let consequence = message
            .strip_prefix("missing field `")
            .and_then(|rest| rest.strip_suffix('`'))
            .is_some_and(|field| pruned.contains(&join(&original, field)));
        if !consequence {
            if errors.len() == MAX_SHAPE_ERRORS {
                errors.push(
                    Diagnostic::new(
                        Code::TooManyShapeErrors,
                        "",
                        format!("more than {MAX_SHAPE_ERRORS} shape errors; stopped looking"),
                    )
                    .with_hint("fix these and run again"),
                );
                break;
            }
            errors.push(Diagnostic::new(Code::Shape, original.clone(), message));
        }
        match remove(value, &current) {
            Some(Removed::Element(parent, index)) => removals.push((parent, index)),
            Some(Removed::Entry) => {}
            None => break,
        }
        pruned.push(original);
    }
    (None, errors)
}

enum Removed {
    Entry,
    /// An element of the sequence at this pointer; later ones moved down.
    Element(String, usize),
}

/// Removes the node at `pointer`; `None` for the root or a pointer that
/// leads nowhere.
fn remove(value: &mut Value, pointer: &str) -> Option<Removed> {
    let (parent, last) = pointer.rsplit_once('/')?;
    let mut node = value;
    for token in parent.split('/').skip(1) {
        node = match node {
            Value::Object(map) => map.get_mut(&unescape(token))?,
            Value::Array(items) => items.get_mut(token.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    match node {
        Value::Object(map) => map.shift_remove(&unescape(last)).map(|_| Removed::Entry),
        Value::Array(items) => {
            let index = last.parse::<usize>().ok().filter(|i| *i < items.len())?;
            items.remove(index);
            Some(Removed::Element(parent.to_string(), index))
        }
        _ => None,
    }
}

/// `current` (a pointer into the pruned tree) as a pointer into the text:
/// sequence removals are undone, latest first.
fn original_pointer(current: &str, removals: &[(String, usize)]) -> String {
    let mut pointer = current.to_string();
    for (parent, removed) in removals.iter().rev() {
        let Some(rest) = pointer.strip_prefix(parent.as_str()).and_then(|r| r.strip_prefix('/')) else { continue };
        let (token, tail) = rest.split_once('/').map_or((rest, ""), |(t, tail)| (t, tail));
        if let Ok(index) = token.parse::<usize>() {
            if index >= *removed {
                let sep = if tail.is_empty() { "" } else { "/" };
                pointer = format!("{parent}/{}{sep}{tail}", index + 1);
            }
        }
    }
    pointer
}

fn unescape(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "empty (null)",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a plain string",
        Value::Array(_) => "a sequence",
        Value::Object(_) => "a mapping",
    }
}

fn display_value(v: &Value) -> String {
    match v {
        Value::String(s) => format!("'{s}'"),
        other => other.to_string(),
    }
}

/// 1-based line and column (in characters) of byte `offset` in `text`.
fn position_of(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap_or_default().chars().count() + 1;
    (line, col)
}

/// serde_yaml and serde_json put " at line X column Y" after the message;
/// the position is reported separately, so the first one is removed.
fn strip_position(message: &str) -> String {
    let Some(start) = message.find(" at line ") else { return message.to_string() };
    let rest = &message[start + " at line ".len()..];
    let digits = |s: &str| s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let line_len = digits(rest);
    let Some(after_line) = rest[line_len..].strip_prefix(" column ") else { return message.to_string() };
    let end = start + " at line ".len() + line_len + " column ".len() + digits(after_line);
    format!("{}{}", &message[..start], &message[end..])
}

/// serde's wording of type errors in the terms of the document.
fn reword(message: &str) -> String {
    let message = message
        .replace("data did not match any variant of untagged enum BoolOrSchema", "expected true, false or a schema")
        .replace("data did not match any variant of untagged enum SchemaType", "expected a type name or a list of them")
        .replace("data did not match any variant of untagged enum Required", "expected a list of property names")
        .replace("data did not match any variant of untagged enum Items", "expected a schema")
        .replace(
            "data did not match any variant of untagged enum DiscriminatorForm",
            "expected a discriminator: a mapping with `propertyName`",
        )
        .replace("expected a map", "expected a mapping")
        .replace("expected a sequence", "expected a list");
    match message.split_once("expected struct ") {
        Some((head, _)) => format!("{head}expected a mapping"),
        None => message,
    }
}

fn pointer_of(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut pointer = String::new();
    for segment in path.iter() {
        pointer = match segment {
            Segment::Seq { index } => join(&pointer, index),
            Segment::Map { key } => join(&pointer, key),
            Segment::Enum { variant } => join(&pointer, variant),
            Segment::Unknown => pointer,
        };
    }
    pointer
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_stripped_from_messages() {
        assert_eq!(strip_position("expected `:` at line 3 column 7"), "expected `:`");
        assert_eq!(
            strip_position(
                "did not find expected ',' at line 3 column 2, while parsing a flow sequence at line 2 column 4"
            ),
            "did not find expected ',', while parsing a flow sequence at line 2 column 4"
        );
        assert_eq!(strip_position("plain"), "plain");
    }

    #[test]
    fn pruned_sequences_map_back_to_the_text() {
        let removals = vec![("/a".to_string(), 1), ("/a".to_string(), 1)];
        assert_eq!(original_pointer("/a/1/x", &removals), "/a/3/x");
        assert_eq!(original_pointer("/a/0", &removals), "/a/0");
        assert_eq!(original_pointer("/b/1", &removals), "/b/1");
        assert_eq!(original_pointer("/a/5", &[("/a".to_string(), 1), ("/a".to_string(), 3)]), "/a/7");
    }

    #[test]
    fn every_shape_error_is_reported() {
        let source = Source {
            name: "t.yaml".into(),
            text: "openapi: 3.1.0\nservers: [{url: 1}, {url: [x]}]\npaths: []\ntags: {}\n".into(),
        };
        let errors = parse_document(&source).unwrap_err();
        let pointers: Vec<&str> = errors.iter().map(|d| d.pointer.as_str()).collect();
        assert_eq!(pointers, ["/servers/0/url", "/servers/1/url", "/paths", "/tags"], "{errors:#?}");
    }
}
