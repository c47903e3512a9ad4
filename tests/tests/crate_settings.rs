//! `--crate-name`, `--crate-version` and `--env-prefix` (and the same
//! `Builder` options) override the spec's `info.x-*`, and the header records
//! them: `--check` with the same flags passes, without them reports stale.

use codegen::cli::generate::{run, GenerateArgs};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("crate_settings").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn named(out: &Path, check: bool) -> GenerateArgs {
    GenerateArgs {
        out: Some(out.to_path_buf()),
        check,
        crate_name: Some("stream-videos".into()),
        crate_version: Some("2.3.4".into()),
        env_prefix: Some("CF".into()),
        ..Default::default()
    }
}

#[test]
fn flags_name_the_crate_and_a_check_needs_them_again() {
    let out = scratch("round-trip");
    assert_eq!(run(&named(&out, false)), ExitCode::SUCCESS);
    let cargo = std::fs::read_to_string(out.join("Cargo.toml")).unwrap();
    assert!(cargo.contains("\nname = \"stream-videos\"\nversion = \"2.3.4\"\n"), "{cargo}");
    let lib = std::fs::read_to_string(out.join("src/lib.rs")).unwrap();
    assert!(lib.contains("const ENV_PREFIX: &str = \"CF\";"), "the prefix is the flag's");
    assert!(lib.contains("`CF_API_TOKEN`"), "the docs name the variables with the flag's prefix");
    let first = lib.lines().next().unwrap();
    assert!(
        first.ends_with(
            " from spec/stream.yaml with `--crate-name stream-videos --crate-version 2.3.4 --env-prefix CF`."
        ),
        "{first}"
    );

    assert_eq!(run(&named(&out, true)), ExitCode::SUCCESS, "the same flags reproduce the crate");
    let plain = GenerateArgs { out: Some(out.clone()), check: true, ..Default::default() };
    assert_eq!(run(&plain), ExitCode::from(1), "without the flags the crate is stale");
    let other = GenerateArgs { env_prefix: Some("CLOUDFLARE".into()), ..named(&out, true) };
    assert_eq!(run(&other), ExitCode::from(1), "another prefix is another crate");
}

#[test]
fn unusable_flags_are_usage_errors_and_write_nothing() {
    let out = scratch("unusable");
    for args in [
        GenerateArgs { crate_name: Some("my crate".into()), ..named(&out, false) },
        GenerateArgs { crate_version: Some("2".into()), ..named(&out, false) },
        GenerateArgs { env_prefix: Some("A-B".into()), ..named(&out, false) },
    ] {
        assert_eq!(run(&args), ExitCode::from(2), "{args:?}");
    }
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 0);
}

#[test]
fn builder_options_are_the_flags() {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/stream.yaml");
    let rendered = codegen::build::Builder::new(&spec).crate_name("videos").env_prefix("VIDEOS").render().unwrap();
    assert_eq!(rendered.module, "videos", "the crate name names the module");
    assert_eq!(rendered.file.path, "videos.rs");
    let text = &rendered.file.contents;
    assert!(text.lines().next().unwrap().ends_with("with `--crate-name videos --env-prefix VIDEOS`."), "{text:.200}");
    assert!(text.contains("const ENV_PREFIX: &str = \"VIDEOS\";"));
    let bad = codegen::build::Builder::new(&spec).crate_version("one").render();
    assert!(matches!(bad, Err(codegen::build::Error::Setting(ref m)) if m.starts_with("--crate-version")), "{bad:?}");
}
