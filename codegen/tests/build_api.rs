//! `codegen::build`, the build-script API: its errors are typed and read as
//! the command line's diagnostics, split specs are followed (and every file
//! reported for `rerun-if-changed`), and the file is written once.

use codegen::build::{Builder, Error};
use codegen::parse::ReadError;
use std::path::{Path, PathBuf};
use std::process::Command;

/// What the command line prints on stderr for `--spec spec`.
fn cli_stderr(spec: &str) -> String {
    let out = scratch(&format!("cli-{}", spec.replace(['/', '.'], "_")));
    let output = Command::new(env!("CARGO_BIN_EXE_codegen"))
        .args(["--spec", spec, "--out"])
        .arg(&out)
        .output()
        .expect("the codegen binary runs");
    assert!(!output.status.success(), "the CLI fails on {spec}");
    String::from_utf8(output.stderr).expect("UTF-8 stderr")
}

/// A fresh directory under the target's temporary folder.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("build_api").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

#[test]
fn a_missing_spec_is_a_typed_error_naming_the_file() {
    let spec = "../tests/fixtures/no-such-spec.yaml";
    let err = Builder::new(spec).out_dir(scratch("missing")).write_to_out_dir().expect_err("no such file");
    match &err {
        Error::Read(ReadError::Io { path, source }) => {
            assert_eq!(path, spec);
            assert_eq!(source.kind(), std::io::ErrorKind::NotFound);
        }
        other => panic!("expected a read error, got {other}"),
    }
    assert_eq!(err.to_string(), cli_stderr(spec).trim_end());
    // `?` in a build script's `main` prints the Debug form: the same text.
    assert_eq!(format!("{err:?}"), err.to_string());
}

#[test]
fn spec_errors_read_as_the_command_line_prints_them() {
    let spec = "../tests/fixtures/errors/many-errors.yaml";
    let err = Builder::new(spec).render().expect_err("the spec has errors");
    let Error::Spec { spec: named, diagnostics, report: _ } = &err else { panic!("expected spec errors, got {err}") };
    assert_eq!(named, Path::new(spec));
    assert!(diagnostics.len() > 1, "every error is kept: {diagnostics:?}");
    assert!(err.to_string().starts_with(&format!("{spec}:")), "located in the spec: {err}");
    assert_eq!(err.to_string(), cli_stderr(spec).trim_end());
}

#[test]
fn a_bad_module_path_is_refused_before_reading_the_spec() {
    let err = Builder::new("../no-such-spec.yaml").module("my-client").render().expect_err("not an identifier");
    assert!(matches!(&err, Error::Module(path) if path == "my-client"), "{err}");
}

#[test]
fn a_split_spec_is_read_through_its_folder_and_every_file_is_reported() {
    let folder = "../tests/fixtures/constructs/split";
    let rendered = Builder::new(folder).module("pets").render().expect("the split spec generates");
    let mut on_disk = Vec::new();
    let mut dirs = vec![PathBuf::from(folder)];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("readable fixture") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                dirs.push(path);
            } else if !path.ends_with("openapi.yaml") {
                on_disk.push(path);
            }
        }
    }
    let mut reported: Vec<PathBuf> = rendered.spec_files[1..].to_vec();
    reported.sort();
    reported.dedup();
    on_disk.sort();
    assert_eq!(rendered.spec_files[0], Path::new(folder), "the folder itself comes first");
    assert_eq!(reported, on_disk, "every file the entry file's $refs lead to");
    assert_eq!(rendered.file.path, "pets.rs");
    assert!(rendered.file.contents.contains("\npub mod pets {\n"));
}

#[test]
fn the_file_is_written_once_and_a_hand_written_file_is_never_replaced() {
    let dir = scratch("write");
    let builder = Builder::new("../spec/stream.yaml").out_dir(&dir);
    let first = builder.write_to_out_dir().expect("writes");
    assert_eq!(first.path, dir.join("cloudflare_stream_downloads.rs"), "named after the spec's crate");
    assert!(first.changed);
    let text = std::fs::read_to_string(&first.path).expect("written");
    assert!(text.contains("pub mod cloudflare_stream_downloads {"));
    assert!(text.contains("crate::cloudflare_stream_downloads::runtime::object! {"));
    assert!(!builder.write_to_out_dir().expect("up to date").changed, "an unchanged file is not rewritten");

    std::fs::write(&first.path, "// mine\n").expect("overwrite by hand");
    let err = builder.write_to_out_dir().expect_err("refuses");
    assert!(matches!(err, Error::Write(_)), "{err}");
    assert_eq!(std::fs::read_to_string(&first.path).expect("kept"), "// mine\n");
}

#[test]
fn operations_are_grouped_into_features_only_when_asked() {
    let spec = "../tests/fixtures/constructs/features.yaml";
    let tagged = Builder::new(spec).features_by(codegen::model::FeaturesBy::Tag).render().expect("generates");
    assert!(!tagged.operation_features.is_empty(), "the fixture has tags");
    let gates = |text: &str| tagged.operation_features.iter().any(|f| text.contains(&format!("feature = \"{f}\"")));
    assert!(gates(&tagged.file.contents), "operations are gated on their tag's feature");
    for feature in &tagged.operation_features {
        assert!(tagged.features.contains(&format!("\n{feature} = []")), "{feature} in {}", tagged.features);
    }
    let none = Builder::new(spec).render().expect("generates");
    assert!(none.operation_features.is_empty(), "no operation features by default");
    assert!(!gates(&none.file.contents), "nothing is gated on a tag");
}

#[test]
fn the_example_crate_declares_the_dependencies_the_client_uses() {
    let rendered = Builder::new("../spec/stream.yaml").render().expect("generates");
    let manifest = std::fs::read_to_string("../examples/build-time-client/Cargo.toml").expect("the example's manifest");
    let lines = rendered.dependencies.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'));
    let missing: Vec<&str> = lines.filter(|l| !l.contains("optional = true") && !manifest.contains(l)).collect();
    assert!(
        missing.is_empty(),
        "examples/build-time-client/Cargo.toml must declare, as the generated crate does:\n{}",
        missing.join("\n")
    );
}
