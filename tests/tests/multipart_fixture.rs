//! The client generated from `tests/fixtures/constructs/multipart.yaml`
//! against a local HTTP server: typed multipart bodies become exactly the
//! parts the spec describes (names, file names, content types, text and
//! JSON values, repeated parts for arrays, nothing for absent optional
//! fields), and an untyped `Multipart` still goes through the same methods.
//!
//! The crate is committed in `tests/clients/multipart-fixture` and kept
//! fresh by `fixture_crate_matches_its_spec`.

use common::multipart::{part, parts};
use multipart_fixture::types::{
    Fit, ImageUploadCrop, ImportRecordsBody, ImportRecordsBodyProxied, UploadImageBody, UploadScriptBody,
    UploadScriptBodyMetadata,
};
use multipart_fixture::{Client, Error, FilePart, Multipart};
use serde_json::json;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

mod common;

/// The generated crate is exactly what the generator writes today.
#[test]
fn fixture_crate_matches_its_spec() {
    common::assert_client_is_fresh("multipart.yaml", "multipart-fixture");
}

async fn serve() -> (MockServer, Client) {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_raw(r#"{"id": "up-1"}"#, "application/json"))
        .mount(&server)
        .await;
    let client = Client::builder().base_url(server.uri()).max_retries(0).build().expect("valid client");
    (server, client)
}

async fn only_request(server: &MockServer) -> Request {
    let mut requests = server.received_requests().await.expect("recording is on");
    assert_eq!(requests.len(), 1, "one request");
    requests.remove(0)
}

/// Only the required fields: the optional ones send no part at all.
fn minimal_image() -> UploadImageBody {
    UploadImageBody::new(FilePart::new(&b"GIF89a"[..], "cat.gif"), false)
}

#[tokio::test]
async fn every_kind_of_field_becomes_its_part() {
    let (server, client) = serve().await;
    let mut body = minimal_image();
    body.thumbnail = Some(FilePart::new(&b"\x89PNG"[..], "thumb.png"));
    body.signature = Some(FilePart::new("c2lnbmVk", "sig.b64").with_content_type("text/plain"));
    body.require_signed_ur_ls = true;
    body.priority = Some(5);
    body.quality = Some(0.5);
    body.fit = Some(Fit::Cover);
    body.tags = Some(vec!["pets".into(), "cats".into()]);
    body.sizes = Some(vec![64, 128]);
    body.metadata = Some(json!({"owner": "ann"}));
    body.caption = Some("Mittens".into());
    body.note = Some("first".into());
    let mut crop = ImageUploadCrop::default();
    crop.x = Some(1);
    body.crop = Some(crop);
    let uploaded = client.upload_image(body).await.expect("uploaded");
    assert_eq!(uploaded.id, "up-1");
    let request = only_request(&server).await;
    assert_eq!((request.method.as_str(), request.url.path()), ("POST", "/images"));
    assert_eq!(
        parts(&request),
        [
            // No content type of its own: the field's (none in the spec).
            part("file", Some("cat.gif"), Some("application/octet-stream"), "GIF89a"),
            // `contentMediaType: image/png` is the default.
            part("thumbnail", Some("thumb.png"), Some("image/png"), "\u{fffd}PNG"),
            // The file's own type wins.
            part("signature", Some("sig.b64"), Some("text/plain"), "c2lnbmVk"),
            part("requireSignedURLs", None, None, "true"),
            part("priority", None, None, "5"),
            part("quality", None, None, "0.5"),
            part("fit", None, None, "cover"),
            part("tags", None, None, "pets"),
            part("tags", None, None, "cats"),
            part("sizes", None, None, "64"),
            part("sizes", None, None, "128"),
            part("metadata", None, Some("application/json"), r#"{"owner":"ann"}"#),
            // The `encoding`'s content type.
            part("caption", None, Some("text/plain; charset=utf-8"), "Mittens"),
            part("note", None, None, "first"),
            part("crop", None, Some("application/json"), r#"{"x":1}"#),
        ]
    );
}

#[tokio::test]
async fn absent_optional_fields_send_no_part() {
    let (server, client) = serve().await;
    client.upload_image(minimal_image()).await.expect("uploaded");
    let request = only_request(&server).await;
    assert_eq!(
        parts(&request),
        [
            part("file", Some("cat.gif"), Some("application/octet-stream"), "GIF89a"),
            part("requireSignedURLs", None, None, "false"),
        ]
    );
}

/// Cloudflare's worker upload: JSON metadata and a part per module, typed
/// by the first content type the `encoding` lists unless a file says
/// otherwise.
#[tokio::test]
async fn objects_are_json_parts_and_arrays_repeat() {
    let (server, client) = serve().await;
    let mut metadata = UploadScriptBodyMetadata::new("worker.js");
    metadata.compatibility_flags = Some(vec!["nodejs_compat".into()]);
    let mut body = UploadScriptBody::new(metadata);
    body.files = Some(vec![
        FilePart::new("export default {}", "worker.js"),
        FilePart::new(&b"\0asm"[..], "add.wasm").with_content_type("application/wasm"),
    ]);
    client.upload_script("hello", body).await.expect("uploaded");
    let request = only_request(&server).await;
    assert_eq!((request.method.as_str(), request.url.path()), ("PUT", "/scripts/hello"));
    assert_eq!(
        parts(&request),
        [
            part(
                "metadata",
                None,
                Some("application/json"),
                r#"{"main_module":"worker.js","compatibility_flags":["nodejs_compat"]}"#
            ),
            part("files", Some("worker.js"), Some("application/javascript+module"), "export default {}"),
            part("files", Some("add.wasm"), Some("application/wasm"), "\0asm"),
        ]
    );
}

#[tokio::test]
async fn an_optional_body_is_sent_when_given() {
    let (server, client) = serve().await;
    let mut body = ImportRecordsBody::new(FilePart::new("example.com. 300 IN A 192.0.2.1", "zone.txt"));
    body.proxied = Some(ImportRecordsBodyProxied::True);
    // A union with a binary variant is a file.
    body.comment = Some(FilePart::new("imported by CI", "comment.txt").with_content_type("text/plain"));
    client.import_records(Some(body.into())).await.expect("imported");
    client.import_records(None).await.expect("imported");
    let requests = server.received_requests().await.expect("recording is on");
    assert_eq!(requests.len(), 2);
    assert_eq!(
        parts(&requests[0]),
        [
            part("file", Some("zone.txt"), Some("application/octet-stream"), "example.com. 300 IN A 192.0.2.1"),
            part("proxied", None, None, "true"),
            part("comment", Some("comment.txt"), Some("text/plain"), "imported by CI"),
        ]
    );
    assert!(requests[1].body.is_empty() && !requests[1].headers.contains_key("content-type"));
}

/// The escape hatch: any `Multipart`, including a typed body with parts
/// the spec does not describe added to it.
#[tokio::test]
async fn an_untyped_multipart_goes_through_the_same_method() {
    let (server, client) = serve().await;
    let extended = Multipart::from(minimal_image()).text("extra", "yes");
    client.upload_image(extended).await.expect("uploaded");
    client.upload_assets(Multipart::new().bytes("index.html", "<p>hi</p>")).await.expect("uploaded");
    let requests = server.received_requests().await.expect("recording is on");
    assert_eq!(
        parts(&requests[0]),
        [
            part("file", Some("cat.gif"), Some("application/octet-stream"), "GIF89a"),
            part("requireSignedURLs", None, None, "false"),
            part("extra", None, None, "yes"),
        ]
    );
    assert_eq!(parts(&requests[1]), [part("index.html", None, None, "<p>hi</p>")]);
}

#[tokio::test]
async fn an_invalid_file_content_type_fails_before_sending() {
    let (server, client) = serve().await;
    let mut body = minimal_image();
    body.file = FilePart::new(&b"x"[..], "x.bin").with_content_type("not a type");
    let err = client.upload_image(body).await.expect_err("rejected");
    assert!(
        matches!(&err, Error::InvalidRequest { operation: "upload_image", reason } if reason.contains("`file`")),
        "{err:?}"
    );
    assert!(server.received_requests().await.expect("recording is on").is_empty());
}
