//! What the integration tests share: the one decision of what to do when
//! an input a test needs (the corpus, git history, Prism) is missing, the
//! freshness check of the committed fixture clients, setting
//! environment variables one test at a time, and reading back the
//! multipart forms a server received (`multipart`).
//!
//! Included with `mod common;`; not a test target of its own.

#[allow(dead_code)]
pub mod multipart;

/// Whether this is a CI run (`CI=true`, exactly), where every test must run.
// Not every test target that includes this module uses each helper.
#[allow(dead_code)]
fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true")
}

/// Called by a test that cannot do (all of) its work because an input is
/// missing: `what` is the work, `missing` says what is missing and `how`
/// how to get it. Under `CI=true` this fails the test; otherwise it says on
/// stderr what is skipped and why, and the caller goes on without the
/// input (usually by returning).
#[allow(dead_code)]
#[track_caller]
pub fn skip_unless_ci(what: &str, missing: &str, how: &str) {
    assert!(!in_ci(), "{what} must run under CI=true, but {missing}. To get what is missing: {how}");
    eprintln!("skipped {what}: {missing}. To run it: {how}");
}

/// Checks that the committed client `tests/clients/{name}` is exactly what
/// the generator writes today from `tests/fixtures/constructs/{spec}`.
// Not every test target that includes this module uses each helper.
#[allow(dead_code)]
#[track_caller]
pub fn assert_client_is_fresh(spec: &str, name: &str) {
    use codegen::write::{ensure_files, Mode};
    let tests = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    // Named as the CLI names it from the crate's directory.
    let shown = format!("../../fixtures/constructs/{spec}");
    let source = codegen::parse::Source::read(&tests.join("fixtures/constructs").join(spec), shown).expect("readable");
    let generated =
        codegen::generate(&source, &codegen::model::Options::all()).unwrap_or_else(|e| panic!("{spec}: {e:?}"));
    let outcome = ensure_files(&tests.join("clients").join(name), &generated.files, Mode::Check).expect("readable");
    assert!(
        outcome.is_clean(),
        "tests/clients/{name} is stale (changed: {:?}, removed: {:?}); run `cargo run -p codegen -- --spec \
         tests/fixtures/constructs/{spec} --out tests/clients/{name}`",
        outcome.changed,
        outcome.removed
    );
}

/// Environment variables are process-wide: tests that set them take turns.
#[allow(dead_code)]
static ENV_LOCK: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Runs `check` with exactly `vars` set among the variables `names`.
#[allow(dead_code)]
pub fn with_env<T>(names: &[&str], vars: &[(&str, &str)], check: impl FnOnce() -> T) -> T {
    let _guard = ENV_LOCK.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    for name in names {
        std::env::remove_var(name);
    }
    for (name, value) in vars {
        std::env::set_var(name, value);
    }
    let result = check();
    for name in names {
        std::env::remove_var(name);
    }
    result
}
