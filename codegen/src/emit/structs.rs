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
    // On the name's line: 5,000 fewer lines on Cloudflare's API, same code.
    let default = match (traits.default, traits.default_feature) {
        (false, _) => "",
        (true, false) => "#[derive(Default)] ",
        (true, true) => "#[cfg_attr(feature = \"defaults\", derive(Default))] ",
    };
    let mut out = format!("crate::runtime::object! {{\n{docs}    {default}{name} ({}) {{\n", directions.join(", "));
    for f in fields {
        out.push_str(&field(f));
    }
    out.push_str("    }\n}\n");
    out
}

/// `impl Name { pub fn new(required fields…) }` for a struct requests carry
/// that has required fields ([`Traits::constructor`]): the optional and
/// nullable fields start as `None`. A `String` is taken as
/// `impl Into<String>` and a boxed value unboxed, so callers write
/// `NewPet::new("Rex")`. One line per part, to keep large APIs small.
pub fn constructor(name: &str, s: &Struct, traits: &Traits) -> Option<String> {
    if !traits.constructor {
        return None;
    }
    let Struct { fields } = s;
    let mut args = Vec::new();
    let mut values = Vec::new();
    for f in fields {
        let rust = &f.name.rust;
        if !f.constructor_arg() {
            values.push(format!("{rust}: None"));
            continue;
        }
        let (arg, into) = signature::constructor_arg(signature::of(&f.ty));
        let value = match (into, f.boxed) {
            (true, _) => format!("{rust}: {rust}.into()"),
            (false, true) => format!("{rust}: Box::new({rust})"),
            (false, false) => rust.clone(),
        };
        args.push(format!("{rust}: {}", arg.code(Scope::Types)));
        values.push(value);
    }
    let doc = format!("`{name}` with its required fields; the others start as `None`.");
    let (args, values) = (args.join(", "), values.join(", "));
    Some(format!(
        "impl {name} {{\n    /// {doc}\n    pub fn new({args}) -> Self {{\n        Self {{ {values} }}\n    }}\n}}\n"
    ))
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
        let traits = Traits { default: true, serialize: false, deserialize: true, ..Traits::default() };
        assert_eq!(constructor("Download", &Struct { fields: fields.clone() }, &traits), None);
        let sent = Traits { constructor: true, serialize: true, ..traits };
        assert_eq!(
            constructor("Download", &Struct { fields: fields.clone() }, &sent).as_deref(),
            Some("impl Download {\n    /// `Download` with its required fields; the others start as `None`.\n    pub fn new(url: impl Into<String>) -> Self {\n        Self { percent_complete: None, url: url.into(), note: None }\n    }\n}\n")
        );
        assert_eq!(
            struct_def("Download", "    /// A download.\n", &Struct { fields }, &traits),
            "crate::runtime::object! {\n    /// A download.\n    #[derive(Default)] Download (deserialize, serialize?) {\n        /// Docs.\n        percent_complete: Option<f64> = \"percentComplete\" opt,\n        /// Docs.\n        url: String = \"url\" req,\n        /// Docs.\n        note: Option<String> = \"note\" nul,\n    }\n}\n"
        );
    }
}
