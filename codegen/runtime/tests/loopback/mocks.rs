//! The typed mocks of the `mock` feature match what the client sends.

use codegen_runtime::runtime::mock::{JsonBody, Mock};
use codegen_runtime::runtime::{Json, Method, NoContent, PathBuilder};
use codegen_runtime::types::{Item, Status};
use codegen_runtime::{Error, Request};
use serde_json::{json, Value};
use wiremock::MockServer;

use crate::client;

fn item(id: i64) -> Item {
    let mut item = Item::default();
    item.id = id;
    item.status = Some(Status::Ready);
    item
}

/// The call a generated method would make for `GET /things/{id}/parts/{n}`.
fn get_part(client: &codegen_runtime::Client, id: &str, n: i64, limit: u32) -> Request<Json<Item>> {
    let path = PathBuilder::new().literal("/things/").param("id", id).literal("/parts/").param("n", n);
    Request::new(client, Method::GET, "get_part", path).query("limit", limit)
}

fn limit(request: Request<NoContent>, limit: &u32) -> Request<NoContent> {
    request.query("limit", limit)
}

#[tokio::test]
async fn a_mock_matches_its_path_values_and_parameters_only() {
    let server = MockServer::start().await;
    Mock::<Json<Item>, (&str, i64), u32>::new("GET /things/{id}/parts/{n}")
        .encoded_by(limit)
        .path(("a b/c", 7))
        .params(&5)
        .ok(&item(7))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);
    let got = get_part(&client, "a b/c", 7, 5).await.expect("the mock answers");
    assert_eq!((got.id, got.status), (7, Some(Status::Ready)));
    for (id, n, limit) in [("a b/c", 8, 5), ("other", 7, 5), ("a b/c", 7, 6)] {
        let err = get_part(&client, id, n, limit).await.expect_err("no mock matches");
        assert_eq!(err.status().map(|s| s.as_u16()), Some(404), "{id} {n} {limit}");
    }
}

#[tokio::test]
async fn a_mock_with_a_body_matches_that_json_only() {
    let server = MockServer::start().await;
    Mock::<NoContent, (), (), JsonBody<Value>>::new("POST /items")
        .body(&json!({"id": 1, "tags": ["a"]}))
        .status(204)
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);
    let post = |body: Value| {
        Request::<NoContent>::new(&client, Method::POST, "create", PathBuilder::new().literal("/items"))
            .json_body(&body)
    };
    post(json!({"tags": ["a"], "id": 1})).await.expect("the same JSON, keys in another order");
    let err = post(json!({"id": 2, "tags": ["a"]})).await.expect_err("another body");
    assert!(matches!(err, Error::Http { status, .. } if status == 404), "{err:?}");
}

#[cfg(feature = "envelopes")]
#[tokio::test]
async fn envelope_mocks_wrap_the_result_and_answer_api_errors() {
    use codegen_runtime::runtime::Envelope;

    let server = MockServer::start().await;
    Mock::<Envelope<Item>, i64>::new("GET /items/{id}").path(1).ok(&item(1)).mount(&server).await;
    Mock::<Envelope<Item>, i64>::new("GET /items/{id}").path(2).api_error(403, 9109, "no access").mount(&server).await;
    let client = client(&server);
    let get = |id: i64| {
        Request::<Envelope<Item>>::new(
            &client,
            Method::GET,
            "get_item",
            PathBuilder::new().literal("/items/").param("id", id),
        )
    };
    assert_eq!(get(1).await.expect("the result").id, 1);
    let err = get(2).await.expect_err("the API error");
    assert!(err.as_api().is_some_and(|api| api.has_code(9109) && api.status() == 403), "{err:?}");
}

#[cfg(feature = "events")]
#[tokio::test]
async fn event_mocks_send_one_event_per_item() {
    use codegen_runtime::runtime::EventsRequest;

    let server = MockServer::start().await;
    Mock::<Json<Value>>::new("GET /chat").events(&[item(1), item(2)]).mount(&server).await;
    let request =
        Request::<Json<Value>>::new(&client(&server), Method::GET, "chat", PathBuilder::new().literal("/chat"));
    let mut events = EventsRequest::<Item>::json(request).await.expect("a stream");
    let mut ids = Vec::new();
    while let Some(event) = events.try_next().await.expect("an event") {
        ids.push(event.data.id);
    }
    assert_eq!(ids, vec![1, 2]);
}
