//! The resolved, named and validated description of an API that the
//! emitter works from. Nothing here refers to YAML or serde types of the
//! document: every `$ref` is resolved and every name is a Rust identifier.

mod aliases;
mod build;
mod decide;
mod dedup;
mod features;
mod graph;
mod operations;
mod options;
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
pub use build::{build, Built};
pub use options::{FeaturesBy, Options};

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
}

/// How requests authenticate, from the spec's `securitySchemes` and
/// `security` requirements.
#[derive(Debug, Clone, Default)]
pub struct Security {
    /// The schemes some credential uses, in declaration order.
    pub schemes: Vec<Scheme>,
    /// One `Auth` constructor per alternative the spec accepts, in the
    /// order `Auth::from_env` tries them.
    pub credentials: Vec<Credential>,
    /// The document's `security`, for operations without their own;
    /// `None` when the spec states none, and then whatever credentials the
    /// user configured are sent.
    pub global: Option<Requirement>,
    /// Cloudflare's shape (`X-Auth-Email` + `X-Auth-Key` headers): keeps
    /// Cloudflare's constructor and variable names and `ray_id()`.
    pub cloudflare: bool,
}

/// A `security` list: alternatives, each the scheme names (spec keys) that
/// are sent together. Empty, or holding an empty alternative, means that no
/// credentials are needed.
pub type Requirement = Vec<Vec<String>>;

/// A declared security scheme some credential uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scheme {
    /// Its key under `components.securitySchemes`.
    pub key: String,
    /// How it is sent.
    pub kind: SchemeKind,
    /// Its `description`.
    pub docs: Option<String>,
}

/// How a scheme's secret travels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SchemeKind {
    /// `http` `basic`: `Authorization: Basic base64(username:password)`.
    Basic,
    /// `Authorization: <prefix> <token>`: `http` `bearer` (prefix `Bearer`,
    /// with its `bearerFormat`), another `http` scheme, or a user-supplied
    /// `oauth2` / `openIdConnect` access token.
    Token {
        /// The word before the token, e.g. `Bearer`.
        prefix: String,
        /// `bearerFormat`, for the docs.
        format: Option<String>,
        /// The scheme's `type`, for the docs: `http`, `oauth2`, `openIdConnect`.
        origin: String,
    },
    /// `apiKey`: the secret as is, under its declared name.
    ApiKey {
        /// Header, query parameter or cookie.
        location: KeyLocation,
        /// The header, parameter or cookie name.
        name: String,
    },
}

/// Where an `apiKey` goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyLocation {
    /// A request header.
    Header,
    /// A query parameter.
    Query,
    /// A cookie.
    Cookie,
}

/// One `Auth` constructor: an alternative of the spec's requirements, whose
/// schemes are all sent together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credential {
    /// The constructor's name, e.g. `bearer` or `email_key`.
    pub constructor: String,
    /// What `Debug` shows, e.g. `Bearer` (printed `Auth::Bearer([redacted])`).
    pub label: String,
    /// One part per scheme, in the requirement's order.
    pub parts: Vec<CredentialPart>,
}

/// The secret of one scheme within a [`Credential`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CredentialPart {
    /// The scheme's key.
    pub scheme: String,
    /// The constructor's arguments for it: one, or two for basic auth.
    pub args: Vec<SecretArg>,
}

/// An argument of an `Auth` constructor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecretArg {
    /// The argument's identifier, e.g. `token`.
    pub name: String,
    /// The environment variable `from_env` reads it from, without the
    /// crate's prefix, e.g. `API_TOKEN`.
    pub env: String,
    /// How errors name it, e.g. `API token`.
    pub what: String,
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
    /// The generated crate's version (`x-rust-crate-version`, else `0.1.0`).
    pub crate_version: String,
    /// The client's default base URL: the first `http(s)` server, without a
    /// trailing `/`.
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

/// The Rust item a named type becomes.
#[derive(Debug, Clone)]
pub enum TypeKind {
    /// A struct with named fields, from an `object` schema.
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

/// A struct's contents.
#[derive(Debug, Clone)]
pub struct Struct {
    /// The fields, one per property.
    pub fields: Vec<Field>,
}

/// A struct field, from one property of an object schema.
#[derive(Debug, Clone)]
pub struct Field {
    /// The field's identifier and the property's JSON name.
    pub name: Name,
    /// The property's description, for the field's doc comment.
    pub docs: Option<String>,
    /// The value's type; an optional field is this wrapped in `Option`.
    pub ty: TypeRef,
    /// Listed in the schema's `required`: no `Option` is added for absence.
    pub required: bool,
    /// `Box` the value to break a cycle of types that contain each other.
    pub boxed: bool,
}

/// One variant of a union, holding a value of one of its schemas.
#[derive(Debug, Clone)]
pub struct Variant {
    /// The Rust variant name, unique in the union.
    pub name: String,
    /// The type of the value the variant holds.
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

/// An operation's HTTP method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Method {
    /// `GET`.
    Get,
    /// `PUT`.
    Put,
    /// `POST`.
    Post,
    /// `DELETE`.
    Delete,
    /// `OPTIONS`.
    Options,
    /// `HEAD`.
    Head,
    /// `PATCH`.
    Patch,
    /// `TRACE`.
    Trace,
}

impl Method {
    /// From a path item's key (`get`, `post`, …); `None` for other keys.
    pub(crate) fn parse(method: &str) -> Option<Self> {
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

    /// The method as it goes on the wire, e.g. `GET`.
    pub(crate) fn as_str(self) -> &'static str {
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

/// One operation: a method on the generated `Client`.
#[derive(Debug, Clone)]
pub struct Operation {
    /// The Rust method name on `Client`.
    pub name: String,
    /// The spec's `operationId`, when it has one.
    pub operation_id: Option<String>,
    /// The HTTP method it sends.
    pub method: Method,
    /// The path template as the spec writes it, e.g. `/zones/{zone_id}`.
    pub path: String,
    /// `path` split into literal text and path parameters.
    pub segments: Vec<PathSegment>,
    /// The operation's `summary`, for the method's docs.
    pub summary: Option<String>,
    /// The operation's `description`, for the method's docs.
    pub description: Option<String>,
    /// Marked `deprecated`: the method gets `#[deprecated]`.
    pub deprecated: bool,
    /// The operation's tags, as `--include` matches them.
    pub tags: Vec<String>,
    /// In path-template order.
    pub path_params: Vec<Param>,
    /// Query and header parameters, gathered in a `{Op}Params` struct.
    pub params: Option<ParamsStruct>,
    /// The request body, when the operation takes one.
    pub body: Option<Body>,
    /// What a successful call returns.
    pub response: Response,
    /// Error responses with a declared JSON body that is not an envelope,
    /// in the spec's order: a failed call decodes its body as one.
    pub errors: Vec<ErrorBody>,
    /// The operation's own `security`, overriding [`Security::global`].
    pub security: Option<Requirement>,
    /// How the operation's list comes in pages, when it does: it then also
    /// gets a method that streams every item.
    pub pagination: Option<Pagination>,
    /// JSON pointer of the operation in the spec.
    pub source: String,
    /// The features any of which compiles the operation (and its
    /// parameters struct); empty when it always compiles.
    pub features: Vec<String>,
}

/// The type of an error response's body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorBody {
    /// The response's key: a code (`404`), a class (`4XX`) or `default`.
    pub status: String,
    /// The body's type.
    pub ty: TypeRef,
}

impl Operation {
    /// The types of the bodies a call may receive: its result and its
    /// declared error bodies.
    pub(crate) fn received(&self) -> impl Iterator<Item = &TypeRef> {
        let result = match &self.response {
            Response::Envelope(ty) | Response::Json(ty) => Some(ty),
            _ => None,
        };
        result.into_iter().chain(self.errors.iter().map(|e| &e.ty))
    }
}

/// A piece of an operation's path template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathSegment {
    /// Text sent as it is.
    Literal(String),
    /// Index into `path_params`.
    Param(usize),
}

/// A path, query or header parameter of an operation.
#[derive(Debug, Clone)]
pub struct Param {
    /// The argument's or field's identifier and the parameter's wire name.
    pub name: Name,
    /// The parameter's description, for the generated docs.
    pub docs: Option<String>,
    /// The value's type, never nullable; an optional parameter's field
    /// holds it in an `Option`.
    pub ty: TypeRef,
    /// Declared `required` (path parameters always are): not an `Option`.
    pub required: bool,
    /// Where the value goes in the request.
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
    pub(crate) fn of(style: Option<&str>, explode: Option<bool>) -> Self {
        match (explode.unwrap_or(matches!(style, None | Some("form"))), style) {
            (true, _) => ListStyle::Repeated,
            (false, Some("spaceDelimited")) => ListStyle::Space,
            (false, Some("pipeDelimited")) => ListStyle::Pipe,
            (false, _) => ListStyle::Comma,
        }
    }

    /// What joins the values, or `None` when each value repeats the key.
    pub(crate) fn separator(self) -> Option<&'static str> {
        match self {
            ListStyle::Repeated => None,
            ListStyle::Comma => Some(","),
            ListStyle::Space => Some(" "),
            ListStyle::Pipe => Some("|"),
        }
    }

    /// For reports: how a list is sent.
    pub(crate) fn describe(self) -> &'static str {
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

/// Where a parameter goes in the request (its `in`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamLocation {
    /// Into the path template: a method argument.
    Path,
    /// Into the query string: a field of the `{Op}Params` struct.
    Query,
    /// Into a request header: a field of the `{Op}Params` struct.
    Header,
}

/// The `{Op}Params` struct an operation takes its query and header
/// parameters in.
#[derive(Debug, Clone)]
pub struct ParamsStruct {
    /// Name of the generated struct, e.g. `ListZonesParams`.
    pub type_name: String,
    /// The parameters, in spec order.
    pub fields: Vec<Param>,
    /// Every parameter is optional, so `Default` builds a valid value.
    pub default: bool,
}

/// An operation's request body: the method's `body` argument.
#[derive(Debug, Clone)]
pub struct Body {
    /// How the body is encoded, and its type.
    pub kind: BodyKind,
    /// Declared `required`: the argument is not an `Option`.
    pub required: bool,
    /// The body's description, for the method's docs.
    pub docs: Option<String>,
}

/// How a request body is encoded, chosen from its content types.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BodyKind {
    /// `application/json` (or `+json`): a value of this type.
    Json(TypeRef),
    /// `application/x-www-form-urlencoded`: a value of this type.
    Form(TypeRef),
    /// `multipart/*`: the runtime's `Multipart` form.
    Multipart,
    /// `text/*`: a `String`, sent with this content type.
    Text {
        /// The `Content-Type` the body is sent with.
        content_type: String,
    },
    /// Any other content type: raw bytes, sent with this content type.
    Bytes {
        /// The `Content-Type` the body is sent with.
        content_type: String,
    },
}

/// What a successful call returns, from the operation's `2xx` responses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Response {
    /// Cloudflare's `{success, errors, messages, result}`, unwrapped to `result`.
    Envelope(TypeRef),
    /// A JSON body of this type.
    Json(TypeRef),
    /// No body (the runtime's `NoContent`).
    Empty,
    /// A `text/*` body (the runtime's `Text`).
    Text,
    /// Any other body, as raw bytes (the runtime's `Binary`).
    Bytes,
}

/// How a paging operation's items are read across pages, recognised in
/// `pagination` once every operation and type is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pagination {
    /// The `Client` method that streams every item, e.g. `list_zones_stream`.
    pub method: String,
    /// The type of one item.
    pub item: TypeRef,
    /// Property names leading to the array of items in the response body
    /// (the whole envelope, for enveloped operations), e.g. `["result"]`.
    pub items: Vec<String>,
    /// How the next page is asked for.
    pub next: NextPage,
}

/// How a paging operation asks for the page after the one it received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NextPage {
    /// Cloudflare's numbered pages: the query parameter `param` is the last
    /// page's number + 1, until a page comes back empty (as the Stainless
    /// SDKs do); every other parameter is sent with every page.
    Number {
        /// The page number's query parameter, `page`.
        param: String,
    },
    /// A cursor read from the body at `field` is sent as the query
    /// parameter `param`, with every other parameter; the list ends with a
    /// page that is empty or has no cursor.
    Cursor {
        /// Property names leading to the cursor, e.g. `["result_info", "cursor"]`.
        field: Vec<String>,
        /// The cursor's query parameter.
        param: String,
    },
    /// Dropshot's page token (Oxide), as progenitor reads it: the token at
    /// `field` is sent as `param` with only the `keep` query parameters,
    /// since the token stands for the others; the list ends with a page
    /// without a token.
    Token {
        /// Property names leading to the token, `["next_page"]`.
        field: Vec<String>,
        /// The token's query parameter, `page_token`.
        param: String,
        /// Query parameters sent with every page besides the token (`limit`).
        keep: Vec<String>,
    },
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
