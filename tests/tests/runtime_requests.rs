//! What goes on the wire: paths, query strings, headers, credentials and
//! bodies.

use cloudflare_stream_downloads as api;

const CRATE_NAME: &str = "cloudflare-stream-downloads";

use api::runtime::{Json, Method, Multipart, NoContent, PathBuilder, Request};
use api::{Auth, Error};
use serde_json::{json, Value};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn server() -> MockServer {
    let server = MockServer::start().await;
    let ok = json!({"success": true, "errors": [], "messages": [], "result": {}});
    Mock::given(any()).respond_with(ResponseTemplate::new(200).set_body_json(ok)).mount(&server).await;
    server
}

fn client_with_auth(server: &MockServer, auth: Auth) -> api::Client {
    api::Client::builder().base_url(server.uri()).auth(auth).build().expect("valid client configuration")
}

fn client(server: &MockServer) -> api::Client {
    client_with_auth(server, Auth::api_token("token-abc"))
}

async fn only_request(server: &MockServer) -> wiremock::Request {
    let mut requests = server.received_requests().await.expect("recording is on");
    assert_eq!(requests.len(), 1, "exactly one request");
    requests.remove(0)
}

fn post(client: &api::Client, operation: &'static str) -> Request<Json<Value>> {
    Request::new(client, Method::POST, operation, PathBuilder::new().literal("/items"))
}

#[tokio::test]
async fn hostile_path_values_stay_one_segment() {
    let server = server().await;
    client(&server).list_downloads("../x?y#z", "a b/c%2F..;é").await.expect("sent");

    let request = only_request(&server).await;
    assert_eq!(request.url.path(), "/accounts/..%2Fx%3Fy%23z/stream/a%20b%2Fc%252F..%3B%C3%A9/downloads");
    assert_eq!(request.url.query(), None);
    assert_eq!(request.url.fragment(), None);
}

#[tokio::test]
async fn dot_segments_are_rejected_before_sending() {
    let server = server().await;
    let client = client(&server);
    for value in [".", ".."] {
        let err = client.list_downloads("acc", value).await.expect_err("dot segment");
        let Error::InvalidRequest { operation, reason } = &err else { panic!("expected InvalidRequest, got {err:?}") };
        assert_eq!(*operation, "list_downloads");
        assert!(reason.contains("`identifier`"), "{reason}");
    }
    // Dots inside a value are ordinary characters.
    client.list_downloads("acc", "...").await.expect("three dots are a name");
    assert_eq!(only_request(&server).await.url.path(), "/accounts/acc/stream/.../downloads");
}

#[tokio::test]
async fn empty_path_parameter_is_rejected_before_any_io() {
    let server = server().await;
    let err = client(&server).list_downloads("", "vid").await.expect_err("empty account id");

    assert!(matches!(&err, Error::InvalidRequest { operation: "list_downloads", .. }), "{err:?}");
    let text = err.to_string();
    assert!(text.contains("list_downloads") && text.contains("account_id") && text.contains("empty"), "{text}");
    assert!(server.received_requests().await.expect("recording is on").is_empty());
}

#[tokio::test]
async fn base_url_path_prefix_and_trailing_slash() {
    let server = server().await;
    let client = api::Client::builder().base_url(format!("{}/client/v4/", server.uri())).build().expect("valid");
    assert!(client.base_url().ends_with("/client/v4"), "{}", client.base_url());

    client.list_downloads("acc", "vid").await.expect("sent");
    assert_eq!(only_request(&server).await.url.path(), "/client/v4/accounts/acc/stream/vid/downloads");
}

#[tokio::test]
async fn query_parameters_are_encoded_and_arrays_follow_explode() {
    let server = server().await;
    post(&client(&server), "query")
        .query("q", "a b&c=d/é")
        .query("n", 42)
        .query_array("tag", ["x", "y,z"], None)
        .query_array("id", ["1", "2,3", "4"], Some(","))
        .query_array("empty", Vec::<String>::new(), Some(","))
        .query_array("sp", ["a", "c"], Some(" "))
        .query_array("pipe", ["a|b", "c"], Some("|"))
        .await
        .expect("sent");

    let request = only_request(&server).await;
    assert_eq!(
        request.url.query(),
        Some("q=a%20b%26c%3Dd%2F%C3%A9&n=42&tag=x&tag=y%2Cz&id=1,2%2C3,4&sp=a%20c&pipe=a%7Cb|c")
    );
}

#[tokio::test]
async fn standard_headers_and_user_agent() {
    let server = server().await;
    client(&server).list_downloads("acc", "vid").await.expect("sent");

    let request = only_request(&server).await;
    let user_agent = request.headers["user-agent"].to_str().expect("ASCII");
    let version = user_agent.strip_prefix(&format!("{CRATE_NAME}/")).unwrap_or_else(|| panic!("{user_agent}"));
    let parts: Vec<&str> = version.split('.').collect();
    assert!(parts.len() == 3 && parts.iter().all(|p| p.parse::<u64>().is_ok()), "{user_agent}");
    assert_eq!(request.headers["accept"], "application/json");
    assert_eq!(request.method.as_str(), "GET");
}

#[tokio::test]
async fn api_token_is_sent_as_bearer() {
    let server = server().await;
    client(&server).list_downloads("acc", "vid").await.expect("sent");

    let request = only_request(&server).await;
    assert_eq!(request.headers["authorization"], "Bearer token-abc");
    assert!(request.headers.get("x-auth-key").is_none());
}

#[tokio::test]
async fn email_and_key_are_sent_as_x_auth_headers() {
    let server = server().await;
    client_with_auth(&server, Auth::email_key("me@example.com", "global-key"))
        .list_downloads("acc", "vid")
        .await
        .expect("sent");

    let request = only_request(&server).await;
    assert_eq!(request.headers["x-auth-email"], "me@example.com");
    assert_eq!(request.headers["x-auth-key"], "global-key");
    assert!(request.headers.get("authorization").is_none());
}

#[tokio::test]
async fn no_auth_sends_no_credentials() {
    let server = server().await;
    client_with_auth(&server, Auth::none()).list_downloads("acc", "vid").await.expect("sent");

    let request = only_request(&server).await;
    for name in ["authorization", "x-auth-email", "x-auth-key"] {
        assert!(request.headers.get(name).is_none(), "{name}");
    }
}

#[tokio::test]
async fn default_header_param_and_per_call_headers_layer_in_order() {
    let server = server().await;
    let client = api::Client::builder()
        .base_url(server.uri())
        .auth(Auth::api_token("client-token"))
        .default_header("x-team", "video")
        .default_header("x-trace", "client")
        .build()
        .expect("valid");
    post(&client, "headers")
        .header_param("x-trace", "operation")
        .header_param("x-count", 3)
        .header("x-extra", "call")
        .header("authorization", "Bearer per-call-token")
        .await
        .expect("sent");

    let request = only_request(&server).await;
    assert_eq!(request.headers["x-team"], "video");
    assert_eq!(request.headers["x-trace"], "operation");
    assert_eq!(request.headers["x-count"], "3");
    assert_eq!(request.headers["x-extra"], "call");
    assert_eq!(request.headers["authorization"], "Bearer per-call-token");
    assert_eq!(request.headers.get_all("authorization").iter().count(), 1);
}

#[tokio::test]
async fn invalid_headers_are_rejected_before_any_io() {
    let server = server().await;
    let client = client(&server);

    let err = client.list_downloads("acc", "vid").header("x-evil", "a\r\nInjected: yes").await.expect_err("CRLF");
    assert!(matches!(&err, Error::InvalidRequest { reason, .. } if reason.contains("x-evil")), "{err:?}");
    let err = client.list_downloads("acc", "vid").header("bad name", "v").await.expect_err("space in name");
    assert!(matches!(err, Error::InvalidRequest { operation: "list_downloads", .. }), "{err:?}");
    assert!(server.received_requests().await.expect("recording is on").is_empty());
}

#[tokio::test]
async fn json_form_text_and_bytes_bodies() {
    let server = server().await;
    let client = client(&server);
    #[derive(serde::Serialize)]
    struct Form {
        name: &'static str,
        size: u32,
    }

    post(&client, "json").json_body(&json!({"a": [1, "é"]})).await.expect("json");
    post(&client, "form").form_body(&Form { name: "a b&c", size: 3 }).await.expect("form");
    post(&client, "text").text_body("hello".to_owned(), "text/plain; charset=utf-8").await.expect("text");
    post(&client, "bytes").bytes_body(vec![0, 1, 255], "application/octet-stream").await.expect("bytes");

    let requests = server.received_requests().await.expect("recording is on");
    let seen: Vec<(&str, &[u8])> =
        requests.iter().map(|r| (r.headers["content-type"].to_str().expect("ASCII"), r.body.as_slice())).collect();
    assert_eq!(
        seen,
        vec![
            ("application/json", r#"{"a":[1,"é"]}"#.as_bytes()),
            ("application/x-www-form-urlencoded", b"name=a+b%26c&size=3".as_slice()),
            ("text/plain; charset=utf-8", b"hello".as_slice()),
            ("application/octet-stream", [0_u8, 1, 255].as_slice()),
        ]
    );
}

#[tokio::test]
async fn multipart_body_carries_text_and_file_parts() {
    let server = server().await;
    let form = Multipart::new()
        .text("title", "My clip")
        .part("file", api::runtime::Part::bytes(b"\x00video".to_vec()).file_name("clip.mp4").mime("video/mp4"));
    post(&client(&server), "upload").multipart_body(form).await.expect("sent");

    let request = only_request(&server).await;
    let content_type = request.headers["content-type"].to_str().expect("ASCII");
    assert!(content_type.starts_with("multipart/form-data; boundary="), "{content_type}");
    let body = String::from_utf8_lossy(&request.body);
    assert!(body.contains("name=\"title\"\r\n\r\nMy clip\r\n"), "{body}");
    assert!(
        body.contains("name=\"file\"; filename=\"clip.mp4\"\r\nContent-Type: video/mp4\r\n\r\n\u{0}video"),
        "{body}"
    );
}

#[tokio::test]
async fn invalid_multipart_mime_is_rejected_before_any_io() {
    let server = server().await;
    let form = Multipart::new().part("file", api::runtime::Part::bytes(vec![1_u8]).mime("not a mime"));
    let err = post(&client(&server), "upload").multipart_body(form).await.expect_err("bad mime");

    assert!(
        matches!(&err, Error::InvalidRequest { operation: "upload", reason } if reason.contains("file")),
        "{err:?}"
    );
    assert!(server.received_requests().await.expect("recording is on").is_empty());
}

#[tokio::test]
async fn unserialisable_json_body_is_rejected_before_any_io() {
    let server = server().await;
    let mut map = std::collections::HashMap::new();
    map.insert((1, 2), "tuple keys are not JSON");
    let err = post(&client(&server), "json").json_body(&map).await.expect_err("not JSON");

    assert!(matches!(err, Error::InvalidRequest { operation: "json", .. }), "{err:?}");
    assert!(server.received_requests().await.expect("recording is on").is_empty());
}

#[tokio::test]
async fn delete_with_no_content_decoder() {
    let server = server().await;
    Request::<NoContent>::new(
        &client(&server),
        Method::DELETE,
        "remove",
        PathBuilder::new().literal("/items/").param("id", 7),
    )
    .await
    .expect("sent");

    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "DELETE");
    assert_eq!(request.url.path(), "/items/7");
}

/// Every path style, as a generated method calls it: each value and key
/// escaped on its own, then joined as the style says.
#[tokio::test]
async fn path_styles_write_lists_and_objects() {
    use api::runtime::PathStyle;
    let server = server().await;
    let client = client(&server);
    let point = json!({"x": 1, "y": "a,b"});
    let base = || PathBuilder::new().literal("/");
    let simple_pipes = PathStyle::Simple { separator: "%7C", explode: false };
    let cases: Vec<(PathBuilder, &str)> = vec![
        (base().param_list("ids", ["a,b", "c/d", "e f"], PathStyle::SIMPLE), "/a%2Cb,c%2Fd,e%20f"),
        (base().param_list("ids", [1, 2], simple_pipes), "/1%7C2"),
        (base().param_object("p", &point, PathStyle::SIMPLE), "/x,1,y,a%2Cb"),
        (base().param_object("p", &point, PathStyle::Simple { separator: ",", explode: true }), "/x=1,y=a%2Cb"),
        (base().param_styled("id", "a.b", PathStyle::Label { explode: false }), "/.a.b"),
        (base().param_list("ids", [1, 2], PathStyle::Label { explode: false }), "/.1,2"),
        (base().param_list("ids", [1, 2], PathStyle::Label { explode: true }), "/.1.2"),
        (base().param_object("p", &point, PathStyle::Label { explode: true }), "/.x=1.y=a%2Cb"),
        (base().param_styled("id", 5, PathStyle::Matrix { explode: false }), "/;id=5"),
        (base().param_list("ids", [1, 2], PathStyle::Matrix { explode: false }), "/;ids=1,2"),
        (base().param_list("ids", [1, 2], PathStyle::Matrix { explode: true }), "/;ids=1;ids=2"),
        (base().param_object("p", &point, PathStyle::Matrix { explode: true }), "/;x=1;y=a%2Cb"),
        (base().param_object("p", &point, PathStyle::Matrix { explode: false }), "/;p=x,1,y,a%2Cb"),
    ];
    let expected: Vec<&str> = cases.iter().map(|(_, path)| *path).collect();
    for (path, _) in cases {
        Request::<NoContent>::new(&client, Method::GET, "styled", path).await.expect("sent");
    }
    let requests = server.received_requests().await.expect("recording is on");
    let sent: Vec<&str> = requests.iter().map(|r| r.url.path()).collect();
    assert_eq!(sent, expected);

    // An empty value names nothing, whatever the style writes around it.
    let empty: [PathBuilder; 4] = [
        base().param_list("ids", Vec::<i64>::new(), PathStyle::Matrix { explode: false }),
        base().param_styled("id", "", PathStyle::Label { explode: false }),
        base().param_list("ids", [""], PathStyle::SIMPLE),
        base().param_object("p", &json!({}), PathStyle::Simple { separator: ",", explode: true }),
    ];
    for path in empty {
        let error = Request::<NoContent>::new(&client, Method::GET, "styled", path).await.expect_err("refused");
        assert!(error.to_string().contains("is empty"), "{error}");
    }
    assert_eq!(server.received_requests().await.expect("recording is on").len(), sent.len());
}

#[tokio::test]
async fn invalid_content_type_is_rejected_before_any_io() {
    let server = server().await;
    let err = post(&client(&server), "text").text_body("x".to_owned(), "text/plain\n").await.expect_err("bad type");

    assert!(
        matches!(&err, Error::InvalidRequest { operation: "text", reason } if reason.contains("content type")),
        "{err:?}"
    );
    assert!(server.received_requests().await.expect("recording is on").is_empty());
}

/// Header parameters that are lists or objects go in OpenAPI's `simple`
/// style (what the generated methods call for such parameters; see the
/// `headers` construct fixture).
#[tokio::test]
async fn list_and_object_headers_use_the_simple_style() {
    let server = server().await;
    let filter = serde_json::json!({"role": "admin", "level": 2});
    post(&client(&server), "headers")
        .header_list("x-ids", [1, 2, 3])
        .header_list_opt("x-tags", None::<Vec<String>>)
        .header_object("x-filter", &filter, false)
        .header_object_opt("x-exploded", Some(&filter), true)
        .await
        .expect("sent");

    let request = only_request(&server).await;
    let header = |name: &str| request.headers.get(name).map(|v| v.to_str().expect("ASCII").to_string());
    assert_eq!(header("x-ids").as_deref(), Some("1,2,3"));
    assert_eq!(header("x-tags"), None);
    assert_eq!(header("x-filter").as_deref(), Some("role,admin,level,2"));
    assert_eq!(header("x-exploded").as_deref(), Some("role=admin,level=2"));
}
