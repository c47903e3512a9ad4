//! Structs that belong to one operation (its query and header parameters,
//! its multipart form): compiled with the operation, `#[non_exhaustive]`,
//! built with `new(required…)` or `Default` and, for parameters, chainable
//! setters. Shared by `operations` and `multipart`, so neither imports the
//! other for it.

use super::docs::doc_attrs;
use super::gates;
use super::signature::{self, RustType, Scope};
use crate::model::{Operation, Param, ParamLocation, ParamsStruct};
use crate::naming;
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

/// The struct of `op`'s query and header parameters, then its `new` and
/// its setters when it has them: items of their own, each laid out alone.
pub fn params_struct(params: &ParamsStruct, op: &Operation) -> Vec<TokenStream> {
    let ParamsStruct { type_name, fields, default } = params;
    let operation = &op.name;
    let fields = fields.iter().map(|p| OwnedField {
        ident: &p.name.rust,
        ty: signature::param_field(p),
        docs: p.docs.as_deref(),
        sent: match p.location {
            ParamLocation::Header => format!("Sent as the `{}` header.", p.name.wire),
            _ => format!("Sent as the `{}` query parameter.", p.name.wire),
        },
        required: p.required,
    });
    let doc = format!("Query and header parameters of [`Client::{operation}`](crate::Client::{operation}).");
    let (strukt, new) = owned_parts(op, type_name, &doc, *default, fields);
    std::iter::once(strukt).chain(new).chain(param_setters(params, op)).collect()
}

/// A chainable setter per optional parameter, so that callers write
/// `ZonesGetParams::default().per_page(3.0).name("x")` although the struct
/// is `#[non_exhaustive]`; required ones are `new`'s arguments.
fn param_setters(params: &ParamsStruct, op: &Operation) -> Option<TokenStream> {
    let optional: Vec<&Param> = params.fields.iter().filter(|p| !p.required).collect();
    if optional.is_empty() {
        return None;
    }
    let names = naming::setters(&optional.iter().map(|p| p.name.rust.as_str()).collect::<Vec<_>>());
    let setters = optional.iter().zip(names).map(|(p, name)| {
        let field = format_ident!("{}", p.name.rust);
        let setter = format_ident!("{}", name);
        let ty = signature::of(&p.ty).tokens(Scope::Types);
        let doc = super::docs::literal(&format!(" Sets `{}`.", p.name.rust));
        quote! {
            #[doc = #doc]
            pub fn #setter(mut self, value: impl Into<#ty>) -> Self {
                self.#field = Some(value.into());
                self
            }
        }
    });
    let cfg = gates::cfg(&op.features);
    let ident = format_ident!("{}", params.type_name);
    Some(quote! {
        #cfg
        impl #ident {
            #(#setters)*
        }
    })
}

/// A field of a struct that an operation owns.
pub(super) struct OwnedField<'f> {
    pub ident: &'f str,
    pub ty: RustType,
    pub docs: Option<&'f str>,
    /// The docs line saying where the value goes in the request.
    pub sent: String,
    /// An argument of `new` (`ty` is then not an `Option`); otherwise the
    /// field starts as `None`.
    pub required: bool,
}

/// A struct that belongs to `op` (its parameters, its multipart form):
/// compiled with the operation, `Debug` and `Clone`, `#[non_exhaustive]`,
/// and `Default` when `default`, else `new(required fields…)`.
pub(super) fn owned_struct<'f>(
    op: &Operation,
    type_name: &str,
    doc: &str,
    default: bool,
    fields: impl Iterator<Item = OwnedField<'f>>,
) -> TokenStream {
    let (strukt, new) = owned_parts(op, type_name, doc, default, fields);
    quote!(#strukt #new)
}

/// [`owned_struct`]'s struct, and its `new` when it has one.
fn owned_parts<'f>(
    op: &Operation,
    type_name: &str,
    doc: &str,
    default: bool,
    fields: impl Iterator<Item = OwnedField<'f>>,
) -> (TokenStream, Option<TokenStream>) {
    let cfg = gates::cfg(&op.features);
    let needs = gates::doc_line_attr(&op.features);
    let ident = format_ident!("{}", type_name);
    let fields: Vec<OwnedField> = fields.collect();
    let new = (!default).then(|| owned_new(&ident, &fields)).map(|new| quote!(#cfg #new));
    let default = default.then(|| quote!(Default,));
    let fields = fields.iter().map(|OwnedField { ident, ty, docs, sent, required: _ }| {
        let ident = format_ident!("{}", ident);
        let ty = ty.tokens(Scope::Types);
        let docs = doc_attrs([*docs, Some(sent.as_str())]);
        quote! {
            #docs
            pub #ident: #ty,
        }
    });
    let doc = super::docs::literal(&format!(" {doc}"));
    let strukt = quote! {
        #cfg
        #[doc = #doc]
        #needs
        #[derive(Debug, Clone, #default)]
        #[non_exhaustive]
        pub struct #ident {
            #(#fields)*
        }
    };
    (strukt, new)
}

/// `new(required fields…)` of a struct an operation owns that has required
/// ones (a struct without any derives `Default` instead); the optional
/// ones start as `None`. A `String` is taken as `impl Into<String>`.
fn owned_new(ident: &Ident, fields: &[OwnedField]) -> TokenStream {
    let mut args = Vec::new();
    let values = fields.iter().map(|f| {
        let field = format_ident!("{}", f.ident);
        if !f.required {
            return quote!(#field: None);
        }
        let (arg, into) = signature::constructor_arg(f.ty.clone());
        let ty = arg.tokens(Scope::Types);
        args.push(quote!(#field: #ty));
        if into {
            quote!(#field: #field.into())
        } else {
            quote!(#field)
        }
    });
    let values: Vec<TokenStream> = values.collect();
    let doc = super::docs::literal(&format!(" `{ident}` with its required fields; the others start as `None`."));
    quote! {
        impl #ident {
            #[doc = #doc]
            pub fn new(#(#args),*) -> Self {
                Self { #(#values),* }
            }
        }
    }
}
