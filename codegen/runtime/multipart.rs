//! Multipart form bodies, sent again on retry unless a part streams, and
//! the parts a typed form body converts into.

use std::fmt::{self, Display};

use bytes::Bytes;
use serde::Serialize;

use crate::runtime::Body;

/// A `multipart/form-data` body built from text and byte parts.
///
/// Unlike `reqwest::multipart::Form` it is [`Clone`] — the parts are
/// reference-counted [`Bytes`] — so a retried request resends the same body.
//@ if uploads
/// A part whose content is a stream ([`Part::content`], a [`FilePart`] made
/// from a file) is sent once: see [`Body`].
//@ end
#[derive(Clone, Debug, Default)]
#[must_use]
pub struct Multipart {
    parts: Vec<(String, Part)>,
    /// Why a typed field could not become a part: the request fails with
    /// it before anything is sent.
    failed: Option<String>,
}

impl Multipart {
    /// An empty form.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a text field.
    pub fn text(self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.part(name, Part::text(value))
    }

    /// Adds a binary field without a file name.
    pub fn bytes(self, name: impl Into<String>, data: impl Into<Bytes>) -> Self {
        self.part(name, Part::bytes(data))
    }

    /// Adds a part built with [`Part`], e.g. a file with a name and type.
    pub fn part(mut self, name: impl Into<String>, part: Part) -> Self {
        self.parts.push((name.into(), part));
        self
    }

    /// One file part per value: a file without its own content type is
    /// sent as `default_type`, the type the spec gives for the field.
    // Each of these is unused in a crate without form fields of its kind.
    #[allow(dead_code)]
    pub(crate) fn file_parts(mut self, name: &str, files: impl IntoIterator<Item = FilePart>, default_type: &str) -> Self {
        //@ if uploads
        for FilePart { content, filename, content_type } in files {
            let mime = content_type.unwrap_or_else(|| default_type.to_string());
            self = self.part(name, Part::content(content).file_name(filename).mime(mime));
        }
        //@ else
        for FilePart { bytes, filename, content_type } in files {
            let mime = content_type.unwrap_or_else(|| default_type.to_string());
            self = self.part(name, Part::bytes(bytes).file_name(filename).mime(mime));
        }
        //@ end
        self
    }

    /// One text part per value, as its `Display` text (an enum's wire
    /// value), with a `Content-Type` only where the spec gives one.
    #[allow(dead_code)]
    pub(crate) fn text_parts<T: Display>(
        mut self,
        name: &str,
        values: impl IntoIterator<Item = T>,
        content_type: Option<&str>,
    ) -> Self {
        for value in values {
            let part = match content_type {
                Some(mime) => Part::text(value.to_string()).mime(mime),
                None => Part::text(value.to_string()),
            };
            self = self.part(name, part);
        }
        self
    }

    /// One part per value, as JSON with `content_type` (`application/json`
    /// unless the spec's `encoding` says otherwise).
    #[allow(dead_code)]
    pub(crate) fn json_parts<T: Serialize>(
        mut self,
        name: &str,
        values: impl IntoIterator<Item = T>,
        content_type: &str,
    ) -> Self {
        for value in values {
            match serde_json::to_vec(&value) {
                Ok(json) => self = self.part(name, Part::bytes(json).mime(content_type)),
                Err(e) => {
                    self.failed.get_or_insert(format!("multipart part `{name}` could not be written as JSON: {e}"));
                }
            }
        }
        self
    }

    /// Whether a retry could send it again: no part has begun to stream.
    pub(crate) fn is_replayable(&self) -> bool {
        self.parts.iter().all(|(_, part)| part.data.is_replayable())
    }

    /// Builds the `reqwest` form for one attempt.
    pub(crate) fn to_form(&self) -> Result<reqwest::multipart::Form, String> {
        if let Some(reason) = &self.failed {
            return Err(reason.clone());
        }
        let mut form = reqwest::multipart::Form::new();
        for (name, part) in &self.parts {
            form = form.part(name.clone(), part.to_reqwest(name)?);
        }
        Ok(form)
    }
}

/// A file in a typed multipart body: its contents, the file name sent in
/// the part's `Content-Disposition`, and its `Content-Type`.
///
/// ```text
/// let script = FilePart::new(source, "worker.js").with_content_type("application/javascript+module");
//@ if uploads
/// let video = FilePart::new(Body::file("talk.mp4").await?, "talk.mp4");
//@ end
/// ```
#[derive(Clone)]
#[must_use]
pub struct FilePart {
    //@ if uploads
    /// The file's contents: bytes, or a file or stream read while the form
    /// is sent (then the call is not retried once it has begun: see [`Body`]).
    pub content: Body,
    //@ else
    /// The file's contents.
    pub bytes: Bytes,
    //@ end
    /// The file name the server sees.
    pub filename: String,
    /// The part's `Content-Type`; `None` sends the type the spec gives for
    /// the field (`application/octet-stream` when it gives none).
    pub content_type: Option<String>,
}

impl FilePart {
    //@ if uploads
    /// A file sent with the content type the spec gives for its field: its
    /// bytes, or a [`Body`] that streams it (`tokio::fs::File`, [`Body::file`]).
    pub fn new(content: impl Into<Body>, filename: impl Into<String>) -> Self {
        Self { content: content.into(), filename: filename.into(), content_type: None }
    }
    //@ else
    /// A file sent with the content type the spec gives for its field.
    pub fn new(bytes: impl Into<Bytes>, filename: impl Into<String>) -> Self {
        Self { bytes: bytes.into(), filename: filename.into(), content_type: None }
    }
    //@ end

    /// Sends the file as `content_type` instead; an invalid type fails the
    /// request before anything is sent.
    pub fn with_content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = Some(content_type.into());
        self
    }
}

impl fmt::Debug for FilePart {
    // Contents may be sensitive or huge; their size is enough to debug.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FilePart")
            //@ if uploads
            .field("len", &self.content.length())
            //@ else
            .field("len", &self.bytes.len())
            //@ end
            .field("filename", &self.filename)
            .field("content_type", &self.content_type)
            .finish()
    }
}

/// One part of a [`Multipart`] form.
#[derive(Clone)]
#[must_use]
pub struct Part {
    data: Body,
    file_name: Option<String>,
    mime: Option<String>,
}

impl Part {
    /// A text part.
    pub fn text(value: impl Into<String>) -> Self {
        Self::bytes(Bytes::from(value.into()))
    }

    /// A binary part, e.g. a file's contents.
    pub fn bytes(data: impl Into<Bytes>) -> Self {
        Self { data: Body::from(data.into()), file_name: None, mime: None }
    }
    //@ if uploads

    /// A part of any [`Body`]: bytes, or a file or stream read while the
    /// form is sent.
    pub fn content(data: impl Into<Body>) -> Self {
        Self { data: data.into(), file_name: None, mime: None }
    }
    //@ end

    /// Sets the file name sent in the part's `Content-Disposition`.
    pub fn file_name(mut self, file_name: impl Into<String>) -> Self {
        self.file_name = Some(file_name.into());
        self
    }

    /// Sets the part's `Content-Type`; an invalid type fails the request
    /// before anything is sent.
    pub fn mime(mut self, mime: impl Into<String>) -> Self {
        self.mime = Some(mime.into());
        self
    }

    fn to_reqwest(&self, name: &str) -> Result<reqwest::multipart::Part, String> {
        // A known length keeps the whole form's Content-Length known, so the
        // body is not sent chunked.
        let data = self.data.to_reqwest()?;
        let mut part = match self.data.length() {
            Some(length) => reqwest::multipart::Part::stream_with_length(data, length),
            None => reqwest::multipart::Part::stream(data),
        };
        if let Some(file_name) = &self.file_name {
            part = part.file_name(file_name.clone());
        }
        if let Some(mime) = &self.mime {
            part = part
                .mime_str(mime)
                .map_err(|_| format!("multipart part `{name}` has an invalid content type `{mime}`"))?;
        }
        Ok(part)
    }
}

impl fmt::Debug for Part {
    // Contents may be sensitive or huge; their size is enough to debug.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Part")
            .field("len", &self.data.length())
            .field("file_name", &self.file_name)
            .field("mime", &self.mime)
            .finish()
    }
}
