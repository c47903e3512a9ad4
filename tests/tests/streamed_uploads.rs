//! Uploads that stream: a binary body or a multipart file read from a
//! `tokio::fs::File` or a `Stream` while it is sent arrives whole, and a
//! streamed body is sent once: an error status is not retried, as it is
//! for bytes in memory, though a stream not yet read is (`runtime/body.rs`,
//! `runtime/transport.rs`).

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use futures::{stream, StreamExt};
use multipart_fixture::types::UploadImageBody;
use streaming_fixture::runtime::Body;
use streaming_fixture::types::UploadFileParams;
use streaming_fixture::{Auth, Client, Error};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use common::multipart::{part, parts};

mod common;

/// `n` bytes that differ from one position to the next.
fn pattern(n: usize) -> Vec<u8> {
    (0..n).map(|i| (i % 251) as u8).collect()
}

/// `data` as a stream of `piece`-byte chunks, counting the chunks read.
fn chunks(data: &[u8], piece: usize, read: Arc<AtomicUsize>) -> Body {
    let pieces: Vec<Vec<u8>> = data.chunks(piece).map(<[u8]>::to_vec).collect();
    Body::from_stream(stream::iter(pieces).map(move |piece| {
        read.fetch_add(1, Ordering::SeqCst);
        Ok::<_, std::io::Error>(piece)
    }))
}

/// A file of `data` in the temporary directory, unique to `test`.
async fn file_of(test: &str, data: &[u8]) -> PathBuf {
    let path = std::env::temp_dir().join(format!("codegen-tests-{}-{test}.bin", std::process::id()));
    tokio::fs::write(&path, data).await.expect("the temporary directory is writable");
    path
}

/// A server answering every request with `status` (and a file object on
/// success), and a client of the streaming fixture that retries twice.
async fn serve(status: u16) -> (MockServer, Client) {
    let server = MockServer::start().await;
    let answer = ResponseTemplate::new(status)
        .insert_header("retry-after-ms", "1")
        .set_body_raw(r#"{"id": "file-1", "bytes": 0}"#, "application/json");
    Mock::given(any()).respond_with(answer).mount(&server).await;
    let client = Client::builder().base_url(server.uri()).auth(Auth::none()).max_retries(2).build().expect("valid");
    (server, client)
}

async fn received(server: &MockServer) -> Vec<Request> {
    server.received_requests().await.expect("recording is on")
}

fn params() -> UploadFileParams {
    UploadFileParams::new("data.bin")
}

#[tokio::test]
async fn an_upload_from_a_stream_arrives_whole() -> Result<(), Error> {
    let (server, client) = serve(200).await;
    let data = pattern(300_000);
    let read = Arc::new(AtomicUsize::new(0));
    client.upload_file(&params(), chunks(&data, 7_000, read.clone())).await?;
    let length = u64::try_from(data.len()).expect("small");
    client.upload_file(&params(), chunks(&data, 7_000, read.clone()).with_length(length)).await?;
    let requests = received(&server).await;
    assert_eq!(requests.len(), 2);
    for request in &requests {
        assert_eq!(request.body, data);
        assert_eq!(request.headers.get("content-type").map(|v| v.as_bytes()), Some(&b"application/octet-stream"[..]));
    }
    // Without a length the body is sent chunked; with one, it is declared.
    assert_eq!(requests[0].headers.get("content-length"), None);
    assert_eq!(requests[1].headers.get("content-length").map(|v| v.as_bytes()), Some(&b"300000"[..]));
    assert_eq!(read.load(Ordering::SeqCst), 2 * data.len().div_ceil(7_000), "every chunk was read once");
    Ok(())
}

#[tokio::test]
async fn an_upload_from_a_file_arrives_whole() -> Result<(), Error> {
    let (server, client) = serve(200).await;
    let data = pattern(1 << 20);
    let path = file_of("upload", &data).await;
    let file = tokio::fs::File::open(&path).await.expect("just written");
    client.upload_file(&params(), file).await?;
    client.upload_file(&params(), Body::file(&path).await.expect("just written")).await?;
    tokio::fs::remove_file(&path).await.expect("ours to remove");
    let requests = received(&server).await;
    assert_eq!(requests.len(), 2);
    assert!(requests.iter().all(|r| r.body == data), "both uploads arrive whole");
    // `Body::file` reads the file's size and declares it.
    assert_eq!(requests[1].headers.get("content-length").map(|v| v.as_bytes()), Some(&b"1048576"[..]));
    Ok(())
}

#[tokio::test]
async fn a_streamed_upload_answered_503_is_sent_once_and_bytes_are_retried() {
    let (server, client) = serve(503).await;
    let data = pattern(10_000);
    let read = Arc::new(AtomicUsize::new(0));
    let error = client.upload_file(&params(), chunks(&data, 1_000, read.clone())).await.expect_err("a 503");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(503), "{error:?}");
    assert_eq!(received(&server).await.len(), 1, "a stream once read is never sent again");
    assert_eq!(read.load(Ordering::SeqCst), 10, "the stream was read once");

    server.reset().await;
    serve_again(&server, 503).await;
    let error = client.upload_file(&params(), data.clone()).await.expect_err("a 503");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(503), "{error:?}");
    let requests = received(&server).await;
    assert_eq!(requests.len(), 3, "bytes in memory are retried (twice)");
    assert!(requests.iter().all(|r| r.body == data));
}

/// Mounts `serve`'s answer again after a reset.
async fn serve_again(server: &MockServer, status: u16) {
    let answer = ResponseTemplate::new(status).insert_header("retry-after-ms", "1");
    Mock::given(any()).respond_with(answer).mount(server).await;
}

/// A connection refused before any of the body is sent leaves the stream
/// untouched, so the retry sends it whole.
#[tokio::test]
async fn a_stream_not_yet_read_is_retried() -> Result<(), Error> {
    // A free port, closed for the first attempt and served from ~100 ms on,
    // before the first retry (the backoff waits at least 375 ms).
    let port = std::net::TcpListener::bind("127.0.0.1:0").expect("a port");
    let address = port.local_addr().expect("an address");
    drop(port);
    let late = tokio::spawn(async move {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        let listener = std::net::TcpListener::bind(address).expect("the port is still free");
        let server = MockServer::builder().listener(listener).start().await;
        let answer = ResponseTemplate::new(200).set_body_raw(r#"{"id": "file-1", "bytes": 0}"#, "application/json");
        Mock::given(any()).respond_with(answer).mount(&server).await;
        server
    });
    let client = Client::builder()
        .base_url(format!("http://{address}"))
        .auth(Auth::none())
        .max_retries(2)
        .build()
        .expect("valid");
    let data = pattern(50_000);
    let read = Arc::new(AtomicUsize::new(0));
    client.upload_file(&params(), chunks(&data, 5_000, read.clone())).await?;
    let server = late.await.expect("the server started");
    let requests = received(&server).await;
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].body, data, "the retry sent the whole stream");
    assert_eq!(read.load(Ordering::SeqCst), 10, "each chunk was read once");
    Ok(())
}

#[tokio::test]
async fn a_clone_of_a_streamed_call_cannot_send_the_stream_again() -> Result<(), Error> {
    let (server, client) = serve(200).await;
    let read = Arc::new(AtomicUsize::new(0));
    let request = client.upload_file(&params(), chunks(b"once", 2, read));
    let copy = request.clone();
    request.await?;
    let error = copy.await.expect_err("the stream was sent");
    match &error {
        Error::InvalidRequest { operation: "upload_file", reason } => {
            assert!(reason.contains("sent only once"), "{reason}")
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(received(&server).await.len(), 1, "nothing is sent for the copy");
    Ok(())
}

#[tokio::test]
async fn multipart_file_parts_stream_from_a_file_and_a_stream() {
    use multipart_fixture::runtime::Body;
    use multipart_fixture::FilePart;

    let server = MockServer::start().await;
    let answer = ResponseTemplate::new(200).set_body_raw(r#"{"id": "up-1"}"#, "application/json");
    Mock::given(any()).respond_with(answer).mount(&server).await;
    let client = multipart_fixture::Client::builder().base_url(server.uri()).max_retries(0).build().expect("valid");

    let gif = "GIF89a".repeat(50_000);
    let path = file_of("multipart", gif.as_bytes()).await;
    let file = Body::file(&path).await.expect("just written");
    let mut body = UploadImageBody::new(FilePart::new(file, "cat.gif"), false);
    let pieces = ["\u{89}PNG", " in ", "pieces"].map(|p| Ok::<_, std::io::Error>(p.as_bytes().to_vec()));
    body.thumbnail = Some(FilePart::new(Body::from_stream(stream::iter(pieces)), "thumb.png"));
    let uploaded = client.upload_image(body).await.expect("uploaded");
    tokio::fs::remove_file(&path).await.expect("ours to remove");
    assert_eq!(uploaded.id, "up-1");
    let requests = received(&server).await;
    assert_eq!(requests.len(), 1);
    assert_eq!(
        parts(&requests[0]),
        [
            part("file", Some("cat.gif"), Some("application/octet-stream"), &gif),
            part("thumbnail", Some("thumb.png"), Some("image/png"), "\u{89}PNG in pieces"),
            part("requireSignedURLs", None, None, "false"),
        ]
    );
}
