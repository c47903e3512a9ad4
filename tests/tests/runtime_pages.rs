//! Paging (`runtime::Pages`) against a loopback server: the exact requests
//! sent for each kind of list, where the stream ends, and that every page
//! gets the client's auth and retries. The Stream API has no paging
//! operation, so each test builds the first page's `Request` as a
//! generated `…_stream` method does (see `constructs_pagination.snap`).

use cloudflare_stream_downloads as api;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use api::runtime::{Envelope, Json, Method, Page, Pages, Paging, PathBuilder, Request};
use api::{Auth, Client, Error};
use futures::{StreamExt, TryStreamExt};
use serde::Deserialize;
use serde_json::{json, Value};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[derive(Debug, Deserialize, PartialEq)]
struct Thing {
    id: u32,
}

const NUMBERED: Paging = Paging::numbered(&["result"], "page");
const CURSOR: Paging = Paging::cursor(&["result"], &["result_info", "cursor"], "cursor");
const AFTER: Paging = Paging::cursor(&["result"], &["result_info", "cursors", "after"], "cursor");
const TOKEN: Paging = Paging::token(&["items"], &["next_page"], "page_token", &["limit"]);

fn client(server: &MockServer, max_retries: u32) -> Client {
    Client::builder()
        .base_url(server.uri())
        .auth(Auth::api_token("page-token"))
        .max_retries(max_retries)
        .build()
        .expect("valid client")
}

/// The first page's request, as a generated method builds it.
fn first<D: api::runtime::Decode>(client: &Client, query: &[(&'static str, &str)]) -> Request<D> {
    let path = PathBuilder::new().literal("/things");
    query.iter().fold(Request::new(client, Method::GET, "list_things", path), |r, (k, v)| r.query(k, v))
}

fn envelope(ids: &[u32], result_info: Value) -> ResponseTemplate {
    let result: Vec<Value> = ids.iter().map(|id| json!({ "id": id })).collect();
    ResponseTemplate::new(200).set_body_json(json!({
        "success": true, "errors": [], "messages": [], "result": result, "result_info": result_info,
    }))
}

/// Serves `answer(request's query)` for every request to `/things`.
async fn serve(answer: impl Fn(&str) -> ResponseTemplate + Send + Sync + 'static) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/things"))
        .respond_with(move |r: &wiremock::Request| answer(r.url.query().unwrap_or_default()))
        .mount(&server)
        .await;
    server
}

/// Every request's path and query, after checking it carried the token.
async fn sent(server: &MockServer) -> Vec<String> {
    let requests = server.received_requests().await.expect("recording is on");
    for r in &requests {
        assert_eq!(r.headers.get("authorization").map(|v| v.as_bytes()), Some(&b"Bearer page-token"[..]), "{}", r.url);
    }
    requests.iter().map(|r| format!("{}?{}", r.url.path(), r.url.query().unwrap_or_default())).collect()
}

fn ids(things: &[Thing]) -> Vec<u32> {
    things.iter().map(|t| t.id).collect()
}

#[tokio::test]
async fn numbered_pages_ask_for_the_next_page_until_one_is_empty() {
    let server = serve(|query| match query {
        "per_page=2&name=a%20b" => envelope(&[1, 2], json!({"page": 1, "per_page": 2, "total_count": 4})),
        "per_page=2&name=a%20b&page=2" => envelope(&[3, 4], json!({"page": 2, "per_page": 2, "total_count": 4})),
        _ => envelope(&[], json!({"page": 3, "per_page": 2, "total_count": 4})),
    })
    .await;
    let request = first::<Envelope<Vec<Thing>>>(&client(&server, 0), &[("per_page", "2"), ("name", "a b")]);
    let things: Vec<Thing> = Pages::new(request, NUMBERED).try_collect().await.expect("every page");
    assert_eq!(ids(&things), [1, 2, 3, 4]);
    assert_eq!(
        sent(&server).await,
        [
            "/things?per_page=2&name=a%20b",
            "/things?per_page=2&name=a%20b&page=2",
            "/things?per_page=2&name=a%20b&page=3"
        ]
    );
}

/// A declared `result_info`, as a generated crate names it (Cloudflare's
/// `zones_result_info`; see `constructs_paging_metadata.snap`).
#[derive(Debug, Deserialize, PartialEq)]
struct ResultInfo {
    page: Option<f64>,
    per_page: Option<f64>,
    count: Option<f64>,
    total_count: Option<f64>,
}

#[tokio::test]
async fn typed_result_info_is_read_from_every_page() {
    let server = serve(|query| match query {
        "per_page=2" => envelope(&[1, 2], json!({"page": 1, "per_page": 2, "count": 2, "total_count": 3})),
        "per_page=2&page=2" => envelope(&[3], json!({"page": 2, "per_page": 2, "count": 1, "total_count": 3})),
        _ => envelope(&[], json!({"page": 3, "per_page": 2, "count": 0, "total_count": 3})),
    })
    .await;
    let request = first::<Envelope<Vec<Thing>>>(&client(&server, 0), &[("per_page", "2")]);
    let pages: Vec<Page<Thing, ResultInfo>> =
        Pages::with_metadata(request, NUMBERED).by_page().try_collect().await.expect("every page");
    let read: Vec<(Vec<u32>, Option<f64>, Option<f64>)> = pages
        .iter()
        .map(|p| {
            let info = p.result_info().expect("every page has one");
            (ids(&p.items), info.page, info.count)
        })
        .collect();
    assert_eq!(
        read,
        [(vec![1, 2], Some(1.0), Some(2.0)), (vec![3], Some(2.0), Some(1.0)), (vec![], Some(3.0), Some(0.0))]
    );
    assert_eq!(pages[0].result_info().and_then(|i| i.total_count), Some(3.0));
    assert_eq!(pages[1].result_info().and_then(|i| i.per_page), Some(2.0));
    // The untyped view of the same body is still there.
    assert_eq!(pages[1].metadata["result_info"]["page"], json!(2));
}

/// A `result_info` that does not match its declared type is a decode
/// error located in it, not a page without metadata.
#[tokio::test]
async fn a_result_info_of_the_wrong_shape_is_a_located_decode_error() {
    let server = serve(|_| envelope(&[1], json!({"page": "first"}))).await;
    let request = first::<Envelope<Vec<Thing>>>(&client(&server, 0), &[("per_page", "2")]);
    let pages: Vec<Result<Page<Thing, ResultInfo>, Error>> =
        Pages::with_metadata(request, NUMBERED).by_page().collect().await;
    match &pages[..] {
        [Err(Error::Decode { path, .. })] => assert_eq!(path, "result_info.page"),
        other => panic!("expected one decode error, got {other:?}"),
    }
}

#[tokio::test]
async fn numbered_pages_start_at_the_page_asked_for_and_keep_the_query_order() {
    let server = serve(|query| match query {
        "page=2&per_page=1" => envelope(&[2], json!({"page": 2})),
        _ => envelope(&[], json!({"page": 3})),
    })
    .await;
    let request = first::<Envelope<Vec<Thing>>>(&client(&server, 0), &[("page", "2"), ("per_page", "1")]);
    let things: Vec<Thing> = Pages::new(request, NUMBERED).try_collect().await.expect("every page");
    assert_eq!(ids(&things), [2]);
    assert_eq!(sent(&server).await, ["/things?page=2&per_page=1", "/things?page=3&per_page=1"]);
}

#[tokio::test]
async fn an_empty_first_page_is_the_only_request() {
    let server = serve(|_| envelope(&[], json!({"page": 1, "count": 0}))).await;
    let request = first::<Envelope<Vec<Thing>>>(&client(&server, 0), &[("per_page", "50")]);
    let pages: Vec<Page<Thing>> = Pages::new(request, NUMBERED).by_page().try_collect().await.expect("one page");
    assert_eq!(pages.len(), 1);
    assert!(pages[0].items.is_empty());
    assert_eq!(pages[0].result_info(), Some(&json!({"page": 1, "count": 0})));
    assert_eq!(sent(&server).await, ["/things?per_page=50"]);
}

#[tokio::test]
async fn a_null_result_is_an_empty_page() {
    let server = serve(|_| {
        ResponseTemplate::new(200).set_body_json(json!({"success": true, "errors": [], "messages": [], "result": null}))
    })
    .await;
    let request = first::<Envelope<Option<Vec<Thing>>>>(&client(&server, 0), &[]);
    let things: Vec<Thing> = Pages::new(request, NUMBERED).try_collect().await.expect("no items");
    assert!(things.is_empty());
    assert_eq!(sent(&server).await, ["/things?"]);
}

#[tokio::test]
async fn cursor_pages_send_the_cursor_back_with_the_other_parameters() {
    let server = serve(|query| match query {
        "per_page=2" => envelope(&[1, 2], json!({"cursor": "c2", "count": 2})),
        "per_page=2&cursor=c2" => envelope(&[3, 4], json!({"cursor": "c/3", "count": 2})),
        "per_page=2&cursor=c%2F3" => envelope(&[5], json!({"cursor": "", "count": 1})),
        other => panic!("unexpected query {other}"),
    })
    .await;
    let request = first::<Envelope<Vec<Thing>>>(&client(&server, 0), &[("per_page", "2")]);
    let pages: Vec<Page<Thing>> = Pages::new(request, CURSOR).by_page().try_collect().await.expect("every page");
    let counts: Vec<Option<&Value>> = pages.iter().map(|p| p.result_info().and_then(|i| i.get("count"))).collect();
    assert_eq!(counts, [Some(&json!(2)), Some(&json!(2)), Some(&json!(1))]);
    assert_eq!(pages.iter().flat_map(|p| ids(&p.items)).collect::<Vec<_>>(), [1, 2, 3, 4, 5]);
    assert_eq!(
        sent(&server).await,
        ["/things?per_page=2", "/things?per_page=2&cursor=c2", "/things?per_page=2&cursor=c%2F3"]
    );
}

#[tokio::test]
async fn a_first_page_without_a_cursor_is_the_only_page() {
    let server = serve(|_| envelope(&[1, 2], json!({"count": 2}))).await;
    let request = first::<Envelope<Vec<Thing>>>(&client(&server, 0), &[]);
    let things: Vec<Thing> = Pages::new(request, CURSOR).try_collect().await.expect("one page");
    assert_eq!(ids(&things), [1, 2]);
    assert_eq!(sent(&server).await, ["/things?"]);
}

#[tokio::test]
async fn cursors_after_is_followed_and_a_repeated_cursor_ends_the_list() {
    let server = serve(|query| match query {
        "" => envelope(&[1], json!({"cursors": {"after": "a1", "before": "b"}})),
        // A server that hands back the cursor it was given is not asked again.
        _ => envelope(&[2], json!({"cursors": {"after": "a1"}})),
    })
    .await;
    let request = first::<Envelope<Vec<Thing>>>(&client(&server, 0), &[]);
    let things: Vec<Thing> = Pages::new(request, AFTER).try_collect().await.expect("two pages");
    assert_eq!(ids(&things), [1, 2]);
    assert_eq!(sent(&server).await, ["/things?", "/things?cursor=a1"]);
}

/// A Dropshot page: `{items, next_page}`.
fn page(ids: &[u32], next: Value) -> ResponseTemplate {
    let items: Vec<Value> = ids.iter().map(|id| json!({ "id": id })).collect();
    ResponseTemplate::new(200).set_body_json(json!({"items": items, "next_page": next}))
}

#[tokio::test]
async fn dropshot_tokens_replace_every_query_parameter_but_limit() {
    let server = serve(move |query| match query {
        "limit=2&sort_by=name&project=p" => page(&[1, 2], json!("t2")),
        "limit=2&page_token=t2" => page(&[3, 4], json!("t3")),
        "limit=2&page_token=t3" => page(&[5], Value::Null),
        other => panic!("unexpected query {other}"),
    })
    .await;
    let query = [("limit", "2"), ("sort_by", "name"), ("project", "p")];
    let request = first::<Json<Value>>(&client(&server, 0), &query);
    let pages: Vec<Page<Thing>> = Pages::new(request, TOKEN).by_page().try_collect().await.expect("every page");
    assert_eq!(
        pages.iter().map(|p| p.metadata.clone()).collect::<Vec<_>>(),
        [json!({"next_page": "t2"}), json!({"next_page": "t3"}), json!({"next_page": null})]
    );
    assert_eq!(pages[0].result_info(), None);
    assert_eq!(
        sent(&server).await,
        ["/things?limit=2&sort_by=name&project=p", "/things?limit=2&page_token=t2", "/things?limit=2&page_token=t3"]
    );
}

/// A Dropshot list's body, as a generated crate names it (Oxide's
/// `InstanceResultsPage`; see `constructs_pagination.snap`): the list
/// requires its `items`.
#[derive(Debug, Deserialize, PartialEq)]
struct ThingResultsPage {
    items: Vec<Thing>,
    next_page: Option<String>,
}

/// A list without an envelope reads each page's body as its own struct:
/// its fields typed, its list empty because the items were read once.
#[tokio::test]
async fn a_body_without_an_envelope_is_read_as_its_own_struct() {
    let server = serve(move |query| match query {
        "limit=2" => page(&[1, 2], json!("t2")),
        "limit=2&page_token=t2" => page(&[3], Value::Null),
        other => panic!("unexpected query {other}"),
    })
    .await;
    let request = first::<Json<Value>>(&client(&server, 0), &[("limit", "2")]);
    let pages: Vec<Page<Thing, ThingResultsPage>> =
        Pages::with_body(request, TOKEN).by_page().try_collect().await.expect("every page");
    let next: Vec<Option<&str>> = pages.iter().map(|p| p.body().and_then(|b| b.next_page.as_deref())).collect();
    assert_eq!(next, [Some("t2"), None]);
    assert_eq!(pages[0].body().map(|b| b.items.len()), Some(0), "the items are not decoded twice");
    assert_eq!(pages[0].items, [Thing { id: 1 }, Thing { id: 2 }]);
    assert_eq!(pages[0].metadata, json!({"next_page": "t2"}), "the JSON is the body without its items");
    assert_eq!(pages[0].result_info(), None, "the body is not a `result_info`");
}

/// A body that does not fit its struct is a decode error located in it.
#[tokio::test]
async fn a_body_of_the_wrong_shape_is_a_located_decode_error() {
    let server = serve(|_| ResponseTemplate::new(200).set_body_json(json!({"items": [], "next_page": 7}))).await;
    let request = first::<Json<Value>>(&client(&server, 0), &[]);
    let pages: Vec<_> = Pages::<Thing, ThingResultsPage>::with_body(request, TOKEN).by_page().collect().await;
    match pages.as_slice() {
        [Err(Error::Decode { path, .. })] => assert_eq!(path, "next_page"),
        other => panic!("expected one decode error, got {other:?}"),
    }
}

#[tokio::test]
async fn an_error_ends_the_stream_with_that_error() {
    let server = serve(|query| match query {
        "" => envelope(&[1, 2], json!({"page": 1})),
        _ => ResponseTemplate::new(404).set_body_json(json!({
            "success": false, "errors": [{"code": 10006, "message": "gone"}], "messages": [], "result": null,
        })),
    })
    .await;
    let request = first::<Envelope<Vec<Thing>>>(&client(&server, 0), &[]);
    let results: Vec<Result<Thing, Error>> = Pages::new(request, NUMBERED).collect().await;
    assert_eq!(results.len(), 3, "two items, then the error, then nothing: {results:?}");
    assert_eq!(results[1].as_ref().map(|t| t.id).ok(), Some(2));
    let Err(Error::Api(error)) = &results[2] else { panic!("expected the API error, got {:?}", results[2]) };
    assert_eq!((error.status().as_u16(), error.operation()), (404, "list_things"));
    assert_eq!(sent(&server).await, ["/things?", "/things?page=2"]);
}

#[tokio::test]
async fn an_item_that_does_not_decode_is_reported_at_its_path() {
    let server = serve(|_| {
        ResponseTemplate::new(200).set_body_json(json!({
            "success": true, "errors": [], "messages": [], "result": [{"id": 1}, {"id": "two"}],
        }))
    })
    .await;
    let request = first::<Envelope<Vec<Thing>>>(&client(&server, 0), &[]);
    let error = Pages::<Thing>::new(request, NUMBERED).try_collect::<Vec<_>>().await.expect_err("a bad item");
    let Error::Decode { operation, path, .. } = &error else { panic!("expected a decode error, got {error:?}") };
    assert_eq!((*operation, path.as_str()), ("list_things", "result[1].id"));
}

#[tokio::test]
async fn every_page_is_retried_like_any_call() {
    let calls = Arc::new(AtomicUsize::new(0));
    let counter = calls.clone();
    let server = serve(move |query| {
        let call = counter.fetch_add(1, Ordering::SeqCst);
        match query {
            "" => envelope(&[1], json!({})),
            // The second page fails once with a retryable status.
            "page=2" if call == 1 => ResponseTemplate::new(503).insert_header("retry-after-ms", "1"),
            "page=2" => envelope(&[2], json!({})),
            _ => envelope(&[], json!({})),
        }
    })
    .await;
    let request = first::<Envelope<Vec<Thing>>>(&client(&server, 1), &[]);
    let things: Vec<Thing> = Pages::new(request, NUMBERED).try_collect().await.expect("retried");
    assert_eq!(ids(&things), [1, 2]);
    assert_eq!(sent(&server).await, ["/things?", "/things?page=2", "/things?page=2", "/things?page=3"]);
}

#[tokio::test]
async fn nothing_is_fetched_beyond_what_is_read() {
    let server = serve(|query| match query {
        "" => envelope(&[1, 2, 3], json!({})),
        _ => envelope(&[4], json!({})),
    })
    .await;
    let client = client(&server, 0);
    let mut things = Pages::<Thing>::new(first::<Envelope<Vec<Thing>>>(&client, &[]), NUMBERED);
    let read: Vec<Thing> = things.by_ref().take(3).try_collect().await.expect("the first page");
    assert_eq!(ids(&read), [1, 2, 3]);
    drop(things);
    // Nothing runs in the background either.
    tokio::task::yield_now().await;
    assert_eq!(sent(&server).await, ["/things?"]);

    let stream = Pages::<Thing>::new(first::<Envelope<Vec<Thing>>>(&client, &[]), NUMBERED);
    drop(stream);
    assert_eq!(sent(&server).await.len(), 1, "a stream never polled sends nothing");
}
