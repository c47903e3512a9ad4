//! `cargo run -p codegen`: regenerate `generated/` from the spec.

use clap::Parser;
use codegen::cli::{diff, generate, Cli, Command};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match &cli.command {
        None => generate::run(&cli.generate),
        Some(Command::Generate(args)) => generate::run(args),
        Some(Command::Diff(args)) => diff::run(args),
    }
}
