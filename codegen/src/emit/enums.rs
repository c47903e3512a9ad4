//! Enums for `enum` schemas. Every enum has an `Unknown` variant so that a
//! value added to the API later does not fail the whole response.

use crate::naming::Name;
use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

pub fn string_enum(ident: &Ident, docs: TokenStream, variants: &[Name]) -> TokenStream {
    let idents: Vec<Ident> = variants.iter().map(|v| format_ident!("{}", v.rust)).collect();
    let wires: Vec<&str> = variants.iter().map(|v| v.wire.as_str()).collect();
    let variant_docs = wires.iter().map(|w| {
        let text = format!(" `{w}`");
        quote!(#[doc = #text])
    });
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(from = "String", into = "String")]
        pub enum #ident {
            #(#variant_docs #idents,)*
            /// A value this client does not know yet.
            Unknown(String),
        }

        impl #ident {
            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(Self::#idents => #wires,)*
                    Self::Unknown(value) => value,
                }
            }
        }

        impl From<String> for #ident {
            fn from(value: String) -> Self {
                match value.as_str() {
                    #(#wires => Self::#idents,)*
                    _ => Self::Unknown(value),
                }
            }
        }

        impl From<&str> for #ident {
            fn from(value: &str) -> Self {
                Self::from(value.to_owned())
            }
        }

        impl From<#ident> for String {
            fn from(value: #ident) -> Self {
                match value {
                    #ident::Unknown(value) => value,
                    known => known.as_str().to_owned(),
                }
            }
        }

        impl ::std::fmt::Display for #ident {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    }
}

pub fn int_enum(ident: &Ident, docs: TokenStream, variants: &[(String, i64)]) -> TokenStream {
    let idents: Vec<Ident> = variants.iter().map(|(n, _)| format_ident!("{}", n)).collect();
    let variant_docs = variants.iter().map(|(_, v)| {
        let text = format!(" `{v}`");
        quote!(#[doc = #text])
    });
    // A negative literal is a `-` token followed by the magnitude.
    let patterns: Vec<TokenStream> = variants
        .iter()
        .map(|(_, v)| {
            let magnitude = Literal::u64_unsuffixed(v.unsigned_abs());
            if *v < 0 {
                quote!(-#magnitude)
            } else {
                quote!(#magnitude)
            }
        })
        .collect();
    quote! {
        #docs
        // Two lists, so that each fits on one line.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[derive(Serialize, Deserialize)]
        #[serde(from = "i64", into = "i64")]
        pub enum #ident {
            #(#variant_docs #idents,)*
            /// A value this client does not know yet.
            Unknown(i64),
        }

        impl #ident {
            /// The value as sent on the wire.
            pub fn value(self) -> i64 {
                match self {
                    #(Self::#idents => #patterns,)*
                    Self::Unknown(value) => value,
                }
            }
        }

        impl From<i64> for #ident {
            fn from(value: i64) -> Self {
                match value {
                    #(#patterns => Self::#idents,)*
                    _ => Self::Unknown(value),
                }
            }
        }

        impl From<#ident> for i64 {
            fn from(value: #ident) -> Self {
                value.value()
            }
        }

        impl ::std::fmt::Display for #ident {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                write!(f, "{}", self.value())
            }
        }
    }
}
