//! Items that prettyplease writes as one line per attribute and one for
//! the item (type aliases, thousands of them in a large API), written
//! here as that same text without the `syn` round trip.
//!
//! prettyplease keeps a block on one line when it fits in the space left
//! on the line, out of a margin of 89 bytes; a line no longer than that
//! has every block on it fitting, so it is written whole. An item with a
//! longer line, a doc attribute prettyplease writes otherwise than as a
//! `///` line, or a token this layout does not know goes to prettyplease.

use super::compact::{doc_text, Line};
use proc_macro2::{Delimiter, TokenStream, TokenTree};

/// prettyplease's margin, in bytes.
const MARGIN: usize = 89;

/// The text prettyplease writes for `item` (outer attributes and one
/// item, at the top level of a file), when it is written here.
pub fn item(item: &TokenStream) -> Option<String> {
    let mut out = String::new();
    let mut line = Line::default();
    let mut tokens = item.clone().into_iter().peekable();
    while let Some(tt) = tokens.next() {
        if !plain(&tt) {
            return None;
        }
        let is_attr = matches!(&tt, TokenTree::Punct(p) if p.as_char() == '#')
            && matches!(tokens.peek(), Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Bracket);
        if !is_attr {
            line.push(tt, false);
            continue;
        }
        let attr = tokens.next()?;
        if let Some(doc) = doc_text(&attr) {
            // prettyplease's `///` line: other docs become block comments.
            if doc.contains('\n') || doc.starts_with('/') {
                return None;
            }
            out.push_str("///");
            out.push_str(doc.trim_end_matches(' '));
            out.push('\n');
            continue;
        }
        if !plain(&attr) {
            return None;
        }
        line.push(tt, false);
        line.push(attr, false);
        end(&mut line, &mut out)?;
    }
    end(&mut line, &mut out)?;
    Some(out)
}

/// Ends the line, if it fits in the margin.
fn end(line: &mut Line, out: &mut String) -> Option<()> {
    if line.text.len() > MARGIN {
        return None;
    }
    if !line.text.is_empty() {
        line.end("", out);
    }
    Some(())
}

/// Whether `tt` holds only tokens that [`Line`] spaces as prettyplease
/// does: words, literals, the punctuation of paths, types and attributes,
/// and groups of them other than blocks.
fn plain(tt: &TokenTree) -> bool {
    match tt {
        TokenTree::Ident(_) | TokenTree::Literal(_) => true,
        TokenTree::Punct(p) => matches!(p.as_char(), ':' | ',' | ';' | '=' | '<' | '>' | '#' | '!'),
        TokenTree::Group(g) => g.delimiter() != Delimiter::Brace && g.stream().into_iter().all(|tt| plain(&tt)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    /// prettyplease's text of `tokens`, which `item` must write the same.
    fn pretty(tokens: TokenStream) -> String {
        prettyplease::unparse(&syn::parse2(tokens).expect("the test's tokens are Rust"))
    }

    #[test]
    fn an_alias_that_fits_is_written_as_prettyplease_writes_it() {
        let alias = quote! {
            #[cfg(any(feature = "a", feature = "b"))]
            #[doc = " A map.  "]
            #[doc = ""]
            #[doc = " Needs one of the features `a`, `b`."]
            pub type Things = ::std::collections::BTreeMap<String, Vec<Option<crate::Bytes>>>;
        };
        let text = item(&alias);
        assert_eq!(text.as_deref(), Some(pretty(alias).as_str()));
        assert_eq!(
            text.as_deref(),
            Some("#[cfg(any(feature = \"a\", feature = \"b\"))]\n/// A map.\n///\n/// Needs one of the features `a`, `b`.\npub type Things = ::std::collections::BTreeMap<String, Vec<Option<crate::Bytes>>>;\n")
        );
    }

    #[test]
    fn a_line_over_the_margin_is_left_to_prettyplease() {
        let fits = quote!(
            pub type Abcdefghijklmnopqrstuvwxyz = Vec<Option<AbcdefghijklmnopqrstuvwxyzAbcdefghijk>>;
        );
        let over = quote!(
            pub type Abcdefghijklmnopqrstuvwxyz = Vec<Option<AbcdefghijklmnopqrstuvwxyzAbcdefghijkl>>;
        );
        assert_eq!(item(&fits).map(|t| t.len()), Some(MARGIN + 1));
        assert_eq!(item(&fits), Some(pretty(fits)));
        assert_eq!(item(&over), None);
        // prettyplease breaks it: the reason it is left to prettyplease.
        assert!(pretty(over).lines().count() > 1);
        let cfg = quote! {
            #[cfg(any(feature = "aaaaaaaaaaaaaaaaaaaa", feature = "bbbbbbbbbbbbbbbbbbbb", feature = "cccccccccc"))]
            pub type A = B;
        };
        assert_eq!(item(&cfg), None);
    }

    #[test]
    fn docs_prettyplease_writes_as_block_comments_are_left_to_it() {
        assert_eq!(
            item(&quote!(
                #[doc = "/ slash"]
                pub type A = B;
            )),
            None
        );
        assert_eq!(
            item(&quote!(
                #[doc = " two\nlines"]
                pub type A = B;
            )),
            None
        );
    }

    #[test]
    fn unknown_tokens_are_left_to_prettyplease() {
        assert_eq!(
            item(&quote!(
                pub type A<'a> = &'a str;
            )),
            None
        );
        assert_eq!(
            item(&quote!(
                pub fn f() {}
            )),
            None
        );
    }
}
