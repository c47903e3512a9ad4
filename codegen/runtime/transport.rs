//! Sending a prepared request: attempts, timeouts and retries.

use std::time::Duration;

use bytes::Bytes;
use reqwest::header::HeaderMap;
use reqwest::{Method, StatusCode, Url};

use crate::runtime::body::Payload;
#[cfg(feature = "tracing")]
use crate::runtime::trace;
use crate::runtime::{retry, Client, Error};

/// A request checked and resolved once, then sent by every attempt.
pub(crate) struct Prepared {
    pub(crate) operation: &'static str,
    pub(crate) method: Method,
    pub(crate) url: Url,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Payload,
    pub(crate) max_retries: u32,
    pub(crate) timeout: Duration,
    /// The URL carries a credential, so transport errors must not show it.
    pub(crate) secret_in_url: bool,
}

/// A response read to the end (or, for a streamed call, a successful
/// response whose body is still to be read).
pub(crate) struct Received {
    pub(crate) status: StatusCode,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Bytes,
    /// The successful response of a streamed call, its body unread.
    //@ if !streams
    #[allow(dead_code)] // No response of this API is streamed.
    //@ end
    pub(crate) open: Option<reqwest::Response>,
}

/// Sends the request, retrying transient failures and retryable statuses.
/// Returns the last response whatever its status, or the last transport
/// error. With `open`, a successful response is returned as soon as its
/// head arrives, its body left to read: retries and the timeout cover the
/// exchange up to there.
pub(crate) async fn execute(client: &Client, request: &Prepared, open: bool) -> Result<Received, Error> {
    let mut retries_done = 0;
    loop {
        #[cfg(feature = "tracing")]
        trace::attempt(retries_done + 1);
        let outcome = attempt(client, request, open).await;
        #[cfg(feature = "tracing")]
        trace::outcome(&outcome);
        // A streamed body whose first chunk was read cannot be sent again:
        // its attempt's outcome, whatever it is, is the call's.
        let retries_left = retries_done < request.max_retries && request.body.is_replayable();
        let delay = match &outcome {
            Ok(received) if retries_left && retry::should_retry(received.status, &received.headers) => {
                retry::delay_after_response(retries_done, &received.headers)
            }
            Err(error) if retries_left && error.is_transient() => retry::backoff(retries_done),
            _ => return outcome,
        };
        #[cfg(feature = "tracing")]
        trace::retry(retries_done + 1, &outcome, delay);
        tokio::time::sleep(delay).await;
        retries_done += 1;
    }
}

async fn attempt(client: &Client, request: &Prepared, open: bool) -> Result<Received, Error> {
    let operation = request.operation;
    let builder =
        client.inner().http.request(request.method.clone(), request.url.clone()).headers(request.headers.clone());
    let builder = request.body.attach(builder).map_err(|reason| Error::InvalidRequest { operation, reason })?;

    // The timeout covers reading the body too, so a server that stalls
    // mid-response cannot hang the caller; a streamed body is read by its
    // caller, for as long as it takes.
    let exchange = async {
        let response = builder.send().await?;
        let status = response.status();
        let headers = response.headers().clone();
        if open && status.is_success() {
            return Ok(Received { status, headers, body: Bytes::new(), open: Some(response) });
        }
        let body = response.bytes().await?;
        Ok::<_, reqwest::Error>(Received { status, headers, body, open: None })
    };
    match tokio::time::timeout(request.timeout, exchange).await {
        Ok(Ok(received)) => Ok(received),
        // A user-supplied reqwest client may enforce its own timeout.
        Ok(Err(source)) if source.is_timeout() => Err(Error::Timeout { operation, timeout: request.timeout }),
        Ok(Err(source)) => {
            let source = if request.secret_in_url { source.without_url() } else { source };
            Err(Error::Connection { operation, source })
        }
        Err(_elapsed) => Err(Error::Timeout { operation, timeout: request.timeout }),
    }
}
