//! One `Client` method per operation, and the `{Op}Params` struct that
//! gathers its query and header parameters.

use super::docs::doc_attrs;
use super::gates;
use super::signature::{self, Scope};
use crate::model::{
    Body, BodyKind, ErrorBody, ListStyle, NextPage, Operation, PageMetadata, Pagination, Param, ParamLocation,
    ParamShape, ParamsStruct, PathSegment, PathStyle,
};
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

/// One call on the request under construction.
enum Step {
    /// `.call(…)`, always made.
    Always(TokenStream),
    /// `.call(…)` with `binding`, made only when `value` is `Some`.
    IfSome { value: TokenStream, binding: Ident, call: TokenStream },
}

/// What every operations file imports; the methods are written with these
/// short names.
pub fn imports() -> TokenStream {
    quote! {
        // Unused where every operation is behind a feature that is off.
        #[allow(unused_imports)]
        use crate::runtime::{self, PathBuilder, Request};
        #[allow(unused_imports)]
        use crate::types;
        #[allow(unused_imports)]
        use reqwest::Method;
    }
}

/// The operation's method, to be placed in an `impl Client` block.
pub fn method(op: &Operation) -> TokenStream {
    let Operation {
        name,
        operation_id: _,
        method,
        path,
        segments,
        summary,
        description,
        deprecated,
        tags: _,
        path_params,
        params,
        body,
        response,
        errors,
        security,
        pagination,
        events,
        source: _,
        features,
        dropped,
    } = op;
    let fn_ident = format_ident!("{}", name);
    let endpoint = format!("`{} {}`", method.as_str(), path);
    // The endpoint, the feature and the error bodies share a paragraph: a
    // paragraph of its own costs a line per item on large APIs.
    let mut endpoint = gates::with_doc_line(&endpoint, features);
    if let Some(errors) = error_docs(errors) {
        endpoint = format!("{endpoint}\n{errors}");
    }
    if let Some(form) = super::multipart::body_docs(body.as_ref()) {
        endpoint = format!("{endpoint}\n{form}");
    }
    let incomplete = incomplete_docs(dropped);
    let docs = doc_attrs([summary.as_deref(), description.as_deref(), Some(endpoint.as_str()), incomplete.as_deref()]);
    let cfg = gates::cfg(features);
    let deprecated = deprecated.then(|| quote!(#[deprecated]));

    let mut args = Vec::new();
    let mut arg_names = Vec::new();
    for p in path_params {
        let ident = format_ident!("{}", p.name.rust);
        let ty = signature::path_arg(p).tokens(Scope::Outside);
        args.push(quote!(#ident: #ty));
        arg_names.push(ident);
    }
    let path_steps = segments.iter().map(|s| match s {
        PathSegment::Literal(l) => quote!(.literal(#l)),
        PathSegment::Param(i) => {
            let p = &path_params[*i];
            let wire = &p.name.wire;
            let ident = format_ident!("{}", p.name.rust);
            let style = path_style(p);
            match (p.shape, p.path_style) {
                (ParamShape::Scalar, PathStyle::Simple) => quote!(.param(#wire, #ident)),
                (ParamShape::Json, PathStyle::Simple) => quote!(.param(#wire, json_text(#ident))),
                (ParamShape::Scalar, _) => quote!(.param_styled(#wire, #ident, #style)),
                (ParamShape::Json, _) => quote!(.param_styled(#wire, json_text(#ident), #style)),
                (ParamShape::List, _) => quote!(.param_list(#wire, #ident, #style)),
                (ParamShape::Object, _) => quote!(.param_object(#wire, #ident, #style)),
            }
        }
    });

    let mut steps = Vec::new();
    if let Some(requirement) = security {
        let requirement = super::auth::requirement_tokens(requirement);
        steps.push(Step::Always(quote!(.security(#requirement))));
    }
    if !errors.is_empty() {
        let decoders = errors.iter().map(|e| {
            let status = &e.status;
            let ty = signature::of(&e.ty).tokens(Scope::Outside);
            quote!((#status, runtime::decode_error_body::<#ty>))
        });
        steps.push(Step::Always(quote!(.error_bodies(&[#(#decoders),*]))));
    }
    if let Some(ParamsStruct { type_name, fields, default: _ }) = params {
        let ty = format_ident!("{}", type_name);
        args.push(quote!(params: &types::#ty));
        arg_names.push(format_ident!("params"));
        steps.extend(fields.iter().map(param_step));
    }
    if let Some(body) = body {
        let ty = signature::body_arg(body).tokens(Scope::Outside);
        args.push(quote!(body: #ty));
        arg_names.push(format_ident!("body"));
        steps.push(body_step(body));
    }
    let decode = signature::decoded(response).tokens(Scope::Outside);
    let method_ident = format_ident!("{}", method.as_str());
    let op_name = name.as_str();
    let new_request = quote!(Request::of(self, Method::#method_ident, path).operation(#op_name));
    let build = build_request(new_request, steps);
    let stream = pagination.as_ref().map(|paging| {
        let stream_ident = format_ident!("{}", paging.method);
        let item = signature::of(&paging.item).tokens(Scope::Outside);
        // The default, `serde_json::Value`, is left unwritten.
        let metadata = paging.metadata.as_ref().map(|m| {
            let ty = signature::of(m.ty()).tokens(Scope::Outside);
            quote!(, #ty)
        });
        let constructor = format_ident!(
            "{}",
            match paging.metadata {
                Some(PageMetadata::ResultInfo(_)) => "with_metadata",
                Some(PageMetadata::Body(_)) => "with_body",
                None => "new",
            }
        );
        let how = paging_expr(paging);
        let docs = stream_docs(name, paging, features);
        let allow = deprecated.as_ref().map(|_| quote!(#[allow(deprecated)]));
        quote! {
            #cfg
            #docs
            #deprecated
            #allow
            #[inline] // As the operation's method (below).
            pub fn #stream_ident(&self, #(#args),*) -> runtime::Pages<#item #metadata> {
                runtime::Pages::#constructor(self.#fn_ident(#(#arg_names),*), #how)
            }
        }
    });
    let events = events.as_ref().map(|events| {
        let shared = super::events::Shared {
            operation: &fn_ident,
            args: &args,
            arg_names: &arg_names,
            cfg: &cfg,
            deprecated: deprecated.as_ref(),
            features,
            has_body: body.is_some(),
        };
        super::events::method(events, &shared)
    });
    // `#[inline]` on every method that builds a call: a library compiles an
    // inline function only where it is called, as it does a generic one.
    // Without it a release build of the crate compiled every operation's
    // method and, through it, every request body's `Serialize` with
    // serde_json, for the few a program calls (Cloudflare 2026: 125 s to
    // build, 60 s with it; see docs/compile-cost.md).
    quote! {
        #cfg
        #docs
        #deprecated
        #[inline]
        pub fn #fn_ident(&self, #(#args),*) -> Request<#decode> {
            let path = PathBuilder::new() #(#path_steps)*;
            #build
        }
        #stream
        #events
    }
}

/// The runtime's `PathStyle` for a path parameter.
fn path_style(p: &Param) -> TokenStream {
    let explode = p.list == ListStyle::Repeated;
    match p.path_style {
        PathStyle::Simple if !explode && p.list.path_separator() == "," => quote!(runtime::PathStyle::SIMPLE),
        PathStyle::Simple => {
            let separator = p.list.path_separator();
            quote!(runtime::PathStyle::Simple { separator: #separator, explode: #explode })
        }
        PathStyle::Label => quote!(runtime::PathStyle::Label { explode: #explode }),
        PathStyle::Matrix => quote!(runtime::PathStyle::Matrix { explode: #explode }),
    }
}

/// Which type each error response's body has, and how to read it.
fn error_docs(errors: &[ErrorBody]) -> Option<String> {
    // One line: large APIs declare error bodies on hundreds of operations.
    let first = errors.first()?;
    let listed: Vec<String> = errors.iter().map(|e| format!("`{}` `{}`", e.status, spelled(&e.ty))).collect();
    Some(format!(
        "Error bodies ([`Error::Response`](crate::Error::Response), read with `err.body::<{}>()`): {}.",
        spelled(&first.ty),
        listed.join(", ")
    ))
}

/// What the method leaves out of what the spec declares, when it does.
fn incomplete_docs(dropped: &[crate::model::Dropped]) -> Option<String> {
    if dropped.is_empty() {
        return None;
    }
    let listed: Vec<String> = dropped.iter().map(ToString::to_string).collect();
    Some(format!(
        "# Incomplete\n\nThe generator could not read all of this operation from the spec; left out: {}.",
        listed.join(", ")
    ))
}

/// A type as the docs spell it, e.g. `types::Error`.
fn spelled(ty: &crate::model::TypeRef) -> String {
    signature::of(ty).code(Scope::Outside)
}

/// The runtime's description of how `paging` pages: one `const fn` call.
fn paging_expr(paging: &Pagination) -> TokenStream {
    let items = &paging.items;
    match &paging.next {
        NextPage::Number { param } => quote!(runtime::Paging::numbered(&[#(#items),*], #param)),
        NextPage::Cursor { field, param } => quote!(runtime::Paging::cursor(&[#(#items),*], &[#(#field),*], #param)),
        NextPage::Token { field, param, keep } => {
            quote!(runtime::Paging::token(&[#(#items),*], &[#(#field),*], #param, &[#(#keep),*]))
        }
    }
}

/// The stream method's docs: what it yields and how it pages.
fn stream_docs(operation: &str, paging: &Pagination, features: &[String]) -> TokenStream {
    let how = match &paging.next {
        NextPage::Number { param } => format!("asks for the next `{param}` until a page is empty"),
        NextPage::Cursor { field, param } => format!("sends `{}` back as `{param}`", field.join(".")),
        NextPage::Token { field, param, keep } => {
            let kept: Vec<String> = keep.iter().map(|k| format!("`{k}`")).collect();
            format!("sends `{}` back as `{param}` with only {}", field.join("."), kept.join(", "))
        }
    };
    let what = format!("Every item of [`{operation}`](Self::{operation}), across pages: {how}.");
    let pages = match &paging.metadata {
        Some(PageMetadata::ResultInfo(_)) => {
            "[`by_page`](runtime::Pages::by_page) walks the pages instead, each with its typed \
                    [`result_info`](runtime::Page::result_info)."
        }
        Some(PageMetadata::Body(_)) => {
            "[`by_page`](runtime::Pages::by_page) walks the pages instead, each with its typed \
                    [`body`](runtime::Page::body)."
        }
        None => "[`by_page`](runtime::Pages::by_page) walks the pages instead.",
    };
    let last = gates::with_doc_line(pages, features);
    doc_attrs([Some(what.as_str()), Some(last.as_str())])
}

/// The request with its steps made: one chained expression while every
/// step is always made, and a `mut` binding only from the first optional
/// step on (steps keep their order, which is the order on the wire).
fn build_request(new_request: TokenStream, steps: Vec<Step>) -> TokenStream {
    let first_optional = steps.iter().position(|s| matches!(s, Step::IfSome { .. })).unwrap_or(steps.len());
    let mut steps = steps.into_iter();
    let chained: Vec<TokenStream> = steps
        .by_ref()
        .take(first_optional)
        .map(|s| match s {
            Step::Always(call) => call,
            Step::IfSome { .. } => unreachable!("only steps before the first optional one are taken"),
        })
        .collect();
    let rest: Vec<TokenStream> = steps
        .map(|s| match s {
            Step::Always(call) => quote!(request = request #call;),
            Step::IfSome { value, binding, call } => {
                quote!(if let Some(#binding) = #value { request = request #call; })
            }
        })
        .collect();
    if rest.is_empty() {
        quote!(#new_request #(#chained)*)
    } else {
        quote! {
            let mut request = #new_request #(#chained)*;
            #(#rest)*
            request
        }
    }
}

/// A parameter's step: always one chained call, since an optional
/// parameter goes to the runtime's `_opt` methods as an `Option`.
fn param_step(p: &Param) -> Step {
    let wire = &p.name.wire;
    let ident = format_ident!("{}", p.name.rust);
    let (value, opt) =
        if p.required { (quote!(&params.#ident), None) } else { (quote!(params.#ident.as_ref()), Some("_opt")) };
    let method = |name: &str| format_ident!("{name}{}", opt.unwrap_or_default());
    Step::Always(match (p.location, p.shape) {
        // Headers use OpenAPI's `simple` style: lists comma-joined,
        // objects as `k,v` pairs (`k=v` when exploded).
        (ParamLocation::Header, ParamShape::List) => {
            let call = method("header_list");
            quote!(.#call(#wire, #value))
        }
        (ParamLocation::Header, ParamShape::Json | ParamShape::Object) => {
            let call = method("header_object");
            let explode = p.list == ListStyle::Repeated;
            quote!(.#call(#wire, #value, #explode))
        }
        (ParamLocation::Header, ParamShape::Scalar) => {
            let call = method("header_param");
            quote!(.#call(#wire, #value))
        }
        (_, ParamShape::List) => {
            let separator = match p.list.separator() {
                Some(separator) => quote!(Some(#separator)),
                None => quote!(None),
            };
            let call = method("query_array");
            quote!(.#call(#wire, #value, #separator))
        }
        (_, ParamShape::Json | ParamShape::Object) => {
            let call = method("query");
            let text = if p.required { quote!(json_text(#value)) } else { quote!(#value.map(json_text)) };
            quote!(.#call(#wire, #text))
        }
        (_, ParamShape::Scalar) => {
            let call = method("query");
            quote!(.#call(#wire, #value))
        }
    })
}

/// A parameter's call on a request, for the mocks, which write the same
/// parameters to compare them with what the client sent.
pub fn param_call(p: &Param) -> TokenStream {
    match param_step(p) {
        Step::Always(call) | Step::IfSome { call, .. } => call,
    }
}

fn body_step(body: &Body) -> Step {
    let Body { kind, required, docs: _ } = body;
    let binding = format_ident!("body");
    let call = match kind {
        BodyKind::Json(_) => quote!(.json_body(#binding)),
        BodyKind::Form(_) => quote!(.form_body(#binding)),
        BodyKind::Multipart(Some(_)) if *required => quote!(.multipart_body(#binding.into())),
        BodyKind::Multipart(_) => quote!(.multipart_body(#binding)),
        BodyKind::Text { content_type } => quote!(.text_body(#binding, #content_type)),
        BodyKind::Bytes { content_type } => quote!(.bytes_body(#binding, #content_type)),
    };
    if *required {
        Step::Always(call)
    } else {
        Step::IfSome { value: quote!(body), binding, call }
    }
}

/// The parameters of `op` the generated code writes as JSON text, with
/// [`json_text_helper`] (in the method) or the runtime's `json_text` (in
/// the mock).
pub fn json_text_params(op: &Operation) -> impl Iterator<Item = &Param> {
    let fields = op.params.iter().flat_map(|ps| ps.fields.iter());
    op.path_params.iter().chain(fields).filter(|p| p.shape == ParamShape::Json)
}

/// Writes a value that has no text form of its own as JSON text; a JSON
/// string is written without quotes.
pub fn json_text_helper() -> TokenStream {
    quote! {
        // Unused where every operation needing it is behind a feature that is off.
        #[allow(dead_code)]
        fn json_text<T: ::serde::Serialize + ?Sized>(value: &T) -> String {
            match ::serde_json::to_value(value) {
                Ok(::serde_json::Value::String(text)) => text,
                Ok(other) => other.to_string(),
                Err(_) => String::new(),
            }
        }
    }
}
