//! Structs for object schemas: one call of the runtime's `object!` macro
//! each, which declares the struct and implements serde's traits for it
//! (each only in the direction the model decided it needs, the other
//! behind its crate feature). Written as text: prettyplease cannot lay out
//! a macro's input.

use super::docs::{doc_comments, fallback};
use super::signature::{self, Scope};
use crate::model::{Field, Struct, Traits, TypeRef};
use proc_macro2::Literal;

/// `docs` is the struct's doc comment lines (see `docs::doc_comments`).
pub fn struct_def(name: &str, docs: &str, s: &Struct, traits: &Traits) -> String {
    let Struct { fields } = s;
    let direction = |needed: bool, which: &str| if needed { which.to_string() } else { format!("{which}?") };
    let directions = [direction(traits.deserialize, "deserialize"), direction(traits.serialize, "serialize")];
    let default = if traits.default { "    #[derive(Default)]\n" } else { "" };
    let mut out = format!("crate::runtime::object! {{\n{docs}{default}    {name} ({}) {{\n", directions.join(", "));
    for f in fields {
        out.push_str(&field(f));
    }
    out.push_str("    }\n}\n");
    out
}

/// `/// docs` and `name: Type = "wire" kind,`: as the struct declares it, an
/// optional field is an `Option` that is left out when `None`; a required
/// nullable one is always written.
fn field(f: &Field) -> String {
    let Field { name, docs, ty, required, boxed: _ } = f;
    let fallback = fallback::property(&name.wire);
    let docs = doc_comments([docs.as_deref().or(Some(&fallback))], "        ");
    let kind = match (required, matches!(ty, TypeRef::Nullable(_))) {
        (false, _) => "opt",
        (true, true) => "nul",
        (true, false) => "req",
    };
    let declared = signature::field(f).code(Scope::Types);
    format!("{docs}        {}: {declared} = {} {kind},\n", name.rust, Literal::string(&name.wire))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::naming::Name;

    #[test]
    fn one_line_per_field_with_its_kind() {
        let field = |rust: &str, wire: &str, ty: TypeRef, required: bool| Field {
            name: Name { rust: rust.into(), wire: wire.into() },
            docs: Some("Docs.".into()),
            ty,
            required,
            boxed: false,
        };
        let fields = vec![
            field("percent_complete", "percentComplete", TypeRef::Number, false),
            field("url", "url", TypeRef::String, true),
            field("note", "note", TypeRef::Nullable(Box::new(TypeRef::String)), true),
        ];
        let traits = Traits { default: true, serialize: false, deserialize: true };
        assert_eq!(
            struct_def("Download", "    /// A download.\n", &Struct { fields }, &traits),
            "crate::runtime::object! {\n    /// A download.\n    #[derive(Default)]\n    Download (deserialize, serialize?) {\n        /// Docs.\n        percent_complete: Option<f64> = \"percentComplete\" opt,\n        /// Docs.\n        url: String = \"url\" req,\n        /// Docs.\n        note: Option<String> = \"note\" nul,\n    }\n}\n"
        );
    }
}
