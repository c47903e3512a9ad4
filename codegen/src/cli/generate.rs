//! `codegen [generate]`: regenerate a crate from a spec, or `--check` it.

use super::header_name::header_name;
use super::origin::{git_show, workspace_root, Folder, SPEC_PATH};
use super::report::{self, Format, Reporter};
use super::{EXIT_SPEC, EXIT_USAGE};
use crate::diagnostic::Diagnostic;
use crate::diff::render;
use crate::model::{select::Selection, Api, CrateSettings, FeaturesBy, Options};
use crate::parallel;
use crate::parse::{ReadError, Source};
use crate::write::{ensure_files_with, Mode, Outcome, Overwrite};
use std::path::PathBuf;
use std::process::ExitCode;

/// The arguments of `codegen generate` (and of `codegen` alone).
#[derive(clap::Args, Debug, Clone, Default)]
pub struct GenerateArgs {
    /// The spec (YAML or JSON, optionally gzipped), or a split spec's folder
    /// (its openapi.yaml, openapi.json or swagger.yaml); default: the embedded
    /// spec/stream.yaml.
    #[arg(long)]
    pub spec: Option<PathBuf>,
    /// The folder the spec's `$ref`s may not leave; it must hold the spec
    /// (at any depth). Default: the spec file's own folder.
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// Where to write the crate; default: the workspace's generated/.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Write nothing; exit 1 if any generated file is out of date (2 if a
    /// run would be refused, see --force).
    #[arg(long)]
    pub check: bool,
    /// Keep only operations with this tag, operationId or path glob (repeatable).
    #[arg(long = "include", value_name = "PATTERN")]
    pub include: Vec<String>,
    /// Recover from spec errors that published specs are known to have,
    /// reporting them as warnings: a path-template parameter that is not
    /// declared becomes a `&str` path parameter, a declared path parameter
    /// missing from the template is dropped, duplicate operationIds get
    /// numbered method names, a `$ref` to the wrong kind of component is
    /// used for the schema it holds, an unknown type name is any JSON value,
    /// a parameter in an unknown location is dropped, an unknown style is the
    /// location's default, and what cannot be read (a `$ref` that leads
    /// nowhere, an operation without responses) is left out or read as JSON
    /// or bytes, naming each operation that lost a part.
    #[arg(long)]
    pub lenient: bool,
    /// How operations are grouped into the crate's Cargo features: by tag
    /// (while there are at most 280 tags), by resource path segment
    /// (`/accounts/{id}/stream/…` → `stream`), or none. `auto` picks tag,
    /// then path, and no features for a spec with fewer than two tags.
    #[arg(long, value_enum, default_value_t)]
    pub features_by: FeaturesBy,
    /// Overwrite files that lack the generator's `@generated` header, and
    /// write into a directory that holds other files but no generated
    /// crate. Without it such a run writes nothing. The filesystem root and
    /// the home directory are refused even so.
    #[arg(long)]
    pub force: bool,
    /// The crate's name, over the spec's `info.x-rust-crate` and its title.
    /// Recorded in the generated files' header: `--check` needs it again.
    #[arg(long, value_name = "NAME")]
    pub crate_name: Option<String>,
    /// The crate's version, over `info.x-rust-crate-version` (default
    /// 0.1.0). Recorded in the header like --crate-name.
    #[arg(long, value_name = "VERSION")]
    pub crate_version: Option<String>,
    /// The prefix of the environment variables `Client::from_env` reads,
    /// over `info.x-env-prefix` (default: the crate name in
    /// SCREAMING_SNAKE_CASE). Recorded in the header like --crate-name.
    #[arg(long, value_name = "PREFIX")]
    pub env_prefix: Option<String>,
    /// How diagnostics are printed: `human` lines on stderr, or `json`, one
    /// object per line on stdout (file, line, col, pointer, severity, code,
    /// message, hint) with the run's other messages on stderr.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
    /// Print every diagnostic; without it, only the first 3 of each kind
    /// are printed in full and the rest are counted.
    #[arg(long)]
    pub verbose: bool,
}

impl GenerateArgs {
    /// How these arguments ask for diagnostics to be printed.
    fn reporter(&self) -> Reporter {
        Reporter { format: self.format, verbose: self.verbose }
    }

    /// The model's options these arguments ask for.
    fn options(&self) -> Options {
        Options {
            selection: Selection::new(self.include.clone()),
            lenient: self.lenient,
            features_by: self.features_by,
            crate_settings: CrateSettings {
                name: self.crate_name.clone(),
                version: self.crate_version.clone(),
                env_prefix: self.env_prefix.clone(),
            },
        }
    }
}

/// The command that brings generated code up to date.
pub const FIX: &str = "cargo run -p codegen";

/// Exit status: 0 when generated (or up to date under `--check`), 1 for
/// spec errors or stale files, 2 for usage and I/O problems or a refused
/// run, 101 for a generator bug.
pub fn run(args: &GenerateArgs) -> ExitCode {
    // A split spec's folder stands for its entry file.
    let spec = args.spec.as_deref().map(super::origin::entry_file);
    let source = match &spec {
        None => crate::default_source(),
        Some(path) => match Source::read(path, path.display().to_string()) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("{e}");
                // A file that is there but is not text is a bad spec, not
                // a usage problem.
                let code = if matches!(e, ReadError::NotText { .. }) { EXIT_SPEC } else { EXIT_USAGE };
                return ExitCode::from(code);
            }
        },
    };
    let out = args.out.clone().unwrap_or_else(crate::default_out_dir);
    let header_name = match &spec {
        None => source.name.clone(),
        Some(path) => header_name(path, &out),
    };
    let options = args.options();
    let reporter = args.reporter();
    if let Err(message) = options.crate_settings.validate() {
        eprintln!("error: {message}");
        return ExitCode::from(EXIT_USAGE);
    }
    let files: Box<dyn crate::parse::Files> = match (&spec, &args.root) {
        (None, None) => Box::new(crate::parse::NoFiles),
        (None, Some(_)) => {
            eprintln!("error: --root needs --spec: the embedded spec is one file");
            return ExitCode::from(EXIT_USAGE);
        }
        (Some(path), None) => Box::new(Folder::of(path)),
        (Some(path), Some(root)) => match Folder::within(path, root) {
            Ok(folder) => Box::new(folder),
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::from(EXIT_USAGE);
            }
        },
    };
    let generated = match crate::generate_as(&source, files.as_ref(), &options, &header_name) {
        Ok(g) => g,
        Err(crate::Failure::Spec(diags)) => {
            reporter.print(&source, &diags);
            let recoverable = !args.lenient && lenient_recovers(&source, files.as_ref(), &options);
            eprintln!("{}", failure_summary(&diags, &source.name, recoverable));
            return ExitCode::from(EXIT_SPEC);
        }
        Err(e @ crate::Failure::Emit(_)) => {
            eprintln!("{e}");
            return ExitCode::from(101);
        }
    };
    // The process ends with this function: freeing the model's millions of
    // small allocations one by one would cost tens of milliseconds on a
    // large API for nothing.
    let generated = std::mem::ManuallyDrop::new(generated);
    let mode = if args.check { Mode::Check } else { Mode::Write };
    let overwrite = if args.force { Overwrite::Anything } else { Overwrite::GeneratedOnly };
    // The files are written while the warnings are placed in the spec's
    // text and printed.
    let (written, ()) = parallel::beside(
        || ensure_files_with(&out, &generated.files, mode, overwrite),
        || {
            reporter.print(&source, &generated.warnings);
            if let Some(line) = warnings_summary(&generated.warnings, &source.name) {
                eprintln!("{line}");
            }
        },
    );
    let outcome = match written {
        Ok(o) => o,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(EXIT_USAGE);
        }
    };
    let api = &generated.api;
    if args.check {
        if outcome.is_clean() {
            reporter.say(&format!("{}: up to date ({} files)", out.display(), generated.files.len()));
            return ExitCode::SUCCESS;
        }
        for p in &outcome.changed {
            eprintln!("stale: {}", out.join(p).display());
        }
        for p in &outcome.removed {
            eprintln!("no longer generated: {}", out.join(p).display());
        }
        if let Some(note) = different_command(&out, &generated.files) {
            eprintln!("{note}");
        }
        eprintln!("error: generated code is out of date; run `{FIX}` to update it");
        return ExitCode::from(EXIT_SPEC);
    }
    reporter.say(&summary(api, outcome.changed.len(), outcome.removed.len(), &out));
    print_regenerate_summary(args, api, &outcome);
    ExitCode::SUCCESS
}

/// The line a run that wrote the crate ends with: what the crate holds
/// and what changed on disk.
pub fn summary(api: &Api, changed: usize, removed: usize, out: &std::path::Path) -> String {
    let removed = match removed {
        0 => String::new(),
        n => format!(", {n} removed"),
    };
    let operations = api.operations.len();
    // A method that lacks part of its operation must not pass unnoticed
    // among hundreds that are whole.
    let whole = match api.operations.iter().filter(|op| !op.dropped.is_empty()).count() {
        0 => String::new(),
        n => format!(" ({} whole, {n} with parts dropped: see warnings)", operations - n),
    };
    // Paging is recognised from patterns, so the count is worth a glance.
    let paging = match api.operations.iter().filter(|op| op.pagination.is_some()).count() {
        0 => String::new(),
        n => format!(", {n} paging"),
    };
    format!(
        "{}: {} types, {operations} operations{whole}{paging}, {changed} files changed{removed} ({})",
        api.meta.crate_name,
        api.types.len(),
        out.display()
    )
}

/// When the crate in `out` records another spec or other flags in its
/// `Cargo.toml` header than `files` do: a note naming both, since a
/// `--check` without the flags the crate was made with is the likely cause.
fn different_command(out: &std::path::Path, files: &[crate::emit::OutFile]) -> Option<String> {
    let new = files.iter().find(|f| f.path == "Cargo.toml").and_then(|f| recorded_source(&f.contents))?;
    let old = std::fs::read_to_string(out.join("Cargo.toml")).ok()?;
    let old = recorded_source(&old)?;
    (old != new).then(|| format!("note: {} was generated from {old}; this run generates from {new}", out.display()))
}

/// What a generated file's header says it was generated from: the spec
/// and the flags, e.g. ``api.yaml with `--crate-name x` ``.
fn recorded_source(text: &str) -> Option<String> {
    let from = text.lines().next()?.split_once(crate::emit::MARKER)?.1;
    Some(from.trim().trim_start_matches("from ").trim_end_matches('.').to_string())
}

/// Whether `--lenient` would generate from a spec that fails strictly:
/// every error is one it recovers from. Found out by trying it.
pub fn lenient_recovers(source: &Source, files: &dyn crate::parse::Files, options: &Options) -> bool {
    crate::model_of_in(source, files, Options { lenient: true, ..options.clone() }).is_ok()
}

/// The last line of a failed run: the `errors` counted by kind; when
/// `recoverable`, it names `--lenient`.
pub fn failure_summary(errors: &[Diagnostic], spec: &str, recoverable: bool) -> String {
    let hint = if recoverable {
        "; --lenient recovers from every one of them (reporting them as warnings): run again with --lenient to generate anyway"
    } else {
        ""
    };
    let counts = report::summary(errors).unwrap_or_else(|| "errors".to_string());
    format!("error: {counts} in {spec}; nothing was written{hint}")
}

/// The line after the warnings of a run that generated: they counted by
/// kind; `None` without warnings.
pub fn warnings_summary(warnings: &[Diagnostic], spec: &str) -> Option<String> {
    report::summary(warnings).map(|counts| format!("warning: {counts} in {spec}"))
}

/// After `cargo run -p codegen` rewrote files from the default spec: one
/// paragraph on the API changes since the spec in git `HEAD`. Silent when
/// nothing changed or git (or `HEAD`, or its spec) is not there.
fn print_regenerate_summary(args: &GenerateArgs, api: &Api, outcome: &Outcome) {
    if args.check || args.spec.is_some() || outcome.is_clean() {
        return;
    }
    let object = format!("HEAD:./{SPEC_PATH}");
    let Ok(bytes) = git_show(&workspace_root(), &object) else { return };
    let Ok(text) = String::from_utf8(bytes) else { return };
    let source = Source { name: format!("HEAD:{SPEC_PATH}"), text };
    let options = args.options();
    let Ok(built) = crate::model_of(&source, &options) else { return };
    let report = crate::diff::diff(&built.api, api);
    if let Some(summary) = render::summary(&report, "HEAD", 5) {
        args.reporter().say(&format!("{summary} Run `cargo run -p codegen -- diff HEAD` for the full report."));
    }
}

#[cfg(test)]
mod tests {
    use super::recorded_source;

    #[test]
    fn headers_name_the_spec_and_the_flags() {
        let header = crate::emit::header("../api.yaml with `--crate-name x --env-prefix X`", "#");
        assert_eq!(recorded_source(&header).as_deref(), Some("../api.yaml with `--crate-name x --env-prefix X`"));
        assert_eq!(
            recorded_source(&crate::emit::header("spec/stream.yaml", "//")).as_deref(),
            Some("spec/stream.yaml")
        );
        assert_eq!(recorded_source("[package]\nname = \"mine\"\n"), None, "a hand-written manifest records nothing");
    }
}
