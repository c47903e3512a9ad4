//! What the consumer's `Cargo.toml` must declare for the included client
//! to compile: read from the `Cargo.toml` the generator writes for a
//! standalone crate, so that it never disagrees with it, and checked
//! against the consumer's manifest by a line-based reading of its tables
//! (enough for the keys; the values are never interpreted).

use std::collections::BTreeSet;

/// The body of the table `[name]` in `toml`: its lines up to the next
/// table header, comments included.
pub(crate) fn table(toml: &str, name: &str) -> String {
    let header = format!("[{name}]");
    let mut lines = toml.lines().skip_while(|l| l.trim() != header).skip(1);
    let body: Vec<&str> = lines.by_ref().take_while(|l| !l.trim_start().starts_with('[')).collect();
    body.iter().map(|l| format!("{l}\n")).collect()
}

/// The keys of a table's body (`name = …` or `name.workspace = …`).
pub(crate) fn keys(body: &str) -> Vec<String> {
    body.lines().filter_map(key).map(str::to_string).collect()
}

fn key(line: &str) -> Option<&str> {
    let line = line.trim();
    if line.starts_with('#') || line.starts_with('[') {
        return None;
    }
    let (key, _) = line.split_once('=')?;
    let key = key.split('.').next()?.trim().trim_matches('"');
    (!key.is_empty()).then_some(key)
}

/// The dependencies of a `[dependencies]` body that are not optional: the
/// ones the code always uses.
pub(crate) fn required(dependencies: &str) -> Vec<String> {
    let optional = |l: &&str| l.replace(' ', "").contains("optional=true");
    dependencies.lines().filter(|l| !optional(l)).filter_map(key).map(str::to_string).collect()
}

/// The dependencies and features a manifest declares: keys of every
/// `[dependencies]` table (also `[target.….dependencies]`), tables
/// `[dependencies.name]`, and keys of `[features]`.
pub(crate) fn declared(manifest: &str) -> (BTreeSet<String>, BTreeSet<String>) {
    let (mut dependencies, mut features) = (BTreeSet::new(), BTreeSet::new());
    let mut section = String::new();
    for line in manifest.lines() {
        let trimmed = line.trim();
        if let Some(header) = trimmed.strip_prefix('[') {
            section = header.trim_end_matches(']').trim().to_string();
            if let Some(name) = section.strip_prefix("dependencies.") {
                dependencies.insert(name.trim_matches('"').to_string());
            }
            continue;
        }
        let Some(key) = key(trimmed) else { continue };
        if section == "dependencies" || section.ends_with(".dependencies") && section.starts_with("target.") {
            dependencies.insert(key.to_string());
        } else if section == "features" {
            features.insert(key.to_string());
        }
    }
    (dependencies, features)
}

#[cfg(test)]
mod tests {
    use super::*;

    const GENERATED: &str = "# header\n[package]\nname = \"x\"\n\n[dependencies]\nbytes = \"1\"\n\
        reqwest = { version = \"0.12\", default-features = false }\ntracing = { version = \"0.1\", optional = true }\n\n\
        [features]\n# Groups.\ndefault = [\"a\"]\na = []\nserialize = []\n";

    #[test]
    fn tables_keys_and_required_dependencies() {
        let dependencies = table(GENERATED, "dependencies");
        assert_eq!(
            dependencies,
            "bytes = \"1\"\nreqwest = { version = \"0.12\", default-features = false }\n\
             tracing = { version = \"0.1\", optional = true }\n\n"
        );
        assert_eq!(required(&dependencies), ["bytes", "reqwest"]);
        assert_eq!(keys(&table(GENERATED, "features")), ["default", "a", "serialize"]);
        assert_eq!(table(GENERATED, "missing"), "");
    }

    #[test]
    fn declared_reads_every_dependency_table_and_the_features() {
        let manifest = "[package]\nname = \"c\"\n[dependencies]\nbytes.workspace = true\n\
            [target.'cfg(unix)'.dependencies]\nreqwest = \"0.12\"\n[dependencies.serde]\nversion = \"1\"\n\
            [dev-dependencies]\nwiremock = \"0.6\"\n[features]\nserialize = []\n";
        let (dependencies, features) = declared(manifest);
        assert_eq!(dependencies.into_iter().collect::<Vec<_>>(), ["bytes", "reqwest", "serde"]);
        assert_eq!(features.into_iter().collect::<Vec<_>>(), ["serialize"]);
    }
}
