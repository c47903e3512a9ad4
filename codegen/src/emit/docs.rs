//! Doc comments from spec text, one `#[doc]` attribute per line.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

/// Spec text is Markdown written for other renderers: fenced blocks without
/// a language would become doc tests, so they are marked as text.
fn rustdoc_lines(text: &str) -> Vec<String> {
    let mut in_fence = false;
    text.trim()
        .lines()
        .map(|line| {
            let trimmed = line.trim_start();
            if let Some(lang) = trimmed.strip_prefix("```") {
                let opening = !in_fence;
                in_fence = !in_fence;
                if opening && !matches!(lang.trim(), "text" | "json" | "sh" | "bash" | "yaml" | "http" | "toml") {
                    return format!("{}```text", &line[..line.len() - trimmed.len()]);
                }
            }
            line.trim_end().to_string()
        })
        .collect()
}

/// `#[doc = " line"]` for each line of the given paragraphs, with a blank
/// doc line between paragraphs.
pub fn doc_attrs<'a>(paragraphs: impl IntoIterator<Item = Option<&'a str>>) -> TokenStream {
    let attrs = doc_lines(paragraphs).into_iter().map(|text| {
        let text = literal(&text);
        quote!(#[doc = #text])
    });
    quote!(#(#attrs)*)
}

/// `text` as a string literal, raw where it can be: the formatters read
/// a doc attribute's value, never its spelling, so both give the same
/// comment, and docs are most of a large API's text. An escaped literal
/// is written and read back char by char through the Unicode tables (a
/// sixth of all the work on Cloudflare's spec); a raw one is found by a
/// scan for its closing quote.
pub fn literal(text: &str) -> Literal {
    // A lone carriage return may not stand in a raw string.
    if !text.contains('\r') {
        let hashes = raw_hashes(text);
        let mut raw = String::with_capacity(text.len() + 2 * hashes.len() + 3);
        raw.push('r');
        raw.push_str(&hashes);
        raw.push('"');
        raw.push_str(text);
        raw.push('"');
        raw.push_str(&hashes);
        if let Ok(literal) = raw.parse() {
            return literal;
        }
    }
    Literal::string(text)
}

/// The `#`s a raw string of `text` needs: one more than the longest run
/// of them after a `"` in it.
fn raw_hashes(text: &str) -> String {
    let longest = text.split('"').skip(1).map(|after| after.len() - after.trim_start_matches('#').len()).max();
    longest.map_or(String::new(), |n| "#".repeat(n + 1))
}

/// Like [`doc_attrs`], as inner attributes (`#![doc = ...]`) for a crate.
pub fn inner_doc_attrs<'a>(paragraphs: impl IntoIterator<Item = Option<&'a str>>) -> TokenStream {
    let attrs = doc_lines(paragraphs).into_iter().map(|text| {
        let text = literal(&text);
        quote!(#![doc = #text])
    });
    quote!(#(#attrs)*)
}

fn doc_lines<'a>(paragraphs: impl IntoIterator<Item = Option<&'a str>>) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for para in paragraphs.into_iter().flatten() {
        if para.trim().is_empty() {
            continue;
        }
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.extend(rustdoc_lines(para));
    }
    lines
        .into_iter()
        .map(|l| {
            if l.is_empty() {
                return l;
            }
            let mut line = String::with_capacity(l.len() + 1);
            line.push(' ');
            push_visible(&l, &mut line);
            line
        })
        .collect()
}

/// The characters that change the direction of text, which rustc rejects
/// in comments (they can make code read otherwise than it compiles; lint
/// `text_direction_codepoint_in_comment`).
const TEXT_DIRECTION: &[char] =
    &['\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}'];

/// Writes `line` with each text-direction character written as its escape
/// (`\u{202e}`): doc attributes become `///` comments when the code is
/// formatted, and spec text may hold such characters.
fn push_visible(line: &str, out: &mut String) {
    // Each of them is encoded from the byte 0xE2: a line without it is
    // copied whole.
    if !line.as_bytes().contains(&0xE2) {
        return out.push_str(line);
    }
    for c in line.chars() {
        if TEXT_DIRECTION.contains(&c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
}

/// Docs for items the spec does not describe: every public item of a
/// generated crate has some, and they say where in the spec to look.
pub mod fallback {
    /// For a type made from the schema at JSON pointer `source`.
    pub fn schema(source: &str) -> String {
        let tokens: Vec<String> = source.split('/').skip(1).map(unescape).collect();
        match tokens.as_slice() {
            [components, schemas, key] if components == "components" && schemas == "schemas" => {
                format!("The API's `{}` schema.", code(key))
            }
            _ => format!("A schema defined inline at `#{}`.", code(source)),
        }
    }

    /// For a struct field of wire name `wire`.
    pub fn property(wire: &str) -> String {
        format!("The `{}` property.", code(wire))
    }

    fn unescape(token: &str) -> String {
        token.replace("~1", "/").replace("~0", "~")
    }

    /// Text that can stand between backticks on one line.
    fn code(text: &str) -> String {
        text.chars().map(|c| if c == '`' || c.is_control() { '\'' } else { c }).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `attrs` as the `///` lines of a macro call's input.
    fn as_comments(attrs: TokenStream) -> String {
        let text = super::super::compact::items(quote!(m! { #attrs }));
        text.strip_prefix("m! {\n").and_then(|t| t.strip_suffix("}\n")).expect("one call").to_string()
    }

    #[test]
    fn one_attribute_per_line_and_fences_become_text() {
        let tokens = doc_attrs([Some("Title"), None, Some("a\n```\ncode\n```\n```json\n{}\n```")]).to_string();
        assert_eq!(tokens.matches("doc =").count(), 9, "{tokens}");
        assert!(tokens.contains("\" ```text\""));
        assert!(tokens.contains("\" ```json\""));
    }

    #[test]
    fn text_direction_characters_are_escaped() {
        let comments = as_comments(doc_attrs([Some("`POST \u{202e}evil` and \u{2066}x\u{2069}, not \u{200b}")]));
        assert_eq!(comments, "    /// `POST \\u{202e}evil` and \\u{2066}x\\u{2069}, not \u{200b}\n");
        // What `push_visible` looks for before it looks at chars.
        assert!(TEXT_DIRECTION.iter().all(|c| c.encode_utf8(&mut [0; 4]).as_bytes()[0] == 0xE2));
    }

    #[test]
    fn doc_literals_hold_the_text_whatever_it_holds() {
        for text in
            ["", " plain", " \"quoted\"", " \"# and \"## and #\"", " back\\slash \\n", " a\rb", " nul\0 tab\t", " ü 😀"]
        {
            let literal = literal(text);
            let syn::Lit::Str(read) = syn::Lit::new(literal.clone()) else { panic!("{literal} is not a string") };
            assert_eq!(read.value(), text, "{literal}");
            let attr = quote!([doc = #literal]).into_iter().next().expect("one group");
            assert_eq!(super::super::compact::doc_text(&attr).as_deref(), Some(text), "{literal}");
        }
        assert_eq!(literal(" \"# x").to_string(), "r##\" \"# x\"##");
        assert_eq!(literal(" plain").to_string(), "r\" plain\"");
        assert_eq!(literal(" a\rb").to_string(), "\" a\\rb\"");
    }

    #[test]
    fn comments_hold_no_carriage_return() {
        assert_eq!(as_comments(doc_attrs([Some("a\rb\n\nc")])), "    /// a b\n    ///\n    /// c\n");
    }

    #[test]
    fn fallbacks_name_the_schema() {
        assert_eq!(fallback::schema("/components/schemas/a~1b"), "The API's `a/b` schema.");
        assert_eq!(
            fallback::schema("/paths/~1x/get/responses/200"),
            "A schema defined inline at `#/paths/~1x/get/responses/200`."
        );
        assert_eq!(fallback::property("odd`name"), "The `odd'name` property.");
    }
}
