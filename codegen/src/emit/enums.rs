//! Enums for `enum` schemas: one call of the runtime's `string_enum!` or
//! `int_enum!` macro each, listing the values. The macros write the enum
//! with its `Unknown` variant (so that a value added to the API later does
//! not fail the whole response) and its impls once, in the runtime, instead
//! of in every enum. prettyplease cannot lay out a macro's input, so these
//! calls are written as text.

use crate::model::Traits;
use crate::naming::Name;
use proc_macro2::Literal;

/// `docs` is the enum's doc comment lines (see `docs::doc_comments`);
/// `default` derives `Default` as the first value ([`Traits::default`],
/// decided where a struct's or union's `Default` needs it).
pub fn string_enum(name: &str, docs: &str, variants: &[Name], traits: &Traits) -> String {
    let values = variants.iter().map(|v| (v.rust.as_str(), Literal::string(&v.wire).to_string()));
    call("string_enum", name, docs, values, traits.default)
}

pub fn int_enum(name: &str, docs: &str, variants: &[(String, i64)], traits: &Traits) -> String {
    call("int_enum", name, docs, variants.iter().map(|(n, v)| (n.as_str(), v.to_string())), traits.default)
}

/// An enum's `Default` builds only what the `defaults` feature builds (see
/// [`Traits::default_feature`]).
const DERIVE: &str = "#[cfg_attr(feature = \"defaults\", derive(Default))]";
const MARK: &str = "#[cfg_attr(feature = \"defaults\", default)]";

fn call<'v>(
    macro_name: &str,
    name: &str,
    docs: &str,
    mut values: impl Iterator<Item = (&'v str, String)>,
    default: bool,
) -> String {
    let mut out = format!("crate::runtime::{macro_name}! {{\n{docs}");
    let first = if default { values.next() } else { None };
    if let Some((variant, value)) = &first {
        out.push_str(&format!("    /// `Default` is `{variant}`, the first value the API lists.\n    {DERIVE}\n"));
        out.push_str(&format!("    {name} {{\n        {MARK} {variant} = {value},\n"));
    } else {
        out.push_str(&format!("    {name} {{\n"));
    }
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
        let plain = Traits::default();
        assert_eq!(
            string_enum("Status", "    /// Docs.\n", &names, &plain),
            "crate::runtime::string_enum! {\n    /// Docs.\n    Status {\n        Ready = \"ready\",\n        Q = \"\\\"q\\\"\",\n    }\n}\n"
        );
        assert!(int_enum("Level", "", &[("VMinus1".into(), -1)], &plain).contains("        VMinus1 = -1,\n"));
        let default = Traits { default: true, ..plain };
        assert_eq!(
            int_enum("Level", "", &[("V1".into(), 1), ("V2".into(), 2)], &default),
            "crate::runtime::int_enum! {\n    /// `Default` is `V1`, the first value the API lists.\n    #[cfg_attr(feature = \"defaults\", derive(Default))]\n    Level {\n        #[cfg_attr(feature = \"defaults\", default)] V1 = 1,\n        V2 = 2,\n    }\n}\n"
        );
    }
}
