//! How the runtime maps responses to results and errors: envelopes, API
//! errors, non-JSON error bodies and undecodable successes.

use cloudflare_stream_downloads as api;

use api::runtime::{Binary, Envelope, Json, NoContent, PathBuilder, Request, Text};
use api::Error;
use serde_json::{json, Value};
use wiremock::matchers::{any, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const LIST_PATH: &str = "/accounts/acc/stream/vid/downloads";

fn client(server: &MockServer) -> api::Client {
    api::Client::builder()
        .base_url(server.uri())
        .auth(api::Auth::api_token("secret-token-123"))
        .build()
        .expect("valid client configuration")
}

fn envelope(success: bool, errors: Value, result: Value) -> Value {
    json!({
        "success": success,
        "errors": errors,
        "messages": [{"code": 1001, "message": "note", "documentation_url": "https://docs.example/1001"}],
        "result": result,
    })
}

fn failure_errors() -> Value {
    json!([
        {"code": 10000, "message": "Authentication error", "documentation_url": "https://docs.example/10000", "source": {"pointer": "/account_id"}},
        {"code": 10001, "message": "second problem"},
    ])
}

async fn mount(server: &MockServer, template: ResponseTemplate) {
    Mock::given(any()).respond_with(template).mount(server).await;
}

fn raw_request<D: api::runtime::Decode>(client: &api::Client, operation: &'static str) -> Request<D> {
    Request::new(client, api::runtime::Method::GET, operation, PathBuilder::new().literal("/raw"))
}

#[tokio::test]
async fn success_envelope_yields_result_and_raw_access_keeps_everything() {
    let server = MockServer::start().await;
    let body = envelope(
        true,
        json!([]),
        json!({"audio": {"percentComplete": 50.5, "status": "inprogress", "url": "https://x/a.mp4"}}),
    );
    Mock::given(method("GET"))
        .and(path(LIST_PATH))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(&body)
                .insert_header("cf-ray", "8a1b2c3d4e5f-LHR")
                .insert_header("ratelimit-remaining", "1199"),
        )
        .mount(&server)
        .await;
    let client = client(&server);

    let result = client.list_downloads("acc", "vid").await.expect("success");
    let audio = result.audio.expect("audio present");
    assert_eq!(audio.percent_complete, Some(50.5));
    assert!(result.default.is_none());

    let raw = client.list_downloads("acc", "vid").send_raw().await.expect("success");
    assert_eq!(raw.status(), 200);
    assert_eq!(raw.header("cf-ray"), Some("8a1b2c3d4e5f-LHR"));
    assert_eq!(raw.headers()["ratelimit-remaining"], "1199");
    let envelope = raw.body();
    assert!(envelope.success);
    assert!(envelope.errors.is_empty());
    assert_eq!(envelope.messages.len(), 1);
    assert_eq!(envelope.messages[0].code, 1001);
    assert_eq!(envelope.messages[0].documentation_url.as_deref(), Some("https://docs.example/1001"));
    assert!(envelope.result.audio.is_some());
}

#[tokio::test]
async fn success_false_with_status_200_is_an_api_error_with_every_detail() {
    let server = MockServer::start().await;
    mount(
        &server,
        ResponseTemplate::new(200)
            .set_body_json(envelope(false, failure_errors(), Value::Null))
            .insert_header("cf-ray", "ray-200"),
    )
    .await;

    let err = client(&server).list_downloads("acc", "vid").await.expect_err("success: false");
    let api_err = err.as_api().expect("an API error");
    assert_eq!(api_err.status(), 200);
    assert_eq!(api_err.operation(), "list_downloads");
    assert_eq!(api_err.codes(), vec![10000, 10001]);
    assert!(api_err.has_code(10001));
    assert_eq!(api_err.message(), Some("Authentication error"));
    assert_eq!(api_err.errors()[0].documentation_url.as_deref(), Some("https://docs.example/10000"));
    let pointer = api_err.errors()[0].source.as_ref().and_then(|s| s.pointer.as_deref());
    assert_eq!(pointer, Some("/account_id"));
    assert_eq!(api_err.messages()[0].message, "note");
    assert_eq!(api_err.ray_id(), Some("ray-200"));
    assert!(!api_err.is_auth_error(), "the status, not the code, decides");
    let text = err.to_string();
    assert!(text.contains("list_downloads"), "{text}");
    assert!(text.contains("[10000] Authentication error (at /account_id)"), "{text}");
    assert!(text.contains("[10001] second problem"), "{text}");
}

#[tokio::test]
async fn success_false_is_reported_even_when_result_has_an_unexpected_shape() {
    let server = MockServer::start().await;
    mount(
        &server,
        ResponseTemplate::new(200).set_body_json(envelope(false, failure_errors(), json!(["not", "an", "object"]))),
    )
    .await;

    let err = client(&server).list_downloads("acc", "vid").await.expect_err("success: false");
    assert_eq!(err.as_api().map(api::ApiError::codes), Some(vec![10000, 10001]));
}

#[tokio::test]
async fn status_classifiers_match_the_http_status() {
    let server = MockServer::start().await;
    for (status, account) in [(401, "a401"), (403, "a403"), (404, "a404"), (429, "a429"), (500, "a500")] {
        Mock::given(path(format!("/accounts/{account}/stream/vid/downloads")))
            .respond_with(ResponseTemplate::new(status).set_body_json(envelope(false, failure_errors(), Value::Null)))
            .mount(&server)
            .await;
    }
    let client = client(&server);
    let fetch = |account: &'static str| client.list_downloads(account, "vid").max_retries(0);

    let unauthorized = fetch("a401").await.expect_err("401");
    assert!(unauthorized.is_auth_error() && !unauthorized.is_not_found());
    let forbidden = fetch("a403").await.expect_err("403");
    assert!(forbidden.is_auth_error());
    assert!(forbidden.as_api().is_some_and(api::ApiError::is_auth_error));
    let not_found = fetch("a404").await.expect_err("404");
    assert!(not_found.is_not_found() && !not_found.is_auth_error());
    let limited = fetch("a429").await.expect_err("429");
    assert!(limited.is_rate_limited() && limited.as_api().is_some_and(api::ApiError::is_rate_limited));
    let server_error = fetch("a500").await.expect_err("500");
    assert!(server_error.is_server_error() && !server_error.is_rate_limited());
    assert_eq!(server_error.status().map(|s| s.as_u16()), Some(500));
    assert_eq!(server_error.operation(), Some("list_downloads"));
}

#[tokio::test]
async fn error_status_with_an_envelope_keeps_headers_and_messages() {
    let server = MockServer::start().await;
    mount(
        &server,
        ResponseTemplate::new(429)
            .set_body_json(envelope(false, json!([{"code": 971, "message": "Please wait"}]), Value::Null))
            .insert_header("retry-after", "3600")
            .insert_header("cf-ray", "ray-429"),
    )
    .await;

    let err = client(&server).list_downloads("acc", "vid").max_retries(0).await.expect_err("429");
    let Error::Api(api_err) = &err else { panic!("expected an API error, got {err:?}") };
    assert!(api_err.is_rate_limited());
    assert_eq!(api_err.headers()["retry-after"], "3600");
    assert_eq!(err.headers().and_then(|h| h.get("cf-ray")).map(|v| v.as_bytes()), Some(&b"ray-429"[..]));
    assert_eq!(api_err.messages()[0].code, 1001);
    assert_eq!(api_err.message(), Some("Please wait"));
}

#[tokio::test]
async fn failure_envelope_without_errors_still_reads_well() {
    let server = MockServer::start().await;
    mount(&server, ResponseTemplate::new(400).set_body_json(json!({"success": false, "errors": [], "messages": []})))
        .await;

    let err = client(&server).list_downloads("acc", "vid").await.expect_err("400");
    let api_err = err.as_api().expect("an envelope is an API error");
    assert!(api_err.codes().is_empty());
    assert_eq!(api_err.message(), None);
    assert!(err.to_string().contains("without details"), "{err}");
}

#[tokio::test]
async fn html_error_page_becomes_a_short_excerpt_cut_on_a_char_boundary() {
    let server = MockServer::start().await;
    // Multi-byte characters around the cut point catch byte-based truncation.
    let page = format!("<html>\n  <body>\n    <h1>502 Bad Gateway</h1>{}</body></html>", "é€😀".repeat(400));
    mount(&server, ResponseTemplate::new(502).set_body_raw(page, "text/html").insert_header("cf-ray", "ray-502")).await;

    let err = client(&server).list_downloads("acc", "vid").max_retries(0).await.expect_err("502");
    let Error::Http { operation, status, headers, body_excerpt } = &err else {
        panic!("expected Error::Http, got {err:?}")
    };
    assert_eq!(*operation, "list_downloads");
    assert_eq!(status.as_u16(), 502);
    assert_eq!(headers["cf-ray"], "ray-502");
    assert!(body_excerpt.chars().count() <= 512, "{} chars", body_excerpt.chars().count());
    assert!(body_excerpt.starts_with("<html> <body> <h1>502 Bad Gateway</h1>"), "{body_excerpt}");
    assert!(body_excerpt.ends_with('…'));
    assert!(err.is_server_error());
    let text = err.to_string();
    assert!(text.contains("list_downloads") && text.contains("502"), "{text}");
    assert!(text.len() < 3 * 1024);
}

#[tokio::test]
async fn empty_error_body_says_so() {
    let server = MockServer::start().await;
    mount(&server, ResponseTemplate::new(503)).await;

    let err = client(&server).list_downloads("acc", "vid").max_retries(0).await.expect_err("503");
    assert!(matches!(&err, Error::Http { body_excerpt, .. } if body_excerpt.is_empty()), "{err:?}");
    assert!(err.to_string().contains("(empty body)"), "{err}");
}

#[tokio::test]
async fn json_error_body_that_is_not_an_envelope_is_quoted() {
    let server = MockServer::start().await;
    mount(&server, ResponseTemplate::new(400).set_body_json(json!({"error": "bad thing"}))).await;

    let err = client(&server).list_downloads("acc", "vid").await.expect_err("400");
    assert!(matches!(&err, Error::Http { body_excerpt, .. } if body_excerpt.contains("bad thing")), "{err:?}");
}

#[tokio::test]
async fn wrongly_typed_field_names_the_operation_and_json_path() {
    let server = MockServer::start().await;
    mount(
        &server,
        ResponseTemplate::new(200).set_body_json(envelope(
            true,
            json!([]),
            json!({"audio": {"percentComplete": "half"}}),
        )),
    )
    .await;

    let err = client(&server).list_downloads("acc", "vid").await.expect_err("bad type");
    let Error::Decode { operation, status, path, .. } = &err else { panic!("expected Error::Decode, got {err:?}") };
    assert_eq!(*operation, "list_downloads");
    assert_eq!(status.as_u16(), 200);
    assert_eq!(path, "result.audio.percentComplete");
    let text = err.to_string();
    assert!(text.contains("list_downloads") && text.contains("result.audio.percentComplete"), "{text}");
    assert!(std::error::Error::source(&err).is_some());
}

#[tokio::test]
async fn malformed_or_non_json_success_bodies_are_decode_errors() {
    let server = MockServer::start().await;
    let cases = [
        ("truncated", ResponseTemplate::new(200).set_body_raw(r#"{"success": true, "result": {"#, "application/json")),
        ("html", ResponseTemplate::new(200).set_body_raw("<html>maintenance</html>", "text/html")),
        ("empty", ResponseTemplate::new(204)),
        (
            "trailing",
            ResponseTemplate::new(200)
                .set_body_raw(r#"{"success": true, "errors": [], "messages": []} x"#, "application/json"),
        ),
        ("no-success", ResponseTemplate::new(200).set_body_json(json!({"result": {}}))),
        ("not-object", ResponseTemplate::new(200).set_body_json(json!([1, 2]))),
    ];
    for (account, template) in &cases {
        Mock::given(path(format!("/accounts/{account}/stream/vid/downloads")))
            .respond_with(template.clone())
            .mount(&server)
            .await;
    }
    let client = client(&server);
    for (account, _) in cases {
        let err = client.list_downloads(account, "vid").await.expect_err(account);
        assert!(matches!(err, Error::Decode { operation: "list_downloads", .. }), "{account}: {err:?}");
    }
}

#[tokio::test]
async fn absent_result_is_fine_for_optional_payloads_and_an_error_for_required_ones() {
    let server = MockServer::start().await;
    mount(&server, ResponseTemplate::new(200).set_body_json(json!({"success": true, "errors": [], "messages": []})))
        .await;
    let client = client(&server);

    let optional: Option<String> =
        raw_request::<Envelope<Option<String>>>(&client, "optional").await.expect("absent result is None");
    assert_eq!(optional, None);
    let unit: () = raw_request::<Envelope<()>>(&client, "unit").await.expect("absent result is ()");
    assert_eq!(unit, ());
    let err = raw_request::<Envelope<Vec<u32>>>(&client, "required").await.expect_err("missing result");
    assert!(matches!(&err, Error::Decode { operation: "required", path, .. } if path == "result"), "{err:?}");
}

#[tokio::test]
async fn plain_json_text_binary_and_no_content_decoders() {
    let server = MockServer::start().await;
    let bytes = vec![0_u8, 159, 146, 150, 255];
    Mock::given(path("/json"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"a": [1, 2]})))
        .mount(&server)
        .await;
    Mock::given(path("/text")).respond_with(ResponseTemplate::new(200).set_body_string("héllo")).mount(&server).await;
    Mock::given(path("/bad-text"))
        .respond_with(ResponseTemplate::new(200).set_body_bytes(bytes.clone()))
        .mount(&server)
        .await;
    Mock::given(path("/bin"))
        .respond_with(ResponseTemplate::new(200).set_body_bytes(bytes.clone()))
        .mount(&server)
        .await;
    Mock::given(path("/none")).respond_with(ResponseTemplate::new(204)).mount(&server).await;
    let client = client(&server);
    let get = |p: &'static str| PathBuilder::new().literal(p);
    let method = || api::runtime::Method::GET;

    let value: Value = Request::<Json<Value>>::new(&client, method(), "json", get("/json")).await.expect("json");
    assert_eq!(value, json!({"a": [1, 2]}));
    let text = Request::<Text>::new(&client, method(), "text", get("/text")).await.expect("text");
    assert_eq!(text, "héllo");
    let err = Request::<Text>::new(&client, method(), "bad_text", get("/bad-text")).await.expect_err("invalid UTF-8");
    assert!(matches!(err, Error::Decode { operation: "bad_text", .. }), "{err:?}");
    let binary = Request::<Binary>::new(&client, method(), "bin", get("/bin")).await.expect("binary");
    assert_eq!(&binary[..], &bytes[..]);
    Request::<NoContent>::new(&client, method(), "none", get("/none")).await.expect("no content");
    let err = Request::<NoContent>::new(&client, method(), "missing", get("/missing")).await.expect_err("404");
    assert!(err.is_not_found());
}
