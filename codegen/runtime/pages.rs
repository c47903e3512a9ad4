//! Lists that come a page at a time, read as one stream of items.
//!
//! A generated `…_stream` method builds the first page's [`Request`] as the
//! operation's own method does and hands it to [`Pages::new`] with the
//! operation's [`Paging`]. Every further page is that request with its
//! paging query parameter changed, so each one gets the client's auth,
//! retries and timeout, and the caller's filters. Nothing runs in the
//! background: a page is fetched when the stream is polled past the items
//! already received, so dropping the stream stops fetching.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{ready, Context, Poll};

use futures_core::Stream;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::runtime::{Decode, Error, Json, Request};

/// Where an operation's items are and how it asks for the next page.
/// Generated code writes one per paging operation.
#[derive(Clone, Copy, Debug)]
pub struct Paging {
    //@ if envelopes
    /// Property names leading to the array of items in the body (the whole
    /// envelope, for enveloped operations).
    //@ else
    /// Property names leading to the array of items in the body.
    //@ end
    items: &'static [&'static str],
    next: Next,
}

#[derive(Clone, Copy, Debug)]
enum Next {
    /// Numbered pages.
    Number { param: &'static str },
    /// A cursor that is sent back with every other parameter.
    Cursor { field: &'static [&'static str], param: &'static str },
    /// A token that stands for the whole query (Dropshot's `page_token`).
    Token { field: &'static [&'static str], param: &'static str, keep: &'static [&'static str] },
}

impl Paging {
    /// Numbered pages (`page`/`per_page` lists): the query
    /// parameter `param` is set to the last page's number + 1 (the first
    /// page is the one the call asked for, 1 if it did not say) until a page
    /// comes back empty. Every other parameter is sent with every page.
    pub const fn numbered(items: &'static [&'static str], param: &'static str) -> Self {
        Self { items, next: Next::Number { param } }
    }

    /// Cursor pages: the text at `field` in a page's body is sent as the
    /// query parameter `param` for the next page, with every other
    /// parameter. The list ends with a page that is empty or has no cursor.
    pub const fn cursor(items: &'static [&'static str], field: &'static [&'static str], param: &'static str) -> Self {
        Self { items, next: Next::Cursor { field, param } }
    }

    /// Token pages, as Dropshot (Oxide) serves them: the text at `field` is
    /// sent as `param`, and of the other query parameters only those in
    /// `keep`, because the token stands for the rest. The list ends with a
    /// page without a token.
    pub const fn token(
        items: &'static [&'static str],
        field: &'static [&'static str],
        param: &'static str,
        keep: &'static [&'static str],
    ) -> Self {
        Self { items, next: Next::Token { field, param, keep } }
    }

    /// The request for the page after the one `sent` fetched, whose body
    /// (without its items) is `rest`; `None` when that was the last page.
    fn next_request<D: Decode>(&self, sent: &Request<D>, rest: &Value, empty: bool) -> Option<Request<D>> {
        let mut next = sent.clone();
        match self.next {
            Next::Number { param } => {
                if empty {
                    return None;
                }
                let current = sent.query_value(param).and_then(|p| p.parse::<u64>().ok()).unwrap_or(1);
                next.set_query(param, &current.saturating_add(1).to_string());
            }
            Next::Cursor { field, param } => {
                let cursor = text_at(rest, field).filter(|_| !empty)?;
                // A server that hands back the cursor it was sent would
                // otherwise be asked for the same page forever.
                if sent.query_value(param).as_deref() == Some(cursor.as_str()) {
                    return None;
                }
                next.set_query(param, &cursor);
            }
            Next::Token { field, param, keep } => {
                let token = text_at(rest, field)?;
                if sent.query_value(param).as_deref() == Some(token.as_str()) {
                    return None;
                }
                next.retain_query(|name| keep.contains(&name));
                next.set_query(param, &token);
            }
        }
        Some(next)
    }
}

/// One page of a list: its items and everything else its body said.
///
//@ if envelopes
/// `M` is the type of what the spec declares beside the items: the
/// envelope's `result_info` (read by [`result_info`](Self::result_info)),
/// or for a list without an envelope the body's own struct (read by
/// [`body`](Self::body)). The list's method names it; else it is JSON.
//@ else
/// `M` is the body's own struct where the spec declares one (read by
/// [`body`](Self::body); the list's method names it), else JSON.
//@ end
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Page<T, M = Value> {
    /// The page's items, in the order received.
    pub items: Vec<T>,
    //@ if envelopes
    /// The body without its items: for Cloudflare's envelope `success`,
    /// `errors`, `messages` and `result_info`; otherwise the list's own
    /// fields, such as Oxide's `next_page`.
    //@ else
    /// The body without its items: the list's own fields, such as Oxide's
    /// `next_page`.
    //@ end
    pub metadata: Value,
    /// The part of the body read as an `M`.
    typed: Typed<M>,
}

/// Which part of a page's body is read as its `M`, as the list's method
/// chose; each accessor answers only for its own part, so an `M` is never
/// handed out as something it is not.
#[derive(Clone, Debug, PartialEq)]
enum Typed<M> {
    None,
    Body(M),
    //@ if envelopes
    ResultInfo(M),
    //@ end
}

/// What [`fetch`] reads as a page's `M`.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Read {
    //@ if envelopes
    /// The envelope's `result_info`.
    ResultInfo,
    //@ else
    /// Nothing: `M` is unused.
    Nothing,
    //@ end
    /// The body itself.
    Body,
}

impl<T, M> Page<T, M> {
    //@ if envelopes
    /// The envelope's `result_info` (page numbers, counts, cursors), when
    /// the API sent one: of the type the spec declares for it, else JSON.
    /// `None` for a list whose pages are read by [`body`](Self::body).
    pub fn result_info(&self) -> Option<&M> {
        match &self.typed {
            Typed::ResultInfo(info) => Some(info),
            _ => None,
        }
    }

    //@ end
    /// The whole body as the struct the spec declares for it (Oxide's
    /// `{items, next_page}`): its own fields, such as `next_page`, typed.
    /// Its list of items is empty, because the items are read once, into
    /// [`items`](Self::items). `None` for a list whose method does not
    /// name the body's type.
    //@ if envelopes
    ///
    /// Named apart from `result_info` because it is a different part of
    /// the body: the envelope's metadata is one member of it, while here
    /// the metadata is the body itself.
    //@ end
    pub fn body(&self) -> Option<&M> {
        match &self.typed {
            Typed::Body(body) => Some(body),
            _ => None,
        }
    }
}

type Fetch<T, M> = Pin<Box<dyn Future<Output = Result<(Page<T, M>, Option<Request<Json<Value>>>), Error>> + Send>>;

/// Every item of a paging operation, across pages: a
/// [`Stream`](futures_core::Stream) of `Result<T, Error>`.
///
/// Pages are fetched one at a time, when the items already received are
/// used up. An error ends the stream after it is yielded; dropping the
/// stream stops fetching. [`by_page`](Self::by_page) walks the pages
/// instead, with what each says besides its items.
#[must_use = "streams do nothing unless polled"]
pub struct Pages<T, M = Value> {
    pages: ByPage<T, M>,
    items: std::vec::IntoIter<T>,
}

/// The pages of a paging operation, one at a time: a
/// [`Stream`](futures_core::Stream) of `Result<Page<T, M>, Error>`, from
/// [`Pages::by_page`].
///
/// Every page fetched is yielded, so a numbered list ends with the empty
/// page that told it to stop.
#[must_use = "streams do nothing unless polled"]
pub struct ByPage<T, M = Value> {
    paging: Paging,
    read: Read,
    //@ if envelopes
    envelope: bool,
    //@ end
    /// The request for the next page; `None` after the last page.
    next: Option<Request<Json<Value>>>,
    in_flight: Option<Fetch<T, M>>,
}

impl<T: DeserializeOwned + Send + 'static> Pages<T> {
    /// Every item of the list whose first page `first` asks for.
    pub fn new<D: Decode>(first: Request<D>, paging: Paging) -> Self {
        Self::with_metadata(first, paging)
    }
}

impl<T: DeserializeOwned + Send + 'static, M: DeserializeOwned + Send + 'static> Pages<T, M> {
    //@ if envelopes
    /// As [`new`](Pages::new), with each page's `result_info` read as an `M`.
    //@ else
    /// As [`new`](Pages::new); `M` is a type pages do not read.
    //@ end
    pub fn with_metadata<D: Decode>(first: Request<D>, paging: Paging) -> Self {
        //@ if envelopes
        Self::reading(first, paging, Read::ResultInfo)
        //@ else
        Self::reading(first, paging, Read::Nothing)
        //@ end
    }

    /// As [`new`](Pages::new), with each page's whole body read as an `M`
    /// (its struct, with an empty list where the items were), for
    /// [`Page::body`].
    pub fn with_body<D: Decode>(first: Request<D>, paging: Paging) -> Self {
        Self::reading(first, paging, Read::Body)
    }

    fn reading<D: Decode>(first: Request<D>, paging: Paging, read: Read) -> Self {
        let pages = ByPage {
            paging,
            read,
            //@ if envelopes
            envelope: D::ENVELOPE,
            //@ end
            next: Some(first.decode_as()),
            in_flight: None,
        };
        Self { pages, items: Vec::new().into_iter() }
    }

    /// The pages themselves, from the first one not yet fetched.
    pub fn by_page(self) -> ByPage<T, M> {
        self.pages
    }
}

// The items are never pinned: the streams only move them out.
impl<T, M> Unpin for Pages<T, M> {}
impl<T, M> Unpin for ByPage<T, M> {}

impl<T: DeserializeOwned + Send + 'static, M: DeserializeOwned + Send + 'static> Stream for Pages<T, M> {
    type Item = Result<T, Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            if let Some(item) = this.items.next() {
                return Poll::Ready(Some(Ok(item)));
            }
            match ready!(Pin::new(&mut this.pages).poll_next(cx)) {
                Some(Ok(page)) => this.items = page.items.into_iter(),
                Some(Err(error)) => return Poll::Ready(Some(Err(error))),
                None => return Poll::Ready(None),
            }
        }
    }
}

impl<T: DeserializeOwned + Send + 'static, M: DeserializeOwned + Send + 'static> Stream for ByPage<T, M> {
    type Item = Result<Page<T, M>, Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        if this.in_flight.is_none() {
            let Some(request) = this.next.take() else { return Poll::Ready(None) };
            //@ if envelopes
            this.in_flight = Some(Box::pin(fetch(request, this.paging, this.read, this.envelope)));
            //@ else
            this.in_flight = Some(Box::pin(fetch(request, this.paging, this.read)));
            //@ end
        }
        let fetching = this.in_flight.as_mut().expect("a page is in flight");
        let fetched = ready!(fetching.as_mut().poll(cx));
        this.in_flight = None;
        Poll::Ready(Some(fetched.map(|(page, next)| {
            this.next = next;
            page
        })))
    }
}

impl<T, M> fmt::Debug for Pages<T, M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pages").field("pages", &self.pages).field("buffered", &self.items.len()).finish()
    }
}

impl<T, M> fmt::Debug for ByPage<T, M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ByPage")
            .field("paging", &self.paging)
            .field("next", &self.next)
            .field("in_flight", &self.in_flight.is_some())
            .finish()
    }
}

/// Sends one page's request; returns the page and the next page's request.
async fn fetch<T: DeserializeOwned, M: DeserializeOwned>(
    request: Request<Json<Value>>,
    paging: Paging,
    read: Read,
    //@ if envelopes
    envelope: bool,
    //@ end
) -> Result<(Page<T, M>, Option<Request<Json<Value>>>), Error> {
    let operation = request.operation_name();
    //@ if envelopes
    let (status, mut body) = if envelope {
        crate::runtime::envelope::send_page(request.clone()).await?
    } else {
        let (status, _, body) = request.clone().send_raw().await?.into_parts();
        (status, body)
    };
    //@ else
    let (status, _, mut body) = request.clone().send_raw().await?.into_parts();
    //@ end
    let taken = take_at(&mut body, paging.items);
    let had_items = !taken.is_null();
    let items = match taken {
        // An absent or `null` list is an empty one.
        Value::Null => Vec::new(),
        items => {
            serde_path_to_error::deserialize(items).map_err(|e| Error::Decode {
                operation,
                status,
                path: item_path(paging.items, &e.path().to_string()),
                source: Box::new(e.into_inner()),
            })?
        }
    };
    let next = paging.next_request(&request, &body, Vec::is_empty(&items));
    let decode = |at: &[&str], value: &Value| {
        serde_path_to_error::deserialize(value).map_err(|e| Error::Decode {
            operation,
            status,
            path: item_path(at, &e.path().to_string()),
            source: Box::new(e.into_inner()),
        })
    };
    let typed = match read {
        //@ if envelopes
        Read::ResultInfo => match body.get("result_info") {
            None | Some(Value::Null) => Typed::None,
            Some(info) => Typed::ResultInfo(decode(&["result_info"], info)?),
        },
        //@ else
        Read::Nothing => Typed::None,
        //@ end
        Read::Body => {
            // The struct may require its list: an empty one stands in for
            // the items already decoded, so no item is decoded twice.
            if had_items {
                put_at(&mut body, paging.items, Value::Array(Vec::new()));
            }
            let typed = decode(&[], &body);
            take_at(&mut body, paging.items);
            Typed::Body(typed?)
        }
    };
    Ok((Page { items, metadata: body, typed }, next))
}

/// Puts `value` at `path` in `body`, where [`take_at`] took it from.
fn put_at(body: &mut Value, path: &[&str], value: Value) {
    let Some((last, parents)) = path.split_last() else { return };
    let parent = parents.iter().try_fold(body, |at, key| at.get_mut(*key));
    if let Some(object) = parent.and_then(Value::as_object_mut) {
        object.insert((*last).to_string(), value);
    }
}

/// Removes the value at `path` from `body` and returns it (`null` when
/// absent), so the page's metadata is the body without its items.
fn take_at(body: &mut Value, path: &[&str]) -> Value {
    let Some((last, parents)) = path.split_last() else { return body.take() };
    let parent = parents.iter().try_fold(body, |at, key| at.get_mut(*key));
    parent.and_then(Value::as_object_mut).and_then(|object| object.remove(*last)).unwrap_or_default()
}

/// The text at `path`, when it is a non-empty string or a number.
fn text_at(body: &Value, path: &[&str]) -> Option<String> {
    let value = path.iter().try_fold(body, |at, key| at.get(*key))?;
    match value {
        Value::String(text) if !text.is_empty() => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        _ => None,
    }
}

/// A decode error's path within the whole body, e.g. `result[2].name`.
fn item_path(items: &[&str], inner: &str) -> String {
    let mut path = items.join(".");
    match inner {
        "." | "" => {}
        _ if inner.starts_with('[') || path.is_empty() => path.push_str(inner),
        _ => {
            path.push('.');
            path.push_str(inner);
        }
    }
    path
}
