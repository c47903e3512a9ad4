//! The one place that writes generated files. Every file is first written
//! to a temporary sibling and then renamed into place, so a failed run never
//! leaves a half-written file; files are only touched when their contents
//! change, so a rerun changes nothing.

use crate::emit::{OutFile, MARKER};
use std::io;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Write,
    /// Compare only; never writes.
    Check,
}

/// What differs between the output directory and the generated files.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    /// Files created or rewritten (or that would be, in check mode).
    pub changed: Vec<PathBuf>,
    /// Generated files no longer produced, removed (or to be removed).
    pub removed: Vec<PathBuf>,
}

impl Outcome {
    pub fn is_clean(&self) -> bool {
        self.changed.is_empty() && self.removed.is_empty()
    }
}

#[derive(Debug, thiserror::Error)]
#[error("{}: {source}", path.display())]
pub struct WriteError {
    pub path: PathBuf,
    pub source: io::Error,
}

fn err(path: &Path) -> impl FnOnce(io::Error) -> WriteError + '_ {
    move |source| WriteError { path: path.to_path_buf(), source }
}

/// Makes `out_dir` hold exactly `files` (plus any hand-written files, which
/// are never touched).
pub fn ensure_files(out_dir: &Path, files: &[OutFile], mode: Mode) -> Result<Outcome, WriteError> {
    let mut outcome = Outcome::default();
    let mut pending: Vec<(PathBuf, &str)> = Vec::new();
    for file in files {
        let path = out_dir.join(&file.path);
        match std::fs::read(&path) {
            Ok(existing) if existing == file.contents.as_bytes() => continue,
            Ok(_) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(WriteError { path, source: e }),
        }
        outcome.changed.push(PathBuf::from(&file.path));
        pending.push((path, &file.contents));
    }
    let expected: Vec<PathBuf> = files.iter().map(|f| out_dir.join(&f.path)).collect();
    let stale = stale_generated(&out_dir.join("src"), &expected).map_err(err(out_dir))?;
    outcome.removed = stale.iter().map(|p| p.strip_prefix(out_dir).unwrap_or(p).to_path_buf()).collect();
    if mode == Mode::Check {
        return Ok(outcome);
    }

    // Stage everything first: if any write fails, nothing is replaced.
    let mut staged: Vec<(PathBuf, PathBuf)> = Vec::new();
    for (path, contents) in &pending {
        let result = stage(path, contents);
        match result {
            Ok(tmp) => staged.push((tmp, path.clone())),
            Err(e) => {
                for (tmp, _) in &staged {
                    let _ = std::fs::remove_file(tmp);
                }
                return Err(e);
            }
        }
    }
    for (tmp, path) in staged {
        std::fs::rename(&tmp, &path).map_err(err(&path))?;
    }
    for path in stale {
        std::fs::remove_file(&path).map_err(err(&path))?;
    }
    Ok(outcome)
}

fn stage(path: &Path, contents: &str) -> Result<PathBuf, WriteError> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(err(dir))?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = dir.join(format!(".{name}.codegen-tmp"));
    std::fs::write(&tmp, contents).map_err(err(&tmp))?;
    Ok(tmp)
}

/// Generated `.rs` files under `dir` (recognised by their header) that are
/// not in `expected`. Hand-written files have no header and are kept.
fn stale_generated(dir: &Path, expected: &[PathBuf]) -> io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else { return Ok(out) };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.path());
    for entry in entries {
        let path = entry.path();
        if entry.file_type()?.is_dir() {
            out.extend(stale_generated(&path, expected)?);
        } else if path.extension().is_some_and(|e| e == "rs") && !expected.contains(&path) {
            let head: String = std::fs::read_to_string(&path).unwrap_or_default().lines().take(2).collect();
            if head.contains(MARKER) {
                out.push(path);
            }
        }
    }
    Ok(out)
}
