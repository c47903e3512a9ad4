//@ note The whole file is for APIs with `events`: without, it is not written.
//@ if events
//! Server-sent events (`text/event-stream`), typed: each event's `data`
//! decoded as the type the spec declares for the stream.
//!
//! The parser follows the WHATWG HTML standard's "interpreting an event
//! stream": lines end in CR LF, LF or CR; a leading UTF-8 byte order mark
//! is skipped; `:` starts a comment; `data` lines accumulate with `\n`
//! between them; a blank line dispatches the event (none when it has no
//! data); `id` persists across events; `retry` is kept only when it is
//! all ASCII digits. Events may be split across chunks anywhere, even
//! inside a CR LF pair. An event left unterminated at the end of the
//! stream is dropped, as the standard says.
//!
//! The stream ends at the end of the body, or at an event whose data is
//! `[DONE]` (OpenAI's sentinel). An event named `error` is returned as an
//! error: [`Error::Response`] when its data is one of the error bodies the
//! operation declares, else [`Error::Http`] quoting it.

use std::collections::VecDeque;
use std::fmt;
use std::future::{Future, IntoFuture};
use std::pin::Pin;
use std::task::{ready, Context, Poll};
use std::time::Duration;

use futures_core::Stream;
use reqwest::header::HeaderMap;
use reqwest::StatusCode;
use serde::de::DeserializeOwned;

use crate::runtime::decode::from_json;
use crate::runtime::error::excerpt;
use crate::runtime::error_body::{ErrorBodies, ErrorResponse};
use crate::runtime::stream::Chunks;
use crate::runtime::{Binary, Decode, Error, Request};

/// How an event's data becomes a `T`.
type DecodeData<T> = fn(&'static str, StatusCode, &str) -> Result<T, Error>;

/// One server-sent event.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Event<T> {
    /// The event's type: its `event` field, `message` when it has none.
    pub event: String,
    /// The last event ID the stream set (it persists across events), if any.
    pub id: Option<String>,
    /// The reconnection time the event asked for, if it did.
    pub retry: Option<Duration>,
    /// The event's data, decoded.
    pub data: T,
}

/// The call of an operation's event stream, ready to send: `.await` it
/// (or call [`send`](Self::send)) for the [`Events`].
///
/// It sends `Accept: text/event-stream`. Like [`Request`],
/// [`max_retries`](Self::max_retries), [`timeout`](Self::timeout) and
/// [`header`](Self::header) override the client's settings for this call;
/// they apply until the response's head arrives.
#[must_use = "a request does nothing until it is sent or awaited"]
pub struct EventsRequest<T> {
    request: Request<Binary>,
    decode: DecodeData<T>,
}

impl<T: DeserializeOwned + Send + 'static> EventsRequest<T> {
    /// The event stream of `request`'s operation, each event's data read
    /// as JSON.
    pub fn json<D: Decode>(request: Request<D>) -> Self {
        Self::new(request, decode_json::<T>)
    }
}

impl EventsRequest<String> {
    /// The event stream of `request`'s operation, each event's data as text.
    pub fn text<D: Decode>(request: Request<D>) -> Self {
        Self::new(request, |_, _, data| Ok(data.to_owned()))
    }
}

impl<T: Send + 'static> EventsRequest<T> {
    fn new<D: Decode>(request: Request<D>, decode: DecodeData<T>) -> Self {
        let request = request.decode_as::<Binary>().header("accept", "text/event-stream");
        Self { request, decode }
    }

    /// Retries this call at most `max_retries` times (0 disables retries).
    pub fn max_retries(self, max_retries: u32) -> Self {
        Self { request: self.request.max_retries(max_retries), ..self }
    }

    /// Limits each attempt of this call, up to the response's head, to `timeout`.
    pub fn timeout(self, timeout: Duration) -> Self {
        Self { request: self.request.timeout(timeout), ..self }
    }

    /// Sets an extra header for this call only (see [`Request::header`]).
    pub fn header(self, name: impl AsRef<str>, value: impl AsRef<str>) -> Self {
        Self { request: self.request.header(name, value), ..self }
    }

    /// Sends the call and returns its events once the response's head has
    /// arrived.
    ///
    /// # Errors
    ///
    /// What [`Request::send`] returns for the exchange up to the head.
    pub async fn send(self) -> Result<Events<T>, Error> {
        let opened = self.request.open().await?;
        Ok(Events {
            operation: opened.operation,
            status: opened.status,
            headers: opened.headers.clone(),
            error_bodies: opened.error_bodies,
            decode: self.decode,
            chunks: Chunks::new(opened),
            parser: Parser::default(),
            ready: VecDeque::new(),
            done: false,
            count: 0,
        })
    }
}

impl<T: Send + 'static> IntoFuture for EventsRequest<T> {
    type Output = Result<Events<T>, Error>;
    type IntoFuture = Pin<Box<dyn Future<Output = Self::Output> + Send>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}

impl<T> fmt::Debug for EventsRequest<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EventsRequest").field("request", &self.request).finish_non_exhaustive()
    }
}

/// An operation's server-sent events, read as they arrive.
///
/// It is a [`Stream`] of [`Event`]s, and [`try_next`](Self::try_next)
/// reads one without any stream extension trait. An event whose data is
/// not a `T` is an [`Error::Decode`] naming the failing field; reading on
/// continues with the next event. Dropping it closes the connection.
pub struct Events<T> {
    operation: &'static str,
    status: StatusCode,
    headers: HeaderMap,
    error_bodies: ErrorBodies,
    decode: DecodeData<T>,
    chunks: Chunks,
    parser: Parser,
    ready: VecDeque<RawEvent>,
    done: bool,
    count: u64,
}

impl<T> Events<T> {
    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The next event; `None` at the end of the stream or at `[DONE]`.
    ///
    /// # Errors
    ///
    /// [`Error::Decode`] for an event whose data is not a `T`,
    /// [`Error::Response`] or [`Error::Http`] for an `error` event, and
    /// [`Error::Connection`] when the connection fails mid-stream (which
    /// ends it).
    pub async fn try_next(&mut self) -> Result<Option<Event<T>>, Error> {
        std::future::poll_fn(|cx| self.poll_event(cx)).await.transpose()
    }

    fn poll_event(&mut self, cx: &mut Context<'_>) -> Poll<Option<Result<Event<T>, Error>>> {
        loop {
            if let Some(raw) = self.ready.pop_front() {
                if raw.data.trim() == "[DONE]" {
                    self.finish();
                    return Poll::Ready(None);
                }
                self.count += 1;
                return Poll::Ready(Some(self.event(raw)));
            }
            if self.done {
                return Poll::Ready(None);
            }
            match ready!(Pin::new(&mut self.chunks).poll_next(cx)) {
                Some(Ok(chunk)) => self.parser.feed(&chunk, &mut self.ready),
                Some(Err(error)) => {
                    self.finish();
                    return Poll::Ready(Some(Err(error)));
                }
                None => self.finish(),
            }
        }
    }

    /// Stops reading: later polls return `None`.
    fn finish(&mut self) {
        self.done = true;
        self.ready.clear();
    }

    fn event(&self, raw: RawEvent) -> Result<Event<T>, Error> {
        let RawEvent { event, data, id, retry } = raw;
        if event == "error" {
            return Err(self.error_event(&data));
        }
        let data = (self.decode)(self.operation, self.status, &data)?;
        Ok(Event { event: if event.is_empty() { "message".to_owned() } else { event }, id, retry, data })
    }

    /// An `error` event as an error: its data as the first declared error
    /// body it decodes as, else quoted.
    fn error_event(&self, data: &str) -> Error {
        let (operation, status) = (self.operation, self.status);
        let headers = self.headers.clone();
        match self.error_bodies.iter().find_map(|(_, decode)| decode(data.as_bytes())) {
            Some(body) => Error::Response(Box::new(ErrorResponse {
                operation,
                status,
                headers,
                body,
                excerpt: excerpt(data.as_bytes()),
            })),
            None => Error::Http { operation, status, headers: Box::new(headers), body_excerpt: excerpt(data.as_bytes()) },
        }
    }
}

impl<T> Stream for Events<T> {
    type Item = Result<Event<T>, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.poll_event(cx)
    }
}

impl<T> Drop for Events<T> {
    fn drop(&mut self) {
        #[cfg(feature = "tracing")]
        self.chunks.span().record("events", self.count);
    }
}

impl<T> fmt::Debug for Events<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Events")
            .field("operation", &self.operation)
            .field("status", &self.status)
            .field("events", &self.count)
            .finish_non_exhaustive()
    }
}

fn decode_json<T: DeserializeOwned>(operation: &'static str, status: StatusCode, data: &str) -> Result<T, Error> {
    from_json(operation, status, data.as_bytes())
}

/// An event as parsed, before its data is decoded.
#[derive(Debug, PartialEq)]
struct RawEvent {
    /// Empty when the event named no type.
    event: String,
    data: String,
    id: Option<String>,
    retry: Option<Duration>,
}

/// The WHATWG event stream parser, fed chunk by chunk.
#[derive(Default)]
struct Parser {
    /// The start of a line whose end has not arrived yet.
    partial: Vec<u8>,
    /// The byte order mark has been looked for.
    started: bool,
    /// The last chunk ended in CR, so a leading LF of the next belongs to it.
    after_cr: bool,
    event: String,
    data: String,
    /// Whether `data` has had a line (it may be empty).
    has_data: bool,
    last_id: Option<String>,
    retry: Option<Duration>,
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

impl Parser {
    /// Parses `chunk`, adding every event it completes to `out`.
    fn feed(&mut self, mut chunk: &[u8], out: &mut VecDeque<RawEvent>) {
        if !self.started {
            // The mark may itself be split across chunks.
            let seen = self.partial.len();
            let wanted = (BOM.len() - seen).min(chunk.len());
            if BOM[seen..seen + wanted] == chunk[..wanted] {
                if seen + wanted < BOM.len() {
                    self.partial.extend_from_slice(&chunk[..wanted]);
                    return;
                }
                self.partial.clear();
                chunk = &chunk[wanted..];
            } else {
                // Not a mark after all: what was held back is text.
                let held = std::mem::take(&mut self.partial);
                self.started = true;
                self.feed(&held, out);
            }
            self.started = true;
        }
        if self.after_cr {
            self.after_cr = false;
            if let Some(rest) = chunk.strip_prefix(b"\n") {
                chunk = rest;
            }
        }
        while let Some(end) = chunk.iter().position(|&b| b == b'\n' || b == b'\r') {
            let line = &chunk[..end];
            if self.partial.is_empty() {
                self.line(line, out);
            } else {
                // Reused, so a stream of split lines allocates once.
                let mut whole = std::mem::take(&mut self.partial);
                whole.extend_from_slice(line);
                self.line(&whole, out);
                whole.clear();
                self.partial = whole;
            }
            let was_cr = chunk[end] == b'\r';
            chunk = &chunk[end + 1..];
            if was_cr {
                match chunk.first() {
                    Some(b'\n') => chunk = &chunk[1..],
                    Some(_) => {}
                    None => self.after_cr = true,
                }
            }
        }
        self.partial.extend_from_slice(chunk);
    }

    /// One line, without its end.
    fn line(&mut self, line: &[u8], out: &mut VecDeque<RawEvent>) {
        if line.is_empty() {
            self.dispatch(out);
            return;
        }
        if line[0] == b':' {
            return;
        }
        let (name, value) = match line.iter().position(|&b| b == b':') {
            Some(colon) => {
                let value = &line[colon + 1..];
                (&line[..colon], value.strip_prefix(b" ").unwrap_or(value))
            }
            None => (line, &[][..]),
        };
        let value = String::from_utf8_lossy(value);
        match name {
            b"event" => self.event = value.into_owned(),
            b"data" => {
                if self.has_data {
                    self.data.push('\n');
                }
                self.data.push_str(&value);
                self.has_data = true;
            }
            b"id" if !value.contains('\0') => self.last_id = Some(value.into_owned()),
            b"retry" if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) => {
                self.retry = value.parse().ok().map(Duration::from_millis);
            }
            _ => {}
        }
    }

    fn dispatch(&mut self, out: &mut VecDeque<RawEvent>) {
        let event = std::mem::take(&mut self.event);
        let retry = self.retry.take();
        if !std::mem::take(&mut self.has_data) {
            return;
        }
        let data = std::mem::take(&mut self.data);
        let id = self.last_id.clone().filter(|id| !id.is_empty());
        out.push_back(RawEvent { event, data, id, retry });
    }
}
//@ if tests

#[cfg(test)]
mod tests {
    use super::*;

    /// The events of `input` fed in pieces cut at `cuts`.
    fn parse(input: &[u8], cuts: &[usize]) -> Vec<RawEvent> {
        let mut parser = Parser::default();
        let mut out = VecDeque::new();
        let mut from = 0;
        for &cut in cuts.iter().chain([&input.len()]) {
            parser.feed(&input[from..cut], &mut out);
            from = cut;
        }
        out.into()
    }

    fn event(event: &str, data: &str, id: Option<&str>) -> RawEvent {
        RawEvent { event: event.into(), data: data.into(), id: id.map(Into::into), retry: None }
    }

    #[test]
    fn the_whatwg_rules_hold_however_the_stream_is_cut() {
        let table: &[(&[u8], Vec<RawEvent>)] = &[
            (b"data: a\n\n", vec![event("", "a", None)]),
            (b"data: a\r\n\r\n", vec![event("", "a", None)]),
            (b"data: a\r\rdata: b\r\r", vec![event("", "a", None), event("", "b", None)]),
            (b"data: a\ndata:b\ndata\n\n", vec![event("", "a\nb\n", None)]),
            (b": comment\n:\ndata: x\n\n", vec![event("", "x", None)]),
            (b"\xEF\xBB\xBFdata: bom\n\n", vec![event("", "bom", None)]),
            (b"event: delta\nid: 7\ndata: {}\n\ndata: 2\n\n", vec![event("delta", "{}", Some("7")), event("", "2", Some("7"))]),
            (b"id: 1\ndata: a\n\nid\ndata: b\n\n", vec![event("", "a", Some("1")), event("", "b", None)]),
            (b"event: x\n\ndata: y\n\n", vec![event("", "y", None)]),
            (b"data:  two spaces\n\n", vec![event("", " two spaces", None)]),
            (b"data: unterminated\n", vec![]),
            (b"data: \xFF\n\n", vec![event("", "\u{FFFD}", None)]),
            (b"data: \xE2\x82\xAC\n\n", vec![event("", "\u{20AC}", None)]),
            (b"unknown: x\ndata: a\n\n", vec![event("", "a", None)]),
        ];
        for (input, want) in table {
            let whole = parse(input, &[]);
            assert_eq!(&whole, want, "{:?} whole", String::from_utf8_lossy(input));
            for cut in 1..input.len() {
                assert_eq!(&parse(input, &[cut]), want, "{:?} cut at {cut}", String::from_utf8_lossy(input));
            }
            let bytes: Vec<usize> = (1..input.len()).collect();
            assert_eq!(&parse(input, &bytes), want, "{:?} byte by byte", String::from_utf8_lossy(input));
        }
    }

    #[test]
    fn retry_is_kept_only_when_it_is_a_number() {
        let events = parse(b"retry: 1500\ndata: a\n\nretry: 1.5\ndata: b\n\n", &[]);
        assert_eq!(events[0].retry, Some(Duration::from_millis(1500)));
        assert_eq!(events[1].retry, None);
    }

    #[test]
    fn a_bom_is_skipped_only_at_the_start() {
        let events = parse(b"data: a\n\n\xEF\xBB\xBFdata: b\n\n", &[]);
        assert_eq!(events, vec![event("", "a", None)]);
    }
}
//@ end
//@ end
