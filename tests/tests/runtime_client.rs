//! The client as a whole: configuration, the environment, secret
//! redaction, timeouts and concurrent use.

use cloudflare_stream_downloads as api;

use std::time::{Duration, Instant};

use api::{Auth, Client, Error};
use serde_json::json;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

mod common;

const TOKEN: &str = "tok-SECRET-1234567890";
const KEY: &str = "key-SECRET-0987654321";

const ENV_VARS: [&str; 4] = ["CLOUDFLARE_API_TOKEN", "CLOUDFLARE_EMAIL", "CLOUDFLARE_API_KEY", "CLOUDFLARE_BASE_URL"];

/// Runs `check` with exactly `vars` set among the client's variables.
fn with_env<T>(vars: &[(&str, &str)], check: impl FnOnce() -> T) -> T {
    common::with_env(&ENV_VARS, vars, check)
}

fn ok() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({"success": true, "errors": [], "messages": [], "result": {}}))
}

async fn server_with(template: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any()).respond_with(template).mount(&server).await;
    server
}

fn assert_no_secret(text: &str) {
    for secret in [TOKEN, KEY, "SECRET"] {
        assert!(!text.contains(secret), "secret leaked in: {text}");
    }
}

#[test]
fn client_is_cheap_to_share_across_tasks() {
    fn assert_shareable<T: Clone + Send + Sync + 'static>() {}
    fn assert_boxable_error<E: std::error::Error + Send + Sync + 'static>() {}
    assert_shareable::<Client>();
    assert_boxable_error::<Error>();
}

#[test]
fn defaults_come_from_the_spec() {
    let client = Client::new(Auth::api_token(TOKEN));
    assert_eq!(client.base_url(), api::DEFAULT_BASE_URL);
    assert_eq!(client.base_url(), "https://api.cloudflare.com/client/v4");
    assert_eq!(client.max_retries(), 2);
    assert_eq!(client.timeout(), Duration::from_secs(60));
    assert!(!client.auth().is_none());
}

#[test]
fn secrets_never_appear_in_debug_output() {
    let token = Auth::api_token(TOKEN);
    let email_key = Auth::email_key("me@example.com", KEY);
    assert_no_secret(&format!("{token:?} {email_key:?}"));
    assert!(format!("{token:?}").contains("ApiToken"));

    let builder = Client::builder().auth(email_key.clone()).default_header("x-custom-secret", "SECRET-header");
    assert_no_secret(&format!("{builder:?}"));
    let client = builder.build().expect("valid");
    assert_no_secret(&format!("{client:?}"));
    assert!(format!("{client:?}").contains("x-custom-secret"));

    let request = client.list_downloads("acc", "vid").header("authorization", format!("Bearer {TOKEN}"));
    assert_no_secret(&format!("{request:?}"));
}

#[test]
fn invalid_credentials_are_reported_without_echoing_them() {
    let err = Client::builder().auth(Auth::api_token(format!("{TOKEN}\n"))).build().expect_err("newline in token");
    assert!(matches!(err, Error::Config { .. }), "{err:?}");
    assert_no_secret(&format!("{err} {err:?}"));
    assert!(err.to_string().contains("API token"), "{err}");
}

#[tokio::test]
async fn invalid_credentials_via_new_fail_each_call_without_echoing_them() {
    let client = Client::new(Auth::email_key("me@example.com", format!("{KEY}\r\n")));
    let err = client.list_downloads("acc", "vid").await.expect_err("unusable key");
    assert!(matches!(err, Error::Config { .. }), "{err:?}");
    assert_no_secret(&format!("{err} {err:?}"));
}

#[tokio::test]
async fn errors_from_calls_do_not_contain_credentials() {
    let server = server_with(ResponseTemplate::new(403).set_body_json(
        json!({"success": false, "errors": [{"code": 10000, "message": "Authentication error"}], "messages": []}),
    ))
    .await;
    let client = Client::builder().base_url(server.uri()).auth(Auth::api_token(TOKEN)).build().expect("valid");

    let err = client.list_downloads("acc", "vid").await.expect_err("403");
    assert!(err.is_auth_error());
    assert_no_secret(&format!("{err} {err:?}"));
}

#[test]
fn bad_base_urls_are_configuration_errors() {
    for url in ["not a url", "ftp://example.com", "https://example.com/v4?x=1", "https://user:pw-SECRET@example.com?q"]
    {
        let err = Client::builder().base_url(url).build().expect_err(url);
        assert!(matches!(err, Error::Config { .. }), "{url}: {err:?}");
        assert!(err.operation().is_none());
        assert_no_secret(&err.to_string());
    }
}

#[test]
fn from_env_reads_an_api_token() {
    let client = with_env(&[("CLOUDFLARE_API_TOKEN", TOKEN), ("CLOUDFLARE_EMAIL", "me@example.com")], Client::from_env)
        .expect("token is enough");
    assert_eq!(client.base_url(), api::DEFAULT_BASE_URL);
    assert!(format!("{:?}", client.auth()).contains("ApiToken"), "the token wins over email + key");
}

#[test]
fn from_env_reads_email_and_key() {
    let auth = with_env(&[("CLOUDFLARE_EMAIL", "me@example.com"), ("CLOUDFLARE_API_KEY", KEY)], Auth::from_env)
        .expect("email + key");
    assert!(format!("{auth:?}").contains("EmailKey"));
}

#[test]
fn from_env_without_credentials_names_the_variables() {
    let err = with_env(&[("CLOUDFLARE_API_TOKEN", "  ")], Client::from_env).expect_err("blank counts as unset");
    let text = err.to_string();
    for name in ["CLOUDFLARE_API_TOKEN", "CLOUDFLARE_EMAIL", "CLOUDFLARE_API_KEY"] {
        assert!(text.contains(name), "{text}");
    }

    let err = with_env(&[("CLOUDFLARE_EMAIL", "me@example.com")], Client::from_env).expect_err("key missing");
    assert!(err.to_string().contains("CLOUDFLARE_API_KEY is not"), "{err}");
    let err = with_env(&[("CLOUDFLARE_API_KEY", KEY)], Client::from_env).expect_err("email missing");
    assert!(err.to_string().contains("CLOUDFLARE_EMAIL is not"), "{err}");
    assert_no_secret(&format!("{err} {err:?}"));
}

#[tokio::test]
async fn from_env_uses_the_base_url_and_sends_the_credentials() {
    let server = server_with(ok()).await;
    let client = with_env(&[("CLOUDFLARE_API_TOKEN", TOKEN), ("CLOUDFLARE_BASE_URL", &server.uri())], || {
        api::ClientBuilder::from_env().map(|b| b.max_retries(0)).and_then(api::ClientBuilder::build)
    })
    .expect("configured");
    assert_eq!(client.max_retries(), 0);

    client.list_downloads("acc", "vid").await.expect("sent to the env base URL");
    let requests = server.received_requests().await.expect("recording is on");
    assert_eq!(requests[0].headers["authorization"], format!("Bearer {TOKEN}").as_str());
}

#[tokio::test]
async fn slow_responses_time_out_with_their_own_error() {
    let server = server_with(ok().set_delay(Duration::from_secs(5))).await;
    let client = Client::builder()
        .base_url(server.uri())
        .timeout(Duration::from_millis(200))
        .max_retries(0)
        .build()
        .expect("valid");

    let started = Instant::now();
    let err = client.list_downloads("acc", "vid").await.expect_err("too slow");
    assert!(started.elapsed() < Duration::from_secs(2), "{:?}", started.elapsed());
    assert!(err.is_timeout());
    assert!(
        matches!(err, Error::Timeout { operation: "list_downloads", timeout } if timeout == Duration::from_millis(200)),
        "{err:?}"
    );
    assert!(err.to_string().contains("list_downloads") && err.to_string().contains("timed out"), "{err}");
}

#[tokio::test]
async fn timeouts_are_retried_like_connection_errors() {
    let server = server_with(ok().set_delay(Duration::from_secs(5))).await;
    let client = Client::builder().base_url(server.uri()).timeout(Duration::from_millis(100)).build().expect("valid");

    let err = client.list_downloads("acc", "vid").max_retries(1).await.expect_err("too slow");
    assert!(err.is_timeout());
    assert_eq!(server.received_requests().await.expect("recording is on").len(), 2);
}

#[tokio::test]
async fn per_call_timeout_overrides_the_client() {
    let server = server_with(ok().set_delay(Duration::from_millis(300))).await;
    let client = Client::builder()
        .base_url(server.uri())
        .timeout(Duration::from_millis(50))
        .max_retries(0)
        .build()
        .expect("valid");

    client.list_downloads("acc", "vid").timeout(Duration::from_secs(5)).await.expect("long enough");
    let err = client.list_downloads("acc", "vid").await.expect_err("client timeout applies");
    assert!(err.is_timeout(), "{err:?}");
}

#[tokio::test]
async fn a_shared_reqwest_client_is_used() {
    let server = server_with(ok()).await;
    let http = api::runtime::reqwest::Client::builder()
        .default_headers(
            [(
                api::runtime::reqwest::header::HeaderName::from_static("x-from-http-client"),
                "yes".parse().expect("valid"),
            )]
            .into_iter()
            .collect(),
        )
        .build()
        .expect("reqwest client");
    let client = Client::builder().base_url(server.uri()).http_client(http).build().expect("valid");

    client.list_downloads("acc", "vid").await.expect("sent");
    let requests = server.received_requests().await.expect("recording is on");
    assert_eq!(requests[0].headers["x-from-http-client"], "yes");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_concurrent_requests_through_one_client() {
    let server = server_with(ok()).await;
    let client = Client::builder().base_url(server.uri()).max_retries(0).build().expect("valid");

    let started = Instant::now();
    let tasks: Vec<_> = (0..1_000)
        .map(|i| {
            let client = client.clone();
            tokio::spawn(async move { client.list_downloads("acc", &format!("video-{i}")).await })
        })
        .collect();
    let mut failures = Vec::new();
    for task in tasks {
        if let Err(e) = task.await.expect("task did not panic") {
            failures.push(e.to_string());
        }
    }
    assert!(failures.is_empty(), "{} failures, first: {:?}", failures.len(), failures.first());
    assert_eq!(server.received_requests().await.expect("recording is on").len(), 1_000);
    assert!(started.elapsed() < Duration::from_secs(20), "{:?}", started.elapsed());
}
