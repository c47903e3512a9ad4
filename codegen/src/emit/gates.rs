//! Feature gates of generated items: a `#[cfg]` attribute and a line in
//! the item's docs saying which feature it needs (rustdoc's `doc(cfg)` is
//! not stable).

use proc_macro2::TokenStream;

/// `#[cfg(...)]` compiling an item when any of `features` is on; nothing
/// for an item that always compiles. ([`cfg_text`] parsed, so the two
/// agree.)
pub fn cfg(features: &[String]) -> TokenStream {
    cfg_text(features).parse().expect("a cfg attribute is valid Rust")
}

/// The `#[cfg(...)]` line of an item (see [`cfg`]), as source text.
pub fn cfg_text(features: &[String]) -> String {
    let quoted: Vec<String> = features.iter().map(|f| format!("feature = {f:?}")).collect();
    match quoted.as_slice() {
        [] => String::new(),
        [one] => format!("#[cfg({one})]\n"),
        many => format!("#[cfg(any({}))]\n", many.join(", ")),
    }
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
        let line = format!(" {line}");
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
        assert_eq!(cfg_text(&two), "#[cfg(any(feature = \"dns\", feature = \"zones\"))]\n");
        assert_eq!(doc_line(&two).as_deref(), Some("Needs one of the features `dns`, `zones`."));
        assert!(cfg(&[]).is_empty() && cfg_text(&[]).is_empty() && doc_line(&[]).is_none());
    }
}
