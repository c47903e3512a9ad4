//! When to retry and how long to wait, following the Stainless SDKs.

use std::time::{Duration, SystemTime};

use reqwest::header::HeaderMap;
use reqwest::StatusCode;

const INITIAL_BACKOFF_SECS: f64 = 0.5;
const MAX_BACKOFF_SECS: f64 = 8.0;
/// A server-requested delay longer than this is ignored in favour of the
/// backoff, so a misbehaving `Retry-After` cannot stall the caller.
const MAX_RETRY_AFTER: Duration = Duration::from_secs(60);

/// Whether a response status is worth another attempt. The server can
/// decide explicitly with `x-should-retry: true|false`.
pub(crate) fn should_retry(status: StatusCode, headers: &HeaderMap) -> bool {
    match headers.get("x-should-retry").and_then(|v| v.to_str().ok()) {
        Some("true") => return true,
        Some("false") => return false,
        _ => {}
    }
    matches!(status.as_u16(), 408 | 409 | 429) || status.is_server_error()
}

/// The wait before retry number `retries_done + 1` after a response:
/// the server's `retry-after-ms` or `Retry-After` when it is in
/// (0, 60 s], otherwise the backoff.
pub(crate) fn delay_after_response(retries_done: u32, headers: &HeaderMap) -> Duration {
    retry_after(headers, SystemTime::now()).unwrap_or_else(|| backoff(retries_done))
}

/// Exponential backoff: 0.5 s doubling per retry, capped at 8 s, minus up
/// to 25 % jitter so that many clients do not retry in lockstep.
pub(crate) fn backoff(retries_done: u32) -> Duration {
    let exponent = i32::try_from(retries_done.min(16)).unwrap_or(16);
    let base = (INITIAL_BACKOFF_SECS * 2f64.powi(exponent)).min(MAX_BACKOFF_SECS);
    let jitter = 1.0 - fastrand::f64() * 0.25;
    Duration::from_secs_f64(base * jitter)
}

fn retry_after(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let text = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).map(str::trim);
    let requested = if let Some(ms) = text("retry-after-ms").and_then(|v| v.parse::<f64>().ok()) {
        Duration::try_from_secs_f64(ms / 1000.0).ok()
    } else if let Some(value) = text("retry-after") {
        match value.parse::<f64>() {
            Ok(secs) => Duration::try_from_secs_f64(secs).ok(),
            // A date in the past yields no delay and so falls back to backoff.
            Err(_) => httpdate::parse_http_date(value).ok().and_then(|at| at.duration_since(now).ok()),
        }
    } else {
        None
    };
    requested.filter(|d| !d.is_zero() && *d <= MAX_RETRY_AFTER)
}
