//! The report as plain text, as Markdown, and as one paragraph.

use super::{Bump, Report, Severity};
use std::fmt::Write;

/// Output format of `codegen diff`: [`Text`](Format::Text) for terminals,
/// [`Markdown`](Format::Markdown) for pull requests.
// No doc comments on the variants: clap would print them in `--help`.
#[allow(missing_docs)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    #[default]
    Text,
    Markdown,
}

/// Renders `report` comparing the specs labelled `old` and `new`.
pub fn render(report: &Report, format: Format, old: &str, new: &str) -> String {
    match format {
        Format::Text => text(report, old, new),
        Format::Markdown => markdown(report, old, new),
    }
}

/// "2 breaking, 1 compatible", or "no changes".
pub(crate) fn counts(report: &Report) -> String {
    let parts: Vec<String> = Severity::ALL
        .iter()
        .filter_map(|&s| match report.count(s) {
            0 => None,
            n => Some(format!("{n} {}", s.label())),
        })
        .collect();
    if parts.is_empty() {
        "no changes".to_string()
    } else {
        parts.join(", ")
    }
}

/// "major bump: 0.1.0 → 0.2.0", with a word on the version the new spec
/// declares when it differs.
pub(crate) fn verdict(report: &Report) -> String {
    let bump = report.bump();
    if bump == Bump::None {
        return "no version bump needed".to_string();
    }
    let mut out = format!("{bump} bump");
    if let Some(next) = report.required_version() {
        write!(out, ": {} → {next}", report.old_version).unwrap();
        if report.new_version != report.old_version {
            let enough = at_least(&report.new_version, &next);
            let judgement = match enough {
                Some(true) => "enough",
                Some(false) => "not enough",
                None => "not a version Cargo understands",
            };
            write!(out, " (the new spec declares {}: {judgement})", report.new_version).unwrap();
        }
    }
    out
}

/// Whether `version` ≥ `wanted`, both `x.y.z`.
fn at_least(version: &str, wanted: &str) -> Option<bool> {
    Some(super::parse_version(version)? >= super::parse_version(wanted)?)
}

fn text(report: &Report, old: &str, new: &str) -> String {
    let mut out = String::new();
    if report.is_empty() {
        writeln!(out, "No API changes from {old} to {new}.").unwrap();
        return out;
    }
    writeln!(out, "API changes from {old} to {new}").unwrap();
    writeln!(out, "{}: {}", report.crate_name, counts(report)).unwrap();
    writeln!(out, "semver: {}", verdict(report)).unwrap();
    groups(&mut out, report, |heading| format!("\n{heading}:\n"), "  - ");
    out
}

fn markdown(report: &Report, old: &str, new: &str) -> String {
    let mut out = String::new();
    writeln!(out, "### API changes: `{old}` → `{new}`\n").unwrap();
    if report.is_empty() {
        writeln!(out, "No API changes.").unwrap();
        return out;
    }
    writeln!(out, "**Semver: {}** for `{}` — {}.", verdict(report), report.crate_name, counts(report)).unwrap();
    groups(&mut out, report, |heading| format!("\n#### {heading}\n\n"), "- ");
    out
}

/// Each non-empty severity group: its heading ("Breaking (2)"), then one
/// line per change.
fn groups(out: &mut String, report: &Report, heading: impl Fn(&str) -> String, bullet: &str) {
    for severity in Severity::ALL {
        let n = report.count(severity);
        if n == 0 {
            continue;
        }
        out.push_str(&heading(&format!("{} ({n})", severity.heading())));
        for change in report.of(severity) {
            writeln!(out, "{bullet}{}", change.message).unwrap();
        }
    }
}

/// The report in one paragraph (without a trailing newline), listing at
/// most `limit` changes, most severe first; `None` when nothing changed.
pub fn summary(report: &Report, since: &str, limit: usize) -> Option<String> {
    if report.is_empty() {
        return None;
    }
    let mut out = format!("API changes since {since}: {} → {}", counts(report), verdict(report));
    let listed: Vec<&str> = report.changes.iter().take(limit).map(|c| c.message.as_str()).collect();
    write!(out, ": {}", listed.join("; ")).unwrap();
    let rest = report.changes.len().saturating_sub(limit);
    if rest > 0 {
        write!(out, "; and {rest} more").unwrap();
    }
    out.push('.');
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::at_least;

    #[test]
    fn compares_versions() {
        assert_eq!(at_least("0.2.0", "0.2.0"), Some(true));
        assert_eq!(at_least("0.10.0", "0.2.0"), Some(true));
        assert_eq!(at_least("0.1.9", "0.2.0"), Some(false));
        assert_eq!(at_least("x", "0.2.0"), None);
    }
}
