//! Operations as HTTP calls: method, path, parameters, body, responses and
//! paging, as the model records them; and the media-type rules every
//! pass that reads a body or a response follows (`is_json`, `media_kind`,
//! `pick_media`).

use super::{Form, Name, Requirement, TypeRef};
use crate::parse::document::MediaType;
use indexmap::IndexMap;

/// Whether `content_type` is JSON: `application/json` or a `+json` type.
pub(crate) fn is_json(content_type: &str) -> bool {
    let essence = content_type.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
    essence == "application/json" || essence.ends_with("+json")
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

/// How far the model has come: [`Unresolved`] while the types are read
/// (until alias chains are known), [`Undecided`] while the passes that
/// need every type find what they find (the operations are read
/// undecided), [`Decided`] once `decide` has moved every such fact in. A
/// fact known only late is a field of this stage's type: `()` before (a
/// multipart part holds what the spec declares), so no pass can read it
/// before it is known nor write a stand-in that a later pass replaces.
/// Every such fact is found by a pass that returns it, never writes it.
/// The model an emitter gets holds decided ones only (the default). A
/// stage is a marker with no data, so it outlives any borrow of what it
/// marks.
pub trait Stage: 'static {
    /// [`Param::shape`]: a [`ParamShape`] once decided.
    type Shape: std::fmt::Debug + Clone;
    /// [`Param::pass`]: a [`Pass`] once decided.
    type Pass: std::fmt::Debug + Clone;
    /// [`TypeDef::traits`](super::TypeDef::traits): [`Traits`](super::Traits)
    /// once decided.
    type Traits: std::fmt::Debug + Clone;
    /// [`Operation::pagination`]: `Option<Pagination>` once recognised.
    type Paging: std::fmt::Debug + Clone;
    /// [`EventStream::method`]: its name once claimed, after every other
    /// `Client` method's.
    type EventMethod: std::fmt::Debug + Clone + PartialEq + Eq;
    /// [`Operation::features`] and [`TypeDef::features`](super::TypeDef::features):
    /// the Cargo features that gate it, once operations are grouped.
    type Features: std::fmt::Debug + Clone;
    /// [`Field::boxed`](super::Field::boxed) and
    /// [`Variant::boxed`](super::Variant::boxed): whether the value is in a
    /// `Box`, once every cycle of types is known.
    type Boxed: std::fmt::Debug + Clone;
    /// [`FormField::part`](super::FormField::part): how a multipart
    /// field's value becomes a part ([`PartKind`](super::PartKind)), once
    /// every type is known; before, what the spec declares
    /// ([`DeclaredPart`](super::DeclaredPart)).
    type Part: std::fmt::Debug + Clone + PartialEq + Eq;
    /// [`FormField::repeated`](super::FormField::repeated): whether each
    /// item is a part of its own, once aliases of lists are seen through.
    type Repeated: std::fmt::Debug + Clone + PartialEq + Eq;
    /// [`Alias::resolved`](super::Alias::resolved): what an alias finally
    /// stands for, once every alias chain is known.
    type Resolved: std::fmt::Debug + Clone + PartialEq + Eq;
}

/// While the types are read from the spec: not even alias chains are
/// known yet (`aliases::resolve_all` returns the types [`Undecided`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unresolved;

/// Before `decide`: nothing about the wire, the paging, the event method
/// names, the features nor the boxes is known yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Undecided;

/// The two stages before `decide` differ only in whether aliases are
/// resolved: every fact `decide` moves in is `()`, a multipart part what
/// the spec declares.
macro_rules! before_decide {
    ($stage:ty, resolved: $resolved:ty) => {
        impl Stage for $stage {
            type Shape = ();
            type Pass = ();
            type Traits = ();
            type Paging = ();
            type EventMethod = ();
            type Features = ();
            type Boxed = ();
            type Part = super::DeclaredPart;
            type Repeated = ();
            type Resolved = $resolved;
        }
    };
}

before_decide!(Unresolved, resolved: ());
before_decide!(Undecided, resolved: TypeRef);

/// After `decide`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decided;

impl Stage for Decided {
    type Shape = ParamShape;
    type Pass = Pass;
    type Traits = super::Traits;
    type Paging = Option<Pagination>;
    type EventMethod = String;
    type Features = Vec<String>;
    type Boxed = bool;
    type Part = super::PartKind;
    type Repeated = bool;
    type Resolved = TypeRef;
}

/// One operation: a method on the generated `Client`.
#[derive(Debug, Clone)]
pub struct Operation<S: Stage = Decided> {
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
    pub path_params: Vec<Param<S>>,
    /// Query and header parameters, gathered in a `{Op}Params` struct.
    pub params: Option<ParamsStruct<S>>,
    /// The request body, when the operation takes one.
    pub body: Option<Body<S>>,
    /// What a successful call returns.
    pub response: Response,
    /// Error responses with a declared JSON body that is not an envelope,
    /// in the spec's order: a failed call decodes its body as one.
    pub errors: Vec<ErrorBody>,
    /// The operation's own `security`, overriding [`Security::global`](super::Security::global).
    pub security: Option<Requirement>,
    /// How the operation's list comes in pages, when it does (`Some`): it
    /// then also gets a method that streams every item.
    pub pagination: S::Paging,
    /// The server-sent events a success response offers
    /// (`text/event-stream`), when it does: it then also gets a method that
    /// reads them as they arrive.
    pub events: Option<EventStream<S>>,
    /// JSON pointer of the operation in the spec.
    pub source: String,
    /// The features any of which compiles the operation (and its
    /// parameters struct); empty when it always compiles.
    pub features: S::Features,
    /// What the spec declares for the operation that the model could not
    /// read (reported; only `--lenient` or an unsupported construct lets
    /// the operation through without it). Empty when it came through whole.
    pub dropped: Vec<Dropped>,
}

/// A part of an operation left out of its method.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Dropped {
    /// A parameter, by its name (or its `$ref` when it has none).
    Parameter(String),
    /// The request body.
    Body,
    /// The response with this status key (`200`, `4XX`, `default`).
    Response(String),
    /// Every response: the operation declares none.
    Responses,
}

impl std::fmt::Display for Dropped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Dropped::Parameter(name) => write!(f, "parameter '{name}'"),
            Dropped::Body => f.write_str("the request body"),
            Dropped::Response(status) => write!(f, "response {status}"),
            Dropped::Responses => f.write_str("its responses (none are declared)"),
        }
    }
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
    /// The types of the values a call sends: its parameters and its body.
    pub(crate) fn sent(&self) -> impl Iterator<Item = &TypeRef> {
        let params = self.params.iter().flat_map(|ps| &ps.fields);
        let body: Vec<&TypeRef> = match self.body.as_ref().map(|b| &b.kind) {
            Some(BodyKind::Json(ty) | BodyKind::Form(ty)) => vec![ty],
            Some(BodyKind::Multipart(Some(form))) => form.types().collect(),
            _ => Vec::new(),
        };
        self.path_params.iter().chain(params).map(|p| &p.ty).chain(body)
    }

    /// The types of the bodies a call may receive: its result, its events'
    /// data, its pages' typed metadata and its declared error bodies.
    pub(crate) fn received(&self) -> impl Iterator<Item = &TypeRef> {
        let result = match &self.response {
            Response::Envelope(ty) | Response::Json(ty) => Some(ty),
            _ => None,
        };
        let events = self.events.as_ref().map(|e| &e.data);
        let metadata = self.pagination.as_ref().and_then(|p| p.metadata.as_ref()).map(PageMetadata::ty);
        result.into_iter().chain(events).chain(metadata).chain(self.errors.iter().map(|e| &e.ty))
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
pub struct Param<S: Stage = Decided> {
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
    /// How a list is joined (`style` and `explode`, or Swagger 2.0's
    /// `collectionFormat`); for a path parameter, [`ListStyle::Repeated`]
    /// stands for `explode: true`.
    pub list: ListStyle,
    /// How a path parameter is written into the path (`style`); `Simple`
    /// for query and header parameters, which do not read it.
    pub path_style: PathStyle,
    /// How the value becomes text on the wire.
    pub shape: S::Shape,
    /// How a path parameter is passed to its method.
    pub pass: S::Pass,
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
    /// By reference (`&T`): anything else.
    Ref,
    /// As a slice (`&[T]`): a list of scalars.
    Slice,
}

/// How a path parameter is written into the path: OpenAPI's `style`
/// (the runtime's `PathStyle` adds `explode` and the list separator).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathStyle {
    /// `a,b` (the default).
    Simple,
    /// `.a,b`.
    Label,
    /// `;name=a,b`.
    Matrix,
}

impl PathStyle {
    /// From a `style` a path parameter may have; `None` for the others.
    pub(crate) fn of(style: Option<&str>) -> Option<Self> {
        match style {
            None | Some("simple") => Some(PathStyle::Simple),
            Some("label") => Some(PathStyle::Label),
            Some("matrix") => Some(PathStyle::Matrix),
            Some(_) => None,
        }
    }
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
    /// Values joined by a tab: Swagger 2.0's `collectionFormat: tsv`, which
    /// only path parameters read.
    Tab,
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
            ListStyle::Tab => Some("\t"),
        }
    }

    /// What joins a path parameter's values, as it is written in a URL: a
    /// comma as itself (it splits the values; a comma inside a value is
    /// escaped), any other separator escaped.
    pub(crate) fn path_separator(self) -> &'static str {
        match self {
            ListStyle::Repeated | ListStyle::Comma => ",",
            ListStyle::Space => "%20",
            ListStyle::Pipe => "%7C",
            ListStyle::Tab => "%09",
        }
    }

    /// The list style of Swagger 2.0's `collectionFormat` where OpenAPI 3
    /// has no `style` for it (a path's `ssv`, `tsv` and `pipes`).
    pub(crate) fn of_collection_format(format: &str) -> Option<Self> {
        match format {
            "ssv" => Some(ListStyle::Space),
            "tsv" => Some(ListStyle::Tab),
            "pipes" => Some(ListStyle::Pipe),
            _ => None,
        }
    }

    /// For reports: how a list is sent.
    pub(crate) fn describe(self) -> &'static str {
        match self {
            ListStyle::Repeated => "repeated keys",
            ListStyle::Comma => "one comma-separated value",
            ListStyle::Space => "one space-separated value",
            ListStyle::Pipe => "one pipe-separated value",
            ListStyle::Tab => "one tab-separated value",
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
    /// A path parameter's object (a struct or a map), written as its
    /// fields' names and values; query and header parameters do not use it.
    Object,
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
pub struct ParamsStruct<S: Stage = Decided> {
    /// Name of the generated struct, e.g. `ListZonesParams`.
    pub type_name: String,
    /// The parameters, in spec order.
    pub fields: Vec<Param<S>>,
    /// Every parameter is optional, so `Default` builds a valid value.
    pub default: bool,
}

/// An operation's request body: the method's `body` argument.
#[derive(Debug, Clone)]
pub struct Body<S: Stage = Decided> {
    /// How the body is encoded, and its type.
    pub kind: BodyKind<S>,
    /// Declared `required`: the argument is not an `Option`.
    pub required: bool,
    /// The body's description, for the method's docs.
    pub docs: Option<String>,
}

/// How a request body is encoded, chosen from its content types.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BodyKind<S: Stage = Decided> {
    /// `application/json` (or `+json`): a value of this type.
    Json(TypeRef),
    /// `application/x-www-form-urlencoded`: a value of this type.
    Form(TypeRef),
    /// `multipart/*`: the runtime's `Multipart` form, which the typed
    /// [`Form`] converts into when the body's schema is an object.
    Multipart(Option<Form<S>>),
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

/// An operation's server-sent events: a `text/event-stream` success
/// response, read event by event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventStream<S: Stage = Decided> {
    /// The `Client` method that returns the events, e.g.
    /// `create_chat_completion_events`.
    pub method: S::EventMethod,
    /// The type of each event's `data`: the media type's schema
    /// ([`TypeRef::String`] when it has none or is a string, and the data
    /// is then taken as text rather than JSON).
    pub data: TypeRef,
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
    /// What each page holds typed besides its items; `None`: only JSON.
    pub metadata: Option<PageMetadata>,
}

/// The part of a page's body that the spec declares a struct for, read
/// typed by the runtime.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageMetadata {
    /// The declared type of the body's `result_info` (Cloudflare's lists).
    ResultInfo(TypeRef),
    /// The body's own struct, for a list without `result_info` (Oxide's
    /// `{items, next_page}`); its items are read once, into the page's
    /// items.
    Body(TypeRef),
}

impl PageMetadata {
    /// The type the pages hold.
    pub fn ty(&self) -> &TypeRef {
        match self {
            PageMetadata::ResultInfo(ty) | PageMetadata::Body(ty) => ty,
        }
    }
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

/// What kind of body a media type carries, by its essence (parameters
/// such as `charset` ignored).
pub(super) enum MediaKind {
    Json,
    Form,
    Multipart,
    Text,
    Binary,
}

/// The kind of body `content_type` carries.
pub(super) fn media_kind(content_type: &str) -> MediaKind {
    let essence = content_type.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
    if is_json(&essence) {
        MediaKind::Json
    } else if essence == "application/x-www-form-urlencoded" {
        MediaKind::Form
    } else if essence.starts_with("multipart/") {
        MediaKind::Multipart
    } else if essence.starts_with("text/") {
        MediaKind::Text
    } else {
        MediaKind::Binary
    }
}

/// The media type a client should use: JSON first, then forms, then the
/// first listed.
pub(super) fn pick_media(content: &IndexMap<String, MediaType>) -> Option<(&str, &MediaType)> {
    let rank = |ct: &str| match media_kind(ct) {
        MediaKind::Json => 0,
        MediaKind::Form => 1,
        MediaKind::Multipart => 2,
        MediaKind::Text => 3,
        MediaKind::Binary => 4,
    };
    content.iter().min_by_key(|(ct, _)| rank(ct)).map(|(ct, m)| (ct.as_str(), m))
}

#[cfg(test)]
mod tests {
    use super::{ListStyle, PathStyle};

    /// Swagger 2.0's separators in a path, as they go into the URL: a
    /// comma as itself, the others escaped (a bare space, tab or `|` is not
    /// allowed in a URL).
    #[test]
    fn path_separators_of_collection_formats() {
        let table =
            [("ssv", Some("%20")), ("tsv", Some("%09")), ("pipes", Some("%7C")), ("csv", None), ("multi", None)];
        for (format, want) in table {
            let got = ListStyle::of_collection_format(format).map(ListStyle::path_separator);
            assert_eq!(got, want, "{format}");
        }
        assert_eq!(ListStyle::of(Some("simple"), None).path_separator(), ",");
        assert_eq!(PathStyle::of(Some("matrix")), Some(PathStyle::Matrix));
        assert_eq!(PathStyle::of(None), Some(PathStyle::Simple));
        assert_eq!(PathStyle::of(Some("form")), None);
    }

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
