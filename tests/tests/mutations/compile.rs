//! The compile check of the mutation test: a sample of the mutated specs
//! that generated is written out as crates, and each is `cargo check`ed.
//! They share one target directory, so the dependencies are compiled once;
//! each crate is its own workspace (two samples may give crates of the same
//! name), pinned by the workspace's `Cargo.lock`.

use codegen::emit::OutFile;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Whether to compile the sample: always under `CI=true`; elsewhere only
/// with `CODEGEN_MUTATION_COMPILE=1`, as it takes minutes the first time.
pub fn enabled() -> bool {
    let set = |name: &str, value: &str| std::env::var(name).is_ok_and(|v| v == value);
    set("CI", "true") || set("CODEGEN_MUTATION_COMPILE", "1")
}

/// Where the sample's crates and their shared target directory live.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("mutated-crates")
}

/// Removes the crates and specs an earlier run left; keeps the target
/// directory, so a second run compiles only the crates.
pub fn clear() {
    for entry in std::fs::read_dir(root()).into_iter().flatten().flatten() {
        if entry.file_name() != "target" {
            let path = entry.path();
            let _ = if path.is_dir() { std::fs::remove_dir_all(&path) } else { std::fs::remove_file(&path) };
        }
    }
}

/// Writes `files` as the crate `dir`.
pub fn write(dir: &Path, files: &[OutFile]) {
    for file in files {
        let path = dir.join(&file.path);
        std::fs::create_dir_all(path.parent().expect("a file inside the crate")).expect("crate folder");
        std::fs::write(&path, &file.contents).expect("crate file");
    }
    let manifest = dir.join("Cargo.toml");
    let mut text = std::fs::read_to_string(&manifest).expect("a generated Cargo.toml");
    // Inside this repository's target/, a crate must say it is a workspace
    // of its own, or cargo looks for one above it.
    if !text.lines().any(|l| l.trim() == "[workspace]") {
        text.push_str("\n[workspace]\n");
        std::fs::write(&manifest, text).expect("Cargo.toml");
    }
    let lock = Path::new(env!("CARGO_MANIFEST_DIR")).join("../Cargo.lock");
    std::fs::copy(lock, dir.join("Cargo.lock")).expect("the workspace's Cargo.lock");
}

/// The crate's features other than `default` and the TLS backends: every
/// feature group, the mocks, both serde directions, tracing and defaults.
/// TLS is left out: rustls compiles aws-lc's C sources (minutes) and
/// native-tls needs OpenSSL's headers, while neither changes the generated
/// code (`tls_features.rs` checks how they resolve).
fn features(manifest: &str) -> Vec<String> {
    let mut in_features = false;
    let mut out = Vec::new();
    for line in manifest.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            in_features = line == "[features]";
        } else if let (true, Some((name, _))) = (in_features, line.split_once(" = ")) {
            if !line.starts_with('#') && !["default", "rustls", "native-tls"].contains(&name) {
                out.push(name.to_string());
            }
        }
    }
    out
}

/// `cargo check` of the crate at `dir`: the compiler's errors when it fails.
pub fn check(dir: &Path) -> Result<(), String> {
    let manifest = dir.join("Cargo.toml");
    let features = features(&std::fs::read_to_string(&manifest).expect("Cargo.toml")).join(",");
    let output = Command::new(env!("CARGO"))
        .args(["check", "--quiet", "--message-format", "short", "--no-default-features", "--features", &features])
        .arg("--manifest-path")
        .arg(&manifest)
        .env("CARGO_TARGET_DIR", root().join("target"))
        .env("CARGO_TERM_COLOR", "never")
        .output()
        .map_err(|e| format!("cargo did not run: {e}"))?;
    if output.status.success() {
        return Ok(());
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    Err(stderr.lines().filter(|l| l.contains("error")).take(20).collect::<Vec<_>>().join("\n"))
}

#[test]
fn features_are_read_from_the_manifest() {
    let manifest = "[package]\nname = \"x\"\n\n[features]\ndefault = [\"rustls\", \"zones\"]\n# TLS\nrustls = \
                    [\"reqwest/rustls\"]\nnative-tls = []\nzones = []\nmock = [\"dep:wiremock\"]\n\n[dev]\na = 1\n";
    assert_eq!(features(manifest), ["zones", "mock"]);
}
