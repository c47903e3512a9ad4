//! The `…_events` method of an operation with server-sent events: the
//! operation's own request, sent with `Accept: text/event-stream` and read
//! event by event by the runtime's `Events`.

use super::docs::doc_attrs;
use super::gates;
use super::signature::{self, Scope};
use crate::model::{EventStream, TypeRef};
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

/// What the events method shares with its operation's method.
pub struct Shared<'a> {
    /// The operation's method, which builds the request.
    pub operation: &'a Ident,
    /// Its arguments (`name: Type`) and their names.
    pub args: &'a [TokenStream],
    pub arg_names: &'a [Ident],
    pub cfg: &'a TokenStream,
    pub deprecated: Option<&'a TokenStream>,
    pub features: &'a [String],
    /// The operation takes a request body, which may choose streaming.
    pub has_body: bool,
}

/// `events`' method, to be placed beside its operation's.
pub fn method(events: &EventStream, shared: &Shared) -> TokenStream {
    let Shared { operation, args, arg_names, cfg, deprecated, features, has_body } = shared;
    let ident = format_ident!("{}", events.method);
    let data = signature::of(&events.data).tokens(Scope::Outside);
    // Data declared as a string (or not at all) is the text as sent.
    let read = match events.data {
        TypeRef::String => quote!(text),
        _ => quote!(json),
    };
    let what = format!(
        "The server-sent events of [`{operation}`](Self::{operation}), read as they arrive \
         (`Accept: text/event-stream`): each event's data is a `{}`.",
        signature::of(&events.data).code(Scope::Outside)
    );
    let mut how =
        String::from("The stream ends at the end of the body or at a `[DONE]` event; an `error` event is an error.");
    if *has_body {
        how.push_str(" Where the request body chooses streaming (e.g. `stream: true`), set it.");
    }
    let last = gates::with_doc_line(&how, features);
    let docs = doc_attrs([Some(what.as_str()), Some(last.as_str())]);
    let allow = deprecated.map(|_| quote!(#[allow(deprecated)]));
    quote! {
        #cfg
        #docs
        #deprecated
        #allow
        #[inline] // As the operation's method (`operations.rs`).
        pub fn #ident(&self, #(#args),*) -> runtime::EventsRequest<#data> {
            runtime::EventsRequest::#read(self.#operation(#(#arg_names),*))
        }
    }
}
