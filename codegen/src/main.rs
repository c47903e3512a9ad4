//! `cargo run -p codegen`: regenerate `generated/` from the spec.

use clap::Parser;
use codegen::model::select::Selection;
use codegen::parse::Source;
use codegen::write::{ensure_files, Mode};
use std::path::PathBuf;
use std::process::ExitCode;

/// Generates a typed Rust client crate from an OpenAPI description.
#[derive(Parser)]
#[command(version, about)]
struct Args {
    /// The spec (YAML or JSON, optionally gzipped); default: the embedded spec/stream.yaml.
    #[arg(long)]
    spec: Option<PathBuf>,
    /// Where to write the crate; default: the workspace's generated/.
    #[arg(long)]
    out: Option<PathBuf>,
    /// Write nothing; exit 1 if any generated file is out of date.
    #[arg(long)]
    check: bool,
    /// Keep only operations with this tag, operationId or path glob (repeatable).
    #[arg(long = "include", value_name = "PATTERN")]
    include: Vec<String>,
}

const FIX: &str = "cargo run -p codegen";

fn main() -> ExitCode {
    let args = Args::parse();
    let source = match &args.spec {
        None => codegen::default_source(),
        Some(path) => match Source::read(path, path.display().to_string()) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::from(2);
            }
        },
    };
    let generated = match codegen::generate(&source, &Selection::new(args.include.clone())) {
        Ok(g) => g,
        Err(codegen::Failure::Spec(diags)) => {
            for d in &diags {
                eprintln!("{}", d.render(&source.name, None));
            }
            eprintln!("error: {} error(s) in {}; nothing was written", diags.len(), source.name);
            return ExitCode::from(1);
        }
        Err(e @ codegen::Failure::Emit(_)) => {
            eprintln!("{e}");
            return ExitCode::from(101);
        }
    };
    for w in &generated.warnings {
        eprintln!("{}", w.render(&source.name, None));
    }
    let out = args.out.clone().unwrap_or_else(codegen::default_out_dir);
    let mode = if args.check { Mode::Check } else { Mode::Write };
    let outcome = match ensure_files(&out, &generated.files, mode) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let api = &generated.api;
    if args.check {
        if outcome.is_clean() {
            println!("{}: up to date ({} files)", out.display(), generated.files.len());
            return ExitCode::SUCCESS;
        }
        for p in &outcome.changed {
            eprintln!("stale: {}", out.join(p).display());
        }
        for p in &outcome.removed {
            eprintln!("no longer generated: {}", out.join(p).display());
        }
        eprintln!("error: generated code is out of date; run `{FIX}` to update it");
        return ExitCode::from(1);
    }
    println!(
        "{}: {} types, {} operations, {} files changed{} ({})",
        api.meta.crate_name,
        api.types.len(),
        api.operations.len(),
        outcome.changed.len(),
        if outcome.removed.is_empty() { String::new() } else { format!(", {} removed", outcome.removed.len()) },
        out.display()
    );
    ExitCode::SUCCESS
}
