//! How the generated crate spells types: fields, arguments, return types.
//! The emitter writes these as tokens and `codegen diff` prints them, so a
//! report names exactly what users see in a signature.

use crate::model::{Body, BodyKind, Field, FormField, IntWidth, Param, PartKind, Pass, Response, TypeRef, Variant};
use proc_macro2::TokenStream;
use quote::{format_ident, quote, ToTokens};
use std::fmt;

/// Where the tokens are used: inside the `types` module or outside it.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Inside `types`, where its types need no path.
    Types,
    /// Elsewhere in the crate, where they are `types::Name`.
    Outside,
}

/// A Rust type as the generated crate writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RustType {
    /// A type of the crate's `types` module.
    Model(String),
    /// A type that needs no path: `String`, `bool`, `f64`, `i64`, `str`, ….
    Plain(&'static str),
    /// `serde_json::Value`.
    Json,
    /// `Vec<T>`.
    Vec(Box<RustType>),
    /// `BTreeMap<String, T>`.
    Map(Box<RustType>),
    /// `Option<T>`.
    Option(Box<RustType>),
    /// `Box<T>`.
    Box(Box<RustType>),
    /// `&T`.
    Ref(Box<RustType>),
    /// `[T]`, behind a `Ref`.
    Slice(Box<RustType>),
    /// A type of the crate's runtime, with its type argument if it has one.
    Runtime(&'static str, Option<Box<RustType>>),
    /// `impl Into<T>`: an argument that takes `T` or what converts into it.
    ImplInto(Box<RustType>),
}

impl RustType {
    fn wrap(self, outer: fn(Box<RustType>) -> RustType) -> RustType {
        outer(Box::new(self))
    }

    /// The tokens that spell this type in `scope`, as [`RustType::code`]
    /// spells it in text (built, not parsed: the emitter spells every
    /// field and argument).
    pub fn tokens(&self, scope: Scope) -> TokenStream {
        let ident = |name: &str| format_ident!("{}", name);
        match self {
            RustType::Model(name) => {
                let name = ident(name);
                match scope {
                    Scope::Types => quote!(#name),
                    Scope::Outside => quote!(types::#name),
                }
            }
            RustType::Plain(name) => ident(name).into_token_stream(),
            RustType::Json => quote!(::serde_json::Value),
            RustType::Vec(inner) => {
                let inner = inner.tokens(scope);
                quote!(Vec<#inner>)
            }
            RustType::Map(inner) => {
                let inner = inner.tokens(scope);
                quote!(::std::collections::BTreeMap<String, #inner>)
            }
            RustType::Option(inner) => {
                let inner = inner.tokens(scope);
                quote!(Option<#inner>)
            }
            RustType::Box(inner) => {
                let inner = inner.tokens(scope);
                quote!(Box<#inner>)
            }
            RustType::Ref(inner) => {
                let inner = inner.tokens(scope);
                quote!(&#inner)
            }
            RustType::Slice(inner) => {
                let inner = inner.tokens(scope);
                quote!([#inner])
            }
            RustType::Runtime(name, None) if scope == Scope::Types => {
                let name = ident(name);
                quote!(crate::runtime::#name)
            }
            RustType::Runtime(name, arg) => {
                let name = ident(name);
                let arg = arg.as_ref().map(|arg| {
                    let arg = arg.tokens(scope);
                    quote!(<#arg>)
                });
                quote!(runtime::#name #arg)
            }
            RustType::ImplInto(inner) => {
                let inner = inner.tokens(scope);
                quote!(impl Into<#inner>)
            }
        }
    }

    /// The source text that spells this type in `scope`, for the docs
    /// that name it.
    pub fn code(&self, scope: Scope) -> String {
        match self {
            RustType::Model(name) => match scope {
                Scope::Types => name.clone(),
                Scope::Outside => format!("types::{name}"),
            },
            RustType::Plain(name) => name.to_string(),
            RustType::Json => "::serde_json::Value".into(),
            RustType::Vec(inner) => format!("Vec<{}>", inner.code(scope)),
            RustType::Map(inner) => format!("::std::collections::BTreeMap<String, {}>", inner.code(scope)),
            RustType::Option(inner) => format!("Option<{}>", inner.code(scope)),
            RustType::Box(inner) => format!("Box<{}>", inner.code(scope)),
            RustType::Ref(inner) => format!("&{}", inner.code(scope)),
            RustType::Slice(inner) => format!("[{}]", inner.code(scope)),
            // The `types` module does not import `runtime`.
            RustType::Runtime(name, None) if scope == Scope::Types => format!("crate::runtime::{name}"),
            RustType::Runtime(name, None) => format!("runtime::{name}"),
            RustType::Runtime(name, Some(arg)) => format!("runtime::{name}<{}>", arg.code(scope)),
            RustType::ImplInto(inner) => format!("impl Into<{}>", inner.code(scope)),
        }
    }
}

/// As users write it, with the names the crate exports.
impl fmt::Display for RustType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RustType::Model(name) => f.write_str(name),
            RustType::Plain(name) => f.write_str(name),
            RustType::Json => f.write_str("serde_json::Value"),
            RustType::Vec(inner) => write!(f, "Vec<{inner}>"),
            RustType::Map(inner) => write!(f, "BTreeMap<String, {inner}>"),
            RustType::Option(inner) => write!(f, "Option<{inner}>"),
            RustType::Box(inner) => write!(f, "Box<{inner}>"),
            RustType::Ref(inner) => write!(f, "&{inner}"),
            RustType::Slice(inner) => write!(f, "[{inner}]"),
            RustType::Runtime(name, None) => f.write_str(name),
            RustType::Runtime(name, Some(arg)) => write!(f, "{name}<{arg}>"),
            RustType::ImplInto(inner) => write!(f, "impl Into<{inner}>"),
        }
    }
}

/// The type a value of `ty` has.
pub fn of(ty: &TypeRef) -> RustType {
    match ty {
        TypeRef::Named(name) => RustType::Model(name.clone()),
        TypeRef::String => RustType::Plain("String"),
        TypeRef::Integer(width) => RustType::Plain(int_name(*width)),
        TypeRef::Number => RustType::Plain("f64"),
        TypeRef::Boolean => RustType::Plain("bool"),
        TypeRef::Json => RustType::Json,
        TypeRef::Vec(inner) => of(inner).wrap(RustType::Vec),
        TypeRef::Map(inner) => of(inner).wrap(RustType::Map),
        TypeRef::Nullable(inner) => of(inner).wrap(RustType::Option),
    }
}

/// `of(ty)`, in a `Box` when `boxed`; the `Box` goes inside any `Option`,
/// so a boxed optional value is `Option<Box<T>>`.
pub fn maybe_boxed(ty: &TypeRef, boxed: bool) -> RustType {
    match ty {
        _ if !boxed => of(ty),
        TypeRef::Nullable(inner) => maybe_boxed(inner, true).wrap(RustType::Option),
        other => of(other).wrap(RustType::Box),
    }
}

/// A struct field's declared type: `Option` when the field may be absent
/// (a nullable field is an `Option` already).
pub fn field(f: &Field) -> RustType {
    let Field { name: _, docs: _, ty, required, boxed } = f;
    let inner = maybe_boxed(ty, *boxed);
    if *required || matches!(ty, TypeRef::Nullable(_)) {
        inner
    } else {
        inner.wrap(RustType::Option)
    }
}

/// A union variant's payload.
pub fn variant(v: &Variant) -> RustType {
    maybe_boxed(&v.ty, v.boxed)
}

/// A query or header parameter's field in its `{Op}Params` struct.
pub fn param_field(p: &Param) -> RustType {
    if p.required {
        of(&p.ty)
    } else {
        of(&p.ty).wrap(RustType::Option)
    }
}

/// A path parameter's argument, as [`Param::pass`] decides.
pub fn path_arg(p: &Param) -> RustType {
    match p.pass {
        Pass::Str => RustType::Plain("str").wrap(RustType::Ref),
        Pass::Value => of(&p.ty),
        Pass::Ref => of(&p.ty).wrap(RustType::Ref),
        Pass::Slice => match &p.ty {
            TypeRef::Vec(item) => of(item).wrap(RustType::Slice).wrap(RustType::Ref),
            other => of(other).wrap(RustType::Ref),
        },
    }
}

/// A multipart form's field: a file, a value, a `Vec` of those for an
/// array, in an `Option` when the field may be left out.
pub fn form_field(f: &FormField) -> RustType {
    let FormField { name: _, docs: _, required, repeated, part } = f;
    let one = match part {
        PartKind::File { .. } => RustType::Runtime("FilePart", None),
        PartKind::Text { ty, .. } | PartKind::Json { ty, .. } => of(ty),
    };
    let all = if *repeated { one.wrap(RustType::Vec) } else { one };
    if *required {
        all
    } else {
        all.wrap(RustType::Option)
    }
}

/// A `new` argument for a field of type `ty`, and whether the value is
/// converted with `.into()`: a `String` is taken as `impl Into<String>`, so
/// callers write `NewPet::new("Rex")`.
pub fn constructor_arg(ty: RustType) -> (RustType, bool) {
    match ty {
        RustType::Plain("String") => (ty.wrap(RustType::ImplInto), true),
        other => (other, false),
    }
}

/// The `body` argument of an operation's method. A required typed form is
/// taken as anything that converts into a `Multipart`: the form's struct,
/// or a `Multipart` built by hand. A required binary body is anything that
/// converts into a `runtime::Body`: bytes (the `Vec<u8>` it once was), a
/// file or a stream; an optional one is an `Option<Body>`, as `None` could
/// not infer an `impl Into`.
pub fn body_arg(body: &Body) -> RustType {
    let multipart = || RustType::Runtime("Multipart", None);
    let binary = || RustType::Runtime("Body", None);
    let ty = match &body.kind {
        BodyKind::Json(ty) | BodyKind::Form(ty) => of(ty).wrap(RustType::Ref),
        BodyKind::Multipart(Some(_)) if body.required => return multipart().wrap(RustType::ImplInto),
        BodyKind::Multipart(_) => multipart(),
        BodyKind::Text { .. } => RustType::Plain("String"),
        BodyKind::Bytes { .. } if body.required => return binary().wrap(RustType::ImplInto),
        BodyKind::Bytes { .. } => binary(),
    };
    if body.required {
        ty
    } else {
        ty.wrap(RustType::Option)
    }
}

/// The decoder a method's `Request` is typed with, which says what a call
/// yields.
pub fn decoded(response: &Response) -> RustType {
    match response {
        Response::Envelope(ty) => RustType::Runtime("Envelope", Some(Box::new(of(ty)))),
        Response::Json(ty) => RustType::Runtime("Json", Some(Box::new(of(ty)))),
        Response::Empty => RustType::Runtime("NoContent", None),
        Response::Text => RustType::Runtime("Text", None),
        Response::Bytes => RustType::Runtime("Binary", None),
    }
}

fn int_name(width: IntWidth) -> &'static str {
    match width {
        IntWidth::I8 => "i8",
        IntWidth::I16 => "i16",
        IntWidth::I32 => "i32",
        IntWidth::I64 => "i64",
        IntWidth::U8 => "u8",
        IntWidth::U16 => "u16",
        IntWidth::U32 => "u32",
        IntWidth::U64 => "u64",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spelled_alike_in_code_and_in_reports() {
        let ty =
            TypeRef::Nullable(Box::new(TypeRef::Map(Box::new(TypeRef::Vec(Box::new(TypeRef::Named("Zone".into())))))));
        let rust = of(&ty);
        assert_eq!(rust.to_string(), "Option<BTreeMap<String, Vec<Zone>>>");
        // Token streams compare by their tokens, whatever the spacing.
        let tokens = |text: &str| text.parse::<TokenStream>().expect("valid tokens").to_string().replace(' ', "");
        let expected = tokens("Option<::std::collections::BTreeMap<String, Vec<types::Zone>>>");
        assert_eq!(rust.tokens(Scope::Outside).to_string().replace(' ', ""), expected);
        for scope in [Scope::Types, Scope::Outside] {
            let runtime = RustType::Runtime("Page", Some(Box::new(RustType::Slice(Box::new(RustType::Json)))));
            for ty in [runtime, RustType::Runtime("Multipart", None).wrap(RustType::ImplInto), rust.clone()] {
                assert_eq!(ty.tokens(scope).to_string().replace(' ', ""), tokens(&ty.code(scope)), "{ty}");
            }
        }
        assert_eq!(maybe_boxed(&ty, true).to_string(), "Option<Box<BTreeMap<String, Vec<Zone>>>>");
        assert_eq!(rust.code(Scope::Types), "Option<::std::collections::BTreeMap<String, Vec<Zone>>>");
        let str_arg = RustType::Plain("str").wrap(RustType::Ref);
        assert_eq!(str_arg.to_string(), "&str");
        assert_eq!(str_arg.tokens(Scope::Outside).to_string().replace(' ', ""), tokens("&str"));
    }
}
