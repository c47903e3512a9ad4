//! Whether a spec's text needs bundling at all, found without parsing it:
//! most specs (Cloudflare's 12 MB one among them) only refer to their own
//! components, and are read straight into the typed document.

/// The `components` sections whose `#/components/<section>/<key>` refs of
/// the root spec stay references (see `Kind::keeps_component_refs`); a
/// path item or security scheme behind a `$ref` is put in place.
pub(crate) const KEPT_SECTIONS: [&str; 8] =
    ["schemas", "parameters", "requestBodies", "responses", "examples", "headers", "links", "callbacks"];

/// Whether `fragment` (a JSON pointer) names a component the root spec's
/// refs keep pointing at: `/components/<kept section>/<key>`.
pub(crate) fn kept_component(fragment: &str) -> bool {
    let Some(rest) = fragment.strip_prefix("/components/") else { return false };
    let Some((section, key)) = rest.split_once('/') else { return false };
    KEPT_SECTIONS.contains(&section) && !key.is_empty() && !key.contains('/')
}

/// Whether some `$ref` in `text` (YAML or JSON) is anything but a local
/// `#/components/<kept section>/<key>`. Errs towards yes: a `$ref`
/// written in a way this does not read (an escape in the key or the
/// value, a mention in a description) sends the spec to the bundler,
/// which reads it exactly.
pub(crate) fn needs_bundling(text: &str) -> bool {
    // A `$` written as an escape, found in one pass over the backslashes.
    let escaped_dollar = |(i, _): (usize, &str)| {
        let after = &text[i + 1..];
        after.starts_with("u0024") || after.starts_with("x24") || after.starts_with("U00000024")
    };
    if text.match_indices('\\').any(escaped_dollar) {
        return true;
    }
    text.match_indices("$ref").any(|(i, _)| !local_component_value(&text[i + 4..]))
}

/// `rest` (what follows `$ref`) is `": "#/components/<kept>/<key>"` or the
/// YAML forms of it.
fn local_component_value(rest: &str) -> bool {
    let rest = rest.strip_prefix(['"', '\'']).unwrap_or(rest);
    let rest = rest.trim_start_matches([' ', '\t']);
    let Some(rest) = rest.strip_prefix(':') else { return false };
    let rest = rest.trim_start();
    let (quote, rest) = match rest.strip_prefix(['"', '\'']) {
        Some(unquoted) => (rest.chars().next(), unquoted),
        None => (None, rest),
    };
    let end = match quote {
        Some(q) => match rest.find(q) {
            Some(end) => end,
            None => return false,
        },
        // A plain YAML scalar ends at a line break or, in flow style, at
        // `,`, `}` or `]`.
        None => rest.find(['\n', '\r', ',', '}', ']', ' ', '\t']).unwrap_or(rest.len()),
    };
    let value = &rest[..end];
    if value.contains('\\') {
        return false;
    }
    value.strip_prefix('#').is_some_and(|fragment| kept_component(&super::paths::percent_decode(fragment)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_component_refs_skip_the_bundler() {
        for text in [
            r##"{"$ref": "#/components/schemas/Pet"}"##,
            r##"{"$ref":"#/components/responses/NotFound"}"##,
            "schema:\n  $ref: '#/components/schemas/Pet'\n",
            "schema:\n  $ref: \"#/components/parameters/Limit\"\n",
            "schema: {$ref: '#/components/schemas/Pet', nullable: true}\n",
            "items:\n  $ref: #/components/schemas/Pet\n",
            "no refs at all",
        ] {
            assert!(!needs_bundling(text), "{text}");
        }
        for text in [
            "schema:\n  $ref: Pet.yaml\n",
            "get:\n  $ref: ops/list.yaml\n",
            "/a:\n  $ref: '#/components/pathItems/A'\n",
            "x:\n  $ref: '#/components/securitySchemes/A'\n",
            "x:\n  $ref: '#/paths/~1pets/get/parameters/0'\n",
            "x:\n  $ref: '#/components/schemas/A/properties/b'\n",
            r##"{"$ref": "#\/components\/schemas\/Pet"}"##,
            r##"{"\u0024ref": "Pet.json"}"##,
            "description: use $ref to point elsewhere\n",
        ] {
            assert!(needs_bundling(text), "{text}");
        }
    }
}
