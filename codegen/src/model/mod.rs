//! The resolved, named and validated description of an API that the
//! emitter works from. Nothing here refers to YAML or serde types of the
//! document: every `$ref` is resolved and every name is a Rust identifier.

mod aliases;
mod auth;
mod build;
mod builder;
mod crate_settings;
mod decide;
mod dedup;
mod event_methods;
mod events;
mod features;
mod graph;
mod http;
mod known;
mod multipart;
mod operations;
mod options;
mod page_hints;
mod pagination;
mod reach;
mod recursion;
mod refs;
mod responses;
mod schema;
mod security;
pub mod select;
mod unions;
mod unused;

pub use crate::naming::Name;
pub use auth::{Credential, CredentialPart, KeyLocation, Requirement, Scheme, SchemeKind, SecretArg, Security};
pub use build::{build, Built};
pub use crate_settings::CrateSettings;
pub use http::{
    Body, BodyKind, Decided, Dropped, ErrorBody, EventStream, ListStyle, Method, NextPage, Operation, PageMetadata,
    Pagination, Param, ParamLocation, ParamShape, ParamsStruct, Pass, PathSegment, PathStyle, Response, Stage,
    Undecided, Unresolved,
};
pub use multipart::{DeclaredPart, Form, FormField, PartKind};
pub use options::{FeaturesBy, Options};
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;

/// The types by name, for the passes that look names up over and over:
/// a name is hashed once, where the sorted map compares it (long, and
/// sharing its start with its neighbours) at every level.
fn by_name<S: Stage>(types: &BTreeMap<String, TypeDef<S>>) -> FxHashMap<&str, &TypeDef<S>> {
    types.iter().map(|(name, def)| (name.as_str(), def)).collect()
}

/// Everything the emitter needs to write a crate.
#[derive(Debug, Clone)]
pub struct Api {
    /// Names and settings of the crate as a whole.
    pub meta: Meta,
    /// Named types, sorted by Rust name.
    pub types: Vec<TypeDef>,
    /// Operations, sorted by Rust function name.
    pub operations: Vec<Operation>,
    /// The Cargo features that gate operations and types, sorted by name;
    /// empty when everything always compiles.
    pub features: Vec<Feature>,
    /// How requests authenticate: the credentials `Auth` offers.
    pub security: Security,
    /// Whether the API answers with Cloudflare-style envelopes (`success`,
    /// `errors`, `messages`, `result`): some operation's success response
    /// is one, or the spec is Cloudflare's. Only then does the crate have
    /// the envelope runtime, `ApiError` and `Error::Api`.
    pub envelopes: bool,
}

/// A Cargo feature of the generated crate: a group of operations and the
/// types only they reach.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Feature {
    /// The feature's name in `Cargo.toml` (`kebab-case`).
    pub name: String,
    /// What it holds, for `Cargo.toml` and the docs: the tag or the path.
    pub docs: String,
    /// How many operations it gates.
    pub operations: usize,
}

impl Api {
    /// The named type `name`.
    pub(crate) fn type_def(&self, name: &str) -> Option<&TypeDef> {
        self.types.binary_search_by(|t| t.name.as_str().cmp(name)).ok().map(|i| &self.types[i])
    }

    /// Whether some operation has server-sent events: only then does the
    /// crate have the runtime's `Events`.
    pub(crate) fn events(&self) -> bool {
        self.operations.iter().any(|o| o.events.is_some())
    }

    /// Whether some success response can be read as a stream (a binary
    /// body or server-sent events): only then does the crate have the
    /// runtime's `ByteStream`.
    pub(crate) fn streams(&self) -> bool {
        self.events() || self.operations.iter().any(|o| o.response == Response::Bytes)
    }

    /// Whether some request body is binary or multipart: only then can a
    /// body stream from a file, which costs the crate two dependencies.
    pub(crate) fn uploads(&self) -> bool {
        let streamable = |b: &Body| matches!(b.kind, BodyKind::Bytes { .. } | BodyKind::Multipart(_));
        self.operations.iter().any(|o| o.body.as_ref().is_some_and(streamable))
    }

    /// `ty`, or what it stands for when it names an alias.
    pub(crate) fn resolve<'t>(&'t self, ty: &'t TypeRef) -> &'t TypeRef {
        aliases::resolve(ty, |name| self.type_def(name))
    }
}

/// What the spec's `info` and `servers` say about the crate as a whole.
#[derive(Debug, Clone)]
pub struct Meta {
    /// `info.title`, for the crate docs.
    pub title: String,
    /// `info.version`: the API's version, not the crate's.
    pub api_version: String,
    /// `info.description`, for the crate docs.
    pub description: Option<String>,
    /// `kebab-case` name of the generated crate.
    pub crate_name: String,
    /// The generated crate's version (`--crate-version`, else
    /// `x-rust-crate-version`, else `0.1.0`).
    pub crate_version: String,
    /// The client's default base URL: the first `http(s)` server, without a
    /// trailing `/`.
    pub base_url: String,
    /// Prefix of the environment variables read by `Client::from_env`.
    pub env_prefix: String,
}

/// A named Rust type, its [`traits`](Self::traits) and
/// [`features`](Self::features) decided at stage `S`.
#[derive(Debug, Clone)]
pub struct TypeDef<S: Stage = Decided> {
    /// The Rust name, unique in the crate.
    pub name: String,
    /// JSON pointer of the schema it comes from.
    pub source: String,
    /// The schema's description (or title).
    pub docs: Option<String>,
    /// What kind of Rust item it becomes.
    pub kind: TypeKind<S>,
    /// What the type implements, decided from how the API uses it.
    pub traits: S::Traits,
    /// The features any of which compiles the type; empty when it always
    /// compiles (some operation outside every feature reaches it).
    pub features: S::Features,
}

/// Trait implementations a generated type needs. Decided once, in the
/// model, after every type and operation is known; the emitter and the
/// diff read them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Traits {
    /// The type implements `Default`, so that users can build it (a
    /// response in their tests, say) and assign its public fields: every
    /// enum (its first value), every union whose default is sound (its
    /// first variant that has one), and every struct whose required fields
    /// all have one, except a struct that only requests carry and that has
    /// required fields (it gets [`Traits::constructor`] instead, so that
    /// a required field cannot be forgotten).
    pub default: bool,
    /// `default` only with the crate's `defaults` feature: the `Default`
    /// of a struct with required fields (empty text, zero, an enum's first
    /// value), which users need only to build responses in tests, and of
    /// the enums and unions only such defaults build. Each is one more impl
    /// to compile; a dev-dependency's feature costs normal builds nothing.
    pub default_feature: bool,
    /// For a union with `default`: the index of the variant `Default`
    /// builds (with that variant's own default). The first variant whose
    /// default is known not to lead back to the union.
    pub default_variant: Option<usize>,
    /// A struct requests carry that has required fields (not nullable):
    /// it gets `new(required fields…)`, the optional ones `None`.
    pub constructor: bool,
    /// Some request body or parameter holds it: it must be `Serialize`.
    pub serialize: bool,
    /// Some response holds it: it must be `Deserialize`.
    pub deserialize: bool,
}

/// The Rust item a named type becomes.
#[derive(Debug, Clone)]
pub enum TypeKind<S: Stage = Decided> {
    /// A struct with named fields, from an `object` schema.
    Struct(Struct<S>),
    /// A string enum that tolerates values it does not know.
    StringEnum(Vec<Name>),
    /// An integer enum that tolerates values it does not know.
    IntEnum(Vec<(String, i64)>),
    /// `oneOf` / `anyOf`: chosen by a tag property when every variant has
    /// its own value of one, otherwise tried in order (untagged).
    Union(Vec<Variant<S>>),
    /// `pub type Name = Target;`
    Alias(Alias<S>),
}

impl<S: Stage> TypeKind<S> {
    /// A string or integer enum.
    pub fn is_enum(&self) -> bool {
        matches!(self, TypeKind::StringEnum(_) | TypeKind::IntEnum(_))
    }

    /// The same kind at stage `T`: each field's and variant's box from
    /// `boxed` (given its index), an alias's resolution from `resolved`
    /// (given its target).
    pub(crate) fn restage<T: Stage>(
        self,
        boxed: impl Fn(usize, S::Boxed) -> T::Boxed,
        resolved: impl FnOnce(&TypeRef, S::Resolved) -> T::Resolved,
    ) -> TypeKind<T> {
        match self {
            TypeKind::Struct(Struct { fields }) => {
                let field = |(i, f): (usize, Field<S>)| {
                    let Field { name, docs, ty, required, boxed: b } = f;
                    Field { name, docs, ty, required, boxed: boxed(i, b) }
                };
                TypeKind::Struct(Struct { fields: fields.into_iter().enumerate().map(field).collect() })
            }
            TypeKind::Union(variants) => {
                let variant = |(i, v): (usize, Variant<S>)| {
                    let Variant { name, ty, boxed: b, tag } = v;
                    Variant { name, ty, boxed: boxed(i, b), tag }
                };
                TypeKind::Union(variants.into_iter().enumerate().map(variant).collect())
            }
            TypeKind::StringEnum(values) => TypeKind::StringEnum(values),
            TypeKind::IntEnum(values) => TypeKind::IntEnum(values),
            TypeKind::Alias(Alias { target, resolved: r }) => {
                let resolved = resolved(&target, r);
                TypeKind::Alias(Alias { target, resolved })
            }
        }
    }
}

/// A type alias: the type the spec names, and what it stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alias<S: Stage = Decided> {
    /// The type as written in the spec, possibly another alias.
    pub target: TypeRef,
    /// `target` with alias chains followed: never an alias itself (nor
    /// `Option` of one). Every stage after the model looks through an alias
    /// with this one lookup, so there is one rule for alias chains.
    pub resolved: S::Resolved,
}

/// A struct's contents.
#[derive(Debug, Clone)]
pub struct Struct<S: Stage = Decided> {
    /// The fields, one per property.
    pub fields: Vec<Field<S>>,
}

/// A struct field, from one property of an object schema.
#[derive(Debug, Clone)]
pub struct Field<S: Stage = Decided> {
    /// The field's identifier and the property's JSON name.
    pub name: Name,
    /// The property's description, for the field's doc comment.
    pub docs: Option<String>,
    /// The value's type; an optional field is this wrapped in `Option`.
    pub ty: TypeRef,
    /// Listed in the schema's `required`: no `Option` is added for absence.
    pub required: bool,
    /// `Box` the value to break a cycle of types that contain each other.
    pub boxed: S::Boxed,
}

impl<S: Stage> Field<S> {
    /// Whether a struct's `new` takes the field ([`Traits::constructor`]):
    /// it is required and not nullable (a required nullable field starts
    /// as `None`, written as `null`).
    pub fn constructor_arg(&self) -> bool {
        self.required && !matches!(self.ty, TypeRef::Nullable(_))
    }
}

/// One variant of a union, holding a value of one of its schemas.
#[derive(Debug, Clone)]
pub struct Variant<S: Stage = Decided> {
    /// The Rust variant name, unique in the union.
    pub name: String,
    /// The type of the value the variant holds.
    pub ty: TypeRef,
    /// `Box` the value to break a cycle of types that contain each other.
    pub boxed: S::Boxed,
    /// How the variant is recognised when the union is tagged; `None` for
    /// untagged unions and for the catch-all variant.
    pub tag: Option<Tag>,
}

/// The values of a property that select one variant of a tagged union.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    /// The property's wire name, the same for every variant of a union.
    pub property: String,
    /// Wire values that select the variant.
    pub values: Vec<String>,
}

/// A use of a type.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TypeRef {
    /// A type of the crate, by its [`TypeDef::name`].
    Named(String),
    /// `String`.
    String,
    /// An integer of this width.
    Integer(IntWidth),
    /// `f64`.
    Number,
    /// `bool`.
    Boolean,
    /// Any JSON value.
    Json,
    /// A JSON array: `Vec<T>`.
    Vec(Box<TypeRef>),
    /// A JSON object with arbitrary keys.
    Map(Box<TypeRef>),
    /// A value that may be `null`.
    Nullable(Box<TypeRef>),
}

/// The Rust integer type for an integer schema, from its `format`
/// (`int64` when there is none).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum IntWidth {
    /// `i8` (`format: int8`).
    I8,
    /// `i16` (`format: int16`).
    I16,
    /// `i32` (`format: int32`).
    I32,
    /// `i64`: `format: int64`, and the default.
    I64,
    /// `u8` (`format: uint8`).
    U8,
    /// `u16` (`format: uint16`).
    U16,
    /// `u32` (`format: uint32`).
    U32,
    /// `u64` (`format: uint64` or `uint`).
    U64,
}
