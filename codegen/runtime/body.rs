//! Request bodies: the public [`Body`] a binary upload or a file part is
//! made of, and the [`Payload`] one call sends, kept so that a retry can
//! send it again when it may.

use std::fmt;
//@ if uploads
use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll};
//@ end

use bytes::{Bytes, BytesMut};
//@ if uploads
use futures_core::Stream;
//@ end
use reqwest::header::HeaderValue;

use crate::runtime::Multipart;

//@ if uploads
/// Bytes read from a source while the request is sent: `reqwest` turns the
/// error into the call's `Error::Connection`.
type Chunks = Pin<Box<dyn Stream<Item = Result<Bytes, BoxError>> + Send>>;
type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// How much of a reader one chunk holds: large enough that a 1 GiB upload
/// is few chunks, small enough that memory stays flat.
const READ_CHUNK: usize = 64 * 1024;

//@ end
/// The content of a binary request body or of a multipart file.
///
//@ if uploads
/// It is bytes already in memory (`Bytes`, `Vec<u8>`, `String`, `&'static
/// [u8]`, `&'static str`, …, all of which convert into it), or a source read
/// while the request is sent: a `tokio::fs::File` (also converts into it),
/// [`Body::file`], any [`Stream`] of bytes ([`Body::from_stream`]) or any
/// `AsyncRead` ([`Body::from_reader`]), so that a large upload never sits
/// in memory.
///
/// **A streamed body is sent once.** Bytes in memory are sent again by
/// every retry; a stream cannot be rewound, so once its first chunk has been
/// read the call is never retried: its first error or error status is the
/// call's result. A retry stays possible while the stream is untouched (the
/// connection failed before any of the body was sent).
//@ else
/// It is bytes in memory (`Bytes`, `Vec<u8>`, `String`, `&'static [u8]`,
/// `&'static str`, …, all of which convert into it), sent again by every
/// retry.
//@ end
#[derive(Clone)]
pub struct Body {
    content: Content,
}

#[derive(Clone)]
enum Content {
    Bytes(Bytes),
    //@ if uploads
    /// Shared by the clones of a request, so that only one of them can
    /// ever read it.
    Stream {
        source: Arc<Source>,
        length: Option<u64>,
    },
    //@ end
}

impl Body {
    /// The number of bytes to send, when known: it is sent as
    /// `Content-Length`, otherwise the body is sent chunked.
    pub fn length(&self) -> Option<u64> {
        match &self.content {
            Content::Bytes(bytes) => u64::try_from(bytes.len()).ok(),
            //@ if uploads
            Content::Stream { length, .. } => *length,
            //@ end
        }
    }

    /// Whether a retry could send this body again: always for bytes in
    /// memory; for a stream, only until its first chunk has been read.
    pub fn is_replayable(&self) -> bool {
        match &self.content {
            Content::Bytes(_) => true,
            //@ if uploads
            Content::Stream { source, .. } => source.chunks.lock().unwrap_or_else(PoisonError::into_inner).is_some(),
            //@ end
        }
    }

    /// The bytes, when they are in memory (what the mocks compare).
    #[cfg_attr(not(feature = "mock"), allow(dead_code))]
    pub(crate) fn as_bytes(&self) -> Option<&Bytes> {
        match &self.content {
            Content::Bytes(bytes) => Some(bytes),
            //@ if uploads
            Content::Stream { .. } => None,
            //@ end
        }
    }

    /// The body of one attempt, or why it cannot be sent.
    pub(crate) fn to_reqwest(&self) -> Result<reqwest::Body, String> {
        match &self.content {
            Content::Bytes(bytes) => Ok(bytes.clone().into()),
            //@ if uploads
            Content::Stream { source, length } => {
                if !self.is_replayable() {
                    return Err(SENT_ONCE.to_owned());
                }
                Ok(reqwest::Body::wrap(Sending { source: source.clone(), length: *length, chunks: Mutex::new(None) }))
            }
            //@ end
        }
    }
}

//@ if uploads
const SENT_ONCE: &str = "the request body is a stream, which is sent only once, and it was already sent";

impl Body {
    /// A body read from `stream` while the request is sent, chunk by chunk.
    /// Without [`with_length`](Self::with_length) it is sent chunked.
    pub fn from_stream<S, B, E>(stream: S) -> Self
    where
        S: Stream<Item = Result<B, E>> + Send + 'static,
        B: Into<Bytes>,
        E: Into<BoxError>,
    {
        Self::streamed(Box::pin(Converted(Box::pin(stream))), None)
    }

    /// A body read from `reader` while the request is sent, 64 KiB at a time.
    /// Without [`with_length`](Self::with_length) it is sent chunked.
    pub fn from_reader(reader: impl tokio::io::AsyncRead + Send + 'static) -> Self {
        Self::streamed(Box::pin(ReadChunks { reader: Box::pin(reader), done: false }), None)
    }

    /// The file at `path`, read while the request is sent, with its size as
    /// `Content-Length`.
    ///
    /// # Errors
    ///
    /// When the file cannot be opened or its size read.
    pub async fn file(path: impl AsRef<std::path::Path>) -> std::io::Result<Self> {
        let file = tokio::fs::File::open(path).await?;
        let length = file.metadata().await?.len();
        Ok(Self::from(file).with_length(length))
    }

    /// Declares the number of bytes a stream yields, sent as
    /// `Content-Length` (some servers require one). A stream that then
    /// yields another number fails the call. Bytes in memory have their
    /// own length, which this leaves as it is.
    pub fn with_length(mut self, length: u64) -> Self {
        if let Content::Stream { length: known, .. } = &mut self.content {
            *known = Some(length);
        }
        self
    }

    fn streamed(chunks: Chunks, length: Option<u64>) -> Self {
        let source = Arc::new(Source { chunks: Mutex::new(Some(chunks)) });
        Self { content: Content::Stream { source, length } }
    }
}

/// A file read while the request is sent; its length is unknown, so it is
/// sent chunked ([`Body::file`] sends it with its length).
impl From<tokio::fs::File> for Body {
    fn from(file: tokio::fs::File) -> Self {
        Self::from_reader(file)
    }
}

/// A stream's chunks, until the one attempt that reads them takes them.
struct Source {
    chunks: Mutex<Option<Chunks>>,
}

/// One attempt's body. It takes the source's chunks at its first read, not
/// before, so that an attempt that fails before sending anything leaves
/// them to a retry, and two attempts can never share them.
struct Sending {
    source: Arc<Source>,
    length: Option<u64>,
    /// In a `Mutex` only because `reqwest` requires a `Sync` body; it is
    /// reached through `&mut self`, without locking.
    chunks: Mutex<Option<Chunks>>,
}

impl http_body::Body for Sending {
    type Data = Bytes;
    type Error = BoxError;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Bytes>, BoxError>>> {
        let this = self.get_mut();
        let chunks = this.chunks.get_mut().unwrap_or_else(PoisonError::into_inner);
        if chunks.is_none() {
            *chunks = this.source.chunks.lock().unwrap_or_else(PoisonError::into_inner).take();
        }
        match chunks {
            Some(chunks) => chunks.as_mut().poll_next(cx).map(|chunk| chunk.map(|c| c.map(http_body::Frame::data))),
            None => Poll::Ready(Some(Err(SENT_ONCE.into()))),
        }
    }

    fn size_hint(&self) -> http_body::SizeHint {
        self.length.map(http_body::SizeHint::with_exact).unwrap_or_default()
    }
}

/// A user's stream, its chunks converted to `Bytes` and its errors boxed.
struct Converted<S>(Pin<Box<S>>);

impl<S, B, E> Stream for Converted<S>
where
    S: Stream<Item = Result<B, E>>,
    B: Into<Bytes>,
    E: Into<BoxError>,
{
    type Item = Result<Bytes, BoxError>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.0.as_mut().poll_next(cx).map(|item| item.map(|r| r.map(Into::into).map_err(Into::into)))
    }
}

/// An `AsyncRead` as a stream of chunks (what `tokio-util`'s
/// `ReaderStream` does, without the dependency).
struct ReadChunks {
    reader: Pin<Box<dyn tokio::io::AsyncRead + Send>>,
    done: bool,
}

impl Stream for ReadChunks {
    type Item = Result<Bytes, BoxError>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        if self.done {
            return Poll::Ready(None);
        }
        let mut buffer = vec![0; READ_CHUNK];
        let mut read = tokio::io::ReadBuf::new(&mut buffer);
        match self.reader.as_mut().poll_read(cx, &mut read) {
            Poll::Pending => Poll::Pending,
            Poll::Ready(Err(e)) => {
                self.done = true;
                Poll::Ready(Some(Err(e.into())))
            }
            Poll::Ready(Ok(())) => {
                let filled = read.filled().len();
                if filled == 0 {
                    self.done = true;
                    return Poll::Ready(None);
                }
                buffer.truncate(filled);
                Poll::Ready(Some(Ok(Bytes::from(buffer))))
            }
        }
    }
}

//@ end
/// Bytes in memory convert into a body: every type `FilePart::new` and
/// `Request::bytes_body` took before bodies could stream still works.
macro_rules! from_bytes {
    ($($t:ty),*) => {$(
        impl From<$t> for Body {
            fn from(bytes: $t) -> Self {
                Self { content: Content::Bytes(bytes.into()) }
            }
        }
    )*};
}

from_bytes!(Bytes, BytesMut, Vec<u8>, Box<[u8]>, String, &'static [u8], &'static str);

impl fmt::Debug for Body {
    // Contents may be sensitive or huge; their size is enough to debug.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match &self.content {
            Content::Bytes(_) => "bytes",
            //@ if uploads
            Content::Stream { .. } => "stream",
            //@ end
        };
        f.debug_struct("Body").field("kind", &kind).field("length", &self.length()).finish()
    }
}

/// What one call sends. Every variant is cheap to clone, so each attempt
/// sends an identical copy (a streamed body only once: see [`Body`]).
#[derive(Clone, Debug, Default)]
pub(crate) enum Payload {
    #[default]
    Empty,
    Bytes {
        content: Body,
        content_type: HeaderValue,
    },
    Multipart(Multipart),
}

impl Payload {
    /// A body with its content type, or why the type is unusable.
    pub(crate) fn bytes(content: impl Into<Body>, content_type: &str) -> Result<Self, String> {
        // Checked rather than `from_static`, which would panic on a bad type.
        let content_type = HeaderValue::from_str(content_type)
            .map_err(|_| format!("the content type `{content_type}` is not a valid header value"))?;
        Ok(Self::Bytes { content: content.into(), content_type })
    }

    /// Whether a retry could send it again (see [`Body::is_replayable`]).
    pub(crate) fn is_replayable(&self) -> bool {
        match self {
            Self::Empty => true,
            Self::Bytes { content, .. } => content.is_replayable(),
            Self::Multipart(form) => form.is_replayable(),
        }
    }

    /// Adds this body to one attempt's request.
    pub(crate) fn attach(&self, request: reqwest::RequestBuilder) -> Result<reqwest::RequestBuilder, String> {
        Ok(match self {
            Self::Empty => request,
            Self::Bytes { content, content_type } => {
                request.header(reqwest::header::CONTENT_TYPE, content_type.clone()).body(content.to_reqwest()?)
            }
            // reqwest sets the Content-Type with the boundary.
            Self::Multipart(form) => request.multipart(form.to_form()?),
        })
    }
}
