//! The operations' methods (`impl Client` items: thousands in a large
//! API) laid out as prettyplease lays them out, without the `syn` round
//! trip: their tokens are read into the few shapes the emitter writes
//! (attributes, a signature, `let` statements and a value made of paths,
//! calls, method chains, fields, references, literals, arrays and tuples),
//! which are sent to [`Printer`] as prettyplease's printer receives them
//! (the same boxes, breaks and words, function by function:
//! `impl_item_fn`, `signature`, `stmt`, `expr_method_call`, `call_args`,
//! ...). Anything else, and any attribute that does not fit on its line,
//! is left to prettyplease.

use super::compact::doc_text;
use super::flat;
use super::pretty::{Printer, INDENT};
use proc_macro2::{Delimiter, TokenStream, TokenTree};

/// The text prettyplease writes for `items`, functions with their outer
/// attributes at the top of a file, when it is written here.
pub fn items(items: TokenStream) -> Option<String> {
    // The file's box.
    laid_out(items, 0, "")
}

/// The text prettyplease writes for `items` (methods, with their outer
/// attributes) inside an `impl` block, when it is written here: each line
/// indented one level, as in the block. The tokens are taken, not
/// borrowed: tokens no other stream shares are read without a copy.
pub fn impl_items(items: TokenStream) -> Option<String> {
    // The block's box, broken: its items start on lines of their own.
    laid_out(items, INDENT, "{")
}

/// `items` in a box of `indent` opened by `open` (a line of its own, left
/// out of the text).
fn laid_out(items: TokenStream, indent: isize, open: &str) -> Option<String> {
    let mut reader = Reader::new(items);
    let mut read = Vec::new();
    while !reader.done() {
        read.push(reader.item()?);
    }
    let mut p = Printer::default();
    p.cbox(indent);
    if !open.is_empty() {
        p.word(open);
        p.hardbreak_if_nonempty();
    }
    for item in &read {
        item.print(&mut p)?;
    }
    p.end();
    let text = p.finish()?;
    match open {
        "" => Some(text),
        _ => Some(text.strip_prefix(open)?.strip_prefix('\n')?.to_string()),
    }
}

enum Item {
    Fn(Method),
    /// `impl Type { methods }`, with its attributes.
    Impl(Vec<Attr>, Ty, Vec<Method>),
    /// `pub struct Name { pub field: Type, ... }`, with its attributes.
    Struct(Vec<Attr>, String, Vec<(Vec<Attr>, String, Ty)>),
}

enum Attr {
    Doc(String),
    /// Another attribute, as its one line.
    Line(String),
}

struct Method {
    attrs: Vec<Attr>,
    name: String,
    /// Lifetime parameters, without their `'`.
    lifetimes: Vec<String>,
    /// What comes before `self` (`&`, `mut `), when the method takes it.
    receiver: Option<&'static str>,
    args: Vec<(String, Ty)>,
    output: Ty,
    stmts: Vec<Stmt>,
    value: Expr,
}

enum Stmt {
    /// `let [mut] name = value;`
    Let(bool, String, Expr),
    /// `place = value;`
    Assign(Expr, Expr),
    /// `if let Ctor(binding) = value { statements }`.
    IfLet { ctor: Path, binding: String, value: Expr, then: Vec<Stmt> },
}

enum Ty {
    Path(Path),
    /// A reference, with its lifetime (without the `'`).
    Ref(Option<String>, Box<Ty>),
    /// `impl Trait`.
    Impl(Path),
    Slice(Box<Ty>),
    Tuple(Vec<Ty>),
}

struct Path {
    leading: bool,
    /// Each segment and its generic arguments (in an expression, after `::`).
    segments: Vec<(String, Vec<Ty>)>,
}

enum Expr {
    /// A literal, as written; `simple` as prettyplease's `simple_array`
    /// counts it (integers and booleans).
    Lit {
        text: String,
        simple: bool,
    },
    Path(Path),
    Call(Box<Expr>, Vec<Expr>),
    Method {
        receiver: Box<Expr>,
        name: String,
        turbofish: Vec<Ty>,
        args: Vec<Expr>,
    },
    Field(Box<Expr>, String),
    Ref(Box<Expr>),
    Array(Vec<Expr>),
    Tuple(Vec<Expr>),
    /// `|inputs| body`, without a return type.
    Closure(Vec<String>, Box<Expr>),
}

/// Tokens read front to back. They are held in reverse and each is moved
/// out as it is read: a group's tokens are then its own, not a copy
/// (`proc_macro2` copies a group's tokens to iterate a shared stream).
struct Reader {
    reversed: Vec<TokenTree>,
}

fn is_punct(tt: Option<&TokenTree>, c: char) -> bool {
    matches!(tt, Some(TokenTree::Punct(p)) if p.as_char() == c)
}

fn is_ident(tt: Option<&TokenTree>, word: &str) -> bool {
    matches!(tt, Some(TokenTree::Ident(i)) if i == word)
}

impl Reader {
    fn new(tokens: TokenStream) -> Self {
        let mut reversed: Vec<TokenTree> = tokens.into_iter().collect();
        reversed.reverse();
        Reader { reversed }
    }

    fn done(&self) -> bool {
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

    fn item(&mut self) -> Option<Item> {
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

impl Item {
    /// prettyplease's `item_fn` and `item_impl`.
    fn print<'a>(&'a self, p: &mut Printer<'a>) -> Option<()> {
        let (attrs, ty, methods) = match self {
            Item::Fn(method) => return method.print(p),
            Item::Impl(attrs, ty, methods) => (attrs, ty, methods),
            Item::Struct(attrs, name, fields) => {
                // prettyplease's `item_struct` and `field`.
                print_attrs(p, attrs)?;
                p.cbox(INDENT);
                p.word("pub ");
                p.word("struct ");
                p.word(name);
                p.word(" ");
                p.word("{");
                p.hardbreak_if_nonempty();
                for (attrs, name, ty) in fields {
                    print_attrs(p, attrs)?;
                    p.word("pub ");
                    p.word(name);
                    p.word(": ");
                    ty.print(p);
                    p.word(",");
                    p.hardbreak();
                }
                p.offset(-INDENT);
                p.end();
                p.word("}");
                p.hardbreak();
                return Some(());
            }
        };
        print_attrs(p, attrs)?;
        p.cbox(INDENT);
        p.ibox(-INDENT);
        p.cbox(INDENT);
        p.word("impl");
        p.end();
        p.word(" ");
        ty.print(p);
        p.end();
        p.word(" ");
        p.word("{");
        p.hardbreak_if_nonempty();
        for method in methods {
            method.print(p)?;
        }
        p.offset(-INDENT);
        p.end();
        p.word("}");
        p.hardbreak();
        Some(())
    }
}

/// prettyplease's `outer_attrs`, for attributes that fit on their line.
fn print_attrs<'a>(p: &mut Printer<'a>, attrs: &'a [Attr]) -> Option<()> {
    for attr in attrs {
        match attr {
            Attr::Doc(doc) => {
                p.word("///");
                p.word(doc);
                p.hardbreak();
            }
            Attr::Line(line) => {
                // Its boxes fit only when the whole line does.
                if INDENT as usize + line.len() > flat::MARGIN {
                    return None;
                }
                p.word(line);
                p.space();
            }
        }
    }
    Some(())
}

impl Method {
    /// prettyplease's `impl_item_fn` and `signature`.
    fn print<'a>(&'a self, p: &mut Printer<'a>) -> Option<()> {
        print_attrs(p, &self.attrs)?;
        p.cbox(INDENT);
        p.word("pub ");
        p.word("fn ");
        p.word(&self.name);
        // prettyplease's `generics`.
        if !self.lifetimes.is_empty() {
            p.word("<");
            p.cbox(0);
            p.zerobreak();
            for (i, lifetime) in self.lifetimes.iter().enumerate() {
                p.word("'");
                p.word(lifetime);
                p.trailing_comma(i + 1 == self.lifetimes.len());
            }
            p.offset(-INDENT);
            p.end();
            p.word(">");
        }
        p.word("(");
        p.neverbreak();
        p.cbox(0);
        p.zerobreak();
        let count = self.args.len() + usize::from(self.receiver.is_some());
        let mut index = 0;
        if let Some(before) = self.receiver {
            p.word(before);
            p.word("self");
            index += 1;
            p.trailing_comma(index == count);
        }
        for (name, ty) in &self.args {
            p.word(name);
            p.word(": ");
            ty.print(p);
            index += 1;
            p.trailing_comma(index == count);
        }
        p.offset(-INDENT);
        p.end();
        p.word(")");
        p.cbox(-INDENT);
        p.word(" -> ");
        self.output.print(p);
        p.end();
        p.word(" ");
        p.word("{");
        p.hardbreak_if_nonempty();
        for stmt in &self.stmts {
            stmt.print(p);
        }
        p.ibox(0);
        self.value.print_beginning_of_line(p, true);
        p.end();
        p.hardbreak();
        p.offset(-INDENT);
        p.end();
        p.word("}");
        p.hardbreak();
        Some(())
    }
}

impl Stmt {
    /// prettyplease's `stmt`.
    fn print<'a>(&'a self, p: &mut Printer<'a>) {
        p.ibox(0);
        // A `let`'s `;` follows its box; an expression's is in it.
        match self {
            Stmt::Let(mutable, name, init) => {
                p.word("let ");
                if *mutable {
                    p.word("mut ");
                }
                p.word(name);
                p.word(" = ");
                p.neverbreak();
                init.print(p);
                p.end();
                p.word(";");
            }
            // prettyplease's `expr_assign`, in the statement's box.
            Stmt::Assign(place, value) => {
                p.ibox(0);
                place.print(p);
                p.word(" = ");
                p.neverbreak();
                value.print(p);
                p.end();
                p.word(";");
                p.end();
            }
            // prettyplease's `expr_if` without `else`, its
            // `expr_condition`, `expr_let` and `pat_tuple_struct`.
            Stmt::IfLet { ctor, binding, value, then } => {
                p.cbox(INDENT);
                p.word("if ");
                p.cbox(-INDENT);
                p.cbox(0);
                p.ibox(0);
                p.word("let ");
                p.ibox(0);
                ctor.print(p, true);
                p.word("(");
                p.cbox(INDENT);
                p.zerobreak();
                p.word(binding);
                p.trailing_comma(true);
                p.offset(-INDENT);
                p.end();
                p.word(")");
                p.end();
                p.word(" = ");
                p.neverbreak();
                p.ibox(0);
                value.print(p);
                p.end();
                p.end();
                if value.needs_newline_if_wrap() {
                    p.space();
                } else {
                    p.word(" ");
                }
                p.end();
                p.end();
                if then.is_empty() {
                    p.word("{}");
                } else {
                    p.word("{");
                    p.hardbreak();
                    for stmt in then {
                        stmt.print(p);
                    }
                    p.offset(-INDENT);
                    p.word("}");
                }
                p.end();
                p.end();
            }
        }
        p.hardbreak();
    }
}

impl Ty {
    /// prettyplease's `ty`.
    fn print<'a>(&'a self, p: &mut Printer<'a>) {
        match self {
            Ty::Path(path) => path.print(p, false),
            Ty::Ref(lifetime, elem) => {
                p.word("&");
                if let Some(lifetime) = lifetime {
                    p.word("'");
                    p.word(lifetime);
                    p.word(" ");
                }
                elem.print(p);
            }
            Ty::Impl(bound) => {
                p.word("impl ");
                bound.print(p, false);
            }
            Ty::Slice(elem) => {
                p.word("[");
                elem.print(p);
                p.word("]");
            }
            Ty::Tuple(elems) => tuple(p, elems, Ty::print),
        }
    }
}

/// prettyplease's `expr_tuple` and `type_tuple`.
fn tuple<'a, T>(p: &mut Printer<'a>, elems: &'a [T], print: fn(&'a T, &mut Printer<'a>)) {
    p.word("(");
    p.cbox(INDENT);
    p.zerobreak();
    for (i, elem) in elems.iter().enumerate() {
        print(elem, p);
        if elems.len() == 1 {
            p.word(",");
            p.zerobreak();
        } else {
            p.trailing_comma(i + 1 == elems.len());
        }
    }
    p.offset(-INDENT);
    p.end();
    p.word(")");
}

/// prettyplease's `angle_bracketed_generic_arguments`.
fn generic_args<'a>(p: &mut Printer<'a>, args: &'a [Ty], expr: bool) {
    if args.is_empty() {
        return;
    }
    if expr {
        p.word("::");
    }
    p.word("<");
    comma_list(p, args, Ty::print);
    p.word(">");
}

/// Items one per line with a trailing comma, or all on one line: the
/// arguments of a call or of generics, an array's elements.
fn comma_list<'a, T>(p: &mut Printer<'a>, items: &'a [T], print: fn(&'a T, &mut Printer<'a>)) {
    p.cbox(INDENT);
    p.zerobreak();
    for (i, item) in items.iter().enumerate() {
        print(item, p);
        p.trailing_comma(i + 1 == items.len());
    }
    p.offset(-INDENT);
    p.end();
}

impl Path {
    /// prettyplease's `path`.
    fn print<'a>(&'a self, p: &mut Printer<'a>, expr: bool) {
        for (i, (name, args)) in self.segments.iter().enumerate() {
            if i > 0 || self.leading {
                p.word("::");
            }
            p.word(name);
            generic_args(p, args, expr);
        }
    }
}

impl Expr {
    /// prettyplease's `is_short_ident`.
    fn is_short_ident(&self) -> bool {
        match self {
            Expr::Path(Path { leading: false, segments }) => {
                matches!(segments.as_slice(), [(name, args)] if args.is_empty() && name.len() as isize <= INDENT)
            }
            _ => false,
        }
    }

    /// prettyplease's `expr`.
    fn print<'a>(&'a self, p: &mut Printer<'a>) {
        match self {
            Expr::Lit { text, .. } => p.word(text),
            Expr::Path(path) => path.print(p, true),
            Expr::Call(func, args) => {
                func.print_beginning_of_line(p, false);
                p.word("(");
                call_args(p, args);
                p.word(")");
            }
            Expr::Method { .. } => self.method_call(p, false),
            Expr::Field(..) => {
                p.cbox(INDENT);
                self.prefix_field(p, false);
                p.end();
            }
            Expr::Ref(inner) => {
                p.word("&");
                inner.print(p);
            }
            Expr::Array(elems) => array(p, elems),
            Expr::Tuple(elems) => tuple(p, elems, Expr::print),
            Expr::Closure(inputs, body) => {
                // prettyplease's `expr_closure`, for a body it wraps in
                // braces when broken.
                p.ibox(0);
                p.cbox(INDENT);
                p.word("|");
                for (i, input) in inputs.iter().enumerate() {
                    if i == 0 {
                        p.zerobreak();
                    }
                    p.word(input);
                    if i + 1 < inputs.len() {
                        p.word(",");
                        p.space();
                    }
                }
                p.word("|");
                p.space();
                p.offset(-INDENT);
                p.end();
                p.neverbreak();
                p.cbox(INDENT);
                p.brace_break(true);
                body.print(p);
                p.brace_break(false);
                p.end();
                p.end();
            }
        }
    }

    /// prettyplease's `needs_newline_if_wrap`, for the expressions read
    /// here.
    fn needs_newline_if_wrap(&self) -> bool {
        match self {
            Expr::Field(..) | Expr::Method { .. } => true,
            Expr::Call(inner, _) | Expr::Ref(inner) => inner.needs_newline_if_wrap(),
            Expr::Lit { .. } | Expr::Path(_) | Expr::Array(_) | Expr::Tuple(_) | Expr::Closure(..) => false,
        }
    }

    /// A chain of method calls and fields on a name (prettyplease's
    /// `parseable_as_stmt` and not `is_blocklike`, for the expressions
    /// read here).
    fn on_a_name(&self) -> bool {
        match self {
            Expr::Method { receiver, .. } => receiver.on_a_name(),
            Expr::Field(base, _) => base.on_a_name(),
            Expr::Path(_) => true,
            _ => false,
        }
    }

    /// prettyplease's `expr_beginning_of_line`.
    fn print_beginning_of_line<'a>(&'a self, p: &mut Printer<'a>, beginning_of_line: bool) {
        match self {
            Expr::Method { .. } => self.method_call(p, beginning_of_line),
            Expr::Field(..) => {
                p.cbox(INDENT);
                self.prefix_field(p, beginning_of_line);
                p.end();
            }
            _ => self.print(p),
        }
    }

    /// prettyplease's `expr_method_call`.
    fn method_call<'a>(&'a self, p: &mut Printer<'a>, beginning_of_line: bool) {
        let Expr::Method { receiver, .. } = self else { return self.print(p) };
        p.cbox(INDENT);
        let unindent = beginning_of_line && receiver.is_short_ident();
        self.prefix_method_call(p, beginning_of_line, unindent);
        p.end();
    }

    /// prettyplease's `prefix_subexpr_method_call`.
    fn prefix_method_call<'a>(&'a self, p: &mut Printer<'a>, beginning_of_line: bool, unindent: bool) {
        let Expr::Method { receiver, name, turbofish, args } = self else { return self.print(p) };
        receiver.prefix(p, beginning_of_line);
        if !(beginning_of_line && receiver.is_short_ident()) {
            p.dot_break();
        }
        p.word(".");
        p.word(name);
        generic_args(p, turbofish, true);
        p.cbox(if unindent { -INDENT } else { 0 });
        p.word("(");
        call_args(p, args);
        p.word(")");
        p.end();
    }

    /// prettyplease's `prefix_subexpr_field`.
    fn prefix_field<'a>(&'a self, p: &mut Printer<'a>, beginning_of_line: bool) {
        let Expr::Field(base, member) = self else { return self.print(p) };
        base.prefix(p, beginning_of_line);
        if !(beginning_of_line && base.is_short_ident()) {
            p.dot_break();
        }
        p.word(".");
        p.word(member);
    }

    /// prettyplease's `prefix_subexpr`.
    fn prefix<'a>(&'a self, p: &mut Printer<'a>, beginning_of_line: bool) {
        match self {
            Expr::Call(func, args) => {
                func.prefix(p, false);
                p.word("(");
                call_args(p, args);
                p.word(")");
            }
            Expr::Field(..) => self.prefix_field(p, beginning_of_line),
            Expr::Method { .. } => self.prefix_method_call(p, beginning_of_line, false),
            _ => {
                p.cbox(-INDENT);
                self.print(p);
                p.end();
            }
        }
    }
}

/// prettyplease's `call_args`.
fn call_args<'a>(p: &mut Printer<'a>, args: &'a [Expr]) {
    if let [only @ (Expr::Array(_) | Expr::Tuple(_) | Expr::Closure(..))] = args {
        return only.print(p);
    }
    comma_list(p, args, Expr::print);
}

/// prettyplease's `expr_array`.
fn array<'a>(p: &mut Printer<'a>, elems: &'a [Expr]) {
    if elems.is_empty() {
        return p.word("[]");
    }
    if elems.iter().all(|e| matches!(e, Expr::Lit { simple: true, .. })) {
        p.cbox(INDENT);
        p.word("[");
        p.zerobreak();
        p.ibox(0);
        for (i, elem) in elems.iter().enumerate() {
            elem.print(p);
            if i + 1 < elems.len() {
                p.word(",");
                p.space();
            }
        }
        p.end();
        p.trailing_comma(true);
        p.offset(-INDENT);
        p.word("]");
        p.end();
    } else {
        p.word("[");
        comma_list(p, elems, Expr::print);
        p.word("]");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::{format_ident, quote};

    /// prettyplease's text of `methods` in an `impl` block, without the
    /// block's first and last lines.
    fn pretty(methods: &TokenStream) -> String {
        let file: syn::File = syn::parse2(quote!(impl crate::Client { #methods })).expect("the test's tokens are Rust");
        let text = prettyplease::unparse(&file);
        text.strip_prefix("impl crate::Client {\n").and_then(|t| t.strip_suffix("}\n")).expect("one block").to_string()
    }

    /// Asserts that `methods` is laid out here, as prettyplease does.
    fn same(methods: TokenStream) -> String {
        let text = impl_items(methods.clone());
        assert_eq!(text.as_deref(), Some(pretty(&methods).as_str()), "{methods}");
        text.unwrap_or_default()
    }

    fn method(name: &str, ret: &str, chain: usize, wire: &str) -> TokenStream {
        let name = format_ident!("{}", name);
        let ret = format_ident!("{}", ret);
        let calls = (0..chain).map(|i| {
            let field = format_ident!("field_{}", i);
            quote!(.query_opt(#wire, params.#field.as_ref()))
        });
        let op = name.to_string();
        quote! {
            #[cfg(feature = "zones")]
            #[doc = r" Lists the zones."]
            #[doc = r""]
            #[doc = " `GET /zones/{zone_id}`  "]
            #[inline]
            pub fn #name(&self, zone_id: &str, params: &types::ZonesListParams) -> Request<runtime::Envelope<Vec<types::#ret>>> {
                let path = PathBuilder::new().literal("/zones/").param("zone_id", zone_id).literal("/settings");
                Request::of(self, Method::GET, path).operation(#op) #(#calls)*
            }
        }
    }

    #[test]
    fn methods_of_every_length_are_laid_out_as_prettyplease_does() {
        // Around the margin, each part breaks on its own: the signature,
        // the path's chain, the request's chain, one call's arguments.
        for n in [1, 5, 10, 20, 30, 40, 45, 50, 55, 60, 65, 70, 75, 80, 90] {
            let name = "a".repeat(n);
            let ret = format!("Z{}", "z".repeat(n / 2));
            for chain in [0, 1, 3] {
                same(method(&name, &ret, chain, "q"));
                same(method(&name, &ret, chain, &"w".repeat(n)));
            }
        }
        let broken = same(method(&"a".repeat(70), "Zone", 2, "page"));
        assert!(broken.contains("        Request::of(self, Method::GET, path)\n            .operation(\n"), "{broken}");
    }

    #[test]
    fn arrays_tuples_turbofish_and_bodies_are_laid_out_as_prettyplease_does() {
        for n in [1, 30, 60, 90] {
            let long = "s".repeat(n);
            same(quote! {
                #[deprecated]
                #[inline]
                pub fn f(&self, body: &[u8], ids: &[String], pair: (i64, &str)) -> Request<()> {
                    let path = PathBuilder::new();
                    Request::of(self, Method::POST, path)
                        .operation("f")
                        .security(&[&["api_email", "api_key"], &[#long]])
                        .error_bodies(&[("404", runtime::decode_error_body::<types::NotFound>), ("4XX", runtime::decode_error_body::<::serde_json::Value>)])
                        .query_array("ids", &params.ids, Some(","))
                        .header_object("x", params.x.as_ref(), true)
                        .bytes_body(body, "application/octet-stream")
                }
            });
            same(quote! {
                #[inline]
                pub fn pages(&self, zone_id: &str) -> runtime::Pages<types::Zone, types::ResultInfo> {
                    runtime::Pages::with_metadata(self.list(zone_id), runtime::Paging::numbered(&["result", #long], "page"))
                }
                pub fn e(&self) -> runtime::EventsRequest<::serde_json::Value> {
                    runtime::EventsRequest::json(self.g())
                }
                pub fn numbers(&self) -> Request<()> {
                    Request::of(self, Method::GET, path).codes(&[200, 201, 202, 203, 204, 205, 206, 207, 208, 226, 300, 301, 302, 303])
                }
            });
        }
    }

    #[test]
    fn optional_steps_are_laid_out_as_prettyplease_does() {
        for n in [1, 30, 60, 80] {
            let long = format_ident!("{}", "b".repeat(n));
            same(quote! {
                #[inline]
                pub fn f(&self, body: Option<&types::Body>) -> Request<()> {
                    let mut request = Request::of(self, Method::POST, path).operation("f");
                    if let Some(#long) = body { request = request.json_body(#long); }
                    if let Some(x) = params.#long.as_ref() { request = request.query("x", x).query(#long, x); request = request.header("y", x); }
                    request
                }
            });
        }
    }

    #[test]
    fn parameter_structs_are_laid_out_as_prettyplease_does() {
        for n in [1, 30, 60, 80] {
            let ty = format_ident!("{}", "T".repeat(n));
            let field = format_ident!("{}", "f".repeat(n / 2 + 1));
            let strukt = quote! {
                #[cfg(feature = "radar")]
                #[doc = r" Query and header parameters."]
                #[derive(Debug, Clone, Default,)]
                #[non_exhaustive]
                pub struct RadarParams {
                    #[doc = r" The limit."]
                    pub limit: Option<i64>,
                    pub #field: Option<::std::collections::BTreeMap<String, Vec<types::#ty>>>,
                }
                pub struct Empty {}
            };
            let file: syn::File = syn::parse2(strukt.clone()).expect("the test's tokens are Rust");
            assert_eq!(items(strukt.clone()), Some(prettyplease::unparse(&file)), "{strukt}");
        }
    }

    #[test]
    fn setters_are_laid_out_as_prettyplease_does() {
        for n in [1, 20, 40, 60, 80] {
            let ty = format_ident!("{}", "T".repeat(n));
            let setter = format_ident!("{}", "s".repeat(n / 2 + 1));
            let setters = quote! {
                #[cfg(feature = "radar")]
                impl RadarParams {
                    #[doc = r" Sets `limit`."]
                    pub fn limit(mut self, value: impl Into<i64>) -> Self {
                        self.limit = Some(value.into());
                        self
                    }
                    pub fn #setter(mut self, value: impl Into<Vec<types::#ty>>) -> Self {
                        self.#setter = Some(value.into());
                        self
                    }
                }
            };
            let file: syn::File = syn::parse2(setters.clone()).expect("the test's tokens are Rust");
            assert_eq!(items(setters.clone()), Some(prettyplease::unparse(&file)), "{setters}");
        }
    }

    #[test]
    fn mocks_are_laid_out_as_prettyplease_does() {
        for n in [1, 20, 40, 60, 80] {
            let name = format_ident!("{}", "m".repeat(n));
            let ty = format_ident!("{}", "T".repeat(n / 2 + 1));
            let route = format!("GET /zones/{{zone_id}}/{}", "r".repeat(n));
            for calls in [0usize, 1, 4] {
                let calls = (0..calls).map(|i| {
                    let field = format_ident!("f{}", i);
                    quote!(.query_opt("f", params.#field.as_ref().map(json_text)))
                });
                let encoder = (n % 40 == 0).then(|| quote!(.encoded_by(|request, params| request #(#calls)*)));
                let function = quote! {
                    #[cfg(feature = "zones")]
                    #[doc = r" Mock of [`Client::list`](crate::Client::list)."]
                    pub fn #name<'a>() -> Mock<runtime::Envelope<Vec<types::#ty>>, (&'a str, &'a str), types::Params, JsonBody<::serde_json::Value>> {
                        Mock::new(#route) #encoder
                    }
                    pub fn plain() -> Mock<()> {
                        Mock::new("GET /")
                    }
                };
                let file: syn::File = syn::parse2(function.clone()).expect("the test's tokens are Rust");
                assert_eq!(items(function.clone()), Some(prettyplease::unparse(&file)), "{function}");
            }
        }
    }

    #[test]
    fn shapes_it_does_not_know_are_left_to_prettyplease() {
        let struct_literal = quote! {
            pub fn f(&self) -> Request<()> {
                let path = PathBuilder::new().param_styled("a", a, runtime::PathStyle::Label { explode: false });
                Request::of(self, Method::GET, path)
            }
        };
        let if_else = quote! {
            pub fn f(&self, body: Option<&Body>) -> Request<()> {
                let mut request = Request::of(self, Method::GET, path);
                if let Some(body) = body { request = request.json_body(body); } else { request = request.empty(); }
                request
            }
        };
        let impl_trait = quote!(
            pub fn f(&self, body: impl Into<runtime::Multipart> + Send) -> Request<()> {
                g(body.into())
            }
        );
        let long_cfg = quote! {
            #[cfg(any(feature = "aaaaaaaaaaaaaaaaaaaaaaaaa", feature = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"))]
            pub fn f(&self) -> Request<()> { g() }
        };
        let block_doc = quote! {
            #[doc = "/ starts with a slash"]
            pub fn f(&self) -> Request<()> { g() }
        };
        for tokens in [struct_literal, if_else, impl_trait, long_cfg, block_doc] {
            assert_eq!(impl_items(tokens.clone()), None, "{tokens}");
        }
    }

    #[test]
    fn a_block_of_methods_laid_out_both_ways_is_prettyplease_s() {
        let known = method("list", "Zone", 2, "page");
        let unknown = quote! {
            pub fn f(&self, body: Option<&Body>) -> Request<()> {
                let mut request = Request::of(self, Method::GET, path);
                if let Some(body) = body { request = request.json_body(body); } else { request = request.empty(); }
                request
            }
        };
        let methods = [known.clone(), unknown.clone(), unknown.clone(), known.clone(), unknown.clone()];
        let all: TokenStream = methods.iter().cloned().collect();
        let text = super::super::layout::client_impl("test", &methods, Clone::clone).expect("valid Rust");
        assert_eq!(text, format!("impl crate::Client {{\n{}}}\n", pretty(&all)));
    }
}
