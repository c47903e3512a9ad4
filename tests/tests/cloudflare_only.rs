//! What only Cloudflare's API has — envelopes and `ApiError`, `ray_id()`,
//! `Auth::email_key` and the `CLOUDFLARE_*` variables — is generated only
//! for Cloudflare-shaped specs: a GitHub-shaped crate, runtime included,
//! mentions none of it, and the Stream crate keeps all of it.

use std::path::{Path, PathBuf};

/// Words of Cloudflare's pieces, lower case; a crate without them has none
/// of these anywhere (compared case-insensitively).
const CLOUDFLARE_WORDS: &[&str] =
    &["apierror", "apienvelope", "responseinfo", "ray_id", "cf-ray", "email_key", "cloudflare", "envelope"];

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("the tests crate is in the workspace")
}

/// Every file of a generated crate on disk, as (path, text).
fn crate_files(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("readable crate directory") {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let text = std::fs::read_to_string(&path).expect("generated files are text");
                out.push((path, text));
            }
        }
    }
    assert!(out.len() > 10, "{} holds a whole crate", dir.display());
    out
}

/// Which of [`CLOUDFLARE_WORDS`] occur in which file.
fn mentions<P: std::fmt::Debug>(files: &[(P, String)]) -> Vec<String> {
    let mut found = Vec::new();
    for (path, text) in files {
        let lower = text.to_lowercase();
        for word in CLOUDFLARE_WORDS {
            if lower.contains(word) {
                found.push(format!("{path:?}: {word}"));
            }
        }
    }
    found
}

#[test]
fn a_github_shaped_crate_mentions_nothing_of_cloudflare() {
    let path = repo().join("tests/fixtures/constructs/github_like.yaml");
    let source = codegen::parse::Source::read(&path, "github_like.yaml".into()).expect("readable");
    let generated = codegen::generate(&source, &codegen::model::Options::all()).expect("generates");
    assert!(!generated.api.envelopes);
    assert!(!generated.api.security.cloudflare);
    let files: Vec<(&str, String)> = generated.files.iter().map(|f| (f.path.as_str(), f.contents.clone())).collect();
    assert!(files.iter().any(|(p, _)| *p == "src/runtime/error.rs"), "the runtime is checked too");
    assert!(files.iter().all(|(p, _)| !p.ends_with("envelope.rs") && !p.ends_with("cloudflare.rs")));
    assert_eq!(mentions(&files), Vec::<String>::new());
    // Its errors are still typed: the declared bodies, read with `body::<T>()`.
    assert!(files.iter().any(|(_, text)| text.contains("decode_error_body::<types::BasicError>")));
}

/// (`multipart-fixture` is left out: its spec's own descriptions name
/// Cloudflare; its runtime is checked by the generator's unit tests.)
#[test]
fn the_auth_and_swagger2_crates_mention_nothing_of_cloudflare() {
    for name in ["auth-fixture", "swagger2-fixture"] {
        let files = crate_files(&repo().join("tests/clients").join(name));
        assert_eq!(mentions(&files), Vec::<String>::new(), "{name}");
    }
}

#[test]
fn the_stream_crate_keeps_every_cloudflare_piece() {
    let files = crate_files(&repo().join("generated"));
    let all: String = files.iter().map(|(_, text)| text.as_str()).collect();
    for needle in [
        "pub struct ApiError",
        "pub struct ApiEnvelope",
        "pub struct ResponseInfo",
        "pub struct ErrorSource",
        "pub struct Envelope<T>",
        "Api(Box<ApiError>)",
        "pub fn as_api(",
        "pub fn ray_id(",
        "\"cf-ray\"",
        "pub fn email_key(",
        "pub fn result_info(",
        "const ENVELOPE: bool",
        "CLOUDFLARE",
    ] {
        assert!(all.contains(needle), "the Stream crate lost `{needle}`");
    }
}
