//! Any bytes as a spec: the generator returns a crate, located errors or a
//! read error, and never panics or crashes. Seed the corpus with the
//! fixtures: `cargo +nightly fuzz run generate ../tests/fixtures/errors ../spec`.
#![no_main]

use codegen::cli::report;
use codegen::model::Options;
use codegen::parse::Source;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(source) = Source::from_bytes(data.to_vec(), "fuzz.yaml".into()) else { return };
    match codegen::generate(&source, &Options::all()) {
        Ok(generated) => {
            for file in &generated.files {
                assert!(codegen::write::check_relative(&file.path).is_ok(), "{}", file.path);
            }
        }
        Err(codegen::Failure::Spec(diagnostics)) => {
            assert!(!diagnostics.is_empty());
            let located = report::located(&source, &diagnostics);
            assert!(located.iter().all(|(position, _)| position.is_some()), "{located:?}");
        }
        Err(e) => panic!("generator bug: {e}"),
    }
});
