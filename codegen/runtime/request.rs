//! One call of an operation: built by generated code, tuned and sent by
//! the user.

use std::fmt::{self, Display};
use std::future::{Future, IntoFuture};
use std::marker::PhantomData;
use std::pin::Pin;
use std::time::Duration;

use percent_encoding::{percent_decode_str, utf8_percent_encode};
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use reqwest::Method;
use serde::Serialize;

use crate::runtime::auth::Requirement;
use crate::runtime::body::Payload;
use crate::runtime::error_body::ErrorBodies;
use crate::runtime::path::{written, Written, COMPONENT};
//@ if streams
use crate::runtime::stream::Opened;
//@ end
use crate::runtime::transport::{self, Prepared, Received};
use crate::runtime::{Body, Client, Decode, Error, Multipart, PathBuilder, RawResponse};

/// A call of one operation, ready to send.
///
/// `.await` it (or call [`send`](Self::send)) for the decoded result, or
/// [`send_raw`](Self::send_raw) for the status, headers and whole body.
/// Before sending, [`max_retries`](Self::max_retries),
/// [`timeout`](Self::timeout) and [`header`](Self::header) override the
/// client's settings for this call only.
///
/// Mistakes in building the call (an empty path parameter, a value not
/// allowed in a header, a body that cannot be serialised) are reported as
/// [`Error::InvalidRequest`] when it is sent, before any network I/O.
// No `D: Decode` bound here nor on the building methods, only where a call
// is sent: a bound on the struct is one more obligation for the compiler at
// every step of every generated method (27 MB of `cargo check`'s memory for the
// largest API of the corpus), and building a call does not decode anything.
#[must_use = "a request does nothing until it is sent or awaited"]
pub struct Request<D> {
    /// Boxed, so that each step of building moves a pointer.
    call: Box<Call>,
    decode: PhantomData<fn() -> D>,
}

/// Everything about a call but how its answer is decoded. What `Request`
/// does is done here, in functions compiled once: as methods of the generic
/// `Request<D>` they would be compiled again for each response type, and a
/// large API has thousands.
#[derive(Clone)]
struct Call {
    client: Client,
    method: Method,
    operation: &'static str,
    path: PathBuilder,
    /// Already percent-encoded `name=value` pairs.
    query: Vec<String>,
    headers: HeaderMap,
    body: Payload,
    max_retries: Option<u32>,
    timeout: Option<Duration>,
    /// The first mistake made while building, reported when sent.
    invalid: Option<String>,
    /// The credentials the operation accepts (`None`: the spec states none).
    security: Option<Requirement>,
    /// The error bodies the spec declares, by status.
    error_bodies: ErrorBodies,
}

impl<D> Request<D> {
    /// Starts a call of `operation` (its `operationId`, used in errors).
    pub fn new(client: &Client, method: Method, operation: &'static str, path: PathBuilder) -> Self {
        Self::of(client, method, path).operation(operation)
    }

    /// Starts a call; [`operation`](Self::operation) names it. Generated
    /// methods use this form: with the (often long) name in a call of its
    /// own, the chain stays one step per line.
    pub fn of(client: &Client, method: Method, path: PathBuilder) -> Self {
        Self { call: Box::new(Call::new(client, method, path)), decode: PhantomData }
    }

    /// Names the operation (its `operationId`) in errors and logs.
    pub fn operation(mut self, operation: &'static str) -> Self {
        self.call.operation = operation;
        self
    }

    /// Sets the credentials the operation accepts when they differ from
    /// the API's (`&[]`: none).
    #[allow(dead_code)] // Only specs with per-operation `security` use it.
    pub(crate) fn security(mut self, requirement: Requirement) -> Self {
        self.call.security = Some(requirement);
        self
    }

    /// Decodes error responses into the types the spec declares for them.
    #[allow(dead_code)] // Only specs that declare error bodies use it.
    pub(crate) fn error_bodies(mut self, bodies: ErrorBodies) -> Self {
        self.call.error_bodies = bodies;
        self
    }

    /// Adds the query parameter `name=value`, percent-encoded.
    pub fn query(mut self, name: &'static str, value: impl Display) -> Self {
        self.call.query(name, &value);
        self
    }

    /// [`query`](Self::query) when `value` is `Some`: an optional parameter
    /// that is not set is not sent.
    pub fn query_opt(self, name: &'static str, value: Option<impl Display>) -> Self {
        match value {
            Some(value) => self.query(name, value),
            None => self,
        }
    }

    /// Adds an array query parameter: `name=a&name=b` without a separator,
    /// otherwise one `name=a<separator>b` (`","`, `" "` or `"|"`, as the
    /// parameter's OpenAPI `style` says). An empty array adds nothing.
    pub fn query_array<V: Display>(
        mut self,
        name: &'static str,
        values: impl IntoIterator<Item = V>,
        separator: Option<&'static str>,
    ) -> Self {
        self.call.query_array(name, &texts(values), separator);
        self
    }

    /// [`query_array`](Self::query_array) when `values` is `Some`.
    pub fn query_array_opt<V: Display>(
        self,
        name: &'static str,
        values: Option<impl IntoIterator<Item = V>>,
        separator: Option<&'static str>,
    ) -> Self {
        match values {
            Some(values) => self.query_array(name, values, separator),
            None => self,
        }
    }

    /// Sets a header parameter defined by the operation.
    pub fn header_param(mut self, name: &'static str, value: impl Display) -> Self {
        self.call.header(name, &value.to_string());
        self
    }

    /// [`header_param`](Self::header_param) when `value` is `Some`.
    pub fn header_param_opt(self, name: &'static str, value: Option<impl Display>) -> Self {
        match value {
            Some(value) => self.header_param(name, value),
            None => self,
        }
    }

    /// Sets a header parameter whose value is a list, in OpenAPI's `simple`
    /// style: the values joined by commas.
    pub fn header_list<V: Display>(mut self, name: &'static str, values: impl IntoIterator<Item = V>) -> Self {
        self.call.header(name, &texts(values).join(","));
        self
    }

    /// [`header_list`](Self::header_list) when `values` is `Some`.
    pub fn header_list_opt<V: Display>(
        self,
        name: &'static str,
        values: Option<impl IntoIterator<Item = V>>,
    ) -> Self {
        match values {
            Some(values) => self.header_list(name, values),
            None => self,
        }
    }

    /// Sets a header parameter whose value is an object, in OpenAPI's
    /// `simple` style: `key,value,key,value`, or `key=value,key=value` when
    /// `explode`. A value that is not an object is sent as JSON text (a
    /// string as itself).
    pub fn header_object(mut self, name: &'static str, value: &impl Serialize, explode: bool) -> Self {
        let written = written(value);
        self.call.header_object(name, written, explode);
        self
    }

    /// [`header_object`](Self::header_object) when `value` is `Some`.
    pub fn header_object_opt(self, name: &'static str, value: Option<&impl Serialize>, explode: bool) -> Self {
        match value {
            Some(value) => self.header_object(name, value, explode),
            None => self,
        }
    }

    /// Sets an extra header for this call only, replacing any header of the
    /// same name the client would send (including credentials). Its value
    /// is treated as sensitive.
    pub fn header(mut self, name: impl AsRef<str>, value: impl AsRef<str>) -> Self {
        self.call.header(name.as_ref(), value.as_ref());
        self
    }

    /// Sends `body` as JSON.
    pub fn json_body(mut self, body: &impl Serialize) -> Self {
        let json = serde_json::to_vec(body);
        self.call.json_body(json);
        self
    }

    /// Sends `body` as `application/x-www-form-urlencoded`.
    pub fn form_body(mut self, body: &impl Serialize) -> Self {
        let form = serde_urlencoded::to_string(body);
        self.call.form_body(form);
        self
    }

    /// Sends `body` as text with the given content type.
    pub fn text_body(mut self, body: String, content_type: &'static str) -> Self {
        self.call.set_body(Payload::bytes(body, content_type));
        self
    }

    /// Sends `body` with the given content type: bytes in memory (e.g. a
    /// `Vec<u8>`), or a file or stream read while it is sent.
    //@ if uploads
    ///
    /// A streamed body is sent once: after its first chunk is read, the
    /// call is not retried (see [`Body`]).
    //@ end
    pub fn bytes_body(mut self, body: impl Into<Body>, content_type: &'static str) -> Self {
        let body = Payload::bytes(body, content_type);
        self.call.set_body(body);
        self
    }

    /// Sends a `multipart/form-data` body.
    pub fn multipart_body(mut self, body: Multipart) -> Self {
        self.call.body = Payload::Multipart(body);
        self
    }

    /// Retries this call at most `max_retries` times (0 disables retries).
    pub fn max_retries(mut self, max_retries: u32) -> Self {
        self.call.max_retries = Some(max_retries);
        self
    }

    /// Limits each attempt of this call to `timeout`.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.call.timeout = Some(timeout);
        self
    }
}

impl<D: Decode> Request<D> {
    //@ if envelopes
    /// Sends the call and returns the decoded output, e.g. an envelope's
    /// `result`.
    //@ else
    /// Sends the call and returns the decoded output.
    //@ end
    ///
    /// # Errors
    ///
    /// Any [`Error`]; see its variants.
    pub async fn send(self) -> Result<D::Output, Error> {
        self.send_raw().await.map(|raw| D::output(raw.into_body()))
    }

    //@ if envelopes
    /// Sends the call and returns the status, headers and whole decoded
    /// body (for enveloped operations the envelope with `messages`).
    //@ else
    /// Sends the call and returns the status, headers and decoded body.
    //@ end
    ///
    /// # Errors
    ///
    /// Any [`Error`]; see its variants.
    pub async fn send_raw(self) -> Result<RawResponse<D::Raw>, Error> {
        #[cfg(feature = "tracing")]
        let span = self.call.span();
        let sent = self.exchange();
        #[cfg(feature = "tracing")]
        let sent = crate::runtime::trace::within(span, sent);
        sent.await
    }

    /// Sends the call: what [`send_raw`](Self::send_raw) does, outside any span.
    async fn exchange(self) -> Result<RawResponse<D::Raw>, Error> {
        let operation = self.call.operation;
        let received = self.call.receive(D::ACCEPT, false).await?;
        let raw = D::decode(operation, received.status, &received.headers, received.body)?;
        Ok(RawResponse::new(received.status, received.headers, raw))
    }

    //@ if streams
    /// Sends the call and returns its successful response as soon as the
    /// head arrives, the body unread, for a stream to read (`stream.rs`).
    /// The call's span covers the exchange up to there.
    pub(crate) async fn open(self) -> Result<Opened, Error> {
        self.call.open(D::ACCEPT).await
    }

    //@ end
}

impl Call {
    fn new(client: &Client, method: Method, path: PathBuilder) -> Self {
        Self {
            client: client.clone(),
            method,
            operation: "",
            path,
            query: Vec::new(),
            headers: HeaderMap::new(),
            body: Payload::Empty,
            max_retries: None,
            timeout: None,
            invalid: None,
            security: crate::auth::SECURITY,
            error_bodies: &[],
        }
    }

    fn query(&mut self, name: &str, value: &dyn Display) {
        self.query.push(format!("{}={}", encode(name), encode(&value.to_string())));
    }

    fn query_array(&mut self, name: &str, values: &[String], separator: Option<&str>) {
        if values.is_empty() {
            return;
        }
        let values: Vec<String> = values.iter().map(|v| encode(v)).collect();
        match separator {
            None => {
                let name = encode(name);
                self.query.extend(values.iter().map(|v| format!("{name}={v}")));
            }
            Some(separator) => {
                // Separators inside values are encoded, so a literal one only
                // ever separates elements; a space must be encoded itself.
                let separator = if separator == " " { "%20" } else { separator };
                self.query.push(format!("{}={}", encode(name), values.join(separator)));
            }
        }
    }

    fn header_object(&mut self, name: &str, written: Result<Written, serde_json::Error>, explode: bool) {
        let text = match written {
            Ok(Written::Pairs(fields)) => {
                let pairs: Vec<String> =
                    fields.iter().map(|(k, v)| if explode { format!("{k}={v}") } else { format!("{k},{v}") }).collect();
                pairs.join(",")
            }
            Ok(Written::One(text)) => text,
            Ok(Written::List(values)) => values.join(","),
            Err(e) => return self.fail(format!("header `{name}` cannot be serialised: {e}")),
        };
        self.header(name, &text);
    }

    fn header(&mut self, name: &str, value: &str) {
        let parsed = HeaderName::from_bytes(name.as_bytes())
            .map_err(|_| format!("`{name}` is not a valid HTTP header name"))
            .and_then(|header_name| {
                let mut header_value = HeaderValue::from_str(value)
                    .map_err(|_| format!("the value of header `{name}` contains characters not allowed in HTTP"))?;
                header_value.set_sensitive(true);
                Ok((header_name, header_value))
            });
        match parsed {
            Ok((header_name, header_value)) => {
                self.headers.insert(header_name, header_value);
            }
            Err(reason) => self.fail(reason),
        }
    }

    fn json_body(&mut self, json: Result<Vec<u8>, serde_json::Error>) {
        let body = json
            .map_err(|e| format!("the JSON body could not be serialised: {e}"))
            .and_then(|json| Payload::bytes(json, "application/json"));
        self.set_body(body);
    }

    fn form_body(&mut self, form: Result<String, serde_urlencoded::ser::Error>) {
        let body = form
            .map_err(|e| format!("the form body could not be serialised: {e}"))
            .and_then(|form| Payload::bytes(form, "application/x-www-form-urlencoded"));
        self.set_body(body);
    }

    fn fail(&mut self, reason: String) {
        self.invalid.get_or_insert(reason);
    }

    fn set_body(&mut self, body: Result<Payload, String>) {
        match body {
            Ok(body) => self.body = body,
            Err(reason) => self.fail(reason),
        }
    }

    #[cfg(feature = "tracing")]
    fn span(&self) -> tracing::Span {
        crate::runtime::trace::span(self.operation, &self.method, self.path.template())
    }

    /// Sends the call and returns its successful response (with `open`, as
    /// soon as its head arrives, the body unread); an error status is the
    /// call's error.
    async fn receive(self, accept: &'static str, open: bool) -> Result<Received, Error> {
        let operation = self.operation;
        let error_bodies = self.error_bodies;
        let client = self.client.clone();
        let prepared = self.prepare(accept)?;
        let received = transport::execute(&client, &prepared, open).await?;
        if !received.status.is_success() {
            return Err(Error::from_error_response(
                operation,
                received.status,
                received.headers,
                &received.body,
                error_bodies,
            ));
        }
        Ok(received)
    }

    //@ if streams
    /// [`Request::open`].
    async fn open(self, accept: &'static str) -> Result<Opened, Error> {
        let operation = self.operation;
        //@ if events
        let error_bodies = self.error_bodies;
        //@ end
        #[cfg(feature = "tracing")]
        let span = self.span();
        let received = self.receive(accept, true);
        #[cfg(feature = "tracing")]
        let received = crate::runtime::trace::within(span, received);
        let Received { status, headers, body, open } = received.await?;
        Ok(Opened {
            operation,
            //@ if events
            error_bodies,
            //@ end
            status,
            headers,
            response: open,
            body,
        })
    }

    //@ end
    /// Checks the call and resolves everything that stays the same across
    /// attempts; `accept` is what the decoder reads.
    fn prepare(self, accept: &'static str) -> Result<Prepared, Error> {
        let operation = self.operation;
        let invalid = |reason: String| Error::InvalidRequest { operation, reason };
        if let Some(reason) = self.invalid {
            return Err(invalid(reason));
        }
        let path = self.path.finish(operation)?;
        let inner = self.client.inner();
        let mut url = reqwest::Url::parse(&format!("{}{path}", inner.base_url))
            .map_err(|e| invalid(format!("the request URL is invalid: {e}")))?;
        #[cfg(not(any(feature = "rustls", feature = "native-tls")))]
        if url.scheme() == "https" {
            return Err(Error::Config {
                reason: "this crate was built without TLS: enable its `rustls` or `native-tls` feature".to_owned(),
            });
        }
        let auth = inner.auth.apply(self.security).map_err(|reason| Error::Config { reason })?;
        let mut query = self.query;
        query.extend(auth.query.iter().map(|(name, value)| format!("{}={}", encode(name), encode(value))));
        if !query.is_empty() {
            url.set_query(Some(&query.join("&")));
        }

        // Later sources win: fixed headers, credentials, the client's
        // defaults, then this call's own.
        let mut headers = HeaderMap::new();
        headers.insert(reqwest::header::USER_AGENT, HeaderValue::from_static(crate::USER_AGENT));
        headers.insert(reqwest::header::ACCEPT, HeaderValue::from_static(accept));
        overlay(&mut headers, &auth.headers);
        overlay(&mut headers, &inner.default_headers);
        overlay(&mut headers, &self.headers);

        Ok(Prepared {
            operation,
            method: self.method,
            url,
            headers,
            body: self.body,
            max_retries: self.max_retries.unwrap_or(inner.max_retries),
            timeout: self.timeout.unwrap_or(inner.timeout),
            secret_in_url: !auth.query.is_empty(),
        })
    }

    /// The (last) value of the query parameter `name`, decoded.
    fn query_value(&self, name: &str) -> Option<String> {
        let prefix = format!("{}=", encode(name));
        let value = self.query.iter().rev().find_map(|pair| pair.strip_prefix(&prefix))?;
        Some(percent_decode_str(value).decode_utf8_lossy().into_owned())
    }

    /// Sets the query parameter `name` to `value`: in place of its first
    /// occurrence (so the query keeps its order) or else last.
    fn set_query(&mut self, name: &str, value: &str) {
        let prefix = format!("{}=", encode(name));
        let pair = format!("{prefix}{}", encode(value));
        let mut replaced = false;
        self.query.retain_mut(|p| match p.starts_with(&prefix) {
            false => true,
            true if replaced => false,
            true => {
                p.clone_from(&pair);
                replaced = true;
                true
            }
        });
        if !replaced {
            self.query.push(pair);
        }
    }

    /// Drops every query parameter whose (decoded) name `keep` rejects.
    fn retain_query(&mut self, keep: &dyn Fn(&str) -> bool) {
        self.query.retain(|pair| {
            let name = pair.split_once('=').map_or(pair.as_str(), |(name, _)| name);
            keep(&percent_decode_str(name).decode_utf8_lossy())
        });
    }
}

/// What paging needs: the same call again with its decoder or paging
/// query parameter changed (see `pages.rs`).
impl<D> Request<D> {
    /// The operation's name, for errors.
    pub(crate) fn operation_name(&self) -> &'static str {
        self.call.operation
    }

    /// This call, decoding its response with `D2` instead.
    pub(crate) fn decode_as<D2: Decode>(self) -> Request<D2> {
        Request { call: self.call, decode: PhantomData }
    }

    /// The (last) value of the query parameter `name`, decoded.
    pub(crate) fn query_value(&self, name: &str) -> Option<String> {
        self.call.query_value(name)
    }

    /// Sets the query parameter `name` to `value`: in place of its first
    /// occurrence (so the query keeps its order) or else last.
    pub(crate) fn set_query(&mut self, name: &str, value: &str) {
        self.call.set_query(name, value);
    }

    /// Drops every query parameter whose (decoded) name `keep` rejects.
    pub(crate) fn retain_query(&mut self, keep: impl Fn(&str) -> bool) {
        self.call.retain_query(&keep);
    }
}

/// What the `mock` feature compares received requests with: the query
/// pairs, headers and body this call would send, and its first mistake.
#[cfg(feature = "mock")]
impl<D> Request<D> {
    pub(crate) fn into_mock_parts(self) -> (Vec<String>, HeaderMap, Payload, Option<String>) {
        let Call { query, headers, body, invalid, .. } = *self.call;
        (query, headers, body, invalid)
    }
}

// By hand: a derive would require `D: Clone`, and `D` is only a marker.
impl<D> Clone for Request<D> {
    fn clone(&self) -> Self {
        Self { call: self.call.clone(), decode: PhantomData }
    }
}

impl<D: Decode> IntoFuture for Request<D> {
    type Output = Result<D::Output, Error>;
    type IntoFuture = Pin<Box<dyn Future<Output = Self::Output> + Send>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}

impl<D> fmt::Debug for Request<D> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.call.fmt(f)
    }
}

impl fmt::Debug for Call {
    // Header values may be secrets and bodies large, so only names are shown.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let header_names: Vec<&str> = self.headers.keys().map(HeaderName::as_str).collect();
        f.debug_struct("Request")
            .field("operation", &self.operation)
            .field("method", &self.method)
            .field("path", &self.path)
            .field("query", &self.query)
            .field("headers", &header_names)
            .field("max_retries", &self.max_retries)
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

/// Each value as text. A function of its own, so that it is compiled once
/// per kind of list, not once per list and response type.
fn texts<V: Display>(values: impl IntoIterator<Item = V>) -> Vec<String> {
    values.into_iter().map(|v| v.to_string()).collect()
}

/// Copies every header of `source` into `target`, replacing the values
/// `target` had under those names.
fn overlay(target: &mut HeaderMap, source: &HeaderMap) {
    for name in source.keys() {
        target.remove(name);
    }
    for (name, value) in source {
        target.append(name.clone(), value.clone());
    }
}

fn encode(text: &str) -> String {
    utf8_percent_encode(text, COMPONENT).to_string()
}
