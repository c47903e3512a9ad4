//! Multipart form bodies that can be sent again on retry.

use std::fmt;

use bytes::Bytes;

/// A `multipart/form-data` body built from text and byte parts.
///
/// Unlike `reqwest::multipart::Form` it is [`Clone`] — the parts are
/// reference-counted [`Bytes`] — so a retried request resends the same body.
#[derive(Clone, Debug, Default)]
#[must_use]
pub struct Multipart {
    parts: Vec<(String, Part)>,
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

    /// Builds the `reqwest` form for one attempt.
    pub(crate) fn to_form(&self) -> Result<reqwest::multipart::Form, String> {
        let mut form = reqwest::multipart::Form::new();
        for (name, part) in &self.parts {
            form = form.part(name.clone(), part.to_reqwest(name)?);
        }
        Ok(form)
    }
}

/// One part of a [`Multipart`] form.
#[derive(Clone)]
#[must_use]
pub struct Part {
    data: Bytes,
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
        Self { data: data.into(), file_name: None, mime: None }
    }

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
        let len = u64::try_from(self.data.len()).unwrap_or(u64::MAX);
        let mut part = reqwest::multipart::Part::stream_with_length(self.data.clone(), len);
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
            .field("len", &self.data.len())
            .field("file_name", &self.file_name)
            .field("mime", &self.mime)
            .finish()
    }
}
