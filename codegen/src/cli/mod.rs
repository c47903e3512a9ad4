//! The `codegen` command line: one module per subcommand.

pub mod diff;
pub mod generate;
pub mod header_name;
pub mod origin;
pub mod report;

use clap::{Parser, Subcommand};

/// Exit code for a spec with errors (or stale output in `--check`).
pub(crate) const EXIT_SPEC: u8 = 1;
/// Exit code for usage and I/O problems.
pub(crate) const EXIT_USAGE: u8 = 2;

/// Generates a typed Rust client crate from an OpenAPI description.
#[derive(Parser)]
#[command(version, about, args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// The subcommand; `None` means `generate`.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// The options of `generate`, accepted without the subcommand.
    #[command(flatten)]
    pub generate: generate::GenerateArgs,
}

/// A subcommand.
#[derive(Subcommand)]
pub enum Command {
    /// Generate the crate (the default when no subcommand is given).
    Generate(generate::GenerateArgs),
    /// Report the API changes between two specs (files or git revisions) and the semver bump they need.
    Diff(diff::DiffArgs),
}
