//! `cargo run -p codegen`: regenerate `generated/` from the spec.

use clap::Parser;
use codegen::cli::{generate, Cli, Command};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match &cli.command {
        None => generate::run(&cli.generate),
        Some(Command::Generate(args)) => generate::run(args),
    }
}
