//! Cloudflare-style envelopes (feature `envelopes`): the result unwrapped,
//! `success: false` as `Error::Api` whatever the status, and envelope pages.

use codegen_runtime::runtime::{Envelope, Json, NoContent, Pages, Paging};
use codegen_runtime::types::Item;
use codegen_runtime::Error;
use futures::TryStreamExt;
use serde_json::{json, Value};
use wiremock::matchers::{any, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::{client, get};

async fn serving(status: u16, body: Value) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any()).respond_with(ResponseTemplate::new(status).set_body_json(body)).mount(&server).await;
    server
}

#[tokio::test]
async fn send_returns_the_result_and_send_raw_the_whole_envelope() {
    let body = json!({
        "success": true,
        "errors": [],
        "messages": [{"code": 10000, "message": "deprecated soon"}],
        "result": {"id": 7, "name": "seven"},
        "result_info": {"page": 1}
    });
    let server = serving(200, body).await;
    let client = client(&server);
    let item = get::<Envelope<Item>>(&client, "/item").await.expect("a result");
    assert_eq!((item.id, item.name.as_deref()), (7, Some("seven")));
    let raw = get::<Envelope<Item>>(&client, "/item").send_raw().await.expect("an envelope");
    let envelope = raw.body();
    assert!(envelope.success);
    assert_eq!(envelope.messages[0].code, 10000);
    assert_eq!(envelope.result_info, Some(json!({"page": 1})));
}

#[tokio::test]
async fn success_false_is_an_api_error_even_with_200() {
    let body =
        json!({"success": false, "errors": [{"code": 9109, "message": "bad token"}], "messages": [], "result": 5});
    let server = serving(200, body).await;
    let err = get::<Envelope<Item>>(&client(&server), "/item").await.expect_err("success: false");
    let api = err.as_api().expect("an API error");
    assert_eq!((api.status().as_u16(), api.codes()), (200, vec![9109]));
    assert_eq!(api.message(), Some("bad token"));
    assert!(err.to_string().contains("bad token"), "{err}");
}

#[tokio::test]
async fn an_error_status_with_an_envelope_is_an_api_error_and_without_an_http_error() {
    let body =
        json!({"success": false, "errors": [{"code": 10006, "message": "not found", "source": {"pointer": "/id"}}]});
    let server = serving(404, body).await;
    let err = get::<NoContent>(&client(&server), "/").await.expect_err("404");
    let Error::Api(api) = &err else { panic!("{err:?}") };
    assert!(api.is_not_found() && api.has_code(10006));
    assert_eq!(api.errors()[0].to_string(), "[10006] not found (at /id)");
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(502).set_body_string("<html>bad gateway</html>"))
        .mount(&server)
        .await;
    let err = get::<Envelope<Item>>(&client(&server), "/").max_retries(0).await.expect_err("502");
    assert!(matches!(err, Error::Http { status, .. } if status == 502), "{err:?}");
}

#[tokio::test]
async fn a_required_result_must_be_there_and_an_optional_one_may_not() {
    let server = serving(200, json!({"success": true, "errors": [], "messages": []})).await;
    let client = client(&server);
    let err = get::<Envelope<Item>>(&client, "/").await.expect_err("no result");
    assert!(matches!(&err, Error::Decode { path, .. } if path == "result"), "{err:?}");
    let none = get::<Envelope<Option<Item>>>(&client, "/").await.expect("an optional result");
    assert!(none.is_none());
}

#[tokio::test]
async fn envelope_pages_read_their_items_from_the_result() {
    let server = MockServer::start().await;
    let page = |ids: &[i64]| {
        let result: Vec<Value> = ids.iter().map(|id| json!({"id": id})).collect();
        json!({"success": true, "errors": [], "messages": [], "result": result, "result_info": {"count": ids.len()}})
    };
    for (matcher, body) in [(query_param("page", "2"), page(&[3])), (query_param("page", "3"), page(&[]))] {
        Mock::given(matcher)
            .respond_with(ResponseTemplate::new(200).set_body_json(body))
            .expect(1)
            .mount(&server)
            .await;
    }
    Mock::given(query_param_is_missing("page"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(&[1, 2])))
        .expect(1)
        .mount(&server)
        .await;
    let first = get::<Envelope<Vec<Item>>>(&client(&server), "/items");
    let all: Vec<Item> = Pages::new(first, Paging::numbered(&["result"], "page")).try_collect().await.expect("items");
    assert_eq!(all.iter().map(|i| i.id).collect::<Vec<_>>(), vec![1, 2, 3]);
}

#[tokio::test]
async fn an_envelope_page_with_success_false_is_an_api_error() {
    let body = json!({"success": false, "errors": [{"code": 1, "message": "no"}], "messages": [], "result": null});
    let server = serving(200, body).await;
    let first = get::<Envelope<Vec<Item>>>(&client(&server), "/items");
    let err = Pages::<Item>::new(first, Paging::numbered(&["result"], "page"))
        .try_collect::<Vec<_>>()
        .await
        .expect_err("success: false");
    assert!(err.as_api().is_some_and(|api| api.has_code(1)), "{err:?}");
    // A plain JSON page of the same body is not an envelope: no error.
    let first = get::<Json<Value>>(&client(&server), "/items");
    let items: Vec<Item> = Pages::new(first, Paging::numbered(&["result"], "page"))
        .try_collect()
        .await
        .expect("`null` items end the list");
    assert!(items.is_empty());
}
