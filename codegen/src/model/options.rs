//! How strictly a spec is read and which of its operations are generated.

use super::crate_settings::CrateSettings;
use super::select::Selection;
use crate::diagnostic::{Code, Diagnostic};

/// Options of one generation run.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Which operations to generate; empty means all.
    pub selection: Selection,
    /// Report recoverable spec errors (path templates that disagree with
    /// their parameters, duplicate operationIds) as warnings and recover,
    /// instead of failing the run. Published specs such as Cloudflare's
    /// have such errors; our own spec must not.
    pub lenient: bool,
    /// How operations are grouped into Cargo features.
    pub features_by: FeaturesBy,
    /// The crate's name, version and environment prefix, over the spec's.
    pub crate_settings: CrateSettings,
}

/// How operations are grouped into the generated crate's Cargo features,
/// so that users compile only the parts of an API they use.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum FeaturesBy {
    /// One feature per tag while they fit in crates.io's limit, else one
    /// per resource path segment; none for a spec with fewer than two.
    #[default]
    Auto,
    /// One feature per tag.
    Tag,
    /// One feature per resource path segment (`/accounts/{id}/stream/…` →
    /// `stream`).
    Path,
    /// No features: everything always compiles.
    None,
}

impl Options {
    /// All operations, strict.
    pub fn all() -> Self {
        Self::default()
    }

    /// The diagnostic for a spec error that has a sensible recovery: an
    /// error, or under `--lenient` a warning that says how it was recovered.
    pub(crate) fn recoverable(
        &self,
        code: Code,
        pointer: impl Into<String>,
        message: impl Into<String>,
        recovery: &str,
    ) -> Diagnostic {
        let error = Diagnostic::new(code, pointer, message);
        if self.lenient {
            error.recovered(recovery)
        } else {
            error
        }
    }

    /// `error` as a recoverable one: unchanged, with a hint that says what
    /// `--lenient` does instead; under `--lenient` a warning that says it.
    pub(crate) fn recover(&self, error: Diagnostic, recovery: &str) -> Diagnostic {
        if self.lenient {
            error.recovered(recovery)
        } else if error.hint.is_none() {
            error.with_hint(format!("with --lenient, {recovery}"))
        } else {
            error
        }
    }
}

impl From<&Selection> for Options {
    fn from(selection: &Selection) -> Self {
        Self { selection: selection.clone(), ..Self::default() }
    }
}

impl From<&Options> for Options {
    fn from(options: &Options) -> Self {
        options.clone()
    }
}
