//! The layout of the items prettyplease cannot lay out, or would spread
//! over many lines: the runtime's `object!`, `string_enum!` and
//! `int_enum!` calls (prettyplease cannot format a macro's input, it
//! writes it as one run of tokens) and a struct's `new` constructor. These
//! items are built as tokens like every other; only their layout is done
//! here, one line per field, value or part, which keeps a large API's
//! files small (Cloudflare's has thousands of them).
//!
//! The layout follows the shapes the emitter builds, at most three
//! blocks deep:
//! - at the top: `#[cfg]` lines, then a macro call `path! { … }` or
//!   `impl Name { … }`;
//! - in a macro call: `///` lines, the header's attributes, and
//!   `Name (…) {` opening the block of entries, each ending at its `,`;
//! - in an `impl`: `///` lines and `fn …(…) -> T {` opening a body that
//!   is one expression on one line.

use proc_macro2::{Delimiter, Spacing, TokenStream, TokenTree};
use std::fmt::Write;

const INDENT: &str = "    ";

/// The text of `items`, each line ending in a newline.
pub fn items(items: TokenStream) -> String {
    let mut out = String::new();
    block(items, 0, Block::Top, &mut out);
    out
}

/// Which block the tokens are in: it decides where lines break.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Block {
    Top,
    /// A macro call's input. `object!` writes its attributes on the
    /// name's line (5,000 fewer lines on Cloudflare's API); the enums,
    /// whose attributes are rare, on lines of their own.
    Call {
        attrs_on_own_line: bool,
    },
    /// The fields or values of a macro call, one per line.
    Entries,
    /// An `impl` block's functions.
    Impl,
    /// A function's body: one expression, on one line.
    Body,
}

/// Lays out `tokens`, which it owns: a group's tokens are then moved out
/// of it rather than copied.
fn block(tokens: TokenStream, depth: usize, kind: Block, out: &mut String) {
    let indent = INDENT.repeat(depth);
    let mut line = Line::default();
    // How many `<` are open: a `,` between them is in a type, not the end of an entry.
    let mut angles = 0usize;
    let mut tokens = tokens.into_iter().peekable();
    while let Some(tt) = tokens.next() {
        let is = |tt: &TokenTree, c: char| matches!(tt, TokenTree::Punct(p) if p.as_char() == c);
        let delimiter = |tt: Option<&TokenTree>| match tt {
            Some(TokenTree::Group(g)) => Some(g.delimiter()),
            _ => None,
        };
        if is(&tt, '#') && delimiter(tokens.peek()) == Some(Delimiter::Bracket) && kind != Block::Body {
            let Some(attr) = tokens.next() else { break };
            if let Some(text) = doc_text(&attr) {
                out.push_str(&indent);
                out.push_str("///");
                // A carriage return is not allowed in a doc comment.
                out.extend(text.chars().map(|c| if c.is_control() && c != '\t' { ' ' } else { c }));
                out.push('\n');
                continue;
            }
            line.push(tt, false);
            line.push(attr, false);
            let own_line = match kind {
                Block::Top => true,
                Block::Call { attrs_on_own_line } => attrs_on_own_line,
                _ => false,
            };
            if own_line {
                line.end(&indent, out);
            }
            continue;
        }
        match tt {
            TokenTree::Group(g) if g.delimiter() == Delimiter::Brace && kind != Block::Body => {
                let inner = match kind {
                    Block::Top if line.text.starts_with("impl ") => Block::Impl,
                    Block::Top => Block::Call { attrs_on_own_line: !line.text.ends_with("::object!") },
                    Block::Impl => Block::Body,
                    _ => Block::Entries,
                };
                line.text.push_str(" {");
                line.end(&indent, out);
                let stream = g.stream();
                drop(g);
                block(stream, depth + 1, inner, out);
                out.push_str(&indent);
                out.push_str("}\n");
            }
            tt if is(&tt, '<') => {
                angles += 1;
                line.push(tt, false);
            }
            tt if is(&tt, '>') && !line.text.ends_with('-') => {
                angles = angles.saturating_sub(1);
                line.push(tt, false);
            }
            tt if is(&tt, ',') && kind == Block::Entries && angles == 0 => {
                line.push(tt, false);
                line.end(&indent, out);
            }
            // A macro call's header, `Name (directions) {`.
            TokenTree::Group(g)
                if g.delimiter() == Delimiter::Parenthesis && delimiter(tokens.peek()) == Some(Delimiter::Brace) =>
            {
                line.push(TokenTree::Group(g), true);
            }
            tt => line.push(tt, false),
        }
    }
    if !line.text.is_empty() {
        line.end(&indent, out);
    }
}

/// The text of a `doc = "…"` attribute's input, if that is what it is.
pub(super) fn doc_text(attr: &TokenTree) -> Option<String> {
    let TokenTree::Group(attr) = attr else { return None };
    let mut tokens = attr.stream().into_iter();
    match (tokens.next(), tokens.next(), tokens.next(), tokens.next()) {
        (Some(TokenTree::Ident(doc)), Some(TokenTree::Punct(eq)), Some(TokenTree::Literal(text)), None)
            if doc == "doc" && eq.as_char() == '=' =>
        {
            let repr = text.to_string();
            if let Some(raw) = raw_string(&repr) {
                return Some(raw.to_string());
            }
            match syn::Lit::new(text) {
                syn::Lit::Str(text) => Some(text.value()),
                _ => None,
            }
        }
        _ => None,
    }
}

/// The text of a raw string literal (`r"…"`, `r#"…"#`): most docs are
/// written so (`docs::literal`), and read here without `syn`.
fn raw_string(repr: &str) -> Option<&str> {
    let quoted = repr.strip_prefix('r')?;
    let hashes = quoted.len() - quoted.trim_start_matches('#').len();
    let inner = quoted[hashes..].strip_prefix('"')?;
    let inner = inner.strip_suffix(&quoted[..hashes])?.strip_suffix('"')?;
    Some(inner)
}

/// What the last token written asks of the next one.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
enum After {
    /// The start of a line or group: no space.
    #[default]
    Start,
    /// A word, literal or closing bracket: a space before another word.
    Word,
    /// `<`, `&`, `#`, `.`, `::`, the `-` of `->`: the next token follows
    /// without a space.
    Glued,
    /// `,`, `:`, `=`, `->`: the next token follows after a space.
    Spaced,
}

/// A line being written, with the spacing state of its last token.
#[derive(Default)]
pub(super) struct Line {
    pub(super) text: String,
    after: After,
    /// The last token was the first `:` of a `::`.
    path_colon: bool,
}

impl Line {
    pub(super) fn end(&mut self, indent: &str, out: &mut String) {
        out.push_str(indent);
        out.push_str(&self.text);
        out.push('\n');
        *self = Line::default();
    }

    /// Writes `tt` after the space it needs; `spaced` asks for a space
    /// after a word where one would not go otherwise.
    pub(super) fn push(&mut self, tt: TokenTree, spaced: bool) {
        let (space, after) = match &tt {
            TokenTree::Ident(_) | TokenTree::Literal(_) => (self.after == After::Word, After::Word),
            TokenTree::Group(g) => {
                let space = match g.delimiter() {
                    Delimiter::Parenthesis | Delimiter::None => spaced && self.after == After::Word,
                    Delimiter::Bracket | Delimiter::Brace => self.after == After::Word,
                };
                (space, After::Word)
            }
            TokenTree::Punct(p) => match p.as_char() {
                ',' | ';' => (false, After::Spaced),
                '?' | '!' => (false, After::Word),
                '.' => (false, After::Glued),
                '<' => (false, After::Glued),
                ':' if self.path_colon => (false, After::Glued),
                ':' if p.spacing() == Spacing::Joint => (false, After::Glued),
                ':' => (false, After::Spaced),
                '>' if self.after == After::Glued && self.text.ends_with('-') => (false, After::Spaced),
                '>' => (false, After::Word),
                // The `-` of `->`, or of a negative number.
                '-' => (self.after == After::Word, After::Glued),
                '&' | '#' => (self.after == After::Word, After::Glued),
                _ => (self.after == After::Word, After::Spaced),
            },
        };
        // After `,` or `=`, every token is spaced.
        if space || self.after == After::Spaced {
            self.text.push(' ');
        }
        self.path_colon = matches!(&tt, TokenTree::Punct(p) if p.as_char() == ':' && p.spacing() == Spacing::Joint);
        match tt {
            TokenTree::Group(g) => {
                let (open, close) = match g.delimiter() {
                    Delimiter::Parenthesis => ("(", ")"),
                    Delimiter::Bracket => ("[", "]"),
                    Delimiter::Brace => ("{ ", " }"),
                    Delimiter::None => ("", ""),
                };
                let stream = g.stream();
                drop(g);
                let start = self.text.len();
                self.text.push_str(open);
                self.after = After::Start;
                for tt in stream {
                    self.push(tt, false);
                }
                if self.text.len() == start + open.len() {
                    self.text.truncate(start);
                    self.text.push_str(open.trim_end());
                    self.text.push_str(close.trim_start());
                } else {
                    self.text.push_str(close);
                }
                self.path_colon = false;
            }
            other => {
                // Writing into the line saves a `String` per token.
                let _ = write!(self.text, "{other}");
            }
        }
        self.after = after;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proc_macro2::Literal;
    use quote::quote;

    #[test]
    fn calls_have_one_line_per_entry() {
        let minus_one = Literal::i64_unsuffixed(-1);
        let call = quote! {
            #[cfg(any(feature = "a", feature = "b"))]
            crate::runtime::object! {
                #[doc = " A download.\r"]
                #[derive(Default)] Download (deserialize, serialize?) {
                    #[doc = " Docs."]
                    size: Option<::std::collections::BTreeMap<String, Vec<crate::runtime::Bytes> > > = "size" opt,
                    r#type: &[u8] = "type" req,
                }
            }
            crate::runtime::int_enum! {
                #[cfg_attr(feature = "defaults", derive(Default))]
                Level {
                    #[cfg_attr(feature = "defaults", default)] V1 = #minus_one,
                }
            }
        };
        assert_eq!(
            items(call),
            "#[cfg(any(feature = \"a\", feature = \"b\"))]\ncrate::runtime::object! {\n    /// A download. \n    #[derive(Default)] Download (deserialize, serialize?) {\n        /// Docs.\n        size: Option<::std::collections::BTreeMap<String, Vec<crate::runtime::Bytes>>> = \"size\" opt,\n        r#type: &[u8] = \"type\" req,\n    }\n}\ncrate::runtime::int_enum! {\n    #[cfg_attr(feature = \"defaults\", derive(Default))]\n    Level {\n        #[cfg_attr(feature = \"defaults\", default)] V1 = -1,\n    }\n}\n"
        );
    }

    #[test]
    fn a_function_body_is_one_line() {
        let constructor = quote! {
            impl Pet {
                #[doc = " A pet."]
                pub fn new(name: impl Into<String>, tag: Box<Tag>) -> Self {
                    Self { name: name.into(), tag: Box::new(tag), age: None }
                }
            }
        };
        assert_eq!(
            items(constructor),
            "impl Pet {\n    /// A pet.\n    pub fn new(name: impl Into<String>, tag: Box<Tag>) -> Self {\n        Self { name: name.into(), tag: Box::new(tag), age: None }\n    }\n}\n"
        );
    }
}
