//! Every rule that turns a name from the spec into a Rust identifier.
//!
//! The wire name is always kept beside the Rust name (see [`Name`]) so the
//! emitter can add `#[serde(rename)]` only when the two differ.

use rustc_hash::FxHashSet;

/// A spec name and the Rust identifier chosen for it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Name {
    /// The identifier as it appears in Rust source (without `r#`).
    pub rust: String,
    /// The name on the wire, exactly as the spec spells it.
    pub wire: String,
}

/// Words that cannot be plain identifiers. `r#` is avoided on purpose: it
/// leaks into every call site, so a trailing underscore is used instead.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate", "do", "dyn", "else",
    "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "macro", "match", "mod",
    "move", "mut", "override", "priv", "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait",
    "true", "try", "type", "typeof", "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Names that would shadow what generated code relies on at the crate root,
/// in the prelude, or imported into the `types` module (the serde derives).
const RESERVED_TYPES: &[&str] = &[
    "Option",
    "Result",
    "Vec",
    "String",
    "Box",
    "Some",
    "None",
    "Ok",
    "Err",
    "Default",
    "Self",
    "Serialize",
    "Deserialize",
    // Prelude traits the `types` module names unqualified (the enums'
    // `impl From<&str>`, constructors' `impl Into<String>`).
    "From",
    "Into",
];

/// Replaces every character that cannot appear in an identifier with a word
/// boundary, spelling out the few symbols whose meaning would otherwise be
/// lost (`+1` and `-1` must not collide).
fn words(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    words_into(raw, &mut out);
    out
}

/// [`words`], with a leading minus spelled out: it is meaningful for
/// values like `-1`.
fn signed_words(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len() + 6);
    if raw.starts_with('-') {
        out.push_str("minus ");
    }
    words_into(raw, &mut out);
    out
}

fn words_into(raw: &str, out: &mut String) {
    for ch in raw.chars() {
        match ch {
            c if c.is_ascii_alphanumeric() => out.push(c),
            '+' => out.push_str(" plus "),
            '*' => out.push_str(" star "),
            '@' => out.push_str(" at "),
            '<' => out.push_str(" lt "),
            '>' => out.push_str(" gt "),
            '=' => out.push_str(" eq "),
            '!' => out.push_str(" not "),
            '#' => out.push_str(" hash "),
            '%' => out.push_str(" percent "),
            '&' => out.push_str(" and "),
            '$' => out.push_str(" dollar "),
            c if c.is_alphanumeric() => match latin_base(c) {
                // Accented Latin letters read best as their base letter.
                Some(base) => out.push_str(base),
                // Other letters are valid in Rust identifiers but make the
                // API hard to type; spell their code point instead.
                None => out.push_str(&format!(" u{:x} ", c as u32)),
            },
            _ => out.push(' '),
        }
    }
}

/// The ASCII base of a Latin-1 letter (`é` → `e`, `ß` → `ss`).
fn latin_base(c: char) -> Option<&'static str> {
    Some(match c {
        'à'..='å' => "a",
        'À'..='Å' => "A",
        'æ' => "ae",
        'Æ' => "AE",
        'ç' => "c",
        'Ç' => "C",
        'è'..='ë' => "e",
        'È'..='Ë' => "E",
        'ì'..='ï' => "i",
        'Ì'..='Ï' => "I",
        'ñ' => "n",
        'Ñ' => "N",
        'ò'..='ö' | 'ø' => "o",
        'Ò'..='Ö' | 'Ø' => "O",
        'ù'..='ü' => "u",
        'Ù'..='Ü' => "U",
        'ý' | 'ÿ' => "y",
        'Ý' => "Y",
        'ß' => "ss",
        _ => return None,
    })
}

/// Calls `word` with each word of `spelled` (ASCII letters and digits
/// between spaces, as [`words`] writes it), split as the `heck` crate
/// splits them: at every space, between a lowercase letter and an
/// uppercase one, and before the last capital of a run followed by a
/// lowercase letter (`HTTPServer` is `HTTP`, `Server`). A digit continues
/// the case of what precedes it. (Written for ASCII: `heck`'s formatting
/// of one `char` at a time was a tenth of the model's time.)
fn split_case(spelled: &str, mut word: impl FnMut(&str)) {
    debug_assert!(spelled.is_ascii(), "{spelled:?} is not spelled out");
    #[derive(Clone, Copy, PartialEq)]
    enum Case {
        /// No letter since the last split.
        None,
        Lower,
        Upper,
    }
    for part in spelled.split(|c: char| !c.is_ascii_alphanumeric()) {
        let bytes = part.as_bytes();
        let (mut start, mut case) = (0, Case::None);
        for (i, &c) in bytes.iter().enumerate() {
            let Some(&next) = bytes.get(i + 1) else {
                word(&part[start..]);
                break;
            };
            let with_c = match c {
                b'a'..=b'z' => Case::Lower,
                b'A'..=b'Z' => Case::Upper,
                _ => case,
            };
            if with_c == Case::Lower && next.is_ascii_uppercase() {
                word(&part[start..=i]);
                (start, case) = (i + 1, Case::None);
            } else if case == Case::Upper && c.is_ascii_uppercase() && next.is_ascii_lowercase() {
                word(&part[start..i]);
                (start, case) = (i, Case::None);
            } else {
                case = with_c;
            }
        }
    }
}

/// `snake_case` of spelled-out words.
fn snake_case(spelled: &str) -> String {
    let mut out = String::with_capacity(spelled.len() + 4);
    split_case(spelled, |word| {
        if !out.is_empty() {
            out.push('_');
        }
        let start = out.len();
        out.push_str(word);
        out[start..].make_ascii_lowercase();
    });
    out
}

/// `PascalCase` of spelled-out words.
fn pascal_case(spelled: &str) -> String {
    let mut out = String::with_capacity(spelled.len());
    split_case(spelled, |word| {
        let start = out.len();
        out.push_str(word);
        out[start..].make_ascii_lowercase();
        out[start..start + 1].make_ascii_uppercase();
    });
    out
}

fn fix_start(mut ident: String, fallback: &str) -> String {
    if ident.is_empty() {
        return fallback.to_string();
    }
    if ident.starts_with(|c: char| c.is_ascii_digit()) {
        ident.insert_str(0, if fallback.chars().next().is_some_and(char::is_uppercase) { "N" } else { "n" });
    }
    ident
}

/// `snake_case` identifier for fields, functions and parameters.
pub fn snake(raw: &str) -> String {
    let ident = fix_start(snake_case(&signed_words(raw)), "value");
    if KEYWORDS.contains(&ident.as_str()) || ident == "_" {
        format!("{ident}_")
    } else {
        ident
    }
}

/// `PascalCase` identifier for types and enum variants.
pub fn pascal(raw: &str) -> String {
    let ident = fix_start(pascal_case(&signed_words(raw)), "Value");
    if KEYWORDS.contains(&ident.as_str()) || RESERVED_TYPES.contains(&ident.as_str()) {
        format!("{ident}_")
    } else {
        ident
    }
}

/// `PascalCase` enum variant for a wire value; the empty string is `Empty`.
pub fn variant(raw: &str) -> String {
    if raw.is_empty() {
        return "Empty".to_string();
    }
    // Variants live in their enum's namespace, so prelude names such as
    // `None` or `Default` are fine there; only keywords are not.
    let ident = fix_start(pascal_case(&signed_words(raw)), "Value");
    if KEYWORDS.contains(&ident.as_str()) {
        format!("{ident}_")
    } else {
        ident
    }
}

/// Variant name for an integer enum value: `V200`, `VMinus1`.
pub fn int_variant(value: i64) -> String {
    if value < 0 {
        format!("VMinus{}", value.unsigned_abs())
    } else {
        format!("V{value}")
    }
}

/// Hands out distinct identifiers within one namespace (a struct's fields,
/// an enum's variants, the crate's types).
///
/// A clash is settled by a numeric suffix taken in the order names are
/// claimed; callers claim in a deterministic order (spec order or sorted), so
/// the result is the same on every run.
#[derive(Debug, Default)]
pub struct Namespace {
    taken: FxHashSet<String>,
}

impl Namespace {
    /// A namespace where `reserved` are taken from the start.
    pub fn with_reserved(reserved: &[&str]) -> Self {
        Self { taken: reserved.iter().map(|s| s.to_string()).collect() }
    }

    /// Claims `ident`, or `ident2`, `ident3`, … if it is taken.
    pub fn claim(&mut self, ident: String) -> String {
        if self.taken.insert(ident.clone()) {
            return ident;
        }
        let sep = if ident.ends_with(|c: char| c.is_ascii_digit()) { "_" } else { "" };
        (2..)
            .map(|n| format!("{ident}{sep}{n}"))
            .find(|candidate| self.taken.insert(candidate.clone()))
            .expect("an unbounded range always yields a free name")
    }

    /// Whether `ident` has been claimed (or reserved).
    pub fn is_taken(&self, ident: &str) -> bool {
        self.taken.contains(ident)
    }
}

/// Names a set of wire names in one namespace. A wire name that already is a
/// valid identifier keeps it (so `foo_bar` stays `foo_bar` even when `fooBar`
/// comes first); then the first holder of each identifier keeps it; the rest
/// get suffixes in spec order.
pub fn name_all(wire: &[String], to_ident: fn(&str) -> String, reserved: &[&str]) -> Vec<Name> {
    let mut ns = Namespace::with_reserved(reserved);
    let idents: Vec<String> = wire.iter().map(|w| to_ident(w)).collect();
    let mut out: Vec<Option<String>> = vec![None; wire.len()];
    for (i, ident) in idents.iter().enumerate() {
        if *ident == wire[i] && !ns.is_taken(ident) {
            out[i] = Some(ns.claim(ident.clone()));
        }
    }
    for (i, ident) in idents.iter().enumerate() {
        if out[i].is_none() && !ns.is_taken(ident) {
            out[i] = Some(ns.claim(ident.clone()));
        }
    }
    for (i, ident) in idents.into_iter().enumerate() {
        if out[i].is_none() {
            out[i] = Some(ns.claim(ident));
        }
    }
    wire.iter()
        .zip(out)
        .map(|(w, r)| Name { rust: r.expect("every slot filled by the last pass"), wire: w.clone() })
        .collect()
}

/// A crate name usable in `Cargo.toml` (`kebab-case`, ASCII), from a title
/// or `x-rust-crate`.
///
/// Unlike identifiers, a title is split only where it has spaces or
/// punctuation, never inside a word: a title spells brand names as the
/// vendor does (`GitHub`, `OpenSearch`), and `git-hub` is nobody's crate.
pub fn crate_name(raw: &str) -> String {
    let spelled = words(raw);
    let joined = spelled.split_whitespace().map(str::to_ascii_lowercase).collect::<Vec<_>>().join("-");
    fix_start(joined, "value")
}

/// The default prefix of the environment variables `Client::from_env`
/// reads: the crate name in `SCREAMING_SNAKE_CASE`.
pub fn env_prefix(crate_name: &str) -> String {
    crate_name.replace('-', "_").to_ascii_uppercase()
}

/// A Cargo feature name (`kebab-case`, ASCII) for a tag or a path segment.
pub fn feature(raw: &str) -> String {
    snake(raw).trim_end_matches('_').replace('_', "-")
}

/// Features every generated crate has (or will have), which a group of
/// operations must not take.
pub const FIXED_FEATURES: &[&str] =
    &["default", "serialize", "deserialize", "defaults", "mock", "tracing", "native-tls", "rustls"];

/// Methods the runtime's `Client` has (its own, and the trait methods the
/// runtime calls on it), which an operation's method must not take.
pub const CLIENT_METHODS: &[&str] = &[
    "new",
    "builder",
    "from_env",
    "base_url",
    "max_retries",
    "timeout",
    "auth",
    "inner",
    "from_parts",
    "clone",
    "fmt",
];

/// A stable operation name for operations without an `operationId`:
/// the method followed by the path's words, e.g. `get_accounts_account_id`.
pub fn operation_fallback(method: &str, path: &str) -> String {
    snake(&format!("{method} {path}"))
}

/// The key under `components` that a node brought in from another file is
/// filed under, and so (through [`pascal`]) its type's name: the key in
/// `components` when the reference goes through them, else the last key of
/// the fragment (`defs.yaml#/Pet` → `Pet`), else the file's stem
/// (`schemas/Pet.yaml` → `Pet`). `taken` says whether a key is used by
/// another node: then a number is added (`Pet2`), so that names stay stable
/// in document order.
pub(crate) fn ref_key(file: &str, fragment: &str, taken: impl Fn(&str) -> bool) -> String {
    let base = match fragment.rsplit('/').next() {
        Some(last) if !last.is_empty() => last.replace("~1", "/").replace("~0", "~"),
        _ => {
            let name = file.rsplit('/').next().unwrap_or(file);
            let name = name.strip_suffix(".gz").unwrap_or(name);
            name.rsplit_once('.').map_or(name, |(stem, _)| stem).to_string()
        }
    };
    let base = if base.trim().is_empty() { "Schema".to_string() } else { base };
    if !taken(&base) {
        return base;
    }
    (2..).map(|n| format!("{base}{n}")).find(|k| !taken(k)).unwrap_or(base)
}

/// The header of the account email in Cloudflare's email + key auth; a
/// spec declaring it and [`CLOUDFLARE_KEY_HEADER`] is Cloudflare-shaped and
/// keeps Cloudflare's constructor and variable names.
pub const CLOUDFLARE_EMAIL_HEADER: &str = "X-Auth-Email";
/// The header of the Global API key in Cloudflare's email + key auth.
pub const CLOUDFLARE_KEY_HEADER: &str = "X-Auth-Key";

/// The `Auth` constructor of a credential of one scheme, named for its
/// kind: the scheme's `type` and its `http` scheme (or token prefix) or
/// `apiKey` location, e.g. `bearer`, `basic`, `api_key_query`.
pub fn auth_kind(scheme_type: &str, detail: &str) -> String {
    match scheme_type {
        "apiKey" => format!("api_key_{}", snake(detail)),
        "oauth2" => "oauth2".to_string(),
        "openIdConnect" => "open_id_connect".to_string(),
        _ => snake(detail),
    }
}

/// The `Auth` constructor of a credential that sends several schemes
/// together: their names joined, e.g. `app_id_and_app_key`.
pub fn auth_combined(scheme_keys: &[&str]) -> String {
    let joined =
        scheme_keys.iter().map(|k| snake(k).trim_end_matches('_').to_string()).collect::<Vec<_>>().join("_and_");
    if KEYWORDS.contains(&joined.as_str()) {
        format!("{joined}_")
    } else {
        joined
    }
}

/// The environment variable (after the crate's prefix and `_`) that holds a
/// scheme's secret: its name in `SCREAMING_SNAKE_CASE`.
pub fn env_suffix(scheme_key: &str) -> String {
    snake(scheme_key).trim_matches('_').to_ascii_uppercase()
}

/// Methods a parameters struct has (inherent, derived, or from blanket
/// traits called with method syntax) that a setter must not shadow: an
/// inherent `clone(self, v)` would hide `Clone::clone`.
const TAKEN_METHODS: &[&str] = &[
    "new",
    "default",
    "clone",
    "clone_from",
    "fmt",
    "into",
    "try_into",
    "to_owned",
    "borrow",
    "borrow_mut",
    "type_id",
];

/// The chainable setters of a parameters struct's optional fields, one per
/// field in order: the field's name, or `set_<field>` where that name is
/// one of [`TAKEN_METHODS`] (numbered if `set_<field>` is a field too).
pub fn setters(fields: &[&str]) -> Vec<String> {
    let reserved: Vec<&str> = TAKEN_METHODS.iter().chain(fields).copied().collect();
    let mut ns = Namespace::with_reserved(&reserved);
    fields
        .iter()
        .map(|f| if TAKEN_METHODS.contains(f) { ns.claim(format!("set_{f}")) } else { f.to_string() })
        .collect()
}

/// The `Client` method that streams every item of the paging operation
/// `operation` (progenitor's convention).
pub fn stream_method(operation: &str) -> String {
    format!("{operation}_stream")
}

/// The `Client` method that reads the server-sent events of `operation`
/// (the operation's own method keeps its JSON or text response).
pub fn events_method(operation: &str) -> String {
    format!("{operation}_events")
}

/// The names of the types an operation or a type owns, made from the
/// owner's type name (`ListZones` → `ListZonesParams`). These are hints:
/// the namespace that claims them numbers a name already taken.
pub mod owned {
    use super::pascal;

    /// An operation's query and header parameters, one struct.
    pub fn params(op_type: &str) -> String {
        format!("{op_type}Params")
    }

    /// An operation's request body.
    pub fn body(op_type: &str) -> String {
        format!("{op_type}Body")
    }

    /// A request body declared as a component under `key`, which may end
    /// in `Body` already (`PetBody` is not `PetBodyBody`).
    pub fn component_body(key: &str) -> String {
        body(pascal(key).trim_end_matches("Body"))
    }

    /// An operation's success response; `suffix` tells apart the
    /// responses of a union of them.
    pub fn response(op_type: &str, suffix: &str) -> String {
        format!("{op_type}Response{suffix}")
    }

    /// A member of an operation's envelope response (`Result`,
    /// `ResultInfo`), named like an inline property of the operation's
    /// response (see [`response`]).
    pub fn envelope_member(op_type: &str, member: &str, suffix: &str) -> String {
        format!("{op_type}{member}{suffix}")
    }

    /// A member of an envelope declared by the schema `owner`.
    pub fn owner_member(owner: &str, member: &str) -> String {
        format!("{owner}{member}")
    }

    /// An operation's error body for the status `code` (`404`, `4XX`,
    /// `default`).
    pub fn error(op_type: &str, code: &str) -> String {
        format!("{op_type}Error{}", pascal(code))
    }

    /// The data of an operation's server-sent events.
    pub fn event(op_type: &str) -> String {
        format!("{op_type}Event")
    }

    /// An array's items.
    pub fn item(owner: &str) -> String {
        format!("{owner}Item")
    }

    /// A map's values (`additionalProperties`).
    pub fn value(owner: &str) -> String {
        format!("{owner}Value")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The case conversions split and join words exactly as `heck` 0.5
    /// (which named everything before them): every string of up to six
    /// characters from lowercase and uppercase letters, digits and spaces.
    #[test]
    fn cases_are_those_of_heck() {
        use heck::{ToPascalCase, ToSnakeCase};
        let alphabet = ['a', 'z', 'B', 'Z', '1', ' '];
        let mut strings = vec![String::new()];
        let mut last = strings.clone();
        for _ in 0..6 {
            last = last.iter().flat_map(|s| alphabet.iter().map(move |c| format!("{s}{c}"))).collect();
            strings.extend(last.iter().cloned());
        }
        for s in &strings {
            assert_eq!(snake_case(s), s.to_snake_case(), "snake_case of {s:?}");
            assert_eq!(pascal_case(s), s.to_pascal_case(), "PascalCase of {s:?}");
        }
        assert_eq!(pascal_case("HTTPServer 2fa"), "HttpServer2fa");
        assert_eq!(snake_case("getHTTPResponseCode"), "get_http_response_code");
    }

    #[test]
    fn owned_types_are_named_after_their_owner() {
        let cases: [(String, &str); 11] = [
            (owned::params("ListZones"), "ListZonesParams"),
            (owned::body("CreatePet"), "CreatePetBody"),
            (owned::component_body("pet-body"), "PetBody"),
            (owned::component_body("new_pet"), "NewPetBody"),
            (owned::response("GetPet", ""), "GetPetResponse"),
            (owned::response("GetPet", "201"), "GetPetResponse201"),
            (owned::envelope_member("ListZones", "Result", ""), "ListZonesResult"),
            (owned::owner_member("ZoneEnvelope", "ResultInfo"), "ZoneEnvelopeResultInfo"),
            (owned::error("GetPet", "4XX"), "GetPetErrorN4xx"),
            (owned::event("Chat"), "ChatEvent"),
            (owned::item("Tags"), "TagsItem"),
        ];
        for (made, expected) in cases {
            assert_eq!(made, expected);
        }
        assert_eq!(owned::value("Labels"), "LabelsValue");
        assert_eq!(owned::error("GetPet", "409"), "GetPetErrorN409");
    }

    #[test]
    fn operations_do_not_take_the_clients_own_methods() {
        let wire: Vec<String> = ["new", "builder", "list", "clone", "auth"].iter().map(|s| s.to_string()).collect();
        let names: Vec<String> =
            name_all(&wire, |s| s.to_string(), CLIENT_METHODS).into_iter().map(|n| n.rust).collect();
        assert_eq!(names, ["new2", "builder2", "list", "clone2", "auth2"]);
    }

    #[test]
    fn extra_methods_take_the_operation_name_and_a_suffix() {
        let table = [("list_zones", "list_zones_stream", "list_zones_events"), ("chat", "chat_stream", "chat_events")];
        for (operation, stream, events) in table {
            assert_eq!(stream_method(operation), stream);
            assert_eq!(events_method(operation), events);
        }
    }

    #[test]
    fn keys_of_nodes_from_other_files() {
        let none = |_: &str| false;
        assert_eq!(ref_key("components/schemas/Pet.yaml", "", none), "Pet");
        assert_eq!(ref_key("defs.json", "/components/schemas/Order", none), "Order");
        assert_eq!(ref_key("defs.json", "/Order~1Item", none), "Order/Item");
        assert_eq!(ref_key("a/b.yaml.gz", "", none), "b");
        assert_eq!(ref_key("Pet.yaml", "", |k: &str| k == "Pet" || k == "Pet2"), "Pet3");
    }

    #[test]
    fn auth_names() {
        let kinds = [
            (("http", "basic"), "basic"),
            (("http", "Bearer"), "bearer"),
            (("http", "Token"), "token"),
            (("apiKey", "header"), "api_key_header"),
            (("apiKey", "query"), "api_key_query"),
            (("apiKey", "cookie"), "api_key_cookie"),
            (("oauth2", "Bearer"), "oauth2"),
            (("openIdConnect", "Bearer"), "open_id_connect"),
        ];
        for ((ty, detail), want) in kinds {
            assert_eq!(auth_kind(ty, detail), want, "{ty} {detail}");
        }
        assert_eq!(auth_combined(&["appId", "app-key"]), "app_id_and_app_key");
        assert_eq!(auth_combined(&["type"]), "type_");
        let envs =
            [("api_token", "API_TOKEN"), ("basicAuth", "BASIC_AUTH"), ("X-Api-Key", "X_API_KEY"), ("type", "TYPE")];
        for (key, want) in envs {
            assert_eq!(env_suffix(key), want, "{key}");
        }
    }

    #[test]
    fn snake_cases() {
        let table = [
            ("percentComplete", "percent_complete"),
            ("account_id", "account_id"),
            ("type", "type_"),
            ("self", "self_"),
            ("Self", "self_"),
            ("2fa", "n2fa"),
            ("", "value"),
            ("_", "value"),
            ("x-auth-email", "x_auth_email"),
            ("a.b/c", "a_b_c"),
            ("+1", "plus_1"),
            ("-1", "minus_1"),
            ("crème", "creme"),
            ("日本", "u65e5_u672c"),
            ("stream-m-p-4-downloads-list-downloads", "stream_m_p_4_downloads_list_downloads"),
            ("HTTPStatus", "http_status"),
            ("mod", "mod_"),
        ];
        for (raw, want) in table {
            assert_eq!(snake(raw), want, "snake({raw:?})");
        }
    }

    #[test]
    fn pascal_cases() {
        let table = [
            ("download_status", "DownloadStatus"),
            ("stream_api-response-common", "StreamApiResponseCommon"),
            ("inprogress", "Inprogress"),
            ("", "Value"),
            ("3d", "N3d"),
            ("Self", "Self_"),
            ("type", "Type"),
            ("option", "Option_"),
            ("from", "From_"),
            ("Into", "Into_"),
            ("String", "String_"),
            ("<=", "LtEq"),
            ("*", "Star"),
        ];
        for (raw, want) in table {
            assert_eq!(pascal(raw), want, "pascal({raw:?})");
        }
    }

    #[test]
    fn collisions_get_stable_suffixes() {
        let wire: Vec<String> = ["A", "a", "a-", "b"].iter().map(|s| s.to_string()).collect();
        let names = name_all(&wire, pascal, &["B"]);
        let rust: Vec<&str> = names.iter().map(|n| n.rust.as_str()).collect();
        assert_eq!(rust, ["A", "A2", "A3", "B2"]);
        assert!(names.iter().zip(&wire).all(|(n, w)| &n.wire == w));
    }

    #[test]
    fn exact_spelling_wins_over_earlier_collision() {
        let wire: Vec<String> = ["fooBar", "foo_bar"].iter().map(|s| s.to_string()).collect();
        let names = name_all(&wire, snake, &[]);
        assert_eq!(names[0].rust, "foo_bar2");
        assert_eq!(names[1].rust, "foo_bar");
    }

    #[test]
    fn suffix_after_digit_is_separated() {
        let mut ns = Namespace::default();
        assert_eq!(ns.claim("v1".into()), "v1");
        assert_eq!(ns.claim("v1".into()), "v1_2");
    }

    #[test]
    fn variants() {
        assert_eq!(variant(""), "Empty");
        assert_eq!(variant("default"), "Default");
        assert_eq!(variant("self"), "Self_");
        assert_eq!(variant("in-progress"), "InProgress");
        assert_eq!(int_variant(-1), "VMinus1");
        assert_eq!(int_variant(200), "V200");
    }

    #[test]
    fn crate_names_split_titles_between_words_only() {
        let table = [
            ("Cloudflare Stream Downloads API", "cloudflare-stream-downloads-api", "CLOUDFLARE_STREAM_DOWNLOADS_API"),
            ("GitHub v3 REST API", "github-v3-rest-api", "GITHUB_V3_REST_API"),
            ("OpenSearch", "opensearch", "OPENSEARCH"),
            ("LangGraph Platform", "langgraph-platform", "LANGGRAPH_PLATFORM"),
            ("AssemblyAI API", "assemblyai-api", "ASSEMBLYAI_API"),
            ("Twilio - Messaging", "twilio-messaging", "TWILIO_MESSAGING"),
            ("my_api.client/v2", "my-api-client-v2", "MY_API_CLIENT_V2"),
            ("Crème API", "creme-api", "CREME_API"),
            ("3scale API", "n3scale-api", "N3SCALE_API"),
            ("C++ SDK", "c-plus-plus-sdk", "C_PLUS_PLUS_SDK"),
            ("!!!", "not-not-not", "NOT_NOT_NOT"),
            ("", "value", "VALUE"),
        ];
        for (title, name, prefix) in table {
            assert_eq!(crate_name(title), name, "crate_name({title:?})");
            assert_eq!(env_prefix(&crate_name(title)), prefix, "env_prefix of {title:?}");
        }
    }

    #[test]
    fn feature_names() {
        let table = [
            ("Stream MP4 Downloads", "stream-mp4-downloads"),
            ("dns_records", "dns-records"),
            ("Zone Settings (Beta)", "zone-settings-beta"),
            ("type", "type"),
            ("2FA", "n2fa"),
            ("", "value"),
        ];
        for (raw, want) in table {
            assert_eq!(feature(raw), want, "feature({raw:?})");
        }
    }

    #[test]
    fn setters_never_shadow_the_structs_methods() {
        assert_eq!(setters(&["per_page", "name"]), ["per_page", "name"]);
        assert_eq!(setters(&["default", "clone", "new", "type_"]), ["set_default", "set_clone", "set_new", "type_"]);
        assert_eq!(setters(&["set_default", "default"]), ["set_default", "set_default2"]);
    }

    #[test]
    fn fallback_operation_names() {
        assert_eq!(operation_fallback("get", "/accounts/{account_id}/stream"), "get_accounts_account_id_stream");
    }
}
