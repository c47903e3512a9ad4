//! The file a reference names: refused when it is a URL, an absolute path
//! or leads out of the root folder.

/// `scheme:` at the start of a reference (`http:`, `file:`, …): a URL.
pub(super) fn has_scheme(path: &str) -> bool {
    match path.split_once(':') {
        Some((scheme, _)) => {
            scheme.len() > 1
                && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        None => false,
    }
}

/// `path` (relative) seen from the folder `base` of the root folder, with
/// `.` and `..` resolved; `None` when it climbs out of the root folder.
pub(super) fn normalize(base: &str, path: &str) -> Option<String> {
    let mut parts: Vec<&str> = base.split('/').filter(|p| !p.is_empty()).collect();
    for segment in path.split(['/', '\\']) {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s if s.len() == 2 && s.ends_with(':') => return None, // a Windows drive
            s => parts.push(s),
        }
    }
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// The folder part of a `/`-separated path (empty for a top-level file).
pub(super) fn folder_of(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(dir, _)| dir)
}

/// `s` with `%XX` escapes decoded (a reference's fragment may be
/// percent-encoded); invalid escapes are kept as they are.
pub(crate) fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_stay_inside_the_folder() {
        assert_eq!(normalize("paths", "../components/a.yaml").as_deref(), Some("components/a.yaml"));
        assert_eq!(normalize("", "./a/./b.yaml").as_deref(), Some("a/b.yaml"));
        assert_eq!(normalize("spec", "../common/Error.yaml").as_deref(), Some("common/Error.yaml"));
        assert_eq!(normalize("paths", "../../x.yaml"), None);
        assert_eq!(normalize("", "../x.yaml"), None);
        assert_eq!(normalize("", "C:/x.yaml"), None);
        assert_eq!(normalize("", "a/.."), None);
        assert_eq!(folder_of("spec/openapi.yaml"), "spec");
        assert_eq!(folder_of("openapi.yaml"), "");
    }

    #[test]
    fn urls_are_recognised() {
        assert!(has_scheme("https://example.com/a.yaml"));
        assert!(has_scheme("file:///etc/passwd"));
        assert!(!has_scheme("a.yaml"));
        assert!(!has_scheme("C:/x"), "a drive letter is an absolute path, refused elsewhere");
        assert_eq!(percent_decode("a%7Bb%7D%2"), "a{b}%2");
    }
}
