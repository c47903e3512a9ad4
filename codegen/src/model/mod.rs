//! The resolved, named and validated description of an API that the
//! emitter works from. Nothing here refers to YAML or serde types of the
//! document: every `$ref` is resolved and every name is a Rust identifier.

mod aliases;
pub mod build;
mod decide;
mod dedup;
mod features;
mod graph;
mod operations;
mod options;
mod recursion;
mod refs;
mod responses;
mod schema;
pub mod select;
mod unions;

pub use build::build;
pub use options::{FeaturesBy, Options};

use crate::naming::Name;

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
    pub fn type_def(&self, name: &str) -> Option<&TypeDef> {
        self.types.binary_search_by(|t| t.name.as_str().cmp(name)).ok().map(|i| &self.types[i])
    }

    /// `ty`, or what it stands for when it names an alias.
    pub fn resolve<'t>(&'t self, ty: &'t TypeRef) -> &'t TypeRef {
        aliases::resolve(ty, |name| self.type_def(name))
    }
}

#[derive(Debug, Clone)]
pub struct Meta {
    pub title: String,
    pub api_version: String,
    pub description: Option<String>,
    /// `kebab-case` name of the generated crate.
    pub crate_name: String,
    pub crate_version: String,
    pub base_url: String,
    /// Prefix of the environment variables read by `Client::from_env`.
    pub env_prefix: String,
}

/// A named Rust type.
#[derive(Debug, Clone)]
pub struct TypeDef {
    /// The Rust name, unique in the crate.
    pub name: String,
    /// JSON pointer of the schema it comes from.
    pub source: String,
    /// The schema's description (or title).
    pub docs: Option<String>,
    /// What kind of Rust item it becomes.
    pub kind: TypeKind,
    /// What the type implements, decided from how the API uses it.
    pub traits: Traits,
    /// The features any of which compiles the type; empty when it always
    /// compiles (some operation outside every feature reaches it).
    pub features: Vec<String>,
}

/// Trait implementations a generated type needs. Decided once, in the
/// model, after every type and operation is known; the emitter and the
/// diff read them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Traits {
    /// Every field may be absent, so `Default` builds a valid value.
    pub default: bool,
    /// Some request body or parameter holds it: it must be `Serialize`.
    pub serialize: bool,
    /// Some response holds it: it must be `Deserialize`.
    pub deserialize: bool,
}

#[derive(Debug, Clone)]
pub enum TypeKind {
    Struct(Struct),
    /// A string enum that tolerates values it does not know.
    StringEnum(Vec<Name>),
    /// An integer enum that tolerates values it does not know.
    IntEnum(Vec<(String, i64)>),
    /// `oneOf` / `anyOf`: chosen by a tag property when every variant has
    /// its own value of one, otherwise tried in order (untagged).
    Union(Vec<Variant>),
    /// `pub type Name = Target;`
    Alias(Alias),
}

/// A type alias: the type the spec names, and what it stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alias {
    /// The type as written in the spec, possibly another alias.
    pub target: TypeRef,
    /// `target` with alias chains followed: never an alias itself (nor
    /// `Option` of one). Every stage after the model looks through an alias
    /// with this one lookup, so there is one rule for alias chains.
    pub resolved: TypeRef,
}

#[derive(Debug, Clone)]
pub struct Struct {
    pub fields: Vec<Field>,
}

#[derive(Debug, Clone)]
pub struct Field {
    pub name: Name,
    pub docs: Option<String>,
    pub ty: TypeRef,
    pub required: bool,
    /// `Box` the value to break a cycle of types that contain each other.
    pub boxed: bool,
}

#[derive(Debug, Clone)]
pub struct Variant {
    pub name: String,
    pub ty: TypeRef,
    /// `Box` the value to break a cycle of types that contain each other.
    pub boxed: bool,
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
    Named(String),
    String,
    Integer(IntWidth),
    Number,
    Boolean,
    /// Any JSON value.
    Json,
    Vec(Box<TypeRef>),
    /// A JSON object with arbitrary keys.
    Map(Box<TypeRef>),
    /// A value that may be `null`.
    Nullable(Box<TypeRef>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum IntWidth {
    I8,
    I16,
    I32,
    I64,
    U8,
    U16,
    U32,
    U64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Method {
    Get,
    Put,
    Post,
    Delete,
    Options,
    Head,
    Patch,
    Trace,
}

impl Method {
    pub fn parse(method: &str) -> Option<Self> {
        Some(match method {
            "get" => Method::Get,
            "put" => Method::Put,
            "post" => Method::Post,
            "delete" => Method::Delete,
            "options" => Method::Options,
            "head" => Method::Head,
            "patch" => Method::Patch,
            "trace" => Method::Trace,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Put => "PUT",
            Method::Post => "POST",
            Method::Delete => "DELETE",
            Method::Options => "OPTIONS",
            Method::Head => "HEAD",
            Method::Patch => "PATCH",
            Method::Trace => "TRACE",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Operation {
    /// The Rust method name on `Client`.
    pub name: String,
    pub operation_id: Option<String>,
    pub method: Method,
    pub path: String,
    pub segments: Vec<PathSegment>,
    pub summary: Option<String>,
    pub description: Option<String>,
    pub deprecated: bool,
    pub tags: Vec<String>,
    /// In path-template order.
    pub path_params: Vec<Param>,
    /// Query and header parameters, gathered in a `{Op}Params` struct.
    pub params: Option<ParamsStruct>,
    pub body: Option<Body>,
    pub response: Response,
    pub source: String,
    /// The features any of which compiles the operation (and its
    /// parameters struct); empty when it always compiles.
    pub features: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathSegment {
    Literal(String),
    /// Index into `path_params`.
    Param(usize),
}

#[derive(Debug, Clone)]
pub struct Param {
    pub name: Name,
    pub docs: Option<String>,
    pub ty: TypeRef,
    pub required: bool,
    pub location: ParamLocation,
    /// How a list in the query is written (`style` and `explode`).
    pub list: ListStyle,
    /// How the value becomes text on the wire.
    pub shape: ParamShape,
    /// How a path parameter is passed to its method.
    pub pass: Pass,
    /// JSON pointer of the parameter's declaration.
    pub source: String,
}

/// How a method takes a path parameter's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pass {
    /// `&str`: any text.
    Str,
    /// By value: numbers, booleans and enums.
    Value,
    /// By reference (`&T`): anything else, written as JSON text.
    Ref,
}

/// How a query parameter's list of values goes on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListStyle {
    /// `id=1&id=2` (`explode: true`, the default for `style: form`).
    Repeated,
    /// `id=1,2` (`style: form`, `explode: false`).
    Comma,
    /// `id=1%202` (`style: spaceDelimited`).
    Space,
    /// `id=1|2` (`style: pipeDelimited`).
    Pipe,
}

impl ListStyle {
    /// From a parameter's `style` and `explode`, with OpenAPI's defaults.
    pub fn of(style: Option<&str>, explode: Option<bool>) -> Self {
        match (explode.unwrap_or(matches!(style, None | Some("form"))), style) {
            (true, _) => ListStyle::Repeated,
            (false, Some("spaceDelimited")) => ListStyle::Space,
            (false, Some("pipeDelimited")) => ListStyle::Pipe,
            (false, _) => ListStyle::Comma,
        }
    }

    /// What joins the values, or `None` when each value repeats the key.
    pub fn separator(self) -> Option<&'static str> {
        match self {
            ListStyle::Repeated => None,
            ListStyle::Comma => Some(","),
            ListStyle::Space => Some(" "),
            ListStyle::Pipe => Some("|"),
        }
    }

    /// For reports: how a list is sent.
    pub fn describe(self) -> &'static str {
        match self {
            ListStyle::Repeated => "repeated keys",
            ListStyle::Comma => "one comma-separated value",
            ListStyle::Space => "one space-separated value",
            ListStyle::Pipe => "one pipe-separated value",
        }
    }
}

/// How a parameter value is written into a URL or header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamShape {
    /// Written with `Display` (strings, numbers, booleans, enums).
    Scalar,
    /// A list of scalars.
    List,
    /// Anything else, written as JSON text.
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamLocation {
    Path,
    Query,
    Header,
}

#[derive(Debug, Clone)]
pub struct ParamsStruct {
    /// Name of the generated struct, e.g. `ListZonesParams`.
    pub type_name: String,
    /// The parameters, in spec order.
    pub fields: Vec<Param>,
    /// Every parameter is optional, so `Default` builds a valid value.
    pub default: bool,
}

#[derive(Debug, Clone)]
pub struct Body {
    pub kind: BodyKind,
    pub required: bool,
    pub docs: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BodyKind {
    Json(TypeRef),
    Form(TypeRef),
    Multipart,
    Text { content_type: String },
    Bytes { content_type: String },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Response {
    /// Cloudflare's `{success, errors, messages, result}`, unwrapped to `result`.
    Envelope(TypeRef),
    Json(TypeRef),
    Empty,
    Text,
    Bytes,
}

#[cfg(test)]
mod tests {
    use super::ListStyle;

    #[test]
    fn list_styles_follow_openapi_defaults() {
        let table = [
            (None, None, ListStyle::Repeated),
            (Some("form"), None, ListStyle::Repeated),
            (Some("form"), Some(false), ListStyle::Comma),
            (Some("spaceDelimited"), None, ListStyle::Space),
            (Some("pipeDelimited"), Some(false), ListStyle::Pipe),
            (Some("pipeDelimited"), Some(true), ListStyle::Repeated),
            (Some("simple"), None, ListStyle::Comma),
        ];
        for (style, explode, want) in table {
            assert_eq!(ListStyle::of(style, explode), want, "style {style:?}, explode {explode:?}");
        }
    }
}
