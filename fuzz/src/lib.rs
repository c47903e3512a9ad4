//! What both fuzz targets share: the one property every input must keep
//! (`check`), and the small spec model the structure-aware target derives
//! `Arbitrary` for (`spec`).

pub mod spec;

use codegen::cli::report;
use codegen::model::Options;
use codegen::parse::Source;

/// The generator's promise for any input: a crate whose files stay inside
/// it, or spec errors that are each located at a line of the input. A
/// panic, or any other failure, is a bug (libFuzzer reports the panic).
pub fn check(source: &Source, lenient: bool) {
    let options = Options { lenient, ..Options::all() };
    match codegen::generate(source, &options) {
        Ok(generated) => {
            for file in &generated.files {
                assert!(codegen::write::check_relative(&file.path).is_ok(), "unsafe path {}", file.path);
            }
            assert_located(source, &generated.warnings);
        }
        Err(codegen::Failure::Spec(diagnostics)) => {
            assert!(!diagnostics.is_empty(), "a failure without an error");
            assert!(diagnostics.iter().all(|d| d.is_error()), "a failure carrying warnings: {diagnostics:?}");
            assert_located(source, &diagnostics);
        }
        Err(e) => panic!("generator bug: {e}"),
    }
}

fn assert_located(source: &Source, diagnostics: &[codegen::diagnostic::Diagnostic]) {
    for (position, d) in report::located(source, diagnostics) {
        assert!(!d.message.trim().is_empty(), "an empty message at {:?}", d.pointer);
        assert!(position.is_some(), "unlocated: {}", d.render(&source.name, None));
    }
}
