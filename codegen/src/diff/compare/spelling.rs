//! How items are named in the report's sentences.

use crate::model::{BodyKind, Operation, ParamLocation};

pub(super) fn location(l: ParamLocation) -> &'static str {
    match l {
        ParamLocation::Path => "path parameter",
        ParamLocation::Query => "query parameter",
        ParamLocation::Header => "header",
    }
}

pub(super) fn endpoint(op: &Operation) -> String {
    format!("`{} {}`", op.method.as_str(), op.path)
}

pub(super) fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

pub(super) fn encoding(kind: &BodyKind) -> String {
    match kind {
        BodyKind::Json(_) => "JSON".into(),
        BodyKind::Form(_) => "a URL-encoded form".into(),
        BodyKind::Multipart(_) => "multipart form data".into(),
        BodyKind::Text { content_type } | BodyKind::Bytes { content_type } => format!("`{content_type}`"),
    }
}
