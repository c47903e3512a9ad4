//! Enums for `enum` schemas: one call of the runtime's `string_enum!` or
//! `int_enum!` macro each, listing the values. The macros write the enum
//! with its `Unknown` variant (so that a value added to the API later does
//! not fail the whole response) and its impls once, in the runtime, instead
//! of in every enum. Laid out by [`super::compact`]: prettyplease cannot
//! lay out a macro's input.

use super::{gates, structs};
use crate::model::Traits;
use crate::naming::Name;
use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

/// `docs` is the enum's doc attributes (see `docs::doc_attrs`); the first
/// value is the `Default` when the type has one ([`Traits::default`],
/// decided where a struct's or union's `Default` needs it).
pub fn string_enum(name: &Ident, docs: TokenStream, variants: &[Name], traits: &Traits) -> TokenStream {
    let values = variants.iter().map(|v| (v.rust.as_str(), Literal::string(&v.wire)));
    call(quote!(string_enum), name, docs, values, traits)
}

pub fn int_enum(name: &Ident, docs: TokenStream, variants: &[(String, i64)], traits: &Traits) -> TokenStream {
    call(quote!(int_enum), name, docs, variants.iter().map(|(n, v)| (n.as_str(), Literal::i64_unsuffixed(*v))), traits)
}

fn call<'v>(
    macro_name: TokenStream,
    name: &Ident,
    docs: TokenStream,
    values: impl Iterator<Item = (&'v str, Literal)>,
    traits: &Traits,
) -> TokenStream {
    let mut values = values.map(|(variant, value)| (format_ident!("{}", variant), value));
    let derive = gates::derive_default(traits);
    let first = match (&derive, values.next()) {
        (Some(derive), Some((variant, value))) => {
            let doc = format!(" `Default` is `{variant}`, the first value the API lists.");
            let mark = gates::default_value(traits);
            Some((quote!(#[doc = #doc] #derive), quote!(#mark #variant = #value,)))
        }
        (None, Some((variant, value))) => Some((TokenStream::new(), quote!(#variant = #value,))),
        (_, None) => None,
    };
    let (derive, first) = first.unzip();
    let values = structs::braced(first.into_iter().chain(values.map(|(variant, value)| quote!(#variant = #value,))));
    quote! {
        crate::runtime::#macro_name! {
            #docs
            #derive
            #name #values
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_per_value() {
        let names =
            [Name { rust: "Ready".into(), wire: "ready".into() }, Name { rust: "Q".into(), wire: "\"q\"".into() }];
        let plain = Traits::default();
        let text = super::super::compact::items;
        let docs = || super::super::docs::doc_attrs([Some("Docs.")]);
        let (status, level) = (format_ident!("Status"), format_ident!("Level"));
        assert_eq!(
            text(string_enum(&status, docs(), &names, &plain)),
            "crate::runtime::string_enum! {\n    /// Docs.\n    Status {\n        Ready = \"ready\",\n        Q = \"\\\"q\\\"\",\n    }\n}\n"
        );
        assert!(text(int_enum(&level, docs(), &[("VMinus1".into(), -1)], &plain)).contains("        VMinus1 = -1,\n"));
        let default = Traits { default: true, default_feature: true, ..plain };
        assert_eq!(
            text(int_enum(&level, TokenStream::new(), &[("V1".into(), 1), ("V2".into(), 2)], &default)),
            "crate::runtime::int_enum! {\n    /// `Default` is `V1`, the first value the API lists.\n    #[cfg_attr(feature = \"defaults\", derive(Default))]\n    Level {\n        #[cfg_attr(feature = \"defaults\", default)] V1 = 1,\n        V2 = 2,\n    }\n}\n"
        );
    }
}
