//! Resolving local `$ref`s to the components they name.

use crate::diagnostic::Diagnostic;
use crate::parse::document::{Document, Parameter, RequestBody, Response, Schema};

/// A resolved reference: the component's key, its pointer and its value.
pub struct Target<'a, T> {
    pub key: &'a str,
    pub pointer: String,
    pub value: &'a T,
}

fn unescape(token: &str) -> String {
    let token = crate::parse::percent_decode(token);
    token.replace("~1", "/").replace("~0", "~")
}

/// Splits `#/components/<section>/<key>` into the key.
fn component_key(reference: &str, section: &str, at: &str) -> Result<String, Diagnostic> {
    // Bundling (`parse::bundle`) rewrites every external `$ref` the model
    // reads, or reports why it cannot (and that report stands for this).
    let Some(local) = reference.strip_prefix('#') else {
        return Err(Diagnostic::error(at, format!("external $ref '{reference}' was left unresolved by bundling"))
            .with_hint("this is a generator bug: please report it with the spec"));
    };
    let prefix = format!("/components/{section}/");
    match local.strip_prefix(&prefix) {
        Some(key) if !key.is_empty() && !key.contains('/') => Ok(unescape(key)),
        _ => Err(Diagnostic::error(at, format!("$ref '{reference}' must point into #/components/{section}/"))),
    }
}

fn lookup<'a, T>(
    map: &'a indexmap::IndexMap<String, T>,
    reference: &str,
    section: &str,
    at: &str,
) -> Result<Target<'a, T>, Diagnostic> {
    let key = component_key(reference, section, at)?;
    match map.get_full(&key) {
        Some((_, key, value)) => Ok(Target {
            key: key.as_str(),
            pointer: format!("/components/{section}/{}", crate::diagnostic::escape_token(key)),
            value,
        }),
        None => {
            let mut d = Diagnostic::error(at, format!("unresolved $ref '{reference}'"));
            if let Some(near) = nearest(&key, map.keys().map(String::as_str)) {
                d = d.with_hint(format!("did you mean '{near}'?"));
            }
            Err(d)
        }
    }
}

pub fn schema<'a>(doc: &'a Document, reference: &str, at: &str) -> Result<Target<'a, Schema>, Diagnostic> {
    lookup(&doc.components.schemas, reference, "schemas", at)
}

pub fn parameter<'a>(doc: &'a Document, reference: &str, at: &str) -> Result<Target<'a, Parameter>, Diagnostic> {
    lookup(&doc.components.parameters, reference, "parameters", at)
}

pub fn response<'a>(doc: &'a Document, reference: &str, at: &str) -> Result<Target<'a, Response>, Diagnostic> {
    lookup(&doc.components.responses, reference, "responses", at)
}

pub fn request_body<'a>(doc: &'a Document, reference: &str, at: &str) -> Result<Target<'a, RequestBody>, Diagnostic> {
    lookup(&doc.components.request_bodies, reference, "requestBodies", at)
}

/// The candidate closest to `name` by edit distance, if it is close enough
/// to be a plausible typo.
pub fn nearest<'a>(name: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (name.chars().count() / 3).max(2);
    candidates.map(|c| (edit_distance(name, c), c)).filter(|(d, _)| *d <= limit).min().map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_names() {
        let names = ["Download", "DownloadStatus", "Envelope"];
        assert_eq!(nearest("Downlod", names.iter().copied()), Some("Download"));
        assert_eq!(nearest("Zebra", names.iter().copied()), None);
    }

    #[test]
    fn unescapes_tokens() {
        assert_eq!(unescape("a~1b~0c"), "a/b~c");
        assert_eq!(unescape("a%20b"), "a b");
    }
}
