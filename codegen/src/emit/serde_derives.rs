//! Which serde traits a model type implements: the directions the model
//! decided it needs ([`Traits`]), and the others behind the generated
//! crate's `serialize` / `deserialize` features, for users who want to
//! write responses back out or read requests in.

use crate::model::Traits;
use proc_macro2::TokenStream;
use quote::quote;

/// Serde derives of one type.
pub struct SerdeDerives {
    /// For the `derive` list: the directions the type needs.
    pub derives: TokenStream,
    /// `cfg_attr` attributes deriving the others under their feature.
    pub optional: TokenStream,
}

impl SerdeDerives {
    /// The derives for a type with `traits`.
    pub fn of(traits: &Traits) -> Self {
        let mut derives = Vec::new();
        let mut optional = Vec::new();
        let both = [
            (traits.serialize, quote!(Serialize), "serialize"),
            (traits.deserialize, quote!(Deserialize), "deserialize"),
        ];
        for (needed, derive, feature) in both {
            if needed {
                derives.push(derive);
            } else {
                optional.push(quote!(#[cfg_attr(feature = #feature, derive(#derive))]));
            }
        }
        SerdeDerives { derives: quote!(#(#derives),*), optional: quote!(#(#optional)*) }
    }
}

/// `item` as it is when `needed`, else only with `feature` on.
pub fn gate(needed: bool, feature: &str, item: TokenStream) -> TokenStream {
    if needed {
        item
    } else {
        quote! {
            #[cfg(feature = #feature)]
            #item
        }
    }
}
