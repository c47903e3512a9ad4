//! The shapes of `mod.rs` sent to [`Printer`] as prettyplease's printer
//! receives them, function by function (the names in the docs are
//! prettyplease's).

use super::super::flat;
use super::super::pretty::{Printer, INDENT};
use super::{Attr, Expr, Item, Method, Path, Stmt, Ty};

impl Item {
    /// prettyplease's `item_fn` and `item_impl`.
    pub(super) fn print<'a>(&'a self, p: &mut Printer<'a>) -> Option<()> {
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
