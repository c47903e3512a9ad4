//! Enums for `oneOf` / `anyOf`. Untagged unions try each variant in order.
//! Tagged unions read the tag property first and decode only the variant
//! it selects, so an error names the real problem; an unknown tag is kept
//! as the catch-all's JSON value. Both serialise the variant as it is (its
//! struct carries the tag property itself). Unions are `#[non_exhaustive]`
//! like every generated enum, so that a variant the API adds is not a
//! breaking change.

use super::gates;
use super::serde_derives::{gate, SerdeDerives};
use super::signature::{self, Scope};
use crate::model::{Tag, Traits, Variant};
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

/// `cfg` gates the union's impls like the union (the caller puts it on the
/// union itself).
pub fn union_def(
    ident: &Ident,
    docs: TokenStream,
    variants: &[Variant],
    traits: &Traits,
    cfg: &TokenStream,
) -> TokenStream {
    let property = variants.iter().find_map(|v| v.tag.as_ref().map(|t| t.property.as_str()));
    let cases = variants.iter().map(|v| {
        let Variant { name, ty: _, boxed: _, tag } = v;
        let name = format_ident!("{}", name);
        let payload = signature::variant(v);
        let ty = payload.tokens(Scope::Types);
        let doc = match tag {
            Some(Tag { property, values }) => {
                let shown: Vec<String> = values.iter().map(|v| format!("`{v}`")).collect();
                format!(" `{property}` is {}.", shown.join(" or "))
            }
            None if property.is_some() => " Any other value, as JSON.".to_string(),
            None => format!(" A value of type `{payload}`."),
        };
        let doc = super::docs::literal(&doc);
        let doc = quote!(#[doc = #doc]);
        quote!(#doc #name(#ty),)
    });
    let default = default_impl(ident, variants, traits).map(|d| quote!(#cfg #d));
    let Some(property) = property else {
        let SerdeDerives { derives, optional } = SerdeDerives::of(traits);
        return quote! {
            #docs
            #[derive(Debug, Clone, #derives)]
            #optional
            #[serde(untagged)]
            #[non_exhaustive]
            pub enum #ident {
                #(#cases)*
            }
            #default
        };
    };
    // Tagged unions carry no serde attributes: both impls are written out,
    // each only where the union needs it.
    let serialize = gate(traits.serialize, "serialize", tagged_serialize(ident, variants));
    let deserialize = gate(traits.deserialize, "deserialize", tagged_deserialize(ident, property, variants));
    quote! {
        #docs
        #[derive(Debug, Clone)]
        #[non_exhaustive]
        pub enum #ident {
            #(#cases)*
        }
        #default
        #cfg
        #serialize
        #cfg
        #deserialize
    }
}

/// `Default` builds the variant the model chose ([`Traits::default_variant`])
/// with that variant's own default; nothing when the union has none.
fn default_impl(ident: &Ident, variants: &[Variant], traits: &Traits) -> Option<TokenStream> {
    let variant = &variants[traits.default_variant.filter(|_| traits.default)?];
    let name = format_ident!("{}", variant.name);
    let doc = format!(" `{}` with its default value.", variant.name);
    let gate = gates::default_impl_cfg(traits);
    Some(quote! {
        #gate
        impl Default for #ident {
            #[doc = #doc]
            fn default() -> Self {
                Self::#name(Default::default())
            }
        }
    })
}

/// Each variant as it is: its struct carries the tag property itself.
fn tagged_serialize(ident: &Ident, variants: &[Variant]) -> TokenStream {
    let names = variants.iter().map(|v| format_ident!("{}", v.name));
    quote! {
        impl Serialize for #ident {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    #(Self::#names(value) => value.serialize(serializer),)*
                }
            }
        }
    }
}

fn tagged_deserialize(ident: &Ident, property: &str, variants: &[Variant]) -> TokenStream {
    let mut arms = Vec::new();
    let mut fallback = quote!(_ => Ok(Self::Unknown(value)),);
    for Variant { name, ty: _, boxed, tag } in variants {
        let name = format_ident!("{}", name);
        match tag {
            Some(Tag { property: _, values }) => {
                let build = if *boxed { quote!(|v| Self::#name(Box::new(v))) } else { quote!(Self::#name) };
                arms.push(quote!(Some(#(#values)|*) => ::serde_json::from_value(value).map(#build),));
            }
            None => fallback = quote!(_ => Ok(Self::#name(value)),),
        }
    }
    quote! {
        impl<'de> Deserialize<'de> for #ident {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = ::serde_json::Value::deserialize(deserializer)?;
                let tag = value.get(#property).and_then(::serde_json::Value::as_str);
                match tag {
                    #(#arms)*
                    #fallback
                }
                .map_err(::serde::de::Error::custom)
            }
        }
    }
}
