//! Contract test: the generated clients against Prism, a third-party mock
//! server of `spec/stream.yaml` and of the (non-Cloudflare) auth fixture
//! `tests/fixtures/constructs/auth.yaml`. Prism runs with `--errors`, so a request
//! that does not match the spec (method, path, parameters, auth, body) is
//! answered with an error instead of an example, and its example responses
//! must parse into the generated types.
//!
//! `.ci/run` installs a pinned Prism into `target/prism`. Without it the
//! test is skipped with a message, except under `CI=true`, where a missing
//! Prism is a failure.

use cloudflare_stream_downloads::types::{DownloadStatus, DownloadType};
use cloudflare_stream_downloads::{Auth, Client, Error};
use serde_json::json;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

mod common;

const ACCOUNT: &str = "023e105f4ecef8ad9ca31a8372d0c353";
const VIDEO: &str = "ea95132c15732412d22c1476fa83f27a";

fn workspace() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().expect("tests/ is inside the workspace").to_path_buf()
}

fn find_prism() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("PRISM") {
        return Some(PathBuf::from(path));
    }
    let local = workspace().join("target/prism/node_modules/.bin/prism");
    if local.exists() {
        return Some(local);
    }
    let on_path = Command::new("prism").arg("--version").stdout(Stdio::null()).stderr(Stdio::null()).status();
    on_path.is_ok_and(|s| s.success()).then(|| PathBuf::from("prism"))
}

/// Prism, killed when the test ends however it ends.
struct Prism {
    child: Child,
    addr: SocketAddr,
}

impl Drop for Prism {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Held from choosing a port until Prism listens on it. The tests run in
/// parallel, and a port freed by `bind(0)` can be handed out again before
/// the first Prism binds it: the second Prism would then fail to start
/// while the readiness check connected to the first one.
static STARTING: Mutex<()> = Mutex::new(());

fn start_prism(bin: PathBuf, spec: &str) -> Prism {
    let _starting = STARTING.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let port = TcpListener::bind("127.0.0.1:0").expect("a free port").local_addr().expect("bound").port();
    let child = Command::new(bin)
        .args(["mock", "--errors", "-h", "127.0.0.1", "-p", &port.to_string(), spec])
        .current_dir(workspace())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("Prism starts");
    let mut prism = Prism { child, addr: SocketAddr::from(([127, 0, 0, 1], port)) };
    let deadline = Instant::now() + Duration::from_secs(60);
    while TcpStream::connect_timeout(&prism.addr, Duration::from_millis(200)).is_err() {
        assert!(Instant::now() < deadline, "Prism did not listen on {} within 60 s", prism.addr);
        if let Ok(Some(status)) = prism.child.try_wait() {
            panic!("Prism for {spec} exited with {status} before listening on {}", prism.addr);
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    prism
}

fn client(prism: &Prism, auth: Auth) -> Client {
    Client::builder().base_url(format!("http://{}", prism.addr)).auth(auth).max_retries(0).build().expect("client")
}

#[tokio::test]
async fn all_operations_match_the_spec_according_to_prism() {
    let Some(bin) = find_prism() else {
        return common::skip_unless_ci(
            "the contract test against Prism",
            "Prism is not installed (not named by $PRISM, not in target/prism, not on PATH)",
            "npm install --prefix target/prism @stoplight/prism-cli@5.14.2 (as .ci/run does), or set PRISM",
        );
    };
    let prism = start_prism(bin, "spec/stream.yaml");
    let token = client(&prism, Auth::api_token("test-token"));

    let listed = token.list_downloads(ACCOUNT, VIDEO).await.expect("list matches the spec");
    assert_eq!(listed.audio.and_then(|a| a.status), Some(DownloadStatus::Ready));
    let created = token.create_downloads(ACCOUNT, VIDEO, &json!({})).await.expect("create matches the spec");
    assert_eq!(created.status, Some(DownloadStatus::Ready));
    let typed = token.create_download(ACCOUNT, VIDEO, DownloadType::Audio).await.expect("typed create matches");
    assert_eq!(typed.percent_complete, Some(0.0));
    assert_eq!(token.delete_download(ACCOUNT, VIDEO, DownloadType::Default).await.expect("typed delete matches"), "ok");

    let email_key = client(&prism, Auth::email_key("user@example.com", "global-key"));
    assert_eq!(email_key.delete_downloads(ACCOUNT, VIDEO).await.expect("delete with email + key matches"), "ok");

    // The controls: Prism does reject what the spec does not allow, so the
    // passes above mean something.
    let anonymous = client(&prism, Auth::none());
    let err = anonymous.list_downloads(ACCOUNT, VIDEO).await.expect_err("no credentials violates the spec");
    assert_eq!(err.status().map(|s| s.as_u16()), Some(401), "{err}");
    let err = token
        .create_download(ACCOUNT, VIDEO, DownloadType::Unknown("video".into()))
        .await
        .expect_err("an unknown download type violates the spec");
    assert!(matches!(&err, Error::Http { .. } | Error::Api(_)), "{err:?}");
    assert_eq!(err.status().map(|s| s.as_u16()), Some(422), "{err}");
}

/// Basic auth (and every other kind) of a second spec, not Cloudflare's:
/// Prism answers 401 unless the credentials the spec asks for are sent.
#[tokio::test]
async fn auth_fixture_credentials_are_accepted_by_prism() {
    use auth_fixture::types::{Problem, SearchParams};
    use auth_fixture::Auth;
    let Some(bin) = find_prism() else {
        return common::skip_unless_ci(
            "the auth contract test against Prism",
            "Prism is not installed (not named by $PRISM, not in target/prism, not on PATH)",
            "npm install --prefix target/prism @stoplight/prism-cli@5.14.2 (as .ci/run does), or set PRISM",
        );
    };
    let prism = start_prism(bin, "tests/fixtures/constructs/auth.yaml");
    let client = |auth: Auth| {
        auth_fixture::Client::builder()
            .base_url(format!("http://{}", prism.addr))
            .auth(auth)
            .max_retries(0)
            .build()
            .expect("client")
    };

    let user = client(Auth::basic("user", "pass")).get_me().await.expect("basic auth matches the spec");
    assert_eq!(user.name, "Ada");
    client(Auth::bearer("jwt")).get_me().await.expect("bearer, the other alternative, matches");
    let search = SearchParams::new("rust");
    client(Auth::api_key_query("k")).search(&search).await.expect("query key matches");
    client(Auth::api_key_header("k")).reports().await.expect("header key matches");
    client(Auth::api_key_cookie("k")).session().await.expect("cookie key matches");
    client(Auth::app_id_and_app_secret("id", "secret")).signed().await.expect("both headers match");
    client(Auth::none()).health().await.expect("security: [] needs nothing");

    // The controls: without the credentials an operation asks for, Prism
    // answers 401, with the body the spec declares for it.
    let err = client(Auth::none()).get_me().await.expect_err("no credentials violates the spec");
    assert_eq!(err.status().map(|s| s.as_u16()), Some(401), "{err}");
    let err = client(Auth::api_key_header("k")).get_me().await.expect_err("a key get_me does not take");
    assert_eq!(err.status().map(|s| s.as_u16()), Some(401), "{err}");
    let err = client(Auth::basic("user", "pass")).search(&search).await.expect_err("basic is not search's scheme");
    assert_eq!(err.status().map(|s| s.as_u16()), Some(401), "{err}");
    assert_eq!(err.body::<Problem>().map(|p| p.code), Some(401), "{err:?}");
}

/// The streaming fixture against Prism, which validates every request
/// against the spec. Prism cannot serve server-sent events: for an event
/// stream whose data has a schema it answers 500 ("Cannot serialise complex
/// objects as text"), and for one without a schema an empty body, so the
/// events are tested on loopback (`streaming_fixture.rs`); here the requests
/// of the event and byte-stream methods must match the spec.
#[tokio::test]
async fn streaming_fixture_requests_are_accepted_by_prism() {
    use streaming_fixture::types::{ChatRequest, FollowLogsParams, Message};
    let Some(bin) = find_prism() else {
        return common::skip_unless_ci(
            "the streaming contract test against Prism",
            "Prism is not installed (not named by $PRISM, not in target/prism, not on PATH)",
            "npm install --prefix target/prism @stoplight/prism-cli@5.14.2 (as .ci/run does), or set PRISM",
        );
    };
    let prism = start_prism(bin, "tests/fixtures/constructs/streaming.yaml");
    let client = streaming_fixture::Client::builder()
        .base_url(format!("http://{}", prism.addr))
        .auth(streaming_fixture::Auth::none())
        .max_retries(0)
        .build()
        .expect("client");
    let request = ChatRequest::new("small", vec![Message::new("user", "hi")]);

    let completion = client.create_chat_completion(&request).await.expect("the JSON method matches the spec");
    assert!(!completion.id.is_empty());
    let mut params = FollowLogsParams::default();
    params.since = Some(3);
    let mut logs = client.follow_logs_events("job-1", &params).await.expect("the events request matches");
    assert_eq!(logs.try_next().await.expect("an empty stream"), None, "Prism sends no events");
    let body = client.download_file("file-1").send_stream().await.expect("the download request matches");
    assert!(body.status().is_success());

    // What Prism cannot do: event data with a schema.
    let err = client.create_chat_completion_events(&request).await.expect_err("Prism cannot write events");
    assert_eq!(err.status().map(|s| s.as_u16()), Some(500), "{err}");
}
