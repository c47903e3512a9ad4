//! Names in the document that cannot become Rust identifiers.
//!
//! [`crate::naming`] turns almost any text into an identifier; what it
//! cannot use is text with no letter, digit or spelled-out symbol in it (`""`,
//! `"  "`, `"_"`, `"..."`), which would silently become a placeholder such as
//! `Value` or `value2`. That is an error where the name is the only thing
//! that names a type or a method (component keys, `operationId`s) or where
//! OpenAPI requires a real name (an empty parameter `name`), and a warning
//! for other parameters, whose wire name is still sent as written.
//! `x-rust-crate` and `x-rust-crate-version` go into `Cargo.toml` and must be
//! a usable crate name and a plain version.

use super::document::{Document, Parameter};
use crate::diagnostic::{join, Code, Diagnostic};
use crate::naming;

/// Every naming problem in `doc`, errors and warnings.
pub fn check(doc: &Document) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let sections: [(&str, Vec<&String>); 4] = [
        ("schemas", doc.components.schemas.keys().collect()),
        ("parameters", doc.components.parameters.keys().collect()),
        ("responses", doc.components.responses.keys().collect()),
        ("requestBodies", doc.components.request_bodies.keys().collect()),
    ];
    for (section, keys) in sections {
        for key in keys.into_iter().filter(|k| nameless(k, naming::pascal, "Value")) {
            out.push(
                Diagnostic::new(
                    Code::NamelessComponent,
                    join(&join("/components", section), key),
                    format!(
                        "the component name {} cannot be turned into a Rust identifier: it has no letters or digits",
                        quoted(key)
                    ),
                )
                .with_hint("rename it; OpenAPI component names match ^[a-zA-Z0-9._-]+$"),
            );
        }
    }
    for (key, param) in &doc.components.parameters {
        check_param(param, &join("/components/parameters", key), &mut out);
    }
    for (path, item) in &doc.paths {
        let item_pointer = join("/paths", path);
        for (i, param) in item.parameters.iter().enumerate() {
            check_param(param, &join(&join(&item_pointer, "parameters"), i), &mut out);
        }
        for (method, op) in item.operations() {
            let op_pointer = join(&item_pointer, method);
            if let Some(id) = op.operation_id.as_deref().filter(|id| nameless(id, naming::snake, "value")) {
                out.push(
                    Diagnostic::new(
                        Code::NamelessOperationId,
                        join(&op_pointer, "operationId"),
                        format!(
                            "operationId {} cannot be turned into a Rust method name: it has no letters or digits",
                            quoted(id)
                        ),
                    )
                    .with_hint("give it a name, or remove it to have one derived from the method and path"),
                );
            }
            for (i, param) in op.parameters.iter().enumerate() {
                check_param(param, &join(&join(&op_pointer, "parameters"), i), &mut out);
            }
        }
    }
    check_crate(doc, &mut out);
    out
}

fn check_param(param: &Parameter, pointer: &str, out: &mut Vec<Diagnostic>) {
    let Some(name) = param.name.as_deref() else { return };
    let at = join(pointer, "name");
    if name.trim().is_empty() {
        out.push(
            Diagnostic::new(Code::EmptyParameterName, at, format!("parameter name {} is empty", quoted(name)))
                .with_hint("a parameter needs the name it is sent under"),
        );
    } else if nameless(name, naming::snake, "value") {
        out.push(Diagnostic::new(
            Code::NamelessParameter,
            at,
            format!("parameter name {} has no letters or digits; its Rust name is a placeholder", quoted(name)),
        ));
    }
}

fn check_crate(doc: &Document, out: &mut Vec<Diagnostic>) {
    if let Some(name) = doc.info.rust_crate.as_deref().filter(|n| nameless(n, naming::snake, "value")) {
        out.push(
            Diagnostic::new(
                Code::NamelessCrate,
                "/info/x-rust-crate",
                format!(
                    "x-rust-crate {} cannot be turned into a crate name: it has no letters or digits",
                    quoted(name)
                ),
            )
            .with_hint("use a kebab-case name such as `my-api-client`"),
        );
    }
    if let Some(version) = doc.info.rust_crate_version.as_deref().filter(|v| !is_plain_version(v)) {
        out.push(
            Diagnostic::new(
                Code::CrateVersion,
                "/info/x-rust-crate-version",
                format!("x-rust-crate-version {} is not a version", quoted(version)),
            )
            .with_hint("use MAJOR.MINOR.PATCH, e.g. `0.1.0`"),
        );
    }
}

/// Whether naming `raw` with `to_ident` falls back to the placeholder
/// `fallback`, i.e. nothing in `raw` could be used.
fn nameless(raw: &str, to_ident: fn(&str) -> String, fallback: &str) -> bool {
    to_ident(raw).trim_end_matches('_') == fallback && !raw.to_ascii_lowercase().contains("value")
}

/// `MAJOR.MINOR.PATCH` with an optional `-pre` / `+build` of
/// `[0-9A-Za-z.-]`: what Cargo accepts, and safe inside a TOML string.
pub(crate) fn is_plain_version(v: &str) -> bool {
    let (core, extra) = match v.find(['-', '+']) {
        Some(i) => (&v[..i], &v[i + 1..]),
        None => (v, "a"),
    };
    let parts: Vec<&str> = core.split('.').collect();
    parts.len() == 3
        && parts.iter().all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        && !extra.is_empty()
        && extra.bytes().all(|b| b.is_ascii_alphanumeric() || b".-+".contains(&b))
}

fn quoted(s: &str) -> String {
    format!("{s:?}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nameless_names() {
        for raw in ["", " ", "_", "...", "/", "\t"] {
            assert!(nameless(raw, naming::pascal, "Value"), "{raw:?}");
            assert!(nameless(raw, naming::snake, "value"), "{raw:?}");
        }
        for raw in ["value", "Value", "a", "+", "-", "$", "é", "_value_", "2"] {
            assert!(!nameless(raw, naming::snake, "value"), "{raw:?}");
        }
    }

    #[test]
    fn versions() {
        for v in ["0.1.0", "1.2.3-beta.1", "1.0.0+build.5"] {
            assert!(is_plain_version(v), "{v}");
        }
        for v in ["", "1", "1.0", "1.0.0\"", "1.0.0\n[x]", "1.0.0-", "a.b.c", "1..0"] {
            assert!(!is_plain_version(v), "{v:?}");
        }
    }
}
