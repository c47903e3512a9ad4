//! The command line's `--format` and `--verbose`, run as a user runs them:
//! where each kind of output goes, and that grouping is the human format's.

use std::path::Path;
use std::process::{Command, Output};

const SPEC: &str = "../tests/fixtures/errors/many-of-one-kind.yaml";

fn codegen(args: &[&str], out: &str) -> Output {
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli_report").join(out);
    let _ = std::fs::remove_dir_all(&out);
    let output = Command::new(env!("CARGO_BIN_EXE_codegen"))
        .args(args)
        .arg("--out")
        .arg(&out)
        .output()
        .expect("the codegen binary runs");
    assert!(!output.stderr.is_empty(), "{args:?} prints diagnostics");
    output
}

fn text(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes).expect("UTF-8")
}

#[test]
fn json_lines_on_stdout_and_every_one_of_them() {
    let output = codegen(&["--spec", SPEC, "--format", "json"], "json");
    assert_eq!(output.status.code(), Some(1));
    let stdout = text(&output.stdout);
    let codes: Vec<String> = stdout
        .lines()
        .map(|line| {
            let value: serde_json::Value = serde_json::from_str(line).expect("every stdout line is JSON");
            value["code"].as_str().expect("a code").to_string()
        })
        .collect();
    assert_eq!(codes.iter().filter(|c| *c == "E0104").count(), 5, "not grouped: {stdout}");
    assert_eq!(codes.len(), 7, "{stdout}");
    let stderr = text(&output.stderr);
    assert_eq!(stderr.lines().count(), 1, "only the count is left for stderr: {stderr}");
    assert!(stderr.starts_with("error: 7 errors (5 E0104 "), "{stderr}");
}

#[test]
fn human_lines_are_grouped_unless_verbose() {
    let grouped = codegen(&["--spec", SPEC], "grouped");
    assert!(grouped.stdout.is_empty());
    let stderr = text(&grouped.stderr);
    assert_eq!(stderr.matches(": error[E0104]: ").count(), 3, "{stderr}");
    assert!(stderr.contains("\n  and 2 more error[E0104] like this (--verbose shows all)\n"), "{stderr}");
    assert!(stderr.lines().last().is_some_and(|l| l.starts_with("error: 7 errors (")), "{stderr}");

    let verbose = codegen(&["--spec", SPEC, "--verbose"], "verbose");
    let stderr = text(&verbose.stderr);
    assert_eq!(stderr.matches(": error[E0104]: ").count(), 5, "{stderr}");
    assert!(!stderr.contains("more error"), "{stderr}");
}

#[test]
fn a_run_that_generates_counts_its_warnings_and_keeps_stdout_for_json() {
    let output = codegen(&["--spec", SPEC, "--lenient", "--format", "json"], "lenient-json");
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let stdout = text(&output.stdout);
    assert_eq!(stdout.lines().count(), 8, "{stdout}");
    assert!(stdout.lines().all(|l| l.contains(r#""severity":"warning""#)), "{stdout}");
    let stderr = text(&output.stderr);
    assert!(stderr.starts_with("warning: 8 warnings (5 E0104 path template parameter not declared, "), "{stderr}");
    assert!(stderr.contains(" operations, "), "the run's own line moves to stderr: {stderr}");
}

#[test]
fn diff_reports_a_broken_spec_the_same_way() {
    let output = Command::new(env!("CARGO_BIN_EXE_codegen"))
        .args(["diff", SPEC, SPEC])
        .output()
        .expect("the codegen binary runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = text(&output.stderr);
    assert_eq!(stderr.matches(": error[E0104]: ").count(), 6, "three per spec: {stderr}");
    assert!(stderr.contains("  and 2 more error[E0104] like this (--verbose shows all)"), "{stderr}");
    assert!(stderr.contains("error: 7 errors (5 E0104 path template parameter not declared, "), "{stderr}");
    assert!(stderr.contains("; cannot compare it"), "{stderr}");
}
