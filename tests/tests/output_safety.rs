//! The output directory is only ever changed by a successful run: a failing
//! run, a `--check` run, a refused path or a refused directory leaves it
//! byte-for-byte as it was, nothing taken from the spec can lead a write
//! outside it, and only files the generator wrote are replaced (unless
//! `--force`).

use codegen::cli::generate::{run, GenerateArgs};
use codegen::emit::OutFile;
use codegen::model::Options;
use codegen::parse::Source;
use codegen::write::{
    check_location, check_relative, ensure_files, ensure_files_with, Mode, Overwrite, Refusal, WriteError,
};
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

fn force_into(out: &Path) -> ExitCode {
    run(&GenerateArgs { out: Some(out.to_path_buf()), force: true, ..Default::default() })
}

/// The files of the default spec's crate.
fn stream_files() -> Vec<OutFile> {
    codegen::generate(&codegen::default_source(), &Options::all()).expect("the Stream spec generates").files
}

/// A hand-written crate, as a user may point `--out` at by mistake.
fn hand_written_crate(name: &str) -> PathBuf {
    let out = scratch(name);
    std::fs::create_dir_all(out.join("src")).unwrap();
    std::fs::write(out.join("Cargo.toml"), "[package]\nname = \"mine\"\nversion = \"0.1.0\"\n").unwrap();
    std::fs::write(out.join("src/lib.rs"), "//! My crate.\npub fn mine() {}\n").unwrap();
    out
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/errors").join(name)
}

/// A generated crate, edited by hand here and there, as a user may have it.
fn populated(name: &str) -> PathBuf {
    let out = scratch(name);
    assert_eq!(generate_into(&out, None, false), ExitCode::SUCCESS);
    std::fs::write(out.join("src/hand_written.rs"), "// mine\n").unwrap();
    // Edited below its header: still the generator's file, now stale.
    let types = std::fs::read_to_string(out.join("src/types.rs")).unwrap();
    let header: String = types.lines().take(2).map(|l| format!("{l}\n")).collect();
    std::fs::write(out.join("src/types.rs"), format!("{header}// edited by hand, stale\n")).unwrap();
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
    let fixed = [
        "Cargo.toml",
        "src/lib.rs",
        "src/auth.rs",
        "src/cloudflare.rs",
        "src/types.rs",
        "src/operations.rs",
        "src/mock.rs",
    ];
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
    // Forced: `a.rs` has no header, and its refusal is not what is tested.
    assert!(ensure_files_with(&out, &files, Mode::Write, Overwrite::Anything).is_err());
    assert!(snapshot(&out) == before, "{:#?}", snapshot(&out).keys().collect::<Vec<_>>());
}

/// Pointing `--out` at an existing crate, the new user's mistake, costs
/// nothing: its `Cargo.toml` and `lib.rs` stay byte-for-byte, in both modes,
/// and the error names them.
#[test]
fn hand_written_crates_are_refused_and_untouched() {
    let out = hand_written_crate("hand-written");
    let before = snapshot(&out);
    assert_eq!(generate_into(&out, None, false), ExitCode::from(2));
    assert!(snapshot(&out) == before);
    assert_eq!(generate_into(&out, None, true), ExitCode::from(2), "--check reports the refusal");
    assert!(snapshot(&out) == before);

    for mode in [Mode::Write, Mode::Check] {
        match ensure_files(&out, &stream_files(), mode) {
            Err(WriteError::Refused(Refusal::NotGenerated { dir, overwritten })) => {
                assert_eq!(dir, out);
                assert_eq!(overwritten, [out.join("Cargo.toml"), out.join("src/lib.rs")]);
            }
            other => panic!("{mode:?}: {other:?}"),
        }
    }
    let message = ensure_files(&out, &stream_files(), Mode::Write).unwrap_err().to_string();
    for part in ["Cargo.toml", "src/lib.rs", "--force", "empty or new directory"] {
        assert!(message.contains(part), "{part:?} not in {message:?}");
    }
    assert!(snapshot(&out) == before);
}

#[test]
fn force_overwrites_hand_written_files() {
    let out = hand_written_crate("force");
    std::fs::write(out.join("src/mine.rs"), "// mine\n").unwrap();
    assert_eq!(force_into(&out), ExitCode::SUCCESS);
    let cargo = std::fs::read(out.join("Cargo.toml")).unwrap();
    assert!(codegen::write::is_generated(&cargo), "{}", String::from_utf8_lossy(&cargo));
    assert!(codegen::write::is_generated(&std::fs::read(out.join("src/lib.rs")).unwrap()));
    assert_eq!(std::fs::read(out.join("src/mine.rs")).unwrap(), b"// mine\n", "files not generated are kept");
    // Now a generated crate: later runs need no --force.
    assert_eq!(generate_into(&out, None, true), ExitCode::SUCCESS);
}

/// A generated file whose header was removed by hand counts as
/// hand-written: someone has taken it over.
#[test]
fn generated_files_without_their_header_are_refused() {
    let out = populated("header-removed");
    std::fs::write(out.join("src/types.rs"), "// mine now\n").unwrap();
    let before = snapshot(&out);
    assert_eq!(generate_into(&out, None, false), ExitCode::from(2));
    assert!(snapshot(&out) == before);
    assert_eq!(generate_into(&out, None, true), ExitCode::from(2), "--check reports the refusal");
    assert!(snapshot(&out) == before);
    match ensure_files(&out, &stream_files(), Mode::Check) {
        Err(WriteError::Refused(Refusal::HandWritten { files })) => assert_eq!(files, [out.join("src/types.rs")]),
        other => panic!("{other:?}"),
    }
    assert_eq!(force_into(&out), ExitCode::SUCCESS);
    assert!(codegen::write::is_generated(&std::fs::read(out.join("src/types.rs")).unwrap()));
}

#[test]
fn non_empty_directories_without_a_generated_crate_are_refused() {
    let out = scratch("not-a-crate");
    std::fs::write(out.join("notes.txt"), "my notes\n").unwrap();
    let before = snapshot(&out);
    assert_eq!(generate_into(&out, None, false), ExitCode::from(2));
    assert_eq!(generate_into(&out, None, true), ExitCode::from(2));
    assert!(snapshot(&out) == before);
    match ensure_files(&out, &stream_files(), Mode::Write) {
        Err(WriteError::Refused(Refusal::NotGenerated { overwritten, .. })) => assert!(overwritten.is_empty()),
        other => panic!("{other:?}"),
    }
    assert!(snapshot(&out) == before);
}

#[test]
fn empty_missing_and_generated_directories_are_fine() {
    let empty = scratch("empty");
    assert_eq!(generate_into(&empty, None, false), ExitCode::SUCCESS);
    let missing = scratch("missing").join("a/b");
    assert_eq!(generate_into(&missing, None, false), ExitCode::SUCCESS);
    // A fresh `git init` holds only `.git`, which the generator never touches.
    let repository = scratch("git-init");
    std::fs::create_dir_all(repository.join(".git")).unwrap();
    assert_eq!(generate_into(&repository, None, false), ExitCode::SUCCESS);

    let generated = populated("regenerate");
    assert_eq!(generate_into(&generated, None, false), ExitCode::SUCCESS);
    assert_eq!(std::fs::read(generated.join("src/hand_written.rs")).unwrap(), b"// mine\n");
    assert_eq!(generate_into(&generated, None, true), ExitCode::SUCCESS);

    let attributes = std::fs::read_to_string(empty.join(".gitattributes")).unwrap();
    assert!(attributes.starts_with("# @generated"), "{attributes}");
    assert!(attributes.lines().any(|l| l == "* linguist-generated=true eol=lf"), "{attributes}");
}

/// Never writes into `/`: only `--check`, the pure check, and a write of a
/// file that must not appear if the refusal failed.
#[test]
fn the_filesystem_root_is_refused() {
    let root = Path::new("/");
    let probe = "codegen-output-safety-probe-must-not-exist.txt";
    let files = [OutFile { path: probe.into(), contents: "must not be written\n".into() }];
    let is_root = |r: Result<(), WriteError>| matches!(r, Err(WriteError::Refused(Refusal::Root { .. })));
    assert!(is_root(check_location(root, None)));
    // `/tmp/..` and `missing/..` climbs are the root too.
    let scratch = scratch("root");
    let climb: PathBuf = std::iter::repeat_n("..", scratch.components().count()).collect();
    assert!(is_root(check_location(&scratch.join(&climb), None)));
    assert!(is_root(check_location(&scratch.join("missing").join(&climb).join(".."), None)));
    assert!(check_location(&scratch, None).is_ok());

    assert!(is_root(ensure_files(root, &files, Mode::Check).map(drop)));
    assert!(is_root(ensure_files_with(root, &files, Mode::Write, Overwrite::Anything).map(drop)), "even forced");
    assert!(!root.join(probe).exists());
}

/// The pure check with a home directory of the test's own, and `$HOME`
/// itself in `--check` mode, which never writes.
#[test]
fn the_home_directory_is_refused() {
    let home = scratch("home");
    let is_home = |r: Result<(), WriteError>| matches!(r, Err(WriteError::Refused(Refusal::Home { .. })));
    assert!(is_home(check_location(&home, Some(&home))));
    assert!(is_home(check_location(&home.join("project/.."), Some(&home))));
    assert!(is_home(check_location(&home.join("missing/.."), Some(&home))));
    assert!(check_location(&home.join("project"), Some(&home)).is_ok());
    assert!(check_location(&home, None).is_ok());

    let Some(real) = std::env::var_os("HOME").filter(|h| !h.is_empty()).map(PathBuf::from) else { return };
    if real.is_dir() {
        let result = ensure_files_with(&real, &stream_files(), Mode::Check, Overwrite::Anything);
        assert!(is_home(result.map(drop)), "$HOME ({}) is refused even forced", real.display());
    }
}

/// A Windows checkout (`core.autocrlf`) has CRLF files; they are up to
/// date, and a run leaves them as they are.
#[test]
fn crlf_files_are_not_stale() {
    let out = scratch("crlf");
    assert_eq!(generate_into(&out, None, false), ExitCode::SUCCESS);
    for (path, contents) in snapshot(&out) {
        if !contents.is_empty() {
            let crlf = String::from_utf8(contents).unwrap().replace('\n', "\r\n");
            std::fs::write(out.join(path), crlf).unwrap();
        }
    }
    let before = snapshot(&out);
    assert_eq!(generate_into(&out, None, true), ExitCode::SUCCESS);
    let outcome = ensure_files(&out, &stream_files(), Mode::Write).unwrap();
    assert!(outcome.is_clean(), "{outcome:?}");
    assert!(snapshot(&out) == before);
}

/// The header names the spec relative to the output directory, so two
/// checkouts in different places generate the same bytes.
#[test]
fn headers_hold_no_absolute_path() {
    let mut crates = Vec::new();
    for checkout in ["header-a", "header-b/deeper"] {
        let root = scratch(checkout);
        let spec = root.join("dir/api.yaml");
        std::fs::create_dir_all(spec.parent().unwrap()).unwrap();
        std::fs::write(&spec, codegen::DEFAULT_SPEC).unwrap();
        let out = root.join("out");
        assert_eq!(generate_into(&out, Some(spec), false), ExitCode::SUCCESS);
        let files = snapshot(&out);
        for (path, contents) in &files {
            let text = String::from_utf8_lossy(contents);
            assert!(!text.contains(root.to_str().unwrap()), "{} holds {}", path.display(), root.display());
            if !contents.is_empty() {
                let first = text.lines().next().unwrap();
                assert!(first.ends_with(" from ../dir/api.yaml."), "{}: {first}", path.display());
            }
        }
        crates.push(files);
    }
    assert!(crates[0] == crates[1], "the output depends on where the checkout lives");

    // Nothing in common but the root: the file name only.
    assert_eq!(codegen::cli::header_name::header_name(Path::new("/api.yaml"), &scratch("header-c")), "api.yaml");
}
