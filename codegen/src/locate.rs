//! From JSON pointers to line and column in the spec's text.
//!
//! The model only knows pointers; positions are looked up here, lazily and
//! only when there is something to report. One pass over the text's YAML
//! events (a YAML 1.2 parser reads JSON too) records where each wanted node
//! starts. The walk keeps its own stack instead of recursing, skips subtrees
//! no pointer leads into, and never expands aliases, so deep nesting and
//! alias bombs cost no more than reading the text once.

use crate::diagnostic::escape_token;
use saphyr_parser::{Event, Marker, Parser, Span};
use std::collections::{HashMap, HashSet};

mod json;

/// A 1-based line and column.
pub type Position = (usize, usize);

/// Where each pointer in `pointers` is in `text`: the node itself, or its
/// nearest ancestor that exists in the text (`None` only when not even the
/// document's root could be read).
///
/// A scalar is located at its value; a mapping or sequence that is the value
/// of a key is located at the key, where the reader's eye looks for it.
pub fn locate_all(text: &str, pointers: &[&str]) -> Vec<Option<Position>> {
    let wanted = with_ancestors(pointers.iter().copied());
    let found = scan_any(text, &wanted);
    pointers
        .iter()
        .map(|p| {
            let mut p = *p;
            loop {
                if let Some(pos) = found.get(p) {
                    return Some(*pos);
                }
                match p.rfind('/') {
                    Some(i) => p = &p[..i],
                    // The parser gave up before the root's first event (it
                    // reads ahead through deep nesting): the document
                    // starts at the start.
                    None => return (!text.trim().is_empty()).then_some((1, 1)),
                }
            }
        })
        .collect()
}

/// `pointers` and every pointer on the way to them: the nodes a scan must
/// enter to reach them.
fn with_ancestors<'p>(pointers: impl Iterator<Item = &'p str>) -> HashSet<&'p str> {
    let mut wanted = HashSet::new();
    for mut p in pointers {
        loop {
            wanted.insert(p);
            match p.rfind('/') {
                Some(i) => p = &p[..i],
                None => break,
            }
        }
    }
    wanted
}

/// The position of one pointer (see [`locate_all`]).
#[cfg(test)]
pub fn locate(text: &str, pointer: &str) -> Option<Position> {
    locate_all(text, &[pointer]).pop().flatten()
}

/// The position of every node whose pointer is in `wanted`: by the JSON
/// road when `text` is JSON, else (or when that road gives up) by the YAML
/// event parser, which reads both.
fn scan_any(text: &str, wanted: &HashSet<&str>) -> HashMap<String, Position> {
    if text.trim_start().starts_with(['{', '[']) {
        if let Some(offsets) = json::scan(text, wanted) {
            let positions = json::positions(text, offsets.values().copied());
            return offsets.into_iter().filter_map(|(p, o)| Some((p, *positions.get(&o)?))).collect();
        }
    }
    scan(text, wanted)
}

/// Where `text` first nests collections more than `limit` deep, if it does.
///
/// One linear pass over the events. serde_yaml (libyaml) takes time
/// quadratic in the depth of flow collections (`[[[[…`) before it reaches
/// its own limit of 128, so hostile text is turned away here first.
pub fn nesting_beyond(text: &str, limit: usize) -> Option<Position> {
    let mut depth = 0usize;
    let mut parser = Parser::new_from_str(text);
    while let Some(event) = parser.next_event() {
        match event {
            Ok((Event::MappingStart(..) | Event::SequenceStart(..), span)) => {
                depth += 1;
                if depth > limit {
                    return Some(position(&span.start));
                }
            }
            Ok((Event::MappingEnd | Event::SequenceEnd, _)) => depth = depth.saturating_sub(1),
            Ok(_) => {}
            // Its scanner reads ahead and has a depth limit of its own
            // (past ours); any other error is for serde_yaml to report.
            Err(e) if depth >= limit || e.info().contains("recursion limit") => return Some(position(e.marker())),
            Err(_) => return None,
        }
    }
    None
}

enum Frame {
    Map {
        /// The key just read, with its position; `None` while a key is
        /// expected next.
        key: Option<(String, Marker)>,
        /// Length of the current pointer before this mapping was entered.
        base: usize,
    },
    Seq {
        index: usize,
        base: usize,
    },
    /// A subtree no wanted pointer leads into (or a complex key): only its
    /// nesting is tracked.
    Skip {
        depth: usize,
    },
}

fn position(m: &Marker) -> Position {
    (m.line().max(1), m.col() + 1)
}

/// Records the position of every node whose pointer is in `wanted`.
fn scan(text: &str, wanted: &HashSet<&str>) -> HashMap<String, Position> {
    let mut found = HashMap::new();
    let mut stack: Vec<Frame> = Vec::new();
    let mut pointer = String::new();
    let mut root_seen = false;
    let mut parser = Parser::new_from_str(text);
    while let Some(Ok((event, Span { start, .. }))) = parser.next_event() {
        let opens = matches!(event, Event::MappingStart(..) | Event::SequenceStart(..));
        let closes = matches!(event, Event::MappingEnd | Event::SequenceEnd);
        let is_node = opens || matches!(event, Event::Scalar(..) | Event::Alias(_));
        if let Some(Frame::Skip { depth }) = stack.last_mut() {
            if opens {
                *depth += 1;
            } else if closes {
                *depth -= 1;
            }
            if *depth == 0 {
                stack.pop();
                advance(&mut stack);
            }
            continue;
        }
        if closes {
            if let Some(Frame::Map { base, .. } | Frame::Seq { base, .. }) = stack.pop() {
                pointer.truncate(base);
            }
            advance(&mut stack);
            continue;
        }
        if !is_node {
            continue;
        }
        // A key is expected: remember a scalar key, skip a complex one.
        if let Some(Frame::Map { key: key @ None, .. }) = stack.last_mut() {
            match &event {
                Event::Scalar(value, ..) => *key = Some((value.to_string(), start)),
                _ if opens => stack.push(Frame::Skip { depth: 1 }),
                // An alias as a key names nothing a pointer can reach.
                _ => *key = Some(("\u{0}".to_string(), start)),
            }
            continue;
        }
        let base = pointer.len();
        let at = match stack.last() {
            Some(Frame::Map { key: Some((key, key_at)), .. }) => {
                pointer.push('/');
                pointer.push_str(&escape_token(key));
                if opens {
                    *key_at
                } else {
                    start
                }
            }
            Some(Frame::Seq { index, .. }) => {
                pointer.push('/');
                pointer.push_str(&index.to_string());
                start
            }
            _ if root_seen => break, // a second document: only the first is read
            _ => {
                root_seen = true;
                start
            }
        };
        if wanted.contains(pointer.as_str()) {
            found.entry(pointer.clone()).or_insert_with(|| position(&at));
        }
        if !opens {
            pointer.truncate(base);
            advance(&mut stack);
        } else if !wanted.contains(pointer.as_str()) {
            pointer.truncate(base);
            stack.push(Frame::Skip { depth: 1 });
        } else if matches!(event, Event::MappingStart(..)) {
            stack.push(Frame::Map { key: None, base });
        } else {
            stack.push(Frame::Seq { index: 0, base });
        }
    }
    found
}

/// After a value: its mapping expects the next key, its sequence the next
/// index.
fn advance(stack: &mut [Frame]) {
    match stack.last_mut() {
        Some(Frame::Map { key, .. }) => *key = None,
        Some(Frame::Seq { index, .. }) => *index += 1,
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const YAML: &str = "\
openapi: 3.1.0
paths:
  /a/{id}:
    get:
      operationId: getA
      parameters:
        - name: id
          in: path
        - $ref: '#/components/parameters/Nope'
components:
  schemas:
    A: {type: object, properties: {b: {$ref: '#/x'}}}
";

    #[test]
    fn scalars_at_their_value_collections_at_their_key() {
        assert_eq!(locate(YAML, "/openapi"), Some((1, 10)));
        assert_eq!(locate(YAML, "/paths"), Some((2, 1)));
        assert_eq!(locate(YAML, "/paths/~1a~1{id}/get/operationId"), Some((5, 20)));
        assert_eq!(locate(YAML, "/paths/~1a~1{id}/get/parameters/1/$ref"), Some((9, 17)));
        assert_eq!(locate(YAML, "/paths/~1a~1{id}/get/parameters/1"), Some((9, 11)));
        assert_eq!(locate(YAML, "/components/schemas/A/properties/b/$ref"), Some((12, 46)));
        assert_eq!(locate(YAML, ""), Some((1, 1)));
    }

    #[test]
    fn missing_nodes_fall_back_to_their_nearest_ancestor() {
        assert_eq!(locate(YAML, "/paths/~1a~1{id}/get/requestBody/content"), Some((4, 5)));
        assert_eq!(locate(YAML, "/nothing/here"), Some((1, 1)));
    }

    #[test]
    fn json_is_located_too() {
        let json =
            "{\n  \"openapi\": \"3.0.3\",\n  \"paths\": {\n    \"/a\": {\"get\": {\"operationId\": 7}}\n  }\n}\n";
        assert_eq!(locate(json, "/paths/~1a/get/operationId"), Some((4, 35)));
        assert_eq!(locate(json, "/paths/~1a/get"), Some((4, 12)));
    }

    /// Every pointer of `value`'s nodes.
    fn pointers_of(value: &serde_json::Value, at: String, out: &mut Vec<String>) {
        match value {
            serde_json::Value::Object(map) => {
                for (k, v) in map {
                    pointers_of(v, format!("{at}/{}", escape_token(k)), out);
                }
            }
            serde_json::Value::Array(items) => {
                for (i, v) in items.iter().enumerate() {
                    pointers_of(v, format!("{at}/{i}"), out);
                }
            }
            _ => {}
        }
        out.push(at);
    }

    /// The JSON road and the YAML road agree on every node of `text`, and
    /// on pointers that lead nowhere.
    fn roads_agree(text: &str) {
        let value: serde_json::Value = serde_json::from_str(text).expect("test input is JSON");
        let mut pointers = Vec::new();
        pointers_of(&value, String::new(), &mut pointers);
        pointers.extend(["/nothing/here".to_string(), format!("{}/missing", pointers[0])]);
        let wanted = with_ancestors(pointers.iter().map(String::as_str));
        let offsets = json::scan(text, &wanted).expect("the JSON road reads JSON");
        let positions = json::positions(text, offsets.values().copied());
        let by_json: HashMap<String, Position> = offsets.into_iter().map(|(p, o)| (p, positions[&o])).collect();
        let by_yaml = scan(text, &wanted);
        assert!(by_json.len() >= 3, "{by_json:?}");
        assert_eq!(by_json, by_yaml, "in {text:?}");
    }

    #[test]
    fn the_json_road_places_nodes_as_the_yaml_road_does() {
        roads_agree(
            "{\n  \"openapi\": \"3.0.3\",\n  \"paths\": {\n    \"/a\": {\"get\": {\"operationId\": 7}}\n  }\n}\n",
        );
        // One line, as large specs are published; numbers, literals, empty collections.
        roads_agree(r#"{"a":[1,-2.5e+3,true,false,null,{},[],[[{"b":"c"}]]],"d":{"e":{"f":[{"g":1},{"g":2}]}}}"#);
        // CRLF and lone CR line ends, tabs.
        roads_agree("{\r\n\t\"a\": {\r\n\t\t\"b\": [1,\r 2]\r\n},\r\n\"c\": \"d\"\r\n}");
        // Characters of several bytes before a node: columns count characters.
        roads_agree(r#"{"é€😀": {"x": "ü"}, "k": ["日本", {"語": 1}]}"#);
        // Escapes in keys and values, and keys that need pointer escaping.
        roads_agree(r#"{"a\/b": {"c": 1}, "\u00e9\"q\\": [2], "~x/y": {"z": "\"]}"}, "s": "{[\\"}"#);
        // The first of two equal keys is the one located.
        roads_agree(r#"{"a": {"b": 1}, "a": {"b": 2}}"#);
        roads_agree(include_str!("../../tests/fixtures/constructs/type_arrays_31.json"));
    }

    #[test]
    fn text_that_is_not_json_takes_the_yaml_road() {
        let wanted: HashSet<&str> = ["", "/a"].into_iter().collect();
        for text in ["{a: 1}", "{\"a\": 1", "{\"a\" 1}", "[1,,2]", "{\"a\": tru e}"] {
            assert_eq!(json::scan(text, &wanted), None, "{text}");
        }
        assert_eq!(locate("{a: {b: 1}}", "/a/b"), Some((1, 9)));
    }

    #[test]
    fn many_pointers_in_one_pass() {
        let got = locate_all(YAML, &["/openapi", "/components/schemas/A", "/paths/~1a~1{id}/get/parameters/0/in"]);
        assert_eq!(got, [Some((1, 10)), Some((12, 5)), Some((8, 15))]);
    }

    #[test]
    fn hostile_text_is_read_once() {
        let deep = format!("a: {}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert_eq!(locate(&deep, "/a/0/0/0"), Some((1, 1)));
        let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x]\n");
        for (prev, name) in "abcdefghijklmnopqrstuvwxy".chars().zip("bcdefghijklmnopqrstuvwxyz".chars()) {
            bomb.push_str(&format!(
                "{name}: &{name} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
            ));
        }
        assert_eq!(locate(&bomb, "/z/3/4/5"), Some((26, 20)));
        assert_eq!(locate("a: [1, 2\nb: c", "/b"), Some((1, 1)));
        assert_eq!(locate("", "/a"), None);
    }

    #[test]
    fn nesting_depth() {
        // The root mapping is the first level.
        assert_eq!(nesting_beyond("a: [[[1]]]", 4), None);
        assert_eq!(nesting_beyond("a: [[[1]]]", 2), Some((1, 5)));
        assert_eq!(nesting_beyond("a:\n  b:\n    c: 1\n", 2), Some((3, 5)));
        let deep = format!("a: {}{}", "[".repeat(1_000_000), "]".repeat(1_000_000));
        assert!(nesting_beyond(&deep, 128).is_some());
    }
}
