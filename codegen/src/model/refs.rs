//! Resolving local `$ref`s to the components they name.
//!
//! Bundling brings every other file's nodes into the document, so the model
//! meets only `#/components/<section>/<key>` references; one to another file
//! is one the bundler could not follow and has reported already.
//!
//! A parameter, response or request body that is itself a `$ref` is
//! followed to the end of the chain; a schema is not, since a schema that
//! is a `$ref` is an alias the schema conversion names. A reference may name
//! a component of another kind than its site expects (a response `$ref` to a
//! schema, common in Swagger 2.0 exports): [`resolve`] returns what it names
//! and the site decides whether it can use it.

use crate::diagnostic::{join, Code, Diagnostic};
use crate::parse::document::{Document, MediaType, Parameter, RequestBody, Response, Schema};
use indexmap::IndexMap;
use std::borrow::Cow;

/// The kinds of component a `$ref` in the model may name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Schema,
    Parameter,
    Response,
    RequestBody,
}

impl Kind {
    const ALL: [Kind; 4] = [Kind::Schema, Kind::Parameter, Kind::Response, Kind::RequestBody];

    /// The key under `components`.
    pub fn section(self) -> &'static str {
        &self.pointer()["/components/".len()..]
    }

    /// The JSON pointer of the section.
    fn pointer(self) -> &'static str {
        match self {
            Kind::Schema => "/components/schemas",
            Kind::Parameter => "/components/parameters",
            Kind::Response => "/components/responses",
            Kind::RequestBody => "/components/requestBodies",
        }
    }

    /// How messages name one of them.
    pub fn noun(self) -> &'static str {
        match self {
            Kind::Schema => "schema",
            Kind::Parameter => "parameter",
            Kind::Response => "response",
            Kind::RequestBody => "request body",
        }
    }
}

/// A resolved reference: the component's key, its pointer and its value.
pub struct Target<'a, T> {
    pub key: &'a str,
    pub pointer: String,
    pub value: &'a T,
}

/// The component a `$ref` names, at the end of its chain.
pub enum Found<'a> {
    Schema(Target<'a, Schema>),
    Parameter(Target<'a, Parameter>),
    Response(Target<'a, Response>),
    RequestBody(Target<'a, RequestBody>),
}

impl<'a> Found<'a> {
    pub fn kind(&self) -> Kind {
        match self {
            Found::Schema(_) => Kind::Schema,
            Found::Parameter(_) => Kind::Parameter,
            Found::Response(_) => Kind::Response,
            Found::RequestBody(_) => Kind::RequestBody,
        }
    }

    pub fn key(&self) -> &'a str {
        match self {
            Found::Schema(t) => t.key,
            Found::Parameter(t) => t.key,
            Found::Response(t) => t.key,
            Found::RequestBody(t) => t.key,
        }
    }

    pub fn pointer(&self) -> &str {
        match self {
            Found::Schema(t) => &t.pointer,
            Found::Parameter(t) => &t.pointer,
            Found::Response(t) => &t.pointer,
            Found::RequestBody(t) => &t.pointer,
        }
    }

    /// The JSON schema the component stands for: a schema itself, the
    /// `schema` of a parameter (or of its JSON content), the schema of a
    /// response's or request body's JSON media type; with its pointer.
    pub fn json_schema(&self) -> Option<(&'a Schema, String)> {
        match self {
            Found::Schema(t) => Some((t.value, t.pointer.clone())),
            Found::Parameter(t) => match (&t.value.schema, &t.value.content) {
                (Some(schema), _) => Some((schema, join(&t.pointer, "schema"))),
                (None, Some(content)) => json_media_schema(content, &t.pointer),
                (None, None) => None,
            },
            Found::Response(t) => json_media_schema(&t.value.content, &t.pointer),
            Found::RequestBody(t) => json_media_schema(&t.value.content, &t.pointer),
        }
    }
}

/// The schema of the first JSON media type of `content` (under `at`).
fn json_media_schema<'a>(content: &'a IndexMap<String, MediaType>, at: &str) -> Option<(&'a Schema, String)> {
    let (media_type, media) = content.iter().find(|(ct, _)| super::http::is_json(ct))?;
    let schema = media.schema.as_ref()?;
    Some((schema, join(&join(&join(at, "content"), media_type), "schema")))
}

/// The key a pointer token names. (Most need no decoding: they are
/// borrowed, since every `$ref` of the spec is resolved here.)
fn unescape(token: &str) -> Cow<'_, str> {
    if !token.contains(['%', '~']) {
        return Cow::Borrowed(token);
    }
    let token = crate::parse::percent_decode(token);
    Cow::Owned(token.replace("~1", "/").replace("~0", "~"))
}

/// Splits `#/components/<section>/<key>` into its kind and key.
fn component_key<'r>(reference: &'r str, expected: Kind, at: &str) -> Result<(Kind, Cow<'r, str>), Diagnostic> {
    let Some(local) = reference.strip_prefix('#') else {
        // Bundling (`parse::bundle`) rewrites every external `$ref` the model
        // reads, or reports why it cannot (and that report stands for this).
        return Err(Diagnostic::new(
            Code::ExternalRefNotFollowed,
            at,
            format!("$ref '{reference}' to another file was not followed"),
        ));
    };
    let parts = local.strip_prefix("/components/").and_then(|rest| rest.split_once('/'));
    let kind = parts.and_then(|(section, _)| Kind::ALL.into_iter().find(|k| k.section() == section));
    match (kind, parts) {
        (Some(kind), Some((_, key))) if !key.is_empty() && !key.contains('/') => Ok((kind, unescape(key))),
        _ => Err(Diagnostic::new(
            Code::RefOutsideComponents,
            at,
            format!("$ref '{reference}' must point into #/components/{}/", expected.section()),
        )),
    }
}

fn lookup<'a, T>(
    map: &'a IndexMap<String, T>,
    kind: Kind,
    key: &str,
    reference: &str,
    at: &str,
) -> Result<Target<'a, T>, Diagnostic> {
    match map.get_full(key) {
        Some((_, key, value)) => Ok(Target { key: key.as_str(), pointer: join(kind.pointer(), key), value }),
        None => {
            let mut d = Diagnostic::new(Code::UnresolvedRef, at, format!("unresolved $ref '{reference}'"));
            if let Some(near) = nearest(key, map.keys().map(String::as_str)) {
                d = d.with_hint(format!("did you mean '{near}'?"));
            }
            Err(d)
        }
    }
}

/// Chains longer than this count as cycles (no spec needs so many hops).
const MAX_HOPS: usize = 32;

/// What `reference` (written at `at`, where a `expected` belongs) names:
/// the component at the end of its chain of `$ref`s, of whatever kind.
/// Errors: a reference that is not a component's, one that names nothing,
/// and a chain that leads back to itself (located at the cycle, see [`cycle`]); the others at `at`.
pub fn resolve<'a>(doc: &'a Document, reference: &str, expected: Kind, at: &str) -> Result<Found<'a>, Diagnostic> {
    let c = &doc.components;
    let mut current = reference;
    let mut seen: Vec<String> = Vec::new();
    loop {
        let (kind, key) = component_key(current, expected, at)?;
        let found = match kind {
            Kind::Schema => Found::Schema(lookup(&c.schemas, kind, &key, current, at)?),
            Kind::Parameter => Found::Parameter(lookup(&c.parameters, kind, &key, current, at)?),
            Kind::Response => Found::Response(lookup(&c.responses, kind, &key, current, at)?),
            Kind::RequestBody => Found::RequestBody(lookup(&c.request_bodies, kind, &key, current, at)?),
        };
        let next = match &found {
            Found::Schema(_) => None,
            Found::Parameter(t) => t.value.reference.as_ref(),
            Found::Response(t) => t.value.reference.as_ref(),
            Found::RequestBody(t) => t.value.reference.as_ref(),
        };
        let Some(next) = next else { return Ok(found) };
        if let Some(start) = seen.iter().position(|p| p == found.pointer()) {
            return Err(cycle(&seen[start..]));
        }
        seen.push(found.pointer().to_string());
        if seen.len() > MAX_HOPS {
            return Err(Diagnostic::new(
                Code::RefChainTooLong,
                at,
                format!("$ref '{reference}' starts a chain of more than {MAX_HOPS} $refs"),
            ));
        }
        current = next;
    }
}

/// The error for components whose `$ref`s lead from one to the next and
/// back. It is the same whichever member a chain enters by: it starts at
/// the first member in pointer order and is located at its `$ref`, so each
/// cycle is reported once.
fn cycle(members: &[String]) -> Diagnostic {
    let first = (0..members.len()).min_by_key(|i| &members[*i]).unwrap_or(0);
    let mut chain: Vec<String> = members[first..].iter().chain(&members[..first]).map(|p| format!("#{p}")).collect();
    chain.push(chain[0].clone());
    Diagnostic::new(
        Code::RefCycle,
        join(&members[first], "$ref"),
        format!("the $ref chain {} leads back to itself", chain.join(" → ")),
    )
}

// Lookups for code that only looks at what the conversion has read
// (descriptions, union tags, files in forms, paging): the conversion
// resolves every reference where it is written and reports each failure
// there, so a failure here is `None` and not reported again.

/// The schema a schema `$ref` stands for, as the conversion reads it
/// (another kind of component stands for its JSON schema).
pub fn schema_of<'a>(doc: &'a Document, reference: &str) -> Option<&'a Schema> {
    resolve(doc, reference, Kind::Schema, "").ok()?.json_schema().map(|(schema, _)| schema)
}

/// `schema` with its chain of schema `$ref`s followed to the first schema
/// without one; where the chain breaks or loops, the last schema reached.
pub fn schema_end<'a>(doc: &'a Document, mut schema: &'a Schema) -> &'a Schema {
    let mut seen: Vec<&str> = Vec::new();
    while let Some(reference) = schema.reference.as_deref() {
        if seen.contains(&reference) {
            break;
        }
        seen.push(reference);
        match schema_of(doc, reference) {
            Some(target) => schema = target,
            None => break,
        }
    }
    schema
}

/// The schema component a `$ref` names, if it names one.
pub fn schema_component<'a>(doc: &'a Document, reference: &str) -> Option<Target<'a, Schema>> {
    match resolve(doc, reference, Kind::Schema, "").ok()? {
        Found::Schema(t) => Some(t),
        _ => None,
    }
}

/// The error for a `$ref` at a site of kind `expected` that names a
/// component of another kind.
pub fn wrong_kind(reference: &str, found: &Found<'_>, expected: Kind, at: &str) -> Diagnostic {
    let via = match reference.strip_prefix('#') {
        Some(p) if p == found.pointer() => String::new(),
        _ => format!(" (#{})", found.pointer()),
    };
    Diagnostic::new(
        Code::WrongKindRef,
        at,
        format!(
            "{} $ref '{reference}' names a {}{via}, not a {}",
            expected.noun(),
            found.kind().noun(),
            expected.noun()
        ),
    )
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

    fn doc(yaml: &str) -> Document {
        serde_yaml::from_str(yaml).expect("test document parses")
    }

    const CHAINS: &str = "
components:
  responses:
    A: {$ref: '#/components/responses/B'}
    B: {$ref: '#/components/responses/C'}
    C: {description: the end}
    Loop1: {$ref: '#/components/responses/Loop2'}
    Loop2: {$ref: '#/components/responses/Loop1'}
    ToSchema: {$ref: '#/components/schemas/S'}
  schemas:
    S: {type: string}
";

    #[test]
    fn chains_are_followed_to_the_end() {
        let d = doc(CHAINS);
        let found = resolve(&d, "#/components/responses/A", Kind::Response, "/at").unwrap();
        assert_eq!((found.kind(), found.key()), (Kind::Response, "C"));
        let found = resolve(&d, "#/components/responses/ToSchema", Kind::Response, "/at").unwrap();
        assert_eq!((found.kind(), found.key()), (Kind::Schema, "S"));
    }

    /// Schema components that are `$ref`s of one another are followed to
    /// the one that is not; a loop stops where it closes, at a `$ref`.
    #[test]
    fn schema_chains_end_at_a_schema_without_a_ref() {
        let d = doc("
components:
  schemas:
    A: {$ref: '#/components/schemas/B'}
    B: {$ref: '#/components/schemas/C'}
    C: {type: string, description: the end}
    X: {$ref: '#/components/schemas/Y'}
    Y: {$ref: '#/components/schemas/X'}
");
        let start: Schema = serde_yaml::from_str("{$ref: '#/components/schemas/A'}").expect("a schema");
        assert_eq!(schema_end(&d, &start).description.as_deref(), Some("the end"));
        let looped: Schema = serde_yaml::from_str("{$ref: '#/components/schemas/X'}").expect("a schema");
        assert!(schema_end(&d, &looped).reference.is_some(), "a loop ends at a `$ref`, not nowhere");
    }

    #[test]
    fn cycles_are_located_errors() {
        let d = doc(CHAINS);
        let Err(e) = resolve(&d, "#/components/responses/Loop1", Kind::Response, "/at") else {
            panic!("a cycle resolves")
        };
        assert_eq!(e.pointer, "/components/responses/Loop1/$ref");
        let Err(again) = resolve(&d, "#/components/responses/Loop2", Kind::Response, "/elsewhere") else {
            panic!("a cycle resolves")
        };
        assert_eq!(again, e, "one cycle, one error");
        assert_eq!(
            e.message,
            "the $ref chain #/components/responses/Loop1 → #/components/responses/Loop2 → #/components/responses/Loop1 \
             leads back to itself"
        );
    }

    #[test]
    fn wrong_kinds_say_what_was_found() {
        let d = doc(CHAINS);
        let found = resolve(&d, "#/components/responses/C", Kind::Schema, "/at").unwrap();
        let e = wrong_kind("#/components/responses/C", &found, Kind::Schema, "/at");
        assert_eq!(e.message, "schema $ref '#/components/responses/C' names a response, not a schema");
        let found = resolve(&d, "#/components/responses/ToSchema", Kind::Response, "/at").unwrap();
        let e = wrong_kind("#/components/responses/ToSchema", &found, Kind::Response, "/at");
        assert_eq!(
            e.message,
            "response $ref '#/components/responses/ToSchema' names a schema (#/components/schemas/S), not a response"
        );
    }

    #[test]
    fn references_outside_components_are_errors() {
        let d = doc(CHAINS);
        for bad in ["#/paths/x", "#/components/schemas/S/properties/a", "#/components/links/L", "other.yaml#/S"] {
            assert!(resolve(&d, bad, Kind::Schema, "/at").is_err(), "{bad}");
        }
    }
}
