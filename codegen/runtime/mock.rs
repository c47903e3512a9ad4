//! Typed [wiremock] helpers for testing code that uses this client (the
//! `mock` feature).
//!
//! The crate's `mock` module has one function per operation returning a
//! [`Mock`] preset to the operation's method and path template; path
//! parameters match any single segment until [`Mock::path`] sets them. The
//! setters take the same types as the operation's method, and the values
//! are encoded by the same code that sends them, so a mock matches exactly
//! what the client sends. A responder such as [`Mock::ok`] finishes it as
//! a `wiremock::Mock`, to mount on a `wiremock::MockServer` whose
//! [`uri`](wiremock::MockServer::uri) is the client's base URL. A request
//! that no mock matches gets wiremock's `404`, which the client reports
//! as an error.

use std::marker::PhantomData;

use percent_encoding::utf8_percent_encode;
use reqwest::header::HeaderMap;
use reqwest::Method;
use serde::Serialize;
use wiremock::{Match, ResponseTemplate};

use crate::runtime::body::Payload;
use crate::runtime::path::COMPONENT;
use crate::runtime::{Auth, Binary, Client, Json, NoContent, PathBuilder, Request, Text};

/// An operation's request matcher under construction: `D` says what a
/// successful response holds, `P` is the path parameters (one value, or a
/// tuple of them in path order), `Q` the operation's `…Params` struct, `B`
/// its body ([`JsonBody`], [`FormBody`], [`TextBody`], [`BytesBody`]) and
/// `E` its declared error body.
#[must_use = "a mock does nothing until a responder finishes it and it is mounted"]
pub struct Mock<D, P = (), Q = (), B = (), E = Undeclared> {
    matcher: Matcher,
    params: Option<Encode<Q>>,
    types: PhantomData<fn(D, P, B, E)>,
}

/// How an operation adds its parameters `Q` to a request.
type Encode<Q> = fn(Request<NoContent>, &Q) -> Request<NoContent>;

/// The error body type of an operation that declares none: the typed
/// [`Mock::error`] responder is not available.
#[derive(Debug)]
pub enum Undeclared {}

impl<D, P, Q, B, E> Mock<D, P, Q, B, E> {
    /// A mock of the operation at `route`: its method and path template,
    /// e.g. `GET /zones/{zone_id}`; the route also names the mock in
    /// wiremock's reports.
    ///
    /// # Panics
    ///
    /// When `route` does not start with a method and a space.
    pub fn new(route: &'static str) -> Self {
        let (method, template) = route.split_once(' ').unwrap_or(("", route));
        let method = Method::from_bytes(method.as_bytes()).unwrap_or_else(|_| panic!("`{route}` is not a route"));
        let pieces = template
            .split('{')
            .enumerate()
            .flat_map(|(i, part)| {
                // Every part but the first starts with a parameter name.
                let (param, literal) = match part.split_once('}') {
                    Some((_, literal)) if i > 0 => (Some(Piece::Any), literal),
                    _ => (None, part),
                };
                param.into_iter().chain((!literal.is_empty()).then(|| Piece::Literal(literal.to_string())))
            })
            .collect();
        let matcher = Matcher { method, route, pieces, query: Vec::new(), headers: HeaderMap::new(), body: None };
        Self { matcher, params: None, types: PhantomData }
    }

    /// How the operation writes its query and header parameters (set by
    /// the generated function).
    pub fn encoded_by(mut self, encode: Encode<Q>) -> Self {
        self.params = Some(encode);
        self
    }

    /// Matches only these path parameter values: the arguments the
    /// operation's method takes before its parameters and body, as one
    /// value or a tuple in path order.
    ///
    /// # Panics
    ///
    /// When a value cannot be serialised.
    pub fn path(mut self, values: P) -> Self
    where
        P: Serialize,
    {
        let value = serde_json::to_value(values).unwrap_or_else(|e| panic!("{}: path values: {e}", self.name()));
        let params = self.matcher.pieces.iter().filter(|p| !matches!(p, Piece::Literal(_))).count();
        let values = match value {
            serde_json::Value::Array(values) if params > 1 => values,
            one => vec![one],
        };
        let mut values = values.iter();
        for piece in &mut self.matcher.pieces {
            if !matches!(piece, Piece::Literal(_)) {
                let text = values.next().map(json_text).unwrap_or_default();
                *piece = Piece::Exact(utf8_percent_encode(&text, COMPONENT).to_string());
            }
        }
        self
    }

    /// Matches only requests that carry these query and header parameters;
    /// an optional parameter that is `None` is not checked.
    ///
    /// # Panics
    ///
    /// When a parameter cannot be written, as sending it would fail.
    pub fn params(mut self, params: &Q) -> Self {
        if let Some(encode) = self.params {
            let (query, headers, _) = encoded(self.name(), |request| encode(request, params));
            self.matcher.query.extend(query);
            self.matcher.headers.extend(headers);
        }
        self
    }

    /// Matches only requests with this body (JSON bodies compare as JSON
    /// values, others byte for byte).
    ///
    /// # Panics
    ///
    /// When the body cannot be serialised, as sending it would fail.
    pub fn body(mut self, body: &B::Value) -> Self
    where
        B: MockBody,
    {
        let (_, _, bytes) = encoded(self.name(), |request| B::encode(request, body));
        self.matcher.body = Some(match B::JSON {
            true => Expected::Json(serde_json::from_slice(&bytes).unwrap_or_default()),
            false => Expected::Bytes(bytes),
        });
        self
    }

    //@ if envelopes
    /// Answers a successful call with `value`, wrapped as the API wraps
    /// this operation's result (for example in Cloudflare's envelope).
    //@ else
    /// Answers a successful call with `value`, as the API sends it.
    //@ end
    pub fn ok(self, value: &D::Value) -> wiremock::Mock
    where
        D: Respond,
    {
        self.respond_with(D::ok(value))
    }

    /// Answers with `status` and an error body of the type the operation
    /// declares, which the client returns as [`Error::Response`](crate::Error::Response).
    ///
    /// # Panics
    ///
    /// When `status` is not a valid HTTP status.
    pub fn error(self, status: u16, body: &E) -> wiremock::Mock
    where
        E: Serialize,
    {
        self.respond_with(ResponseTemplate::new(status).set_body_json(body))
    }

    //@ if events
    /// Answers a call of the operation's `…_events` method with one
    /// server-sent event per item of `data`, each written as JSON (the body
    /// then ends, as a finished stream does).
    ///
    /// # Panics
    ///
    /// When an item cannot be serialised.
    pub fn events<T: Serialize>(self, data: &[T]) -> wiremock::Mock {
        let mut body = String::new();
        for item in data {
            let json = serde_json::to_string(item).unwrap_or_else(|e| panic!("{}: event data: {e}", self.name()));
            body.push_str(&format!("data: {json}\n\n"));
        }
        self.respond_with(ResponseTemplate::new(200).set_body_raw(body.into_bytes(), "text/event-stream"))
    }

    //@ end
    /// Answers with `status` and no body.
    pub fn status(self, status: u16) -> wiremock::Mock {
        self.respond_with(ResponseTemplate::new(status))
    }

    /// Answers with any response.
    pub fn respond_with(self, response: ResponseTemplate) -> wiremock::Mock {
        let name = self.name();
        self.given().respond_with(response).named(name)
    }

    /// The matcher as a `wiremock::MockBuilder`, to add matchers of your own.
    pub fn given(self) -> wiremock::MockBuilder {
        wiremock::Mock::given(self.matcher)
    }

    fn name(&self) -> &'static str {
        self.matcher.route
    }
}

/// How a successful response of one kind is written, for [`Mock::ok`].
pub trait Respond {
    /// What [`Mock::ok`] takes: the operation's result.
    type Value: ?Sized;

    /// The response for a successful call that returns `value`.
    fn ok(value: &Self::Value) -> ResponseTemplate;
}

impl<T: Serialize> Respond for Json<T> {
    type Value = T;

    fn ok(value: &T) -> ResponseTemplate {
        ResponseTemplate::new(200).set_body_json(value)
    }
}

impl Respond for NoContent {
    type Value = ();

    fn ok(_: &()) -> ResponseTemplate {
        ResponseTemplate::new(204)
    }
}

impl Respond for Text {
    type Value = str;

    fn ok(value: &str) -> ResponseTemplate {
        ResponseTemplate::new(200).set_body_raw(value.as_bytes().to_vec(), "text/plain; charset=utf-8")
    }
}

impl Respond for Binary {
    type Value = [u8];

    fn ok(value: &[u8]) -> ResponseTemplate {
        ResponseTemplate::new(200).set_body_raw(value.to_vec(), "application/octet-stream")
    }
}

/// How an operation's request body is written, for [`Mock::body`].
pub trait MockBody {
    /// What [`Mock::body`] takes.
    type Value: ?Sized;
    /// Whether bodies compare as JSON values.
    const JSON: bool = false;

    /// Adds `value` as the body, as the operation sends it.
    fn encode(request: Request<NoContent>, value: &Self::Value) -> Request<NoContent>;
}

/// A JSON request body of type `T`.
pub struct JsonBody<T>(PhantomData<fn(T)>);
/// A form (`application/x-www-form-urlencoded`) request body of type `T`.
pub struct FormBody<T>(PhantomData<fn(T)>);
/// A text request body.
pub struct TextBody;
/// A request body of raw bytes.
pub struct BytesBody;

impl<T: Serialize> MockBody for JsonBody<T> {
    type Value = T;
    const JSON: bool = true;

    fn encode(request: Request<NoContent>, value: &T) -> Request<NoContent> {
        request.json_body(value)
    }
}

impl<T: Serialize> MockBody for FormBody<T> {
    type Value = T;

    fn encode(request: Request<NoContent>, value: &T) -> Request<NoContent> {
        request.form_body(value)
    }
}

impl MockBody for TextBody {
    type Value = str;

    fn encode(request: Request<NoContent>, value: &str) -> Request<NoContent> {
        request.text_body(value.to_string(), "text/plain")
    }
}

impl MockBody for BytesBody {
    type Value = [u8];

    fn encode(request: Request<NoContent>, value: &[u8]) -> Request<NoContent> {
        request.bytes_body(value.to_vec(), "application/octet-stream")
    }
}

/// The query pairs, headers and body bytes `build` gives a request, made
/// by the runtime's own request code so they match what the client sends.
fn encoded(
    operation: &'static str,
    build: impl FnOnce(Request<NoContent>) -> Request<NoContent>,
) -> (Vec<String>, HeaderMap, Vec<u8>) {
    let client = Client::new(Auth::none());
    let request = build(Request::of(&client, Method::GET, PathBuilder::new()));
    let (query, headers, body, invalid) = request.into_mock_parts();
    if let Some(reason) = invalid {
        panic!("{operation}: {reason}");
    }
    let body = match body {
        Payload::Bytes { content, content_type: _ } => content.as_bytes().map(|b| b.to_vec()).unwrap_or_default(),
        Payload::Empty | Payload::Multipart(_) => Vec::new(),
    };
    (query, headers, body)
}

/// Writes a value as JSON text, a JSON string without quotes: the text
/// form the client sends for path and query values.
pub(crate) fn json_text<T: Serialize + ?Sized>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(text)) => text,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

/// A piece of the path template.
#[derive(Debug)]
enum Piece {
    /// Text that must be there.
    Literal(String),
    /// A parameter that matches any one non-empty segment.
    Any,
    /// A parameter with this percent-encoded value.
    Exact(String),
}

#[derive(Debug)]
enum Expected {
    Json(serde_json::Value),
    Bytes(Vec<u8>),
}

/// What one [`Mock`] compares a received request with.
#[derive(Debug)]
struct Matcher {
    method: Method,
    route: &'static str,
    pieces: Vec<Piece>,
    /// Percent-encoded `name=value` pairs, each of which must be sent.
    query: Vec<String>,
    headers: HeaderMap,
    body: Option<Expected>,
}

impl Match for Matcher {
    fn matches(&self, request: &wiremock::Request) -> bool {
        let sent: Vec<&str> = request.url.query().unwrap_or_default().split('&').collect();
        let header = |name: &str, value: &[u8]| request.headers.get_all(name).iter().any(|v| v.as_bytes() == value);
        request.method.as_str() == self.method.as_str()
            && path_matches(&self.pieces, request.url.path())
            && self.query.iter().all(|pair| sent.contains(&pair.as_str()))
            && self.headers.iter().all(|(name, value)| header(name.as_str(), value.as_bytes()))
            && match &self.body {
                None => true,
                Some(Expected::Json(value)) => serde_json::from_slice::<serde_json::Value>(&request.body).ok().as_ref() == Some(value),
                Some(Expected::Bytes(bytes)) => request.body == *bytes,
            }
    }
}

fn path_matches(pieces: &[Piece], path: &str) -> bool {
    match pieces.split_first() {
        None => path.is_empty(),
        Some((Piece::Literal(text) | Piece::Exact(text), rest)) => {
            path.strip_prefix(text.as_str()).is_some_and(|path| path_matches(rest, path))
        }
        Some((Piece::Any, rest)) => {
            let segment = path.find('/').unwrap_or(path.len());
            (1..=segment).any(|end| path.is_char_boundary(end) && path_matches(rest, &path[end..]))
        }
    }
}
