//! `src/mock.rs` (the `mock` feature): one function per operation
//! returning the runtime's generic `Mock`, typed with the operation's
//! result, path arguments, parameters struct, body and error body. All
//! matching and responding is the runtime's (`runtime/mock.rs`); each
//! operation costs one short function.

use super::docs::doc_attrs;
use super::gates;
use super::operations;
use super::signature::{self, RustType, Scope};
use crate::model::{Body, BodyKind, ErrorBody, Operation, Param, ParamLocation, ParamsStruct};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// The file's docs and imports.
pub fn head(uses_json_text: bool) -> TokenStream {
    let json_text = uses_json_text.then(|| {
        quote!(
            use crate::runtime::mock::json_text;
        )
    });
    quote! {
        //! Typed [wiremock](https://docs.rs/wiremock) mocks of every operation, for testing code that uses
        //! this client: one function per operation, returning a [`Mock`] preset to its method and path.
        // Unused where every operation is behind a feature that is off.
        #[allow(unused_imports)]
        use crate::{runtime, types};
        #json_text
        pub use crate::runtime::mock::{BytesBody, FormBody, JsonBody, Mock, MockBody, Respond, TextBody, Undeclared};
    }
}

/// Whether `op`'s mock writes a query parameter as JSON text (headers
/// and path parameters are written by the runtime, not by the mock).
pub fn uses_json_text(op: &Operation) -> bool {
    operations::json_text_params(op).any(|p| p.location == ParamLocation::Query)
}

/// The function returning `op`'s mock.
pub fn function(op: &Operation) -> TokenStream {
    let Operation {
        name,
        operation_id: _,
        method,
        path,
        segments: _,
        summary: _,
        description: _,
        deprecated: _,
        tags: _,
        path_params,
        params,
        body,
        response,
        errors,
        security: _,
        pagination: _,
        events: _,
        source: _,
        dropped: _,
        features,
    } = op;
    let line = format!("Mock of [`Client::{name}`](crate::Client::{name}).");
    let route = format!("{} {path}", method.as_str());
    let docs = doc_attrs([Some(gates::with_doc_line(&line, features).as_str())]);
    let cfg = gates::cfg(features);
    let fn_ident = format_ident!("{}", name);

    let paths: Vec<TokenStream> = path_params.iter().map(path_type).collect();
    let borrows = path_params.iter().any(|p| matches!(signature::path_arg(p), RustType::Ref(_)));
    let lifetime = borrows.then(|| quote!(<'a>));
    // Type arguments in `Mock`'s order; trailing defaults are left out.
    let mut args = vec![
        signature::decoded(response).tokens(Scope::Outside),
        match paths.as_slice() {
            [] => quote!(()),
            [one] => one.clone(),
            many => quote!((#(#many),*)),
        },
        match params {
            Some(ParamsStruct { type_name, .. }) => {
                let ident = format_ident!("{}", type_name);
                quote!(types::#ident)
            }
            None => quote!(()),
        },
        body.as_ref().map_or(quote!(()), body_type),
        error_type(errors).unwrap_or_else(|| quote!(Undeclared)),
    ];
    let defaults = [quote!(()).to_string(), quote!(()).to_string(), quote!(()).to_string(), "Undeclared".to_string()];
    while args.len() > 1 && args.last().map(ToString::to_string) == defaults.get(args.len() - 2).cloned() {
        args.pop();
    }
    let encoder = params.as_ref().map(|ParamsStruct { fields, .. }| {
        let calls = fields.iter().map(operations::param_call);
        quote!(.encoded_by(|request, params| request #(#calls)*))
    });
    quote! {
        #cfg
        #docs
        pub fn #fn_ident #lifetime() -> Mock<#(#args),*> {
            Mock::new(#route) #encoder
        }
    }
}

/// A path argument's type as the operation's method takes it, with the
/// function's lifetime on a reference.
fn path_type(p: &Param) -> TokenStream {
    match signature::path_arg(p) {
        RustType::Ref(inner) => {
            let inner = inner.tokens(Scope::Outside);
            quote!(&'a #inner)
        }
        other => other.tokens(Scope::Outside),
    }
}

fn body_type(body: &Body) -> TokenStream {
    match &body.kind {
        BodyKind::Json(ty) => {
            let ty = signature::of(ty).tokens(Scope::Outside);
            quote!(JsonBody<#ty>)
        }
        BodyKind::Form(ty) => {
            let ty = signature::of(ty).tokens(Scope::Outside);
            quote!(FormBody<#ty>)
        }
        BodyKind::Text { .. } => quote!(TextBody),
        BodyKind::Bytes { .. } => quote!(BytesBody),
        // Multipart bodies are not matched.
        BodyKind::Multipart(_) => quote!(()),
    }
}

/// The type `Mock::error` takes: the declared error body's, or any JSON
/// when the operation declares bodies of different types.
fn error_type(errors: &[ErrorBody]) -> Option<TokenStream> {
    let first = &errors.first()?.ty;
    Some(match errors.iter().all(|e| e.ty == *first) {
        true => signature::of(first).tokens(Scope::Outside),
        false => quote!(::serde_json::Value),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TypeRef;

    #[test]
    fn error_bodies_of_one_type_are_typed_and_mixed_ones_are_any_json() {
        let body = |status: &str, name: &str| ErrorBody { status: status.into(), ty: TypeRef::Named(name.into()) };
        let spelled = |errors: &[ErrorBody]| error_type(errors).map(|t| t.to_string());
        assert_eq!(spelled(&[]), None);
        let same = [body("404", "Problem"), body("4XX", "Problem")];
        assert_eq!(spelled(&same), Some(quote!(types::Problem).to_string()));
        let mixed = [body("404", "Problem"), body("default", "Error")];
        assert_eq!(spelled(&mixed), Some(quote!(::serde_json::Value).to_string()));
    }
}
