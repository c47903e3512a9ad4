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

//!
//! `read.rs` reads tokens into the shapes below; `print.rs` sends the
//! shapes to the printer.

mod print;
mod read;
#[cfg(test)]
mod tests;

use super::pretty::{Printer, INDENT};
use proc_macro2::TokenStream;
use read::Reader;

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
