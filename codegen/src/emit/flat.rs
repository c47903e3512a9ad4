//! Items whose prettyplease layout is one line per attribute, field,
//! statement and item header (type aliases; the parameter structs, their
//! setters and constructors: thousands of each in a large API), written
//! here as that same text without the `syn` round trip.
//!
//! prettyplease keeps a block on one line when it fits in the space left
//! on the line, out of a margin of 89 bytes; a line no longer than that
//! has every block on it fitting, so it is written whole, and so is a
//! longer one with no place to break. An item with a
//! longer line, a doc attribute prettyplease writes otherwise than as a
//! `///` line, or a token or shape this layout does not know goes to
//! prettyplease. The shapes, by the block the tokens are in:
//! - at the top: attribute lines, then an item: `pub type … ;`, or a
//!   header opening `pub struct Name {` (fields) or `impl Name {` (items);
//! - fields: attribute lines, then one field per line, ending at its `,`;
//! - items: attribute lines, then `fn …(…) -> T {` opening a body;
//! - a body: one statement per line, ending at its `;`, then the value,
//!   none holding a brace group.

use super::compact::{doc_text, Line};
use proc_macro2::{Delimiter, Group, TokenStream, TokenTree};

/// prettyplease's margin, in bytes.
pub(super) const MARGIN: usize = 89;

const INDENT: &str = "    ";

/// The text prettyplease writes for `item` (outer attributes and items,
/// at the top level of a file), when it is written here.
pub fn item(item: &TokenStream) -> Option<String> {
    let mut out = String::new();
    block(item.clone(), 0, Block::Top, &mut out)?;
    Some(out)
}

/// Which block the tokens are in: it decides where lines end.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Block {
    Top,
    Fields,
    Items,
    Body,
}

fn block(tokens: TokenStream, depth: usize, kind: Block, out: &mut String) -> Option<()> {
    let indent = INDENT.repeat(depth);
    let mut line = Line::default();
    let mut angles = 0usize;
    let mut tokens = tokens.into_iter().peekable();
    while let Some(tt) = tokens.next() {
        if !plain(&tt) {
            return None;
        }
        let is = |tt: &TokenTree, c: char| matches!(tt, TokenTree::Punct(p) if p.as_char() == c);
        let brace = matches!(&tt, TokenTree::Group(g) if g.delimiter() == Delimiter::Brace);
        let attr =
            is(&tt, '#') && matches!(tokens.peek(), Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Bracket);
        if attr && kind == Block::Body {
            return None;
        }
        if attr {
            let attr = tokens.next()?;
            if let Some(doc) = doc_text(&attr) {
                // prettyplease's `///` line: other docs become block comments.
                if doc.contains('\n') || doc.starts_with('/') || !line.text.is_empty() {
                    return None;
                }
                out.push_str(&indent);
                out.push_str("///");
                out.push_str(doc.trim_end_matches(' '));
                out.push('\n');
                continue;
            }
            if !line.text.is_empty() {
                return None;
            }
            line.text = attr_line(tt, attr)?;
            end(&mut line, &indent, out)?;
        } else if brace && kind != Block::Body {
            let inner = match kind {
                Block::Top if line.text.starts_with("impl ") => Block::Items,
                Block::Top if line.text.starts_with("pub struct ") => Block::Fields,
                Block::Items if line.text.starts_with("pub fn ") => Block::Body,
                _ => return None,
            };
            line.text.push_str(" {");
            end(&mut line, &indent, out)?;
            let TokenTree::Group(group) = tt else { return None };
            block(group.stream(), depth + 1, inner, out)?;
            out.push_str(&indent);
            out.push_str("}\n");
        } else if brace {
            // A struct literal, or a block: prettyplease breaks some struct
            // literals that fit, and every block.
            return None;
        } else {
            // A `,` between `<` and `>` is in a type, not the end of a field.
            if is(&tt, '<') {
                angles += 1;
            } else if is(&tt, '>') && !line.text.ends_with('-') {
                angles = angles.checked_sub(1)?;
            }
            let ends = match kind {
                Block::Fields => is(&tt, ',') && angles == 0,
                Block::Top | Block::Body => is(&tt, ';'),
                Block::Items => false,
            };
            line.push(tt, false);
            if ends {
                end(&mut line, &indent, out)?;
            }
        }
    }
    // Only a body ends in a value without a `;`.
    if !line.text.is_empty() && kind != Block::Body {
        return None;
    }
    end(&mut line, &indent, out)
}

/// Ends the line, if it fits in the margin, or prettyplease has no place
/// to break it: an item at the top without generics, brackets or commas
/// (`pub type Long = Other;`).
fn end(line: &mut Line, indent: &str, out: &mut String) -> Option<()> {
    let unbreakable = indent.is_empty() && !line.text.contains(['<', '(', '[', '{', ',', '"']);
    if indent.len() + line.text.len() > MARGIN && !unbreakable {
        return None;
    }
    if !line.text.is_empty() {
        line.end(indent, out);
    }
    Some(())
}

/// An attribute (`#` and its brackets) as prettyplease writes it when it
/// fits on its line.
pub(super) fn attr_line(pound: TokenTree, attr: TokenTree) -> Option<String> {
    if !plain(&attr) {
        return None;
    }
    let mut line = Line::default();
    line.push(pound, false);
    line.push(without_trailing_commas(attr), false);
    Some(line.text)
}

/// An attribute's tokens as prettyplease writes them on one line: a `,`
/// that ends a group is only written when the group is broken.
fn without_trailing_commas(tt: TokenTree) -> TokenTree {
    let TokenTree::Group(group) = tt else { return tt };
    let mut inner: Vec<TokenTree> = group.stream().into_iter().map(without_trailing_commas).collect();
    if matches!(inner.last(), Some(TokenTree::Punct(p)) if p.as_char() == ',') {
        inner.pop();
    }
    TokenTree::Group(Group::new(group.delimiter(), inner.into_iter().collect()))
}

/// Whether `tt` holds only tokens that [`Line`] spaces as prettyplease
/// does: words other than those of control flow, literals, the
/// punctuation of paths, types, attributes, calls and assignments, and
/// groups of them.
fn plain(tt: &TokenTree) -> bool {
    match tt {
        TokenTree::Ident(i) => !matches!(i.to_string().as_str(), "if" | "match" | "while" | "for" | "loop" | "let"),
        TokenTree::Literal(_) => true,
        TokenTree::Punct(p) => matches!(p.as_char(), ':' | ',' | ';' | '=' | '<' | '>' | '#' | '!' | '.' | '-'),
        TokenTree::Group(g) => g.stream().into_iter().all(|tt| plain(&tt)),
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
        let unbreakable = quote!(
            pub type Abcdefghijklmnopqrstuvwxyz =
                AbcdefghijklmnopqrstuvwxyzAbcdefghijklmnopqrstuvwxyzAbcdefghijklmnopqrstuvwxyz;
        );
        assert_eq!(item(&unbreakable).map(|t| t.len() > MARGIN), Some(true));
        assert_eq!(item(&unbreakable), Some(pretty(unbreakable)));
        // prettyplease breaks it: the reason it is left to prettyplease.
        assert!(pretty(over).lines().count() > 1);
        let cfg = quote! {
            #[cfg(any(feature = "aaaaaaaaaaaaaaaaaaaa", feature = "bbbbbbbbbbbbbbbbbbbb", feature = "cccccccccc"))]
            pub type A = B;
        };
        assert_eq!(item(&cfg), None);
    }

    #[test]
    fn a_struct_and_its_setters_are_written_as_prettyplease_writes_them() {
        let strukt = quote! {
            #[cfg(feature = "zones")]
            #[doc = " Parameters."]
            #[derive(Debug, Clone, Default,)]
            #[non_exhaustive]
            pub struct ZonesGetParams {
                #[doc = " A map."]
                pub labels: Option<::std::collections::BTreeMap<String, Vec<i64>>>,
                pub name: Option<String>,
            }
        };
        let setters = quote! {
            #[cfg(feature = "zones")]
            impl ZonesGetParams {
                #[doc = " Sets `name`."]
                pub fn name(mut self, value: impl Into<String>) -> Self {
                    self.name = Some(value.into());
                    self
                }
                pub fn per_page(mut self, value: impl Into<f64>) -> Self {
                    self.per_page = Some(value.into());
                    self
                }
            }
        };
        for tokens in [strukt, setters] {
            let text = item(&tokens);
            assert!(text.is_some());
            assert_eq!(text, Some(pretty(tokens)));
        }
    }

    #[test]
    fn a_field_over_the_margin_is_left_to_prettyplease() {
        let strukt = quote! {
            pub struct P {
                pub abcdefghijklmnopqrstuvwxyz: Option<::std::collections::BTreeMap<String, Vec<Abcdefghijklm>>>,
            }
        };
        assert_eq!(item(&strukt), None);
    }

    #[test]
    fn struct_literals_and_blocks_are_left_to_prettyplease() {
        // prettyplease breaks this literal although it fits.
        let new = quote! {
            impl P {
                pub fn new(from: impl Into<String>, to: impl Into<String>) -> Self {
                    Self { from: from.into(), to: to.into(), sort_by: None }
                }
            }
        };
        assert_eq!(item(&new), None);
        assert!(pretty(new).contains("        Self {\n"));
        let block = quote! {
            impl P {
                pub fn f(self) -> u8 {
                    if self.a { 1 } else { 2 }
                }
            }
        };
        assert_eq!(item(&block), None);
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
