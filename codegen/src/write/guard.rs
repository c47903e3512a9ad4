//! What a run may overwrite. Pointing `--out` at the wrong directory must
//! cost the user nothing: the generator only replaces files that carry its
//! header, and only writes into a directory that is new, empty or a crate
//! it generated. `--force` lifts both rules but not the refusal of the
//! filesystem root and the home directory, where no crate belongs.

use super::WriteError;
use crate::emit::MARKER;
use std::io;
use std::path::{Component, Path, PathBuf};

/// The header may start below a line or two that a user or a tool put on
/// top (a byte-order mark, a licence line) and still count.
const HEADER_LINES: usize = 5;

/// Which existing files a run may replace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Overwrite {
    /// Only generated files, in a directory that is new, empty or a
    /// generated crate.
    #[default]
    GeneratedOnly,
    /// Any file, in any directory but the filesystem root and the home
    /// directory (`--force`).
    Anything,
}

/// Why a run writes nothing.
#[derive(Debug, thiserror::Error)]
pub enum Refusal {
    /// The output directory is the filesystem root.
    #[error(
        "refusing to write into {}: it is the filesystem root; choose an empty or new directory with --out",
        dir.display()
    )]
    Root {
        /// The output directory as given.
        dir: PathBuf,
    },
    /// The output directory is the user's home directory.
    #[error(
        "refusing to write into {}: it is your home directory; choose an empty or new directory with --out",
        dir.display()
    )]
    Home {
        /// The output directory as given.
        dir: PathBuf,
    },
    /// The output directory holds other files but is not a generated crate.
    #[error(
        "refusing to write into {}: it holds other files but no generated crate (no Cargo.toml with the \
         generator's `@generated` header){}; choose an empty or new directory with --out, or pass --force \
         to write into it anyway",
        dir.display(),
        would_overwrite(overwritten)
    )]
    NotGenerated {
        /// The output directory as given.
        dir: PathBuf,
        /// The files of the directory the run would have replaced.
        overwritten: Vec<PathBuf>,
    },
    /// Files to replace lack the generated-file header.
    #[error(
        "refusing to overwrite {}: not written by the generator (no `@generated` header in the first {HEADER_LINES} \
         lines); move the file(s) away, or pass --force to overwrite them",
        list(files)
    )]
    HandWritten {
        /// The files the run would have replaced.
        files: Vec<PathBuf>,
    },
}

fn list(files: &[PathBuf]) -> String {
    files.iter().map(|f| f.display().to_string()).collect::<Vec<_>>().join(", ")
}

fn would_overwrite(files: &[PathBuf]) -> String {
    match files {
        [] => String::new(),
        _ => format!(" and the run would overwrite {}", list(files)),
    }
}

/// Whether `contents` carries the generated-file header near its top.
pub fn is_generated(contents: &[u8]) -> bool {
    let marker = MARKER.as_bytes();
    contents.split(|&b| b == b'\n').take(HEADER_LINES).any(|line| line.windows(marker.len()).any(|w| w == marker))
}

/// Refuses `out_dir` when it is the filesystem root or `home`, following
/// symbolic links and `..` (`/tmp/..` is the root).
pub fn check_location(out_dir: &Path, home: Option<&Path>) -> Result<(), WriteError> {
    let resolved = resolve(out_dir).map_err(|source| WriteError::Io { path: out_dir.to_path_buf(), source })?;
    if resolved.parent().is_none() {
        return Err(Refusal::Root { dir: out_dir.to_path_buf() }.into());
    }
    if home.and_then(|h| resolve(h).ok()).is_some_and(|h| h == resolved) {
        return Err(Refusal::Home { dir: out_dir.to_path_buf() }.into());
    }
    Ok(())
}

/// Refuses to replace `hand_written` (existing files without the header
/// that the run would replace), and to write into a directory that holds
/// files but is not a generated crate.
pub(super) fn check_overwrites(out_dir: &Path, hand_written: Vec<PathBuf>) -> Result<(), WriteError> {
    let entries = match std::fs::read_dir(out_dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(source) => return Err(WriteError::Io { path: out_dir.to_path_buf(), source }),
    };
    let mut others = false;
    for entry in entries {
        let entry = entry.map_err(|source| WriteError::Io { path: out_dir.to_path_buf(), source })?;
        // A fresh `git init` leaves `.git`; the generator never writes there.
        others |= entry.file_name() != ".git";
    }
    let generated_crate = std::fs::read(out_dir.join("Cargo.toml")).is_ok_and(|toml| is_generated(&toml));
    if others && !generated_crate {
        return Err(Refusal::NotGenerated { dir: out_dir.to_path_buf(), overwritten: hand_written }.into());
    }
    if !hand_written.is_empty() {
        return Err(Refusal::HandWritten { files: hand_written }.into());
    }
    Ok(())
}

/// The user's home directory, read on every call.
pub(super) fn home_dir() -> Option<PathBuf> {
    ["HOME", "USERPROFILE"].into_iter().filter_map(std::env::var_os).find(|h| !h.is_empty()).map(PathBuf::from)
}

/// `path` made absolute, with symbolic links and `..` resolved as far as
/// it exists. The part that does not exist yet is resolved by name: it will
/// be created as plain directories, so `new/..` is the directory `new` is
/// created in (which is what `create_dir_all` followed by a write does).
pub(crate) fn resolve(path: &Path) -> io::Result<PathBuf> {
    let mut resolved = PathBuf::new();
    // How many of the last components of `resolved` do not exist.
    let mut missing = 0usize;
    for component in std::path::absolute(path)?.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                resolved.pop();
                missing = missing.saturating_sub(1);
            }
            other => {
                resolved.push(other);
                if missing > 0 {
                    missing += 1;
                    continue;
                }
                match resolved.canonicalize() {
                    Ok(canonical) => resolved = canonical,
                    Err(e) if e.kind() == io::ErrorKind::NotFound => missing = 1,
                    Err(e) => return Err(e),
                }
            }
        }
    }
    Ok(resolved)
}
