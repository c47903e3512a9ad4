//! `--include`: choosing operations by tag, operationId or path glob.

/// Which operations to generate; empty means all.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    patterns: Vec<String>,
}

impl Selection {
    /// Admits every operation.
    pub fn all() -> Self {
        Self::default()
    }

    /// Also admits what `pattern` names (see [`Selection::new`]).
    pub fn push(&mut self, pattern: String) {
        self.patterns.push(pattern);
    }

    /// Admits the operations that any of `patterns` names by tag or
    /// operationId or matches as a path glob; all of them when there are none.
    pub fn new(patterns: Vec<String>) -> Self {
        Self { patterns }
    }

    /// Whether every operation is admitted (no patterns).
    pub(crate) fn is_all(&self) -> bool {
        self.patterns.is_empty()
    }

    /// An operation is kept when any pattern equals one of its tags or its
    /// operationId, or matches its path as a glob (`*` matches anything).
    pub(crate) fn admits(&self, path: &str, operation_id: Option<&str>, tags: &[String]) -> bool {
        self.patterns.is_empty()
            || self.patterns.iter().any(|p| {
                tags.iter().any(|t| t == p)
                    || operation_id == Some(p.as_str())
                    || (p.starts_with('/') && glob(p.as_bytes(), path.as_bytes()))
            })
    }
}

/// `*` matches any run of bytes, `?` one byte.
fn glob(pattern: &[u8], text: &[u8]) -> bool {
    let (mut p, mut t) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while t < text.len() {
        if p < pattern.len() && (pattern[p] == b'?' || pattern[p] == text[t]) {
            p += 1;
            t += 1;
        } else if p < pattern.len() && pattern[p] == b'*' {
            star = Some((p, t));
            p += 1;
        } else if let Some((sp, st)) = star {
            p = sp + 1;
            t = st + 1;
            star = Some((sp, st + 1));
        } else {
            return false;
        }
    }
    pattern[p..].iter().all(|&c| c == b'*')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs() {
        assert!(glob(b"/accounts/*/stream/*/downloads*", b"/accounts/{a}/stream/{b}/downloads/{t}"));
        assert!(glob(b"*", b""));
        assert!(!glob(b"/zones/*", b"/accounts/x"));
    }

    #[test]
    fn selects_by_tag_id_or_path() {
        let s = Selection::new(vec!["Stream MP4 Downloads".into(), "get_zone".into(), "/users/*".into()]);
        assert!(s.admits("/x", None, &["Stream MP4 Downloads".into()]));
        assert!(s.admits("/x", Some("get_zone"), &[]));
        assert!(s.admits("/users/me", None, &[]));
        assert!(!s.admits("/zones", Some("list_zones"), &["Zone".into()]));
        assert!(Selection::all().admits("/anything", None, &[]));
    }
}
