//! Server-sent events (feature `events`), typed.

use std::time::Duration;

use codegen_runtime::runtime::{EventsRequest, Json};
use codegen_runtime::types::Item;
use codegen_runtime::{Client, Error};
use serde_json::Value;
use wiremock::matchers::{any, header};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::streams::scripted;
use crate::{client, get};

fn event_stream(body: &str) -> ResponseTemplate {
    ResponseTemplate::new(200).insert_header("content-type", "text/event-stream").set_body_string(body)
}

#[tokio::test]
async fn events_are_decoded_until_done() {
    let server = MockServer::start().await;
    let body = "event: delta\nid: 1\ndata: {\"id\": 1}\n\n: keep-alive\n\ndata: {\"id\": 2,\ndata: \"name\": \"two\"}\nretry: 250\n\ndata: [DONE]\n\ndata: {\"id\": 3}\n\n";
    Mock::given(header("accept", "text/event-stream")).respond_with(event_stream(body)).expect(1).mount(&server).await;
    let mut events =
        EventsRequest::<Item>::json(get::<Json<Value>>(&client(&server), "/chat")).await.expect("a stream");
    assert_eq!(events.status(), 200);
    let first = events.try_next().await.expect("an event").expect("not the end");
    assert_eq!((first.event.as_str(), first.id.as_deref(), first.data.id), ("delta", Some("1"), 1));
    let second = events.try_next().await.expect("an event").expect("not the end");
    assert_eq!((second.event.as_str(), second.id.as_deref()), ("message", Some("1")));
    assert_eq!(
        (second.data.id, second.data.name.as_deref(), second.retry),
        (2, Some("two"), Some(Duration::from_millis(250)))
    );
    assert!(events.try_next().await.expect("the end").is_none(), "`[DONE]` ends the stream");
}

#[tokio::test]
async fn a_bad_event_is_an_error_and_reading_goes_on() {
    let server = MockServer::start().await;
    let body = "data: {\"id\": \"x\"}\n\nevent: error\ndata: overloaded\n\ndata: {\"id\": 4}\n\n";
    Mock::given(any()).respond_with(event_stream(body)).mount(&server).await;
    let mut events =
        EventsRequest::<Item>::json(get::<Json<Value>>(&client(&server), "/chat")).await.expect("a stream");
    let err = events.try_next().await.expect_err("a string id");
    assert!(matches!(&err, Error::Decode { path, .. } if path == "id"), "{err:?}");
    let err = events.try_next().await.expect_err("an error event");
    assert!(matches!(&err, Error::Http { body_excerpt, .. } if body_excerpt == "overloaded"), "{err:?}");
    let next = events.try_next().await.expect("an event").expect("not the end");
    assert_eq!(next.data.id, 4);
    assert!(events.try_next().await.expect("the end").is_none());
}

#[tokio::test]
async fn events_split_across_chunks_arrive_whole() {
    let head = "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n";
    let chunk = |text: &str| format!("{:x}\r\n{text}\r\n", text.len()).into_bytes();
    let pause = Duration::from_millis(30);
    let url = scripted(vec![
        (Duration::ZERO, head.as_bytes().to_vec()),
        (Duration::ZERO, chunk("data: hel")),
        (pause, chunk("lo\r")),
        (pause, chunk("\n\r\ndata: world\n")),
        (pause, chunk("\n")),
        (Duration::ZERO, b"0\r\n\r\n".to_vec()),
    ])
    .await;
    let client = Client::builder().base_url(url).build().expect("valid");
    let mut events = EventsRequest::text(get::<Json<Value>>(&client, "/chat")).await.expect("a stream");
    let mut data = Vec::new();
    while let Some(event) = events.try_next().await.expect("an event") {
        data.push(event.data);
    }
    assert_eq!(data, vec!["hello", "world"]);
}

#[tokio::test]
async fn an_error_status_fails_before_any_event() {
    let server = MockServer::start().await;
    Mock::given(any()).respond_with(ResponseTemplate::new(429).set_body_string("slow down")).mount(&server).await;
    let err = EventsRequest::text(get::<Json<Value>>(&client(&server), "/chat")).max_retries(0).await.expect_err("429");
    assert!(err.is_rate_limited(), "{err:?}");
}
