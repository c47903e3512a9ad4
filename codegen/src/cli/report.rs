//! Printing diagnostics for a person to act on: each located in the spec's
//! text, all of them in file order.

use crate::diagnostic::Diagnostic;
use crate::locate::{locate_all, Position};
use crate::parse::Source;

/// The diagnostics with their positions, sorted by position (the ones
/// without a position, which only happens when the text cannot be read at
/// all, first); diagnostics at the same position keep their order. Those
/// about other files (a `$ref` led there; they are located already) come
/// after the root spec's, by file.
pub fn located<'d>(source: &Source, diagnostics: &'d [Diagnostic]) -> Vec<(Option<Position>, &'d Diagnostic)> {
    let unlocated: Vec<&str> =
        diagnostics.iter().filter(|d| d.position.is_none() && d.file.is_none()).map(|d| d.pointer.as_str()).collect();
    // The text is only walked when some diagnostic needs it.
    let mut found = if unlocated.is_empty() { Vec::new() } else { locate_all(&source.text, &unlocated) }.into_iter();
    let mut out: Vec<_> = diagnostics
        .iter()
        .map(|d| match d.position {
            Some(p) => (Some(p), d),
            None if d.file.is_some() => (None, d),
            None => (found.next().flatten(), d),
        })
        .collect();
    out.sort_by(|(a, x), (b, y)| (&x.file, a).cmp(&(&y.file, b)));
    out
}

/// One line per diagnostic, in file order.
pub fn render(source: &Source, diagnostics: &[Diagnostic]) -> String {
    located(source, diagnostics).into_iter().map(|(position, d)| d.render(&source.name, position) + "\n").collect()
}

/// Writes each diagnostic to stderr, located in `source`, in file order.
pub(crate) fn print(source: &Source, diagnostics: &[Diagnostic]) {
    eprint!("{}", render(source, diagnostics));
}
