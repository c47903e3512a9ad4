//! Where the nodes of the document the model reads came from, when that is
//! not the same pointer in the root spec: a node moved by the Swagger 2.0
//! conversion, or brought in from another file by a `$ref`. The model only
//! knows pointers into the document it reads; diagnostics are translated
//! back through this map before anyone sees them.

use std::collections::HashMap;

/// A place in one of the spec's files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Place {
    /// 0 for the root spec, else 1 + the index of the file in the load.
    pub file: usize,
    /// JSON pointer into that file.
    pub pointer: String,
}

/// Pointer prefixes of the read document → where that subtree is written.
#[derive(Debug, Default, Clone)]
pub(crate) struct Origins {
    moved: HashMap<String, Place>,
}

impl Origins {
    /// The subtree at `at` (in the document read) is written at `pointer`
    /// of `file`.
    pub(crate) fn insert(&mut self, at: &str, file: usize, pointer: &str) {
        self.moved.insert(at.to_string(), Place { file, pointer: pointer.to_string() });
    }

    /// Where the node at `pointer` of the document read is written: its
    /// nearest moved ancestor's place plus the rest of the pointer.
    pub(crate) fn place(&self, pointer: &str) -> Place {
        let mut prefix = pointer;
        loop {
            if let Some(place) = self.moved.get(prefix) {
                return Place { file: place.file, pointer: format!("{}{}", place.pointer, &pointer[prefix.len()..]) };
            }
            match prefix.rfind('/') {
                Some(i) => prefix = &prefix[..i],
                None => return Place { file: 0, pointer: pointer.to_string() },
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_moved_ancestor_wins() {
        let mut o = Origins::default();
        o.insert("/components/schemas", 0, "/definitions");
        o.insert("/components/schemas/Pet", 2, "");
        o.insert("/paths/~1a/get/requestBody", 0, "/paths/~1a/get/parameters/1");
        let at = |p: &str| {
            let place = o.place(p);
            (place.file, place.pointer)
        };
        assert_eq!(at("/components/schemas/Pet/properties/x"), (2, "/properties/x".to_string()));
        assert_eq!(at("/components/schemas/Petal/type"), (0, "/definitions/Petal/type".to_string()));
        assert_eq!(at("/paths/~1a/get/requestBody/required"), (0, "/paths/~1a/get/parameters/1/required".to_string()));
        assert_eq!(at("/info/title"), (0, "/info/title".to_string()));
    }
}
