//! Reading a spec file into the serde types of [`document`].

pub mod document;

use crate::diagnostic::{join, Diagnostic};
pub use document::Document;
use std::io::Read;

/// The spec's text and the name it is reported under.
#[derive(Debug, Clone)]
pub struct Source {
    /// The path shown in diagnostics and generated-file headers.
    pub name: String,
    pub text: String,
}

/// Why a spec file could not be read at all (before parsing).
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("{path}: cannot read: {source}")]
    Io { path: String, source: std::io::Error },
    #[error("{path}: error: not a text file (the bytes are not UTF-8); expected an OpenAPI document in YAML or JSON")]
    NotText { path: String },
}

impl Source {
    /// Reads `path`, decompressing `.gz` files.
    pub fn read(path: &std::path::Path, name: String) -> Result<Self, ReadError> {
        let io = |source| ReadError::Io { path: name.clone(), source };
        let bytes = std::fs::read(path).map_err(io)?;
        let bytes = if path.extension().is_some_and(|e| e == "gz") {
            let mut out = Vec::new();
            flate2::read::GzDecoder::new(&bytes[..]).read_to_end(&mut out).map_err(io)?;
            out
        } else {
            bytes
        };
        let text = String::from_utf8(bytes).map_err(|_| ReadError::NotText { path: name.clone() })?;
        Ok(Self { name, text })
    }

    fn looks_like_json(&self) -> bool {
        self.text.trim_start_matches('\u{feff}').trim_start().starts_with('{')
    }
}

/// Parses the document, reporting syntax and shape errors with positions.
pub fn parse(source: &Source) -> Result<Document, Diagnostic> {
    let text = source.text.trim_start_matches('\u{feff}');
    if text.trim().is_empty() {
        return Err(Diagnostic::error("", "the file is empty").with_hint("expected an OpenAPI 3.0 or 3.1 document"));
    }
    if text.contains('\0') {
        return Err(Diagnostic::error("", "the file contains NUL bytes; it is not a YAML or JSON text")
            .at(1, 1));
    }
    let result = if source.looks_like_json() {
        let mut de = serde_json::Deserializer::from_str(text);
        serde_path_to_error::deserialize::<_, Document>(&mut de).map_err(|e| {
            let pointer = pointer_of(e.path());
            let inner = e.into_inner();
            let (line, col) = (inner.line(), inner.column());
            let message = strip_position(&inner.to_string());
            Diagnostic::error(pointer, message).at(line.max(1), col.max(1))
        })
    } else {
        let de = serde_yaml::Deserializer::from_str(text);
        serde_path_to_error::deserialize::<_, Document>(de).map_err(|e| {
            let pointer = pointer_of(e.path());
            let inner = e.into_inner();
            let position = inner.location().map(|l| (l.line(), l.column()));
            let message = strip_position(&inner.to_string());
            let d = Diagnostic::error(pointer, message);
            match position {
                Some((l, c)) => d.at(l, c),
                None => d,
            }
        })
    };
    let doc = result?;
    if let Some(version) = &doc.swagger {
        return Err(Diagnostic::error("/swagger", format!("Swagger {} documents are not supported", display_value(version)))
            .with_hint("convert it to OpenAPI 3 first, e.g. with `npx swagger2openapi spec.yaml -o spec3.yaml`"));
    }
    match &doc.openapi {
        None => Err(Diagnostic::error("", "missing `openapi` version field")
            .with_hint("an OpenAPI document starts with `openapi: 3.1.0` or `openapi: 3.0.3`")),
        Some(serde_json::Value::String(v)) if v.starts_with("3.0") || v.starts_with("3.1") => Ok(doc),
        Some(v) => Err(Diagnostic::error("/openapi", format!("unsupported OpenAPI version {}", display_value(v)))
            .with_hint("supported versions are 3.0.x and 3.1.x")),
    }
}

fn display_value(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => format!("'{s}'"),
        other => other.to_string(),
    }
}

/// serde_yaml and serde_json append " at line X column Y"; the position is
/// reported separately, so it is removed from the message.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
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
