//! Printing diagnostics for a person to act on.

use crate::diagnostic::Diagnostic;
use crate::parse::Source;

/// Writes each diagnostic to stderr, located in `source`.
pub fn print(source: &Source, diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        eprintln!("{}", d.render(&source.name, None));
    }
}
