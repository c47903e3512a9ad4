//! Spans and events of the `tracing` feature; without it this file is not
//! compiled and the runtime's calls into it are `cfg`-ed out.
//!
//! Each call is one span, `request`, with the fields below. The attempt
//! number is a field of that span, recorded again by every attempt, rather
//! than a span per attempt: a call is one unit for the caller (one
//! duration, one final status), and each retry leaves a debug event in the
//! span that says which attempt failed, why, and how long the client waits.
//!
//! Only what the spec and the runtime decide is recorded — the operation,
//! the method, the path *template*, counts, statuses and durations — never
//! a credential, a header value, a query value or a path parameter's value.
//! Error messages are not recorded either, since they can quote the URL.

use std::future::Future;
use std::time::{Duration, Instant};

use reqwest::Method;
use tracing::{field, Instrument, Span};

use crate::runtime::transport::Received;
use crate::runtime::Error;

/// The span of one call of `operation`; `path` is its template.
pub(crate) fn span(operation: &'static str, method: &Method, path: &str) -> Span {
    tracing::info_span!(
        "request",
        operation,
        method = method.as_str(),
        path,
        attempt = field::Empty,
        status = field::Empty,
        error = field::Empty,
        duration_ms = field::Empty,
    )
}

//@ if streams
/// The span of reading one streamed body, a child of its call's (when
/// entered there) or of the caller's: it records how many bytes (and, for
/// event streams, events) were read by the time the stream was dropped,
/// never what they held.
pub(crate) fn stream_span(operation: &'static str) -> Span {
    tracing::info_span!("stream", operation, bytes = field::Empty, events = field::Empty)
}

//@ end
/// Runs `call` inside `span` and records how long it took and how it ended.
pub(crate) async fn within<T>(span: Span, call: impl Future<Output = Result<T, Error>>) -> Result<T, Error> {
    let start = Instant::now();
    let result = call.instrument(span.clone()).await;
    if let Err(error) = &result {
        span.record("error", kind(error));
    }
    span.record("duration_ms", u64::try_from(start.elapsed().as_millis()).unwrap_or(u64::MAX));
    result
}

/// Notes that attempt number `attempt` (from 1) starts.
pub(crate) fn attempt(attempt: u32) {
    Span::current().record("attempt", attempt);
}

/// Notes an attempt's response status; the last one recorded is final.
pub(crate) fn outcome(outcome: &Result<Received, Error>) {
    if let Ok(received) = outcome {
        Span::current().record("status", received.status.as_u16());
    }
}

/// Logs that attempt number `attempt` ended with `outcome` and is retried
/// after `delay`.
pub(crate) fn retry(attempt: u32, outcome: &Result<Received, Error>, delay: Duration) {
    let delay_ms = u64::try_from(delay.as_millis()).unwrap_or(u64::MAX);
    match outcome {
        Ok(received) => {
            let status = received.status.as_u16();
            tracing::debug!(attempt, reason = "status", status, delay_ms, "retrying after status {status}");
        }
        Err(error) => {
            let reason = kind(error);
            tracing::debug!(attempt, reason, delay_ms, "retrying after {reason}");
        }
    }
}

/// A fixed name for the kind of error: its message could quote the URL.
fn kind(error: &Error) -> &'static str {
    match error {
        //@ if envelopes
        Error::Api(_) => "api",
        //@ end
        Error::Response(_) => "response",
        Error::Http { .. } => "http",
        Error::Decode { .. } => "decode",
        Error::Timeout { .. } => "timeout",
        Error::Connection { .. } => "connection",
        Error::InvalidRequest { .. } => "invalid_request",
        Error::Config { .. } => "config",
    }
}
