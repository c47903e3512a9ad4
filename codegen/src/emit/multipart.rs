//! The struct of a typed multipart body and its conversion into the
//! runtime's `Multipart`: one runtime call per field, since the runtime
//! holds what each kind of part (file, text, JSON) needs.

use super::gates;
use super::owned::{owned_struct, OwnedField};
use super::signature;
use crate::model::{Body, BodyKind, Form, FormField, Operation, PartKind};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// The form struct of `op`'s body, and `From<form> for Multipart`.
pub fn form_struct(form: &Form, op: &Operation) -> TokenStream {
    let Form { type_name, fields, default, source: _ } = form;
    let operation = &op.name;
    let declared = fields.iter().map(|f| OwnedField {
        ident: &f.name.rust,
        ty: signature::form_field(f),
        docs: f.docs.as_deref(),
        sent: sent_as(f),
        required: f.required,
    });
    let doc = format!(
        "The `multipart/form-data` body of [`Client::{operation}`](crate::Client::{operation}), which takes it or any [`Multipart`](crate::Multipart)."
    );
    let definition = owned_struct(op, type_name, &doc, *default, declared);
    let cfg = gates::cfg(&op.features);
    let ident = format_ident!("{}", type_name);
    let parts = fields.iter().map(part_call);
    quote! {
        #definition
        #cfg
        impl From<#ident> for crate::runtime::Multipart {
            fn from(body: #ident) -> Self {
                Self::new() #(#parts)*
            }
        }
    }
}

/// The field's doc line saying which part it becomes.
fn sent_as(f: &FormField) -> String {
    let FormField { name, docs: _, required: _, repeated, part } = f;
    let wire = &name.wire;
    let (parts, each) =
        if *repeated { (format!("`{wire}` parts"), ", one per item") } else { (format!("the `{wire}` part"), "") };
    match part {
        PartKind::File { content_type } => {
            format!("Sent as {parts}{each}: a file, as `{content_type}` unless it sets its own content type.")
        }
        PartKind::Text { content_type: Some(content_type), .. } => {
            format!("Sent as {parts}{each}, as `{content_type}`.")
        }
        PartKind::Text { content_type: None, .. } => format!("Sent as {parts}{each}."),
        PartKind::Json { content_type, .. } => format!("Sent as {parts}{each}: JSON, as `{content_type}`."),
    }
}

/// `.{kind}_parts(name, values, content type)`: the values are an
/// iterator of one (a required field), of zero or one (an optional one),
/// or of the array's items.
fn part_call(f: &FormField) -> TokenStream {
    let FormField { name, docs: _, required, repeated, part } = f;
    let wire = &name.wire;
    let field = format_ident!("{}", name.rust);
    let values = match (required, repeated) {
        (true, false) => quote!([body.#field]),
        (false, true) => quote!(body.#field.into_iter().flatten()),
        _ => quote!(body.#field),
    };
    match part {
        PartKind::File { content_type } => quote!(.file_parts(#wire, #values, #content_type)),
        PartKind::Text { ty: _, content_type } => {
            let content_type = match content_type {
                Some(content_type) => quote!(Some(#content_type)),
                None => quote!(None),
            };
            quote!(.text_parts(#wire, #values, #content_type))
        }
        PartKind::Json { ty: _, content_type } => quote!(.json_parts(#wire, #values, #content_type)),
    }
}

/// The method's doc line naming the form struct its body can be.
pub fn body_docs(body: Option<&Body>) -> Option<String> {
    let Some(Body { kind: BodyKind::Multipart(Some(form)), required, docs: _ }) = body else { return None };
    let name = &form.type_name;
    let how = if *required { "" } else { " (as `Some(body.into())`)" };
    Some(format!("The body is a [`types::{name}`](crate::types::{name}){how}, or any [`Multipart`](crate::Multipart)."))
}
