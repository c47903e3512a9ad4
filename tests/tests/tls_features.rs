//! The generated crate's TLS features reach reqwest as documented in its
//! `Cargo.toml`: rustls by default, native-tls on request, none without
//! default features. Checked with `cargo tree`, which resolves features
//! without compiling (native-tls needs OpenSSL's development files, which
//! a machine running these tests may lack). `cargo tree` needs the
//! manifests of the native-tls crates, which building the workspace never
//! downloads: it fetches them from the registry the build just used (once;
//! later runs find them in `CARGO_HOME`), so the test command needs no
//! setup step of its own. `--locked` keeps it from changing `Cargo.lock`.

use std::process::Command;

/// reqwest's enabled features when the Stream crate is built with `args`.
fn reqwest_features(args: &[&str]) -> Vec<String> {
    let manifest = concat!(env!("CARGO_MANIFEST_DIR"), "/../Cargo.toml");
    let output = Command::new(env!("CARGO"))
        .args(["tree", "--locked", "--manifest-path", manifest, "-p", "cloudflare-stream-downloads"])
        .args(args)
        .args(["--invert", "reqwest", "--edges", "normal", "--format", "{f}", "--depth", "0"])
        .output()
        .expect("cargo runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "cargo tree failed (it downloads the native-tls crates' manifests: is the registry reachable?): {}",
        String::from_utf8_lossy(&output.stderr)
    );
    stdout.trim().split(',').filter(|f| !f.starts_with("__")).map(str::to_owned).collect()
}

#[test]
fn rustls_is_the_default_tls() {
    assert_eq!(reqwest_features(&[]), ["multipart", "rustls"]);
}

#[test]
fn native_tls_is_a_feature() {
    assert_eq!(reqwest_features(&["--features", "native-tls"]), ["multipart", "native-tls", "rustls"]);
    assert_eq!(reqwest_features(&["--no-default-features", "--features", "native-tls"]), ["multipart", "native-tls"]);
}

#[test]
fn no_tls_without_default_features() {
    assert_eq!(reqwest_features(&["--no-default-features"]), ["multipart"]);
}
