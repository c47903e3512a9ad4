//! How the generated files' header names a spec given with `--spec`: by a
//! path relative to the output directory, so that the output is the same
//! on every machine and in every checkout.

use crate::write::resolve;
use std::path::{Component, Path};

/// `spec` relative to `out_dir` (`/`-separated, through the canonical
/// paths of both), or only its file name when the two share nothing but
/// the filesystem root: climbing to the root would spell out the machine's
/// layout (`../../home/alice/…`), the very thing the header must not hold.
pub fn header_name(spec: &Path, out_dir: &Path) -> String {
    let relative = match (resolve(spec), resolve(out_dir)) {
        (Ok(spec), Ok(out_dir)) => relative(&spec, &out_dir),
        _ => None,
    };
    let name = relative.unwrap_or_else(|| match spec.file_name() {
        Some(name) => name.to_string_lossy().into_owned(),
        None => spec.to_string_lossy().into_owned(),
    });
    // The name ends up in a line comment: a line break in a file name must
    // not end it.
    name.chars().map(|c| if c.is_control() { '?' } else { c }).collect()
}

/// `to` seen from the directory `from`; both absolute and canonical.
fn relative(to: &Path, from: &Path) -> Option<String> {
    let to: Vec<Component> = to.components().collect();
    let from: Vec<Component> = from.components().collect();
    let common = to.iter().zip(&from).take_while(|(a, b)| a == b).count();
    if to[..common].iter().all(|c| matches!(c, Component::Prefix(_) | Component::RootDir)) {
        return None;
    }
    let up = std::iter::repeat_n("..".to_string(), from.len() - common);
    let down = to[common..].iter().map(|c| c.as_os_str().to_string_lossy().into_owned());
    Some(up.chain(down).collect::<Vec<_>>().join("/"))
}

#[cfg(test)]
mod tests {
    use super::relative;
    use std::path::Path;

    #[test]
    fn relative_paths_climb_to_the_common_directory() {
        let rel = |to: &str, from: &str| relative(Path::new(to), Path::new(from));
        assert_eq!(rel("/abs/dir/api.yaml", "/abs/out").as_deref(), Some("../dir/api.yaml"));
        assert_eq!(rel("/abs/out/api.yaml", "/abs/out").as_deref(), Some("api.yaml"));
        assert_eq!(rel("/abs/api.yaml", "/abs/a/b/c").as_deref(), Some("../../../api.yaml"));
        assert_eq!(rel("/tmp/api.yaml", "/home/me/out"), None, "only the root in common");
    }
}
