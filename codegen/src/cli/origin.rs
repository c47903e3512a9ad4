//! Where the specs of `codegen diff` (and the regenerate summary) come
//! from: a file, or a git revision. Kept in the command line so that
//! [`crate::diff`] only compares two models and does no I/O.

use crate::parse::{Files, Source};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The path of the spec inside the workspace, read from revisions by default.
pub(crate) const SPEC_PATH: &str = crate::DEFAULT_SPEC_NAME;

/// The workspace root (where `spec/` lives).
pub(crate) fn workspace_root() -> PathBuf {
    let generated = crate::default_out_dir();
    generated.parent().map(Path::to_path_buf).unwrap_or(generated)
}

/// The entry files of a split spec's folder, in the order they are looked
/// for (the corpus gate, `scripts/corpus`, uses the same list).
pub const ENTRY_FILES: [&str; 3] = ["openapi.yaml", "openapi.json", "swagger.yaml"];

/// The spec `path` names: a file as it is, a folder by its entry file (the
/// first of [`ENTRY_FILES`] it holds). A folder without one is returned as
/// it is, so that reading it fails with a message naming it.
pub fn entry_file(path: &Path) -> PathBuf {
    if path.is_dir() {
        if let Some(entry) = ENTRY_FILES.iter().map(|e| path.join(e)).find(|p| p.is_file()) {
            return entry;
        }
    }
    path.to_path_buf()
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
    /// An existing file is read as a file, a folder as its entry file (see
    /// [`entry_file`]). Anything else is a git revision:
    /// `REV:path` as git understands it (the path is relative to the
    /// repository root), or a bare `REV`, read at `spec_path` relative to the
    /// workspace root.
    pub fn parse(arg: &str, spec_path: &str) -> Self {
        if Path::new(arg).is_file() {
            return Origin::File(PathBuf::from(arg));
        }
        if Path::new(arg).is_dir() {
            return Origin::File(entry_file(Path::new(arg)));
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
            Origin::File(path) if path.is_dir() => {
                Err(format!("`{}` is a folder without an entry file ({})", self.label(), ENTRY_FILES.join(", ")))
            }
            Origin::File(path) => Source::read(path, self.label()).map_err(|e| e.to_string()),
            Origin::Git { dir, object } => {
                let bytes = git_show(dir, object).map_err(|reason| {
                    format!("`{}` is neither a file nor a readable git revision: {reason}", self.label())
                })?;
                Source::from_file_bytes(bytes, object.ends_with(".gz"), self.label()).map_err(|e| e.to_string())
            }
        }
    }

    /// The files the spec's `$ref`s may lead to: its folder on disk (or
    /// `root`, which must hold it), or the same folder in the revision.
    pub fn files(&self, root: Option<&Path>) -> Result<Box<dyn Files>, String> {
        match (self, root) {
            (Origin::File(path), None) => Ok(Box::new(Folder::of(path))),
            (Origin::File(path), Some(root)) => Ok(Box::new(Folder::within(path, root)?)),
            (Origin::Git { .. }, Some(_)) => {
                Err(format!("`{}`: --root applies to spec files, not to git revisions", self.label()))
            }
            (Origin::Git { dir, object }, None) => {
                let (rev, path) = object.split_once(':').unwrap_or((object.as_str(), ""));
                let base = path.rsplit_once('/').map_or(String::new(), |(dir, _)| format!("{dir}/"));
                Ok(Box::new(GitFolder { dir: dir.clone(), rev: rev.to_string(), base }))
            }
        }
    }
}

/// The root folder of a spec on disk, from which its `$ref`s may read
/// files. Nothing outside it is ever opened: the path is resolved (symbolic
/// links followed) and checked before the file is read.
pub struct Folder {
    /// The folder as given, for the names shown in diagnostics.
    shown: PathBuf,
    /// The folder, canonical; `None` when it cannot be resolved.
    canonical: Option<PathBuf>,
    /// The entry spec's path inside the folder, when it is not at its top.
    entry: Option<String>,
}

impl Folder {
    /// The folder holding the spec file `spec`.
    pub fn of(spec: &Path) -> Self {
        let shown = spec.parent().map(Path::to_path_buf).unwrap_or_default();
        Self::named(&shown, shown.clone())
    }

    /// The folder `root` (`--root`), which must hold the spec file `spec`
    /// (at any depth): its refs may reach every file in `root`.
    pub fn within(spec: &Path, root: &Path) -> Result<Self, String> {
        Self::named(root, root.to_path_buf()).with_entry(spec)
    }

    /// The folder `dir`, its files named in diagnostics as if it were
    /// `shown`.
    pub fn named(dir: &Path, shown: PathBuf) -> Self {
        let dir = if dir.as_os_str().is_empty() { Path::new(".") } else { dir };
        Folder { canonical: dir.canonicalize().ok(), shown, entry: None }
    }

    /// The folder with the spec file `spec` as its entry, which must be
    /// inside it; its relative refs start from its own folder.
    pub fn with_entry(mut self, spec: &Path) -> Result<Self, String> {
        let root = self
            .canonical
            .as_ref()
            .ok_or_else(|| format!("the root folder `{}` cannot be resolved: no such folder", self.shown.display()))?;
        let real = spec.canonicalize().map_err(|e| format!("the spec `{}` cannot be resolved: {e}", spec.display()))?;
        let inside = real.strip_prefix(root).map_err(|_| {
            format!(
                "the spec `{}` is not inside the root folder `{}`; --root must be the spec's folder or one above it",
                spec.display(),
                self.shown.display()
            )
        })?;
        let parts: Vec<String> = inside.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
        self.entry = Some(parts.join("/"));
        Ok(self)
    }
}

impl Files for Folder {
    fn read(&self, path: &str) -> Result<Source, String> {
        let root = self.canonical.as_ref().ok_or("the spec's folder cannot be resolved")?;
        let real = match root.join(path).canonicalize() {
            Ok(real) => real,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err("no such file".to_string()),
            Err(e) => return Err(e.to_string()),
        };
        if !real.starts_with(root) {
            return Err("it is a symbolic link that leads outside the spec's folder; it is not read".to_string());
        }
        if !real.is_file() {
            return Err("it is not a file".to_string());
        }
        let name = self.shown.join(path).display().to_string();
        let bytes = std::fs::read(&real).map_err(|e| e.to_string())?;
        Source::from_file_bytes(bytes, path.ends_with(".gz"), name).map_err(|e| match e {
            crate::parse::ReadError::NotText { .. } => "it is not a text file".to_string(),
            crate::parse::ReadError::Io { source, .. } => source.to_string(),
        })
    }

    fn entry(&self) -> Option<String> {
        self.entry.clone()
    }
}

/// The folder of a spec in a git revision.
struct GitFolder {
    dir: PathBuf,
    rev: String,
    /// The spec's folder in the revision, with a trailing `/` (or empty).
    base: String,
}

impl Files for GitFolder {
    fn read(&self, path: &str) -> Result<Source, String> {
        let object = format!("{}:{}{path}", self.rev, self.base);
        let bytes = git_show(&self.dir, &object)?;
        let name = object.replacen(":./", ":", 1);
        Source::from_file_bytes(bytes, path.ends_with(".gz"), name).map_err(|e| e.to_string())
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
