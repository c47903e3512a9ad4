//! What a call sends: path, query, headers, credentials and body.

use codegen_runtime::runtime::{Json, Method, NoContent, PathBuilder, Text};
use codegen_runtime::types::{Item, Status};
use codegen_runtime::{Auth, Client, Error, Request};
use serde_json::json;
use wiremock::matchers::{body_json, header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::{client, client_with, get};

#[tokio::test]
async fn path_parameters_are_one_encoded_segment_each() {
    let server = MockServer::start().await;
    Mock::given(path("/things/a%2Fb%3Fc/x"))
        .respond_with(ResponseTemplate::new(200).set_body_string("ok"))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);
    let path = PathBuilder::new().literal("/things/").param("id", "a/b?c").literal("/x");
    let text = Request::<Text>::new(&client, Method::GET, "op", path).await.expect("a text body");
    assert_eq!(text, "ok");
}

#[tokio::test]
async fn an_invalid_path_parameter_fails_before_anything_is_sent() {
    let server = MockServer::start().await;
    Mock::given(method("GET")).respond_with(ResponseTemplate::new(200)).expect(0).mount(&server).await;
    let client = client(&server);
    for value in ["", ".", ".."] {
        let path = PathBuilder::new().literal("/things/").param("id", value);
        let err = Request::<NoContent>::new(&client, Method::GET, "get_thing", path).await.expect_err("invalid");
        assert!(
            matches!(&err, Error::InvalidRequest { operation: "get_thing", reason } if reason.contains("`id`")),
            "{value:?}: {err:?}"
        );
    }
}

#[tokio::test]
async fn query_headers_and_json_body_are_sent() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/items"))
        .and(query_param("q", "a b&c"))
        .and(query_param("tag", "x,y"))
        .and(header("x-trace", "7"))
        .and(header("accept", "application/json"))
        .and(body_json(json!({"id": 1, "name": "one"})))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({"id": 1, "name": "one", "status": "ready"})))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);
    let item: Item = Request::<Json<Item>>::new(&client, Method::POST, "create", PathBuilder::new().literal("/items"))
        .query("q", "a b&c")
        .query_opt("absent", None::<u32>)
        .query_array("tag", ["x", "y"], Some(","))
        .header_param("x-trace", 7)
        .json_body(&json!({"id": 1, "name": "one"}))
        .await
        .expect("the item");
    assert_eq!((item.id, item.name.as_deref(), item.status), (1, Some("one"), Some(Status::Ready)));
}

#[tokio::test]
async fn credentials_go_where_their_scheme_says() {
    let server = MockServer::start().await;
    Mock::given(header("authorization", "Bearer t0k3n"))
        .respond_with(ResponseTemplate::new(200).set_body_string("bearer"))
        .mount(&server)
        .await;
    Mock::given(query_param("api_key", "k&1"))
        .respond_with(ResponseTemplate::new(200).set_body_string("query"))
        .mount(&server)
        .await;
    Mock::given(header("cookie", "session=c00k"))
        .respond_with(ResponseTemplate::new(200).set_body_string("cookie"))
        .mount(&server)
        .await;
    Mock::given(header("authorization", "Basic dXNlcjpwYXNz"))
        .respond_with(ResponseTemplate::new(200).set_body_string("basic"))
        .mount(&server)
        .await;
    let cases = [
        (Auth::bearer("t0k3n"), "bearer"),
        (Auth::query_key("api_key", "k&1"), "query"),
        (Auth::cookie_key("session", "c00k"), "cookie"),
        (Auth::basic("user", "pass"), "basic"),
    ];
    for (auth, want) in cases {
        let client = client_with(&server, |b| b.auth(auth));
        let got = get::<Text>(&client, "/whoami").await.expect("a matching mock");
        assert_eq!(got, want);
    }
}

#[tokio::test]
async fn a_call_header_replaces_the_client_default_and_credentials_are_redacted() {
    let server = MockServer::start().await;
    Mock::given(header("x-team", "call")).respond_with(ResponseTemplate::new(204)).expect(1).mount(&server).await;
    let client = client_with(&server, |b| b.auth(Auth::bearer("secret-token")).default_header("x-team", "client"));
    get::<NoContent>(&client, "/").header("x-team", "call").await.expect("the call's header wins");
    let shown = format!("{client:?}");
    assert!(shown.contains("Auth::Bearer([redacted])") && !shown.contains("secret-token"), "{shown}");
}

#[tokio::test]
async fn the_builder_rejects_base_urls_that_are_not_plain_http() {
    for (url, why) in [
        ("ftp://example.com", "scheme"),
        ("https://example.com/v1?x=1", "query"),
        ("https://user:pw@example.com", "credentials"),
        ("not a url", "invalid base URL"),
    ] {
        let err = Client::builder().base_url(url).build().expect_err(url);
        let message = err.to_string();
        assert!(matches!(err, Error::Config { .. }) && message.contains(why), "{url}: {message}");
        assert!(!message.contains("pw@"), "{message}");
    }
    let client = Client::builder().base_url("http://localhost:1/v1/").build().expect("valid");
    assert_eq!(client.base_url(), "http://localhost:1/v1");
    assert_eq!(Client::new(Auth::none()).base_url(), codegen_runtime::DEFAULT_BASE_URL);
}

/// Built without TLS, an `https` URL is refused before anything is sent.
#[cfg(not(any(feature = "rustls", feature = "native-tls")))]
#[tokio::test]
async fn without_tls_https_is_a_configuration_error() {
    let client = Client::builder().base_url("https://127.0.0.1:1").build().expect("valid");
    let err = get::<NoContent>(&client, "/").await.expect_err("no TLS");
    assert!(matches!(&err, Error::Config { reason } if reason.contains("`rustls`")), "{err:?}");
}
