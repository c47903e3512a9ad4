//! The one implementation of the runtime's `//@` directives (their syntax
//! is in the docs of `emit/runtime.rs`).
//!
//! Two builds read this file: the generator, which copies the runtime into
//! a crate, and the runtime crate's build script
//! (`codegen/runtime/crate/build.rs`, through `#[path]`), which compiles it
//! for the features it is built with. So it uses only `std`.

/// The flags a `//@ if` may name: each is a decision about the API
/// (`Flags` in `emit/runtime.rs`) and a Cargo feature of the runtime crate.
// Read by the runtime crate's build script; the generator's `Flags::get`
// names them itself, and its tests check that the two agree.
#[allow(dead_code)]
pub(crate) const FLAGS: &[&str] = &["envelopes", "streams", "events", "uploads"];

/// The flag of the runtime's own unit tests (its `#[cfg(test)]` modules):
/// on in the runtime crate, which runs them, and off in every copy, whose
/// users have no use for them (they are the generator's tests).
pub(crate) const TESTS: &str = "tests";

/// A directive that is not well-formed: its line (1-based) and what is wrong.
#[derive(Debug)]
pub(crate) struct Malformed {
    pub(crate) line: usize,
    pub(crate) message: String,
}

/// One open `//@ if`: whether its lines are kept, and whether `else` was seen.
struct Open {
    line: usize,
    condition: bool,
    in_else: bool,
}

/// `source` without the regions `flag` leaves out and without any
/// directive. `flag` gives a flag's value by name (`None`: no such flag).
///
/// With `keep_lines`, directives stay (they are comments) and every other
/// line left out is written as an empty comment, so line `n` of the output
/// is line `n` of the source (the runtime crate's compiler errors then
/// point at the source line). A comment, not a blank line, because a blank
/// line would split the doc comment around a region.
pub(crate) fn strip(source: &str, flag: impl Fn(&str) -> Option<bool>, keep_lines: bool) -> Result<String, Malformed> {
    let error = |line: usize, message: String| Malformed { line, message };
    let mut open: Vec<Open> = Vec::new();
    let mut out = String::with_capacity(source.len());
    for (i, line) in source.lines().enumerate() {
        let number = i + 1;
        let Some(directive) = line.trim_start().strip_prefix("//@") else {
            if open.iter().all(|o| o.condition != o.in_else) {
                out.push_str(line);
                out.push('\n');
            } else if keep_lines {
                out.push_str("//\n");
            }
            continue;
        };
        if keep_lines {
            out.push_str(line);
            out.push('\n');
        }
        let directive = directive.trim();
        let (word, rest) = directive.split_once(' ').unwrap_or((directive, ""));
        match word {
            "note" => {}
            "if" => {
                let rest = rest.trim();
                let (negated, name) = rest.strip_prefix('!').map_or((false, rest), |f| (true, f));
                let value = flag(name).ok_or_else(|| error(number, format!("unknown flag `{name}`")))?;
                open.push(Open { line: number, condition: value != negated, in_else: false });
            }
            "else" => match open.last_mut() {
                Some(o) if !o.in_else => o.in_else = true,
                Some(_) => return Err(error(number, "a second `//@ else` for one `//@ if`".into())),
                None => return Err(error(number, "`//@ else` without `//@ if`".into())),
            },
            "end" => {
                open.pop().ok_or_else(|| error(number, "`//@ end` without `//@ if`".into()))?;
            }
            _ => return Err(error(number, format!("unknown directive `//@ {directive}`"))),
        }
    }
    match open.pop() {
        Some(o) => Err(error(o.line, "`//@ if` without `//@ end`".into())),
        None => Ok(out),
    }
}
