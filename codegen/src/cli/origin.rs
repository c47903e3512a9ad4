//! Where the specs of `codegen diff` (and the regenerate summary) come
//! from: a file, or a git revision. Kept in the command line so that
//! [`crate::diff`] only compares two models and does no I/O.

use crate::parse::Source;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The path of the spec inside the workspace, read from revisions by default.
pub(crate) const SPEC_PATH: &str = crate::DEFAULT_SPEC_NAME;

/// The workspace root (where `spec/` lives).
pub(crate) fn workspace_root() -> PathBuf {
    let generated = crate::default_out_dir();
    generated.parent().map(Path::to_path_buf).unwrap_or(generated)
}

/// One side of a comparison, as given on the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A spec file (YAML or JSON, optionally gzipped).
    File(PathBuf),
    /// `git show <object>` run in `dir`; `object` is `REV:path`.
    Git {
        /// The directory git runs in.
        dir: PathBuf,
        /// What git shows: `REV:path`.
        object: String,
    },
}

impl Origin {
    /// An existing file is read as a file. Anything else is a git revision:
    /// `REV:path` as git understands it (the path is relative to the
    /// repository root), or a bare `REV`, read at `spec_path` relative to the
    /// workspace root.
    pub fn parse(arg: &str, spec_path: &str) -> Self {
        if Path::new(arg).is_file() {
            return Origin::File(PathBuf::from(arg));
        }
        match arg.split_once(':') {
            Some((rev, path)) if !rev.is_empty() && !path.is_empty() => {
                Origin::Git { dir: PathBuf::from("."), object: arg.to_string() }
            }
            _ => {
                Origin::Git { dir: workspace_root(), object: format!("{arg}:./{}", spec_path.trim_start_matches("./")) }
            }
        }
    }

    /// How the spec is named in the report.
    pub(crate) fn label(&self) -> String {
        match self {
            Origin::File(path) => path.display().to_string(),
            Origin::Git { object, .. } => object.replacen(":./", ":", 1),
        }
    }

    /// Reads the spec, or says why it cannot.
    pub fn load(&self) -> Result<Source, String> {
        match self {
            Origin::File(path) => Source::read(path, self.label()).map_err(|e| e.to_string()),
            Origin::Git { dir, object } => {
                let bytes = git_show(dir, object).map_err(|reason| {
                    format!("`{}` is neither a file nor a readable git revision: {reason}", self.label())
                })?;
                Source::from_file_bytes(bytes, object.ends_with(".gz"), self.label()).map_err(|e| e.to_string())
            }
        }
    }
}

/// The file `object` (`REV:path`) in the repository at `dir`, or why git
/// could not show it.
pub(crate) fn git_show(dir: &Path, object: &str) -> Result<Vec<u8>, String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["show", "--no-textconv", object])
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if output.status.success() {
        return Ok(output.stdout);
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    Err(stderr.lines().find(|l| !l.trim().is_empty()).unwrap_or("git failed").to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments_are_files_or_revisions() {
        let manifest = concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml");
        assert_eq!(Origin::parse(manifest, SPEC_PATH), Origin::File(PathBuf::from(manifest)));
        let head = Origin::parse("HEAD~1", SPEC_PATH);
        assert_eq!(head, Origin::Git { dir: workspace_root(), object: "HEAD~1:./spec/stream.yaml".into() });
        assert_eq!(head.label(), "HEAD~1:spec/stream.yaml");
        let explicit = Origin::parse("v1:api/spec.yaml", SPEC_PATH);
        assert_eq!(explicit, Origin::Git { dir: PathBuf::from("."), object: "v1:api/spec.yaml".into() });
    }
}
