//! Generates the Cloudflare Stream client into `OUT_DIR` on every build
//! where the spec changed; `src/lib.rs` includes it.

fn main() -> Result<(), codegen::build::Error> {
    codegen::build::Builder::new("../../spec/stream.yaml").module("stream").write_to_out_dir()?;
    Ok(())
}
