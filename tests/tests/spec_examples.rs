//! Every example in the spec deserializes into the generated types and
//! serializes back to equivalent JSON.
//!
//! A response example is checked against the type its location maps to. A
//! request-body example is checked against the body type of its operation
//! as the generator's model gives it, through [`request_body_types`], an
//! explicit table from model type to generated Rust type: a body type the
//! table lacks fails the test, as does an example that does not decode or
//! does not serialize back to an equivalent value.

use cloudflare_stream_downloads::runtime::ResponseInfo;
use cloudflare_stream_downloads::types::{
    Download, DownloadCreateResponse, DownloadDeleteResponse, DownloadGetResponse, DownloadType,
};
use codegen::diagnostic::escape_token;
use codegen::model::{Api, BodyKind, Operation, Options, TypeRef};
use codegen::parse::Source;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};

fn spec() -> Value {
    serde_yaml::from_str(codegen::DEFAULT_SPEC).expect("spec/stream.yaml is YAML")
}

/// The generator's model of `source`, which must model.
fn model(source: &Source) -> Api {
    match codegen::model_of(source, Options::all()) {
        Ok(built) => built.api,
        Err(diags) => panic!("{} does not model: {diags:#?}", source.name),
    }
}

/// Numbers compare by value, so `0` and `0.0` are the same.
fn equivalent(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(x, y)| equivalent(x, y)),
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| equivalent(v, w)))
        }
        _ => a == b,
    }
}

/// Decodes `value` into `T` and serializes it back: the value it becomes,
/// or why it does not decode or serialize.
fn decode<T: DeserializeOwned + Serialize>(value: &Value) -> Result<Value, String> {
    let typed: T = serde_json::from_value(value.clone()).map_err(|e| format!("does not deserialize: {e}"))?;
    serde_json::to_value(&typed).map_err(|e| format!("does not serialize: {e}"))
}

/// [`decode`] followed by the round-trip comparison; `Err` says what failed.
fn check_round_trip(value: &Value, decode: Decode) -> Result<(), String> {
    let back = decode(value)?;
    if equivalent(value, &back) {
        Ok(())
    } else {
        Err(format!("serializes back to a different value\n  spec: {value}\n  back: {back}"))
    }
}

fn round_trip<T: DeserializeOwned + Serialize>(what: &str, value: &Value) {
    if let Err(e) = check_round_trip(value, decode::<T>) {
        panic!("{what}: {e}");
    }
}

/// Checks an envelope example: its `errors`, `messages` and `result`.
fn envelope<T: DeserializeOwned + Serialize>(what: &str, example: &Value) {
    assert_eq!(example["success"], Value::Bool(true), "{what}: success");
    round_trip::<Vec<ResponseInfo>>(&format!("{what}.errors"), &example["errors"]);
    round_trip::<Vec<ResponseInfo>>(&format!("{what}.messages"), &example["messages"]);
    round_trip::<T>(&format!("{what}.result"), &example["result"]);
}

type Decode = fn(&Value) -> Result<Value, String>;

/// The generated Rust type of each model type a request body may have, as
/// a decode function; with the Rust type's name for messages.
///
/// `TypeRef::Json` is `serde_json::Value`, `TypeRef::Named(n)` is
/// `types::n`. When the spec gives a body a type this table lacks, add the
/// type (regenerate `generated/` first when it is a new named type).
fn request_body_types() -> Vec<(TypeRef, &'static str, Decode)> {
    fn named(name: &str) -> TypeRef {
        TypeRef::Named(name.to_string())
    }
    fn entry<T: DeserializeOwned + Serialize>(model: TypeRef) -> (TypeRef, &'static str, Decode) {
        (model, std::any::type_name::<T>(), decode::<T>)
    }
    vec![
        entry::<Value>(TypeRef::Json),
        entry::<Download>(named("Download")),
        entry::<DownloadType>(named("DownloadType")),
    ]
}

/// The JSON pointer (`/a/b~1c`) of `key` under `at`.
fn join(at: &str, key: &str) -> String {
    format!("{at}/{}", escape_token(key))
}

/// Every `examples`/`example` under `node`, with the JSON pointer of the
/// example. Named examples that are `$ref`s are resolved in `root`; the
/// shared `components/examples` are checked where they are used.
fn collect_examples(root: &Value, node: &Value, at: String, out: &mut Vec<(String, Value)>) {
    match node {
        Value::Object(map) => {
            let in_components = at == "/components";
            if let (false, Some(Value::Object(examples))) = (in_components, map.get("examples")) {
                for (name, ex) in examples {
                    let ex_at = join(&join(&at, "examples"), name);
                    let ex = match ex.get("$ref").and_then(Value::as_str) {
                        Some(r) => root
                            .pointer(r.strip_prefix('#').unwrap_or(r))
                            .unwrap_or_else(|| panic!("{ex_at}: `$ref` {r} does not resolve")),
                        None => ex,
                    };
                    let value =
                        ex.get("value").unwrap_or_else(|| panic!("{ex_at}: only examples with a `value` are checked"));
                    out.push((ex_at, value.clone()));
                }
            }
            if let Some(ex) = map.get("example") {
                out.push((join(&at, "example"), ex.clone()));
            }
            for (k, v) in map {
                if (k != "examples" || in_components) && k != "example" {
                    collect_examples(root, v, join(&at, k), out);
                }
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                collect_examples(root, v, join(&at, &i.to_string()), out);
            }
        }
        _ => {}
    }
}

/// The operations of `api` whose request body holds the example at `at`: the
/// operation whose own `requestBody` it is in, or those whose `requestBody`
/// is a `$ref` to the `components/requestBodies` entry it is in.
fn operations_of<'a>(spec: &Value, api: &'a Api, at: &str) -> Vec<&'a Operation> {
    if let Some(rest) = at.strip_prefix("/components/requestBodies/") {
        let name = rest.split('/').next().unwrap_or_default();
        let target = format!("#/components/requestBodies/{name}");
        return api
            .operations
            .iter()
            .filter(|op| {
                spec.pointer(&format!("{}/requestBody/$ref", op.source)).and_then(Value::as_str)
                    == Some(target.as_str())
            })
            .collect();
    }
    api.operations.iter().filter(|op| at.starts_with(&format!("{}/requestBody/", op.source))).collect()
}

/// Whether the example at `at` is a whole request body
/// (`…/requestBody/content/<media type>/example` or `…/examples/<name>`),
/// rather than an example of a part of its schema.
fn is_whole_body(at: &str) -> bool {
    let Some((_, rest)) = at.split_once("/requestBody/").or_else(|| {
        at.strip_prefix("/components/requestBodies/").and_then(|r| r.split_once('/')).map(|(_, r)| ("", r))
    }) else {
        return false;
    };
    let tokens: Vec<&str> = rest.split('/').collect();
    matches!(tokens.as_slice(), ["content", _, "example"] | ["content", _, "examples", _])
}

/// Checks the request-body examples of `spec` against the body types of
/// `api`, its model: the failures, and the number of (example, operation)
/// pairs that passed.
fn check_request_examples(spec: &Value, api: &Api, examples: &[(String, Value)]) -> (Vec<String>, usize) {
    let table = request_body_types();
    let mut failures = Vec::new();
    let mut passed = 0;
    for (at, value) in examples {
        if !is_whole_body(at) {
            failures.push(format!(
                "{at}: an example of a part of a request body's schema; this test checks whole-body examples \
                 (`requestBody/content/<media type>/example(s)`): add a check for it"
            ));
            continue;
        }
        let ops = operations_of(spec, api, at);
        if ops.is_empty() {
            failures.push(format!(
                "{at}: belongs to no operation of the model; teach `operations_of` where this request body is used"
            ));
        }
        for op in ops {
            let ty = match op.body.as_ref().map(|b| &b.kind) {
                Some(BodyKind::Json(ty) | BodyKind::Form(ty)) => ty,
                Some(kind) => {
                    failures.push(format!(
                        "{at}: the body of `{}` is {kind:?}, which this test cannot decode; add a check for it",
                        op.name
                    ));
                    continue;
                }
                None => {
                    failures.push(format!("{at}: the model gives `{}` no request body", op.name));
                    continue;
                }
            };
            let Some((_, rust, decode)) = table.iter().find(|(model, _, _)| model == ty) else {
                failures.push(format!(
                    "{at}: the body of `{}` is the model type {ty:?}, which `request_body_types` in \
                     tests/tests/spec_examples.rs does not know; add it there with the generated Rust type \
                     it becomes (regenerate `generated/` first if it is a new type)",
                    op.name
                ));
                continue;
            };
            match check_round_trip(value, *decode) {
                Ok(()) => passed += 1,
                Err(e) => failures.push(format!(
                    "{at}: the body of `{}` as {rust}: {e}; fix the example, or the schema (and regenerate)",
                    op.name
                )),
            }
        }
    }
    (failures, passed)
}

/// The request-body examples among `examples`.
fn request_examples(examples: &[(String, Value)]) -> Vec<(String, Value)> {
    examples.iter().filter(|(at, _)| is_request_body(at)).cloned().collect()
}

fn is_request_body(at: &str) -> bool {
    at.contains("/requestBody/") || at.starts_with("/components/requestBodies/")
}

fn all_examples(spec: &Value) -> Vec<(String, Value)> {
    let mut examples = Vec::new();
    collect_examples(spec, spec, String::new(), &mut examples);
    examples
}

#[test]
fn every_example_round_trips_through_the_generated_types() {
    let spec = spec();
    let examples = all_examples(&spec);
    assert!(examples.len() >= 4, "expected the seed's examples, found {}", examples.len());
    for (at, value) in examples.iter().filter(|(at, _)| !is_request_body(at)) {
        // The type each response example's schema maps to in the generated crate.
        if at.contains("/get/responses/200/") {
            envelope::<DownloadGetResponse>(at, value);
        } else if at.contains("/DownloadCreated/") {
            envelope::<DownloadCreateResponse>(at, value);
        } else if at.contains("/DownloadDeleted/") {
            envelope::<DownloadDeleteResponse>(at, value);
        } else {
            panic!("example at {at} is not mapped to a generated type; add it to this test");
        }
    }
}

#[test]
fn request_body_examples_decode_into_the_body_type_of_their_operation() {
    let spec = spec();
    let api = model(&codegen::default_source());
    let requests = request_examples(&all_examples(&spec));
    let (failures, passed) = check_request_examples(&spec, &api, &requests);
    assert!(failures.is_empty(), "{} request-body example(s) fail:\n{}", failures.len(), failures.join("\n"));
    // The seed's `create_downloads` body example, at least.
    assert!(passed >= 1, "no request-body example was checked among {requests:?}");
}

/// The table names each named type after the generated type it decodes
/// into, so the model's name and the Rust type cannot drift apart.
#[test]
fn request_body_table_matches_rust_names() {
    for (model, rust, _) in request_body_types() {
        match model {
            TypeRef::Named(name) => {
                assert!(rust.ends_with(&format!("::types::{name}")), "{name} is decoded as {rust}")
            }
            TypeRef::Json => assert_eq!(rust, "serde_json::value::Value"),
            other => panic!("no naming rule for {other:?} in this test"),
        }
    }
}

/// The spec with `create_downloads`'s JSON body changed to `body` (a media
/// type object), and its failures.
fn failures_with_create_body(body: Value) -> Vec<String> {
    let mut spec = spec();
    let media = spec
        .pointer_mut("/paths/~1accounts~1{account_id}~1stream~1{identifier}~1downloads/post/requestBody/content")
        .expect("create_downloads has a request body");
    *media = json!({ "application/json": body });
    let api = model(&Source { name: "changed spec".into(), text: serde_json::to_string(&spec).expect("JSON") });
    let requests = request_examples(&all_examples(&spec));
    assert_eq!(requests.len(), 1, "{requests:?}");
    check_request_examples(&spec, &api, &requests).0
}

/// The check can fail: a body type the table does not know.
#[test]
fn a_body_type_missing_from_the_table_fails() {
    let failures = failures_with_create_body(json!({
        "schema": { "type": "object", "properties": { "kind": { "type": "string" } } },
        "example": { "kind": "audio" },
    }));
    assert_eq!(failures.len(), 1, "{failures:#?}");
    assert!(failures[0].contains("does not know; add it there"), "{}", failures[0]);
    assert!(failures[0].contains("`create_downloads`"), "{}", failures[0]);
}

/// The check can fail: an example that does not decode into the body type,
/// and one that does not serialize back to the same value.
#[test]
fn a_body_example_that_does_not_fit_its_type_fails() {
    let schema = json!({ "$ref": "#/components/schemas/Download" });
    let failures = failures_with_create_body(json!({ "schema": schema, "example": { "percentComplete": "half" } }));
    assert_eq!(failures.len(), 1, "{failures:#?}");
    assert!(failures[0].contains("does not deserialize"), "{}", failures[0]);

    let failures = failures_with_create_body(json!({ "schema": schema, "example": { "url": "u", "unknown": 1 } }));
    assert_eq!(failures.len(), 1, "{failures:#?}");
    assert!(failures[0].contains("serializes back to a different value"), "{}", failures[0]);

    let fits = failures_with_create_body(json!({ "schema": schema, "examples": { "a": { "value": { "url": "u" } } } }));
    assert!(fits.is_empty(), "{fits:#?}");
}

#[test]
fn unknown_status_values_do_not_fail_the_response() {
    let body = serde_json::json!({"default": {"status": "queued", "percentComplete": 12.5}});
    let parsed: DownloadGetResponse = serde_json::from_value(body.clone()).expect("tolerates new values");
    let status = parsed.default.as_ref().and_then(|d| d.status.clone()).expect("status present");
    assert_eq!(status.as_str(), "queued");
    assert!(equivalent(&serde_json::to_value(&parsed).expect("serializes"), &body));
}
