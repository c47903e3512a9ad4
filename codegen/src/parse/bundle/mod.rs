//! Specs split across files, bundled as JSON References on the parsed value
//! tree, before it is read into the typed document (or into Swagger 2.0's
//! types, before their conversion). A structure-aware walk knows what kind
//! of object stands at each position ([`structure`]); a `$ref` is resolved
//! relative to the file that holds it, wherever it stands:
//!
//! - A schema, parameter, request body or response from another file (or
//!   any such `$ref` written inside another file, `#/…` fragments pointing
//!   into that file) is filed once under its `components` section (2.0:
//!   `definitions`, `parameters`, `responses`), its key from
//!   [`naming::ref_key`], and the `$ref` rewritten to point there: one
//!   target is one type, and recursion across files is the model's ordinary
//!   recursion. A chain of `$ref`s is followed to its end first.
//! - Anything else (a path item, an operation, a `content` map, a security
//!   scheme, a header, an example, a link, …) is put in place of its `$ref`
//!   and walked as what it is, in the context of its own file.
//! - A `#/components/<section>/<key>` of the root spec stays a reference
//!   (the model resolves it, and reports one of the wrong kind), except for
//!   path items and security schemes, which are put in place. Other local
//!   refs of the root (`#/paths/…/parameters/0`) are resolved like external
//!   ones.
//! - A component of the root that is only a `$ref` to another file (the
//!   layout `components: {schemas: {Pet: {$ref: schemas/Pet.yaml}}}`)
//!   becomes what it names, under its own key, and every other `$ref` to
//!   that target points at it.
//!
//! Each file is read (through [`Files`], which the command line provides)
//! and parsed once. A reference that leaves the root folder, names a URL or
//! an absolute path is an error and nothing is read for it. Every node
//! brought in is recorded in [`Origins`], so a diagnostic about it names its
//! file and a pointer into that file.

mod paths;
mod scan;
mod structure;

pub(crate) use paths::percent_decode;
pub(crate) use scan::needs_bundling;

use super::origins::{Origins, Place};
use super::Source;
use crate::diagnostic::{escape_token, join, Code, Diagnostic, Severity};
use crate::naming;
use indexmap::IndexMap;
use serde_json::{Map, Value};
use std::collections::{HashMap, HashSet};
use structure::{children, Kind, Read, Shape};

/// Where the files a spec refers to are read from: the command line's
/// view of the root folder (a directory, or a git revision of one).
pub trait Files: Sync {
    /// The file at `path`: relative to the root folder, `/`-separated,
    /// without `.` or `..` segments. Implementations must refuse a path
    /// that leads outside the folder (through a symbolic link). The error
    /// says why the file cannot be read.
    fn read(&self, path: &str) -> Result<Source, String>;

    /// The root spec's own path inside the folder (`/`-separated), which
    /// its relative refs start from; `None` when it sits at the top of the
    /// folder (the default: the folder is the spec's own).
    fn entry(&self) -> Option<String> {
        None
    }
}

/// No files beside the spec: every reference to another file is an error.
pub struct NoFiles;

impl Files for NoFiles {
    fn read(&self, _path: &str) -> Result<Source, String> {
        Err("only the spec's own text was given, not its folder".to_string())
    }
}

/// How many `$ref`s are followed one after the other before the chain
/// counts as a cycle.
const MAX_HOPS: usize = 16;

/// Which document the value tree is: where hoisted nodes are filed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dialect {
    OpenApi3,
    Swagger2,
}

impl Dialect {
    /// The pointer of the section that holds components of `kind`.
    fn section(self, kind: Kind) -> Option<&'static str> {
        match (self, kind) {
            (Dialect::OpenApi3, Kind::Schema) => Some("/components/schemas"),
            (Dialect::OpenApi3, Kind::Parameter) => Some("/components/parameters"),
            (Dialect::OpenApi3, Kind::RequestBody) => Some("/components/requestBodies"),
            (Dialect::OpenApi3, Kind::Response) => Some("/components/responses"),
            (Dialect::Swagger2, Kind::Schema) => Some("/definitions"),
            (Dialect::Swagger2, Kind::Parameter) => Some("/parameters"),
            (Dialect::Swagger2, Kind::Response) => Some("/responses"),
            _ => None,
        }
    }

    fn security_schemes(self) -> &'static str {
        match self {
            Dialect::OpenApi3 => "/components/securitySchemes",
            Dialect::Swagger2 => "/securityDefinitions",
        }
    }

    /// Whether a `$ref` of the root spec to `fragment` stays a reference.
    fn kept(self, fragment: &str) -> bool {
        match self {
            Dialect::OpenApi3 => scan::kept_component(fragment),
            Dialect::Swagger2 => ["/definitions/", "/parameters/", "/responses/"]
                .iter()
                .any(|p| fragment.strip_prefix(p).is_some_and(|key| !key.is_empty() && !key.contains('/'))),
        }
    }
}

/// What bundling brought in, and what went wrong on the way.
pub(crate) struct Bundled {
    /// The files read besides the root, in the order first referenced: file
    /// `n` of an [`Origins`] place is `files[n - 1]`.
    pub files: Vec<Source>,
    /// Where the nodes brought in came from.
    pub origins: Origins,
    /// Every reference the generator reads that could not be followed, and
    /// every error in the files read, located. The model still runs, so
    /// that one run reports all.
    pub errors: Vec<Diagnostic>,
    /// References the generator does not read (headers, examples, links,
    /// callbacks) that could not be followed.
    pub warnings: Vec<Diagnostic>,
    /// Where each `$ref` that was not followed is written (file name, or
    /// `None` for the root, and pointer): the model meets it unresolved
    /// there, and must not report it again.
    pub unfollowed: Vec<(Option<Box<str>>, String)>,
}

/// Resolves every `$ref` of `doc` (the root spec `root`, parsed) that the
/// typed document cannot read as it is.
pub(crate) fn bundle(doc: &mut Value, root: &Source, dialect: Dialect, files: &dyn Files) -> Bundled {
    let root_path =
        files.entry().unwrap_or_else(|| root.name.rsplit(['/', '\\']).next().unwrap_or(&root.name).to_string());
    let mut b = Bundler {
        files,
        dialect,
        root_path,
        root,
        root_value: None,
        loaded: Vec::new(),
        numbers: HashMap::new(),
        hoisted: HashMap::new(),
        taken: HashMap::new(),
        hoists: IndexMap::new(),
        origins: Origins::default(),
        errors: Vec::new(),
        warnings: Vec::new(),
        unfollowed: Vec::new(),
    };
    const HOISTED: [Kind; 4] = [Kind::Schema, Kind::Parameter, Kind::Response, Kind::RequestBody];
    for kind in HOISTED {
        let Some(section) = dialect.section(kind) else { continue };
        let keys = doc.pointer(section).and_then(Value::as_object).map(|m| m.keys().cloned().collect());
        b.taken.insert(kind, keys.unwrap_or_default());
    }
    for kind in HOISTED {
        let Some(Value::Object(section)) = dialect.section(kind).and_then(|s| doc.pointer(s)) else { continue };
        for (key, node) in section.iter().filter(|(_, node)| stands_for_its_target(node, kind)) {
            if let Some(reference) = ref_of(node) {
                b.claim(kind, key, reference);
            }
        }
    }
    if let Some(paths) = doc.get_mut("paths") {
        b.visit(paths, Shape::Map(Kind::PathItem), &Ctx::root("/paths"), None);
    }
    if let Some(schemes) = doc.pointer_mut(dialect.security_schemes()) {
        b.visit(schemes, Shape::Map(Kind::SecurityScheme), &Ctx::root(dialect.security_schemes()), None);
    }
    for kind in HOISTED {
        let Some(section) = dialect.section(kind) else { continue };
        let Some(Value::Object(entries)) = doc.pointer_mut(section) else { continue };
        for (key, node) in entries.iter_mut() {
            let home = stands_for_its_target(node, kind).then_some(key.as_str());
            b.visit(node, Shape::One(kind), &Ctx::root(&join(section, key)), home);
        }
    }
    let hoists = std::mem::take(&mut b.hoists);
    for (kind, nodes) in hoists {
        let Some(section) = dialect.section(kind) else { continue };
        if let Some(entries) = section_mut(doc, section) {
            entries.extend(nodes);
        }
    }
    Bundled {
        files: b.loaded.into_iter().map(|f| f.source).collect(),
        origins: b.origins,
        errors: b.errors,
        warnings: b.warnings,
        unfollowed: b.unfollowed,
    }
}

/// The object at `section` (`/components/schemas`, `/definitions`), made
/// when it is not there; `None` when something else is (a shape error,
/// reported by the typed pass).
fn section_mut<'v>(doc: &'v mut Value, section: &str) -> Option<&'v mut Map<String, Value>> {
    let mut node = doc;
    for token in section.split('/').skip(1) {
        let Value::Object(map) = node else { return None };
        node = map.entry(token.to_string()).or_insert_with(|| Value::Object(Map::new()));
    }
    node.as_object_mut()
}

/// The `$ref` of a node: a mapping whose `$ref` is a string.
fn ref_of(node: &Value) -> Option<&str> {
    node.as_object()?.get("$ref")?.as_str()
}

/// Whether a component of the root is what its `$ref` names, put in its
/// place: a schema `$ref` with sibling keywords is a schema of its own
/// (which refers to the target, filed apart).
fn stands_for_its_target(node: &Value, kind: Kind) -> bool {
    kind != Kind::Schema || is_pure_ref(node)
}

/// A `$ref` with nothing beside it: a schema `$ref` with sibling keywords
/// is a schema of its own, which refers to the target.
fn is_pure_ref(node: &Value) -> bool {
    node.as_object().is_some_and(|m| m.len() == 1)
}

/// A response, parameter or request body target that is plainly a schema:
/// schema keywords and none of the kind's own keys. Filed as a schema, so
/// the model sees (and reports or recovers) a `$ref` of the wrong kind.
fn plainly_a_schema(node: &Value, kind: Kind) -> bool {
    let Value::Object(map) = node else { return false };
    let own: &[&str] = match kind {
        Kind::Response => &["description", "content", "headers", "links", "schema"],
        Kind::Parameter => &["name", "in"],
        Kind::RequestBody => &["content", "description", "required"],
        _ => return false,
    };
    !own.iter().any(|k| map.contains_key(*k))
        && ["type", "properties", "allOf", "oneOf", "anyOf", "items", "enum", "additionalProperties"]
            .iter()
            .any(|k| map.contains_key(*k))
}

/// Where a walk stands: the file whose refs are read, the pointer in the
/// bundled document, and whether the generator reads what is there.
struct Ctx {
    file: usize,
    at: String,
    read: bool,
}

impl Ctx {
    fn root(at: &str) -> Self {
        Ctx { file: 0, at: at.to_string(), read: true }
    }

    fn child(&self, token: impl crate::diagnostic::Token, read: Read) -> Self {
        Ctx { file: self.file, at: join(&self.at, token), read: self.read && read == Read::Yes }
    }
}

/// What a `$ref` resolves to.
enum Resolved {
    /// The `$ref` now reads this (a local reference).
    Local(String),
    /// This node goes in place of the `$ref`: it is at `fragment` of `file`.
    Inline { value: Value, file: usize, fragment: String },
}

/// Why a `$ref` was not followed, and where the `$ref` that failed is
/// written when it is not the one at the site (a later link of a chain).
type Failed = Box<(Diagnostic, Option<Place>)>;

struct File {
    source: Source,
    /// Its path relative to the root folder.
    path: String,
    /// Its contents; `None` when they could not be parsed (reported).
    value: Option<Value>,
}

struct Bundler<'a> {
    files: &'a dyn Files,
    dialect: Dialect,
    /// The root spec's path relative to the root folder.
    root_path: String,
    root: &'a Source,
    /// The root's text as a value tree as written, read only when a
    /// reference points at something other than a component of it.
    root_value: Option<Option<Value>>,
    /// Files read so far: file `n` is `loaded[n - 1]`.
    loaded: Vec<File>,
    /// File numbers by path.
    numbers: HashMap<String, usize>,
    /// Nodes filed under a section: (file, fragment, kind) → their key.
    hoisted: HashMap<(usize, String, Kind), String>,
    /// Keys in use in each section.
    taken: HashMap<Kind, HashSet<String>>,
    /// The nodes filed, by kind, in the order first met.
    hoists: IndexMap<Kind, IndexMap<String, Value>>,
    origins: Origins,
    errors: Vec<Diagnostic>,
    warnings: Vec<Diagnostic>,
    unfollowed: Vec<(Option<Box<str>>, String)>,
}

impl Bundler<'_> {
    /// Resolves the `$ref` of `node` (when it has one that must be), then
    /// walks what stands there. `home` is the key of a component of the
    /// root being walked: what it refers to is put in its place.
    fn visit(&mut self, node: &mut Value, shape: Shape, ctx: &Ctx, home: Option<&str>) {
        if let Some(reference) = ref_of(node).map(str::to_string) {
            let kept = ctx.file == 0
                && shape.keeps_component_refs()
                && reference.strip_prefix('#').is_some_and(|f| self.dialect.kept(&percent_decode(f)));
            if !kept {
                match self.resolve(&reference, shape, ctx.file, home) {
                    Ok(Resolved::Local(local)) => {
                        if let Value::Object(map) = node {
                            map.insert("$ref".to_string(), Value::String(local));
                        }
                    }
                    Ok(Resolved::Inline { value, file, fragment }) => {
                        *node = value;
                        self.origins.insert(&ctx.at, file, &fragment);
                        let inner = Ctx { file, at: ctx.at.clone(), read: ctx.read };
                        return self.children(node, shape, &inner);
                    }
                    Err(failed) => {
                        self.fail(*failed, &join(&ctx.at, "$ref"), ctx.read);
                        // A map or list the typed document reads cannot
                        // hold a `$ref`: it is left empty (reported above).
                        match shape {
                            Shape::Map(_) => *node = Value::Object(Map::new()),
                            Shape::List(_) => *node = Value::Array(Vec::new()),
                            Shape::One(_) => {}
                        }
                        return;
                    }
                }
            }
        }
        self.children(node, shape, ctx);
    }

    /// Walks what `node` (of `shape`) holds.
    fn children(&mut self, node: &mut Value, shape: Shape, ctx: &Ctx) {
        match (shape, node) {
            (Shape::One(Kind::Callback), Value::Object(map)) => {
                for (expression, item) in map.iter_mut().filter(|(k, _)| !k.starts_with("x-")) {
                    self.visit(item, Shape::One(Kind::PathItem), &ctx.child(expression, Read::No), None);
                }
            }
            (Shape::One(kind), Value::Object(map)) => {
                for (key, shape, read) in children(kind) {
                    let Some(child) = map.get_mut(*key) else { continue };
                    // JSON Schema draft 4's list form of `items`.
                    let shape = match (kind, child.is_array()) {
                        (Kind::Schema, true) if *key == "items" => Shape::List(Kind::Schema),
                        _ => *shape,
                    };
                    self.visit(child, shape, &ctx.child(key, *read), None);
                }
                if kind == Kind::Schema {
                    self.mapping(map, ctx);
                }
            }
            (Shape::Map(kind), Value::Object(map)) => {
                // Paths and responses take extensions beside their entries;
                // a schema's properties may well be named `x-…`.
                let extensions = matches!(kind, Kind::PathItem | Kind::Response);
                for (key, child) in map.iter_mut().filter(|(k, _)| !(extensions && k.starts_with("x-"))) {
                    self.visit(child, Shape::One(kind), &ctx.child(key, Read::Yes), None);
                }
            }
            (Shape::List(kind), Value::Array(items)) => {
                for (i, child) in items.iter_mut().enumerate() {
                    self.visit(child, Shape::One(kind), &ctx.child(i, Read::Yes), None);
                }
            }
            _ => {}
        }
    }

    /// A discriminator's mapping values that name other files are
    /// references to schemas; a bare name is a component of the root.
    fn mapping(&mut self, schema: &mut Map<String, Value>, ctx: &Ctx) {
        let Some(Value::Object(mapping)) = schema.get_mut("discriminator").and_then(|d| d.get_mut("mapping")) else {
            return;
        };
        let at = join(&join(&ctx.at, "discriminator"), "mapping");
        for (value, target) in mapping.iter_mut() {
            let Value::String(reference) = target else { continue };
            let file = [".yaml", ".yml", ".json"].iter().any(|e| reference.ends_with(e));
            if !(file || reference.contains(['#', '/'])) || (ctx.file == 0 && reference.starts_with('#')) {
                continue;
            }
            match self.resolve(&reference.clone(), Shape::One(Kind::Schema), ctx.file, None) {
                Ok(Resolved::Local(local)) => *reference = local,
                // A schema is always filed, never put in place.
                Ok(Resolved::Inline { .. }) => {}
                Err(failed) => self.fail(*failed, &join(&at, value), ctx.read),
            }
        }
    }

    /// Follows `reference`, written in `from` at a position of `shape`, to
    /// its end. `home`: see [`Bundler::visit`].
    fn resolve(&mut self, reference: &str, shape: Shape, from: usize, home: Option<&str>) -> Result<Resolved, Failed> {
        let mut kind = shape.hoisted();
        let mut hops: Vec<(usize, String)> = Vec::new();
        let (mut file, mut written) = (from, reference.to_string());
        // Where the `$ref` being followed is written, for a failure past
        // the first link.
        let mut written_at: Option<Place> = None;
        loop {
            let (target, fragment) = self.target(&written, file).map_err(|d| Box::new((d, written_at.clone())))?;
            if hops.contains(&(target, fragment.clone())) || hops.len() > MAX_HOPS {
                // Reported where the loop closes.
                let d = Diagnostic::new(
                    Code::RefCycle,
                    "",
                    format!("{} $ref '{written}' leads back to itself", shape.noun()),
                );
                return Err(Box::new((d, written_at)));
            }
            hops.push((target, fragment.clone()));
            if target == 0 && shape.keeps_component_refs() && self.dialect.kept(&fragment) {
                return Ok(Resolved::Local(format!("#{fragment}")));
            }
            if let Some(kind) = kind {
                let hit = self.hoisted.get(&(target, fragment.clone(), kind)).filter(|k| Some(k.as_str()) != home);
                if let Some(key) = hit {
                    return Ok(Resolved::Local(self.local_ref(kind, key)));
                }
            }
            if !self.parsed(target) {
                // The file's syntax error is reported already.
                return Ok(Resolved::Inline { value: Value::Object(Map::new()), file: target, fragment });
            }
            let Some(node) = self.value_at(target, &fragment) else {
                let d = Diagnostic::new(
                    Code::UnresolvedRef,
                    "",
                    format!("unresolved $ref '{written}': '{}' has no node at #{fragment}", self.path_of(target)),
                );
                return Err(Box::new((d, written_at)));
            };
            match ref_of(node) {
                Some(next) if kind != Some(Kind::Schema) || is_pure_ref(node) => {
                    written_at = Some(Place { file: target, pointer: join(&fragment, "$ref") });
                    (file, written) = (target, next.to_string());
                }
                _ => {
                    if kind.is_some_and(|k| plainly_a_schema(node, k)) && home.is_none() {
                        kind = Some(Kind::Schema);
                    }
                    break;
                }
            }
        }
        let Some((target, fragment)) = hops.last().cloned() else {
            return Err(Box::new((
                Diagnostic::new(Code::RefLeadsNowhere, "", format!("$ref '{reference}' leads nowhere")),
                None,
            )));
        };
        let value = self.value_at(target, &fragment).cloned().unwrap_or_default();
        match kind {
            Some(kind) if home.is_none() && self.dialect.section(kind).is_some() => {
                Ok(Resolved::Local(self.hoist(kind, &hops, value)))
            }
            _ => Ok(Resolved::Inline { value, file: target, fragment }),
        }
    }

    /// Files `value` (the end of the chain `hops`) under its section, its
    /// key from the first link, and says how to refer to it.
    fn hoist(&mut self, kind: Kind, hops: &[(usize, String)], mut value: Value) -> String {
        let (first_file, first_fragment) = &hops[0];
        let path = self.path_of(*first_file).to_string();
        let taken = self.taken.entry(kind).or_default();
        let key = naming::ref_key(&path, first_fragment, |k| taken.contains(k));
        taken.insert(key.clone());
        // Every link is registered before the node is walked, so that a
        // cycle through it finds the key.
        for (file, fragment) in hops {
            self.hoisted.entry((*file, fragment.clone(), kind)).or_insert_with(|| key.clone());
        }
        let section = self.dialect.section(kind).unwrap_or_default();
        let at = join(section, &key);
        let (file, fragment) = hops.last().cloned().unwrap_or_default();
        self.origins.insert(&at, file, &fragment);
        // The slot is taken before the walk, so the order is the order of
        // first use.
        self.hoists.entry(kind).or_default().insert(key.clone(), Value::Null);
        self.visit(&mut value, Shape::One(kind), &Ctx { file, at, read: true }, None);
        self.hoists.entry(kind).or_default().insert(key.clone(), value);
        self.local_ref(kind, &key)
    }

    /// Registers the target of a component of the root that is only a
    /// `$ref` (and every link of its chain) as that component, before
    /// anything else refers to it.
    fn claim(&mut self, kind: Kind, key: &str, reference: &str) {
        let (mut file, mut written) = (0, reference.to_string());
        for _ in 0..MAX_HOPS {
            let Ok((target, fragment)) = self.target(&written, file) else { return };
            if target == 0 && self.dialect.kept(&fragment) {
                return;
            }
            self.hoisted.entry((target, fragment.clone(), kind)).or_insert_with(|| key.to_string());
            let next = self.value_at(target, &fragment).filter(|n| kind != Kind::Schema || is_pure_ref(n));
            let Some(next) = next.and_then(ref_of).map(str::to_string) else { return };
            (file, written) = (target, next);
        }
    }

    fn local_ref(&self, kind: Kind, key: &str) -> String {
        format!("#{}/{}", self.dialect.section(kind).unwrap_or_default(), escape_token(key))
    }

    /// Reports a `$ref` that was not followed: an error where the
    /// generator reads it, else a warning. `at` is the pointer of the
    /// `$ref` in the bundled document.
    fn fail(&mut self, (d, written_at): (Diagnostic, Option<Place>), at: &str, read: bool) {
        let site = self.origins.place(at);
        let file = site.file.checked_sub(1).map(|n| self.loaded[n].source.name.clone().into_boxed_str());
        self.unfollowed.push((file, site.pointer.clone()));
        let place = written_at.unwrap_or(site);
        let d = if read {
            d
        } else {
            // The same kind of problem, where it does no harm: it keeps its code.
            let hint = Some(match d.hint {
                Some(hint) => format!("{hint}; the generator does not read what is there, so it goes on"),
                None => "the generator does not read what is there, so it goes on".to_string(),
            });
            Diagnostic { severity: Severity::Warning, hint, pointer: String::new(), position: None, file: None, ..d }
        };
        self.report(place, d);
    }

    /// Adds `d` as a diagnostic about the node at `place`.
    fn report(&mut self, place: Place, d: Diagnostic) {
        let d = match place.file {
            0 => super::placed(d, place.pointer, &self.root.text, None),
            n => {
                let source = &self.loaded[n - 1].source;
                super::placed(d, place.pointer, &source.text, Some(&source.name))
            }
        };
        if d.is_error() {
            self.errors.push(d);
        } else {
            self.warnings.push(d);
        }
    }

    /// Whether `file` could be parsed.
    fn parsed(&mut self, file: usize) -> bool {
        self.value(file).is_some()
    }

    fn value_at(&mut self, file: usize, fragment: &str) -> Option<&Value> {
        self.value(file)?.pointer(fragment)
    }

    /// The contents of `file`, parsed on first use.
    fn value(&mut self, file: usize) -> Option<&Value> {
        if file == 0 {
            if self.root_value.is_none() {
                self.root_value = Some(super::value_of(self.root).ok());
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
            return Err(Diagnostic::new(
                Code::RefFragment,
                "",
                format!("$ref '{reference}' has a fragment that is not a JSON pointer"),
            )
            .with_hint("write the fragment as `#/path/to/node`"));
        }
        if path.is_empty() {
            return Ok((from, fragment));
        }
        if paths::has_scheme(path) {
            return Err(Diagnostic::new(Code::RefUrl, "", format!("$ref '{reference}' is a URL; it is not followed"))
                .with_hint("the generator reads no network and no file outside the spec's folder: save the file beside the spec and refer to it by a relative path"));
        }
        if path.starts_with(['/', '\\']) {
            return Err(Diagnostic::new(
                Code::RefAbsolutePath,
                "",
                format!("$ref '{reference}' is an absolute path; it is not followed"),
            )
            .with_hint("refer to files by paths relative to the file that refers to them, inside the spec's folder"));
        }
        let base = paths::folder_of(self.path_of(from)).to_string();
        let Some(path) = paths::normalize(&base, &percent_decode(path)) else {
            return Err(Diagnostic::new(
                Code::RefOutsideFolder,
                "",
                format!("$ref '{reference}' leads outside the spec's folder; it is not followed"),
            )
            .with_hint(
                "keep every file of the spec inside the root folder (by default the entry file's folder); \
                 pass `--root <dir>` (`Builder::root`) to allow files above the entry's folder",
            ));
        };
        if path == self.root_path {
            return Ok((0, fragment));
        }
        if let Some(n) = self.numbers.get(&path) {
            return Ok((*n, fragment));
        }
        let source = self.files.read(&path).map_err(|why| {
            Diagnostic::new(Code::RefFileUnreadable, "", format!("$ref '{reference}': cannot read '{path}': {why}"))
        })?;
        let value = match super::value_of(&source) {
            Ok(v) => Some(v),
            Err(d) => {
                self.errors.push(d.in_file(source.name.clone()));
                None
            }
        };
        self.loaded.push(File { source, path: path.clone(), value });
        let n = self.loaded.len();
        self.numbers.insert(path, n);
        Ok((n, fragment))
    }
}

#[cfg(test)]
mod tests;
