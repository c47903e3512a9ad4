//! Random damage to real specs: the generator returns a crate or located
//! errors, and never panics, crashes or emits code that does not parse.
//!
//! The Stream spec and the corpus (`../shared/corpus`, small slices of the
//! large ones) are parsed once; each case applies a few mutations to one of
//! them (deleting keys, changing types, inserting odd strings and keys,
//! breaking `$ref`s, duplicating operationIds, bending path templates,
//! nesting deeply, making `$ref` cycles, misspelling types, odd enum
//! values, huge numbers, schema names that are keywords or empty), writes it
//! as YAML or JSON text and runs the whole pipeline in memory. Then a fixed
//! sample of the crates that generated (a spec or a mutation kind new to the
//! sample each) is written out and `cargo check`ed (`mutations/compile.rs`):
//! always under `CI=true`, locally with `CODEGEN_MUTATION_COMPILE=1`. A table
//! by mutation kind is printed. The seed is fixed and the case count
//! bounded so that CI runs the same cases every time;
//! `CODEGEN_PROPTEST_CASES=N` runs more locally,
//! `CODEGEN_PROPTEST_SEED=text` other cases. Without the corpus only the
//! Stream spec is mutated, with a message, except under `CI=true`, where a
//! missing or unreadable corpus is a failure.

use codegen::cli::report;
use codegen::model::Options;
use codegen::parse::Source;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestRng, TestRunner};
use serde_json::{Map, Value};
use std::path::Path;

mod common;
mod mutations {
    pub mod compile;
}
use mutations::compile;

const DEFAULT_CASES: u32 = 1000;
const SEED: [u8; 32] = *b"codegen-issue-5-mutation-seed-01";

/// Strings that have broken generators before: path tricks, keywords,
/// prelude names, punctuation, control characters, non-ASCII, numbers.
const ODD: &[&str] = &[
    "",
    " ",
    "_",
    "-",
    ".",
    "..",
    "{",
    "}",
    "{}",
    "{x}",
    "/",
    "//",
    "../../etc/passwd",
    "/abs",
    "C:\\x",
    "con",
    "nul",
    "a\nb",
    "\r\n",
    "\t",
    "\"",
    "'",
    "`",
    "\\",
    "#",
    "$ref",
    "#/components/schemas/",
    "~1",
    "~0",
    "%00",
    "\u{0}",
    "\u{202e}evil",
    "🦀",
    "ß",
    "é",
    "self",
    "Self",
    "type",
    "crate",
    "super",
    "mod",
    "None",
    "Result",
    "Option",
    "Vec",
    "String",
    "Default",
    "0",
    "-1",
    "1e400",
    "9999999999999999999999",
    "true",
    "null",
    "*/",
    "/*",
    "#[doc]",
    "r#type",
    "__",
    "a b c",
    "x-rust-crate",
    "application/json",
    "multipart/form-data",
    "text/plain",
    "get",
    "200",
    "4XX",
];

/// What a mutation does. Some kinds appear twice in [`KINDS`], so that the
/// cheap, common damage is drawn more often.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Delete,
    Retype,
    RenameKey,
    BreakRef,
    DuplicateOperationId,
    BendPath,
    Nest,
    RefCycle,
    OddString,
    OddValueAsString,
    DuplicateKey,
    MisspellType,
    OddEnum,
    HugeNumber,
    OddSchemaName,
}

const KINDS: &[Kind] = &[
    Kind::Delete,
    Kind::Retype,
    Kind::Retype,
    Kind::RenameKey,
    Kind::BreakRef,
    Kind::BreakRef,
    Kind::DuplicateOperationId,
    Kind::BendPath,
    Kind::Nest,
    Kind::RefCycle,
    Kind::OddString,
    Kind::OddValueAsString,
    Kind::DuplicateKey,
    Kind::MisspellType,
    Kind::OddEnum,
    Kind::HugeNumber,
    Kind::OddSchemaName,
];

/// One mutation: which node, what to do, and a number to pick details.
#[derive(Debug, Clone)]
struct Mutation {
    node: u32,
    kind: Kind,
    pick: u16,
}

fn mutation() -> impl Strategy<Value = Mutation> {
    (any::<u32>(), 0..KINDS.len(), any::<u16>()).prop_map(|(node, kind, pick)| Mutation {
        node,
        kind: KINDS[kind],
        pick,
    })
}

/// A step on the way to a node.
#[derive(Debug, Clone)]
enum Step {
    Key(String),
    Index(usize),
}

/// Every node's path, without recursion, in a fixed order (mappings keep
/// their order).
fn nodes(root: &Value) -> Vec<Vec<Step>> {
    let mut out = Vec::new();
    let mut todo: Vec<(Vec<Step>, &Value)> = vec![(Vec::new(), root)];
    while let Some((path, v)) = todo.pop() {
        match v {
            Value::Object(map) => {
                for (k, child) in map {
                    let mut p = path.clone();
                    p.push(Step::Key(k.clone()));
                    todo.push((p, child));
                }
            }
            Value::Array(items) => {
                for (i, child) in items.iter().enumerate() {
                    let mut p = path.clone();
                    p.push(Step::Index(i));
                    todo.push((p, child));
                }
            }
            _ => {}
        }
        out.push(path);
    }
    out
}

fn get_mut<'v>(root: &'v mut Value, path: &[Step]) -> Option<&'v mut Value> {
    path.iter().try_fold(root, |v, step| match (v, step) {
        (Value::Object(m), Step::Key(k)) => m.get_mut(k),
        (Value::Array(a), Step::Index(i)) => a.get_mut(*i),
        _ => None,
    })
}

fn odd(pick: u16) -> String {
    match pick as usize % (ODD.len() + 1) {
        i if i < ODD.len() => ODD[i].to_string(),
        _ => "x".repeat(2000),
    }
}

fn odd_value(pick: u16) -> Value {
    match pick % 12 {
        0 => Value::Null,
        1 => Value::Bool(pick.is_multiple_of(2)),
        2 => serde_json::json!(-1),
        3 => serde_json::json!(u64::MAX),
        4 => serde_json::json!(1.5e300),
        5 => serde_json::json!(i64::MIN),
        6 => Value::Array(Vec::new()),
        7 => Value::Object(Map::new()),
        8 => serde_json::json!([odd(pick / 12)]),
        9 => serde_json::json!({ odd(pick / 12): odd(pick / 7) }),
        _ => Value::String(odd(pick / 12)),
    }
}

/// Strings at paths ending in `key` (e.g. every `$ref` or `operationId`).
fn strings_named<'p>(all: &'p [Vec<Step>], root: &Value, key: &str) -> Vec<&'p Vec<Step>> {
    let get = |path: &[Step]| {
        path.iter().try_fold(root, |v, step| match (v, step) {
            (Value::Object(m), Step::Key(k)) => m.get(k),
            (Value::Array(a), Step::Index(i)) => a.get(*i),
            _ => None,
        })
    };
    all.iter()
        .filter(|p| matches!(p.last(), Some(Step::Key(k)) if k == key))
        .filter(|p| get(p).is_some_and(Value::is_string))
        .collect()
}

fn apply(doc: &mut Value, m: &Mutation) {
    let all = nodes(doc);
    let path = all[m.node as usize % all.len()].clone();
    match m.kind {
        Kind::Delete => {
            if let Some((last, parent)) = path.split_last() {
                match (get_mut(doc, parent), last) {
                    (Some(Value::Object(map)), Step::Key(k)) => {
                        map.shift_remove(k);
                    }
                    (Some(Value::Array(items)), Step::Index(i)) if *i < items.len() => {
                        items.remove(*i);
                    }
                    _ => {}
                }
            }
        }
        Kind::Retype => {
            if let Some(v) = get_mut(doc, &path) {
                *v = odd_value(m.pick);
            }
        }
        // Rename a key to something odd (or insert an odd key).
        Kind::RenameKey => {
            if let Some((Step::Key(k), parent)) = path.split_last() {
                if let Some(Value::Object(map)) = get_mut(doc, parent) {
                    if let Some(v) = map.shift_remove(k) {
                        map.insert(odd(m.pick), v);
                    }
                }
            } else if let Some(Value::Object(map)) = get_mut(doc, &path) {
                map.insert(odd(m.pick), odd_value(m.pick / 3));
            }
        }
        Kind::BreakRef => {
            let refs = strings_named(&all, doc, "$ref");
            if let Some(p) = refs.get(m.node as usize % refs.len().max(1)) {
                let p = (*p).clone();
                if let Some(Value::String(s)) = get_mut(doc, &p) {
                    *s = match m.pick % 6 {
                        0 => format!("{s}x"),
                        1 => s[..s.len() / 2].to_string(),
                        2 => "other.yaml#/components/schemas/X".to_string(),
                        3 => "#/paths/~1x".to_string(),
                        4 => format!("#/components/schemas/{}", odd(m.pick / 6)),
                        _ => odd(m.pick / 6),
                    };
                }
            }
        }
        Kind::DuplicateOperationId => {
            let ids = strings_named(&all, doc, "operationId");
            if ids.len() >= 2 {
                let from = ids[m.pick as usize % ids.len()].clone();
                let to = ids[m.node as usize % ids.len()].clone();
                let id = get_mut(doc, &from).cloned().unwrap_or_default();
                if let Some(v) = get_mut(doc, &to) {
                    *v = id;
                }
            }
        }
        Kind::BendPath => {
            if let Some(Value::Object(paths)) = doc.get_mut("paths") {
                let keys: Vec<String> = paths.keys().cloned().collect();
                if let Some(k) = keys.get(m.node as usize % keys.len().max(1)) {
                    let new = match m.pick % 5 {
                        0 => format!("{k}/{{extra}}"),
                        1 => k.replace(['{', '}'], ""),
                        2 => k.replacen('}', "", 1),
                        3 => format!("{k}{{{}}}", odd(m.pick / 5)),
                        _ => odd(m.pick / 5),
                    };
                    if let Some(v) = paths.shift_remove(k) {
                        paths.insert(new, v);
                    }
                }
            }
        }
        Kind::Nest => {
            if let Some(v) = get_mut(doc, &path) {
                let depth = [3, 30, 63, 64, 65, 100, 126, 127, 128, 129, 500][m.pick as usize % 11];
                let mut nested = v.take();
                for i in 0..depth {
                    nested = if i % 2 == 0 {
                        serde_json::json!({ "type": "array", "items": nested })
                    } else {
                        serde_json::json!({ "allOf": [nested] })
                    };
                }
                *v = nested;
            }
        }
        Kind::RefCycle => {
            if let Some(Value::Object(schemas)) = doc.pointer_mut("/components/schemas") {
                let keys: Vec<String> = schemas.keys().cloned().collect();
                if !keys.is_empty() {
                    let a = &keys[m.node as usize % keys.len()];
                    let b = &keys[m.pick as usize % keys.len()];
                    let escape = |k: &str| k.replace('~', "~0").replace('/', "~1");
                    let to_b = format!("#/components/schemas/{}", escape(b));
                    let to_a = format!("#/components/schemas/{}", escape(a));
                    schemas.insert(a.clone(), serde_json::json!({ "$ref": to_b }));
                    if m.pick.is_multiple_of(2) {
                        schemas.insert(b.clone(), serde_json::json!({ "allOf": [{ "$ref": to_a }] }));
                    } else {
                        schemas.insert(b.clone(), serde_json::json!({ "$ref": to_a }));
                    }
                }
            }
        }
        // Titles, names, tags, …; or any value made a string.
        Kind::OddString | Kind::OddValueAsString => {
            if let Some(v) = get_mut(doc, &path) {
                if v.is_string() || m.kind == Kind::OddValueAsString {
                    *v = Value::String(odd(m.pick));
                }
            }
        }
        // Under another key of the same mapping.
        Kind::DuplicateKey => {
            if let Some((Step::Key(k), parent)) = path.split_last() {
                if let Some(Value::Object(map)) = get_mut(doc, parent) {
                    if let Some(v) = map.get(k).cloned() {
                        map.insert(format!("{k}{}", odd(m.pick)), v);
                    }
                }
            }
        }
        Kind::MisspellType => misspell_type(doc, &all, m),
        Kind::OddEnum => odd_enum(doc, &all, m),
        Kind::HugeNumber => huge_number(doc, &all, &path, m),
        Kind::OddSchemaName => rename_schema(doc, m),
    }
}

/// A misspelled, miscased or unknown `type`, or a `$ref` to a schema whose
/// name is spelled almost right.
fn misspell_type(doc: &mut Value, all: &[Vec<Step>], m: &Mutation) {
    const TYPES: &[&str] = &["strng", "String", "INTEGER", "int", "float", "obj", "array ", "", "bool", "number|null"];
    let key = if m.pick.is_multiple_of(2) { "type" } else { "$ref" };
    let found = strings_named(all, doc, key);
    let Some(path) = found.get(m.node as usize % found.len().max(1)).map(|p| (*p).clone()) else { return };
    if let Some(Value::String(s)) = get_mut(doc, &path) {
        *s = if key == "type" {
            TYPES[m.pick as usize / 2 % TYPES.len()].to_string()
        } else {
            let (head, name) = s.rsplit_once('/').unwrap_or(("", s.as_str()));
            let mut chars: Vec<char> = name.chars().collect();
            match m.pick / 2 % 3 {
                0 if chars.len() >= 2 => chars.swap(0, 1),
                1 => chars = name.to_lowercase().chars().collect(),
                _ => chars.push('s'),
            }
            format!("{head}/{}", chars.into_iter().collect::<String>())
        };
    }
}

/// An `enum` list with odd values: duplicates, values whose Rust names
/// collide, empty strings, keywords, numbers and nulls among strings,
/// values of the wrong type, or no values at all.
fn odd_enum(doc: &mut Value, all: &[Vec<Step>], m: &Mutation) {
    let lists: Vec<Vec<Step>> =
        all.iter().filter(|p| matches!(p.last(), Some(Step::Key(k)) if k == "enum")).cloned().collect();
    let path = match lists.get(m.node as usize % lists.len().max(1)) {
        Some(path) => path.clone(),
        // No enum in the spec: make a `type` string an enum of odd values.
        None => match strings_named(all, doc, "type").first() {
            Some(p) => p[..p.len() - 1].iter().cloned().chain([Step::Key("enum".into())]).collect(),
            None => return,
        },
    };
    let odd_values = match m.pick % 8 {
        0 => serde_json::json!(["a", "a"]),
        1 => serde_json::json!(["foo-bar", "foo_bar", "FooBar", "foo bar"]),
        2 => serde_json::json!(["", " ", "_"]),
        3 => serde_json::json!(["self", "Self", "type", "crate", "Unknown", "unknown", "None"]),
        4 => serde_json::json!(["x", 1, null, true]),
        5 => serde_json::json!([u64::MAX, i64::MIN, 1.5, -0.0]),
        6 => serde_json::json!([]),
        _ => serde_json::json!([{ "a": 1 }, ["b"], odd(m.pick / 8)]),
    };
    let (last, parent) = path.split_last().expect("an enum's path ends in its key");
    if let (Some(Value::Object(map)), Step::Key(k)) = (get_mut(doc, parent), last) {
        map.insert(k.clone(), odd_values);
    }
}

/// A number at the edge of what JSON numbers, `i64` and `f64` hold, in a
/// place where numbers mean something (bounds, defaults, examples, enum
/// values, status codes), or at the picked node.
fn huge_number(doc: &mut Value, all: &[Vec<Step>], path: &[Step], m: &Mutation) {
    const KEYS: &[&str] =
        &["minimum", "maximum", "default", "example", "maxLength", "minItems", "multipleOf", "exclusiveMaximum"];
    let huge = match m.pick % 6 {
        0 => serde_json::json!(u64::MAX),
        1 => serde_json::json!(i64::MIN),
        2 => serde_json::json!(f64::MAX),
        3 => serde_json::json!(-f64::MAX),
        4 => serde_json::json!(f64::MIN_POSITIVE),
        _ => serde_json::json!(9_007_199_254_740_993u64),
    };
    let numbers: Vec<&Vec<Step>> =
        all.iter().filter(|p| matches!(p.last(), Some(Step::Key(k)) if KEYS.contains(&k.as_str()))).collect();
    let target = match numbers.get(m.node as usize % numbers.len().max(1)) {
        Some(p) if !m.pick.is_multiple_of(3) => (*p).clone(),
        _ => path.to_vec(),
    };
    if let Some(v) = get_mut(doc, &target) {
        *v = huge;
    }
}

/// A component schema renamed to a Rust keyword, an empty or odd name, or
/// the name of another schema in another case; every `$ref` to it follows,
/// so the name itself is what the generator meets.
fn rename_schema(doc: &mut Value, m: &Mutation) {
    const NAMES: &[&str] = &[
        "", "type", "self", "Self", "crate", "super", "fn", "r#type", "match", "async", "Option", "Result", "String",
        "Client", "Error", "_", "0", "-", "🦀", "a b", "Box",
    ];
    let Some(Value::Object(schemas)) = doc.pointer_mut("/components/schemas") else { return };
    let keys: Vec<String> = schemas.keys().cloned().collect();
    let Some(from) = keys.get(m.node as usize % keys.len().max(1)).cloned() else { return };
    let to = match m.pick as usize % (NAMES.len() + 1) {
        i if i < NAMES.len() => NAMES[i].to_string(),
        _ => keys[m.pick as usize % keys.len()].to_uppercase(),
    };
    if to == from || schemas.contains_key(&to) {
        return;
    }
    let schema = schemas.shift_remove(&from).expect("a key of the map");
    schemas.insert(to.clone(), schema);
    let escape = |k: &str| k.replace('~', "~0").replace('/', "~1");
    let (old_ref, new_ref) =
        (format!("#/components/schemas/{}", escape(&from)), format!("#/components/schemas/{}", escape(&to)));
    let mut todo = vec![&mut *doc];
    while let Some(v) = todo.pop() {
        match v {
            Value::Object(map) => {
                for (k, child) in map.iter_mut() {
                    match child {
                        Value::String(s) if k == "$ref" && *s == old_ref => *s = new_ref.clone(),
                        _ => todo.push(child),
                    }
                }
            }
            Value::Array(items) => todo.extend(items.iter_mut()),
            _ => {}
        }
    }
}

/// The specs to damage: Stream, and the corpus when it is there (under
/// `CI=true` it must be, and every spec in it must read).
fn bases() -> Vec<(String, Value)> {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let mut out = vec![(
        "spec/stream.yaml".to_string(),
        serde_yaml::from_str(&std::fs::read_to_string(repo.join("spec/stream.yaml")).unwrap()).unwrap(),
    )];
    let corpus = repo.join("../shared/corpus");
    let get_corpus = "put the corpus in ../shared/corpus, beside the repository";
    let entries = match std::fs::read_dir(&corpus) {
        Ok(entries) => entries,
        Err(e) => {
            common::skip_unless_ci(
                "the corpus slices of the mutation test",
                &format!("{} cannot be read ({e})", corpus.display()),
                get_corpus,
            );
            eprintln!("mutating the Stream spec only");
            return out;
        }
    };
    let mut paths: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    paths.sort();
    for path in paths {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let value = Source::read(&path, name.clone()).map_err(|e| e.to_string()).and_then(|source| {
            let value: Value = if name.ends_with(".yaml") {
                serde_yaml::from_str(&source.text).map_err(|e| e.to_string())?
            } else {
                serde_json::from_str(&source.text).map_err(|e| e.to_string())?
            };
            // Large specs are cut down to a few paths and what they refer to.
            Ok(if source.text.len() > 50_000 { slice(&value, 6) } else { value })
        });
        match value {
            Ok(value) => out.push((name, value)),
            Err(e) => common::skip_unless_ci(
                &format!("mutating the corpus spec {name}"),
                &format!("{} is not a readable YAML or JSON document ({e})", path.display()),
                "replace it with a good copy of the corpus spec, or remove it",
            ),
        }
    }
    if out.len() == 1 {
        common::skip_unless_ci(
            "the corpus slices of the mutation test",
            &format!("{} holds no spec", corpus.display()),
            get_corpus,
        );
    }
    out
}

/// The first `n` paths of `doc` and the components their `$ref`s reach.
fn slice(doc: &Value, n: usize) -> Value {
    let mut out = doc.clone();
    let paths: Map<String, Value> =
        doc["paths"].as_object().into_iter().flatten().take(n).map(|(k, v)| (k.clone(), v.clone())).collect();
    out["paths"] = Value::Object(paths.clone());
    let mut kept: Map<String, Value> = Map::new();
    let mut todo: Vec<Value> = vec![Value::Object(paths)];
    while let Some(v) = todo.pop() {
        match v {
            Value::Object(map) => {
                for (k, child) in map {
                    if let (true, Some(r)) = (k == "$ref", child.as_str()) {
                        if let Some(target) = r.strip_prefix('#').and_then(|p| doc.pointer(p)) {
                            if kept.insert(r.to_string(), target.clone()).is_none() {
                                todo.push(target.clone());
                            }
                        }
                    } else {
                        todo.push(child);
                    }
                }
            }
            Value::Array(items) => todo.extend(items),
            _ => {}
        }
    }
    let mut components = serde_json::json!({});
    for (r, target) in kept {
        let tokens: Vec<String> =
            r.trim_start_matches("#/").split('/').map(|t| t.replace("~1", "/").replace("~0", "~")).collect();
        if let [first, section, key] = tokens.as_slice() {
            if first == "components" {
                components[section.as_str()][key.as_str()] = target;
            }
        }
    }
    out["components"] = components;
    out
}

/// How a case that kept the promise ended.
enum Outcome {
    Generated(Vec<codegen::emit::OutFile>),
    Errors,
}

fn check(name: &str, text: String, lenient: bool) -> Result<Outcome, TestCaseError> {
    // A crash (stack overflow, abort) cannot be caught: keep the input.
    if let Ok(dump) = std::env::var("CODEGEN_PROPTEST_DUMP") {
        std::fs::write(dump, format!("# {name} lenient={lenient}\n{text}")).unwrap();
    }
    let source = Source { name: name.to_string(), text };
    let options = Options { lenient, ..Options::all() };
    match codegen::generate(&source, &options) {
        Ok(generated) => {
            for file in &generated.files {
                prop_assert!(codegen::write::check_relative(&file.path).is_ok(), "unsafe path {:?}", file.path);
            }
            check_located(&source, &generated.warnings)?;
            Ok(Outcome::Generated(generated.files))
        }
        Err(codegen::Failure::Spec(diagnostics)) => {
            prop_assert!(!diagnostics.is_empty(), "a failure without an error");
            prop_assert!(diagnostics.iter().all(|d| d.is_error()));
            check_located(&source, &diagnostics)?;
            Ok(Outcome::Errors)
        }
        Err(e) => Err(TestCaseError::fail(format!("generator bug: {e}"))),
    }
}

fn check_located(source: &Source, diagnostics: &[codegen::diagnostic::Diagnostic]) -> Result<(), TestCaseError> {
    let lines = source.text.lines().count().max(1);
    let located = report::located(source, diagnostics);
    for (position, d) in &located {
        prop_assert!(!d.message.trim().is_empty());
        let Some((line, col)) = position else {
            return Err(TestCaseError::fail(format!("unlocated: {}", d.render(&source.name, None))));
        };
        prop_assert!(*line >= 1 && *line <= lines + 1 && *col >= 1, "{}", d.render(&source.name, *position));
    }
    prop_assert!(located.windows(2).all(|w| w[0].0 <= w[1].0), "not in file order");
    Ok(())
}

/// The fixed seed, or `CODEGEN_PROPTEST_SEED` (any text) to explore others.
fn seed() -> [u8; 32] {
    let mut seed = SEED;
    if let Ok(text) = std::env::var("CODEGEN_PROPTEST_SEED") {
        for (i, b) in text.bytes().enumerate() {
            seed[i % 32] ^= b;
        }
    }
    seed
}

/// One case: which spec, its mutations, and how it is written and read.
#[derive(Debug, Clone)]
struct Case {
    number: usize,
    base: usize,
    mutations: Vec<Mutation>,
    json: bool,
    lenient: bool,
}

impl Case {
    fn text(&self, bases: &[(String, Value)]) -> String {
        let mut doc = bases[self.base].1.clone();
        for m in &self.mutations {
            apply(&mut doc, m);
        }
        if self.json {
            serde_json::to_string_pretty(&doc).unwrap()
        } else {
            serde_yaml::to_string(&doc).unwrap()
        }
    }

    fn kinds(&self) -> std::collections::BTreeSet<Kind> {
        self.mutations.iter().map(|m| m.kind).collect()
    }

    /// Everything needed to run it again.
    fn replay(&self, bases: &[(String, Value)], cases: u32) -> String {
        let seed =
            std::env::var("CODEGEN_PROPTEST_SEED").map(|s| format!("CODEGEN_PROPTEST_SEED={s:?} ")).unwrap_or_default();
        format!(
            "case {} of {cases}: {} mutated by {:?}, written as {}{}; replay with `{seed}CODEGEN_PROPTEST_CASES={cases} \
             CODEGEN_MUTATION_COMPILE=1 cargo test -p codegen-tests --test proptest_mutations`",
            self.number,
            bases[self.base].0,
            self.mutations,
            if self.json { "JSON" } else { "YAML" },
            if self.lenient { ", --lenient" } else { "" },
        )
    }
}

/// Counts by mutation kind; a case counts once under each kind it applied.
#[derive(Default)]
struct Row {
    cases: usize,
    generated: usize,
    located_errors: usize,
    sampled: usize,
    compiled: usize,
}

fn print_table(rows: &std::collections::BTreeMap<Kind, Row>) {
    eprintln!(
        "{:<22} {:>6} {:>10} {:>15} {:>8} {:>9}",
        "mutation kind", "cases", "generated", "located-errors", "sampled", "compiled"
    );
    for (kind, r) in rows {
        let kind = format!("{kind:?}");
        eprintln!(
            "{kind:<22} {:>6} {:>10} {:>15} {:>8} {:>9}",
            r.cases, r.generated, r.located_errors, r.sampled, r.compiled
        );
    }
}

/// The cases to compile, in a fixed order: first each case that brings a
/// mutation kind the sample lacks, then each that brings a spec it lacks,
/// up to `size`.
fn sample(generated: &[Case], size: usize) -> Vec<&Case> {
    let mut kinds = std::collections::BTreeSet::new();
    let mut out: Vec<&Case> = Vec::new();
    for case in generated {
        if out.len() < size && case.kinds().iter().any(|k| !kinds.contains(k)) {
            kinds.extend(case.kinds());
            out.push(case);
        }
    }
    let mut specs: std::collections::BTreeSet<usize> = out.iter().map(|c| c.base).collect();
    for case in generated {
        if out.len() < size && specs.insert(case.base) {
            out.push(case);
        }
    }
    out.sort_by_key(|c| c.number);
    out
}

const SAMPLE: usize = 20;

#[test]
fn mutated_specs_give_a_crate_or_located_errors() {
    let started = std::time::Instant::now();
    let bases = bases();
    eprintln!("{} specs read in {:?}", bases.len(), started.elapsed());
    let cases = std::env::var("CODEGEN_PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(DEFAULT_CASES);
    let config = Config { cases, failure_persistence: None, max_shrink_iters: 2000, ..Config::default() };
    let mut runner = TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &seed()));
    let strategy = (0..bases.len(), prop::collection::vec(mutation(), 1..4), any::<bool>(), any::<u8>());
    let rows = std::cell::RefCell::new(std::collections::BTreeMap::<Kind, Row>::new());
    let generated = std::cell::RefCell::new(Vec::new());
    let number = std::cell::Cell::new(0);
    let result = runner.run(&strategy, |(base, mutations, json, flags)| {
        number.set(number.get() + 1);
        let case = Case { number: number.get(), base, mutations, json, lenient: flags % 4 == 0 };
        let outcome = check(&bases[base].0, case.text(&bases), case.lenient)?;
        let mut rows = rows.borrow_mut();
        for kind in case.kinds() {
            let row = rows.entry(kind).or_default();
            row.cases += 1;
            match outcome {
                Outcome::Generated(_) => row.generated += 1,
                Outcome::Errors => row.located_errors += 1,
            }
        }
        if let Outcome::Generated(_) = outcome {
            generated.borrow_mut().push(case);
        }
        Ok(())
    });
    eprintln!("{cases} cases over {} specs in {:?}", bases.len(), started.elapsed());
    if let Err(e) = result {
        panic!("{e} (seed {:?})", String::from_utf8_lossy(&seed()));
    }
    let mut rows = rows.into_inner();
    let generated = generated.into_inner();
    if !compile::enabled() {
        print_table(&rows);
        eprintln!("skipped compiling a sample of the generated crates: set CODEGEN_MUTATION_COMPILE=1 to run it");
        return;
    }
    let sample = sample(&generated, SAMPLE);
    assert!(sample.len() >= 10.min(generated.len()), "a sample of {} crates", sample.len());
    let started = std::time::Instant::now();
    compile::clear();
    for (i, case) in sample.iter().enumerate() {
        let text = case.text(&bases);
        let Ok(Outcome::Generated(files)) = check(&bases[case.base].0, text.clone(), case.lenient) else {
            panic!("generated in memory, but not when run again: {}", case.replay(&bases, cases));
        };
        let dir = compile::root().join(format!("case-{}", case.number));
        compile::write(&dir, &files);
        let spec = compile::root().join(format!("case-{}.{}", case.number, if case.json { "json" } else { "yaml" }));
        std::fs::write(&spec, &text).unwrap();
        for kind in case.kinds() {
            rows.get_mut(&kind).expect("counted above").sampled += 1;
        }
        if let Err(errors) = compile::check(&dir) {
            print_table(&rows);
            panic!(
                "the crate generated from a mutated spec does not compile: {}\nspec: {}\ncrate: {}\n{errors}",
                case.replay(&bases, cases),
                spec.display(),
                dir.display()
            );
        }
        for kind in case.kinds() {
            rows.get_mut(&kind).expect("counted above").compiled += 1;
        }
        eprintln!("compiled {}/{}: case {} ({:?})", i + 1, sample.len(), case.number, started.elapsed());
    }
    print_table(&rows);
}

/// Text-level damage the value mutations cannot make: truncation and
/// stray bytes, at random places of the Stream spec's text.
#[test]
fn damaged_text_gives_located_errors() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let text = std::fs::read_to_string(repo.join("spec/stream.yaml")).unwrap();
    let json = serde_json::to_string_pretty(&serde_yaml::from_str::<Value>(&text).unwrap()).unwrap();
    let config = Config { cases: 300, failure_persistence: None, ..Config::default() };
    let mut runner = TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &SEED));
    let strategy = (any::<bool>(), any::<u32>(), 0u8..6, any::<u16>());
    let result = runner.run(&strategy, |(use_json, at, kind, pick)| {
        let base = if use_json { &json } else { &text };
        let mut at = at as usize % base.len();
        while !base.is_char_boundary(at) {
            at -= 1;
        }
        let damaged = match kind {
            0 => base[..at].to_string(),
            1 => {
                let mut s = base.to_string();
                s.remove(at);
                s
            }
            2 => format!("{}{}{}", &base[..at], odd(pick), &base[at..]),
            3 => format!("{}\t{}", &base[..at], &base[at..]),
            4 => format!(
                "{}{}{}",
                &base[..at],
                ["[", "{", "]", "}", ":", "- ", "&a ", "*a", "!!binary ", "? ", "|"][pick as usize % 11],
                &base[at..]
            ),
            _ => format!("{}\n{}", &base[..at], &base[at..]),
        };
        check("damaged", damaged, false).map(drop)
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}
