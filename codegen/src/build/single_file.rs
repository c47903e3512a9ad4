//! The generated crate as one file a build script can write into
//! `OUT_DIR`. `include!` neither finds `mod x;` files next to the included
//! file nor accepts inner attributes at its top, and the generated code
//! names its items by `crate::` paths. So the crate's Rust files become one
//! module, `pub mod <name> { … }`: every `mod x;` is replaced by the file it
//! names, inlined as `mod x { … }` (inner attributes are allowed at the top
//! of a module block), and every `crate::` path (`$crate::` in the runtime's
//! macros, intra-doc links) gets the module's path inserted. The inlining
//! knows nothing of which files the emitter writes: whatever modules
//! `src/lib.rs` declares are followed.

use crate::emit::{EmitError, OutFile};
use std::collections::HashMap;

/// The crate's Rust `files` (paths `src/…`) as the text of one module
/// `name`, declared in the module `parent` (`crate`, `crate::clients`, …):
/// the file is meant to be `include!`d there. Starts with `header`
/// (the generated-file header), which the inlined files lose.
pub(crate) fn render(files: &[OutFile], parent: &str, name: &str, header: &str) -> Result<String, EmitError> {
    let by_path: Files = files.iter().map(|f| (f.path.as_str(), f.contents.as_str())).collect();
    let mut out = format!("{header}\npub mod {name} {{\n");
    inline("src/lib.rs", &by_path, header, &mut out, 0)?;
    out.push_str("}\n");
    let text = rebase(&out, &format!("{parent}::{name}"));
    check(&text)?;
    Ok(text)
}

/// The files by path.
type Files<'f> = HashMap<&'f str, &'f str>;

/// Modules nest no deeper than this; deeper means a file includes itself.
const MAX_DEPTH: usize = 16;

fn bug(what: &str, message: String) -> EmitError {
    EmitError { what: what.to_string(), message }
}

/// Appends `path`'s text to `out`, each `mod x;` line replaced by
/// `mod x {` + the text of x's file + `}`.
fn inline(path: &str, files: &Files, header: &str, out: &mut String, depth: usize) -> Result<(), EmitError> {
    if depth > MAX_DEPTH {
        return Err(bug(path, "modules nest too deep to inline".into()));
    }
    let text = files.get(path).ok_or_else(|| bug(path, "a module declared in the crate has no file".into()))?;
    let text = text.strip_prefix(header).unwrap_or(text);
    for line in text.lines() {
        match module_declaration(line) {
            Some((head, module)) => {
                let child = child_file(path, module, files)?;
                out.push_str(head);
                out.push_str(" {\n");
                inline(&child, files, header, out, depth + 1)?;
                out.push_str("}\n");
            }
            None => {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    Ok(())
}

/// For a line `[#[attr]…] [vis] mod name;`: the line without its `;`, and
/// the module's name.
fn module_declaration(line: &str) -> Option<(&str, &str)> {
    let head = line.trim_end().strip_suffix(';')?;
    let mut rest = head.trim_start();
    // Attributes on the same line: skip each `#[…]`, brackets balanced.
    while rest.starts_with("#[") {
        let mut depth = 0usize;
        let end = rest.char_indices().find_map(|(i, c)| {
            match c {
                '[' => depth += 1,
                ']' => depth -= 1,
                _ => return None,
            }
            (depth == 0).then_some(i)
        })?;
        rest = rest[end + 1..].trim_start();
    }
    if let Some(after) = rest.strip_prefix("pub") {
        rest = after.trim_start();
        if rest.starts_with('(') {
            rest = rest[rest.find(')')? + 1..].trim_start();
        }
    }
    let name = rest.strip_prefix("mod ")?.trim();
    let is_ident = !name.is_empty()
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !name.starts_with(|c: char| c.is_ascii_digit());
    is_ident.then_some((head, name))
}

/// The file of module `module` declared in `parent`, as rustc finds it:
/// next to `lib.rs` and `mod.rs` files, else in the folder named after the
/// parent; `x.rs` before `x/mod.rs`.
fn child_file(parent: &str, module: &str, files: &Files) -> Result<String, EmitError> {
    let (dir, file) = parent.rsplit_once('/').unwrap_or(("", parent));
    let base = match file {
        "lib.rs" | "mod.rs" => dir.to_string(),
        _ => format!("{dir}/{}", file.trim_end_matches(".rs")),
    };
    [format!("{base}/{module}.rs"), format!("{base}/{module}/mod.rs")]
        .into_iter()
        .find(|p| files.contains_key(p.as_str()))
        .ok_or_else(|| bug(parent, format!("the file of `mod {module};` is not among the generated files")))
}

/// `text` with `crate::` (and `$crate::`) followed by `module::` wherever
/// it starts a path: in code and in comments (intra-doc links), never
/// inside string or character literals, and never as the end of a longer
/// name (`my_crate::`).
pub(crate) fn rebase(text: &str, module: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    let mut copied = 0;
    let mut i = 0;
    // Comments are searched for paths too, but hold no literals.
    let mut comment_end = 0;
    let ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let starts_name = |i: usize| i == 0 || !ident(bytes[i - 1]);
    while i < bytes.len() {
        match bytes[i] {
            b'c' if bytes[i..].starts_with(b"crate::") && starts_name(i) => {
                i += "crate::".len();
                out.push_str(&text[copied..i]);
                out.push_str(module.strip_prefix("crate::").unwrap_or(module));
                out.push_str("::");
                copied = i;
            }
            _ if i < comment_end => i += 1,
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                comment_end = text[i..].find('\n').map_or(bytes.len(), |n| i + n);
                i += 2;
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                comment_end = text[i + 2..].find("*/").map_or(bytes.len(), |n| i + 2 + n + 2);
                i += 2;
            }
            b'"' => i = string_end(bytes, i + 1, None),
            // `r"…"`, `r#"…"#`, and `br"…"`.
            b'r' if (starts_name(i) || (bytes[i - 1] == b'b' && starts_name(i - 1))) => {
                match raw_string_start(bytes, i + 1) {
                    Some((hashes, body)) => i = string_end(bytes, body, Some(hashes)),
                    None => i += 1,
                }
            }
            b'\'' => i = char_end(bytes, i),
            _ => i += 1,
        }
    }
    out.push_str(&text[copied..]);
    out
}

/// After an `r` (or `br`): the number of `#`s and where the body starts,
/// when a raw string starts at `i`.
fn raw_string_start(bytes: &[u8], i: usize) -> Option<(usize, usize)> {
    let hashes = bytes[i..].iter().take_while(|&&b| b == b'#').count();
    (bytes.get(i + hashes) == Some(&b'"')).then_some((hashes, i + hashes + 1))
}

/// Just past the `"` that closes a string whose body starts at `i`: a
/// plain one (`raw` is `None`), with backslash escapes, or a raw one,
/// closed by `"` and its number of `#`s.
fn string_end(bytes: &[u8], mut i: usize, raw: Option<usize>) -> usize {
    while i < bytes.len() {
        match (bytes[i], raw) {
            (b'\\', None) => i += 2,
            (b'"', None) => return i + 1,
            (b'"', Some(hashes)) if bytes[i + 1..].iter().take(hashes).filter(|&&b| b == b'#').count() == hashes => {
                return i + 1 + hashes;
            }
            _ => i += 1,
        }
    }
    bytes.len()
}

/// Past a character literal starting at the `'` at `i`; just past the `'`
/// when it starts a lifetime or a label instead.
fn char_end(bytes: &[u8], i: usize) -> usize {
    if bytes.get(i + 1) == Some(&b'\\') {
        let close = bytes[i + 2..].iter().skip(1).position(|&b| b == b'\'');
        return close.map_or(bytes.len(), |p| i + 3 + p + 1);
    }
    // One character (of up to four bytes in UTF-8), then the closing `'`.
    let width = bytes.get(i + 1).map_or(1, |&b| match b {
        0xF0.. => 4,
        0xE0.. => 3,
        0xC0.. => 2,
        _ => 1,
    });
    if bytes.get(i + 1 + width) == Some(&b'\'') {
        i + 2 + width
    } else {
        i + 1
    }
}

/// The text must parse, and no module may be left without its body (a
/// `mod x;` spelled in a way [`module_declaration`] does not see).
fn check(text: &str) -> Result<(), EmitError> {
    let file = syn::parse_file(text).map_err(|e| bug("the single-file client", e.to_string()))?;
    fn bodiless(items: &[syn::Item]) -> Option<String> {
        items.iter().find_map(|item| match item {
            syn::Item::Mod(m) => match &m.content {
                None => Some(m.ident.to_string()),
                Some((_, items)) => bodiless(items),
            },
            _ => None,
        })
    }
    match bodiless(&file.items) {
        Some(module) => Err(bug("the single-file client", format!("`mod {module};` was not inlined"))),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, contents: &str) -> OutFile {
        OutFile { path: path.into(), contents: contents.into() }
    }

    #[test]
    fn crate_paths_get_the_module_but_literals_and_longer_names_do_not() {
        let text = r####"use crate::types; $crate::runtime::object!(x); pub(crate) fn f() {}
/// See [`Client`](crate::Client).
let s = "crate::not_a_path"; let r = r#"crate::" crate::"#; let b = br"\"; let crate_ = crate::X; let c = '"'; let d = '\''; fn g<'a>(x: &'a my_crate::X) {}
// A comment's 5" quote opens no string: crate::X
/* and "neither here" */ let after = crate::ENV_PREFIX;"####;
        let expected = r####"use crate::api::types; $crate::api::runtime::object!(x); pub(crate) fn f() {}
/// See [`Client`](crate::api::Client).
let s = "crate::not_a_path"; let r = r#"crate::" crate::"#; let b = br"\"; let crate_ = crate::api::X; let c = '"'; let d = '\''; fn g<'a>(x: &'a my_crate::X) {}
// A comment's 5" quote opens no string: crate::api::X
/* and "neither here" */ let after = crate::api::ENV_PREFIX;"####;
        assert_eq!(rebase(text, "crate::api"), expected);
    }

    #[test]
    fn every_declared_module_is_inlined_from_its_file() {
        let files = [
            file("src/lib.rs", "//! Docs.\n#![allow(dead_code)]\npub mod types;\nmod ops;\npub use types::*;\n"),
            file("src/types/mod.rs", "//! Types.\n#[cfg(any())]\nmod a;\npub(crate) mod b;\n"),
            file("src/types/a.rs", "// header\npub struct A;\n"),
            file("src/types/b.rs", "pub struct B(pub crate::types::A);\n"),
            file("src/ops.rs", "#[allow(unused)] mod inner;\n"),
            file("src/ops/inner.rs", "const X: u8 = 1;\n"),
            file("Cargo.toml", "[package]\n"),
        ];
        let text = render(&files, "crate", "api", "// header\n").expect("renders");
        let expected = "// header\n\npub mod api {\n//! Docs.\n#![allow(dead_code)]\npub mod types {\n//! Types.\n\
                        #[cfg(any())]\nmod a {\npub struct A;\n}\npub(crate) mod b {\n\
                        pub struct B(pub crate::api::types::A);\n}\n}\nmod ops {\n#[allow(unused)] mod inner {\n\
                        const X: u8 = 1;\n}\n}\npub use types::*;\n}\n";
        assert_eq!(text, expected);
    }

    #[test]
    fn a_module_without_a_file_is_an_error() {
        let files = [file("src/lib.rs", "pub mod missing;\n")];
        let err = render(&files, "crate", "api", "// header\n").expect_err("no file for `missing`");
        assert!(err.message.contains("mod missing;"), "{}", err.message);
    }
}
