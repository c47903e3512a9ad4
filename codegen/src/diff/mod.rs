//! `codegen diff OLD NEW`: the changes between two specs as the users of
//! the generated crate see them, each judged breaking, compatible or docs
//! only (see [`rules`] for the table), and the semver bump they need.
//!
//! Both specs are modelled first ([`crate::model_of`]), so the report speaks
//! of Rust names and types with the wire names beside them.

mod compare;
pub mod render;
pub mod rules;

use crate::model::Api;
pub use rules::ChangeKind;
use std::fmt;

/// How a change affects the generated crate's users.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Code may stop compiling, or JSON or requests change: a major bump.
    Breaking,
    /// The API only grows, or behaviour changes otherwise: a minor bump.
    Compatible,
    /// Only documentation changes: a patch bump.
    Docs,
}

impl Severity {
    /// Every severity, most severe first: the report's order.
    pub(crate) const ALL: [Severity; 3] = [Severity::Breaking, Severity::Compatible, Severity::Docs];

    /// The severity in a count, e.g. "2 breaking".
    pub(crate) fn label(self) -> &'static str {
        match self {
            Severity::Breaking => "breaking",
            Severity::Compatible => "compatible",
            Severity::Docs => "docs only",
        }
    }

    /// The heading of the severity's group in a report.
    pub(crate) fn heading(self) -> &'static str {
        match self {
            Severity::Breaking => "Breaking",
            Severity::Compatible => "Compatible",
            Severity::Docs => "Docs only",
        }
    }
}

/// The semver bump the generated crate needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Bump {
    /// Nothing changed: the version may stay.
    None,
    /// `z` in `x.y.z`: only docs changed.
    Patch,
    /// `y` in `x.y.z` (`z` in `0.y.z`): compatible changes.
    Minor,
    /// `x` in `x.y.z` (`y` in `0.y.z`): breaking changes.
    Major,
}

impl fmt::Display for Bump {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Bump::None => "none",
            Bump::Patch => "patch",
            Bump::Minor => "minor",
            Bump::Major => "major",
        })
    }
}

impl Bump {
    /// The smallest version after `version` that this bump allows, by
    /// Cargo's rules: in `0.y.z`, a major change bumps `y` and anything
    /// else `z`. `None` when `version` is not `x.y.z` or nothing changed.
    pub fn next_version(self, version: &str) -> Option<String> {
        let [major, minor, patch] = parse_version(version)?;
        Some(match (self, major) {
            (Bump::None, _) => return None,
            (Bump::Major, 0) => format!("0.{}.0", minor + 1),
            (_, 0) => format!("0.{minor}.{}", patch + 1),
            (Bump::Major, _) => format!("{}.0.0", major + 1),
            (Bump::Minor, _) => format!("{major}.{}.0", minor + 1),
            (Bump::Patch, _) => format!("{major}.{minor}.{}", patch + 1),
        })
    }
}

/// `x.y.z` of a semver version (pre-release and build metadata ignored).
pub(crate) fn parse_version(version: &str) -> Option<[u64; 3]> {
    let core = version.split(['-', '+']).next()?;
    let parts: Vec<u64> = core.split('.').map(|p| p.parse().ok()).collect::<Option<_>>()?;
    parts.try_into().ok()
}

/// One change, worded for the crate's users.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// What changed; it decides the severity.
    pub kind: ChangeKind,
    /// A sentence naming the item in backticks, e.g. "removed field
    /// `Download.url` (wire `url`)".
    pub message: String,
}

impl Change {
    /// How the change affects users, by [`rules::severity`].
    pub(crate) fn severity(&self) -> Severity {
        rules::severity(self.kind)
    }
}

/// Every change between two models, in a deterministic order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// The generated crate's name, from the new spec.
    pub crate_name: String,
    /// The crate version the old spec declares (`x-rust-crate-version`).
    pub old_version: String,
    /// The crate version the new spec declares.
    pub new_version: String,
    /// Grouped by severity (breaking first), each group in model order.
    pub changes: Vec<Change>,
}

impl Report {
    /// Whether nothing changed.
    pub(crate) fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// How many changes have `severity`.
    pub(crate) fn count(&self, severity: Severity) -> usize {
        self.changes.iter().filter(|c| c.severity() == severity).count()
    }

    /// Whether any change is breaking (what `--deny-breaking` refuses).
    pub fn has_breaking(&self) -> bool {
        self.count(Severity::Breaking) > 0
    }

    /// The changes of one severity, in report order.
    pub(crate) fn of(&self, severity: Severity) -> impl Iterator<Item = &Change> {
        self.changes.iter().filter(move |c| c.severity() == severity)
    }

    /// The bump the changes need together.
    pub fn bump(&self) -> Bump {
        self.changes.iter().map(|c| rules::bump(c.severity())).max().unwrap_or(Bump::None)
    }

    /// The version the crate needs at least, from the old spec's version.
    pub(crate) fn required_version(&self) -> Option<String> {
        self.bump().next_version(&self.old_version)
    }
}

/// Compares two models of an API.
pub fn diff(old: &Api, new: &Api) -> Report {
    let mut changes = compare::changes(old, new);
    changes.sort_by_key(Change::severity);
    Report {
        crate_name: new.meta.crate_name.clone(),
        old_version: old.meta.crate_version.clone(),
        new_version: new.meta.crate_version.clone(),
        changes,
    }
}

#[cfg(test)]
mod tests {
    use super::Bump;

    #[test]
    fn next_versions_follow_cargo() {
        assert_eq!(Bump::Major.next_version("1.2.3").as_deref(), Some("2.0.0"));
        assert_eq!(Bump::Minor.next_version("1.2.3").as_deref(), Some("1.3.0"));
        assert_eq!(Bump::Patch.next_version("1.2.3").as_deref(), Some("1.2.4"));
        assert_eq!(Bump::Major.next_version("0.1.0").as_deref(), Some("0.2.0"));
        assert_eq!(Bump::Minor.next_version("0.1.0").as_deref(), Some("0.1.1"));
        assert_eq!(Bump::Patch.next_version("0.1.0-rc.1").as_deref(), Some("0.1.1"));
        assert_eq!(Bump::None.next_version("0.1.0"), None);
        assert_eq!(Bump::Major.next_version("v1"), None);
    }
}
