//! One fixture per kind of bad spec (`tests/fixtures/errors/`), each with a
//! snapshot of what the generator prints and the exit code it gives, so the
//! wording and the locations are reviewed like code.

use codegen::cli::generate::{failure_summary, lenient_recovers, run, warnings_summary, GenerateArgs};
use codegen::cli::origin::Folder;
use codegen::cli::report;
use codegen::parse::Source;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/errors").join(name)
}

/// The folder of fixture `name`, its files named as in the snapshots.
fn folder(name: &str) -> Folder {
    let shown = Path::new("fixtures/errors").join(name);
    let parent = |p: &Path| p.parent().map(Path::to_path_buf).unwrap_or_default();
    Folder::named(&parent(&fixture(name)), parent(&shown))
}

/// What a person sees for `name` with `--verbose`: every diagnostic
/// (errors, or the warnings of a successful run) and the line that counts
/// them, as the command line prints them, then the exit code of a real run.
fn outcome(name: &str) -> String {
    outcome_with(name, true)
}

/// [`outcome`], printed with `verbose` or without.
fn outcome_with(name: &str, verbose: bool) -> String {
    let started = Instant::now();
    let shown = format!("fixtures/errors/{name}");
    let bytes = std::fs::read(fixture(name)).expect("fixture exists");
    let strict = codegen::model::Options::all();
    let mut out = match Source::from_bytes(bytes, shown) {
        Err(e) => format!("{e}\n"),
        Ok(source) => match codegen::generate_in(&source, &folder(name), &strict) {
            Ok(generated) => {
                let summary = warnings_summary(&generated.warnings, &source.name).map(|s| s + "\n");
                report::human(&source, &generated.warnings, verbose) + &summary.unwrap_or_default()
            }
            Err(codegen::Failure::Spec(diagnostics)) => {
                assert!(!diagnostics.is_empty(), "a failure names at least one error");
                assert!(diagnostics.iter().all(|d| d.is_error()), "failures carry only errors: {diagnostics:#?}");
                let recoverable = lenient_recovers(&source, &folder(name), &strict);
                report::human(&source, &diagnostics, verbose)
                    + &failure_summary(&diagnostics, &source.name, recoverable)
                    + "\n"
            }
            Err(e) => panic!("{name}: the emitter failed, which is a generator bug: {e}"),
        },
    };
    let limit = Duration::from_secs(10);
    assert!(started.elapsed() < limit, "{name} took {:?}", started.elapsed());
    out.push_str(&format!("exit: {}\n", exit_code(name)));
    out
}

/// The exit code of `codegen --spec <fixture> --out <fresh dir>`.
fn exit_code(name: &str) -> u8 {
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("diagnostics").join(name);
    let _ = std::fs::remove_dir_all(&out);
    let args = GenerateArgs { spec: Some(fixture(name)), out: Some(out), ..Default::default() };
    let code = run(&args);
    (0..=255u8).find(|c| ExitCode::from(*c) == code).expect("exit codes fit in a byte")
}

macro_rules! cases {
    ($($test:ident: $file:literal,)*) => {$(
        #[test]
        fn $test() {
            insta::assert_snapshot!(stringify!($test), outcome($file));
        }
    )*};
}

cases! {
    yaml_syntax_error: "yaml-syntax.yaml",
    json_syntax_error: "json-syntax.json",
    wrong_types_for_known_fields: "wrong-types.yaml",
    missing_openapi_version: "missing-version.yaml",
    unsupported_openapi_version: "unsupported-version.yaml",
    openapi_version_as_a_number: "version-as-number.yaml",
    swagger_2: "swagger2.yaml",
    empty_file: "empty.yaml",
    binary_garbage: "binary.png",
    nul_bytes: "nul-byte.yaml",
    unresolved_refs: "unresolved-ref.yaml",
    unused_components_are_checked: "unused-components.yaml",
    ref_cycle_without_container: "ref-cycle.yaml",
    duplicate_operation_ids: "duplicate-operation-id.yaml",
    undeclared_path_template_parameter: "undeclared-path-param.yaml",
    path_parameter_missing_from_template: "missing-path-param.yaml",
    names_that_are_not_identifiers: "bad-names.yaml",
    many_errors_in_file_order: "many-errors.yaml",
    many_of_one_kind_verbose: "many-of-one-kind.yaml",
    warnings_do_not_fail: "warnings-only.yaml",
    deep_nesting_yaml: "deep-nesting.yaml",
    deep_nesting_json: "deep-nesting.json",
    deep_schemas: "deep-schemas.yaml",
    alias_bomb: "alias-bomb.yaml",
    huge_numbers_yaml: "huge-numbers.yaml",
    huge_numbers_json: "huge-numbers.json",
    large_integer_literals_are_floats: "large-integer-literals.yaml",
    ref_leaving_the_folder: "refs/dotdot.yaml",
    ref_to_an_absolute_path: "refs/absolute.yaml",
    ref_through_a_symlink_out_of_the_folder: "refs/symlink.yaml",
    ref_to_urls: "refs/url.yaml",
    ref_to_missing_files: "refs/missing.yaml",
    errors_inside_referenced_files: "refs/in-files.yaml",
    security_scheme_refs_that_lead_nowhere: "refs/security-schemes.yaml",
    operations_and_content_behind_refs_that_lead_nowhere: "refs/operations.yaml",
    entry_in_a_subfolder_reaching_up_without_root: "refs/nested/spec/openapi.yaml",
    paths_without_operations: "no-operations.yaml",
    refs_to_the_wrong_kind_of_component: "wrong-kind-refs.yaml",
    swagger_2_response_ref_to_a_definition: "swagger2-response-definition.yaml",
    ref_chains_that_lead_back_to_themselves: "ref-chain-cycle.yaml",
    operations_that_cannot_be_read_whole: "hollow-operations.yaml",
    unknown_type_names: "unknown-types.yaml",
    unknown_parameter_locations: "unknown-parameter-location.yaml",
    unknown_parameter_styles: "unknown-parameter-style.yaml",
    unknown_names_in_swagger_2: "swagger2-unknown-names.yaml",
}

/// With `--root`, the entry in a subfolder reaches `../common`; a root
/// that does not hold the entry is refused as a usage error that says so.
#[test]
fn the_root_folder_must_hold_the_entry() {
    let entry = fixture("refs/nested/spec/openapi.yaml");
    let folder = Folder::within(&entry, &fixture("refs/nested")).expect("the entry is inside");
    let source = Source::read(&entry, "nested/spec/openapi.yaml".into()).unwrap();
    let generated = codegen::generate_in(&source, &folder, &codegen::model::Options::all());
    assert!(generated.is_ok(), "{:?}", generated.err());

    let outside = fixture("refs/parts");
    let Err(message) = Folder::within(&entry, &outside) else { panic!("parts/ does not hold the entry") };
    assert!(message.contains("is not inside the root folder"), "{message}");
    assert!(message.ends_with("--root must be the spec's folder or one above it"), "{message}");
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("diagnostics").join("outside-root");
    let args = GenerateArgs { spec: Some(entry), root: Some(outside), out: Some(out), ..Default::default() };
    assert!(run(&args) == ExitCode::from(2), "a root that does not hold the entry is a usage error");
}

/// Every error is located, and the list is in file order.
#[test]
fn every_fixture_is_located_and_in_file_order() {
    for entry in std::fs::read_dir(fixture("")).unwrap() {
        let path = entry.unwrap().path();
        let Ok(text) = std::fs::read_to_string(&path) else { continue };
        let source = Source { name: path.display().to_string(), text };
        let diagnostics = match codegen::generate(&source, &codegen::model::Options::all()) {
            Ok(g) => g.warnings,
            Err(codegen::Failure::Spec(d)) => d,
            Err(e) => panic!("{}: {e}", path.display()),
        };
        let located = report::located(&source, &diagnostics);
        let positions: Vec<_> = located.iter().map(|(p, _)| *p).collect();
        assert!(positions.iter().all(Option::is_some), "{}: unlocated: {located:#?}", path.display());
        assert!(positions.windows(2).all(|w| w[0] <= w[1]), "{}", path.display());
    }
}

/// A YAML and a JSON syntax error both carry the parser's line and column.
#[test]
fn syntax_errors_have_positions_from_the_parser() {
    for (name, at) in [("yaml-syntax.yaml", (10, 16)), ("json-syntax.json", (8, 9))] {
        let source = Source::read(&fixture(name), name.into()).unwrap();
        let errors = codegen::parse::parse_document(&source).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].position, Some(at), "{name}");
    }
}

/// Thousands of levels of nesting, built here, in both syntaxes and in the
/// model's own recursion, on a thread with a small stack.
#[test]
fn very_deep_nesting_does_not_overflow_the_stack() {
    let handle = std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(|| {
            for depth in [100, 127, 128, 129, 5_000, 50_000] {
                let open = "{\"type\": \"array\", \"items\": ".repeat(depth);
                let close = "}".repeat(depth);
                let json = format!(
                    "{{\"openapi\": \"3.0.3\", \"info\": {{\"title\": \"t\", \"version\": \"1\"}}, \"paths\": {{}}, \
                     \"components\": {{\"schemas\": {{\"D\": {open}{{\"type\": \"string\"}}{close}}}}}}}"
                );
                let yaml = format!("openapi: 3.1.0\npaths: {{}}\nx: {}{}\n", "[".repeat(depth), "]".repeat(depth));
                for text in [json, yaml] {
                    let source = Source { name: "deep".into(), text };
                    if let Err(codegen::Failure::Spec(d)) = codegen::generate(&source, &codegen::model::Options::all())
                    {
                        let _ = report::render(&source, &d);
                    }
                }
            }
        })
        .unwrap();
    handle.join().expect("no stack overflow or panic");
}

/// The diagnostics of a strict (or lenient) run of fixture `name`, and its
/// source.
fn diagnostics_of(name: &str, lenient: bool) -> (Source, Vec<codegen::diagnostic::Diagnostic>) {
    let source = Source::read(&fixture(name), format!("fixtures/errors/{name}")).expect("fixture exists");
    let options = codegen::model::Options { lenient, ..codegen::model::Options::all() };
    let diagnostics = match codegen::generate_in(&source, &folder(name), &options) {
        Ok(generated) => generated.warnings,
        Err(codegen::Failure::Spec(d)) => d,
        Err(e) => panic!("{name}: {e}"),
    };
    (source, diagnostics)
}

/// Of each kind, a person sees the first three in file order, then a line
/// that counts the rest right after the third; `--verbose` shows them all.
#[test]
fn many_of_one_kind_are_cut_short() {
    let grouped = outcome_with("many-of-one-kind.yaml", false);
    insta::assert_snapshot!("many_of_one_kind_are_cut_short", grouped);
    let lines: Vec<&str> = grouped.lines().collect();
    let undeclared: Vec<usize> = (0..lines.len()).filter(|&i| lines[i].contains(": error[E0104]: ")).collect();
    assert_eq!(undeclared.len(), 3, "{grouped}");
    assert_eq!(lines[undeclared[2] + 1], "  and 2 more error[E0104] like this (--verbose shows all)");
    assert!(grouped.contains("error[E0105]") && grouped.contains("error[E0301]"), "the other kinds are all shown");

    let verbose = outcome("many-of-one-kind.yaml");
    assert_eq!(verbose.matches(": error[E0104]: ").count(), 5, "{verbose}");
    assert!(!verbose.contains("more error"), "{verbose}");
    let (source, diagnostics) = diagnostics_of("many-of-one-kind.yaml", false);
    assert_eq!(report::human(&source, &diagnostics, true), report::render(&source, &diagnostics));
}

/// The count at the end: by severity, then the most frequent kind first,
/// then by code; a kind `--lenient` recovers from keeps its code as a
/// warning.
#[test]
fn the_summary_counts_by_kind() {
    let (_, strict) = diagnostics_of("many-of-one-kind.yaml", false);
    assert_eq!(
        report::summary(&strict).as_deref(),
        Some(
            "7 errors (5 E0104 path template parameter not declared, 1 E0105 duplicate operationId, \
             1 E0301 unresolved $ref)"
        )
    );
    let (source, lenient) = diagnostics_of("many-of-one-kind.yaml", true);
    let summary = report::summary(&lenient).expect("warnings");
    assert_eq!(
        summary,
        "8 warnings (5 E0104 path template parameter not declared, 1 E0105 duplicate operationId, \
         1 E0301 unresolved $ref, 1 W0101 cookie parameter not supported)"
    );
    assert!(report::render(&source, &lenient).contains("warning[E0104]: path template parameter '{id}'"));
    let (_, one) = diagnostics_of("deep-schemas.yaml", false);
    assert_eq!(report::summary(&one).as_deref(), Some("1 warning (1 W0201 schema nesting too deep)"));
    assert_eq!(report::summary(&[]), None);
}

/// `--format json`: one object per diagnostic and line, every one of them,
/// in file order, with its keys in a fixed order and `null` for what is
/// unknown.
#[test]
fn json_lines_carry_every_diagnostic() {
    let (source, diagnostics) = diagnostics_of("many-of-one-kind.yaml", false);
    let text = report::json_lines(&source, &diagnostics);
    let located = report::located(&source, &diagnostics);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), diagnostics.len(), "not grouped: {text}");
    for (line, (position, d)) in lines.iter().zip(&located) {
        let value: serde_json::Value = serde_json::from_str(line).expect("each line is JSON");
        let object = value.as_object().expect("an object");
        let keys: Vec<&str> = object.keys().map(String::as_str).collect();
        assert_eq!(keys, ["file", "line", "col", "pointer", "severity", "code", "message", "hint"]);
        let (l, c) = position.expect("located");
        assert_eq!(value["file"], "fixtures/errors/many-of-one-kind.yaml");
        assert_eq!((value["line"].as_u64(), value["col"].as_u64()), (Some(l as u64), Some(c as u64)));
        assert_eq!(value["pointer"], d.pointer.as_str());
        assert_eq!(value["severity"], "error");
        assert_eq!(value["code"], d.code.as_str());
        assert_eq!(value["message"], d.message.as_str());
        assert_eq!(value["hint"].as_str(), d.hint.as_deref());
    }
    let first: serde_json::Value = serde_json::from_str(lines[0]).unwrap();
    assert_eq!(first["code"], "E0104");
    assert_eq!(first["pointer"], "/paths/~1videos~1{id}/get");
    assert_eq!((first["line"].as_u64(), first["col"].as_u64()), (Some(10), Some(5)));

    // A diagnostic without a hint, in a file a `$ref` led to.
    let (source, diagnostics) = diagnostics_of("refs/in-files.yaml", false);
    let text = report::json_lines(&source, &diagnostics);
    let broken = text
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .find(|v| v["code"] == "E0010")
        .expect("the shape error in parts/broken.yaml");
    assert_eq!(broken["file"], "fixtures/errors/refs/parts/broken.yaml");
    assert!(broken["hint"].is_null(), "{broken}");

    // Nothing located: `null`, not a made-up position.
    let empty = Source { name: "empty.yaml".into(), text: String::new() };
    let Err(codegen::Failure::Spec(d)) = codegen::generate(&empty, &codegen::model::Options::all()) else {
        panic!("an empty file fails")
    };
    let unlocated = codegen::diagnostic::Diagnostic { position: None, ..d[0].clone() };
    let value: serde_json::Value =
        serde_json::from_str(report::json_lines(&empty, &[unlocated]).trim_end()).expect("JSON");
    assert!(value["line"].is_null() && value["col"].is_null(), "{value}");
}
