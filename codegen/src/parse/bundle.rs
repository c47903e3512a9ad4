//! Specs split across files: every `$ref` to another file (relative to the
//! file that holds it) is followed, and what it names is brought into the
//! one document the model reads.
//!
//! - A path item is put in place of its `$ref` (also a 3.1 path-item `$ref`
//!   within the root document, e.g. to `#/components/pathItems/…`), and so
//!   is a security scheme (its key is the name requirements use, so it is
//!   never filed under another).
//! - A schema, parameter, request body or response is filed under
//!   `components` (its key from [`naming::ref_key`]) and the `$ref` rewritten
//!   to point there, so recursion across files is the model's ordinary
//!   recursion, and one target referenced from many places is one type.
//! - A `#/…` fragment inside a referenced file points into that file.
//!
//! Each file is read (through [`Files`], which the command line provides)
//! and parsed once. A reference that leaves the root spec's folder, names a
//! URL or an absolute path is an error and nothing is read for it. Every
//! node brought in is recorded in [`Origins`], so a diagnostic about it names
//! its file and a pointer into that file.

use super::document::{Document, Parameter, PathItem, RequestBody, Response, Schema, SecurityScheme};
use super::origins::Origins;
use super::walk::{self, Kind, Site};
use super::Source;
use crate::diagnostic::{escape_token, join, Diagnostic};
use crate::naming;
use indexmap::IndexMap;
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::collections::{HashMap, HashSet};

/// Where the files a spec refers to are read from: the command line's
/// view of the root spec's folder (a directory, or a git revision of one).
pub trait Files: Sync {
    /// The file at `path`: relative to the root spec's folder,
    /// `/`-separated, without `.` or `..` segments. Implementations must
    /// refuse a path that leads outside the folder (through a symbolic
    /// link). The error says why the file cannot be read.
    fn read(&self, path: &str) -> Result<Source, String>;
}

/// No files beside the spec: every reference to another file is an error.
pub struct NoFiles;

impl Files for NoFiles {
    fn read(&self, _path: &str) -> Result<Source, String> {
        Err("only the spec's own text was given, not its folder".to_string())
    }
}

/// How many path-item or security-scheme `$ref`s are followed one after the
/// other before the chain counts as a cycle.
const MAX_HOPS: usize = 16;

/// The document with every other file's nodes brought in.
pub(crate) struct Bundled {
    pub doc: Document,
    /// The files read besides the root, in the order first referenced: file
    /// `n` of an [`Origins`] place is `files[n - 1]`.
    pub files: Vec<Source>,
    /// Every reference that could not be followed, and every error in the
    /// files read. The model still runs, so that one run reports all.
    pub errors: Vec<Diagnostic>,
}

/// Follows the references of `doc` (read from `root`) to other files and
/// to path items.
pub(crate) fn bundle(mut doc: Document, root: &Source, files: &dyn Files, origins: &mut Origins) -> Bundled {
    if !needs_bundling(&mut doc) {
        return Bundled { doc, files: Vec::new(), errors: Vec::new() };
    }
    let root_path = root.name.rsplit(['/', '\\']).next().unwrap_or(&root.name).to_string();
    let mut b = Bundler {
        files,
        root_path,
        root_text: &root.text,
        root_value: None,
        loaded: Vec::new(),
        numbers: HashMap::new(),
        hoisted: HashMap::new(),
        taken: HashMap::new(),
        components: Hoisted::default(),
        origins,
        diags: Vec::new(),
    };
    let c = &doc.components;
    for (kind, keys) in [
        (Kind::Schema, c.schemas.keys().cloned().collect::<HashSet<_>>()),
        (Kind::Parameter, c.parameters.keys().cloned().collect()),
        (Kind::RequestBody, c.request_bodies.keys().cloned().collect()),
        (Kind::Response, c.responses.keys().cloned().collect()),
    ] {
        b.taken.insert(kind, keys);
    }
    for (path, item) in &mut doc.paths {
        b.path_item(item, &join("/paths", path));
    }
    for (key, scheme) in &mut doc.components.security_schemes {
        b.security_scheme(scheme, &join("/components/securitySchemes", key));
    }
    walk::components(&mut doc, &mut |site| b.site(site, 0));
    let Hoisted { schemas, parameters, request_bodies, responses } = b.components;
    doc.components.schemas.extend(schemas);
    doc.components.parameters.extend(parameters);
    doc.components.request_bodies.extend(request_bodies);
    doc.components.responses.extend(responses);
    Bundled { doc, files: b.loaded.into_iter().map(|f| f.source).collect(), errors: b.diags }
}

/// Whether any path item or security scheme is a `$ref` or any reference
/// names another file: most specs need nothing, and are left as they are.
fn needs_bundling(doc: &mut Document) -> bool {
    let mut needed = doc.components.security_schemes.values().any(|s| s.reference.is_some());
    walk::document(doc, &mut |site| needed |= site.kind == Kind::PathItem || !site.reference.starts_with('#'));
    needed
}

#[derive(Default)]
struct Hoisted {
    schemas: IndexMap<String, Schema>,
    parameters: IndexMap<String, Parameter>,
    request_bodies: IndexMap<String, RequestBody>,
    responses: IndexMap<String, Response>,
}

struct File {
    source: Source,
    /// Its path relative to the root spec's folder.
    path: String,
    /// Its contents; `None` when they could not be parsed (reported).
    value: Option<Value>,
}

struct Bundler<'a> {
    files: &'a dyn Files,
    /// The root spec's path relative to its folder (its file name).
    root_path: String,
    root_text: &'a str,
    /// The root's text as a value tree, read only when a reference points
    /// at something other than a component of it.
    root_value: Option<Option<Value>>,
    /// Files read so far: file `n` is `loaded[n - 1]`.
    loaded: Vec<File>,
    /// File numbers by path.
    numbers: HashMap<String, usize>,
    /// Nodes already brought in: (file, fragment, kind) → their key.
    hoisted: HashMap<(usize, String, Kind), String>,
    /// Keys in use in each `components` section.
    taken: HashMap<Kind, HashSet<String>>,
    components: Hoisted,
    origins: &'a mut Origins,
    diags: Vec<Diagnostic>,
}

impl Bundler<'_> {
    /// Replaces a path item that is a `$ref` by what it names (following
    /// chains), then brings in what it refers to.
    fn path_item(&mut self, item: &mut PathItem, at: &str) {
        let Some((file, from)) = self.follow(item, at, "path item", |i| i.reference.clone()) else {
            *item = PathItem::default();
            return;
        };
        walk::path_item(item, &from, &mut |site| self.site(site, file));
    }

    /// Replaces a security scheme that is a `$ref` by what it names
    /// (following chains). One that cannot be followed keeps its `$ref`, so
    /// the model leaves it out without reporting it again.
    fn security_scheme(&mut self, scheme: &mut SecurityScheme, at: &str) {
        self.follow(scheme, at, "security scheme", |s| s.reference.clone());
    }

    /// Puts what the `$ref` of `node` (at `at` in the root) names in its
    /// place, as long as what comes is a `$ref` too, and records where it
    /// came from. `None` (reported) when a `$ref` cannot be followed; the
    /// file and pointer the node came from otherwise.
    fn follow<T: DeserializeOwned + Default>(
        &mut self,
        node: &mut T,
        at: &str,
        what: &str,
        reference_of: fn(&T) -> Option<String>,
    ) -> Option<(usize, String)> {
        let mut place = (0usize, at.to_string());
        let mut seen = vec![place.clone()];
        while let Some(reference) = reference_of(node) {
            let ref_at = join(&place.1, "$ref");
            let followed = self.target(&reference, place.0).and_then(|next| {
                if seen.contains(&next) || seen.len() > MAX_HOPS {
                    return Err(Diagnostic::error("", format!("{what} $ref '{reference}' leads back to itself")));
                }
                Ok((self.node::<T>(next.0, &next.1, &reference)?, next))
            });
            match followed {
                Ok((found, next)) => {
                    *node = found;
                    seen.push(next.clone());
                    place = next;
                }
                Err(d) => {
                    self.report(place.0, &ref_at, d);
                    return None;
                }
            }
        }
        if place.0 != 0 || place.1 != at {
            self.origins.insert(at, place.0, &place.1);
        }
        Some(place)
    }

    /// One reference inside file `file`: a reference to another file (or,
    /// in another file, to anything) is brought in and rewritten.
    fn site(&mut self, site: Site<'_>, file: usize) {
        // The model resolves the root document's own references.
        if file == 0 && site.reference.starts_with('#') {
            return;
        }
        // Path items were replaced before their contents were walked.
        if site.kind == Kind::PathItem {
            return;
        }
        let reference = site.reference.clone();
        let (target_file, fragment) = match self.target(&reference, file) {
            Ok(t) => t,
            Err(d) => return self.report(file, &site.pointer, d),
        };
        match self.hoist(site.kind, target_file, &fragment, &reference) {
            Ok(key) => *site.reference = format!("#/components/{}/{}", site.kind.section(), escape_token(&key)),
            Err(d) => self.report(file, &site.pointer, d),
        }
    }

    /// Files the node of kind `kind` at `fragment` of `file` under
    /// `components` (once), and says under which key.
    fn hoist(&mut self, kind: Kind, file: usize, fragment: &str, reference: &str) -> Result<String, Diagnostic> {
        if file == 0 {
            let prefix = format!("/components/{}/", kind.section());
            if let Some(key) = fragment.strip_prefix(&prefix).filter(|k| !k.contains('/')) {
                return Ok(key.replace("~1", "/").replace("~0", "~"));
            }
        }
        let target = (file, fragment.to_string(), kind);
        if let Some(key) = self.hoisted.get(&target) {
            return Ok(key.clone());
        }
        let path = self.path_of(file).to_string();
        let taken = self.taken.entry(kind).or_default();
        let key = naming::ref_key(&path, fragment, |k| taken.contains(k));
        taken.insert(key.clone());
        self.hoisted.insert(target, key.clone());
        let at = join(&format!("/components/{}", kind.section()), &key);
        self.origins.insert(&at, file, fragment);
        // The slot is taken before the node is walked, so that a cycle
        // through it finds the key and the order is the order of first use.
        match kind {
            Kind::Schema => {
                self.components.schemas.insert(key.clone(), Schema::default());
                let mut node = self.node::<Schema>(file, fragment, reference)?;
                walk::schema(&mut node, fragment, &mut |site| self.site(site, file));
                self.components.schemas.insert(key.clone(), node);
            }
            Kind::Parameter => {
                self.components.parameters.insert(key.clone(), Parameter::default());
                let mut node = self.node::<Parameter>(file, fragment, reference)?;
                walk::parameter(&mut node, fragment, &mut |site| self.site(site, file));
                self.components.parameters.insert(key.clone(), node);
            }
            Kind::RequestBody => {
                self.components.request_bodies.insert(key.clone(), RequestBody::default());
                let mut node = self.node::<RequestBody>(file, fragment, reference)?;
                walk::request_body(&mut node, fragment, &mut |site| self.site(site, file));
                self.components.request_bodies.insert(key.clone(), node);
            }
            Kind::Response => {
                self.components.responses.insert(key.clone(), Response::default());
                let mut node = self.node::<Response>(file, fragment, reference)?;
                walk::response(&mut node, fragment, &mut |site| self.site(site, file));
                self.components.responses.insert(key.clone(), node);
            }
            Kind::PathItem => {}
        }
        Ok(key)
    }

    /// The node at `fragment` of `file`, read as a `T`. A node of the wrong
    /// shape is reported in its file; the error returned is for the site.
    fn node<T: DeserializeOwned + Default>(
        &mut self,
        file: usize,
        fragment: &str,
        reference: &str,
    ) -> Result<T, Diagnostic> {
        let Some(value) = self.value(file) else {
            // The file's syntax error is reported already.
            return Ok(T::default());
        };
        let Some(node) = value.pointer(fragment) else {
            return Err(Diagnostic::error(
                "",
                format!("unresolved $ref '{reference}': '{}' has no node at #{fragment}", self.path_of(file)),
            ));
        };
        match serde_path_to_error::deserialize::<_, T>(node) {
            Ok(t) => Ok(t),
            Err(e) => {
                let pointer = format!("{fragment}{}", super::pointer_of(e.path()));
                let d = Diagnostic::error("", super::reword(&e.into_inner().to_string()));
                self.report(file, &pointer, d);
                Ok(T::default())
            }
        }
    }

    /// The contents of `file`, parsed on first use.
    fn value(&mut self, file: usize) -> Option<&Value> {
        if file == 0 {
            if self.root_value.is_none() {
                let root = Source { name: self.root_path.clone(), text: self.root_text.to_string() };
                self.root_value = Some(super::value_of(&root).ok());
            }
            return self.root_value.as_ref().and_then(Option::as_ref);
        }
        self.loaded.get(file - 1).and_then(|f| f.value.as_ref())
    }

    fn path_of(&self, file: usize) -> &str {
        match file {
            0 => &self.root_path,
            n => &self.loaded[n - 1].path,
        }
    }

    /// The file and fragment `reference`, written in `from`, points at;
    /// the file is read here when it is new.
    fn target(&mut self, reference: &str, from: usize) -> Result<(usize, String), Diagnostic> {
        let (path, fragment) = reference.split_once('#').unwrap_or((reference, ""));
        let fragment = percent_decode(fragment);
        if !fragment.is_empty() && !fragment.starts_with('/') {
            return Err(Diagnostic::error("", format!("$ref '{reference}' has a fragment that is not a JSON pointer"))
                .with_hint("write the fragment as `#/path/to/node`"));
        }
        if path.is_empty() {
            return Ok((from, fragment));
        }
        if has_scheme(path) {
            return Err(Diagnostic::error("", format!("$ref '{reference}' is a URL; it is not followed"))
                .with_hint("the generator reads no network and no file outside the spec's folder: save the file beside the spec and refer to it by a relative path"));
        }
        if path.starts_with(['/', '\\']) {
            return Err(Diagnostic::error("", format!("$ref '{reference}' is an absolute path; it is not followed"))
                .with_hint(
                    "refer to files by paths relative to the file that refers to them, inside the spec's folder",
                ));
        }
        let base = self.path_of(from).rsplit_once('/').map_or("", |(dir, _)| dir).to_string();
        let Some(path) = normalize(&base, &percent_decode(path)) else {
            return Err(Diagnostic::error(
                "",
                format!("$ref '{reference}' leads outside the spec's folder; it is not followed"),
            )
            .with_hint("keep every file of the spec inside the folder of the root spec"));
        };
        if path == self.root_path {
            return Ok((0, fragment));
        }
        if let Some(n) = self.numbers.get(&path) {
            return Ok((*n, fragment));
        }
        let source = self
            .files
            .read(&path)
            .map_err(|why| Diagnostic::error("", format!("$ref '{reference}': cannot read '{path}': {why}")))?;
        let value = match super::value_of(&source) {
            Ok(v) => Some(v),
            Err(d) => {
                self.diags.push(d.in_file(source.name.clone()));
                None
            }
        };
        self.loaded.push(File { source, path: path.clone(), value });
        let n = self.loaded.len();
        self.numbers.insert(path, n);
        Ok((n, fragment))
    }

    /// Adds `d` as a diagnostic about the node at `pointer` of `file`.
    fn report(&mut self, file: usize, pointer: &str, mut d: Diagnostic) {
        d.pointer = pointer.to_string();
        if file == 0 {
            self.diags.push(d);
            return;
        }
        let source = &self.loaded[file - 1].source;
        if let Some((line, column)) = crate::locate::locate_all(&source.text, &[pointer]).pop().flatten() {
            d = d.at(line, column);
        }
        self.diags.push(d.in_file(source.name.clone()));
    }
}

/// `scheme:` at the start of a reference (`http:`, `file:`, …): a URL.
fn has_scheme(path: &str) -> bool {
    match path.split_once(':') {
        Some((scheme, _)) => {
            scheme.len() > 1
                && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        None => false,
    }
}

/// `path` (relative) seen from the folder `base` of the root's folder, with
/// `.` and `..` resolved; `None` when it climbs out of the root's folder.
fn normalize(base: &str, path: &str) -> Option<String> {
    let mut parts: Vec<&str> = base.split('/').filter(|p| !p.is_empty()).collect();
    for segment in path.split(['/', '\\']) {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s if s.len() == 2 && s.ends_with(':') => return None, // a Windows drive
            s => parts.push(s),
        }
    }
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// `s` with `%XX` escapes decoded (a reference's fragment may be
/// percent-encoded); invalid escapes are kept as they are.
pub(crate) fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_stay_inside_the_folder() {
        assert_eq!(normalize("paths", "../components/a.yaml").as_deref(), Some("components/a.yaml"));
        assert_eq!(normalize("", "./a/./b.yaml").as_deref(), Some("a/b.yaml"));
        assert_eq!(normalize("paths", "../../x.yaml"), None);
        assert_eq!(normalize("", "../x.yaml"), None);
        assert_eq!(normalize("", "C:/x.yaml"), None);
        assert_eq!(normalize("", "a/.."), None);
    }

    #[test]
    fn urls_are_recognised() {
        assert!(has_scheme("https://example.com/a.yaml"));
        assert!(has_scheme("file:///etc/passwd"));
        assert!(!has_scheme("a.yaml"));
        assert!(!has_scheme("C:/x"), "a drive letter is an absolute path, refused elsewhere");
        assert_eq!(percent_decode("a%7Bb%7D%2"), "a{b}%2");
    }
}
