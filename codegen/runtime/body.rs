//! Request bodies, kept in a form that can be sent again on retry.

use bytes::Bytes;
use reqwest::header::HeaderValue;

use crate::runtime::Multipart;

/// A request body. Every variant is cheap to clone, so each attempt sends
/// an identical copy.
#[derive(Clone, Debug, Default)]
pub(crate) enum Body {
    #[default]
    Empty,
    Bytes {
        content: Bytes,
        content_type: HeaderValue,
    },
    Multipart(Multipart),
}

impl Body {
    /// A body with its content type, or why the type is unusable.
    pub(crate) fn bytes(content: impl Into<Bytes>, content_type: &str) -> Result<Self, String> {
        // Checked rather than `from_static`, which would panic on a bad type.
        let content_type = HeaderValue::from_str(content_type)
            .map_err(|_| format!("the content type `{content_type}` is not a valid header value"))?;
        Ok(Self::Bytes { content: content.into(), content_type })
    }

    /// Adds this body to one attempt's request.
    pub(crate) fn attach(&self, request: reqwest::RequestBuilder) -> Result<reqwest::RequestBuilder, String> {
        Ok(match self {
            Self::Empty => request,
            Self::Bytes { content, content_type } => {
                request.header(reqwest::header::CONTENT_TYPE, content_type.clone()).body(content.clone())
            }
            // reqwest sets the Content-Type with the boundary.
            Self::Multipart(form) => request.multipart(form.to_form()?),
        })
    }
}
