//! Binary bodies read as a stream (feature `streams`).

use std::time::Duration;

use codegen_runtime::runtime::Binary;
use codegen_runtime::{Client, Error};
use futures::TryStreamExt;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::{client, get};

/// A server for one connection that answers with `parts`, each written
/// after its delay, then closes the connection.
pub async fn scripted(parts: Vec<(Duration, Vec<u8>)>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("a free port");
    let url = format!("http://{}", listener.local_addr().expect("bound"));
    tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.expect("a connection");
        let mut request = Vec::new();
        let mut buffer = [0u8; 1024];
        while !request.windows(4).any(|w| w == b"\r\n\r\n") {
            let read = socket.read(&mut buffer).await.expect("the request");
            assert!(read > 0, "the client hung up");
            request.extend_from_slice(&buffer[..read]);
        }
        for (delay, bytes) in parts {
            tokio::time::sleep(delay).await;
            socket.write_all(&bytes).await.expect("the client reads");
            socket.flush().await.expect("flushed");
        }
    });
    url
}

fn head(length: usize, content_type: &str) -> Vec<u8> {
    format!("HTTP/1.1 200 OK\r\ncontent-type: {content_type}\r\ncontent-length: {length}\r\nx-id: 9\r\n\r\n")
        .into_bytes()
}

#[tokio::test]
async fn a_streamed_body_is_the_whole_body() {
    let body: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
    let server = MockServer::start().await;
    Mock::given(any()).respond_with(ResponseTemplate::new(200).set_body_bytes(body.clone())).mount(&server).await;
    let response = get::<Binary>(&client(&server), "/file").send_stream().await.expect("a stream");
    assert_eq!(response.status(), 200);
    let mut stream = response.into_body();
    let mut read = Vec::new();
    while let Some(chunk) = stream.try_next().await.expect("a chunk") {
        read.extend_from_slice(&chunk);
    }
    assert_eq!(read, body);
    assert_eq!(stream.bytes_read(), body.len() as u64);
}

#[tokio::test]
async fn an_error_status_fails_before_any_stream() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(403).set_body_string("denied"))
        .expect(1)
        .mount(&server)
        .await;
    let err = get::<Binary>(&client(&server), "/file").send_stream().await.expect_err("403");
    assert!(matches!(&err, Error::Http { body_excerpt, .. } if body_excerpt == "denied"), "{err:?}");
}

#[tokio::test]
async fn the_timeout_covers_the_head_not_the_body() {
    let url = scripted(vec![
        (Duration::ZERO, head(6, "application/octet-stream")),
        (Duration::ZERO, b"abc".to_vec()),
        (Duration::from_millis(300), b"def".to_vec()),
    ])
    .await;
    let client = Client::builder().base_url(url).timeout(Duration::from_millis(100)).build().expect("valid");
    let response = get::<Binary>(&client, "/file").send_stream().await.expect("the head is in time");
    assert_eq!(response.header("x-id"), Some("9"));
    let chunks: Vec<_> = response.into_body().try_collect().await.expect("the body, however slow");
    assert_eq!(chunks.concat(), b"abcdef");
}

#[tokio::test]
async fn a_connection_dropped_mid_body_is_a_connection_error() {
    let url = scripted(vec![
        (Duration::ZERO, head(100, "application/octet-stream")),
        (Duration::ZERO, b"0123456789".to_vec()),
    ])
    .await;
    let client = Client::builder().base_url(url).max_retries(0).build().expect("valid");
    let mut stream = get::<Binary>(&client, "/file").send_stream().await.expect("the head").into_body();
    let mut read = Vec::new();
    let err = loop {
        match stream.try_next().await {
            Ok(Some(chunk)) => read.extend_from_slice(&chunk),
            Ok(None) => panic!("the body ended after {} bytes without an error", read.len()),
            Err(err) => break err,
        }
    };
    assert_eq!(read, b"0123456789");
    assert!(matches!(err, Error::Connection { operation: "op", .. }), "{err:?}");
    assert_eq!(stream.try_next().await.ok(), Some(None), "an error ends the stream");
}
