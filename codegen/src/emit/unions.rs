//! Untagged enums for `oneOf` / `anyOf`.

use super::type_ref::{boxed_tokens, type_tokens, Scope};
use crate::model::Variant;
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

pub fn union_def(ident: &Ident, docs: TokenStream, variants: &[Variant]) -> TokenStream {
    let variants = variants.iter().map(|v| {
        let Variant { name, ty, boxed } = v;
        let name = format_ident!("{}", name);
        let ty = if *boxed { boxed_tokens(ty, Scope::Types) } else { type_tokens(ty, Scope::Types) };
        quote!(#name(#ty),)
    });
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
        #[serde(untagged)]
        pub enum #ident {
            #(#variants)*
        }
    }
}
