//! The JSON road of [`super::locate_all`]. Large specs are published as
//! JSON (Cloudflare's is 12 MB on one line), and reading them through a
//! YAML event parser to find a few dozen warnings cost a third of a second.
//! JSON's grammar is small enough to walk bytes directly: strings are
//! skipped by looking for their closing quote, subtrees no pointer leads
//! into are skipped by counting brackets, and only wanted keys are decoded.
//!
//! It answers exactly as the YAML road does (the tests compare the two on
//! every node of several documents); on anything that is not well-formed
//! JSON it gives up and the YAML road decides.

use crate::diagnostic::escape_token;
use std::collections::{HashMap, HashSet};

/// A collection being walked: `base` is the pointer's length at the
/// collection itself.
enum Frame {
    Map { base: usize },
    Seq { base: usize, index: usize },
}

/// The byte offset of every node whose pointer is in `wanted`, placed as the
/// YAML road places it (a collection that is a key's value at its key), or
/// `None` when `text` is not well-formed JSON up to the end of its root.
pub(super) fn scan(text: &str, wanted: &HashSet<&str>) -> Option<HashMap<String, usize>> {
    let mut s = Bytes { b: text.as_bytes(), i: 0 };
    let mut found = HashMap::new();
    let mut stack: Vec<Frame> = Vec::new();
    let mut pointer = String::new();
    // Where the value about to be read is located if it is a collection.
    let mut key_at: Option<usize> = None;
    loop {
        // A value at `pointer`.
        s.ws();
        let start = s.i;
        let c = s.peek()?;
        let is_collection = c == b'{' || c == b'[';
        let wanted_here = wanted.contains(pointer.as_str());
        if wanted_here {
            let at = if is_collection { key_at.unwrap_or(start) } else { start };
            found.entry(pointer.clone()).or_insert(at);
        }
        let mut opened = false;
        match c {
            b'{' | b'[' if wanted_here => {
                s.i += 1;
                let base = pointer.len();
                stack.push(if c == b'{' { Frame::Map { base } } else { Frame::Seq { base, index: 0 } });
                opened = true;
            }
            b'{' | b'[' => s.skip_collection()?,
            b'"' => s.skip_string()?,
            _ => s.skip_literal()?,
        }
        // The next value to read: the first element of what was just
        // opened, or the element after the one just read; collections that
        // close on the way are finished values of their parents.
        let mut first = opened;
        loop {
            let frame = match stack.last_mut() {
                Some(frame) => frame,
                None => return Some(found),
            };
            s.ws();
            let c = s.peek()?;
            let closes = c == b'}' || c == b']';
            if closes || !first {
                s.i += 1;
            }
            match (frame, c, first) {
                (Frame::Map { base }, b'}', _) | (Frame::Seq { base, .. }, b']', _) => {
                    pointer.truncate(*base);
                    stack.pop();
                    first = false;
                }
                (Frame::Map { base }, b',', false) | (Frame::Map { base }, b'"', true) => {
                    pointer.truncate(*base);
                    s.ws();
                    key_at = Some(s.i);
                    let key = s.string()?;
                    s.ws();
                    s.expect(b':')?;
                    pointer.push('/');
                    pointer.push_str(&escape_token(&key));
                    break;
                }
                (Frame::Seq { base, index }, b',', false) => {
                    *index += 1;
                    pointer.truncate(*base);
                    pointer.push('/');
                    pointer.push_str(&index.to_string());
                    key_at = None;
                    break;
                }
                (Frame::Seq { base, .. }, _, true) => {
                    pointer.truncate(*base);
                    pointer.push_str("/0");
                    key_at = None;
                    break;
                }
                _ => return None,
            }
        }
    }
}

/// `offsets` as 1-based lines and columns counted in characters, with
/// `\r\n`, `\r` and `\n` each ending a line (as YAML counts them).
pub(super) fn positions(text: &str, offsets: impl Iterator<Item = usize>) -> HashMap<usize, (usize, usize)> {
    let mut wanted: Vec<usize> = offsets.collect();
    wanted.sort_unstable();
    wanted.dedup();
    let mut out = HashMap::with_capacity(wanted.len());
    let b = text.as_bytes();
    // Characters are counted from the previous offset, not from the line's
    // start: a large spec is often one line.
    let (mut line, mut col, mut at) = (1usize, 1usize, 0usize);
    for offset in wanted {
        while at < offset.min(b.len()) {
            match b[at] {
                b'\n' => (line, col) = (line + 1, 1),
                b'\r' if b.get(at + 1) != Some(&b'\n') => (line, col) = (line + 1, 1),
                b'\r' => {}
                // Every byte but a UTF-8 continuation byte starts a character.
                c if c & 0xC0 != 0x80 => col += 1,
                _ => {}
            }
            at += 1;
        }
        out.insert(offset, (line, col));
    }
    out
}

struct Bytes<'t> {
    b: &'t [u8],
    i: usize,
}

impl Bytes<'_> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.i += 1;
        }
    }

    fn expect(&mut self, c: u8) -> Option<()> {
        (self.peek()? == c).then(|| self.i += 1)
    }

    /// Past a string starting at its opening quote.
    fn skip_string(&mut self) -> Option<()> {
        self.expect(b'"')?;
        loop {
            match self.peek()? {
                b'"' => {
                    self.i += 1;
                    return Some(());
                }
                b'\\' => self.i += 2,
                c if c < 0x20 => return None,
                _ => self.i += 1,
            }
        }
    }

    /// A number, `true`, `false` or `null`.
    fn skip_literal(&mut self) -> Option<()> {
        let start = self.i;
        while matches!(self.peek(), Some(b'0'..=b'9' | b'a'..=b'z' | b'+' | b'-' | b'.' | b'E')) {
            self.i += 1;
        }
        (self.i > start).then_some(())
    }

    /// Past a whole object or array starting at its opening bracket.
    fn skip_collection(&mut self) -> Option<()> {
        let mut depth = 0usize;
        loop {
            match self.peek()? {
                b'{' | b'[' => {
                    depth += 1;
                    self.i += 1;
                }
                b'}' | b']' => {
                    depth = depth.checked_sub(1)?;
                    self.i += 1;
                    if depth == 0 {
                        return Some(());
                    }
                }
                b'"' => self.skip_string()?,
                _ => self.i += 1,
            }
        }
    }

    /// A string's value, starting at its opening quote.
    fn string(&mut self) -> Option<String> {
        let start = self.i + 1;
        self.skip_string()?;
        let raw = std::str::from_utf8(&self.b[start..self.i - 1]).ok()?;
        if !raw.contains('\\') {
            return Some(raw.to_string());
        }
        // Rare in keys: let the JSON reader decode the escapes.
        serde_json::from_slice(&self.b[start - 1..self.i]).ok()
    }
}
