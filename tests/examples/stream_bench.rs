//! One measurement of `scripts/stream-bench`, which runs this binary once
//! per mode under `/usr/bin/time` (so each peak RSS is one mode's) and
//! prints the table. Each mode serves its body from a server in the same
//! process on loopback, written in 64 KiB chunks from one static buffer,
//! and prints `seconds <wall time of the client's side>`.
//!
//! Modes:
//! - `download-reqwest`, `download-client`: 1 GiB (`STREAM_BENCH_BYTES`)
//!   written to a file, read by plain reqwest `bytes_stream()` or by the
//!   streaming fixture's `download_file(…).send_stream()`;
//! - `events-manual`, `events-client`: 100,000 small chat chunks
//!   (`STREAM_BENCH_EVENTS`) decoded by eventsource-stream + serde_json by
//!   hand or by the fixture's `create_chat_completion_events`;
//! - `upload-reqwest`, `upload-client`: a 1 GiB (`STREAM_BENCH_BYTES`)
//!   sparse file sent by plain reqwest (`Body::from(File)`) or by the
//!   fixture's `upload_file(…, runtime::Body::file(path))`, to a server that
//!   reads and drops it.

use std::time::Instant;

use eventsource_stream::Eventsource;
use futures::StreamExt;
use streaming_fixture::types::{ChatCompletionChunk, ChatRequest, Message, UploadFileParams};
use streaming_fixture::{Auth, Client};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

const CHUNK: usize = 64 * 1024;

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// Serves `body` (repeated to `len` bytes) chunked to every connection.
async fn serve(body: &'static [u8], len: usize, content_type: &'static str) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("a loopback port");
    let url = format!("http://{}", listener.local_addr().expect("an address"));
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            tokio::spawn(async move {
                let mut head = Vec::new();
                let mut buf = [0u8; 4096];
                while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                    let n = socket.read(&mut buf).await.expect("a request");
                    if n == 0 {
                        return;
                    }
                    head.extend_from_slice(&buf[..n]);
                }
                let response =
                    format!("HTTP/1.1 200 OK\r\ncontent-type: {content_type}\r\ncontent-length: {len}\r\n\r\n");
                socket.write_all(response.as_bytes()).await.expect("the head");
                let mut left = len;
                while left > 0 {
                    let n = left.min(body.len());
                    if socket.write_all(&body[..n]).await.is_err() {
                        return;
                    }
                    left -= n;
                }
            });
        }
    });
    url
}

/// Reads every connection's request, its body of `content-length` bytes
/// dropped as it comes, and answers with a file object.
async fn serve_upload() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("a loopback port");
    let url = format!("http://{}", listener.local_addr().expect("an address"));
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            tokio::spawn(async move {
                let mut head = Vec::new();
                let mut buf = vec![0u8; CHUNK];
                let end = loop {
                    if let Some(end) = head.windows(4).position(|w| w == b"\r\n\r\n") {
                        break end + 4;
                    }
                    let n = socket.read(&mut buf).await.expect("a request");
                    if n == 0 {
                        return;
                    }
                    head.extend_from_slice(&buf[..n]);
                };
                let text = String::from_utf8_lossy(&head[..end]).to_ascii_lowercase();
                let length: usize = text
                    .lines()
                    .find_map(|l| l.strip_prefix("content-length:"))
                    .and_then(|v| v.trim().parse().ok())
                    .expect("the bench sends a content-length");
                let mut left = length - (head.len() - end);
                while left > 0 {
                    let n = socket.read(&mut buf).await.expect("the body");
                    assert!(n > 0, "the body ended {left} bytes short");
                    left -= n.min(left);
                }
                let json = format!("{{\"id\":\"f\",\"bytes\":{length}}}");
                let response = format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{json}",
                    json.len()
                );
                socket.write_all(response.as_bytes()).await.expect("the answer");
            });
        }
    });
    url
}

/// 100,000 chat chunks (or `count`) as one SSE body, ended by `[DONE]`.
fn events_body(count: usize) -> &'static [u8] {
    let mut body = String::new();
    for i in 0..count {
        body.push_str(&format!(
            "data: {{\"id\":\"chatcmpl-{i}\",\"choices\":[{{\"index\":0,\"delta\":{{\"content\":\"tok{i}\"}},\"finish_reason\":null}}]}}\n\n"
        ));
    }
    body.push_str("data: [DONE]\n\n");
    Box::leak(body.into_bytes().into_boxed_slice())
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mode = std::env::args().nth(1).ok_or("a mode")?;
    let bytes = env_number("STREAM_BENCH_BYTES", 1 << 30);
    let count = env_number("STREAM_BENCH_EVENTS", 100_000);
    let path = std::env::temp_dir().join(format!("stream-bench-{}.bin", std::process::id()));
    let block: &'static [u8] = Box::leak(vec![0x5a; CHUNK].into_boxed_slice());
    let chat = ChatRequest::new("m", vec![Message::new("user", "hi")]);
    let (seconds, amount) = match mode.as_str() {
        "download-reqwest" | "download-client" => {
            let url = serve(block, bytes, "application/octet-stream").await;
            let mut file = tokio::fs::File::create(&path).await?;
            let start = Instant::now();
            let mut written = 0usize;
            if mode == "download-reqwest" {
                let mut body = reqwest::get(format!("{url}/files/f/content")).await?.bytes_stream();
                while let Some(chunk) = body.next().await {
                    let chunk = chunk?;
                    written += chunk.len();
                    file.write_all(&chunk).await?;
                }
            } else {
                let client = Client::builder().base_url(url).auth(Auth::none()).build()?;
                let mut body = client.download_file("f").send_stream().await?.into_body();
                while let Some(chunk) = body.try_next().await? {
                    written += chunk.len();
                    file.write_all(&chunk).await?;
                }
            }
            file.flush().await?;
            let seconds = start.elapsed().as_secs_f64();
            std::fs::remove_file(&path)?;
            assert_eq!(written, bytes);
            (seconds, written)
        }
        "events-manual" | "events-client" => {
            let body = events_body(count);
            let url = serve(body, body.len(), "text/event-stream").await;
            let start = Instant::now();
            let mut decoded = 0usize;
            if mode == "events-manual" {
                let response = reqwest::Client::new()
                    .post(format!("{url}/chat/completions"))
                    .body(serde_json::to_vec(&chat)?)
                    .send()
                    .await?;
                let mut events = response.bytes_stream().eventsource();
                while let Some(event) = events.next().await {
                    let event = event?;
                    if event.data == "[DONE]" {
                        break;
                    }
                    let chunk: ChatCompletionChunk = serde_json::from_str(&event.data)?;
                    decoded += chunk.choices.len();
                }
            } else {
                let client = Client::builder().base_url(url).auth(Auth::none()).build()?;
                let mut events = client.create_chat_completion_events(&chat).await?;
                while let Some(event) = events.try_next().await? {
                    decoded += event.data.choices.len();
                }
            }
            let seconds = start.elapsed().as_secs_f64();
            assert_eq!(decoded, count);
            (seconds, decoded)
        }
        "upload-reqwest" | "upload-client" => {
            let url = serve_upload().await;
            // Sparse: the bench measures the client, not the disk.
            std::fs::File::create(&path)?.set_len(u64::try_from(bytes)?)?;
            let start = Instant::now();
            let sent = if mode == "upload-reqwest" {
                let file = tokio::fs::File::open(&path).await?;
                let response = reqwest::Client::new()
                    .post(format!("{url}/files?filename=big.bin"))
                    .header("content-length", bytes)
                    .body(reqwest::Body::from(file))
                    .send()
                    .await?
                    .error_for_status()?;
                let object: serde_json::Value = serde_json::from_slice(&response.bytes().await?)?;
                object["bytes"].as_u64().ok_or("a size")?
            } else {
                let client = Client::builder().base_url(url).auth(Auth::none()).build()?;
                let body = streaming_fixture::runtime::Body::file(&path).await?;
                u64::try_from(client.upload_file(&UploadFileParams::new("big.bin"), body).await?.bytes)?
            };
            let seconds = start.elapsed().as_secs_f64();
            std::fs::remove_file(&path)?;
            assert_eq!(sent, u64::try_from(bytes)?);
            (seconds, bytes)
        }
        other => return Err(format!("unknown mode `{other}`").into()),
    };
    println!("seconds {seconds:.3} amount {amount}");
    Ok(())
}
