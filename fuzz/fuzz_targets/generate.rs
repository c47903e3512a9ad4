//! Any bytes as a spec: the generator returns a crate, located errors or a
//! read error, and never panics or crashes. `.ci/run` seeds the corpus
//! with the fixtures and the small corpus specs (`scripts/fuzz`).
#![no_main]

use codegen::parse::Source;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(source) = Source::from_bytes(data.to_vec(), "fuzz.yaml".into()) else { return };
    codegen_fuzz::check(&source, false);
});
