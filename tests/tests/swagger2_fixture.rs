//! The client generated from the Swagger 2.0 spec
//! `tests/fixtures/constructs/swagger2.yaml` against a local HTTP server:
//! the base URL from `host`/`basePath`/`schemes`, path parameters, query
//! parameters by `collectionFormat`, header parameters, and JSON, form and
//! multipart bodies, exactly as they reach the server.
//!
//! The crate is committed in `tests/clients/swagger2-fixture` and kept fresh
//! by `fixture_crate_matches_its_spec`.

use common::multipart::{part, parts};
use serde_json::json;
use swagger2_fixture::types::{
    DeletePetParams, GetPetsByTagKindsItem, ListPetsKindsItem, ListPetsParams, NewPet, RenamePetBody, UploadPhotoBody,
};
use swagger2_fixture::{runtime::Multipart, Client, FilePart, DEFAULT_BASE_URL};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

mod common;

/// The generated crate is exactly what the generator writes today.
#[test]
fn fixture_crate_matches_its_spec() {
    common::assert_client_is_fresh("swagger2.yaml", "swagger2-fixture");
}

/// `host: shop.example.com`, `basePath: /v2/`, `schemes: [http, https]`.
#[test]
fn base_url_comes_from_host_base_path_and_schemes() {
    assert_eq!(DEFAULT_BASE_URL, "https://shop.example.com/v2");
    let client = Client::builder().build().expect("valid client");
    assert_eq!(client.base_url(), "https://shop.example.com/v2");
}

const PET: &str = r#"{"id": 7, "name": "Rex", "tag": null, "kind": {"petType": "dog"}}"#;

/// A server under `/v2` (as the spec's `basePath`) answering `status` with
/// `body` to everything, and a client pointed at it.
async fn serve(status: u16, body: &str) -> (MockServer, Client) {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(status).set_body_raw(body.to_string(), "application/json"))
        .mount(&server)
        .await;
    let client =
        Client::builder().base_url(format!("{}/v2", server.uri())).max_retries(0).build().expect("valid client");
    (server, client)
}

async fn only_request(server: &MockServer) -> Request {
    let mut requests = server.received_requests().await.expect("recording is on");
    assert_eq!(requests.len(), 1, "one request");
    requests.remove(0)
}

fn header<'r>(request: &'r Request, name: &str) -> Option<&'r str> {
    request.headers.get(name).map(|v| v.to_str().expect("ascii"))
}

/// The query as sent, decoded (`%2C` → `,`), to compare with what the
/// spec's `collectionFormat` asks for.
fn query(request: &Request) -> String {
    let raw = request.url.query().unwrap_or_default();
    percent_decode(raw)
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match (
            bytes[i],
            bytes.get(i + 1..i + 3).and_then(|h| u8::from_str_radix(std::str::from_utf8(h).ok()?, 16).ok()),
        ) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).expect("utf-8")
}

/// `csv` (the default) joins with commas, `multi` repeats the name, `pipes`
/// joins with `|`; a global (`#/parameters/limit`) parameter is sent too.
#[tokio::test]
async fn list_pets_sends_each_collection_format() {
    let (server, client) = serve(200, &format!("[{PET}]")).await;
    // Chainable setters: no `Some`, and `impl Into` of the field's type.
    let params = ListPetsParams::default()
        .limit(10)
        .tags(vec!["a".to_string(), "b".to_string()])
        .ids([1, 2])
        .kinds(vec![ListPetsKindsItem::Cat, ListPetsKindsItem::Dog]);
    let pets = client.list_pets(&params).await.expect("ok");
    assert_eq!(pets.len(), 1);
    assert_eq!((pets[0].id, pets[0].name.as_str()), (7, "Rex"));
    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "GET");
    assert_eq!(request.url.path(), "/v2/pets");
    assert_eq!(query(&request), "limit=10&tags=a,b&ids=1&ids=2&kinds=cat|dog");
}

#[tokio::test]
async fn list_pets_without_parameters_sends_no_query() {
    let (server, client) = serve(200, "[]").await;
    client.list_pets(&ListPetsParams::default()).await.expect("ok");
    let request = only_request(&server).await;
    assert_eq!((request.url.path(), request.url.query()), ("/v2/pets", None));
}

/// An `in: body` parameter (by `$ref` to a global one) is the JSON body.
#[tokio::test]
async fn add_pet_sends_the_body_parameter_as_json() {
    let (server, client) = serve(201, PET).await;
    let pet = client.add_pet(&NewPet::new("Rex")).await.expect("ok");
    assert_eq!(pet.kind.map(|k| k.pet_type).as_deref(), Some("dog"));
    let request = only_request(&server).await;
    assert_eq!((request.method.as_str(), request.url.path()), ("POST", "/v2/pets"));
    assert_eq!(header(&request, "content-type"), Some("application/json"));
    let body: serde_json::Value = serde_json::from_slice(&request.body).expect("JSON body");
    assert_eq!(body, json!({"name": "Rex"}));
}

/// A path-level path parameter and an optional header parameter.
#[tokio::test]
async fn get_and_delete_pet_fill_the_path() {
    let (server, client) = serve(200, PET).await;
    let pet = client.get_pet(42).await.expect("ok");
    assert_eq!(pet.id, 7);
    let request = only_request(&server).await;
    assert_eq!((request.method.as_str(), request.url.path()), ("GET", "/v2/pets/42"));

    let (server, client) = serve(204, "").await;
    let params = DeletePetParams::default().x_reason("sold");
    client.delete_pet(42, &params).await.expect("ok");
    let request = only_request(&server).await;
    assert_eq!((request.method.as_str(), request.url.path()), ("DELETE", "/v2/pets/42"));
    assert_eq!(header(&request, "x-reason"), Some("sold"));
}

/// A list in a path: `csv` joins with `,`, `pipes` with an escaped `|`,
/// and `multi` (reported: a path cannot repeat) with `,`. A comma, slash or
/// space inside a value is escaped, so it never splits the value or the
/// path.
#[tokio::test]
async fn lists_in_the_path_follow_collection_format() {
    let (server, client) = serve(204, "").await;
    client.get_pets_by_name(&["Rex".into(), "a,b".into(), "c/d e".into()]).await.expect("ok");
    let request = only_request(&server).await;
    assert_eq!(request.url.path(), "/v2/pets/named/Rex,a%2Cb,c%2Fd%20e");

    let (server, client) = serve(204, "").await;
    let kinds = [GetPetsByTagKindsItem::Cat, GetPetsByTagKindsItem::Dog];
    client.get_pets_by_tag(&["x".into(), "y z".into()], &kinds).await.expect("ok");
    let request = only_request(&server).await;
    assert_eq!(request.url.path(), "/v2/pets/tagged/x%7Cy%20z/cat,dog");
}

/// An empty list leaves nothing for its path segment: the call fails
/// before anything is sent.
#[tokio::test]
async fn an_empty_list_in_the_path_is_refused() {
    let (server, client) = serve(204, "").await;
    let error = client.get_pets_by_name(&[]).await.expect_err("an empty segment");
    assert!(error.to_string().contains("path parameter `names` is empty"), "{error}");
    assert!(server.received_requests().await.expect("recording is on").is_empty());
}

/// `in: formData` parameters under `consumes: [application/x-www-form-urlencoded]`.
#[tokio::test]
async fn rename_pet_sends_a_url_encoded_form() {
    let (server, client) = serve(200, PET).await;
    let mut body = RenamePetBody::new("Max & Co");
    body.notify = Some(true);
    client.rename_pet(3, &body).await.expect("ok");
    let request = only_request(&server).await;
    assert_eq!((request.method.as_str(), request.url.path()), ("POST", "/v2/pets/3/rename"));
    assert_eq!(header(&request, "content-type"), Some("application/x-www-form-urlencoded"));
    assert_eq!(std::str::from_utf8(&request.body).expect("utf-8"), "name=Max+%26+Co&notify=true");
}

/// `in: formData` with a `type: file` parameter: a typed multipart form,
/// whose `type: file` field is a file part and whose absent optional field
/// sends nothing.
#[tokio::test]
async fn upload_photo_sends_a_typed_multipart_form() {
    let (server, client) = serve(200, "").await;
    let photo = UploadPhotoBody::new(FilePart::new(&b"\x89PNG"[..], "rex.png"));
    client.upload_photo(3, photo).await.expect("ok");
    let request = only_request(&server).await;
    assert_eq!((request.method.as_str(), request.url.path()), ("POST", "/v2/pets/3/photo"));
    assert_eq!(parts(&request), [part("file", Some("rex.png"), Some("application/octet-stream"), "\u{fffd}PNG")]);
}

/// The untyped form still works: any `Multipart` is accepted.
#[tokio::test]
async fn upload_photo_sends_a_multipart_form() {
    let (server, client) = serve(200, "").await;
    let form = Multipart::new().text("caption", "at the beach").bytes("file", b"\x89PNG".to_vec());
    client.upload_photo(3, form).await.expect("ok");
    let request = only_request(&server).await;
    assert_eq!((request.method.as_str(), request.url.path()), ("POST", "/v2/pets/3/photo"));
    let content_type = header(&request, "content-type").expect("a content type");
    assert!(content_type.starts_with("multipart/form-data; boundary="), "{content_type}");
    let body = String::from_utf8_lossy(&request.body);
    assert!(body.contains("name=\"caption\"") && body.contains("at the beach"), "{body}");
    assert!(body.contains("name=\"file\"") && body.contains("PNG"), "{body}");
}
