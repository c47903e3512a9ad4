//! How a successful response body becomes the value an operation returns.

use std::marker::PhantomData;

use bytes::Bytes;
use reqwest::header::HeaderMap;
use reqwest::StatusCode;
use serde::de::DeserializeOwned;

use crate::runtime::Error;

pub(crate) mod sealed {
    pub trait Sealed {}
}

/// What an operation's successful (2xx) response contains and how to read
//@ if envelopes
/// it. Implemented by the marker types [`Envelope`], [`Json`], [`NoContent`],
/// [`Text`] and [`Binary`]; generated code picks one per operation.
//@ else
/// it. Implemented by the marker types [`Json`], [`NoContent`], [`Text`] and
/// [`Binary`]; generated code picks one per operation.
//@ end
pub trait Decode: sealed::Sealed + 'static {
    /// What [`Request::send`](crate::runtime::Request::send) returns.
    type Output: Send + 'static;
    /// What [`Request::send_raw`](crate::runtime::Request::send_raw) returns
    //@ if envelopes
    /// as the body, e.g. the whole envelope.
    //@ else
    /// as the body.
    //@ end
    type Raw: Send + 'static;

    /// The `Accept` header sent with the request.
    const ACCEPT: &'static str;

    //@ if envelopes
    /// Whether the body is a Cloudflare envelope, which paging reads
    /// through to find the items and `result_info`.
    const ENVELOPE: bool = false;

    //@ end
    /// Reads a 2xx response body.
    ///
    /// # Errors
    ///
    //@ if envelopes
    /// [`Error::Decode`] when the body does not have the expected shape, and
    /// [`Error::Api`] when an envelope reports `success: false`.
    //@ else
    /// [`Error::Decode`] when the body does not have the expected shape.
    //@ end
    fn decode(
        operation: &'static str,
        status: StatusCode,
        headers: &HeaderMap,
        body: Bytes,
    ) -> Result<Self::Raw, Error>;

    /// Extracts the output from the raw body.
    fn output(raw: Self::Raw) -> Self::Output;
}

/// A plain JSON body that is a `T`.
#[derive(Debug)]
pub struct Json<T>(PhantomData<fn() -> T>);

/// A response whose body, if any, is ignored.
#[derive(Debug)]
pub struct NoContent;

/// A text body; invalid UTF-8 is a decode error.
#[derive(Debug)]
pub struct Text;

/// A body returned as raw bytes.
#[derive(Debug)]
pub struct Binary;

impl<T> sealed::Sealed for Json<T> {}
impl sealed::Sealed for NoContent {}
impl sealed::Sealed for Text {}
impl sealed::Sealed for Binary {}

impl<T: DeserializeOwned + Send + 'static> Decode for Json<T> {
    type Output = T;
    type Raw = T;

    const ACCEPT: &'static str = "application/json";

    fn decode(operation: &'static str, status: StatusCode, _: &HeaderMap, body: Bytes) -> Result<T, Error> {
        // An operation may answer 200 with a body or 204 without one: an
        // empty body reads as `null`, which suits `Option` and `()` results
        // and is a clear decode error for the rest.
        if body.iter().all(u8::is_ascii_whitespace) {
            return from_json(operation, status, b"null");
        }
        from_json(operation, status, &body)
    }

    fn output(raw: T) -> T {
        raw
    }
}

impl Decode for NoContent {
    type Output = ();
    type Raw = ();

    const ACCEPT: &'static str = "application/json";

    fn decode(_: &'static str, _: StatusCode, _: &HeaderMap, _: Bytes) -> Result<(), Error> {
        Ok(())
    }

    fn output((): ()) {}
}

impl Decode for Text {
    type Output = String;
    type Raw = String;

    const ACCEPT: &'static str = "text/plain, */*;q=0.8";

    fn decode(operation: &'static str, status: StatusCode, _: &HeaderMap, body: Bytes) -> Result<String, Error> {
        String::from_utf8(body.to_vec()).map_err(|source| Error::Decode {
            operation,
            status,
            path: ".".to_owned(),
            source: Box::new(source),
        })
    }

    fn output(raw: String) -> String {
        raw
    }
}

impl Decode for Binary {
    type Output = Bytes;
    type Raw = Bytes;

    const ACCEPT: &'static str = "*/*";

    fn decode(_: &'static str, _: StatusCode, _: &HeaderMap, body: Bytes) -> Result<Bytes, Error> {
        Ok(body)
    }

    fn output(raw: Bytes) -> Bytes {
        raw
    }
}

/// Parses JSON, reporting the path of the first value that did not fit.
pub(crate) fn from_json<T: DeserializeOwned>(
    operation: &'static str,
    status: StatusCode,
    body: &[u8],
) -> Result<T, Error> {
    let error =
        |path: String, source: serde_json::Error| Error::Decode { operation, status, path, source: Box::new(source) };
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    let value =
        serde_path_to_error::deserialize(&mut deserializer).map_err(|e| error(e.path().to_string(), e.into_inner()))?;
    // Trailing garbage after a valid document is malformed too.
    deserializer.end().map_err(|e| error(".".to_owned(), e))?;
    Ok(value)
}
//@ if tests

#[cfg(test)]
mod tests {
    use super::*;

    fn json<T: DeserializeOwned + Send + 'static>(body: &'static [u8]) -> Result<T, Error> {
        Json::<T>::decode("op", StatusCode::OK, &HeaderMap::new(), Bytes::from_static(body))
    }

    #[test]
    fn an_empty_json_body_is_null() {
        assert_eq!(json::<Option<u32>>(b"").ok(), Some(None));
        assert_eq!(json::<Option<u32>>(b" \n").ok(), Some(None));
        assert_eq!(json::<Option<u32>>(b"7").ok(), Some(Some(7)));
        let err = json::<u32>(b"").expect_err("a required value cannot be empty");
        assert!(matches!(err, Error::Decode { operation: "op", .. }), "{err:?}");
    }
}
//@ end
