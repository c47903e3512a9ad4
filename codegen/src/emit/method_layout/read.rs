//! Tokens read into the shapes of `mod.rs`, or `None` for any other shape.

use super::super::compact::doc_text;
use super::super::flat;
use super::{Attr, Expr, Item, Method, Path, Stmt, Ty};
use proc_macro2::{Delimiter, TokenStream, TokenTree};

/// Tokens read front to back. They are held in reverse and each is moved
/// out as it is read: a group's tokens are then its own, not a copy
/// (`proc_macro2` copies a group's tokens to iterate a shared stream).
pub(super) struct Reader {
    reversed: Vec<TokenTree>,
}

fn is_punct(tt: Option<&TokenTree>, c: char) -> bool {
    matches!(tt, Some(TokenTree::Punct(p)) if p.as_char() == c)
}

fn is_ident(tt: Option<&TokenTree>, word: &str) -> bool {
    matches!(tt, Some(TokenTree::Ident(i)) if i == word)
}

impl Reader {
    pub(super) fn new(tokens: TokenStream) -> Self {
        let mut reversed: Vec<TokenTree> = tokens.into_iter().collect();
        reversed.reverse();
        Reader { reversed }
    }

    pub(super) fn done(&self) -> bool {
        self.reversed.is_empty()
    }

    fn peek(&self) -> Option<&TokenTree> {
        self.reversed.last()
    }

    fn peek_at(&self, n: usize) -> Option<&TokenTree> {
        self.reversed.len().checked_sub(n + 1).map(|i| &self.reversed[i])
    }

    fn next(&mut self) -> Option<TokenTree> {
        self.reversed.pop()
    }

    fn skip(&mut self, n: usize) {
        let left = self.reversed.len().saturating_sub(n);
        self.reversed.truncate(left);
    }

    fn punct(&mut self, c: char) -> Option<()> {
        is_punct(self.peek(), c).then(|| self.skip(1))
    }

    fn keyword(&mut self, word: &str) -> Option<()> {
        is_ident(self.peek(), word).then(|| self.skip(1))
    }

    fn ident(&mut self) -> Option<String> {
        match self.next()? {
            TokenTree::Ident(i) => Some(i.to_string()),
            _ => None,
        }
    }

    fn group(&mut self, delimiter: Delimiter) -> Option<Reader> {
        match self.next()? {
            TokenTree::Group(g) if g.delimiter() == delimiter => {
                let stream = g.stream();
                // The stream's only owner now: iterating it moves its tokens.
                drop(g);
                Some(Reader::new(stream))
            }
            _ => None,
        }
    }

    fn path_sep(&self) -> bool {
        is_punct(self.peek(), ':') && is_punct(self.peek_at(1), ':')
    }

    pub(super) fn item(&mut self) -> Option<Item> {
        let attrs = self.attrs()?;
        if is_ident(self.peek(), "pub") && is_ident(self.peek_at(1), "struct") {
            self.skip(2);
            let name = self.ident()?;
            let mut body = self.group(Delimiter::Brace)?;
            let mut fields = Vec::new();
            while !body.done() {
                let attrs = body.attrs()?;
                body.keyword("pub")?;
                let name = body.ident()?;
                body.punct(':')?;
                fields.push((attrs, name, body.ty()?));
                if !body.done() {
                    body.punct(',')?;
                }
            }
            return Some(Item::Struct(attrs, name, fields));
        }
        if self.keyword("impl").is_none() {
            return Some(Item::Fn(self.method(attrs)?));
        }
        let ty = self.ty()?;
        let mut body = self.group(Delimiter::Brace)?;
        let mut methods = Vec::new();
        while !body.done() {
            let attrs = body.attrs()?;
            methods.push(body.method(attrs)?);
        }
        Some(Item::Impl(attrs, ty, methods))
    }

    fn attrs(&mut self) -> Option<Vec<Attr>> {
        let mut attrs = Vec::new();
        while is_punct(self.peek(), '#') {
            let pound = self.next()?;
            let attr = self.next()?;
            match doc_text(&attr) {
                // prettyplease's `///` line; other docs become block comments.
                Some(doc) if !doc.contains('\n') && !doc.starts_with('/') => {
                    attrs.push(Attr::Doc(doc.trim_end_matches(' ').to_string()))
                }
                Some(_) => return None,
                None => attrs.push(Attr::Line(flat::attr_line(pound, attr)?)),
            }
        }
        Some(attrs)
    }

    fn method(&mut self, attrs: Vec<Attr>) -> Option<Method> {
        self.keyword("pub")?;
        self.keyword("fn")?;
        let name = self.ident()?;
        let mut lifetimes = Vec::new();
        if self.punct('<').is_some() {
            loop {
                lifetimes.push(self.lifetime()?);
                if self.punct(',').is_some() && !is_punct(self.peek(), '>') {
                    continue;
                }
                self.punct('>')?;
                break;
            }
        }
        let mut args = self.group(Delimiter::Parenthesis)?;
        let receiver = match (args.peek(), args.peek_at(1)) {
            (Some(TokenTree::Punct(p)), next) if p.as_char() == '&' && is_ident(next, "self") => Some("&"),
            (Some(TokenTree::Ident(i)), next) if i == "mut" && is_ident(next, "self") => Some("mut "),
            _ => None,
        };
        if receiver.is_some() {
            args.skip(2);
            if !args.done() {
                args.punct(',')?;
            }
        }
        let mut typed = Vec::new();
        while !args.done() {
            let name = args.ident()?;
            args.punct(':')?;
            typed.push((name, args.ty()?));
            if !args.done() {
                args.punct(',')?;
            }
        }
        self.punct('-')?;
        self.punct('>')?;
        let output = self.ty()?;
        let mut body = self.group(Delimiter::Brace)?;
        let mut stmts = Vec::new();
        let value = loop {
            if body.keyword("if").is_some() {
                stmts.push(body.if_let()?);
                continue;
            }
            if body.keyword("let").is_some() {
                let mutable = body.keyword("mut").is_some();
                let name = body.ident()?;
                body.punct('=')?;
                let init = body.expr()?;
                body.punct(';')?;
                stmts.push(Stmt::Let(mutable, name, init));
                continue;
            }
            let expr = body.expr()?;
            if body.punct('=').is_none() {
                break expr;
            }
            let value = body.expr()?;
            body.punct(';')?;
            stmts.push(Stmt::Assign(expr, value));
        };
        if !body.done() {
            return None;
        }
        Some(Method { attrs, name, lifetimes, receiver, args: typed, output, stmts, value })
    }

    /// `let Ctor(binding) = value { place = value; ... }`, after the `if`.
    fn if_let(&mut self) -> Option<Stmt> {
        self.keyword("let")?;
        let ctor = self.path(true)?;
        let mut inner = self.group(Delimiter::Parenthesis)?;
        let binding = inner.ident()?;
        if !inner.done() {
            return None;
        }
        self.punct('=')?;
        let value = self.expr()?;
        let mut block = self.group(Delimiter::Brace)?;
        let mut then = Vec::new();
        while !block.done() {
            let place = block.expr()?;
            block.punct('=')?;
            let value = block.expr()?;
            block.punct(';')?;
            then.push(Stmt::Assign(place, value));
        }
        // An `else` is left to prettyplease.
        if is_ident(self.peek(), "else") {
            return None;
        }
        Some(Stmt::IfLet { ctor, binding, value, then })
    }

    /// `'name`, as `name`.
    fn lifetime(&mut self) -> Option<String> {
        self.punct('\'')?;
        self.ident()
    }

    fn ty(&mut self) -> Option<Ty> {
        if self.punct('&').is_some() {
            let lifetime = if is_punct(self.peek(), '\'') { Some(self.lifetime()?) } else { None };
            // `&mut` is left to prettyplease.
            if is_ident(self.peek(), "mut") {
                return None;
            }
            return Some(Ty::Ref(lifetime, Box::new(self.ty()?)));
        }
        match self.peek()? {
            TokenTree::Group(g) if g.delimiter() == Delimiter::Bracket => {
                let mut inner = self.group(Delimiter::Bracket)?;
                let elem = inner.ty()?;
                inner.done().then(|| Ty::Slice(Box::new(elem)))
            }
            TokenTree::Group(g) if g.delimiter() == Delimiter::Parenthesis => {
                let mut inner = self.group(Delimiter::Parenthesis)?;
                let mut elems = Vec::new();
                while !inner.done() {
                    elems.push(inner.ty()?);
                    if !inner.done() {
                        inner.punct(',')?;
                    }
                }
                Some(Ty::Tuple(elems))
            }
            TokenTree::Ident(i) if i == "impl" => {
                self.skip(1);
                let bound = self.path(false)?;
                // One bound: `+` is left to prettyplease.
                (!is_punct(self.peek(), '+')).then_some(Ty::Impl(bound))
            }
            TokenTree::Ident(i) if matches!(i.to_string().as_str(), "dyn" | "fn" | "mut") => None,
            _ => Some(Ty::Path(self.path(false)?)),
        }
    }

    /// Types up to the `>` closing generic arguments.
    fn generic_args(&mut self) -> Option<Vec<Ty>> {
        let mut args = Vec::new();
        loop {
            args.push(self.ty()?);
            if self.punct(',').is_some() && !is_punct(self.peek(), '>') {
                continue;
            }
            self.punct('>')?;
            return Some(args);
        }
    }

    /// A path; in an expression (`expr`) generic arguments follow `::`.
    fn path(&mut self, expr: bool) -> Option<Path> {
        let leading = self.path_sep();
        if leading {
            self.skip(2);
        }
        let mut segments = Vec::new();
        loop {
            let name = self.ident()?;
            let mut args = Vec::new();
            let turbofish = expr && self.path_sep() && is_punct(self.peek_at(2), '<');
            if turbofish {
                self.skip(2);
            }
            if (turbofish || !expr) && self.punct('<').is_some() {
                args = self.generic_args()?;
            }
            segments.push((name, args));
            if !self.path_sep() {
                break;
            }
            self.skip(2);
        }
        Some(Path { leading, segments })
    }

    /// Expressions separated by commas, up to the end of a group.
    fn exprs(mut inner: Reader) -> Option<Vec<Expr>> {
        let mut exprs = Vec::new();
        while !inner.done() {
            exprs.push(inner.expr()?);
            if !inner.done() {
                inner.punct(',')?;
            }
        }
        Some(exprs)
    }

    fn expr(&mut self) -> Option<Expr> {
        if self.punct('&').is_some() {
            if is_ident(self.peek(), "mut") {
                return None;
            }
            return Some(Expr::Ref(Box::new(self.expr()?)));
        }
        if self.punct('|').is_some() {
            let mut inputs = Vec::new();
            while self.punct('|').is_none() {
                inputs.push(self.ident()?);
                if !is_punct(self.peek(), '|') {
                    self.punct(',')?;
                }
            }
            let body = self.expr()?;
            // prettyplease braces a broken body only where it reads as a
            // statement: a chain on a name.
            return body.on_a_name().then(|| Expr::Closure(inputs, Box::new(body)));
        }
        let mut expr = match self.peek()? {
            TokenTree::Literal(l) => {
                let text = l.to_string();
                let simple = text.bytes().all(|b| b.is_ascii_digit());
                // Strings and integers; other literals are left to prettyplease.
                if !simple && !text.starts_with('"') {
                    return None;
                }
                self.skip(1);
                Expr::Lit { text, simple }
            }
            TokenTree::Ident(i) if i == "true" || i == "false" => {
                let text = i.to_string();
                self.skip(1);
                Expr::Lit { text, simple: true }
            }
            TokenTree::Group(g) if g.delimiter() == Delimiter::Bracket => {
                Expr::Array(Self::exprs(self.group(Delimiter::Bracket)?)?)
            }
            TokenTree::Group(g) if g.delimiter() == Delimiter::Parenthesis => {
                let inner = self.group(Delimiter::Parenthesis)?;
                // `(x)` is a parenthesized value, not a tuple.
                let tuple = inner.done() || inner.reversed.iter().any(|tt| is_punct(Some(tt), ','));
                if !tuple {
                    return None;
                }
                Expr::Tuple(Self::exprs(inner)?)
            }
            TokenTree::Ident(i) if matches!(i.to_string().as_str(), "if" | "match" | "let" | "move" | "return") => {
                return None
            }
            TokenTree::Ident(_) | TokenTree::Punct(_) => Expr::Path(self.path(true)?),
            TokenTree::Group(_) => return None,
        };
        loop {
            match self.peek() {
                Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Parenthesis => {
                    let args = Self::exprs(self.group(Delimiter::Parenthesis)?)?;
                    expr = Expr::Call(Box::new(expr), args);
                }
                Some(TokenTree::Punct(p)) if p.as_char() == '.' => {
                    self.skip(1);
                    let name = self.ident()?;
                    let mut turbofish = Vec::new();
                    if self.path_sep() && is_punct(self.peek_at(2), '<') {
                        self.skip(3);
                        turbofish = self.generic_args()?;
                    }
                    expr = match self.peek() {
                        Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Parenthesis => {
                            let args = Self::exprs(self.group(Delimiter::Parenthesis)?)?;
                            Expr::Method { receiver: Box::new(expr), name, turbofish, args }
                        }
                        _ if turbofish.is_empty() => Expr::Field(Box::new(expr), name),
                        _ => return None,
                    };
                }
                // The block after an `if` condition ends it.
                Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Brace => return Some(expr),
                // Indexing, `?`, an operator: left to prettyplease.
                Some(TokenTree::Group(_)) => return None,
                Some(TokenTree::Punct(p)) if !matches!(p.as_char(), ',' | ';' | '=') => return None,
                _ => return Some(expr),
            }
        }
    }
}

impl Expr {
    /// A chain of method calls and fields on a name (prettyplease's
    /// `parseable_as_stmt` and not `is_blocklike`, for the expressions
    /// read here): the only closure bodies read.
    fn on_a_name(&self) -> bool {
        match self {
            Expr::Method { receiver, .. } => receiver.on_a_name(),
            Expr::Field(base, _) => base.on_a_name(),
            Expr::Path(_) => true,
            _ => false,
        }
    }
}
