//! `codegen diff OLD [NEW]`: the API changes between two specs, judged by
//! what they do to the generated crate's users (see [`crate::diff::rules`]).

use super::origin::{workspace_root, Origin, SPEC_PATH};
use super::report::{self, Reporter};
use super::EXIT_USAGE;
use crate::diff::render::{self, Format};
use crate::model::{select::Selection, Api, Options};
use std::process::ExitCode;

/// Exit code of `--deny-breaking` when there are breaking changes.
pub const EXIT_BREAKING: u8 = 1;

/// The arguments of `codegen diff`.
#[derive(clap::Args, Debug, Clone)]
pub struct DiffArgs {
    /// The old spec: a file (YAML or JSON, optionally gzipped), a split
    /// spec's folder (its openapi.yaml, openapi.json or swagger.yaml), a git
    /// revision (its spec/stream.yaml is read), or `REV:path`.
    pub old: String,
    /// The new spec, given like OLD; default: the working tree's spec/stream.yaml.
    pub new: Option<String>,
    /// `text` for terminals, `markdown` for pull requests.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
    /// Exit with status 1 when there are breaking changes (for CI).
    #[arg(long)]
    pub deny_breaking: bool,
    /// Compare only operations with this tag, operationId or path glob (repeatable).
    #[arg(long = "include", value_name = "PATTERN")]
    pub include: Vec<String>,
    /// Recover from the spec errors published specs are known to have (as `generate --lenient`).
    #[arg(long)]
    pub lenient: bool,
    /// Where the spec is inside a revision given without `:path`.
    #[arg(long, value_name = "PATH", default_value = SPEC_PATH)]
    pub path: String,
    /// The folder the specs' `$ref`s may not leave (as `generate --root`);
    /// default: each spec file's own folder.
    #[arg(long, value_name = "DIR")]
    pub root: Option<std::path::PathBuf>,
    /// Print every diagnostic about a spec that cannot be read; without it,
    /// only the first 3 of each kind are printed in full.
    #[arg(long)]
    pub verbose: bool,
}

/// Exit status: 0 when compared (and allowed), 1 for breaking changes under
/// `--deny-breaking`, 2 when a spec cannot be read or modelled.
pub fn run(args: &DiffArgs) -> ExitCode {
    let old = Origin::parse(&args.old, &args.path);
    let new = match &args.new {
        Some(arg) => Origin::parse(arg, &args.path),
        None => Origin::File(workspace_root().join(&args.path)),
    };
    let options =
        Options { selection: Selection::new(args.include.clone()), lenient: args.lenient, ..Options::default() };
    let reporter = Reporter { format: report::Format::Human, verbose: args.verbose };
    let model = |origin: &Origin| model(origin, &options, args.root.as_deref(), reporter);
    let (old_api, new_api) = match (model(&old), model(&new)) {
        (Ok(a), Ok(b)) => (a, b),
        _ => return ExitCode::from(EXIT_USAGE),
    };
    let report = crate::diff::diff(&old_api, &new_api);
    let new_label = match &args.new {
        Some(_) => new.label(),
        None => format!("{} (working tree)", args.path),
    };
    print!("{}", render::render(&report, args.format, &old.label(), &new_label));
    if args.deny_breaking && report.has_breaking() {
        eprintln!(
            "error: {} breaking change(s) and --deny-breaking was given",
            report.count(crate::diff::Severity::Breaking)
        );
        return ExitCode::from(EXIT_BREAKING);
    }
    ExitCode::SUCCESS
}

/// Reads and models one side, reporting to stderr why it cannot.
fn model(origin: &Origin, options: &Options, root: Option<&std::path::Path>, reporter: Reporter) -> Result<Api, ()> {
    let source = origin.load().map_err(|e| eprintln!("error: {e}"))?;
    let files = origin.files(root).map_err(|e| eprintln!("error: {e}"))?;
    match crate::model_of_in(&source, files.as_ref(), options) {
        Ok(built) => Ok(built.api),
        Err(diags) => {
            reporter.print(&source, &diags);
            let counts = report::summary(&diags).unwrap_or_else(|| "errors".to_string());
            eprintln!("error: {counts} in {}; cannot compare it", source.name);
            Err(())
        }
    }
}
