//! Printing diagnostics, each located in the spec's text and all of them
//! in file order: for a person, with the repeats of one kind cut short and
//! a count by kind at the end; for editors and CI, as JSON lines.

use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::locate::{locate_all, Position};
use crate::parse::Source;
use std::collections::BTreeMap;

/// How many diagnostics of one kind a person sees before the rest are
/// only counted (unless `--verbose`).
pub const SHOWN_PER_KIND: usize = 3;

/// How diagnostics are printed (`--format`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Lines for a person, on stderr: `file:line:col: error[E0104]: …`.
    #[default]
    Human,
    /// One JSON object per diagnostic and line, on stdout, for editors and
    /// CI annotations; the run's other messages go to stderr.
    Json,
}

/// How a command prints its diagnostics (`--format`, `--verbose`).
#[derive(Debug, Clone, Copy, Default)]
pub struct Reporter {
    /// Lines for a person or JSON lines.
    pub format: Format,
    /// Every diagnostic of a kind, not the first [`SHOWN_PER_KIND`].
    pub verbose: bool,
}

impl Reporter {
    /// Prints `diagnostics` about `source`: see [`Format`].
    pub fn print(&self, source: &Source, diagnostics: &[Diagnostic]) {
        match self.format {
            Format::Human => eprint!("{}", human(source, diagnostics, self.verbose)),
            Format::Json => print!("{}", json_lines(source, diagnostics)),
        }
    }

    /// Prints one of the run's own lines (what was generated, whether it is
    /// up to date): on stdout, unless stdout carries JSON lines.
    pub fn say(&self, line: &str) {
        match self.format {
            Format::Human => println!("{line}"),
            Format::Json => eprintln!("{line}"),
        }
    }
}

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

/// One line per diagnostic, every one of them, in file order.
pub fn render(source: &Source, diagnostics: &[Diagnostic]) -> String {
    human(source, diagnostics, true)
}

/// One line per diagnostic in file order, but of each kind only the first
/// [`SHOWN_PER_KIND`] unless `verbose`: the third is followed by a line
/// that counts the rest, so that hundreds of one kind do not bury the few
/// of another.
pub fn human(source: &Source, diagnostics: &[Diagnostic], verbose: bool) -> String {
    let totals = tally(diagnostics);
    let mut shown: BTreeMap<(Severity, Code), usize> = BTreeMap::new();
    let mut out = String::new();
    for (position, d) in located(source, diagnostics) {
        let key = (d.severity, d.code);
        let count = shown.entry(key).or_default();
        *count += 1;
        if verbose || *count <= SHOWN_PER_KIND {
            out.push_str(&d.render(&source.name, position));
            out.push('\n');
        }
        let total = totals[&key];
        if !verbose && *count == SHOWN_PER_KIND && total > SHOWN_PER_KIND {
            let rest = total - SHOWN_PER_KIND;
            out.push_str(&format!("  and {rest} more {}[{}] like this (--verbose shows all)\n", d.severity, d.code));
        }
    }
    out
}

/// One JSON object per diagnostic and line, in file order, with the keys
/// `file`, `line`, `col`, `pointer` (RFC 6901, `""` for the document),
/// `severity`, `code`, `message` and `hint`, in that order; `line`, `col`
/// and `hint` are `null` when unknown.
pub fn json_lines(source: &Source, diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for (position, d) in located(source, diagnostics) {
        let value = serde_json::json!({
            "file": d.file.as_deref().unwrap_or(&source.name),
            "line": position.map(|(line, _)| line),
            "col": position.map(|(_, col)| col),
            "pointer": d.pointer,
            "severity": d.severity.to_string(),
            "code": d.code.as_str(),
            "message": d.message,
            "hint": d.hint,
        });
        out.push_str(&value.to_string());
        out.push('\n');
    }
    out
}

/// How many diagnostics there are of each kind.
fn tally(diagnostics: &[Diagnostic]) -> BTreeMap<(Severity, Code), usize> {
    let mut totals = BTreeMap::new();
    for d in diagnostics {
        *totals.entry((d.severity, d.code)).or_default() += 1;
    }
    totals
}

/// The count of `diagnostics` by severity and kind, most frequent kind
/// first (then by code), e.g. `530 errors (525 E0104 path template
/// parameter not declared, 5 E0301 unresolved $ref), 3 warnings (3 W0101
/// cookie parameter not supported)`; `None` when there are none.
pub fn summary(diagnostics: &[Diagnostic]) -> Option<String> {
    let totals = tally(diagnostics);
    let mut parts = Vec::new();
    for (severity, noun) in [(Severity::Error, "error"), (Severity::Warning, "warning")] {
        let mut kinds: Vec<(Code, usize)> =
            totals.iter().filter(|((s, _), _)| *s == severity).map(|((_, code), n)| (*code, *n)).collect();
        if kinds.is_empty() {
            continue;
        }
        kinds.sort_by(|(a, m), (b, n)| n.cmp(m).then(a.as_str().cmp(b.as_str())));
        let total: usize = kinds.iter().map(|(_, n)| n).sum();
        let plural = if total == 1 { "" } else { "s" };
        let by_kind: Vec<String> = kinds.iter().map(|(code, n)| format!("{n} {code} {}", code.title())).collect();
        parts.push(format!("{total} {noun}{plural} ({})", by_kind.join(", ")));
    }
    (!parts.is_empty()).then(|| parts.join(", "))
}
