//@ note The whole file is for APIs with `streams`: without, it is not written.
//@ if streams
//! Response bodies read as they arrive: [`ByteStream`] for binary bodies,
//! and the chunks that server-sent events are parsed from.
//!
//! Retries and the timeout cover a streamed call up to the response's head
//! (status and headers). The body is then read for as long as the caller
//! keeps polling: a stream may legitimately stay open for minutes. A read
//! that fails after the head is an [`Error::Connection`] (a server that
//! drops the connection mid-body, a reset), never a panic, and ends the
//! stream. Dropping the stream closes the connection.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use futures_core::Stream;
use reqwest::header::HeaderMap;
use reqwest::StatusCode;

//@ if events
use crate::runtime::error_body::ErrorBodies;
//@ end
use crate::runtime::{Binary, Error, RawResponse, Request};

/// A successful response whose body is still to be read.
pub(crate) struct Opened {
    pub(crate) operation: &'static str,
    //@ if events
    /// For `error` events.
    pub(crate) error_bodies: ErrorBodies,
    //@ end
    pub(crate) status: StatusCode,
    pub(crate) headers: HeaderMap,
    /// `None` when the body was read whole already (it is then `body`).
    pub(crate) response: Option<reqwest::Response>,
    pub(crate) body: Bytes,
}

type NextChunk = Pin<Box<dyn Future<Output = (reqwest::Response, reqwest::Result<Option<Bytes>>)> + Send>>;

/// A response body as the chunks it arrives in.
pub(crate) struct Chunks {
    operation: &'static str,
    /// Bytes read before streaming began, handed out first.
    first: Option<Bytes>,
    state: State,
    /// Bytes handed out so far.
    bytes: u64,
    #[cfg(feature = "tracing")]
    span: tracing::Span,
}

enum State {
    Idle(reqwest::Response),
    Reading(NextChunk),
    Done,
}

impl Chunks {
    pub(crate) fn new(opened: Opened) -> Self {
        let first = Some(opened.body).filter(|body| !body.is_empty());
        Self {
            operation: opened.operation,
            first,
            state: opened.response.map_or(State::Done, State::Idle),
            bytes: 0,
            #[cfg(feature = "tracing")]
            span: crate::runtime::trace::stream_span(opened.operation),
        }
    }

    /// The number of body bytes read so far.
    pub(crate) fn bytes(&self) -> u64 {
        self.bytes
    }

    //@ if events
    /// The tracing span of the stream, in which its events are counted.
    #[cfg(feature = "tracing")]
    pub(crate) fn span(&self) -> &tracing::Span {
        &self.span
    }
    //@ end
}

impl Stream for Chunks {
    type Item = Result<Bytes, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        if let Some(first) = this.first.take() {
            this.bytes += first.len() as u64;
            return Poll::Ready(Some(Ok(first)));
        }
        loop {
            match std::mem::replace(&mut this.state, State::Done) {
                State::Done => return Poll::Ready(None),
                State::Idle(mut response) => {
                    this.state = State::Reading(Box::pin(async move {
                        let chunk = response.chunk().await;
                        (response, chunk)
                    }));
                }
                State::Reading(mut next) => match next.as_mut().poll(cx) {
                    Poll::Pending => {
                        this.state = State::Reading(next);
                        return Poll::Pending;
                    }
                    Poll::Ready((response, Ok(Some(chunk)))) => {
                        this.state = State::Idle(response);
                        this.bytes += chunk.len() as u64;
                        return Poll::Ready(Some(Ok(chunk)));
                    }
                    Poll::Ready((_, Ok(None))) => return Poll::Ready(None),
                    // The URL may carry a credential, so it is left out.
                    Poll::Ready((_, Err(source))) => {
                        let source = source.without_url();
                        return Poll::Ready(Some(Err(Error::Connection { operation: this.operation, source })));
                    }
                },
            }
        }
    }
}

impl Drop for Chunks {
    fn drop(&mut self) {
        #[cfg(feature = "tracing")]
        self.span.record("bytes", self.bytes);
    }
}

/// A binary response body, read as it arrives: the body of what
/// [`Request::send_stream`] returns.
///
/// It is a [`Stream`] of [`Bytes`] chunks, and
/// [`try_next`](Self::try_next) reads one without any stream extension
/// trait. Dropping it closes the connection.
pub struct ByteStream {
    chunks: Chunks,
}

impl ByteStream {
    /// The number of body bytes read so far.
    pub fn bytes_read(&self) -> u64 {
        self.chunks.bytes()
    }

    /// The next chunk of the body; `None` at its end.
    ///
    /// # Errors
    ///
    /// [`Error::Connection`] when the connection fails mid-body.
    pub async fn try_next(&mut self) -> Result<Option<Bytes>, Error> {
        std::future::poll_fn(|cx| Pin::new(&mut self.chunks).poll_next(cx)).await.transpose()
    }
}

impl Stream for ByteStream {
    type Item = Result<Bytes, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        Pin::new(&mut self.chunks).poll_next(cx)
    }
}

impl fmt::Debug for ByteStream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ByteStream").field("bytes_read", &self.chunks.bytes()).finish_non_exhaustive()
    }
}

impl Request<Binary> {
    /// Sends the call and returns the status, the headers and the body as
    /// a stream of chunks, read as they arrive rather than held in memory
    /// whole as by [`send`](Self::send).
    ///
    /// Retries and the timeout apply until the response's status and
    /// headers arrive; after that the body is read for as long as it takes.
    ///
    /// Each chunk is handed on as it comes, so memory use stays flat
    /// whatever the body's size (`docs/streaming.md` of the generator
    /// writes one to a file with `tokio::fs`):
    ///
    /// ```text
    /// let mut body = client.download(id).send_stream().await?.into_body();
    /// while let Some(chunk) = body.try_next().await? {
    ///     file.write_all(&chunk).await?;
    /// }
    /// ```
    ///
    /// # Errors
    ///
    /// What [`send`](Self::send) returns for the exchange up to the
    /// response's head; reading the body then fails with
    /// [`Error::Connection`].
    pub async fn send_stream(self) -> Result<RawResponse<ByteStream>, Error> {
        let opened = self.open().await?;
        let (status, headers) = (opened.status, opened.headers.clone());
        Ok(RawResponse::new(status, headers, ByteStream { chunks: Chunks::new(opened) }))
    }
}
//@ end
