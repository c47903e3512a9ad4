//! Retries: which failures are retried, how often, and how long the client
//! waits in between (server-requested delays and exponential backoff).

use cloudflare_stream_downloads as api;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use api::runtime::{Json, Method, Multipart, Part, PathBuilder, Request};
use api::Error;
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Respond, ResponseTemplate};

/// Answers with `responses` in order (repeating the last) and records when
/// each request arrived, so tests can check the delays between attempts.
#[derive(Clone)]
struct Script {
    responses: Arc<Vec<ResponseTemplate>>,
    arrivals: Arc<Mutex<Vec<Instant>>>,
}

impl Script {
    async fn mount(server: &MockServer, responses: Vec<ResponseTemplate>) -> Self {
        let script = Self { responses: Arc::new(responses), arrivals: Arc::default() };
        Mock::given(any()).respond_with(script.clone()).mount(server).await;
        script
    }

    fn count(&self) -> usize {
        self.arrivals.lock().expect("not poisoned").len()
    }

    /// The time between consecutive requests.
    fn gaps(&self) -> Vec<Duration> {
        let arrivals = self.arrivals.lock().expect("not poisoned");
        arrivals.windows(2).map(|w| w[1] - w[0]).collect()
    }
}

impl Respond for Script {
    fn respond(&self, _: &wiremock::Request) -> ResponseTemplate {
        let mut arrivals = self.arrivals.lock().expect("not poisoned");
        arrivals.push(Instant::now());
        let index = (arrivals.len() - 1).min(self.responses.len() - 1);
        self.responses[index].clone()
    }
}

fn client_with(server: &MockServer, configure: impl FnOnce(api::ClientBuilder) -> api::ClientBuilder) -> api::Client {
    let builder = api::Client::builder().base_url(server.uri()).auth(api::Auth::api_token("token"));
    configure(builder).build().expect("valid client configuration")
}

fn client(server: &MockServer) -> api::Client {
    client_with(server, |b| b)
}

fn ok() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({"success": true, "errors": [], "messages": [], "result": {}}))
}

/// A failure that asks for a 10 ms wait, keeping retry tests fast.
fn fail(status: u16) -> ResponseTemplate {
    ResponseTemplate::new(status)
        .set_body_json(json!({"success": false, "errors": [{"code": 7000, "message": "try again"}], "messages": []}))
        .insert_header("retry-after-ms", "10")
}

fn assert_between(gap: Duration, min_ms: u64, max_ms: u64) {
    assert!(
        gap >= Duration::from_millis(min_ms) && gap <= Duration::from_millis(max_ms),
        "gap {gap:?} outside {min_ms}..={max_ms} ms"
    );
}

#[tokio::test]
async fn transient_statuses_are_retried_until_success() {
    for status in [408, 409, 429, 500, 502, 503, 504] {
        let server = MockServer::start().await;
        let script = Script::mount(&server, vec![fail(status), fail(status), ok()]).await;

        client(&server).list_downloads("acc", "vid").await.unwrap_or_else(|e| panic!("{status}: {e}"));
        assert_eq!(script.count(), 3, "status {status}");
    }
}

#[tokio::test]
async fn permanent_statuses_are_not_retried() {
    for status in [400, 401, 403, 404, 422] {
        let server = MockServer::start().await;
        let script = Script::mount(&server, vec![fail(status), ok()]).await;

        let err = client(&server).list_downloads("acc", "vid").await.expect_err("no retry");
        assert_eq!(err.status().map(|s| s.as_u16()), Some(status));
        assert_eq!(script.count(), 1, "status {status}");
    }
}

#[tokio::test]
async fn default_is_two_retries_then_the_last_error() {
    let server = MockServer::start().await;
    let script = Script::mount(&server, vec![fail(503)]).await;

    let err = client(&server).list_downloads("acc", "vid").await.expect_err("always 503");
    assert_eq!(script.count(), 3);
    assert!(err.is_server_error());
    assert_eq!(err.as_api().map(api::ApiError::codes), Some(vec![7000]));
}

#[tokio::test]
async fn retry_limits_are_configurable_per_client_and_per_call() {
    let server = MockServer::start().await;
    let script = Script::mount(&server, vec![fail(500)]).await;
    let five = client_with(&server, |b| b.max_retries(5));
    assert_eq!(five.max_retries(), 5);

    five.list_downloads("acc", "vid").await.expect_err("500");
    assert_eq!(script.count(), 6, "client setting");
    five.list_downloads("acc", "vid").max_retries(1).await.expect_err("500");
    assert_eq!(script.count(), 8, "per-call override");
    five.list_downloads("acc", "vid").max_retries(0).await.expect_err("500");
    assert_eq!(script.count(), 9, "0 disables retries");
    let none = client_with(&server, |b| b.max_retries(0));
    none.list_downloads("acc", "vid").await.expect_err("500");
    assert_eq!(script.count(), 10, "0 on the client");
}

#[tokio::test]
async fn retry_after_ms_is_honoured() {
    let server = MockServer::start().await;
    let wait = |ms: &str| ResponseTemplate::new(429).insert_header("retry-after-ms", ms);
    let script = Script::mount(&server, vec![wait("150"), wait("50"), ok()]).await;

    client(&server).list_downloads("acc", "vid").await.expect("third attempt succeeds");
    let gaps = script.gaps();
    // Well below the 375 ms minimum backoff, so the header was used.
    assert_between(gaps[0], 145, 350);
    assert_between(gaps[1], 45, 300);
}

#[tokio::test]
async fn retry_after_seconds_and_http_date_are_honoured() {
    let seconds = async {
        let server = MockServer::start().await;
        let script =
            Script::mount(&server, vec![ResponseTemplate::new(503).insert_header("retry-after", "1"), ok()]).await;
        client(&server).list_downloads("acc", "vid").await.expect("second attempt succeeds");
        script.gaps()[0]
    };
    let date = async {
        let server = MockServer::start().await;
        // Whole-second precision puts the wait between 2 and 3 s, far above
        // the first backoff (at most 0.5 s).
        let in_three_seconds = httpdate::fmt_http_date(std::time::SystemTime::now() + Duration::from_secs(3));
        let script = Script::mount(
            &server,
            vec![ResponseTemplate::new(503).insert_header("retry-after", in_three_seconds.as_str()), ok()],
        )
        .await;
        client(&server).list_downloads("acc", "vid").await.expect("second attempt succeeds");
        script.gaps()[0]
    };
    let (seconds_gap, date_gap) = tokio::join!(seconds, date);
    assert_between(seconds_gap, 990, 1_500);
    assert_between(date_gap, 1_900, 3_500);
}

#[tokio::test]
async fn exponential_backoff_with_jitter_without_server_hints() {
    let server = MockServer::start().await;
    let script = Script::mount(&server, vec![ResponseTemplate::new(500), ResponseTemplate::new(500), ok()]).await;

    client(&server).list_downloads("acc", "vid").await.expect("third attempt succeeds");
    let gaps = script.gaps();
    // 0.5 s then 1 s, each reduced by up to 25 % jitter.
    assert_between(gaps[0], 370, 900);
    assert_between(gaps[1], 745, 1_600);
}

#[tokio::test]
async fn unusable_retry_after_values_fall_back_to_backoff() {
    let checks = ["120", "0", "-5", "soon", "NaN", "inf", "Wed, 21 Oct 2015 07:28:00 GMT"].map(|value| {
        tokio::spawn(async move {
            let server = MockServer::start().await;
            let script =
                Script::mount(&server, vec![ResponseTemplate::new(503).insert_header("retry-after", value), ok()])
                    .await;
            client(&server).list_downloads("acc", "vid").await.unwrap_or_else(|e| panic!("{value}: {e}"));
            (value, script.gaps()[0])
        })
    });
    for check in checks {
        let (value, gap) = check.await.expect("check task");
        assert!((370..=900).contains(&gap.as_millis()), "retry-after {value:?}: waited {gap:?}");
    }
}

#[tokio::test]
async fn x_should_retry_overrides_the_status() {
    let server = MockServer::start().await;
    let script = Script::mount(&server, vec![fail(500).insert_header("x-should-retry", "false"), ok()]).await;
    client(&server).list_downloads("acc", "vid").await.expect_err("server said no retry");
    assert_eq!(script.count(), 1);

    let server = MockServer::start().await;
    let script = Script::mount(&server, vec![fail(400).insert_header("x-should-retry", "true"), ok()]).await;
    client(&server).list_downloads("acc", "vid").await.expect("server asked for a retry");
    assert_eq!(script.count(), 2);
}

#[tokio::test]
async fn json_bodies_are_resent_identically_on_retry() {
    let server = MockServer::start().await;
    let script = Script::mount(&server, vec![fail(503), fail(503), ok()]).await;

    client(&server).create_downloads("acc", "vid", &json!({"kind": "default"})).await.expect("third attempt");
    assert_eq!(script.count(), 3);
    let requests = server.received_requests().await.expect("recording is on");
    for request in &requests {
        assert_eq!(request.body, br#"{"kind":"default"}"#);
        assert_eq!(request.headers["content-type"], "application/json");
    }
}

/// A multipart body with its (random, per-attempt) boundary replaced.
fn normalized_multipart(request: &wiremock::Request) -> String {
    let content_type = request.headers["content-type"].to_str().expect("ASCII content type");
    let boundary = content_type.split("boundary=").nth(1).expect("a multipart boundary");
    String::from_utf8_lossy(&request.body).replace(boundary, "BOUNDARY")
}

#[tokio::test]
async fn multipart_bodies_are_resent_on_retry() {
    let server = MockServer::start().await;
    let script = Script::mount(&server, vec![fail(502), ok()]).await;
    let form = Multipart::new()
        .text("meta", "clip")
        .part("file", Part::bytes(vec![7_u8; 64]).file_name("clip.mp4").mime("video/mp4"));

    Request::<Json<Value>>::new(&client(&server), Method::POST, "upload", PathBuilder::new().literal("/upload"))
        .multipart_body(form)
        .await
        .expect("second attempt succeeds");
    assert_eq!(script.count(), 2);
    let requests = server.received_requests().await.expect("recording is on");
    let first = normalized_multipart(&requests[0]);
    assert_eq!(first, normalized_multipart(&requests[1]));
    assert!(first.contains("name=\"meta\"\r\n\r\nclip\r\n"), "{first}");
    assert!(first.contains("filename=\"clip.mp4\"") && first.contains("video/mp4"), "{first}");
}

/// A server that drops the first `drops` connections without answering and
/// then serves a success envelope; returns its base URL and connection count.
async fn flaky_server(drops: usize) -> (String, Arc<Mutex<usize>>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind loopback");
    let url = format!("http://{}", listener.local_addr().expect("bound"));
    let accepted = Arc::new(Mutex::new(0));
    let counter = Arc::clone(&accepted);
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let n = {
                let mut count = counter.lock().expect("not poisoned");
                *count += 1;
                *count
            };
            if n <= drops {
                drop(socket);
                continue;
            }
            let mut buffer = [0_u8; 4096];
            let _ = socket.read(&mut buffer).await;
            let body = r#"{"success":true,"errors":[],"messages":[],"result":{}}"#;
            let response = format!(
                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                body.len()
            );
            let _ = socket.write_all(response.as_bytes()).await;
        }
    });
    (url, accepted)
}

#[tokio::test]
async fn connection_errors_are_retried_with_backoff() {
    let (url, accepted) = flaky_server(2).await;
    let client = api::Client::builder().base_url(url).build().expect("valid");

    let started = Instant::now();
    client.list_downloads("acc", "vid").await.expect("third connection is served");
    assert_eq!(*accepted.lock().expect("not poisoned"), 3);
    // Two backoffs: at least 0.375 s + 0.75 s.
    assert!(started.elapsed() >= Duration::from_millis(1_100), "{:?}", started.elapsed());
}

#[tokio::test]
async fn connection_errors_surface_after_the_last_retry() {
    let (url, accepted) = flaky_server(usize::MAX).await;
    let client = api::Client::builder().base_url(url).max_retries(1).build().expect("valid");

    let err = client.list_downloads("acc", "vid").await.expect_err("never answered");
    assert!(matches!(err, Error::Connection { operation: "list_downloads", .. }), "{err:?}");
    assert_eq!(*accepted.lock().expect("not poisoned"), 2);
    assert!(err.to_string().contains("list_downloads"), "{err}");
}
