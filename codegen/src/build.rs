//! Generating a client from a consumer's `build.rs`, into `OUT_DIR`.
//!
//! ```no_run
//! // build.rs of the crate that uses the client
//! fn main() -> Result<(), codegen::build::Error> {
//!     codegen::build::Builder::new("spec/stream.yaml").module("stream").write_to_out_dir()?;
//!     Ok(())
//! }
//! ```
//!
//! and in that crate's `lib.rs` (or `main.rs`) (shown as text: it compiles
//! only inside a crate with that build script, and does so in
//! `examples/build-time-client`, whose tests run it):
//!
//! ```text
//! include!(concat!(env!("OUT_DIR"), "/stream.rs"));
//! ```
//!
//! The file holds the whole client as one module, `pub mod stream { … }`,
//! with the same items as the standalone crate `cargo run -p codegen`
//! writes (`stream::Client`, `stream::types::…`). The including crate
//! declares the dependencies that crate's `Cargo.toml` lists
//! ([`Rendered::dependencies`]); [`Builder::write_to_out_dir`] warns about
//! any it lacks. Features: see [`Builder::features_by`].

mod manifest;
mod single_file;

use crate::cli::generate::{failure_summary, lenient_recovers};
use crate::cli::origin::{entry_file, Folder};
use crate::cli::report;
use crate::diagnostic::Diagnostic;
use crate::emit::{EmitError, OutFile};
use crate::model::{FeaturesBy, Options};
use crate::parse::{Files, ReadError, Source};
use crate::write::WriteError;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Generates a client from a spec for a build script: see the [module
/// docs](self).
#[derive(Debug, Clone)]
pub struct Builder {
    spec: PathBuf,
    root: Option<PathBuf>,
    module: Option<String>,
    out_dir: Option<PathBuf>,
    options: Options,
}

/// The client as one file, and what the including crate must declare.
#[derive(Debug, Clone)]
pub struct Rendered {
    /// `<module>.rs` and its text: the module `pub mod <module> { … }`.
    pub file: OutFile,
    /// The module's name (the last segment of [`Builder::module`]).
    pub module: String,
    /// The body of the `[dependencies]` table the standalone crate has:
    /// every dependency not marked `optional` must be in the including
    /// crate's `[dependencies]`, under the same name.
    pub dependencies: String,
    /// The body of the `[features]` table the standalone crate has. In
    /// the including crate, the features it declares (and turns on) are
    /// on; the others are off.
    pub features: String,
    /// The features that gate operations (see [`Builder::features_by`]):
    /// an operation behind one compiles only when the including crate
    /// declares the feature and turns it on.
    pub operation_features: Vec<String>,
    /// The spec's files: the one given (a folder for a split spec) and
    /// every file its `$ref`s led to.
    pub spec_files: Vec<PathBuf>,
    /// Warnings about the spec, located as the command line prints them.
    pub warnings: Vec<String>,
}

/// What [`Builder::write_to_out_dir`] wrote.
#[derive(Debug, Clone)]
pub struct Written {
    /// The file written (or already up to date).
    pub path: PathBuf,
    /// Whether its contents changed.
    pub changed: bool,
    /// The client and what the including crate must declare.
    pub rendered: Rendered,
}

/// Why no client was written. `Display` (and `Debug`, so that `?` from a
/// build script's `main` and `unwrap` print it too) is the diagnostic the
/// command line prints: `file:line:col: error[E0301]: …`.
#[derive(thiserror::Error)]
pub enum Error {
    /// The spec file cannot be read.
    #[error(transparent)]
    Read(#[from] ReadError),
    /// The spec has errors: `diagnostics` holds every one.
    #[error("{}", report.trim_end())]
    Spec {
        /// The spec's file, as given.
        spec: PathBuf,
        /// Every error found.
        diagnostics: Vec<Diagnostic>,
        /// The located diagnostics (of each kind the first few, the rest
        /// counted) and the closing summary line, as the command line
        /// prints them without `--verbose`.
        report: String,
    },
    /// [`Builder::root`] is not a folder that holds the spec.
    #[error("error: {0}")]
    Root(String),

    /// A [`Builder::crate_name`], [`Builder::crate_version`] or
    /// [`Builder::env_prefix`] that cannot be used.
    #[error("error: {0}")]
    Setting(String),
    /// [`Builder::module`] is not a path of Rust identifiers.
    #[error(
        "error: `{0}` is not a module path (identifiers separated by `::`, such as `stream` or `clients::stream`)"
    )]
    Module(String),
    /// [`Builder::write_to_out_dir`] ran outside a build script and was not
    /// given a directory.
    #[error("error: OUT_DIR is not set: run in a build script, or give the directory with `Builder::out_dir`")]
    NoOutDir,
    /// The generator emitted code that does not parse: a generator bug.
    #[error(transparent)]
    Emit(#[from] EmitError),
    /// The file could not be written.
    #[error("error: {0}")]
    Write(#[from] WriteError),
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl Builder {
    /// Generates from `spec`: a YAML or JSON file (optionally gzipped), or
    /// a split spec's folder (its `openapi.yaml`, `openapi.json` or
    /// `swagger.yaml`), as `--spec` takes it. A relative path is relative
    /// to the working directory, which for a build script is the crate's
    /// folder.
    ///
    /// Unlike the command line, operations are not grouped into features
    /// unless [`features_by`](Self::features_by) says so.
    pub fn new(spec: impl Into<PathBuf>) -> Self {
        let options = Options { features_by: FeaturesBy::None, ..Options::default() };
        Self { spec: spec.into(), root: None, module: None, out_dir: None, options }
    }

    /// The module the client becomes, as a path from the crate root:
    /// `stream` (the file is included at the crate root) or
    /// `clients::stream` (included in the module `clients`). The file is
    /// named after the last segment. Default: the crate name
    /// ([`crate_name`](Self::crate_name), else `info.x-rust-crate`, else the
    /// title's) in snake case.
    pub fn module(mut self, path: impl Into<String>) -> Self {
        self.module = Some(path.into());
        self
    }

    /// How operations are grouped into Cargo features, as `--features-by`.
    /// Default: [`FeaturesBy::None`], every operation compiles. With
    /// groups, an operation compiles only when the including crate declares
    /// its group's feature and turns it on.
    pub fn features_by(mut self, by: FeaturesBy) -> Self {
        self.options.features_by = by;
        self
    }

    /// Keeps only operations with this tag, operationId or path glob
    /// (`--include`; may be given several times).
    pub fn include(mut self, pattern: impl Into<String>) -> Self {
        self.options.selection.push(pattern.into());
        self
    }

    /// Recovers from the spec errors `--lenient` recovers from, reporting
    /// them as warnings.
    pub fn lenient(mut self) -> Self {
        self.options.lenient = true;
        self
    }

    /// The folder the spec's `$ref`s may not leave (`--root`); it must hold
    /// the spec. Default: the spec file's own folder.
    pub fn root(mut self, dir: impl Into<PathBuf>) -> Self {
        self.root = Some(dir.into());
        self
    }

    /// The crate name, over the spec's `info.x-rust-crate` and its title
    /// (`--crate-name`). It names the module when [`module`](Self::module)
    /// is not given.
    pub fn crate_name(mut self, name: impl Into<String>) -> Self {
        self.options.crate_settings.name = Some(name.into());
        self
    }

    /// The crate version, over `info.x-rust-crate-version`
    /// (`--crate-version`); the client's `User-Agent` carries the including
    /// crate's version, so this only shows in the file's header.
    pub fn crate_version(mut self, version: impl Into<String>) -> Self {
        self.options.crate_settings.version = Some(version.into());
        self
    }

    /// The prefix of the environment variables `Client::from_env` reads,
    /// over `info.x-env-prefix` (`--env-prefix`).
    pub fn env_prefix(mut self, prefix: impl Into<String>) -> Self {
        self.options.crate_settings.env_prefix = Some(prefix.into());
        self
    }

    /// Writes into `dir` instead of `OUT_DIR`.
    pub fn out_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.out_dir = Some(dir.into());
        self
    }

    /// Generates the client in memory; prints nothing.
    pub fn render(&self) -> Result<Rendered, Error> {
        let (parent, name) = match &self.module {
            Some(path) => module_path(path)?,
            None => (String::from("crate"), None),
        };
        self.options.crate_settings.validate().map_err(Error::Setting)?;
        let entry = entry_file(&self.spec);
        let source = Source::read(&entry, entry.display().to_string())?;
        let folder = match &self.root {
            Some(root) => Folder::within(&entry, root).map_err(Error::Root)?,
            None => Folder::of(&entry),
        };
        let files = Recorded { folder, read: Mutex::new(Vec::new()) };
        // The header names the spec as given, which does not depend on the machine.
        let header_name = self.spec.to_string_lossy().replace('\\', "/");
        let generated = match crate::generate_as(&source, &files, &self.options, &header_name) {
            Ok(generated) => generated,
            Err(crate::Failure::Spec(diagnostics)) => {
                let recoverable = !self.options.lenient && lenient_recovers(&source, &files.folder, &self.options);
                let report = report::human(&source, &diagnostics, false)
                    + &failure_summary(&diagnostics, &source.name, recoverable);
                return Err(Error::Spec { spec: self.spec.clone(), diagnostics, report });
            }
            Err(crate::Failure::Emit(e)) => return Err(e.into()),
        };
        let base = self.root.as_deref().unwrap_or(entry.parent().unwrap_or(Path::new("")));
        let read = files.read.into_inner().unwrap_or_else(|poisoned| poisoned.into_inner());
        let spec_files = std::iter::once(self.spec.clone()).chain(read.iter().map(|p| base.join(p))).collect();
        let name = name.unwrap_or_else(|| crate::naming::snake(&generated.api.meta.crate_name));
        let header = crate::emit::header(&crate::generated_from(&header_name, &self.options), "//");
        let text = single_file::render(&generated.files, &parent, &name, &header)?;
        let cargo_toml = generated.files.iter().find(|f| f.path == "Cargo.toml").map_or("", |f| f.contents.as_str());
        Ok(Rendered {
            file: OutFile { path: format!("{name}.rs"), contents: text },
            module: name,
            dependencies: manifest::table(cargo_toml, "dependencies"),
            features: manifest::table(cargo_toml, "features"),
            operation_features: generated.api.features.iter().map(|f| f.name.clone()).collect(),
            spec_files,
            warnings: report::render(&source, &generated.warnings).lines().map(str::to_string).collect(),
        })
    }

    /// Generates the client and writes it into `OUT_DIR` (or the
    /// [`out_dir`](Self::out_dir)) as `<module>.rs`, only when its contents
    /// changed, through the generator's one writer. Prints the `cargo:`
    /// instructions a build script gives: `rerun-if-changed` for every spec
    /// file, `rustc-check-cfg` for the standalone crate's features (so that
    /// the ones the including crate does not declare are simply off), and a
    /// `warning` for each spec warning, each dependency the including
    /// crate's `Cargo.toml` lacks, and each operation feature it does not
    /// declare.
    pub fn write_to_out_dir(&self) -> Result<Written, Error> {
        // Printed first: a build that fails on the spec reruns when it changes.
        println!("cargo:rerun-if-changed={}", self.spec.display());
        let dir = match &self.out_dir {
            Some(dir) => dir.clone(),
            None => std::env::var_os("OUT_DIR").map(PathBuf::from).ok_or(Error::NoOutDir)?,
        };
        let rendered = self.render()?;
        for file in rendered.spec_files.iter().skip(1) {
            println!("cargo:rerun-if-changed={}", file.display());
        }
        let changed = crate::write::ensure_file(&dir, &rendered.file)?;
        let features = manifest::keys(&rendered.features);
        let values: Vec<String> = features.iter().filter(|f| *f != "default").map(|f| format!("{f:?}")).collect();
        if !values.is_empty() {
            println!("cargo:rustc-check-cfg=cfg(feature, values({}))", values.join(", "));
        }
        let mut warnings = rendered.warnings.clone();
        let manifest_path = std::env::var_os("CARGO_MANIFEST_DIR").map(|d| PathBuf::from(d).join("Cargo.toml"));
        if let Some(text) = manifest_path.as_deref().and_then(|p| std::fs::read_to_string(p).ok()) {
            warnings.extend(undeclared(&rendered, &text));
        }
        for warning in warnings {
            println!("cargo:warning={warning}");
        }
        Ok(Written { path: dir.join(&rendered.file.path), changed, rendered })
    }
}

/// What the including crate's manifest `text` lacks, one line each.
pub(crate) fn undeclared(rendered: &Rendered, text: &str) -> Vec<String> {
    let (dependencies, features) = manifest::declared(text);
    let mut out = Vec::new();
    let missing: Vec<String> =
        manifest::required(&rendered.dependencies).into_iter().filter(|d| !dependencies.contains(d)).collect();
    if !missing.is_empty() {
        out.push(format!(
            "the generated client `{}` uses dependencies Cargo.toml does not declare: {}; add to [dependencies]:",
            rendered.module,
            missing.join(", ")
        ));
        let lines = rendered.dependencies.lines();
        out.extend(lines.filter(|l| manifest::keys(l).first().is_some_and(|k| missing.contains(k))).map(String::from));
    }
    for feature in rendered.operation_features.iter().filter(|f| !features.contains(*f)) {
        out.push(format!(
            "the operations behind feature `{feature}` of `{}` are left out: Cargo.toml does not declare it",
            rendered.module
        ));
    }
    out
}

/// `stream` or `clients::stream` as the module's parent path from the
/// crate root (`crate`, `crate::clients`) and its name.
fn module_path(path: &str) -> Result<(String, Option<String>), Error> {
    let segments: Vec<&str> = path.split("::").map(str::trim).collect();
    if segments.iter().any(|s| syn::parse_str::<syn::Ident>(s).is_err()) {
        return Err(Error::Module(path.to_string()));
    }
    let (name, parents) = segments.split_last().ok_or_else(|| Error::Module(path.to_string()))?;
    let parent = std::iter::once("crate").chain(parents.iter().copied()).collect::<Vec<_>>().join("::");
    Ok((parent, Some(name.to_string())))
}

/// A spec's folder that remembers which files were read from it.
struct Recorded {
    folder: Folder,
    read: Mutex<Vec<String>>,
}

impl Files for Recorded {
    fn read(&self, path: &str) -> Result<Source, String> {
        if let Ok(mut read) = self.read.lock() {
            read.push(path.to_string());
        }
        self.folder.read(path)
    }

    fn entry(&self) -> Option<String> {
        self.folder.entry()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// With `root`, a spec whose entry is in a subfolder reads files beside
    /// that folder, and names them for `rerun-if-changed`; a root that does
    /// not hold the spec is refused.
    #[test]
    fn the_root_lets_refs_reach_above_the_entry() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/constructs/split_root");
        let entry = root.join("spec/openapi.yaml");
        let rendered = Builder::new(&entry).root(&root).render().expect("generates with the root");
        assert!(rendered.spec_files.contains(&root.join("common/Error.yaml")), "{:?}", rendered.spec_files);
        assert!(matches!(Builder::new(&entry).render(), Err(Error::Spec { .. })), "../common is outside by default");
        let elsewhere = root.join("common");
        assert!(matches!(Builder::new(&entry).root(elsewhere).render(), Err(Error::Root(_))));
    }

    #[test]
    fn module_paths_are_rust_identifiers() {
        assert_eq!(module_path("stream").ok(), Some(("crate".to_string(), Some("stream".to_string()))));
        let nested = module_path("clients::stream").ok();
        assert_eq!(nested, Some(("crate::clients".to_string(), Some("stream".to_string()))));
        for bad in ["", "a::", "my-client", "type", "a b"] {
            assert!(matches!(module_path(bad), Err(Error::Module(_))), "{bad:?}");
        }
    }

    #[test]
    fn what_the_including_manifest_lacks_is_named_with_the_lines_to_add() {
        let rendered = Rendered {
            file: OutFile { path: "api.rs".into(), contents: String::new() },
            module: "api".into(),
            dependencies:
                "bytes = \"1\"\nreqwest = { version = \"0.12\" }\ntracing = { version = \"0.1\", optional = true }\n"
                    .into(),
            features: "default = [\"pets\"]\npets = []\nstores = []\nserialize = []\n".into(),
            operation_features: vec!["pets".into(), "stores".into()],
            spec_files: Vec::new(),
            warnings: Vec::new(),
        };
        let manifest = "[dependencies]\nbytes = \"1\"\n[features]\npets = []\n";
        assert_eq!(
            undeclared(&rendered, manifest),
            [
                "the generated client `api` uses dependencies Cargo.toml does not declare: reqwest; add to [dependencies]:",
                "reqwest = { version = \"0.12\" }",
                "the operations behind feature `stores` of `api` are left out: Cargo.toml does not declare it",
            ]
        );
        let complete = "[dependencies]\nbytes = \"1\"\nreqwest = \"0.12\"\n[features]\npets = []\nstores = []\n";
        assert!(undeclared(&rendered, complete).is_empty());
    }
}
