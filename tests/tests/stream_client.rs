//! The generated Stream client against a local HTTP server, one test per
//! operation: method, path, auth headers, body, parsed result; and an API
//! error turned into the typed error.

use cloudflare_stream_downloads::types::{DownloadStatus, DownloadType};
use cloudflare_stream_downloads::{Auth, Client, Error};
use serde_json::{json, Value};
use wiremock::matchers::{body_json, header, header_exists, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const ACCOUNT: &str = "023e105f4ecef8ad9ca31a8372d0c353";
const VIDEO: &str = "ea95132c15732412d22c1476fa83f27a";

/// The spec's example for a response, so the tests serve what the spec
/// documents rather than a copy of it.
fn spec_example(response: &str) -> Value {
    let spec: Value = serde_yaml::from_str(codegen::DEFAULT_SPEC).expect("spec is YAML");
    let content = match response {
        "list" => &spec["paths"]["/accounts/{account_id}/stream/{identifier}/downloads"]["get"]["responses"]["200"],
        other => &spec["components"]["responses"][other],
    };
    let examples = content["content"]["application/json"]["examples"].as_object().expect("has examples");
    examples.values().next().expect("one example")["value"].clone()
}

async fn token_client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.uri())
        .auth(Auth::api_token("test-token"))
        .max_retries(0)
        .build()
        .expect("valid client")
}

fn downloads_path(suffix: &str) -> String {
    format!("/accounts/{ACCOUNT}/stream/{VIDEO}/downloads{suffix}")
}

#[tokio::test]
async fn list_downloads() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(downloads_path("")))
        .and(header("authorization", "Bearer test-token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(spec_example("list")))
        .expect(1)
        .mount(&server)
        .await;
    let downloads = token_client(&server).await.list_downloads(ACCOUNT, VIDEO).await.expect("succeeds");
    let audio = downloads.audio.expect("audio download");
    assert_eq!(audio.status, Some(DownloadStatus::Ready));
    assert_eq!(audio.percent_complete, Some(0.0));
    assert!(audio.url.expect("url").ends_with("/downloads/default.mp4"));
    assert!(downloads.default.is_some());
}

#[tokio::test]
async fn create_downloads_sends_an_empty_json_object() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(downloads_path("")))
        .and(header("content-type", "application/json"))
        .and(body_json(json!({})))
        .respond_with(ResponseTemplate::new(200).set_body_json(spec_example("DownloadCreated")))
        .expect(1)
        .mount(&server)
        .await;
    let created = token_client(&server).await.create_downloads(ACCOUNT, VIDEO, &json!({})).await.expect("succeeds");
    assert_eq!(created.status, Some(DownloadStatus::Ready));
    assert_eq!(created.percent_complete, Some(0.0));
}

#[tokio::test]
async fn delete_downloads_with_email_and_key() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .and(path(downloads_path("")))
        .and(header("x-auth-email", "user@example.com"))
        .and(header("x-auth-key", "global-key"))
        .respond_with(ResponseTemplate::new(200).set_body_json(spec_example("DownloadDeleted")))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .auth(Auth::email_key("user@example.com", "global-key"))
        .build()
        .expect("valid client");
    assert_eq!(client.delete_downloads(ACCOUNT, VIDEO).await.expect("succeeds"), "ok");
    let requests = server.received_requests().await.expect("recording is on");
    assert!(requests[0].headers.get("authorization").is_none(), "no bearer token with email + key");
}

#[tokio::test]
async fn create_download_of_a_type() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(downloads_path("/audio")))
        .and(header_exists("authorization"))
        .respond_with(ResponseTemplate::new(200).set_body_json(spec_example("DownloadCreated")))
        .expect(1)
        .mount(&server)
        .await;
    let created =
        token_client(&server).await.create_download(ACCOUNT, VIDEO, DownloadType::Audio).await.expect("succeeds");
    assert_eq!(created.status, Some(DownloadStatus::Ready));
}

#[tokio::test]
async fn delete_download_of_a_type() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .and(path(downloads_path("/default")))
        .respond_with(ResponseTemplate::new(200).set_body_json(spec_example("DownloadDeleted")))
        .expect(1)
        .mount(&server)
        .await;
    let deleted =
        token_client(&server).await.delete_download(ACCOUNT, VIDEO, DownloadType::Default).await.expect("succeeds");
    assert_eq!(deleted, "ok");
}

#[tokio::test]
async fn api_errors_become_the_typed_error() {
    let server = MockServer::start().await;
    let failure = json!({
        "success": false,
        "errors": [{
            "code": 10003,
            "message": "video not found",
            "documentation_url": "https://developers.cloudflare.com/stream/",
            "source": {"pointer": "/identifier"}
        }],
        "messages": [{"code": 1000, "message": "see docs"}],
        "result": null
    });
    Mock::given(method("GET"))
        .and(path(downloads_path("")))
        .respond_with(ResponseTemplate::new(404).set_body_json(failure).insert_header("cf-ray", "8f1e2d3c4b5a6978-SJC"))
        .mount(&server)
        .await;
    let err = token_client(&server).await.list_downloads(ACCOUNT, VIDEO).await.expect_err("404 is an error");
    let Error::Api(api) = &err else { panic!("expected an API error, got {err:?}") };
    assert_eq!(api.status().as_u16(), 404);
    assert!(api.is_not_found());
    assert_eq!(api.codes(), vec![10003]);
    let first = &api.errors()[0];
    assert_eq!(first.message, "video not found");
    assert_eq!(first.documentation_url.as_deref(), Some("https://developers.cloudflare.com/stream/"));
    assert_eq!(first.source.as_ref().and_then(|s| s.pointer.as_deref()), Some("/identifier"));
    assert_eq!(api.messages()[0].code, 1000);
    assert_eq!(api.ray_id(), Some("8f1e2d3c4b5a6978-SJC"));
    let shown = err.to_string();
    assert!(shown.contains("list_downloads") && shown.contains("10003"), "{shown}");
}
