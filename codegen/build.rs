//! Embeds the runtime support files (`runtime/*.rs`) that every generated
//! crate ships, so the generator binary is self-contained.
//!
//! A `runtime/` that cannot be read, or that holds no `.rs` file, fails the
//! build: a generator without its runtime would write crates that do not
//! compile.

use std::{env, fs, path::Path};

fn main() {
    let dir = Path::new(&env::var("CARGO_MANIFEST_DIR").expect("set by cargo")).join("runtime");
    println!("cargo:rerun-if-changed={}", dir.display());
    let entries =
        fs::read_dir(&dir).unwrap_or_else(|e| panic!("cannot read the runtime directory {}: {e}", dir.display()));
    let mut files = Vec::new();
    for entry in entries {
        let entry = entry.unwrap_or_else(|e| panic!("cannot list the runtime directory {}: {e}", dir.display()));
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".rs") {
            files.push(name);
        }
    }
    assert!(
        !files.is_empty(),
        "the runtime directory {} holds no `.rs` file; the generator embeds its runtime from there",
        dir.display()
    );
    files.sort();
    let mut out = String::from("const RUNTIME_FILES: &[(&str, &str)] = &[\n");
    for name in &files {
        let path = dir.join(name);
        println!("cargo:rerun-if-changed={}", path.display());
        out.push_str(&format!("    ({name:?}, include_str!({:?})),\n", path.display().to_string()));
    }
    out.push_str("];\n");
    fs::write(Path::new(&env::var("OUT_DIR").expect("set by cargo")).join("runtime_files.rs"), out)
        .expect("OUT_DIR is writable");
}
