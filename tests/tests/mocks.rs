//! The generated `mock` helpers (the `mock` feature) against the clients
//! they mock, over loopback HTTP: each mock matches only its operation's
//! method, path, parameters and body (anything else gets wiremock's 404,
//! which the client reports), and its responders come back through the
//! client as the typed result or the typed error.

// Values are built from `Default` by assigning fields, which keeps working
// once generated types are `#[non_exhaustive]` (issue 11, section 2).
#![allow(clippy::field_reassign_with_default)]

use cloudflare_stream_downloads::types::{Download, DownloadGetResponse, DownloadStatus, DownloadType};
use cloudflare_stream_downloads::{mock, Auth, Client, Error};
use serde_json::json;
use swagger2_fixture::types::{DeletePetParams, ListPetsKindsItem, ListPetsParams, NewPet, Pet, RenamePetBody};
use wiremock::MockServer;

const ACCOUNT: &str = "023e105f4ecef8ad9ca31a8372d0c353";
const VIDEO: &str = "ea95132c15732412d22c1476fa83f27a";

fn stream_client(server: &MockServer) -> Client {
    let builder = Client::builder().base_url(server.uri()).auth(Auth::api_token("t")).max_retries(0);
    builder.build().expect("valid client")
}

fn pets_client(server: &MockServer) -> swagger2_fixture::Client {
    swagger2_fixture::Client::builder().base_url(server.uri()).max_retries(0).build().expect("valid client")
}

/// A request no mock matched: wiremock's 404, which the client surfaces.
fn assert_unmatched<T: std::fmt::Debug, E: std::fmt::Debug + HasStatus>(result: Result<T, E>) {
    let err = result.expect_err("no mock matches");
    assert_eq!(err.status(), Some(404), "{err:?}");
}

trait HasStatus {
    fn status(&self) -> Option<u16>;
}

impl HasStatus for Error {
    fn status(&self) -> Option<u16> {
        Error::status(self).map(|s| s.as_u16())
    }
}

impl HasStatus for swagger2_fixture::Error {
    fn status(&self) -> Option<u16> {
        swagger2_fixture::Error::status(self).map(|s| s.as_u16())
    }
}

fn ready_audio() -> DownloadGetResponse {
    let mut audio = Download::default();
    audio.status = Some(DownloadStatus::Ready);
    audio.url = Some("https://example.com/audio.m4a".into());
    audio.percent_complete = Some(100.0);
    let mut downloads = DownloadGetResponse::default();
    downloads.audio = Some(audio);
    downloads
}

#[tokio::test]
async fn ok_wraps_the_result_in_the_envelope_and_round_trips() {
    let server = MockServer::start().await;
    let expected = ready_audio();
    mock::list_downloads().path((ACCOUNT, VIDEO)).ok(&expected).expect(1).mount(&server).await;
    let client = stream_client(&server);
    let raw = client.list_downloads(ACCOUNT, VIDEO).send_raw().await.expect("the mock answers");
    let envelope = raw.body();
    assert!(envelope.success && envelope.errors.is_empty() && envelope.messages.is_empty());
    assert_eq!(serde_json::to_value(&envelope.result).unwrap(), serde_json::to_value(&expected).unwrap());
    assert_eq!(envelope.result.audio.as_ref().and_then(|a| a.status.clone()), Some(DownloadStatus::Ready));
}

#[tokio::test]
async fn path_parameters_match_any_segment_until_set() {
    let server = MockServer::start().await;
    mock::delete_downloads().ok(&"deleted".to_string()).mount(&server).await;
    let client = stream_client(&server);
    assert_eq!(client.delete_downloads("any-account", "any-video").await.expect("matches"), "deleted");
    // A value with a `/` is still one (encoded) segment.
    assert_eq!(client.delete_downloads("a", "v/x").await.expect("matches"), "deleted");
    // A longer path is another operation's.
    assert_unmatched(client.delete_download("a", "v", DownloadType::Audio).await);
}

#[tokio::test]
async fn only_the_set_path_parameters_method_and_body_match() {
    let server = MockServer::start().await;
    mock::create_download()
        .path((ACCOUNT, VIDEO, DownloadType::Audio))
        .ok(&Download::default())
        .expect(1)
        .mount(&server)
        .await;
    mock::create_downloads().path((ACCOUNT, VIDEO)).body(&json!({})).ok(&Download::default()).mount(&server).await;
    let client = stream_client(&server);
    client.create_download(ACCOUNT, VIDEO, DownloadType::Audio).await.expect("matches");
    assert_unmatched(client.create_download(ACCOUNT, VIDEO, DownloadType::Default).await);
    assert_unmatched(client.create_download(ACCOUNT, "other-video", DownloadType::Audio).await);
    // Same path, other method.
    assert_unmatched(client.delete_download(ACCOUNT, VIDEO, DownloadType::Audio).await);
    client.create_downloads(ACCOUNT, VIDEO, &json!({})).await.expect("the empty body matches");
    assert_unmatched(client.create_downloads(ACCOUNT, VIDEO, &json!({"type": "audio"})).await);
}

#[tokio::test]
async fn api_error_is_the_clients_typed_api_error() {
    let server = MockServer::start().await;
    mock::delete_download()
        .path((ACCOUNT, VIDEO, DownloadType::Audio))
        .api_error(404, 10003, "Not found")
        .mount(&server)
        .await;
    let err = stream_client(&server).delete_download(ACCOUNT, VIDEO, DownloadType::Audio).await.expect_err("an error");
    let api = err.as_api().expect("an API error");
    assert_eq!(api.status(), 404);
    assert_eq!(api.codes(), vec![10003]);
    assert_eq!(api.message(), Some("Not found"));
    assert!(err.is_not_found());
}

fn rex() -> Pet {
    serde_json::from_value(json!({"id": 7, "name": "Rex", "tag": null, "kind": {"petType": "dog"}})).expect("a pet")
}

#[tokio::test]
async fn plain_json_operations_answer_without_an_envelope() {
    let server = MockServer::start().await;
    let pets = vec![rex()];
    swagger2_fixture::mock::list_pets().ok(&pets).mount(&server).await;
    let got = pets_client(&server).list_pets(&ListPetsParams::default()).await.expect("a list");
    assert_eq!(serde_json::to_value(&got).unwrap(), serde_json::to_value(&pets).unwrap());
}

#[tokio::test]
async fn query_parameters_match_as_the_client_writes_them() {
    let server = MockServer::start().await;
    let mut params = ListPetsParams::default();
    params.limit = Some(10);
    params.tags = Some(vec!["a b".into(), "c".into()]);
    params.kinds = Some(vec![ListPetsKindsItem::Cat, ListPetsKindsItem::Dog]);
    swagger2_fixture::mock::list_pets().params(&params).ok(&vec![rex()]).expect(1).mount(&server).await;
    let client = pets_client(&server);
    client.list_pets(&params).await.expect("the same parameters match");
    let mut other = params.clone();
    other.limit = Some(11);
    assert_unmatched(client.list_pets(&other).await);
    assert_unmatched(client.list_pets(&ListPetsParams::default()).await);
}

#[tokio::test]
async fn header_parameters_and_bodies_match() {
    let server = MockServer::start().await;
    let mut reason = DeletePetParams::default();
    reason.x_reason = Some("adopted".into());
    swagger2_fixture::mock::delete_pet().path(7).params(&reason).ok(&()).mount(&server).await;
    let new = NewPet::new("Rex");
    swagger2_fixture::mock::add_pet().body(&new).ok(&rex()).mount(&server).await;
    let mut rename = RenamePetBody::new("Max");
    rename.notify = Some(true);
    swagger2_fixture::mock::rename_pet().path(7).body(&rename).ok(&rex()).mount(&server).await;
    let client = pets_client(&server);

    client.delete_pet(7, &reason).await.expect("the header matches");
    assert_unmatched(client.delete_pet(7, &DeletePetParams::default()).await);
    assert_unmatched(client.delete_pet(8, &reason).await);
    assert_eq!(client.add_pet(&new).await.expect("the JSON body matches").id, 7);
    assert_unmatched(client.add_pet(&NewPet::new("Max")).await);
    client.rename_pet(7, &rename).await.expect("the form body matches");
    assert_unmatched(client.rename_pet(7, &RenamePetBody::new("Max")).await);
}

#[tokio::test]
async fn error_answers_with_the_declared_error_body() {
    let server = MockServer::start().await;
    let mut body = swagger2_fixture::types::Error::default();
    body.code = Some(404);
    body.message = Some("no such pet".into());
    swagger2_fixture::mock::get_pet().path(7).error(404, &body).mount(&server).await;
    swagger2_fixture::mock::get_pet().path(8).status(503).mount(&server).await;
    let client = pets_client(&server);
    let err = client.get_pet(7).await.expect_err("an error");
    let got = err.body::<swagger2_fixture::types::Error>().expect("the declared error body");
    assert_eq!((got.code, got.message.as_deref()), (Some(404), Some("no such pet")));
    let err = client.get_pet(8).await.expect_err("an error");
    assert_eq!(err.status().map(|s| s.as_u16()), Some(503));
}
