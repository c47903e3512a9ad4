//! The line breaking of prettyplease (Oppen's algorithm, as in rustc's
//! `pp.rs`), for code laid out here without a `syn` tree: `method.rs`
//! sends the same boxes, breaks and words that prettyplease sends for the
//! same syntax, and this prints them as prettyplease's printer does.
//!
//! prettyplease's printer streams (it prints a token once its size is
//! known, and takes a size over the line as infinite); this one holds the
//! whole item, sizes every token, then prints: the same sizes decide the
//! same breaks.

/// prettyplease's margin, the least space it leaves after an indent, and
/// its indent, in bytes.
const MARGIN: isize = 89;
const MIN_SPACE: isize = 60;
pub(super) const INDENT: isize = 4;
/// The size of a hard break: more than any line holds.
const INFINITY: isize = 0xffff;

#[derive(Clone, Copy, Default)]
pub(super) struct Break {
    offset: isize,
    blank: isize,
    /// Written before the line end when the break is taken (a trailing `,`).
    pre_break: Option<char>,
    /// Written instead of the blank when the break is not taken.
    no_break: Option<char>,
    /// Written at the start of the new line when the break is taken.
    post_break: &'static str,
    /// Dropped when it ends its box.
    if_nonempty: bool,
    never: bool,
}

enum Token<'a> {
    Word(&'a str),
    Break(Break),
    /// A box; `consistent` breaks all its breaks or none.
    Begin {
        offset: isize,
        consistent: bool,
    },
    End,
}

enum Frame {
    Fits,
    Broken { indent: isize, consistent: bool },
}

/// Tokens of one item, with the size each will take if not broken; the
/// words are borrowed from what is laid out.
#[derive(Default)]
pub(super) struct Printer<'a> {
    tokens: Vec<(Token<'a>, isize)>,
    /// Tokens whose size is not known yet: open boxes, the last break in
    /// each, closed boxes since.
    scan: Vec<usize>,
    total: isize,
}

impl<'a> Printer<'a> {
    pub(super) fn cbox(&mut self, offset: isize) {
        self.begin(offset, true);
    }

    pub(super) fn ibox(&mut self, offset: isize) {
        self.begin(offset, false);
    }

    fn begin(&mut self, offset: isize, consistent: bool) {
        self.scan.push(self.tokens.len());
        self.tokens.push((Token::Begin { offset, consistent }, -self.total));
    }

    pub(super) fn end(&mut self) {
        if let Some((Token::Break(last), _)) = self.tokens.last() {
            let last = *last;
            let n = self.tokens.len();
            // A box holding only a break is dropped whole.
            if n >= 2 && matches!(self.tokens[n - 2].0, Token::Begin { .. }) {
                self.tokens.truncate(n - 2);
                self.scan.truncate(self.scan.len() - 2);
                self.total -= last.blank;
                return;
            }
            if last.if_nonempty {
                self.tokens.pop();
                self.scan.pop();
                self.total -= last.blank;
            }
        }
        self.scan.push(self.tokens.len());
        self.tokens.push((Token::End, -1));
    }

    pub(super) fn word(&mut self, word: &'a str) {
        let len = word.len() as isize;
        self.tokens.push((Token::Word(word), len));
        self.total += len;
    }

    fn scan_break(&mut self, token: Break) {
        self.size_pending();
        self.scan.push(self.tokens.len());
        self.tokens.push((Token::Break(token), -self.total));
        self.total += token.blank;
    }

    /// Sizes the last break of the open box and the boxes closed since:
    /// they reach up to here.
    fn size_pending(&mut self) {
        let mut depth = 0usize;
        while let Some(&i) = self.scan.last() {
            let (token, size) = &mut self.tokens[i];
            match token {
                Token::Begin { .. } => {
                    if depth == 0 {
                        break;
                    }
                    self.scan.pop();
                    *size += self.total;
                    depth -= 1;
                }
                Token::End => {
                    self.scan.pop();
                    *size = 1;
                    depth += 1;
                }
                Token::Break(_) => {
                    self.scan.pop();
                    *size += self.total;
                    if depth == 0 {
                        break;
                    }
                }
                Token::Word(_) => unreachable!("words are never pending"),
            }
        }
    }

    pub(super) fn zerobreak(&mut self) {
        self.scan_break(Break::default());
    }

    pub(super) fn space(&mut self) {
        self.scan_break(Break { blank: 1, ..Break::default() });
    }

    pub(super) fn hardbreak(&mut self) {
        self.scan_break(Break { blank: INFINITY, ..Break::default() });
    }

    pub(super) fn hardbreak_if_nonempty(&mut self) {
        self.scan_break(Break { blank: INFINITY, if_nonempty: true, ..Break::default() });
    }

    pub(super) fn neverbreak(&mut self) {
        self.scan_break(Break { never: true, ..Break::default() });
    }

    /// A `,` when the break is taken; `, ` and a break when not last.
    pub(super) fn trailing_comma(&mut self, is_last: bool) {
        if is_last {
            self.scan_break(Break { pre_break: Some(','), ..Break::default() });
        } else {
            self.word(",");
            self.space();
        }
    }

    /// The break before a `.` of a method call or field.
    pub(super) fn dot_break(&mut self) {
        let after_dot = self.tokens.iter().rev().find_map(|(t, _)| match t {
            Token::Word(w) => Some(w.ends_with('.')),
            _ => None,
        });
        self.scan_break(Break { no_break: after_dot.unwrap_or(false).then_some(' '), ..Break::default() });
    }

    /// The breaks around a closure's body, which gets braces when they
    /// are taken.
    pub(super) fn brace_break(&mut self, open: bool) {
        let token = match open {
            true => Break { pre_break: Some('{'), ..Break::default() },
            false => Break { offset: -INDENT, post_break: "}", ..Break::default() },
        };
        self.scan_break(token);
    }

    /// Moves the indent of the line the last break starts.
    pub(super) fn offset(&mut self, offset: isize) {
        if let Some((Token::Break(last), _)) = self.tokens.last_mut() {
            last.offset += offset;
        }
    }

    /// The text, laid out; `None` where an indent would fall below the
    /// margin's left edge (prettyplease fails there).
    pub(super) fn finish(mut self) -> Option<String> {
        self.size_pending();
        let mut out = String::new();
        let mut space = MARGIN;
        let mut indent = 0isize;
        let mut pending = 0isize;
        let mut stack: Vec<Frame> = Vec::new();
        for (token, size) in self.tokens {
            match token {
                Token::Word(word) => {
                    out.extend(std::iter::repeat_n(' ', pending as usize));
                    pending = 0;
                    out.push_str(word);
                    space -= word.len() as isize;
                }
                Token::Begin { offset, consistent } => {
                    if size > space {
                        stack.push(Frame::Broken { indent, consistent });
                        indent += offset;
                        if indent < 0 {
                            return None;
                        }
                    } else {
                        stack.push(Frame::Fits);
                    }
                }
                Token::End => {
                    if let Some(Frame::Broken { indent: outer, .. }) = stack.pop() {
                        indent = outer;
                    }
                }
                Token::Break(token) => {
                    let fits = token.never
                        || match stack.last() {
                            Some(Frame::Fits) => true,
                            Some(Frame::Broken { consistent: true, .. }) => false,
                            Some(Frame::Broken { consistent: false, .. }) | None => size <= space,
                        };
                    if fits {
                        pending += token.blank;
                        space -= token.blank;
                        if let Some(c) = token.no_break {
                            out.push(c);
                            space -= c.len_utf8() as isize;
                        }
                    } else {
                        if let Some(c) = token.pre_break {
                            out.extend(std::iter::repeat_n(' ', pending as usize));
                            out.push(c);
                        }
                        out.push('\n');
                        pending = indent + token.offset;
                        if pending < 0 {
                            return None;
                        }
                        space = (MARGIN - pending).max(MIN_SPACE);
                        if !token.post_break.is_empty() {
                            out.extend(std::iter::repeat_n(' ', pending as usize));
                            pending = 0;
                            out.push_str(token.post_break);
                            space -= token.post_break.len() as isize;
                        }
                    }
                }
            }
        }
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `words` in a box of `offset`, with a space break between them.
    fn laid_out(words: &[&str], offset: isize, consistent: bool) -> Option<String> {
        let mut p = Printer::default();
        if consistent {
            p.cbox(offset);
        } else {
            p.ibox(offset);
        }
        for (i, word) in words.iter().enumerate() {
            if i > 0 {
                p.space();
            }
            p.word(word);
        }
        p.end();
        p.finish()
    }

    #[test]
    fn boxes_break_all_or_as_needed() {
        let long = "x".repeat(44);
        let words = [long.as_str(), long.as_str(), "y"];
        assert_eq!(laid_out(&["a", "b"], INDENT, true).as_deref(), Some("a b"));
        // 44 + 1 + 44 fill the margin; the ` y` does not fit.
        assert_eq!(laid_out(&words, INDENT, false), Some(format!("{long} {long}\n    y")));
        assert_eq!(laid_out(&words, INDENT, true), Some(format!("{long}\n    {long}\n    y")));
    }

    #[test]
    fn an_indent_left_of_the_margin_is_refused() {
        let long = "x".repeat(60);
        assert_eq!(laid_out(&[&long, &long], -INDENT, true), None);
    }
}
