//! What the integration tests share: the one decision of what to do when
//! an input a test needs (the corpus, git history, Prism) is missing.
//!
//! Included with `mod common;`; not a test target of its own.

/// Whether this is a CI run (`CI=true`, exactly), where every test must run.
fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true")
}

/// Called by a test that cannot do (all of) its work because an input is
/// missing: `what` is the work, `missing` says what is missing and `how`
/// how to get it. Under `CI=true` this fails the test; otherwise it says on
/// stderr what is skipped and why, and the caller goes on without the
/// input (usually by returning).
#[track_caller]
pub fn skip_unless_ci(what: &str, missing: &str, how: &str) {
    assert!(!in_ci(), "{what} must run under CI=true, but {missing}. To get what is missing: {how}");
    eprintln!("skipped {what}: {missing}. To run it: {how}");
}
