//! Strips the runtime (`../*.rs`) for the features this crate is built
//! with, as the generator strips it for an API, into `$OUT_DIR/runtime/`,
//! which `lib.rs` compiles as the module `runtime`.
//!
//! The stripping is the generator's own (`codegen/src/emit/runtime/strip.rs`),
//! with each flag on when the feature of the same name is, and the unit
//! tests (`//@ if tests`), which copies leave out, kept. Every line keeps
//! its number, so compiler errors in `$OUT_DIR/runtime/x.rs:N` are at line
//! `N` of `codegen/runtime/x.rs`.

#[path = "../../src/emit/runtime/strip.rs"]
mod strip;

use std::{env, fs, path::Path};

fn main() {
    let dir = Path::new(&env::var("CARGO_MANIFEST_DIR").expect("set by cargo")).to_path_buf();
    let out = Path::new(&env::var("OUT_DIR").expect("set by cargo")).join("runtime");
    fs::create_dir_all(&out).unwrap_or_else(|e| panic!("cannot create {}: {e}", out.display()));
    println!("cargo:rerun-if-changed={}", dir.display());
    println!("cargo:rerun-if-changed=../src/emit/runtime/strip.rs");
    let flag = |name: &str| {
        if name == strip::TESTS {
            // `#[cfg(test)]` decides when they compile.
            return Some(true);
        }
        strip::FLAGS.contains(&name).then(|| env::var_os(format!("CARGO_FEATURE_{}", name.to_uppercase())).is_some())
    };
    let entries = fs::read_dir(&dir).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()));
    for entry in entries {
        let path = entry.unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display())).path();
        if path.extension().is_none_or(|ext| ext != "rs") {
            continue;
        }
        println!("cargo:rerun-if-changed={}", path.display());
        let source = fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let text = strip::strip(&source, flag, true)
            .unwrap_or_else(|e| panic!("{}:{}: {}", path.display(), e.line, e.message));
        let name = path.file_name().expect("a file");
        fs::write(out.join(name), text).expect("OUT_DIR is writable");
    }
    // `#[path]` takes no macro, so the module's declaration is written out
    // with the absolute path of its root.
    let module = format!("#[path = {:?}]\npub mod runtime;\n", out.join("mod.rs").display().to_string());
    fs::write(out.with_file_name("runtime_module.rs"), module).expect("OUT_DIR is writable");
}
