//! `cargo run -p codegen`: regenerate `generated/` from the spec.

use clap::Parser;
use codegen::cli::{diff, generate, Cli, Command};
use std::process::ExitCode;

// Generation makes and frees millions of small strings and token trees on
// two threads; with glibc's allocator a third of the CPU time of a large
// spec went to malloc and free.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match &cli.command {
        None => generate::run(&cli.generate),
        Some(Command::Generate(args)) => generate::run(args),
        Some(Command::Diff(args)) => diff::run(args),
    }
}
