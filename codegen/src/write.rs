//! The one place that writes generated files. Every file is first written
//! to a temporary sibling and then renamed into place, so a failed run never
//! leaves a half-written file; files are only touched when their contents
//! change, so a rerun changes nothing. Nothing is written where it could
//! destroy a user's files: see [`Overwrite`] and [`Refusal`].

mod guard;

use crate::emit::OutFile;
pub(crate) use guard::resolve;
pub use guard::{check_location, is_generated, Overwrite, Refusal};
use std::io;
use std::path::{Path, PathBuf};

/// Whether a run writes the files or only compares them (`--check`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Bring the output directory up to date.
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
    /// Whether nothing differed: no file to write and none to remove.
    pub fn is_clean(&self) -> bool {
        self.changed.is_empty() && self.removed.is_empty()
    }
}

/// Why the output directory could not be checked or brought up to date.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// Reading or writing `path` failed, or `path` is not a plain relative
    /// path (see [`check_relative`]).
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or directory concerned.
        path: PathBuf,
        /// What the operation failed with.
        source: io::Error,
    },
    /// The run was refused before anything was written.
    #[error(transparent)]
    Refused(#[from] Refusal),
}

fn err(path: &Path) -> impl FnOnce(io::Error) -> WriteError + '_ {
    move |source| WriteError::Io { path: path.to_path_buf(), source }
}

/// [`ensure_files_with`] that only replaces generated files.
pub fn ensure_files(out_dir: &Path, files: &[OutFile], mode: Mode) -> Result<Outcome, WriteError> {
    ensure_files_with(out_dir, files, mode, Overwrite::GeneratedOnly)
}

/// Makes `out_dir` hold exactly `files` (plus any hand-written files, which
/// are never touched unless `files` names them and `overwrite` allows it).
///
/// Nothing is read or written unless every path is a plain, portable
/// relative path (see [`check_relative`]), and nothing is written (in
/// either mode, the refusal is the error) when `out_dir` is the filesystem
/// root or the home directory, or, under [`Overwrite::GeneratedOnly`], when
/// a file to replace lacks the generated-file header or `out_dir` holds
/// other files but is not a generated crate.
pub fn ensure_files_with(
    out_dir: &Path,
    files: &[OutFile],
    mode: Mode,
    overwrite: Overwrite,
) -> Result<Outcome, WriteError> {
    for file in files {
        check_relative(&file.path).map_err(err(&out_dir.join(&file.path)))?;
    }
    check_location(out_dir, guard::home_dir().as_deref())?;
    let mut outcome = Outcome::default();
    // Each file to write, with what it holds now (to restore on failure).
    let mut pending: Vec<(PathBuf, &str, Option<Vec<u8>>)> = Vec::new();
    let mut hand_written = Vec::new();
    for file in files {
        let path = out_dir.join(&file.path);
        let before = match std::fs::read(&path) {
            Ok(existing) if same_text(&existing, file.contents.as_bytes()) => continue,
            Ok(existing) => Some(existing),
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(e) => return Err(WriteError::Io { path, source: e }),
        };
        if before.as_deref().is_some_and(|b| !is_generated(b)) {
            hand_written.push(path.clone());
        }
        outcome.changed.push(PathBuf::from(&file.path));
        pending.push((path, &file.contents, before));
    }
    if overwrite == Overwrite::GeneratedOnly {
        guard::check_overwrites(out_dir, hand_written)?;
    }
    let expected: Vec<PathBuf> = files.iter().map(|f| out_dir.join(&f.path)).collect();
    let stale = stale_generated(&out_dir.join("src"), &expected).map_err(err(out_dir))?;
    outcome.removed = stale.iter().map(|p| p.strip_prefix(out_dir).unwrap_or(p).to_path_buf()).collect();
    if mode == Mode::Check {
        return Ok(outcome);
    }

    // Stage everything first: if any write fails, nothing is replaced.
    let mut staged: Vec<(PathBuf, PathBuf)> = Vec::new();
    for (path, contents, _) in &pending {
        let result = stage(path, contents.as_bytes());
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
    for (i, (tmp, path)) in staged.iter().enumerate() {
        if let Err(e) = std::fs::rename(tmp, path) {
            for (tmp, _) in &staged[i..] {
                let _ = std::fs::remove_file(tmp);
            }
            // Put back the files already replaced, so that the directory is
            // as it was (best effort: the disk just failed us once).
            for (path, _, before) in &pending[..i] {
                let _ = match before {
                    Some(old) => stage(path, old).and_then(|tmp| std::fs::rename(&tmp, path).map_err(err(path))),
                    None => std::fs::remove_file(path).map_err(err(path)),
                };
            }
            return Err(WriteError::Io { path: path.clone(), source: e });
        }
    }
    for path in stale {
        std::fs::remove_file(&path).map_err(err(&path))?;
    }
    Ok(outcome)
}

/// Writes `file` into `dir` when its contents changed, atomically, and
/// touches nothing else in `dir`: for a directory the run shares with
/// others, such as a build script's `OUT_DIR`. A file at that path without
/// the generated-file header is refused. Returns whether it was written.
pub fn ensure_file(dir: &Path, file: &OutFile) -> Result<bool, WriteError> {
    let path = dir.join(&file.path);
    check_relative(&file.path).map_err(err(&path))?;
    check_location(dir, guard::home_dir().as_deref())?;
    match std::fs::read(&path) {
        Ok(existing) if same_text(&existing, file.contents.as_bytes()) => return Ok(false),
        Ok(existing) if !is_generated(&existing) => return Err(Refusal::HandWritten { files: vec![path] }.into()),
        Ok(_) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(WriteError::Io { path, source: e }),
    }
    let tmp = stage(&path, file.contents.as_bytes())?;
    std::fs::rename(&tmp, &path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        WriteError::Io { path: path.clone(), source: e }
    })?;
    Ok(true)
}

/// Whether `existing` holds `generated`, line endings aside: a checkout
/// with CRLF line endings (git's `core.autocrlf` on Windows) is up to date.
fn same_text(existing: &[u8], generated: &[u8]) -> bool {
    fn lf(bytes: &[u8]) -> impl Iterator<Item = u8> + '_ {
        let crlf = |i: usize| bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n');
        (0..bytes.len()).filter(move |&i| !crlf(i)).map(|i| bytes[i])
    }
    existing == generated || lf(existing).eq(lf(generated))
}

fn stage(path: &Path, contents: &[u8]) -> Result<PathBuf, WriteError> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(err(dir))?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.codegen-tmp", std::process::id()));
    if let Err(e) = std::fs::write(&tmp, contents) {
        let _ = std::fs::remove_file(&tmp);
        return Err(WriteError::Io { path: tmp, source: e });
    }
    Ok(tmp)
}

/// Whether `path` is a plain relative path that stays inside the output
/// directory on every platform: `/`-separated names of ASCII letters,
/// digits, `.`, `_` and `-`, none of them `.`, `..`, ending in `.`, or a
/// name Windows reserves (`con`, `nul`, `com1`, …).
pub fn check_relative(path: &str) -> io::Result<()> {
    let invalid =
        |why: &str| Err(io::Error::new(io::ErrorKind::InvalidInput, format!("refusing to write {path:?}: {why}")));
    if path.is_empty() || path.len() > 200 {
        return invalid("the path is empty or too long");
    }
    for name in path.split('/') {
        if name.is_empty() || name == "." || name == ".." || name.ends_with('.') || name.len() > 100 {
            return invalid("it is not a plain relative path");
        }
        if !name.bytes().all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b)) {
            return invalid("file names may only hold ASCII letters, digits, '.', '_' and '-'");
        }
        let stem = name.split('.').next().unwrap_or_default().to_ascii_lowercase();
        let reserved = ["con", "prn", "aux", "nul"].contains(&stem.as_str())
            || (stem.len() == 4
                && (stem.starts_with("com") || stem.starts_with("lpt"))
                && stem.as_bytes()[3].is_ascii_digit());
        if reserved {
            return invalid("the name is reserved on Windows");
        }
    }
    Ok(())
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
        } else if path.extension().is_some_and(|e| e == "rs")
            && !expected.contains(&path)
            && std::fs::read(&path).is_ok_and(|contents| is_generated(&contents))
        {
            out.push(path);
        }
    }
    Ok(out)
}
