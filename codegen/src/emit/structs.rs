//! Structs for object schemas.

use super::docs::{doc_attrs, fallback};
use super::serde_derives::SerdeDerives;
use super::signature::{self, Scope};
use crate::model::{Field, Struct, Traits, TypeRef};
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

pub fn struct_def(ident: &Ident, docs: TokenStream, s: &Struct, traits: &Traits) -> TokenStream {
    let Struct { fields } = s;
    let default = traits.default.then(|| quote!(Default,));
    let SerdeDerives { derives, optional } = SerdeDerives::of(traits);
    let fields = fields.iter().map(field);
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, #default #derives)]
        #optional
        pub struct #ident {
            #(#fields)*
        }
    }
}

fn field(f: &Field) -> TokenStream {
    let Field { name, docs, ty, required, boxed: _ } = f;
    let ident = format_ident!("{}", name.rust);
    let fallback = fallback::property(&name.wire);
    let docs = doc_attrs([docs.as_deref().or(Some(&fallback))]);
    let declared = signature::field(f).tokens(Scope::Types);
    let nullable = matches!(ty, TypeRef::Nullable(_));
    let mut serde_args = Vec::new();
    if name.differs() {
        let wire = &name.wire;
        serde_args.push(quote!(rename = #wire));
    }
    // Optional fields tolerate absence and are left out when unset; a
    // required nullable field tolerates absence but is always written.
    if !*required {
        serde_args.push(quote!(default));
        serde_args.push(quote!(skip_serializing_if = "Option::is_none"));
    } else if nullable {
        serde_args.push(quote!(default));
    }
    let serde = (!serde_args.is_empty()).then(|| quote!(#[serde(#(#serde_args),*)]));
    quote! {
        #docs
        #serde
        pub #ident: #declared,
    }
}
