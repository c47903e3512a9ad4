//! One insta snapshot per generated type and per operation of the Stream
//! spec, so that a spec change shows up as a small, readable diff.
//! Review changes with `cargo insta review`.

use codegen::model::select::Selection;

#[test]
fn every_type_and_operation_of_the_stream_spec() {
    let built = codegen::model_of(&codegen::default_source(), &Selection::all()).expect("the Stream spec is valid");
    let snippets = codegen::emit::snippets(&built.api).expect("generated code parses");
    assert!(snippets.iter().any(|(k, _)| k == "operation_list_downloads"), "expected the list operation");
    insta::with_settings!({ prepend_module_to_snapshot => false, omit_expression => true }, {
        for (key, code) in snippets {
            insta::assert_snapshot!(key, code);
        }
    });
}
