//! Every example in the spec deserializes into the generated types and
//! serializes back to equivalent JSON.

use cloudflare_stream_downloads::runtime::ResponseInfo;
use cloudflare_stream_downloads::types::{DownloadCreateResponse, DownloadDeleteResponse, DownloadGetResponse};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

fn spec() -> Value {
    serde_yaml::from_str(codegen::DEFAULT_SPEC).expect("spec/stream.yaml is YAML")
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

fn round_trip<T: DeserializeOwned + Serialize>(what: &str, value: &Value) {
    let typed: T =
        serde_json::from_value(value.clone()).unwrap_or_else(|e| panic!("{what}: does not deserialize: {e}"));
    let back = serde_json::to_value(&typed).expect("serializes");
    assert!(equivalent(value, &back), "{what}: round trip changed the value\n  spec: {value}\n  back: {back}");
}

/// Checks an envelope example: its `errors`, `messages` and `result`.
fn envelope<T: DeserializeOwned + Serialize>(what: &str, example: &Value) {
    assert_eq!(example["success"], Value::Bool(true), "{what}: success");
    round_trip::<Vec<ResponseInfo>>(&format!("{what}.errors"), &example["errors"]);
    round_trip::<Vec<ResponseInfo>>(&format!("{what}.messages"), &example["messages"]);
    round_trip::<T>(&format!("{what}.result"), &example["result"]);
}

/// Every `examples`/`example` under `node`, with a readable location.
fn collect_examples(node: &Value, at: String, out: &mut Vec<(String, Value)>) {
    match node {
        Value::Object(map) => {
            if let Some(Value::Object(examples)) = map.get("examples") {
                for (name, ex) in examples {
                    out.push((format!("{at}/examples/{name}"), ex["value"].clone()));
                }
            }
            if let Some(ex) = map.get("example") {
                out.push((format!("{at}/example"), ex.clone()));
            }
            for (k, v) in map {
                if k != "examples" && k != "example" {
                    collect_examples(v, format!("{at}/{k}"), out);
                }
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                collect_examples(v, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn every_example_round_trips_through_the_generated_types() {
    let mut examples = Vec::new();
    collect_examples(&spec(), String::new(), &mut examples);
    assert!(examples.len() >= 4, "expected the seed's examples, found {}", examples.len());
    for (at, value) in &examples {
        // The type each example's schema maps to in the generated crate.
        if at.contains("/get/responses/200/") {
            envelope::<DownloadGetResponse>(at, value);
        } else if at.contains("/DownloadCreated/") {
            envelope::<DownloadCreateResponse>(at, value);
        } else if at.contains("/DownloadDeleted/") {
            envelope::<DownloadDeleteResponse>(at, value);
        } else if at.contains("/requestBody/") {
            round_trip::<Value>(at, value);
        } else {
            panic!("example at {at} is not mapped to a generated type; add it to this test");
        }
    }
}

#[test]
fn unknown_status_values_do_not_fail_the_response() {
    let body = serde_json::json!({"default": {"status": "queued", "percentComplete": 12.5}});
    let parsed: DownloadGetResponse = serde_json::from_value(body.clone()).expect("tolerates new values");
    let status = parsed.default.as_ref().and_then(|d| d.status.clone()).expect("status present");
    assert_eq!(status.as_str(), "queued");
    assert!(equivalent(&serde_json::to_value(&parsed).expect("serializes"), &body));
}
