//! Enums for `enum` schemas: one call of the runtime's `string_enum!` or
//! `int_enum!` macro each, listing the values. The macros write the enum
//! with its `Unknown` variant (so that a value added to the API later does
//! not fail the whole response) and its impls once, in the runtime, instead
//! of in every enum. prettyplease cannot lay out a macro's input, so these
//! calls are written as text.

use crate::naming::Name;
use proc_macro2::Literal;

/// `docs` is the enum's doc comment lines (see `docs::doc_comments`).
pub fn string_enum(name: &str, docs: &str, variants: &[Name]) -> String {
    let values = variants.iter().map(|v| (v.rust.as_str(), Literal::string(&v.wire).to_string()));
    call("string_enum", name, docs, values)
}

pub fn int_enum(name: &str, docs: &str, variants: &[(String, i64)]) -> String {
    call("int_enum", name, docs, variants.iter().map(|(n, v)| (n.as_str(), v.to_string())))
}

fn call<'v>(macro_name: &str, name: &str, docs: &str, values: impl Iterator<Item = (&'v str, String)>) -> String {
    let mut out = format!("crate::runtime::{macro_name}! {{\n{docs}    {name} {{\n");
    for (variant, value) in values {
        out.push_str(&format!("        {variant} = {value},\n"));
    }
    out.push_str("    }\n}\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_per_value() {
        let names =
            [Name { rust: "Ready".into(), wire: "ready".into() }, Name { rust: "Q".into(), wire: "\"q\"".into() }];
        assert_eq!(
            string_enum("Status", "    /// Docs.\n", &names),
            "crate::runtime::string_enum! {\n    /// Docs.\n    Status {\n        Ready = \"ready\",\n        Q = \"\\\"q\\\"\",\n    }\n}\n"
        );
        assert!(int_enum("Level", "", &[("VMinus1".into(), -1)]).contains("        VMinus1 = -1,\n"));
    }
}
