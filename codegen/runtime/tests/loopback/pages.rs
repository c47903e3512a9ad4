//! Lists read a page at a time: numbered, cursor and token pages.

use codegen_runtime::runtime::{Json, Pages, Paging};
use codegen_runtime::types::Item;
use codegen_runtime::Error;
use futures::{StreamExt, TryStreamExt};
use serde_json::{json, Value};
use wiremock::matchers::{query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::{client, get};

fn items(ids: &[i64]) -> Value {
    ids.iter().map(|id| json!({"id": id})).collect()
}

/// Serves `body` once to a request `matcher` accepts; a second such
/// request gets wiremock's 404, so a list that asks again fails.
async fn page(server: &MockServer, matcher: impl wiremock::Match + 'static, body: Value) {
    Mock::given(matcher)
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .up_to_n_times(1)
        .expect(1)
        .mount(server)
        .await;
}

fn ids(items: &[Item]) -> Vec<i64> {
    items.iter().map(|i| i.id).collect()
}

#[tokio::test]
async fn numbered_pages_count_up_until_an_empty_page() {
    let server = MockServer::start().await;
    page(&server, query_param("page", "2"), json!({"list": {"items": items(&[1, 2])}, "total": 3})).await;
    page(&server, query_param("page", "3"), json!({"list": {"items": items(&[3])}, "total": 3})).await;
    page(&server, query_param("page", "4"), json!({"list": {"items": []}, "total": 3})).await;
    let first = get::<Json<Value>>(&client(&server), "/items").query("page", 2).query("per_page", 2);
    let pages: Vec<_> = Pages::<Item>::new(first, Paging::numbered(&["list", "items"], "page"))
        .by_page()
        .try_collect()
        .await
        .expect("three pages");
    let got: Vec<Vec<i64>> = pages.iter().map(|p| ids(&p.items)).collect();
    assert_eq!(got, vec![vec![1, 2], vec![3], vec![]]);
    for request in server.received_requests().await.expect("recorded") {
        assert!(request.url.query().is_some_and(|q| q.contains("per_page=2")), "{}", request.url);
    }
}

#[tokio::test]
async fn cursor_pages_send_the_cursor_back_until_there_is_none() {
    let server = MockServer::start().await;
    page(&server, query_param_is_missing("cursor"), json!({"data": items(&[1]), "meta": {"next": "c2"}})).await;
    page(&server, query_param("cursor", "c2"), json!({"data": items(&[2]), "meta": {"next": 3}})).await;
    page(&server, query_param("cursor", "3"), json!({"data": items(&[3]), "meta": {"next": null}})).await;
    let first = get::<Json<Value>>(&client(&server), "/items").query("filter", "x");
    let all: Vec<Item> = Pages::new(first, Paging::cursor(&["data"], &["meta", "next"], "cursor"))
        .try_collect()
        .await
        .expect("every item");
    assert_eq!(ids(&all), vec![1, 2, 3]);
    for request in server.received_requests().await.expect("recorded") {
        assert!(request.url.query().is_some_and(|q| q.contains("filter=x")), "{}", request.url);
    }
}

#[tokio::test]
async fn a_cursor_that_does_not_move_ends_the_list() {
    let server = MockServer::start().await;
    page(&server, query_param_is_missing("cursor"), json!({"data": items(&[1]), "next": "same"})).await;
    page(&server, query_param("cursor", "same"), json!({"data": items(&[2]), "next": "same"})).await;
    let first = get::<Json<Value>>(&client(&server), "/items");
    let all: Vec<Item> =
        Pages::new(first, Paging::cursor(&["data"], &["next"], "cursor")).try_collect().await.expect("two pages");
    assert_eq!(ids(&all), vec![1, 2]);
}

#[tokio::test]
async fn a_token_replaces_every_query_parameter_but_those_kept() {
    let server = MockServer::start().await;
    page(&server, query_param("sort_by", "name"), json!({"items": items(&[1]), "next_page": "t2"})).await;
    Mock::given(query_param("page_token", "t2"))
        .and(query_param("limit", "1"))
        .and(query_param_is_missing("sort_by"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"items": items(&[2]), "next_page": null})))
        .expect(1)
        .mount(&server)
        .await;
    let first = get::<Json<Value>>(&client(&server), "/items").query("sort_by", "name").query("limit", 1);
    let all: Vec<Item> = Pages::new(first, Paging::token(&["items"], &["next_page"], "page_token", &["limit"]))
        .try_collect()
        .await
        .expect("two pages");
    assert_eq!(ids(&all), vec![1, 2]);
}

#[tokio::test]
async fn an_error_ends_the_stream_after_the_items_before_it() {
    let server = MockServer::start().await;
    page(&server, query_param_is_missing("page"), json!({"items": items(&[1, 2])})).await;
    Mock::given(query_param("page", "2")).respond_with(ResponseTemplate::new(400)).expect(1).mount(&server).await;
    let first = get::<Json<Value>>(&client(&server), "/items");
    let mut pages = Pages::<Item>::new(first, Paging::numbered(&["items"], "page"));
    assert_eq!(pages.next().await.map(|r| r.map(|i| i.id).ok()), Some(Some(1)));
    assert_eq!(pages.next().await.map(|r| r.map(|i| i.id).ok()), Some(Some(2)));
    let err = pages.next().await.expect("an error").expect_err("HTTP 400");
    assert!(matches!(err, Error::Http { status, .. } if status == 400), "{err:?}");
    assert!(pages.next().await.is_none());
}

#[tokio::test]
async fn an_item_that_does_not_fit_is_located_in_the_whole_body() {
    let server = MockServer::start().await;
    page(&server, query_param_is_missing("page"), json!({"list": [{"id": 1}, {"id": "x"}]})).await;
    let first = get::<Json<Value>>(&client(&server), "/items");
    let err = Pages::<Item>::new(first, Paging::numbered(&["list"], "page"))
        .try_collect::<Vec<_>>()
        .await
        .expect_err("a string id");
    assert!(matches!(&err, Error::Decode { path, .. } if path == "list[1].id"), "{err:?}");
}

/// A Dropshot body read as its own struct, whose list is required.
#[derive(Debug, serde::Deserialize)]
struct ItemsPage {
    items: Vec<Item>,
    next_page: Option<String>,
}

#[tokio::test]
async fn a_body_is_read_typed_beside_its_items() {
    let server = MockServer::start().await;
    page(&server, query_param_is_missing("page_token"), json!({"items": items(&[1, 2]), "next_page": "t2"})).await;
    page(&server, query_param("page_token", "t2"), json!({"items": items(&[3]), "next_page": null})).await;
    let first = get::<Json<Value>>(&client(&server), "/items");
    let pages: Vec<_> =
        Pages::<Item, ItemsPage>::with_body(first, Paging::token(&["items"], &["next_page"], "page_token", &[]))
            .by_page()
            .try_collect()
            .await
            .expect("two pages");
    let got: Vec<(Vec<i64>, Option<String>, usize)> = pages
        .iter()
        .map(|p| {
            let body = p.body().expect("every page's body is read");
            (ids(&p.items), body.next_page.clone(), body.items.len())
        })
        .collect();
    assert_eq!(got, vec![(vec![1, 2], Some("t2".into()), 0), (vec![3], None, 0)]);
}
