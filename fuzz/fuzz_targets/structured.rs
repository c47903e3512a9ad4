//! Specs that always parse as YAML or JSON, built from a small model of
//! OpenAPI (`codegen_fuzz::spec`), so the fuzzer's time goes into schemas,
//! references, names and operations rather than into YAML syntax.
#![no_main]

use codegen::parse::Source;
use codegen_fuzz::spec::Spec;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (Spec, bool, bool)| {
    let (spec, json, lenient) = input;
    let doc = spec.to_json();
    let text = if json {
        serde_json::to_string_pretty(&doc).expect("a JSON value serialises")
    } else {
        serde_yaml::to_string(&doc).expect("a JSON value serialises as YAML")
    };
    codegen_fuzz::check(&Source { name: "fuzz.yaml".into(), text }, lenient);
});
