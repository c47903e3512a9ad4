//! How a successful response body becomes the value an operation returns.

use std::marker::PhantomData;

use bytes::Bytes;
use reqwest::header::HeaderMap;
use reqwest::StatusCode;
use serde::de::DeserializeOwned;

use crate::runtime::envelope::{EnvelopeMeta, EnvelopeWire};
use crate::runtime::{ApiEnvelope, Error};

mod sealed {
    pub trait Sealed {}
}

/// What an operation's successful (2xx) response contains and how to read
/// it. Implemented by the marker types [`Envelope`], [`Json`], [`NoContent`],
/// [`Text`] and [`Binary`]; generated code picks one per operation.
pub trait Decode: sealed::Sealed + 'static {
    /// What [`Request::send`](crate::runtime::Request::send) returns.
    type Output: Send + 'static;
    /// What [`Request::send_raw`](crate::runtime::Request::send_raw) returns
    /// as the body, e.g. the whole envelope.
    type Raw: Send + 'static;

    /// The `Accept` header sent with the request.
    const ACCEPT: &'static str;

    /// Whether the body is a Cloudflare envelope, which paging reads
    /// through to find the items and `result_info`.
    const ENVELOPE: bool = false;

    /// Reads a 2xx response body.
    ///
    /// # Errors
    ///
    /// [`Error::Decode`] when the body does not have the expected shape, and
    /// [`Error::Api`] when an envelope reports `success: false`.
    fn decode(
        operation: &'static str,
        status: StatusCode,
        headers: &HeaderMap,
        body: Bytes,
    ) -> Result<Self::Raw, Error>;

    /// Extracts the output from the raw body.
    fn output(raw: Self::Raw) -> Self::Output;
}

/// A Cloudflare envelope `{success, errors, messages, result}` whose
/// `result` is a `T`; the output is the unwrapped `result`.
///
/// An envelope with `success: false` is an [`Error::Api`] even with a 2xx
/// status. An absent or `null` `result` is accepted when `T` accepts `null`
/// (an `Option` or `()`).
#[derive(Debug)]
pub struct Envelope<T>(PhantomData<fn() -> T>);

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

impl<T> sealed::Sealed for Envelope<T> {}
impl<T> sealed::Sealed for Json<T> {}
impl sealed::Sealed for NoContent {}
impl sealed::Sealed for Text {}
impl sealed::Sealed for Binary {}

impl<T: DeserializeOwned + Send + 'static> Decode for Envelope<T> {
    type Output = T;
    type Raw = ApiEnvelope<T>;

    const ACCEPT: &'static str = "application/json";
    const ENVELOPE: bool = true;

    fn decode(
        operation: &'static str,
        status: StatusCode,
        headers: &HeaderMap,
        body: Bytes,
    ) -> Result<Self::Raw, Error> {
        // Checked before the full parse so that a failure whose `result` has
        // an unexpected shape is still reported as the API's error.
        if let Some(meta) = EnvelopeMeta::sniff(&body) {
            if meta.success == Some(false) {
                return Err(Error::api(operation, status, headers.clone(), meta));
            }
        }
        let wire: EnvelopeWire<T> = from_json(operation, status, &body)?;
        let result = match wire.result {
            Some(result) => result,
            None => T::deserialize(serde_json::Value::Null).map_err(|source| Error::Decode {
                operation,
                status,
                path: "result".to_owned(),
                source: Box::new(source),
            })?,
        };
        Ok(ApiEnvelope {
            success: wire.success,
            errors: wire.errors,
            messages: wire.messages,
            result,
            result_info: wire.result_info,
        })
    }

    fn output(raw: Self::Raw) -> T {
        raw.result
    }
}

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
fn from_json<T: DeserializeOwned>(operation: &'static str, status: StatusCode, body: &[u8]) -> Result<T, Error> {
    let error =
        |path: String, source: serde_json::Error| Error::Decode { operation, status, path, source: Box::new(source) };
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    let value =
        serde_path_to_error::deserialize(&mut deserializer).map_err(|e| error(e.path().to_string(), e.into_inner()))?;
    // Trailing garbage after a valid document is malformed too.
    deserializer.end().map_err(|e| error(".".to_owned(), e))?;
    Ok(value)
}

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
