//! Rust spellings of [`TypeRef`]s.

use crate::model::{IntWidth, TypeRef};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// Where the tokens are used: inside the `types` module or outside it.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Types,
    Outside,
}

pub fn type_tokens(ty: &TypeRef, scope: Scope) -> TokenStream {
    match ty {
        TypeRef::Named(name) => {
            let ident = format_ident!("{}", name);
            match scope {
                Scope::Types => quote!(#ident),
                Scope::Outside => quote!(types::#ident),
            }
        }
        TypeRef::String => quote!(String),
        TypeRef::Integer(width) => int_tokens(*width),
        TypeRef::Number => quote!(f64),
        TypeRef::Boolean => quote!(bool),
        TypeRef::Json => quote!(::serde_json::Value),
        TypeRef::Vec(inner) => {
            let inner = type_tokens(inner, scope);
            quote!(Vec<#inner>)
        }
        TypeRef::Map(inner) => {
            let inner = type_tokens(inner, scope);
            quote!(::std::collections::BTreeMap<String, #inner>)
        }
        TypeRef::Nullable(inner) => {
            let inner = type_tokens(inner, scope);
            quote!(Option<#inner>)
        }
    }
}

/// `Box` around the type inside any `Option`, so a boxed optional field is
/// `Option<Box<T>>`.
pub fn boxed_tokens(ty: &TypeRef, scope: Scope) -> TokenStream {
    match ty {
        TypeRef::Nullable(inner) => {
            let inner = boxed_tokens(inner, scope);
            quote!(Option<#inner>)
        }
        other => {
            let inner = type_tokens(other, scope);
            quote!(Box<#inner>)
        }
    }
}

fn int_tokens(width: IntWidth) -> TokenStream {
    match width {
        IntWidth::I8 => quote!(i8),
        IntWidth::I16 => quote!(i16),
        IntWidth::I32 => quote!(i32),
        IntWidth::I64 => quote!(i64),
        IntWidth::U8 => quote!(u8),
        IntWidth::U16 => quote!(u16),
        IntWidth::U32 => quote!(u32),
        IntWidth::U64 => quote!(u64),
    }
}
