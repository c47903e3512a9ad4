//! The committed `generated/` crate must be exactly what the generator
//! writes from `spec/` today (the same check as `codegen --check`).

use codegen::model::Options;
use codegen::write::{ensure_files, Mode};

#[test]
fn generated_crate_matches_the_spec() {
    let generated = codegen::generate(&codegen::default_source(), &Options::all()).expect("the Stream spec generates");
    let out = codegen::default_out_dir();
    let outcome = ensure_files(&out, &generated.files, Mode::Check).expect("generated/ is readable");
    assert!(
        outcome.is_clean(),
        "generated/ is stale (changed: {:?}, no longer generated: {:?}); run `{}` to update it",
        outcome.changed,
        outcome.removed,
        codegen::cli::generate::FIX
    );
}

#[test]
fn generation_is_deterministic() {
    let a = codegen::generate(&codegen::default_source(), &Options::all()).expect("generates");
    let b = codegen::generate(&codegen::default_source(), &Options::all()).expect("generates");
    assert_eq!(a.files, b.files);
}
