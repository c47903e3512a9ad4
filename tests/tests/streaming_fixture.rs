//! The streaming fixture client (`tests/clients/streaming-fixture`, from
//! `fixtures/constructs/streaming.yaml`) against a small HTTP/1.1 server on
//! loopback that writes its responses a piece at a time: server-sent
//! events split anywhere, `[DONE]`, bad data, error events, connections
//! that drop mid-body or are dropped by the client, and binary downloads
//! whose retries cover only the response's head.

mod common;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use streaming_fixture::types::{ChatRequest, ErrorResponse, Message};
use streaming_fixture::{Auth, Client, Error};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;

#[test]
fn the_committed_client_is_fresh() {
    common::assert_client_is_fresh("streaming.yaml", "streaming-fixture");
}

/// What the server received: each request's head (lower-cased) and body.
type Seen = Arc<Mutex<Vec<(String, Vec<u8>)>>>;

/// Serves each connection with `respond(attempt, socket)`, after reading
/// one request from it; returns the base URL and the requests seen.
async fn serve<F, Fut>(respond: F) -> (String, Seen)
where
    F: Fn(usize, TcpStream) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = ()> + Send + 'static,
{
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("a loopback port");
    let url = format!("http://{}", listener.local_addr().expect("an address"));
    let seen: Seen = Arc::default();
    let log = seen.clone();
    tokio::spawn(async move {
        let mut attempt = 0;
        while let Ok((mut socket, _)) = listener.accept().await {
            let request = read_request(&mut socket).await;
            log.lock().expect("not poisoned").push(request);
            tokio::spawn(respond(attempt, socket));
            attempt += 1;
        }
    });
    (url, seen)
}

async fn read_request(socket: &mut TcpStream) -> (String, Vec<u8>) {
    let mut buffer = Vec::new();
    let mut byte = [0u8; 4096];
    let head_end = loop {
        if let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            break end + 4;
        }
        let n = socket.read(&mut byte).await.expect("a request");
        assert!(n > 0, "the client closed before sending a request");
        buffer.extend_from_slice(&byte[..n]);
    };
    let head = String::from_utf8_lossy(&buffer[..head_end]).to_lowercase();
    let length = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .map_or(0, |v| v.trim().parse::<usize>().expect("a length"));
    while buffer.len() < head_end + length {
        let n = socket.read(&mut byte).await.expect("a body");
        assert!(n > 0, "the client closed mid-body");
        buffer.extend_from_slice(&byte[..n]);
    }
    (head, buffer[head_end..].to_vec())
}

/// Starts a chunked response.
async fn head(socket: &mut TcpStream, content_type: &str) {
    let head = format!("HTTP/1.1 200 OK\r\ncontent-type: {content_type}\r\ntransfer-encoding: chunked\r\n\r\n");
    socket.write_all(head.as_bytes()).await.expect("the head is written");
}

/// Writes one chunk and lets it leave before the next.
async fn chunk(socket: &mut TcpStream, data: &[u8]) -> std::io::Result<()> {
    socket.write_all(format!("{:x}\r\n", data.len()).as_bytes()).await?;
    socket.write_all(data).await?;
    socket.write_all(b"\r\n").await?;
    socket.flush().await?;
    tokio::time::sleep(Duration::from_millis(1)).await;
    Ok(())
}

async fn end(socket: &mut TcpStream) {
    socket.write_all(b"0\r\n\r\n").await.expect("the end is written");
}

/// A response of `events` (SSE text) written in pieces of `piece` bytes.
async fn events_response(mut socket: TcpStream, events: &'static [u8], piece: usize) {
    head(&mut socket, "text/event-stream").await;
    for part in events.chunks(piece) {
        chunk(&mut socket, part).await.expect("the client reads on");
    }
    end(&mut socket).await;
}

fn client(url: &str) -> Client {
    Client::builder().base_url(url).auth(Auth::none()).max_retries(2).build().expect("a valid client")
}

fn chat() -> ChatRequest {
    let mut request = ChatRequest::new("small", vec![Message::new("user", "hi")]);
    request.stream = Some(true);
    request
}

const CHUNKS: &[u8] = b"\xEF\xBB\xBF: keep-alive\r\n\r\n\
event: chunk\r\nid: 1\r\ndata: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"}}]}\r\n\r\n\
data: {\"id\":\"c\",\r\ndata: \"choices\":[{\"index\":0,\"delta\":{\"content\":\"lo\"},\"finish_reason\":null}]}\n\n\
data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"!\"},\"finish_reason\":\"stop\"}]}\r\r\
data: [DONE]\n\n";

#[tokio::test]
async fn events_split_at_every_byte_boundary_decode_as_the_chunk_type() -> Result<(), Error> {
    let (url, seen) = serve(|_, socket| events_response(socket, CHUNKS, 1)).await;
    let mut events = client(&url).create_chat_completion_events(&chat()).await?;
    assert_eq!(events.status(), 200);
    let mut text = String::new();
    // The issue's "done when" line, as written.
    while let Some(chunk) = events.try_next().await? {
        print!("{}", chunk.data.choices[0].delta.content);
        text.push_str(&chunk.data.choices[0].delta.content);
    }
    assert_eq!(text, "Hello!");
    let (head, body) = seen.lock().expect("not poisoned")[0].clone();
    assert!(head.contains("accept: text/event-stream"), "{head}");
    assert!(String::from_utf8_lossy(&body).contains("\"stream\":true"));
    Ok(())
}

#[tokio::test]
async fn events_carry_their_type_id_and_retry() -> Result<(), Error> {
    const BODY: &[u8] = b"event: chunk\nid: 9\nretry: 250\ndata: {\"id\":\"a\",\"choices\":[]}\n\n\
data: {\"id\":\"b\",\"choices\":[]}\n\n";
    let (url, _) = serve(|_, socket| events_response(socket, BODY, 7)).await;
    let mut events = client(&url).create_chat_completion_events(&chat()).await?;
    let first = events.try_next().await?.expect("an event");
    assert_eq!(
        (first.event.as_str(), first.id.as_deref(), first.retry),
        ("chunk", Some("9"), Some(Duration::from_millis(250)))
    );
    let second = events.try_next().await?.expect("an event");
    assert_eq!((second.event.as_str(), second.id.as_deref(), second.retry), ("message", Some("9"), None));
    assert_eq!(second.data.id, "b");
    assert!(events.try_next().await?.is_none());
    Ok(())
}

#[tokio::test]
async fn done_ends_the_stream_though_the_connection_stays_open() -> Result<(), Error> {
    let (url, _) = serve(|_, mut socket| async move {
        head(&mut socket, "text/event-stream").await;
        let _ = chunk(
            &mut socket,
            b"data: {\"id\":\"a\",\"choices\":[]}\n\ndata: [DONE]\n\ndata: {\"id\":\"late\",\"choices\":[]}\n\n",
        )
        .await;
        // Never ends the body: only `[DONE]` can end the stream in time.
        tokio::time::sleep(Duration::from_secs(30)).await;
    })
    .await;
    let mut events = client(&url).create_chat_completion_events(&chat()).await?;
    let read = async {
        let mut ids = Vec::new();
        while let Some(event) = events.try_next().await? {
            ids.push(event.data.id);
        }
        Ok::<_, Error>(ids)
    };
    let ids = tokio::time::timeout(Duration::from_secs(5), read).await.expect("`[DONE]` ends the stream")?;
    assert_eq!(ids, ["a"]);
    assert!(events.try_next().await?.is_none(), "the stream stays ended");
    Ok(())
}

#[tokio::test]
async fn bad_data_is_a_decode_error_and_reading_goes_on() -> Result<(), Error> {
    const BODY: &[u8] = b"data: {\"id\":\"a\",\"choices\":[]}\n\n\
data: {\"id\":\"b\",\"choices\":[{\"index\":0,\"delta\":{\"content\":7}}]}\n\n\
data: {\"id\":\"c\",\"choices\":[]}\n\n";
    let (url, _) = serve(|_, socket| events_response(socket, BODY, 16)).await;
    let mut events = client(&url).create_chat_completion_events(&chat()).await?;
    assert_eq!(events.try_next().await?.expect("an event").data.id, "a");
    match events.try_next().await {
        Err(Error::Decode { operation, path, .. }) => {
            assert_eq!(operation, "create_chat_completion");
            assert_eq!(path, "choices[0].delta.content");
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
    assert_eq!(events.try_next().await?.expect("the next event").data.id, "c");
    assert!(events.try_next().await?.is_none());
    Ok(())
}

#[tokio::test]
async fn an_error_event_is_the_declared_error_body() -> Result<(), Error> {
    const BODY: &[u8] = b"data: {\"id\":\"a\",\"choices\":[]}\n\n\
event: error\ndata: {\"error\":{\"message\":\"overloaded\",\"type\":\"server\"}}\n\n\
event: error\ndata: not json\n\n";
    let (url, _) = serve(|_, socket| events_response(socket, BODY, 5)).await;
    let mut events = client(&url).create_chat_completion_events(&chat()).await?;
    assert!(events.try_next().await?.is_some());
    let error = events.try_next().await.expect_err("an error event");
    let body = error.body::<ErrorResponse>().unwrap_or_else(|| panic!("a declared body: {error:?}"));
    assert_eq!(body.error.message, "overloaded");
    let undeclared = events.try_next().await.expect_err("an error event");
    assert!(matches!(&undeclared, Error::Http { body_excerpt, .. } if body_excerpt == "not json"), "{undeclared:?}");
    assert!(events.try_next().await?.is_none());
    Ok(())
}

#[tokio::test]
async fn a_connection_dropped_mid_stream_is_a_typed_error() -> Result<(), Error> {
    let (url, _) = serve(|_, mut socket| async move {
        head(&mut socket, "text/event-stream").await;
        let _ = chunk(&mut socket, b"data: {\"id\":\"a\",\"choices\":[]}\n\ndata: {\"id\":").await;
        // Closed without the last chunk: the body is cut short.
    })
    .await;
    let mut events = client(&url).create_chat_completion_events(&chat()).await?;
    assert!(events.try_next().await?.is_some());
    let error = events.try_next().await.expect_err("the body was cut");
    assert!(matches!(error, Error::Connection { operation: "create_chat_completion", .. }), "{error:?}");
    assert!(events.try_next().await?.is_none(), "a failed stream ends");
    Ok(())
}

#[tokio::test]
async fn dropping_the_stream_closes_the_connection() -> Result<(), Error> {
    let (closed_tx, mut closed) = mpsc::channel::<bool>(1);
    let (url, _) = serve(move |_, mut socket| {
        let closed_tx = closed_tx.clone();
        async move {
            head(&mut socket, "text/event-stream").await;
            // Writes until the client has gone; a write then fails.
            let mut gone = false;
            for _ in 0..5_000 {
                if chunk(&mut socket, b"data: {\"id\":\"a\",\"choices\":[]}\n\n").await.is_err() {
                    gone = true;
                    break;
                }
            }
            let _ = closed_tx.send(gone).await;
        }
    })
    .await;
    let mut events = client(&url).create_chat_completion_events(&chat()).await?;
    assert!(events.try_next().await?.is_some());
    drop(events);
    let gone = tokio::time::timeout(Duration::from_secs(10), closed.recv()).await.expect("the server notices");
    assert_eq!(gone, Some(true), "the client closed the connection");
    Ok(())
}

#[tokio::test]
async fn the_json_method_asks_for_json_and_the_events_method_for_events() -> Result<(), Error> {
    let (url, seen) = serve(|_, mut socket| async move {
        let body = br#"{"id":"x","choices":[]}"#;
        let head =
            format!("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n", body.len());
        let _ = socket.write_all(head.as_bytes()).await;
        let _ = socket.write_all(body).await;
    })
    .await;
    let completion = client(&url).create_chat_completion(&chat()).await?;
    assert_eq!(completion.id, "x");
    let head = seen.lock().expect("not poisoned")[0].0.clone();
    assert!(head.contains("accept: application/json"), "{head}");
    assert!(!head.contains("text/event-stream"), "{head}");
    Ok(())
}

#[tokio::test]
async fn events_without_a_schema_are_text() -> Result<(), Error> {
    const BODY: &[u8] = b"data: line one\n\ndata: line two\ndata: continued\n\n";
    let (url, seen) = serve(|_, socket| events_response(socket, BODY, 3)).await;
    let mut params = streaming_fixture::types::FollowLogsParams::default();
    params.since = Some(3);
    let mut events = client(&url).follow_logs_events("job 1", &params).await?;
    let mut lines = Vec::new();
    while let Some(event) = events.try_next().await? {
        lines.push(event.data);
    }
    assert_eq!(lines, ["line one", "line two\ncontinued"]);
    let head = seen.lock().expect("not poisoned")[0].0.clone();
    assert!(head.starts_with("get /logs/job%201?since=3 "), "{head}");
    Ok(())
}

/// `n` bytes that differ from one position to the next.
fn pattern(n: usize) -> Vec<u8> {
    (0..n).map(|i| (i % 251) as u8).collect()
}

#[tokio::test]
async fn a_download_streams_and_retries_cover_only_the_head() -> Result<(), Error> {
    let (url, seen) = serve(|attempt, mut socket| async move {
        if attempt == 0 {
            let busy = "HTTP/1.1 503 Service Unavailable\r\nretry-after-ms: 1\r\ncontent-length: 0\r\n\r\n";
            let _ = socket.write_all(busy.as_bytes()).await;
            return;
        }
        head(&mut socket, "application/octet-stream").await;
        for part in pattern(1 << 20).chunks(64 * 1024) {
            chunk(&mut socket, part).await.expect("the client reads on");
        }
        end(&mut socket).await;
    })
    .await;
    let response = client(&url).download_file("f1").send_stream().await?;
    assert_eq!(response.status(), 200);
    assert_eq!(response.header("content-type"), Some("application/octet-stream"));
    let mut body = response.into_body();
    let mut received = Vec::new();
    let mut chunks = 0;
    while let Some(chunk) = body.try_next().await? {
        received.extend_from_slice(&chunk);
        chunks += 1;
    }
    assert_eq!(received, pattern(1 << 20));
    assert!(chunks > 1, "the body came in pieces");
    assert_eq!(body.bytes_read(), 1 << 20);
    assert_eq!(seen.lock().expect("not poisoned").len(), 2, "a 503 before the head is retried");
    Ok(())
}

#[tokio::test]
async fn a_download_cut_short_is_a_connection_error_and_not_retried() -> Result<(), Error> {
    let (url, seen) = serve(|_, mut socket| async move {
        let head = "HTTP/1.1 200 OK\r\ncontent-type: application/octet-stream\r\ncontent-length: 1000\r\n\r\n";
        let _ = socket.write_all(head.as_bytes()).await;
        let _ = socket.write_all(&[7u8; 100]).await;
    })
    .await;
    let mut body = client(&url).download_file("f1").send_stream().await?.into_body();
    let mut read = 0;
    let error = loop {
        match body.try_next().await {
            Ok(Some(chunk)) => read += chunk.len(),
            Ok(None) => panic!("a body cut short must not end cleanly"),
            Err(error) => break error,
        }
    };
    assert_eq!(read, 100);
    assert!(matches!(error, Error::Connection { operation: "download_file", .. }), "{error:?}");
    assert_eq!(seen.lock().expect("not poisoned").len(), 1, "a failure after the head is not retried");
    Ok(())
}

#[tokio::test]
async fn an_error_status_of_a_stream_is_the_declared_error() {
    let (url, _) = serve(|_, mut socket| async move {
        let body = br#"{"error":{"message":"no such file"}}"#;
        let head = format!(
            "HTTP/1.1 404 Not Found\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
            body.len()
        );
        let _ = socket.write_all(head.as_bytes()).await;
        let _ = socket.write_all(body).await;
    })
    .await;
    let error = client(&url).download_file("gone").send_stream().await.expect_err("a 404");
    assert_eq!(error.body::<ErrorResponse>().map(|e| e.error.message.as_str()), Some("no such file"));
}

/// The mocks answer the events method with an event stream and a binary
/// operation with a body the client can stream.
#[tokio::test]
async fn mocks_answer_with_events_and_byte_streams() -> Result<(), Error> {
    use streaming_fixture::mock;
    let server = wiremock::MockServer::start().await;
    let chunk = |text: &str| serde_json::json!({"id": "c", "choices": [{"index": 0, "delta": {"content": text}}]});
    mock::create_chat_completion().events(&[chunk("a"), chunk("b")]).mount(&server).await;
    mock::download_file().path("f1").ok(&pattern(100_000)).mount(&server).await;
    let client = client(&server.uri());
    let mut events = client.create_chat_completion_events(&chat()).await?;
    let mut text = String::new();
    while let Some(event) = events.try_next().await? {
        text.push_str(&event.data.choices[0].delta.content);
    }
    assert_eq!(text, "ab");
    let mut body = client.download_file("f1").send_stream().await?.into_body();
    let mut received = Vec::new();
    while let Some(chunk) = body.try_next().await? {
        received.extend_from_slice(&chunk);
    }
    assert_eq!(received, pattern(100_000));
    Ok(())
}
