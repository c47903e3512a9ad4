//! Server-sent events: an operation whose success response offers
//! `text/event-stream` gets a second method that reads the events as they
//! arrive, each event's `data` typed by that media type's schema. The
//! operation's own method is left as it is (JSON when the response also
//! offers JSON, else the whole stream as text), so adding events to a spec
//! adds a method and breaks none.

use super::builder::Builder;
use super::responses::Read;
use super::{EventStream, TypeRef, Undecided};
use crate::diagnostic::join;
use crate::naming;

/// The media type of server-sent events.
const EVENT_STREAM: &str = "text/event-stream";

impl<'a> Builder<'a> {
    /// The type of each event's data when a success response (2xx, or
    /// `default` without one) offers `text/event-stream`: its schema, named
    /// `{Op}Event` when inline, or `String` (data read as text) without one.
    /// The method's name is claimed later (`event_methods`).
    pub(super) fn events(&mut self, success: &[(&'a str, Read<'a>)], op_type: &str) -> Option<EventStream<Undecided>> {
        for (_, read) in success {
            // A schema read in a response's place (`--lenient`) is JSON, never events.
            let Read::Content(pointer, content) = read else { continue };
            let Some((content_type, media)) = content.iter().find(|(ct, _)| is_event_stream(ct)) else {
                continue;
            };
            let data = match &media.schema {
                Some(schema) => {
                    let schema_pointer = join(&join(&join(pointer, "content"), content_type), "schema");
                    self.schema(schema, &schema_pointer, &naming::owned::event(op_type))
                }
                None => TypeRef::String,
            };
            return Some(EventStream { method: (), data });
        }
        None
    }
}

/// Whether `content_type` is `text/event-stream` (with any parameters).
fn is_event_stream(content_type: &str) -> bool {
    let essence = content_type.split(';').next().unwrap_or_default().trim();
    essence.eq_ignore_ascii_case(EVENT_STREAM)
}

#[cfg(test)]
mod tests {
    use super::is_event_stream;

    #[test]
    fn event_streams_are_recognised_by_their_essence() {
        assert!(is_event_stream("text/event-stream"));
        assert!(is_event_stream("Text/Event-Stream; charset=utf-8"));
        assert!(!is_event_stream("text/plain"));
        assert!(!is_event_stream("application/x-ndjson"));
    }
}
