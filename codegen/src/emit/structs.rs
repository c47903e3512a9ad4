//! Structs for object schemas: one call of the runtime's `object!` macro
//! each, which declares the struct and implements serde's traits for it
//! (each only in the direction the model decided it needs, the other
//! behind its crate feature). Laid out by [`super::compact`]: prettyplease
//! cannot lay out a macro's input.

use super::docs::{doc_attrs, fallback};
use super::gates;
use super::serde_derives::gate;
use super::signature::{self, Scope};
use crate::model::{Field, Struct, Traits, TypeRef};
use proc_macro2::{Delimiter, Group, Ident, Literal, TokenStream};
use quote::{format_ident, quote, ToTokens};

/// `docs` is the struct's doc attributes (see `docs::doc_attrs`).
pub fn struct_def(name: &Ident, docs: TokenStream, s: &Struct, traits: &Traits) -> TokenStream {
    let Struct { fields } = s;
    // A direction the model does not need is behind its crate feature.
    let direction = |needed: bool, which: &str| gate(needed, which, format_ident!("{}", which).into_token_stream());
    let directions = [direction(traits.deserialize, "deserialize"), direction(traits.serialize, "serialize")];
    let default = gates::derive_default(traits);
    let fields = braced(fields.iter().map(field));
    quote! {
        crate::runtime::object! {
            #docs
            #default #name (#(#directions),*) #fields
        }
    }
}

/// `{ entries }`, the entries moved in: interpolated, quote! would copy
/// every token of every field.
pub(super) fn braced(entries: impl Iterator<Item = TokenStream>) -> Group {
    let mut body = TokenStream::new();
    body.extend(entries);
    Group::new(Delimiter::Brace, body)
}

/// `impl Name { pub fn new(required fields…) }` for a struct requests carry
/// that has required fields ([`Traits::constructor`]): the optional and
/// nullable fields start as `None`. A `String` is taken as
/// `impl Into<String>` and a boxed value unboxed, so callers write
/// `NewPet::new("Rex")`. One line per part, to keep large APIs small.
pub fn constructor(name: &Ident, s: &Struct, traits: &Traits) -> Option<TokenStream> {
    if !traits.constructor {
        return None;
    }
    let Struct { fields } = s;
    let mut args = Vec::new();
    let mut values = Vec::new();
    for f in fields {
        let rust = format_ident!("{}", f.name.rust);
        if !f.constructor_arg() {
            values.push(quote!(#rust: None));
            continue;
        }
        let (arg, into) = signature::constructor_arg(signature::of(&f.ty));
        let value = match (into, f.boxed) {
            (true, _) => quote!(#rust: #rust.into()),
            (false, true) => quote!(#rust: Box::new(#rust)),
            (false, false) => quote!(#rust),
        };
        let arg = arg.tokens(Scope::Types);
        args.push(quote!(#rust: #arg));
        values.push(value);
    }
    let doc = format!(" `{name}` with its required fields; the others start as `None`.");
    Some(quote! {
        impl #name {
            #[doc = #doc]
            pub fn new(#(#args),*) -> Self {
                Self { #(#values),* }
            }
        }
    })
}

/// `/// docs` and `name: Type = "wire" kind,`: as the struct declares it, an
/// optional field is an `Option` that is left out when `None`; a required
/// nullable one is always written.
fn field(f: &Field) -> TokenStream {
    let Field { name, docs, ty, required, boxed: _ } = f;
    let fallback = fallback::property(&name.wire);
    let docs = doc_attrs([docs.as_deref().or(Some(&fallback))]);
    let kind = match (required, matches!(ty, TypeRef::Nullable(_))) {
        (false, _) => "opt",
        (true, true) => "nul",
        (true, false) => "req",
    };
    let kind = Ident::new(kind, proc_macro2::Span::call_site());
    let rust = format_ident!("{}", name.rust);
    let declared = signature::field(f).tokens(Scope::Types);
    let wire = Literal::string(&name.wire);
    quote! {
        #docs
        #rust: #declared = #wire #kind,
    }
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
        let name = format_ident!("Download");
        let text = |tokens: Option<TokenStream>| tokens.map(super::super::compact::items);
        assert_eq!(text(constructor(&name, &Struct { fields: fields.clone() }, &traits)), None);
        let sent = Traits { constructor: true, serialize: true, ..traits };
        assert_eq!(
            text(constructor(&name, &Struct { fields: fields.clone() }, &sent)).as_deref(),
            Some("impl Download {\n    /// `Download` with its required fields; the others start as `None`.\n    pub fn new(url: impl Into<String>) -> Self {\n        Self { percent_complete: None, url: url.into(), note: None }\n    }\n}\n")
        );
        assert_eq!(
            text(Some(struct_def(&name, doc_attrs([Some("A download.")]), &Struct { fields }, &traits))).unwrap(),
            "crate::runtime::object! {\n    /// A download.\n    #[derive(Default)] Download (deserialize, #[cfg(feature = \"serialize\")] serialize) {\n        /// Docs.\n        percent_complete: Option<f64> = \"percentComplete\" opt,\n        /// Docs.\n        url: String = \"url\" req,\n        /// Docs.\n        note: Option<String> = \"note\" nul,\n    }\n}\n"
        );
    }
}
