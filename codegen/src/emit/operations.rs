//! One `Client` method per operation, and the `{Op}Params` struct that
//! gathers its query and header parameters.

use super::docs::doc_attrs;
use super::type_ref::{type_tokens, Scope};
use crate::model::{
    Body, BodyKind, Operation, Param, ParamLocation, ParamShape, ParamsStruct, PathSegment, Response, TypeRef,
};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// The `impl Client` block holding the operation's method.
pub fn operation(op: &Operation, aliases: &dyn Fn(&TypeRef) -> TypeRef) -> TokenStream {
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
        source: _,
    } = op;
    let fn_ident = format_ident!("{}", name);
    let endpoint = format!("`{} {}`", method.as_str(), path);
    let docs = doc_attrs([summary.as_deref(), description.as_deref(), Some(endpoint.as_str())]);
    let deprecated = deprecated.then(|| quote!(#[deprecated]));

    let mut args = Vec::new();
    for p in path_params {
        let ident = format_ident!("{}", p.name.rust);
        let ty = path_arg_type(p, aliases);
        args.push(quote!(#ident: #ty));
    }
    let path_steps = segments.iter().map(|s| match s {
        PathSegment::Literal(l) => quote!(.literal(#l)),
        PathSegment::Param(i) => {
            let p = &path_params[*i];
            let wire = &p.name.wire;
            let ident = format_ident!("{}", p.name.rust);
            match p.shape {
                ParamShape::Json => quote!(.param(#wire, json_text(&#ident))),
                _ => quote!(.param(#wire, #ident)),
            }
        }
    });

    let mut steps = Vec::new();
    if let Some(ParamsStruct { type_name, fields }) = params {
        let ty = format_ident!("{}", type_name);
        args.push(quote!(params: &types::#ty));
        steps.extend(fields.iter().map(param_step));
    }
    if let Some(body) = body {
        let (arg, step) = body_tokens(body);
        args.push(arg);
        steps.push(step);
    }
    let decode = decode_type(response);
    let method_ident = format_ident!("{}", method.as_str());
    let op_name = name.as_str();
    let new_request = quote!(crate::runtime::Request::new(self, ::reqwest::Method::#method_ident, #op_name, path));
    let build = if steps.is_empty() {
        new_request
    } else {
        quote! {
            let mut request = #new_request;
            #(#steps)*
            request
        }
    };
    quote! {
        impl crate::Client {
            #docs
            #deprecated
            pub fn #fn_ident(&self, #(#args),*) -> crate::runtime::Request<#decode> {
                let path = crate::runtime::PathBuilder::new() #(#path_steps)*;
                #build
            }
        }
    }
}

fn path_arg_type(p: &Param, aliases: &dyn Fn(&TypeRef) -> TypeRef) -> TokenStream {
    match (p.shape, aliases(&p.ty)) {
        (ParamShape::Scalar, TypeRef::String) => quote!(&str),
        (ParamShape::Scalar, _) => type_tokens(&p.ty, Scope::Outside),
        _ => {
            let ty = type_tokens(&p.ty, Scope::Outside);
            quote!(&#ty)
        }
    }
}

fn param_step(p: &Param) -> TokenStream {
    let wire = &p.name.wire;
    let ident = format_ident!("{}", p.name.rust);
    let add = |value: TokenStream| match (p.location, p.shape) {
        (ParamLocation::Header, _) => quote!(request = request.header_param(#wire, #value);),
        (_, ParamShape::List) => {
            let separator = match p.list.separator() {
                Some(separator) => quote!(Some(#separator)),
                None => quote!(None),
            };
            quote!(request = request.query_array(#wire, #value, #separator);)
        }
        (_, ParamShape::Json) => quote!(request = request.query(#wire, json_text(#value));),
        (_, ParamShape::Scalar) => quote!(request = request.query(#wire, #value);),
    };
    if p.required {
        add(quote!(&params.#ident))
    } else {
        let step = add(quote!(value));
        quote!(if let Some(value) = &params.#ident { #step })
    }
}

fn body_tokens(body: &Body) -> (TokenStream, TokenStream) {
    let Body { kind, required, docs: _ } = body;
    let (ty, step) = match kind {
        BodyKind::Json(ty) => {
            let ty = type_tokens(ty, Scope::Outside);
            (quote!(&#ty), quote!(json_body(body)))
        }
        BodyKind::Form(ty) => {
            let ty = type_tokens(ty, Scope::Outside);
            (quote!(&#ty), quote!(form_body(body)))
        }
        BodyKind::Multipart => (quote!(crate::runtime::Multipart), quote!(multipart_body(body))),
        BodyKind::Text { content_type } => (quote!(String), quote!(text_body(body, #content_type))),
        BodyKind::Bytes { content_type } => (quote!(Vec<u8>), quote!(bytes_body(body, #content_type))),
    };
    if *required {
        (quote!(body: #ty), quote!(request = request.#step;))
    } else {
        (quote!(body: Option<#ty>), quote!(if let Some(body) = body { request = request.#step; }))
    }
}

fn decode_type(response: &Response) -> TokenStream {
    match response {
        Response::Envelope(ty) => {
            let ty = type_tokens(ty, Scope::Outside);
            quote!(crate::runtime::Envelope<#ty>)
        }
        Response::Json(ty) => {
            let ty = type_tokens(ty, Scope::Outside);
            quote!(crate::runtime::Json<#ty>)
        }
        Response::Empty => quote!(crate::runtime::NoContent),
        Response::Text => quote!(crate::runtime::Text),
        Response::Bytes => quote!(crate::runtime::Binary),
    }
}

/// The struct of an operation's query and header parameters.
pub fn params_struct(params: &ParamsStruct, operation: &str) -> TokenStream {
    let ParamsStruct { type_name, fields } = params;
    let ident = format_ident!("{}", type_name);
    let all_optional = fields.iter().all(|f| !f.required);
    let default = all_optional.then(|| quote!(Default,));
    let fields = fields.iter().map(|p| {
        let ident = format_ident!("{}", p.name.rust);
        let ty = type_tokens(&p.ty, Scope::Types);
        let ty = if p.required { ty } else { quote!(Option<#ty>) };
        let where_ = match p.location {
            ParamLocation::Header => format!("Sent as the `{}` header.", p.name.wire),
            _ => format!("Sent as the `{}` query parameter.", p.name.wire),
        };
        let docs = doc_attrs([p.docs.as_deref(), Some(where_.as_str())]);
        quote! {
            #docs
            pub #ident: #ty,
        }
    });
    let doc = format!(" Query and header parameters of [`Client::{operation}`](crate::Client::{operation}).");
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, PartialEq, #default)]
        pub struct #ident {
            #(#fields)*
        }
    }
}

/// Writes a value that has no text form of its own as JSON text; a JSON
/// string is written without quotes.
pub fn json_text_helper() -> TokenStream {
    quote! {
        fn json_text<T: ::serde::Serialize + ?Sized>(value: &T) -> String {
            match ::serde_json::to_value(value) {
                Ok(::serde_json::Value::String(text)) => text,
                Ok(other) => other.to_string(),
                Err(_) => String::new(),
            }
        }
    }
}
