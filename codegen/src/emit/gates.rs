//! Feature gates of generated items: a `#[cfg]` attribute and a line in
//! the item's docs saying which feature it needs (rustdoc's `doc(cfg)` is
//! not stable).

use crate::model::Traits;
use proc_macro2::TokenStream;
use quote::quote;

/// `#[cfg(...)]` compiling an item when any of `features` is on; nothing
/// for an item that always compiles.
pub fn cfg(features: &[String]) -> TokenStream {
    match features {
        [] => TokenStream::new(),
        [one] => quote!(#[cfg(feature = #one)]),
        many => quote!(#[cfg(any(#(feature = #many),*))]),
    }
}

/// The crate feature that builds the `Default`s only tests need
/// ([`Traits::default_feature`]).
const DEFAULTS: &str = "defaults";

/// How a type with `traits` gets `Default`: the derive attribute, always
/// or behind the `defaults` feature; nothing when it has none.
pub fn derive_default(traits: &Traits) -> Option<TokenStream> {
    match (traits.default, traits.default_feature) {
        (false, _) => None,
        (true, false) => Some(quote!(#[derive(Default)])),
        (true, true) => Some(quote!(#[cfg_attr(feature = #DEFAULTS, derive(Default))])),
    }
}

/// The mark of the enum value [`derive_default`] makes the default.
pub fn default_value(traits: &Traits) -> TokenStream {
    if traits.default_feature {
        quote!(#[cfg_attr(feature = #DEFAULTS, default)])
    } else {
        quote!(#[default])
    }
}

/// The `#[cfg]` of a written `impl Default` (see [`derive_default`]).
pub fn default_impl_cfg(traits: &Traits) -> Option<TokenStream> {
    traits.default_feature.then(|| quote!(#[cfg(feature = #DEFAULTS)]))
}

/// `docs` with the line naming the feature(s) an item needs added to its
/// last paragraph (a paragraph of its own would cost a line per item).
pub fn with_doc_line(docs: &str, features: &[String]) -> String {
    match doc_line(features) {
        Some(line) => format!("{}\n{line}", docs.trim_end()),
        None => docs.to_string(),
    }
}

/// [`doc_line`] as a `#[doc]` attribute, for items whose other docs are
/// attributes of their own.
pub fn doc_line_attr(features: &[String]) -> Option<TokenStream> {
    doc_line(features).map(|line| {
        let line = super::docs::literal(&format!(" {line}"));
        quote::quote!(#[doc = #line])
    })
}

/// The docs line naming the feature(s) an item needs.
pub fn doc_line(features: &[String]) -> Option<String> {
    let quoted: Vec<String> = features.iter().map(|f| format!("`{f}`")).collect();
    match quoted.as_slice() {
        [] => None,
        [one] => Some(format!("Needs the {one} feature.")),
        many => Some(format!("Needs one of the features {}.", many.join(", "))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gates_read_alike_in_code_and_docs() {
        let two = ["dns".to_string(), "zones".to_string()];
        assert_eq!(cfg(&two).to_string(), "# [cfg (any (feature = \"dns\" , feature = \"zones\"))]");
        assert_eq!(cfg(&two[..1]).to_string(), "# [cfg (feature = \"dns\")]");
        assert_eq!(doc_line(&two).as_deref(), Some("Needs one of the features `dns`, `zones`."));
        assert!(cfg(&[]).is_empty() && doc_line(&[]).is_none());
    }

    #[test]
    fn defaults_behind_the_feature_only_when_the_model_says() {
        let none = Traits::default();
        let always = Traits { default: true, ..none };
        let gated = Traits { default_feature: true, ..always };
        assert!(derive_default(&none).is_none() && default_impl_cfg(&always).is_none());
        assert_eq!(derive_default(&always).map(|t| t.to_string()).as_deref(), Some("# [derive (Default)]"));
        let derive = derive_default(&gated).map(|t| t.to_string());
        assert_eq!(derive.as_deref(), Some("# [cfg_attr (feature = \"defaults\" , derive (Default))]"));
        assert_eq!(default_value(&always).to_string(), "# [default]");
        assert!(default_value(&gated).to_string().contains("\"defaults\""));
    }
}
