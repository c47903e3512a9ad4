//! An OpenAPI-to-Rust client generator: `parse` (serde types of the
//! document) → `model` (resolved, named, validated) → `emit` (`quote!`,
//! prettyplease) → `write` (only changed files, atomically).
//!
//! [`build`] runs the same pipeline from a consumer's `build.rs`, writing
//! the client as one file into `OUT_DIR`.
//!
//! # How the generator is built
//!
//! One run, in order; each step reads only what the one before produced.
//!
//! 1. **Read** (`parse/mod.rs`): the text becomes `Document`, the serde
//!    types of an OpenAPI 3.x document. When any `$ref` leads to another
//!    file or to something other than a component, the text is first read
//!    as a value tree and bundled (`parse/bundle/`): every such `$ref` is
//!    resolved as a JSON Reference wherever it stands, its target hoisted
//!    under `components` or put in its place. Swagger 2.0 is bundled, then
//!    converted (`parse/swagger2.rs`). `Origins` remembers where every moved
//!    node was written, so each diagnostic names its own file and line.
//! 2. **Check names** (`parse/names.rs`): names that cannot become Rust
//!    identifiers.
//! 3. **Model** (`model::build`, in `model/build.rs`, which lists its passes
//!    with what each adds): the crate's settings, operations and the types
//!    they reach, security; then the passes that need every type and read
//!    only the model: aliases (the types come `Unresolved` from the
//!    builder, and leave with every alias resolved), dedup, then recursion
//!    (the fields to box), pagination, event method names and features,
//!    which return what they find, and `decide`, which moves it in as it
//!    converts the operations and types from `Undecided` to `Decided` (a
//!    field known only late is `()` before); last, `reach.rs` drops the
//!    types no operation reaches.
//!    State shared by the passes is `model/builder.rs`; what the spec says
//!    about paging that the types do not hold is kept there as it is read
//!    (`model/page_hints.rs`), so no pass after the types reads the
//!    document; local `$ref`s are looked up by `model/refs.rs` only;
//!    media-type rules live in `model/http.rs`.
//! 4. **Emit** (`emit::emit`): `emit/layout.rs` decides the files and
//!    formats them; each item is built as tokens by the module named after
//!    it (`structs.rs`, `enums.rs`, `unions.rs`, `operations.rs`,
//!    `owned.rs` for parameter and form structs, `events.rs`, `mock.rs`)
//!    and laid out by prettyplease, except the runtime's macro calls
//!    (structs and enums) and constructors, which `emit/compact.rs` lays out
//!    one line per field, and the aliases and parameter structs whose lines
//!    fit, which `emit/flat.rs` writes as the text prettyplease would, and
//!    the operations' methods, the mocks and the other setters, which
//!    `emit/method_layout/` reads into the few shapes they have and lays
//!    out with prettyplease's line breaking (`emit/pretty.rs`); the
//!    chunks of 64 items are shared among the cores (`parallel.rs`, also
//!    what the command writes its files with, beside its report);
//!    `emit/runtime.rs` copies `codegen/runtime/`
//!    without the regions the API does not need. The runtime is compiled
//!    and tested where it is written, as the workspace crate
//!    `codegen-runtime` (`codegen/runtime/Cargo.toml`): a feature per flag,
//!    stripped by the same code (`emit/runtime/strip.rs`), with its unit and
//!    loopback tests; the committed clients are end-to-end fixtures on top.
//! 5. **Write** (`write.rs`): only changed files, atomically, never a file
//!    the generator did not write.
//!
//! Inside `codegen/src/` (each stage reads only the one before it):
//!
//! | module | what it holds |
//! | --- | --- |
//! | `parse/` | serde types of the OpenAPI document (crate-private), reading YAML/JSON/gzip, name checks |
//! | `model/` | the resolved API: `schema.rs`, `unions.rs`, `operations.rs`, `responses.rs` build it; then, once every type is known, `aliases.rs` resolves alias chains (one lookup for every later stage, one error per alias cycle), `recursion.rs` finds the fields that break cycles with a `Box`, `event_methods.rs` names the event methods, `features.rs` groups operations into Cargo features and `decide.rs` records what the emitter and the diff read, moving in what those passes found: how each parameter is written and passed (`&str`, by value, `&T`), which types can derive `Default`, and which serde directions each type needs; `pagination.rs` recognises the lists that page and their typed `result_info` from the model and the hints `page_hints.rs` keeps while the operations are built (see `docs/pagination.md`); `multipart.rs` builds the typed form of a multipart body and decides which fields are files |
//! | `naming.rs` | every rule from spec names to Rust identifiers |
//! | `emit/` | `quote!` per item: `types.rs` dispatches to `structs.rs`, `enums.rs`, `unions.rs`; `operations.rs` writes `Client` methods; `owned.rs` the parameter and form structs an operation owns; `multipart.rs` the struct of a typed multipart body and its conversion into `Multipart`; `signature.rs` spells every type, argument and return type (shared with the diff); `layout.rs` splits files and formats them in parallel (`parallel.rs`); `compact.rs` lays out the runtime macro calls prettyplease cannot; `flat.rs` writes prettyplease's text of the items it lays out one line per field or statement; `method_layout/` that of the methods, mocks and setters (`read.rs` reads their tokens into shapes, `print.rs` prints the shapes), through `pretty.rs` (prettyplease's line breaking); `docs.rs` writes doc attributes; `gates.rs` the feature gates (`#[cfg]`, the `defaults` feature's `Default`); `runtime.rs` copies `codegen/runtime/` without the regions the API does not need; `mock.rs` writes `src/mock.rs` (one function per operation for the `mock` feature) |
//! | `build.rs`, `build/` | the build-script API (`Builder`): the crate as one module file (`single_file.rs`), what the including `Cargo.toml` must declare (`manifest.rs`) |
//! | `write.rs`, `write/guard.rs` | the one writer: atomic, only changed files, never a hand-written file (see "When generation fails") |
//! | `diff/` | compares two models: `compare/` (types, members, operations, spelling), `rules.rs` (what is breaking), `render.rs` |
//! | `cli/` | the command line, and all its I/O: reading specs and git revisions (`origin.rs`), printing diagnostics (`report.rs`: for a person the first 3 of each kind and a count by kind, for tools JSON lines; a kind is a `diagnostic::Code`, listed in `docs/diagnostics.md`), the header's spec name (`header_name.rs`) |

#![deny(missing_docs)]

pub mod build;
pub mod cli;
pub mod diagnostic;
pub mod diff;
pub mod emit;
mod locate;
pub mod model;
mod naming;
mod parallel;
pub mod parse;
pub mod write;

use diagnostic::Diagnostic;
use std::path::PathBuf;

/// The spec `cargo run -p codegen` generates from when given none.
pub const DEFAULT_SPEC: &str = include_str!("../../spec/stream.yaml");
/// How the default spec is named in diagnostics and file headers.
pub const DEFAULT_SPEC_NAME: &str = "spec/stream.yaml";

/// The workspace's `generated/` directory.
pub fn default_out_dir() -> PathBuf {
    let manifest = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).join("generated")
}

/// The default spec as a [`parse::Source`].
pub fn default_source() -> parse::Source {
    parse::Source { name: DEFAULT_SPEC_NAME.to_string(), text: DEFAULT_SPEC.to_string() }
}

/// A successful generation: the model, its files and any warnings.
pub struct Generated {
    /// The model the files were emitted from.
    pub api: model::Api,
    /// Every file of the generated crate.
    pub files: Vec<emit::OutFile>,
    /// Warnings about the spec, none of which stopped generation.
    pub warnings: Vec<Diagnostic>,
}

/// Why generation produced nothing.
#[derive(Debug, thiserror::Error)]
pub enum Failure {
    /// The spec has errors: every one found.
    #[error("the spec has {} error(s)", .0.len())]
    Spec(Vec<Diagnostic>),
    /// The emitter produced code that does not parse: a generator bug.
    #[error(transparent)]
    Emit(#[from] emit::EmitError),
}

/// Stack size of the threads that generate: see [`generate_as`].
pub(crate) const GENERATE_STACK: usize = 64 << 20;

/// Parses, models and emits `source`, all in memory; the file headers name
/// the spec `source.name`.
pub fn generate(source: &parse::Source, options: &model::Options) -> Result<Generated, Failure> {
    generate_as(source, &parse::NoFiles, options, &source.name)
}

/// [`generate`] for a spec whose `$ref`s may lead to other files, read
/// through `files`.
pub fn generate_in(
    source: &parse::Source,
    files: &dyn parse::Files,
    options: &model::Options,
) -> Result<Generated, Failure> {
    generate_as(source, files, options, &source.name)
}

/// What the file headers say the crate was generated from: the spec's
/// `header_name`, and the flags of the settings that override the spec's
/// (a regeneration must pass them again to reproduce the crate).
pub(crate) fn generated_from(header_name: &str, options: &model::Options) -> String {
    match options.crate_settings.flags() {
        flags if flags.is_empty() => header_name.to_string(),
        flags => format!("{header_name} with `{flags}`"),
    }
}

/// [`generate`], with the file headers naming the spec `header_name`: a
/// name that does not depend on the machine, where diagnostics keep the
/// path the user typed (`source.name`).
///
/// The work runs on a thread of its own with a large stack: parsing, the
/// model and the emitter (`syn`, `prettyplease`) recurse on nesting, and the
/// nesting a spec may reach (bounded by the parsers and the model) needs
/// more than a test thread's 2 MiB in a debug build. Panics are passed on.
pub(crate) fn generate_as(
    source: &parse::Source,
    files: &dyn parse::Files,
    options: &model::Options,
    header_name: &str,
) -> Result<Generated, Failure> {
    let generated_from = generated_from(header_name, options);
    let work = || -> Result<Generated, Failure> {
        let api = model_of_in(source, files, options).map_err(Failure::Spec)?;
        let files = emit::emit(&api.api, &generated_from)?;
        Ok(Generated { api: api.api, files, warnings: api.warnings })
    };
    std::thread::scope(|scope| match std::thread::Builder::new().stack_size(GENERATE_STACK).spawn_scoped(scope, work) {
        Ok(handle) => handle.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
        // No thread to be had: do the work here, on whatever stack there is.
        Err(_) => work(),
    })
}

/// Parses and models `source`. On failure: every error found, with no
/// warnings.
///
/// `options` is a [`model::Options`] or just a
/// [`Selection`](model::select::Selection) (strict).
pub fn model_of(source: &parse::Source, options: impl Into<model::Options>) -> Result<model::Built, Vec<Diagnostic>> {
    model_of_in(source, &parse::NoFiles, options)
}

/// [`model_of`] for a spec whose `$ref`s may lead to other files, read
/// through `files`. Every diagnostic names the file it is about when that
/// is not `source`.
pub fn model_of_in(
    source: &parse::Source,
    files: &dyn parse::Files,
    options: impl Into<model::Options>,
) -> Result<model::Built, Vec<Diagnostic>> {
    let options = options.into();
    let parsed = parse::parse_spec(source, files)?;
    let relocate = |all: Vec<Diagnostic>| distinct(all.into_iter().map(|d| parsed.relocate(d)).collect());
    let (mut errors, mut warnings): (Vec<_>, Vec<_>) =
        parse::names::check(&parsed.doc).into_iter().partition(Diagnostic::is_error);
    warnings.splice(0..0, parsed.warnings.iter().cloned());
    // A reference that could not be followed is reported once, by the
    // bundler, not again by the model that meets it unresolved.
    let place = |d: &Diagnostic| (d.file.clone(), d.pointer.clone());
    let unfollowed_at: std::collections::HashSet<_> =
        parsed.errors.iter().map(place).chain(parsed.unfollowed.iter().cloned()).collect();
    let reported = parsed.errors.len();
    errors.splice(0..0, parsed.errors.iter().cloned());
    match model::build(&parsed.doc, &options) {
        Ok(mut built) if errors.is_empty() => {
            warnings.append(&mut built.warnings);
            built.warnings = relocate(warnings);
            Ok(built)
        }
        Ok(_) => Err(relocate(errors)),
        Err(model_errors) => {
            errors.extend(model_errors);
            let mut errors = relocate(errors);
            let mut kept = 0;
            errors.retain(|d| {
                kept += 1;
                kept <= reported || !unfollowed_at.contains(&place(d))
            });
            Err(errors)
        }
    }
}

/// The diagnostics without repeats (the model may meet one `$ref` on two
/// paths through the document), in their first order.
fn distinct(diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut seen = std::collections::HashSet::new();
    diagnostics.into_iter().filter(|d| seen.insert((d.file.clone(), d.pointer.clone(), d.message.clone()))).collect()
}
