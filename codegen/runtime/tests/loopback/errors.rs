//! How responses and failures become `Error`s, and how bodies are decoded.

use codegen_runtime::runtime::{Json, NoContent, Text};
use codegen_runtime::types::{Item, Level, Status};
use codegen_runtime::{Client, Error};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::{client, get};

async fn serving(response: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any()).respond_with(response).mount(&server).await;
    server
}

#[tokio::test]
async fn an_error_page_is_an_http_error_with_an_excerpt() {
    let page = "<html>\n  <body>\n    <h1>Not   Found</h1>\n  </body>\n</html>";
    let server = serving(ResponseTemplate::new(404).set_body_string(page).insert_header("x-request-id", "r1")).await;
    let err = get::<NoContent>(&client(&server), "/").await.expect_err("404");
    let Error::Http { operation, status, ref headers, ref body_excerpt } = err else { panic!("{err:?}") };
    assert_eq!((operation, status.as_u16()), ("op", 404));
    assert_eq!(body_excerpt, "<html> <body> <h1>Not Found</h1> </body> </html>");
    assert_eq!(headers.get("x-request-id").map(|v| v.to_str().ok()), Some(Some("r1")));
    assert!(err.is_not_found() && !err.is_server_error() && !err.is_rate_limited());
    assert_eq!(err.operation(), Some("op"));
    assert!(err.to_string().contains("`op` failed with HTTP 404 Not Found"), "{err}");
}

#[tokio::test]
async fn excerpts_are_cut_at_512_characters() {
    let server = serving(ResponseTemplate::new(502).set_body_string("é".repeat(2000))).await;
    let err = get::<NoContent>(&client(&server), "/").max_retries(0).await.expect_err("502");
    let Error::Http { body_excerpt, .. } = &err else { panic!("{err:?}") };
    assert_eq!(body_excerpt.chars().count(), 512);
    assert!(body_excerpt.ends_with('…'));
    assert!(err.is_server_error());
    let empty = serving(ResponseTemplate::new(401)).await;
    let err = get::<NoContent>(&client(&empty), "/").await.expect_err("401");
    assert!(err.is_auth_error() && err.to_string().ends_with("(empty body)"), "{err}");
}

#[tokio::test]
async fn a_body_that_does_not_fit_names_the_failing_path() {
    let server = serving(ResponseTemplate::new(200).set_body_string(r#"[{"id": 1}, {"id": "two"}]"#)).await;
    let err = get::<Json<Vec<Item>>>(&client(&server), "/").await.expect_err("a string id");
    assert!(matches!(&err, Error::Decode { path, status, .. } if path == "[1].id" && *status == 200), "{err:?}");
    let server = serving(ResponseTemplate::new(200).set_body_string(r#"{"id": 1} trailing"#)).await;
    let err = get::<Json<Item>>(&client(&server), "/").await.expect_err("trailing text");
    assert!(matches!(&err, Error::Decode { path, .. } if path == "."), "{err:?}");
    let server = serving(ResponseTemplate::new(200).set_body_string(r#"{"name": "no id"}"#)).await;
    let err = get::<Json<Item>>(&client(&server), "/").await.expect_err("a required field is missing");
    assert!(err.to_string().contains("missing field `id`"), "{err}");
}

#[tokio::test]
async fn models_keep_unknown_values_and_accept_null_and_absent_fields() {
    let body = r#"[{"id": 1, "status": "paused", "extra": [1]}, {"id": 2, "name": null, "status": null}, {"id": 3}]"#;
    let server = serving(ResponseTemplate::new(200).set_body_string(body)).await;
    let items = get::<Json<Vec<Item>>>(&client(&server), "/").await.expect("valid items");
    assert_eq!(items[0].status, Some(Status::Unknown("paused".into())));
    assert_eq!(items[0].status.as_ref().map(Status::as_str), Some("paused"));
    assert_eq!((items[1].name.as_deref(), &items[1].status), (None, &None));
    assert_eq!(items[2].id, 3);
    let server = serving(ResponseTemplate::new(200).set_body_string("[2, 7]")).await;
    let levels = get::<Json<Vec<Level>>>(&client(&server), "/").await.expect("integer enums");
    assert_eq!(levels, vec![Level::High, Level::Unknown(7)]);
}

#[tokio::test]
async fn empty_json_bodies_are_null_and_text_must_be_utf8() {
    let server = serving(ResponseTemplate::new(200)).await;
    let none = get::<Json<Option<Item>>>(&client(&server), "/").await.expect("an empty body is `null`");
    assert!(none.is_none());
    let server = serving(ResponseTemplate::new(200).set_body_bytes(vec![0xff, 0xfe])).await;
    let err = get::<Text>(&client(&server), "/").await.expect_err("not UTF-8");
    assert!(matches!(err, Error::Decode { .. }), "{err:?}");
}

#[tokio::test]
async fn an_unreachable_server_is_a_connection_error() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    let url = format!("http://{}", listener.local_addr().expect("bound"));
    drop(listener);
    let client = Client::builder().base_url(url).max_retries(0).build().expect("valid");
    let err = get::<NoContent>(&client, "/").await.expect_err("nothing listens");
    assert!(matches!(err, Error::Connection { operation: "op", .. }), "{err:?}");
    assert_eq!(err.status(), None);
}

/// Without envelopes, an envelope-shaped error body is just a body.
#[cfg(not(feature = "envelopes"))]
#[tokio::test]
async fn without_envelopes_an_error_envelope_is_an_http_error() {
    let body = r#"{"success": false, "errors": [{"code": 7, "message": "no"}]}"#;
    let server = serving(ResponseTemplate::new(400).set_body_string(body)).await;
    let err = get::<NoContent>(&client(&server), "/").await.expect_err("400");
    assert!(matches!(&err, Error::Http { body_excerpt, .. } if body_excerpt.contains("\"code\": 7")), "{err:?}");
}
