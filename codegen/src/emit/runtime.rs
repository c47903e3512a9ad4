//! The runtime copied into every crate (`codegen/runtime/*.rs`), without
//! the parts its API does not use.
//!
//! Runtime files mark those parts with directive lines, which never reach
//! a generated crate:
//!
//! ```text
//! //@ if envelopes        (or `//@ if !envelopes`)
//! …kept only when the flag is on…
//! //@ else
//! …kept only when it is off…
//! //@ end
//! //@ note A comment for runtime authors only.
//! ```
//!
//! Regions nest. A file that is blank once stripped (e.g. one wholly inside
//! `//@ if envelopes`) is not written. `//@ if tests` marks the runtime's
//! unit tests, which are never copied: they run in the runtime crate (below),
//! and a generated crate's users have no use for them. The flags are the model's decisions
//! ([`Flags::of`]); a new one is a field here, an arm in [`Flags::get`], a
//! name in `strip::FLAGS` and a feature of the runtime crate.
//!
//! # Where the runtime is compiled and tested
//!
//! `codegen/runtime/` is also the workspace crate `codegen-runtime`, with
//! a Cargo feature per flag. Its build script (`crate/build.rs`) strips the
//! same files with the same code (`strip.rs`, included there by `#[path]`)
//! for the features it is built with, keeping every line's number, and its
//! `crate/lib.rs` stands in for what a generated crate writes beside the
//! runtime. The runtime's unit tests and its loopback tests
//! (`codegen/runtime/tests/`) run there: `cargo test -p codegen-runtime`
//! without flags, `scripts/runtime-features` with every other combination.
//! The tests here check the copying: directives, what each flag leaves
//! out, and that the crate's features and dependencies are a generated
//! crate's.

mod strip;

use super::EmitError;
use crate::model::Api;

include!(concat!(env!("OUT_DIR"), "/runtime_files.rs"));

/// What the runtime is stripped for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Flags {
    /// `envelopes`: the API answers with Cloudflare-style envelopes
    /// ([`Api::envelopes`]).
    pub envelopes: bool,
    /// `streams`: some success response is read as a stream (binary or
    /// server-sent events) ([`Api::streams`]).
    pub streams: bool,
    /// `events`: some operation has server-sent events ([`Api::events`]).
    pub events: bool,
    /// `uploads`: some request body is binary or multipart, so it may
    /// stream from a file ([`Api::uploads`]).
    pub uploads: bool,
}

impl Flags {
    pub(crate) fn of(api: &Api) -> Self {
        Self { envelopes: api.envelopes, streams: api.streams(), events: api.events(), uploads: api.uploads() }
    }

    /// The flag a directive names; `None` for a name no flag has. The
    /// runtime's unit tests (`tests`) are never copied.
    fn get(&self, name: &str) -> Option<bool> {
        match name {
            "envelopes" => Some(self.envelopes),
            "streams" => Some(self.streams),
            "events" => Some(self.events),
            "uploads" => Some(self.uploads),
            strip::TESTS => Some(false),
            _ => None,
        }
    }
}

/// The runtime's files for `flags`, as `(file name, source)`, in name order.
pub(crate) fn files(flags: &Flags) -> Result<Vec<(&'static str, String)>, EmitError> {
    let mut out = Vec::new();
    for (name, source) in RUNTIME_FILES {
        let text = strip(name, source, flags)?;
        if !text.trim().is_empty() {
            out.push((*name, text));
        }
    }
    Ok(out)
}

/// `source` without the regions `flags` leave out and without any directive.
fn strip(name: &str, source: &str, flags: &Flags) -> Result<String, EmitError> {
    strip::strip(source, |flag| flags.get(flag), false)
        .map_err(|e| EmitError { what: format!("runtime/{name}"), message: format!("line {}: {}", e.line, e.message) })
}

#[cfg(test)]
mod tests {
    use super::*;

    const ON: Flags = Flags { envelopes: true, streams: true, events: true, uploads: true };
    const OFF: Flags = Flags { envelopes: false, streams: false, events: false, uploads: false };
    /// Binary downloads without server-sent events, nor uploads.
    const BYTES: Flags = Flags { envelopes: false, streams: true, events: false, uploads: false };
    /// Uploads without any streamed response.
    const UPLOADS: Flags = Flags { envelopes: false, streams: false, events: false, uploads: true };

    fn strip_ok(source: &str, flags: &Flags) -> String {
        strip("test.rs", source, flags).expect("well-formed directives")
    }

    fn strip_err(source: &str) -> String {
        strip("test.rs", source, &ON).expect_err("malformed directives").to_string()
    }

    #[test]
    fn regions_follow_their_flag() {
        let source = "a\n//@ if envelopes\nb\n  //@ else\nc\n//@ end\n//@ if !envelopes\nd\n//@ end\n//@ note x\ne\n";
        assert_eq!(strip_ok(source, &ON), "a\nb\ne\n");
        assert_eq!(strip_ok(source, &OFF), "a\nc\nd\ne\n");
    }

    /// The runtime crate's build keeps every line's number: directives
    /// stay, and what is left out becomes an empty comment.
    #[test]
    fn keeping_lines_blanks_what_is_left_out() {
        let source = "a\n//@ if envelopes\nb\n//@ else\nc\n//@ end\nd";
        let flag = |on: bool| move |name: &str| (name == "envelopes").then_some(on);
        assert_eq!(
            strip::strip(source, flag(true), true).expect("well-formed"),
            "a\n//@ if envelopes\nb\n//@ else\n//\n//@ end\nd\n"
        );
        assert_eq!(
            strip::strip(source, flag(false), true).expect("well-formed"),
            "a\n//@ if envelopes\n//\n//@ else\nc\n//@ end\nd\n"
        );
    }

    #[test]
    fn nested_regions_need_both_conditions() {
        let source = "//@ if envelopes\na\n//@ if !envelopes\nb\n//@ else\nc\n//@ end\n//@ end\nd\n";
        assert_eq!(strip_ok(source, &ON), "a\nc\nd\n");
        assert_eq!(strip_ok(source, &OFF), "d\n");
    }

    #[test]
    fn malformed_directives_are_located_errors() {
        assert!(strip_err("//@ if mock\n//@ end\n").contains("line 1: unknown flag `mock`"));
        assert!(strip_err("a\n//@ else\n").contains("line 2: `//@ else` without `//@ if`"));
        assert!(strip_err("//@ end\n").contains("line 1: `//@ end` without"));
        assert!(strip_err("a\n//@ if envelopes\n").contains("line 2: `//@ if` without `//@ end`"));
        assert!(strip_err("//@ if envelopes\n//@ else\n//@ else\n//@ end\n").contains("line 3: a second"));
        assert!(strip_err("//@ fi\n").contains("unknown directive `//@ fi`"));
    }

    /// Every runtime file's directives are balanced and name known flags,
    /// and what is left for each flag parses as Rust. (The fixture crates
    /// in the workspace compile both kinds.)
    #[test]
    fn the_runtime_strips_to_rust_for_every_flag() {
        for flags in [ON, OFF, BYTES, UPLOADS] {
            for (name, text) in files(&flags).expect("the runtime's directives are well-formed") {
                assert!(!text.contains("//@"), "{name}");
                assert!(!text.contains("#[cfg(test)]"), "runtime/{name} copies its unit tests");
                if let Err(e) = syn::parse_file(&text) {
                    panic!("runtime/{name} with {flags:?} does not parse: {e}");
                }
            }
        }
    }

    /// The runtime crate (`codegen/runtime/Cargo.toml`) has a feature for
    /// every flag, and the build script knows the flags `Flags` has.
    #[test]
    fn every_flag_is_a_feature_of_the_runtime_crate() {
        let manifest = include_str!("../../runtime/Cargo.toml");
        for flag in strip::FLAGS {
            assert!(ON.get(flag).is_some(), "`Flags::get` does not know `{flag}`");
            assert!(manifest.lines().any(|l| l.starts_with(&format!("{flag} = "))), "no feature `{flag}`");
        }
        let fields = format!("{ON:?}").matches(": true").count();
        assert_eq!(fields, strip::FLAGS.len(), "`strip::FLAGS` lists every field of `Flags`");
    }

    /// The runtime crate is built against what a generated crate depends
    /// on, with its features, so it compiles the runtime as they do.
    #[test]
    fn the_runtime_crate_depends_on_what_a_generated_crate_does() {
        fn dependencies(manifest: &str) -> Vec<&str> {
            let section = manifest.split_once("\n[dependencies]\n").expect("a [dependencies] section").1;
            section.lines().take_while(|l| !l.starts_with('[')).filter(|l| !l.trim().is_empty()).collect()
        }
        let meta = crate::model::Meta {
            title: "T".into(),
            api_version: "1".into(),
            description: None,
            crate_name: "x".into(),
            crate_version: "0.1.0".into(),
            base_url: "http://localhost".into(),
            env_prefix: "X".into(),
        };
        let generated = super::super::crate_files::cargo_toml(&meta, &[], false, "");
        let runtime = include_str!("../../runtime/Cargo.toml");
        // Without uploads, a crate has every dependency of the runtime but
        // the one its `uploads` feature adds.
        let plain: Vec<&str> = dependencies(runtime).into_iter().filter(|l| !l.starts_with("http-body ")).collect();
        assert_eq!(plain, dependencies(&generated));
        // With them, it has that one and tokio's `fs`, as the feature says.
        let uploads = super::super::crate_files::cargo_toml(&meta, &[], true, "");
        assert!(dependencies(&uploads).contains(&"http-body = \"1\""));
        assert!(dependencies(&uploads).iter().any(|l| l.starts_with("tokio ") && l.contains("\"fs\"")));
        assert!(runtime.contains("uploads = [\"dep:http-body\", \"tokio/fs\"]"));
        let features = generated.split_once("\n[features]\n").expect("a [features] section").1;
        for line in features.lines().filter(|l| !l.starts_with('#') && !l.starts_with("default")) {
            let name = line.split_once(" = ").expect("`name = [...]`").0;
            assert!(runtime.lines().any(|l| l.starts_with(&format!("{name} = "))), "no feature `{name}`");
        }
    }

    /// A crate without envelopes has no trace of them, nor of Cloudflare.
    #[test]
    fn without_envelopes_nothing_mentions_them() {
        let forbidden = ["envelope", "cloudflare", "cf-ray", "apierror", "responseinfo", "errorsource", "ray_id"];
        let files = files(&OFF).expect("well-formed");
        assert!(files.iter().all(|(name, _)| *name != "envelope.rs"));
        for (name, text) in files {
            let lower = text.to_lowercase();
            for word in forbidden {
                assert!(!lower.contains(word), "runtime/{name} mentions `{word}`");
            }
        }
    }

    /// A crate without streamed responses has no stream runtime, and one
    /// with only binary ones has no event parser.
    #[test]
    fn stream_files_are_written_only_where_needed() {
        let names = |flags: &Flags| -> Vec<&str> {
            files(flags).expect("well-formed").into_iter().map(|(name, _)| name).collect()
        };
        let (off, bytes, on) = (names(&OFF), names(&BYTES), names(&ON));
        assert!(!off.contains(&"stream.rs") && !off.contains(&"events.rs"), "{off:?}");
        assert!(bytes.contains(&"stream.rs") && !bytes.contains(&"events.rs"), "{bytes:?}");
        assert!(on.contains(&"stream.rs") && on.contains(&"events.rs"), "{on:?}");
    }

    /// Only a crate with uploads can stream a request body, which needs
    /// `tokio::fs` and `http-body` (see `crate_files::cargo_toml`).
    #[test]
    fn streamed_bodies_are_written_only_where_needed() {
        let body = |flags: &Flags| -> String {
            let files = files(flags).expect("well-formed");
            files.into_iter().find(|(name, _)| *name == "body.rs").map(|(_, text)| text).expect("body.rs is written")
        };
        let (off, uploads) = (body(&OFF), body(&UPLOADS));
        for needs_a_dependency in ["tokio::fs", "http_body"] {
            assert!(!off.contains(needs_a_dependency), "{needs_a_dependency}");
            assert!(uploads.contains(needs_a_dependency), "{needs_a_dependency}");
        }
    }

    /// With envelopes, the runtime is the source less its directives and
    /// `else` branches: the Cloudflare crate keeps everything it had.
    #[test]
    fn with_envelopes_the_envelope_file_is_whole() {
        let files = files(&ON).expect("well-formed");
        let (_, envelope) = files.iter().find(|(name, _)| *name == "envelope.rs").expect("envelope.rs is written");
        assert!(envelope.contains("pub struct ApiError"));
        assert!(envelope.starts_with("//! The Cloudflare response envelope"));
    }
}
