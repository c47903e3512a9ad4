//! Structs for object schemas: the struct, and one call of the runtime's
//! `object!` macro for its serde impls (each only in the direction the
//! model decided it needs, the other behind its crate feature). Written as
//! text: prettyplease cannot lay out a macro's input.

use super::docs::{doc_attrs, fallback};
use super::signature::{self, Scope};
use super::Item;
use crate::model::{Field, Struct, Traits, TypeRef};
use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

pub fn struct_def(ident: &Ident, docs: TokenStream, cfg: &str, s: &Struct, traits: &Traits) -> Vec<Item> {
    let Struct { fields } = s;
    let default = traits.default.then(|| quote!(, Default));
    let declared = fields.iter().map(field);
    let declaration = quote! {
        #docs
        #[derive(Debug, Clone #default)]
        pub struct #ident {
            #(#declared)*
        }
    };
    vec![Item::Tokens(declaration), Item::Text(format!("{cfg}{}", serde_impls(&ident.to_string(), fields, traits)))]
}

fn field(f: &Field) -> TokenStream {
    let Field { name, docs, ty: _, required: _, boxed: _ } = f;
    let ident = format_ident!("{}", name.rust);
    let fallback = fallback::property(&name.wire);
    let docs = doc_attrs([docs.as_deref().or(Some(&fallback))]);
    let declared = signature::field(f).tokens(Scope::Types);
    quote! {
        #docs
        pub #ident: #declared,
    }
}

/// `crate::runtime::object!(Name (directions) { field = "wire" kind, … });`.
fn serde_impls(name: &str, fields: &[Field], traits: &Traits) -> String {
    let direction = |needed: bool, which: &str| if needed { which.to_string() } else { format!("{which}?") };
    let directions = [direction(traits.deserialize, "deserialize"), direction(traits.serialize, "serialize")];
    let mut out = format!("crate::runtime::object!({name} ({}) {{\n", directions.join(", "));
    for Field { name, docs: _, ty, required, boxed: _ } in fields {
        // As the struct declares it: an optional field is an `Option` that
        // is left out when `None`; a required nullable one is always written.
        let kind = match (required, matches!(ty, TypeRef::Nullable(_))) {
            (false, _) => "opt",
            (true, true) => "nul",
            (true, false) => "req",
        };
        out.push_str(&format!("    {} = {} {kind},\n", name.rust, Literal::string(&name.wire)));
    }
    out.push_str("});\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::naming::Name;

    #[test]
    fn one_line_per_field_with_its_kind() {
        let field = |rust: &str, wire: &str, ty: TypeRef, required: bool| Field {
            name: Name { rust: rust.into(), wire: wire.into() },
            docs: None,
            ty,
            required,
            boxed: false,
        };
        let fields = [
            field("percent_complete", "percentComplete", TypeRef::Number, false),
            field("url", "url", TypeRef::String, true),
            field("note", "note", TypeRef::Nullable(Box::new(TypeRef::String)), true),
        ];
        let traits = Traits { default: false, serialize: false, deserialize: true };
        assert_eq!(
            serde_impls("Download", &fields, &traits),
            "crate::runtime::object!(Download (deserialize, serialize?) {\n    percent_complete = \"percentComplete\" opt,\n    url = \"url\" req,\n    note = \"note\" nul,\n});\n"
        );
    }
}
