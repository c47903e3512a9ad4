//! Structs for object schemas.

use super::docs::doc_attrs;
use super::type_ref::{boxed_tokens, type_tokens, Scope};
use crate::model::{Field, Struct, TypeRef};
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

pub fn struct_def(ident: &Ident, docs: TokenStream, s: &Struct) -> TokenStream {
    let Struct { fields } = s;
    let all_optional = fields.iter().all(|f| !f.required || matches!(f.ty, TypeRef::Nullable(_)));
    let default = all_optional.then(|| quote!(Default,));
    let fields = fields.iter().map(field);
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, #default ::serde::Serialize, ::serde::Deserialize)]
        pub struct #ident {
            #(#fields)*
        }
    }
}

fn field(f: &Field) -> TokenStream {
    let Field { name, docs, ty, required, boxed } = f;
    let ident = format_ident!("{}", name.rust);
    let docs = doc_attrs([docs.as_deref()]);
    let inner = if *boxed { boxed_tokens(ty, Scope::Types) } else { type_tokens(ty, Scope::Types) };
    let nullable = matches!(ty, TypeRef::Nullable(_));
    let mut serde_args = Vec::new();
    if name.differs() {
        let wire = &name.wire;
        serde_args.push(quote!(rename = #wire));
    }
    // Optional fields tolerate absence and are left out when unset; a
    // required nullable field tolerates absence but is always written.
    let ty = if *required {
        if nullable {
            serde_args.push(quote!(default));
        }
        inner
    } else {
        serde_args.push(quote!(default));
        serde_args.push(quote!(skip_serializing_if = "Option::is_none"));
        if nullable {
            inner
        } else {
            quote!(Option<#inner>)
        }
    };
    let serde = (!serde_args.is_empty()).then(|| quote!(#[serde(#(#serde_args),*)]));
    quote! {
        #docs
        #serde
        pub #ident: #ty,
    }
}
