//! Retries (which failures, how often, how long in between) and timeouts.

use std::time::{Duration, Instant};

use codegen_runtime::runtime::{NoContent, Text};
use codegen_runtime::Error;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::{client, client_with, get};

/// Serves `responses` in order, the last one to every later request too.
async fn serve(server: &MockServer, responses: Vec<ResponseTemplate>) {
    let last = responses.len() - 1;
    for (i, response) in responses.into_iter().enumerate() {
        let mock = Mock::given(any()).respond_with(response);
        let mock = if i < last { mock.up_to_n_times(1) } else { mock };
        mock.mount(server).await;
    }
}

async fn requests(server: &MockServer) -> usize {
    server.received_requests().await.expect("recorded").len()
}

fn status(code: u16) -> ResponseTemplate {
    ResponseTemplate::new(code)
}

#[tokio::test]
async fn a_503_is_retried_after_the_seconds_retry_after_asks_for() {
    let server = MockServer::start().await;
    serve(&server, vec![status(503).insert_header("retry-after", "1"), status(200).set_body_string("ok")]).await;
    let started = Instant::now();
    let text = get::<Text>(&client(&server), "/").await.expect("the retry succeeds");
    let waited = started.elapsed();
    assert_eq!(text, "ok");
    assert_eq!(requests(&server).await, 2);
    // The backoff alone would wait at most 0.5 s.
    assert!(waited >= Duration::from_millis(950), "waited {waited:?}");
}

#[tokio::test]
async fn retry_after_ms_wins_and_retries_stop_at_max_retries() {
    let server = MockServer::start().await;
    serve(&server, vec![status(503).insert_header("retry-after-ms", "20")]).await;
    let client = client_with(&server, |b| b.max_retries(3));
    let started = Instant::now();
    let err = get::<NoContent>(&client, "/").await.expect_err("always 503");
    assert_eq!(requests(&server).await, 4, "1 attempt and 3 retries");
    assert!(matches!(err, Error::Http { status, .. } if status == 503), "{err:?}");
    // Three backoffs would take at least 0.375 + 0.75 + 1.5 s.
    assert!(started.elapsed() < Duration::from_secs(2), "{:?}", started.elapsed());
}

#[tokio::test]
async fn client_errors_are_not_retried_but_408_409_and_429_are() {
    for (code, attempts) in [(400, 1), (401, 1), (404, 1), (422, 1), (408, 2), (409, 2), (429, 2), (500, 2)] {
        let server = MockServer::start().await;
        serve(&server, vec![status(code).insert_header("retry-after-ms", "1")]).await;
        let client = client_with(&server, |b| b.max_retries(1));
        let err = get::<NoContent>(&client, "/").await.expect_err("an error status");
        assert_eq!(err.status().map(|s| s.as_u16()), Some(code));
        assert_eq!(requests(&server).await, attempts, "HTTP {code}");
    }
}

#[tokio::test]
async fn x_should_retry_overrides_the_status() {
    let server = MockServer::start().await;
    serve(
        &server,
        vec![
            status(400).insert_header("x-should-retry", "true").insert_header("retry-after-ms", "1"),
            status(503).insert_header("x-should-retry", "false"),
        ],
    )
    .await;
    let err = get::<NoContent>(&client(&server), "/").await.expect_err("the 503 is final");
    assert_eq!(err.status().map(|s| s.as_u16()), Some(503));
    assert_eq!(requests(&server).await, 2);
}

#[tokio::test]
async fn a_call_can_turn_retries_off() {
    let server = MockServer::start().await;
    serve(&server, vec![status(503)]).await;
    get::<NoContent>(&client(&server), "/").max_retries(0).await.expect_err("503");
    assert_eq!(requests(&server).await, 1);
}

#[tokio::test]
async fn a_slow_attempt_times_out_and_the_timeout_is_retried() {
    let server = MockServer::start().await;
    let slow = status(200).set_body_string("late").set_delay(Duration::from_millis(400));
    serve(&server, vec![slow.clone(), slow, status(200).set_body_string("ok")]).await;
    let client = client_with(&server, |b| b.timeout(Duration::from_millis(100)));
    let err = get::<Text>(&client, "/").max_retries(0).await.expect_err("too slow");
    assert!(matches!(err, Error::Timeout { operation: "op", timeout } if timeout == Duration::from_millis(100)));
    assert!(err.is_timeout());
    // The next call's first attempt is slow too; its retry answers.
    let text = get::<Text>(&client, "/").max_retries(1).await.expect("the retry answers in time");
    assert_eq!(text, "ok");
    assert_eq!(requests(&server).await, 3);
}
