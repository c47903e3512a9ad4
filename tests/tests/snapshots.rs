//! One insta snapshot per generated type, per operation and per operation's
//! mock of the Stream spec, so that a spec change shows up as a small, readable diff.
//! Review changes with `cargo insta review`.

use codegen::model::select::Selection;

#[test]
fn every_type_and_operation_of_the_stream_spec() {
    let built = codegen::model_of(&codegen::default_source(), &Selection::all()).expect("the Stream spec is valid");
    let mut snippets = codegen::emit::snippets(&built.api).expect("generated code parses");
    snippets.extend(codegen::emit::mock_snippets(&built.api).expect("generated mocks parse"));
    assert!(snippets.iter().any(|(k, _)| k == "operation_list_downloads"), "expected the list operation");
    insta::with_settings!({ prepend_module_to_snapshot => false, omit_expression => true }, {
        for (key, code) in snippets {
            insta::assert_snapshot!(key, code);
        }
    });
}

/// The mock of an operation with query parameters, which the Stream spec
/// has not: its parameters are written by the same calls as the client's.
#[test]
fn mock_of_an_operation_with_parameters() {
    let text = include_str!("../fixtures/constructs/swagger2.yaml");
    let source = codegen::parse::Source { name: "swagger2.yaml".into(), text: text.into() };
    let built = codegen::model_of(&source, &Selection::all()).expect("the fixture is valid");
    let mocks = codegen::emit::mock_snippets(&built.api).expect("generated mocks parse");
    let (_, code) = mocks.iter().find(|(k, _)| k == "mock_list_pets").expect("a mock of list_pets");
    insta::with_settings!({ prepend_module_to_snapshot => false, omit_expression => true }, {
        insta::assert_snapshot!("swagger2_mock_list_pets", code);
    });
}
