//! What OpenAPI object stands at each position of a document, and which of
//! its keys hold other objects. Keys whose value is data (`example`,
//! `examples` of a schema, `default`, `enum`, `const`, `x-*` extensions,
//! an example's `value`, a link's `parameters`) are not listed, so a `$ref`
//! inside them is never followed.

/// The kind of object at a position.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Kind {
    Schema,
    Parameter,
    RequestBody,
    Response,
    PathItem,
    Operation,
    Header,
    MediaType,
    Encoding,
    Example,
    Link,
    /// A map of expressions to path items.
    Callback,
    SecurityScheme,
}

/// What stands at a position: one object, or a map or list of them. A
/// map or list may itself be a `$ref` (`content: {$ref: …}`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Shape {
    One(Kind),
    Map(Kind),
    List(Kind),
}

/// Whether the generator reads what is under a key: a `$ref` that cannot be
/// followed where it does not (headers, links, examples, callbacks) is only
/// a warning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Read {
    Yes,
    No,
}

/// The keys of a `kind` object that hold objects, in the order they are
/// walked (which is the order refs are first met, so it fixes the keys
/// hoisted nodes get).
pub(crate) fn children(kind: Kind) -> &'static [(&'static str, Shape, Read)] {
    use Kind::*;
    use Read::{No, Yes};
    use Shape::{List, Map, One};
    match kind {
        PathItem => &[
            ("parameters", List(Parameter), Yes),
            ("get", One(Operation), Yes),
            ("put", One(Operation), Yes),
            ("post", One(Operation), Yes),
            ("delete", One(Operation), Yes),
            ("options", One(Operation), Yes),
            ("head", One(Operation), Yes),
            ("patch", One(Operation), Yes),
            ("trace", One(Operation), Yes),
        ],
        Operation => &[
            ("parameters", List(Parameter), Yes),
            ("requestBody", One(RequestBody), Yes),
            ("responses", Map(Response), Yes),
            ("callbacks", Map(Callback), No),
        ],
        // `items` is Swagger 2.0's description of an array parameter's
        // (or header's) elements.
        Parameter => &[
            ("schema", One(Schema), Yes),
            ("content", Map(MediaType), Yes),
            ("items", One(Schema), Yes),
            ("examples", Map(Example), No),
        ],
        RequestBody => &[("content", Map(MediaType), Yes)],
        // `schema` is Swagger 2.0's response body; its `examples` are data.
        Response => &[
            ("content", Map(MediaType), Yes),
            ("schema", One(Schema), Yes),
            ("headers", Map(Header), No),
            ("links", Map(Link), No),
        ],
        Header => &[
            ("schema", One(Schema), Yes),
            ("content", Map(MediaType), Yes),
            ("items", One(Schema), Yes),
            ("examples", Map(Example), No),
        ],
        MediaType => &[("schema", One(Schema), Yes), ("encoding", Map(Encoding), Yes), ("examples", Map(Example), No)],
        Encoding => &[("headers", Map(Header), No)],
        Schema => &[
            ("properties", Map(Schema), Yes),
            ("additionalProperties", One(Schema), Yes),
            ("items", One(Schema), Yes),
            ("allOf", List(Schema), Yes),
            ("oneOf", List(Schema), Yes),
            ("anyOf", List(Schema), Yes),
            ("not", One(Schema), Yes),
            ("prefixItems", List(Schema), Yes),
            ("additionalItems", One(Schema), Yes),
            ("contains", One(Schema), Yes),
            ("patternProperties", Map(Schema), Yes),
            ("dependentSchemas", Map(Schema), Yes),
            ("propertyNames", One(Schema), Yes),
            ("unevaluatedItems", One(Schema), Yes),
            ("unevaluatedProperties", One(Schema), Yes),
            ("if", One(Schema), Yes),
            ("then", One(Schema), Yes),
            ("else", One(Schema), Yes),
            ("contentSchema", One(Schema), Yes),
            ("$defs", Map(Schema), Yes),
            ("definitions", Map(Schema), Yes),
        ],
        Example | Link | SecurityScheme | Callback => &[],
    }
}

impl Kind {
    /// Kinds the typed document accepts a `$ref` for and that are filed
    /// under a components section when they come from elsewhere: one
    /// target is one component, so one type.
    pub(crate) fn hoisted(self) -> bool {
        matches!(self, Kind::Schema | Kind::Parameter | Kind::RequestBody | Kind::Response)
    }

    /// Kinds at whose positions a local `#/components/<section>/<key>` of
    /// the root spec stays a reference: the model resolves those (and
    /// reports one of the wrong kind), or never reads them.
    pub(crate) fn keeps_component_refs(self) -> bool {
        self.hoisted() || matches!(self, Kind::Example | Kind::Header | Kind::Link | Kind::Callback)
    }

    /// How the kind is named in messages.
    pub(crate) fn noun(self) -> &'static str {
        match self {
            Kind::Schema => "schema",
            Kind::Parameter => "parameter",
            Kind::RequestBody => "request body",
            Kind::Response => "response",
            Kind::PathItem => "path item",
            Kind::Operation => "operation",
            Kind::Header => "header",
            Kind::MediaType => "media type",
            Kind::Encoding => "encoding",
            Kind::Example => "example",
            Kind::Link => "link",
            Kind::Callback => "callback",
            Kind::SecurityScheme => "security scheme",
        }
    }
}

impl Shape {
    /// The kind hoisted for a `$ref` at this position, if any.
    pub(crate) fn hoisted(self) -> Option<Kind> {
        match self {
            Shape::One(kind) if kind.hoisted() => Some(kind),
            _ => None,
        }
    }

    pub(crate) fn keeps_component_refs(self) -> bool {
        matches!(self, Shape::One(kind) if kind.keeps_component_refs())
    }

    pub(crate) fn noun(self) -> String {
        match self {
            Shape::One(kind) => kind.noun().to_string(),
            Shape::Map(kind) | Shape::List(kind) => format!("{} list", kind.noun()),
        }
    }
}
