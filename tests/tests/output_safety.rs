//! The output directory is only ever changed by a successful run: a failing
//! run, a `--check` run or a refused path leaves it byte-for-byte as it was,
//! and nothing taken from the spec can lead a write outside it.

use codegen::cli::generate::{run, GenerateArgs};
use codegen::emit::OutFile;
use codegen::model::Options;
use codegen::parse::Source;
use codegen::write::{check_relative, ensure_files, Mode};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// A fresh, empty directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("output_safety").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Every file under `dir` (hidden ones included) with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else { continue };
        for entry in entries {
            let path = entry.unwrap().path();
            if path.is_dir() {
                out.insert(path.strip_prefix(dir).unwrap().join(""), Vec::new());
                todo.push(path);
            } else {
                out.insert(path.strip_prefix(dir).unwrap().to_path_buf(), std::fs::read(&path).unwrap());
            }
        }
    }
    out
}

fn generate_into(out: &Path, spec: Option<PathBuf>, check: bool) -> ExitCode {
    run(&GenerateArgs { spec, out: Some(out.to_path_buf()), check, ..Default::default() })
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/errors").join(name)
}

/// A generated crate, edited by hand here and there, as a user may have it.
fn populated(name: &str) -> PathBuf {
    let out = scratch(name);
    assert_eq!(generate_into(&out, None, false), ExitCode::SUCCESS);
    std::fs::write(out.join("src/hand_written.rs"), "// mine\n").unwrap();
    std::fs::write(out.join("src/types.rs"), "// edited by hand, stale\n").unwrap();
    std::fs::remove_file(out.join("src/lib.rs")).unwrap();
    out
}

#[test]
fn failing_runs_leave_the_output_directory_unchanged() {
    let out = populated("failing");
    let before = snapshot(&out);
    let mut failing = 0;
    for entry in std::fs::read_dir(fixture("")).unwrap() {
        let spec = entry.unwrap().path();
        let code = generate_into(&out, Some(spec.clone()), false);
        if code == ExitCode::SUCCESS {
            // A fixture that only warns regenerates; put the state back.
            let _ = std::fs::remove_dir_all(&out);
            let again = populated("failing");
            assert_eq!(again, out);
            continue;
        }
        failing += 1;
        assert!(snapshot(&out) == before, "{} changed the output directory", spec.display());
    }
    assert!(failing >= 15, "only {failing} failing fixtures");
    let missing = generate_into(&out, Some(fixture("no-such-spec.yaml")), false);
    assert_eq!(missing, ExitCode::from(2));
    assert!(snapshot(&out) == before);
}

#[test]
fn check_never_writes() {
    let out = populated("check");
    let before = snapshot(&out);
    assert_eq!(generate_into(&out, None, true), ExitCode::from(1), "stale output fails --check");
    assert!(snapshot(&out) == before);

    let absent = scratch("check-absent").join("not-there");
    assert_eq!(generate_into(&absent, None, true), ExitCode::from(1));
    assert!(!absent.exists(), "--check created {}", absent.display());
}

#[test]
fn refused_paths_write_nothing() {
    let out = scratch("refused");
    std::fs::write(out.join("keep.txt"), "keep").unwrap();
    let before = snapshot(&out);
    for bad in ["../escape.rs", "/tmp/abs.rs", "src/../../x.rs", "src//x.rs", "src/con.rs", "a\\b.rs", "src/x:y.rs", ""]
    {
        let files = [
            OutFile { path: "src/fine.rs".into(), contents: "// fine\n".into() },
            OutFile { path: bad.into(), contents: "// bad\n".into() },
        ];
        let err = ensure_files(&out, &files, Mode::Write).expect_err(bad);
        assert!(err.to_string().contains("refusing to write"), "{bad}: {err}");
        assert!(snapshot(&out) == before, "{bad:?} changed the directory");
    }
}

#[test]
fn only_plain_portable_names_pass() {
    for good in ["Cargo.toml", "src/lib.rs", "src/runtime/client.rs", ".gitignore", "a-b_c.d"] {
        assert!(check_relative(good).is_ok(), "{good}");
    }
    for bad in [
        "", ".", "..", "a/..", "../a", "/a", "a/", "a//b", "a\\b", "a:b", "nul", "COM1.rs", "lpt9", "x.", "é.rs",
        "a b", "a\n",
    ] {
        assert!(check_relative(bad).is_err(), "{bad:?}");
    }
}

/// Titles, crate names, operationIds, tags and schema names that look like
/// paths never reach a file name.
#[test]
fn names_from_the_spec_never_become_paths() {
    let text = r#"
openapi: 3.1.0
info:
  title: ../../../../tmp/evil title
  version: ../1
  x-rust-crate: ../../etc/passwd
tags:
  - name: ../../tags
paths:
  /../../{x}:
    get:
      operationId: ../../src/main.rs
      tags: [../../tags, /etc/passwd, con]
      parameters:
        - {name: x, in: path, required: true, schema: {type: string}}
      responses:
        '200':
          description: OK
          content:
            application/json:
              schema: {$ref: '#/components/schemas/..~1..~1lib.rs'}
components:
  schemas:
    ../../lib.rs:
      type: object
      properties:
        ../x: {type: string}
    con:
      type: string
"#;
    let source = Source { name: "../../evil.yaml".into(), text: text.into() };
    let generated = codegen::generate(&source, &Options::all()).unwrap_or_else(|e| panic!("{e:?}"));
    let paths: Vec<&str> = generated.files.iter().map(|f| f.path.as_str()).collect();
    for path in &paths {
        check_relative(path).unwrap();
        assert!(!path.contains(".."), "{path}");
    }
    let fixed = ["Cargo.toml", "src/lib.rs", "src/types.rs", "src/operations.rs"];
    assert!(paths.iter().all(|p| fixed.contains(p) || p.starts_with("src/runtime/") || !p.contains('/')), "{paths:?}");

    let parent = scratch("names");
    let out = parent.join("out");
    ensure_files(&out, &generated.files, Mode::Write).unwrap();
    let outside: Vec<_> = std::fs::read_dir(&parent).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(outside, ["out"], "nothing was written beside the output directory");
    let cargo = std::fs::read_to_string(out.join("Cargo.toml")).unwrap();
    assert!(cargo.contains("name = \"etc-passwd\""), "{cargo}");
}

/// A write that fails halfway leaves neither temporary files nor a mix of
/// old and new files behind.
#[test]
fn a_failed_write_is_rolled_back() {
    let out = scratch("rollback");
    std::fs::write(out.join("a.rs"), "old a\n").unwrap();
    // `c.rs` is a directory, so renaming a file onto it fails.
    std::fs::create_dir_all(out.join("c.rs/inside")).unwrap();
    let before = snapshot(&out);
    let files = [
        OutFile { path: "a.rs".into(), contents: "new a\n".into() },
        OutFile { path: "b.rs".into(), contents: "new b\n".into() },
        OutFile { path: "c.rs".into(), contents: "new c\n".into() },
    ];
    assert!(ensure_files(&out, &files, Mode::Write).is_err());
    assert!(snapshot(&out) == before, "{:#?}", snapshot(&out).keys().collect::<Vec<_>>());
}
