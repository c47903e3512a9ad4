//! `cargo bench -p codegen`: how long generation takes, phase by phase, for
//! the Stream spec and the large corpus specs (when `../shared/corpus` is
//! present). Prints the median of several runs; `scripts/bench` adds the
//! whole command's wall time and peak memory.

use codegen::model::select::Selection;
use codegen::model::Options;
use codegen::parse::Source;
use std::path::Path;
use std::time::{Duration, Instant};

// The allocator the `codegen` binary runs with (see src/main.rs), so that
// the phases add up to what the command costs.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `(spec file relative to the workspace, --include patterns, lenient)`.
const SPECS: &[(&str, &[&str], bool)] = &[
    ("spec/stream.yaml", &[], false),
    ("../shared/corpus/oxide-nexus.json", &[], false),
    ("../shared/corpus/cloudflare-2026.json.gz", &[], true),
    ("../shared/corpus/cloudflare-2026.json.gz", &["Stream MP4 Downloads"], true),
];

struct Phases {
    read: Duration,
    parse: Duration,
    model: Duration,
    emit: Duration,
}

fn main() {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap_or(Path::new("."));
    // `cargo bench` passes `--bench`; any other argument filters specs.
    let filter: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with("--")).collect();
    println!("{:<52} {:>5} {:>9} {:>9} {:>9} {:>9} {:>9}", "spec", "runs", "read", "parse", "model", "emit", "total");
    for (spec, include, lenient) in SPECS {
        let path = workspace.join(spec);
        if !path.exists() || !(filter.is_empty() || filter.iter().any(|f| spec.contains(f.as_str()))) {
            continue;
        }
        let options = Options {
            selection: Selection::new(include.iter().map(|s| s.to_string()).collect()),
            lenient: *lenient,
            ..Options::default()
        };
        let first = run(&path, &options);
        // Enough runs for a stable median without making the large spec slow.
        let runs =
            if (first.read + first.parse + first.model + first.emit) > Duration::from_millis(500) { 3 } else { 20 };
        let mut all: Vec<Phases> = (0..runs).map(|_| run(&path, &options)).collect();
        all.sort_by_key(|p| p.read + p.parse + p.model + p.emit);
        let m = &all[all.len() / 2];
        let label =
            if include.is_empty() { spec.to_string() } else { format!("{spec} --include {}", include.join(",")) };
        let ms = |d: Duration| format!("{:.1}ms", d.as_secs_f64() * 1000.0);
        println!(
            "{:<52} {:>5} {:>9} {:>9} {:>9} {:>9} {:>9}",
            label.trim_start_matches("../shared/corpus/"),
            runs,
            ms(m.read),
            ms(m.parse),
            ms(m.model),
            ms(m.emit),
            ms(m.read + m.parse + m.model + m.emit)
        );
    }
}

fn run(path: &Path, options: &Options) -> Phases {
    let t = Instant::now();
    let source = match Source::read(path, path.display().to_string()) {
        Ok(s) => s,
        Err(e) => panic!("{e}"),
    };
    let read = t.elapsed();
    let t = Instant::now();
    let doc = match codegen::parse::parse_document(&source) {
        Ok(d) => d,
        Err(e) => panic!("{}: {} parse error(s)", source.name, e.len()),
    };
    let parse = t.elapsed();
    let t = Instant::now();
    let built = match codegen::model::build(&doc, options) {
        Ok(b) => b,
        Err(e) => panic!("{}: {} model error(s)", source.name, e.len()),
    };
    let model = t.elapsed();
    let t = Instant::now();
    let files = match codegen::emit::emit(&built.api, &source.name) {
        Ok(f) => f,
        Err(e) => panic!("{e}"),
    };
    let emit = t.elapsed();
    std::hint::black_box(files);
    Phases { read, parse, model, emit }
}
