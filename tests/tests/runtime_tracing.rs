//! The `tracing` feature against a loopback server, seen through a
//! subscriber that captures every span and event: one `request` span per
//! call (and per page of a list) with the operation, method, path template,
//! attempt, final status and duration; a debug event per retry with its
//! reason and delay; and no credential, header, query or path value in any
//! of it.

use cloudflare_stream_downloads as api;

use std::collections::BTreeMap;
use std::fmt;
use std::num::NonZeroU64;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use api::runtime::{Envelope, Method, Pages, Paging, PathBuilder, Request};
use api::types::DownloadType;
use api::{Auth, Client};
use futures::TryStreamExt;
use serde_json::{json, Value};
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Level, Metadata, Subscriber};
use tracing_core::span::Current;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// One captured span: its name and the last value of each field.
#[derive(Debug)]
struct SpanData {
    name: &'static str,
    fields: BTreeMap<String, String>,
}

/// One captured event, with the span it happened in.
#[derive(Debug)]
struct EventData {
    level: Level,
    span: Option<usize>,
    fields: BTreeMap<String, String>,
}

#[derive(Debug, Default)]
struct Captured {
    spans: Vec<SpanData>,
    events: Vec<EventData>,
    /// Each span's metadata, by index.
    metadata: Vec<&'static Metadata<'static>>,
    /// Entered spans (indexes into `spans`), innermost last. The tests run
    /// on one thread, so one stack is enough.
    entered: Vec<usize>,
}

impl Captured {
    /// The spans called `request`.
    fn requests(&self) -> Vec<&BTreeMap<String, String>> {
        self.spans.iter().filter(|s| s.name == "request").map(|s| &s.fields).collect()
    }

    /// Everything captured as text, to search for secrets.
    fn text(&self) -> String {
        format!("{:?}", (&self.spans, &self.events))
    }
}

/// A minimal subscriber that records every span and event of the client.
#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Captured>>);

impl Capture {
    fn lock(&self) -> std::sync::MutexGuard<'_, Captured> {
        self.0.lock().expect("not poisoned")
    }
}

struct Fields<'a>(&'a mut BTreeMap<String, String>);

impl Visit for Fields<'_> {
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.insert(field.name().to_owned(), value.to_owned());
    }

    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        self.0.insert(field.name().to_owned(), format!("{value:?}"));
    }
}

fn index(id: &Id) -> usize {
    usize::try_from(id.into_u64() - 1).expect("small")
}

impl Subscriber for Capture {
    fn enabled(&self, metadata: &Metadata<'_>) -> bool {
        // The client's own spans and events; its dependencies' are theirs.
        ["cloudflare_stream_downloads", "streaming_fixture"].iter().any(|c| metadata.target().starts_with(c))
    }

    fn new_span(&self, span: &Attributes<'_>) -> Id {
        let mut fields = BTreeMap::new();
        span.record(&mut Fields(&mut fields));
        let mut captured = self.lock();
        captured.spans.push(SpanData { name: span.metadata().name(), fields });
        captured.metadata.push(span.metadata());
        Id::from_non_zero_u64(NonZeroU64::new(captured.spans.len() as u64).expect("from 1"))
    }

    fn record(&self, span: &Id, values: &Record<'_>) {
        values.record(&mut Fields(&mut self.lock().spans[index(span)].fields));
    }

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, event: &Event<'_>) {
        let mut fields = BTreeMap::new();
        event.record(&mut Fields(&mut fields));
        let mut captured = self.lock();
        let span = event.parent().map(index).or_else(|| captured.entered.last().copied());
        captured.events.push(EventData { level: *event.metadata().level(), span, fields });
    }

    fn enter(&self, span: &Id) {
        self.lock().entered.push(index(span));
    }

    // `Span::current()` asks this; the client records each attempt and status
    // on the current span, as every `tracing-subscriber` subscriber allows.
    fn current_span(&self) -> Current {
        let captured = self.lock();
        match captured.entered.last() {
            Some(&at) => {
                let metadata = captured.metadata[at];
                Current::new(Id::from_u64(at as u64 + 1), metadata)
            }
            None => Current::none(),
        }
    }

    fn exit(&self, span: &Id) {
        let mut captured = self.lock();
        let at = captured.entered.iter().rposition(|s| *s == index(span)).expect("entered before");
        captured.entered.remove(at);
    }
}

/// Runs `test` with a capturing subscriber for this thread (the tests'
/// runtime is single-threaded) and returns what it captured.
async fn capture<F: std::future::Future<Output = ()>>(test: impl FnOnce() -> F) -> Captured {
    let capture = Capture::default();
    {
        let _guard = tracing::subscriber::set_default(capture.clone());
        test().await;
    }
    let captured = std::mem::take(&mut *capture.lock());
    captured
}

const TOKEN: &str = "secret-token-7f3a";
const EMAIL: &str = "secret-user@example.com";
const API_KEY: &str = "secret-api-key-91c2";
const ACCOUNT: &str = "secret-account-5d1e";
const VIDEO: &str = "secret-video-0b8c";
const QUERY_VALUE: &str = "secret-query-value";
const HEADER_VALUE: &str = "secret-header-value";

/// Fails when any secret of these tests appears in what was captured.
fn assert_no_secret(captured: &Captured) {
    let text = captured.text();
    for secret in [TOKEN, EMAIL, API_KEY, ACCOUNT, VIDEO, QUERY_VALUE, HEADER_VALUE, "audio", "secret"] {
        assert!(!text.contains(secret), "`{secret}` was captured: {text}");
    }
}

fn client(server: &MockServer, auth: Auth) -> Client {
    Client::builder().base_url(server.uri()).auth(auth).build().expect("valid client")
}

fn ok_download() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({
        "success": true, "errors": [], "messages": [], "result": {"status": "ready", "percentComplete": 100.0}
    }))
}

/// Answers with `first` once, then with `then`.
async fn serve(first: ResponseTemplate, then: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    let calls = AtomicUsize::new(0);
    Mock::given(any())
        .respond_with(move |_: &wiremock::Request| match calls.fetch_add(1, Ordering::SeqCst) {
            0 => first.clone(),
            _ => then.clone(),
        })
        .mount(&server)
        .await;
    server
}

const TEMPLATE: &str = "/accounts/{account_id}/stream/{identifier}/downloads/{download_type}";

fn fields(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

/// The fields a call's span ends with, but `duration_ms`: what describes
/// the call, and `outcome` (attempt, status, error).
fn span_of(method: &str, operation: &str, path: &str, outcome: &[(&str, &str)]) -> BTreeMap<String, String> {
    let mut span = fields(&[("method", method), ("operation", operation), ("path", path)]);
    span.extend(fields(outcome));
    span
}

/// The span's fields without `duration_ms`, after checking it is a number.
fn without_duration(span: &BTreeMap<String, String>) -> BTreeMap<String, String> {
    let mut span = span.clone();
    let duration = span.remove("duration_ms").expect("a duration");
    duration.parse::<u64>().unwrap_or_else(|_| panic!("duration_ms {duration} is not a number"));
    span
}

#[tokio::test]
async fn a_call_is_one_span_with_its_template_and_outcome() {
    let server = serve(ok_download(), ok_download()).await;
    let captured = capture(|| async {
        let created = client(&server, Auth::api_token(TOKEN))
            .create_download(ACCOUNT, VIDEO, DownloadType::Audio)
            .query("filter", QUERY_VALUE)
            .header("x-extra", HEADER_VALUE)
            .await
            .expect("created");
        assert_eq!(created.percent_complete, Some(100.0));
    })
    .await;

    // The request really carried every secret that must not be captured.
    let sent = &server.received_requests().await.expect("recording is on")[0];
    assert_eq!(sent.url.path(), format!("/accounts/{ACCOUNT}/stream/{VIDEO}/downloads/audio"));
    assert_eq!(sent.url.query(), Some(format!("filter={QUERY_VALUE}").as_str()));
    assert_eq!(sent.headers["authorization"].as_bytes(), format!("Bearer {TOKEN}").as_bytes());
    assert_eq!(sent.headers["x-extra"].as_bytes(), HEADER_VALUE.as_bytes());

    let requests = captured.requests();
    assert_eq!(requests.len(), 1, "{captured:?}");
    assert_eq!(
        without_duration(requests[0]),
        span_of("POST", "create_download", TEMPLATE, &[("attempt", "1"), ("status", "200")])
    );
    assert!(captured.events.iter().all(|e| e.level != Level::DEBUG), "no retry: {:?}", captured.events);
    assert_no_secret(&captured);
}

#[tokio::test]
async fn a_retry_is_a_debug_event_and_the_span_counts_attempts() {
    let unavailable = ResponseTemplate::new(503)
        .set_body_json(json!({"success": false, "errors": [{"code": 1, "message": "busy"}], "messages": []}))
        .insert_header("retry-after-ms", "20");
    let server = serve(unavailable, ok_download()).await;
    let captured = capture(|| async {
        client(&server, Auth::email_key(EMAIL, API_KEY))
            .create_download(ACCOUNT, VIDEO, DownloadType::Audio)
            .header("x-extra", HEADER_VALUE)
            .await
            .expect("created on the second attempt");
    })
    .await;

    let sent = server.received_requests().await.expect("recording is on");
    assert_eq!(sent.len(), 2);
    assert_eq!(sent[1].headers["x-auth-email"].as_bytes(), EMAIL.as_bytes());
    assert_eq!(sent[1].headers["x-auth-key"].as_bytes(), API_KEY.as_bytes());

    let requests = captured.requests();
    assert_eq!(requests.len(), 1, "one span for the whole call: {captured:?}");
    assert_eq!(
        without_duration(requests[0]),
        span_of("POST", "create_download", TEMPLATE, &[("attempt", "2"), ("status", "200")])
    );
    let duration: u64 = requests[0]["duration_ms"].parse().expect("a number");
    assert!(duration >= 20, "the call waited 20 ms for its retry, but took {duration} ms");

    let retries: Vec<&EventData> = captured.events.iter().filter(|e| e.level == Level::DEBUG).collect();
    assert_eq!(retries.len(), 1, "{:?}", captured.events);
    let span = captured.spans.iter().position(|s| s.name == "request");
    assert_eq!(retries[0].span, span, "the retry is logged inside the call's span");
    assert_eq!(
        retries[0].fields,
        fields(&[
            ("attempt", "1"),
            ("delay_ms", "20"),
            ("message", "retrying after status 503"),
            ("reason", "status"),
            ("status", "503"),
        ])
    );
    assert_no_secret(&captured);
}

#[tokio::test]
async fn a_failed_call_records_its_status_and_error_kind() {
    let not_found = ResponseTemplate::new(404)
        .set_body_json(json!({"success": false, "errors": [{"code": 10003, "message": "not found"}], "messages": []}));
    let server = serve(not_found.clone(), not_found).await;
    let captured = capture(|| async {
        let error = client(&server, Auth::api_token(TOKEN))
            .delete_download(ACCOUNT, VIDEO, DownloadType::Audio)
            .await
            .expect_err("not found");
        assert_eq!(error.status().map(|s| s.as_u16()), Some(404));
    })
    .await;
    let requests = captured.requests();
    assert_eq!(requests.len(), 1, "{captured:?}");
    assert_eq!(
        without_duration(requests[0]),
        span_of("DELETE", "delete_download", TEMPLATE, &[("attempt", "1"), ("status", "404"), ("error", "api")])
    );
    assert_no_secret(&captured);
}

#[tokio::test]
async fn every_page_of_a_list_is_a_span() {
    let page = |ids: &[u32]| {
        let result: Vec<Value> = ids.iter().map(|id| json!({ "id": id })).collect();
        ResponseTemplate::new(200)
            .set_body_json(json!({"success": true, "errors": [], "messages": [], "result": result}))
    };
    let server = serve(page(&[1, 2]), page(&[])).await;
    let captured = capture(|| async {
        let path = PathBuilder::new().literal("/accounts/").param("account_id", ACCOUNT).literal("/things");
        let first: Request<Envelope<Vec<Value>>> =
            Request::new(&client(&server, Auth::api_token(TOKEN)), Method::GET, "list_things", path)
                .query("name", QUERY_VALUE);
        let items: Vec<Value> =
            Pages::new(first, Paging::numbered(&["result"], "page")).try_collect().await.expect("two pages");
        assert_eq!(items.len(), 2);
    })
    .await;
    let requests = captured.requests();
    assert_eq!(requests.len(), 2, "one span per page: {captured:?}");
    for span in requests {
        assert_eq!(
            without_duration(span),
            span_of("GET", "list_things", "/accounts/{account_id}/things", &[("attempt", "1"), ("status", "200")])
        );
    }
    assert_no_secret(&captured);
}

/// A stream is one `stream` span besides its call's `request` span,
/// recording how many bytes and events were read, never what they held.
#[tokio::test]
async fn a_stream_is_one_span_with_its_bytes_and_events_never_their_content() {
    use streaming_fixture::types::{ChatRequest, Message};
    let server = MockServer::start().await;
    let chunk = |text: &str| json!({"id": "c", "choices": [{"index": 0, "delta": {"content": text}}]});
    let data = [chunk("secret-content-1"), chunk("secret-content-2")];
    let body_len: usize = data.iter().map(|d| format!("data: {d}\n\n").len()).sum();
    streaming_fixture::mock::create_chat_completion().events(&data).mount(&server).await;
    let captured = capture(|| async {
        let client = streaming_fixture::Client::builder()
            .base_url(server.uri())
            .auth(streaming_fixture::Auth::none())
            .build()
            .expect("valid client");
        let request = ChatRequest::new("m", vec![Message::new("user", "secret-prompt")]);
        let mut events = client.create_chat_completion_events(&request).await.expect("events");
        let mut count = 0;
        while events.try_next().await.expect("an event").is_some() {
            count += 1;
        }
        assert_eq!(count, 2);
    })
    .await;
    let streams: Vec<&SpanData> = captured.spans.iter().filter(|s| s.name == "stream").collect();
    assert_eq!(streams.len(), 1, "{:?}", captured.spans);
    let fields = &streams[0].fields;
    assert_eq!(fields.get("operation").map(String::as_str), Some("create_chat_completion"));
    assert_eq!(fields.get("events"), Some(&"2".to_owned()), "{fields:?}");
    assert_eq!(fields.get("bytes"), Some(&body_len.to_string()), "{fields:?}");
    assert_eq!(captured.requests().len(), 1);
    assert_no_secret(&captured);
}
