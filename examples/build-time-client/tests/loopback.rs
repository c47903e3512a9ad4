//! The client generated at build time, over HTTP on loopback: the request
//! it sends and the typed result it returns.

use build_time_client::stream::types::{DownloadStatus, DownloadType};
use build_time_client::stream::{Auth, Client};
use serde_json::json;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const ACCOUNT: &str = "023e105f4ecef8ad9ca31a8372d0c353";
const VIDEO: &str = "ea95132c15732412d22c1476fa83f27a";

fn client(server: &MockServer) -> Client {
    Client::builder().base_url(server.uri()).auth(Auth::api_token("test-token")).max_retries(0).build().expect("valid")
}

#[tokio::test]
async fn create_download_returns_the_typed_result() {
    let server = MockServer::start().await;
    let url = "https://customer-m033z5x00ks6nunl.cloudflarestream.com/ea95132c/downloads/audio.m4a";
    let body = json!({
        "success": true, "errors": [], "messages": [],
        "result": { "status": "inprogress", "percentComplete": 42.5, "url": url }
    });
    Mock::given(method("POST"))
        .and(path(format!("/accounts/{ACCOUNT}/stream/{VIDEO}/downloads/audio")))
        .and(header("authorization", "Bearer test-token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .expect(1)
        .mount(&server)
        .await;
    let created = client(&server).create_download(ACCOUNT, VIDEO, DownloadType::Audio).await.expect("succeeds");
    assert_eq!(created.status, Some(DownloadStatus::Inprogress));
    assert_eq!(created.percent_complete, Some(42.5));
    assert_eq!(created.url.as_deref(), Some(url));
}

#[tokio::test]
async fn the_crates_own_code_uses_the_client() {
    let server = MockServer::start().await;
    let body = json!({
        "success": true, "errors": [], "messages": [],
        "result": {
            "audio": { "status": "ready", "percentComplete": 100.0, "url": "https://example.com/audio.m4a" },
            "default": { "status": "inprogress", "percentComplete": 10.0 }
        }
    });
    Mock::given(method("GET"))
        .and(path(format!("/accounts/{ACCOUNT}/stream/{VIDEO}/downloads")))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .expect(1)
        .mount(&server)
        .await;
    let url = build_time_client::ready_audio_url(&client(&server), ACCOUNT, VIDEO).await.expect("succeeds");
    assert_eq!(url.as_deref(), Some("https://example.com/audio.m4a"));
}

#[test]
fn the_serialize_feature_this_crate_declares_is_on() {
    // `serialize` makes response types `Serialize` too; this crate turns it on.
    let mut download = build_time_client::stream::types::Download::default();
    download.status = Some(DownloadStatus::Ready);
    assert_eq!(serde_json::to_value(&download).expect("serializes"), json!({ "status": "ready" }));
}
