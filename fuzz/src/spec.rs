//! A small model of an OpenAPI document for the structure-aware fuzz
//! target. Names come from a short list, so that references hit, types
//! collide, and odd names (keywords, punctuation, empty) turn up often;
//! numbers range over extremes. `to_json` writes the document; it may be
//! invalid OpenAPI (dangling references, undeclared path parameters), which
//! the generator must then report as located errors.

use arbitrary::Arbitrary;
use serde_json::{json, Map, Value};

/// Names for schemas, properties, parameters, tags and operationIds.
const NAMES: &[&str] = &[
    "Pet", "pet", "PET", "pet_id", "petId", "Pet-Id", "Error", "Item", "Items", "List", "id", "name", "status",
    "type", "self", "Self", "crate", "super", "match", "async", "r#type", "Option", "Result", "String", "Vec",
    "Box", "Default", "Client", "Error_", "", " ", "_", "__", "0", "1abc", "-", "a b", "a.b", "a/b", "~", "é",
    "ß", "🦀", "x-rust-crate", "$ref", "default", "Unknown", "unknown", "None", "true", "null",
];

#[derive(Debug, Arbitrary)]
pub struct Name(u8);

impl Name {
    fn text(&self) -> &'static str {
        NAMES[self.0 as usize % NAMES.len()]
    }
}

#[derive(Debug, Arbitrary)]
pub enum Version {
    V30,
    V31,
    Swagger2,
    Odd,
}

#[derive(Debug, Arbitrary)]
pub struct Spec {
    version: Version,
    title: Name,
    schemas: Vec<(Name, Schema)>,
    paths: Vec<PathItem>,
    security: Vec<Security>,
}

#[derive(Debug, Arbitrary)]
pub enum Number {
    Small(i8),
    Max,
    Min,
    Huge,
    Fraction,
    Exponent,
}

impl Number {
    fn value(&self) -> Value {
        match self {
            Number::Small(n) => json!(n),
            Number::Max => json!(u64::MAX),
            Number::Min => json!(i64::MIN),
            Number::Huge => json!(1.0e300),
            Number::Fraction => json!(0.5),
            Number::Exponent => json!(-2.5e-10),
        }
    }
}

#[derive(Debug, Arbitrary)]
pub enum Literal {
    Name(Name),
    Number(Number),
    Bool(bool),
    Null,
}

impl Literal {
    fn value(&self) -> Value {
        match self {
            Literal::Name(n) => json!(n.text()),
            Literal::Number(n) => n.value(),
            Literal::Bool(b) => json!(b),
            Literal::Null => Value::Null,
        }
    }
}

#[derive(Debug, Arbitrary)]
pub enum Format {
    None,
    Int32,
    Int64,
    Uint64,
    Float,
    Double,
    DateTime,
    Binary,
    Uuid,
    Odd(Name),
}

impl Format {
    fn text(&self) -> Option<&'static str> {
        Some(match self {
            Format::None => return None,
            Format::Int32 => "int32",
            Format::Int64 => "int64",
            Format::Uint64 => "uint64",
            Format::Float => "float",
            Format::Double => "double",
            Format::DateTime => "date-time",
            Format::Binary => "binary",
            Format::Uuid => "uuid",
            Format::Odd(n) => n.text(),
        })
    }
}

#[derive(Debug, Arbitrary)]
pub enum Schema {
    /// `#/components/schemas/{name}`, which may not exist.
    Ref(Name),
    /// A reference that is not to a component schema.
    OddRef(Name),
    String { format: Format, values: Option<Vec<Literal>> },
    Integer { format: Format, minimum: Option<Number>, maximum: Option<Number>, values: Option<Vec<Literal>> },
    Number { format: Format },
    Boolean,
    Null,
    Any,
    /// A type name OpenAPI does not have, or a type list (3.1).
    OddType(Name),
    Types(Vec<Name>),
    Array(Box<Schema>),
    Object { properties: Vec<(Name, Schema)>, required: Vec<Name>, additional: Option<Box<Schema>> },
    AllOf(Vec<Schema>),
    OneOf { variants: Vec<Schema>, discriminator: Option<Name> },
    AnyOf(Vec<Schema>),
    Nullable(Box<Schema>),
    Const(Literal),
    Default { schema: Box<Schema>, default: Literal },
}

impl Schema {
    fn value(&self) -> Value {
        match self {
            Schema::Ref(n) => json!({ "$ref": format!("#/components/schemas/{}", escape(n.text())) }),
            Schema::OddRef(n) => json!({ "$ref": n.text() }),
            Schema::String { format, values } => with(json!({ "type": "string" }), format, values),
            Schema::Integer { format, minimum, maximum, values } => {
                let mut v = with(json!({ "type": "integer" }), format, values);
                if let Some(m) = minimum {
                    v["minimum"] = m.value();
                }
                if let Some(m) = maximum {
                    v["maximum"] = m.value();
                }
                v
            }
            Schema::Number { format } => with(json!({ "type": "number" }), format, &None),
            Schema::Boolean => json!({ "type": "boolean" }),
            Schema::Null => json!({ "type": "null" }),
            Schema::Any => json!({}),
            Schema::OddType(n) => json!({ "type": n.text() }),
            Schema::Types(names) => json!({ "type": names.iter().map(Name::text).collect::<Vec<_>>() }),
            Schema::Array(items) => json!({ "type": "array", "items": items.value() }),
            Schema::Object { properties, required, additional } => {
                let props: Map<String, Value> =
                    properties.iter().map(|(n, s)| (n.text().to_string(), s.value())).collect();
                let mut v = json!({ "type": "object", "properties": props });
                if !required.is_empty() {
                    v["required"] = json!(required.iter().map(Name::text).collect::<Vec<_>>());
                }
                if let Some(a) = additional {
                    v["additionalProperties"] = a.value();
                }
                v
            }
            Schema::AllOf(parts) => json!({ "allOf": values(parts) }),
            Schema::OneOf { variants, discriminator } => {
                let mut v = json!({ "oneOf": values(variants) });
                if let Some(d) = discriminator {
                    v["discriminator"] = json!({ "propertyName": d.text() });
                }
                v
            }
            Schema::AnyOf(parts) => json!({ "anyOf": values(parts) }),
            Schema::Nullable(inner) => {
                let mut v = inner.value();
                if let Value::Object(map) = &mut v {
                    map.insert("nullable".into(), json!(true));
                }
                v
            }
            Schema::Const(l) => json!({ "const": l.value() }),
            Schema::Default { schema, default } => {
                let mut v = schema.value();
                if let Value::Object(map) = &mut v {
                    map.insert("default".into(), default.value());
                }
                v
            }
        }
    }
}

fn with(mut v: Value, format: &Format, values: &Option<Vec<Literal>>) -> Value {
    if let Some(f) = format.text() {
        v["format"] = json!(f);
    }
    if let Some(values) = values {
        v["enum"] = json!(values.iter().map(Literal::value).collect::<Vec<_>>());
    }
    v
}

fn values(schemas: &[Schema]) -> Vec<Value> {
    schemas.iter().map(Schema::value).collect()
}

/// JSON pointer escaping of a reference token.
fn escape(name: &str) -> String {
    name.replace('~', "~0").replace('/', "~1")
}

#[derive(Debug, Arbitrary)]
pub enum Segment {
    Literal(Name),
    Parameter(Name),
    Broken(Name),
}

#[derive(Debug, Arbitrary)]
pub struct PathItem {
    segments: Vec<Segment>,
    operations: Vec<Operation>,
}

#[derive(Debug, Arbitrary)]
pub enum Method {
    Get,
    Put,
    Post,
    Delete,
    Patch,
    Head,
    Options,
    Trace,
}

#[derive(Debug, Arbitrary)]
pub enum Location {
    Path,
    Query,
    Header,
    Cookie,
    Odd(Name),
}

#[derive(Debug, Arbitrary)]
pub struct Parameter {
    name: Name,
    location: Location,
    required: Option<bool>,
    schema: Option<Schema>,
}

#[derive(Debug, Arbitrary)]
pub enum MediaType {
    Json,
    Form,
    Multipart,
    Text,
    Binary,
    Odd(Name),
}

#[derive(Debug, Arbitrary)]
pub enum Status {
    Ok,
    Created,
    NoContent,
    NotFound,
    ClientErrors,
    Default,
    Odd(Name),
}

#[derive(Debug, Arbitrary)]
pub struct Operation {
    method: Method,
    id: Option<Name>,
    tags: Vec<Name>,
    parameters: Vec<Parameter>,
    body: Option<(MediaType, Schema)>,
    responses: Vec<(Status, Option<(MediaType, Schema)>)>,
}

#[derive(Debug, Arbitrary)]
pub enum Security {
    Bearer(Name),
    ApiKey { name: Name, header: Name },
    Basic(Name),
    Undeclared(Name),
}

fn content(media: &MediaType, schema: &Schema) -> Value {
    let media = match media {
        MediaType::Json => "application/json",
        MediaType::Form => "application/x-www-form-urlencoded",
        MediaType::Multipart => "multipart/form-data",
        MediaType::Text => "text/plain",
        MediaType::Binary => "application/octet-stream",
        MediaType::Odd(n) => n.text(),
    };
    json!({ media: { "schema": schema.value() } })
}

impl Operation {
    fn value(&self) -> Value {
        let mut v = json!({});
        if let Some(id) = &self.id {
            v["operationId"] = json!(id.text());
        }
        if !self.tags.is_empty() {
            v["tags"] = json!(self.tags.iter().map(Name::text).collect::<Vec<_>>());
        }
        if !self.parameters.is_empty() {
            let params: Vec<Value> = self.parameters.iter().map(Parameter::value).collect();
            v["parameters"] = json!(params);
        }
        if let Some((media, schema)) = &self.body {
            v["requestBody"] = json!({ "content": content(media, schema) });
        }
        let mut responses = Map::new();
        for (status, body) in &self.responses {
            let status = match status {
                Status::Ok => "200",
                Status::Created => "201",
                Status::NoContent => "204",
                Status::NotFound => "404",
                Status::ClientErrors => "4XX",
                Status::Default => "default",
                Status::Odd(n) => n.text(),
            };
            let mut response = json!({ "description": "a response" });
            if let Some((media, schema)) = body {
                response["content"] = content(media, schema);
            }
            responses.insert(status.to_string(), response);
        }
        v["responses"] = Value::Object(responses);
        v
    }
}

impl Parameter {
    fn value(&self) -> Value {
        let location = match &self.location {
            Location::Path => "path",
            Location::Query => "query",
            Location::Header => "header",
            Location::Cookie => "cookie",
            Location::Odd(n) => n.text(),
        };
        let mut v = json!({ "name": self.name.text(), "in": location });
        if let Some(r) = self.required {
            v["required"] = json!(r);
        }
        if let Some(s) = &self.schema {
            v["schema"] = s.value();
        }
        v
    }
}

impl Spec {
    /// The document, as `serde_json` would read it.
    pub fn to_json(&self) -> Value {
        let mut doc = match self.version {
            Version::V30 => json!({ "openapi": "3.0.3" }),
            Version::V31 => json!({ "openapi": "3.1.0" }),
            Version::Swagger2 => json!({ "swagger": "2.0" }),
            Version::Odd => json!({ "openapi": 3.1 }),
        };
        doc["info"] = json!({ "title": self.title.text(), "version": "1" });
        let mut paths = Map::new();
        for item in &self.paths {
            let template: String = item
                .segments
                .iter()
                .map(|s| match s {
                    Segment::Literal(n) => format!("/{}", n.text()),
                    Segment::Parameter(n) => format!("/{{{}}}", n.text()),
                    Segment::Broken(n) => format!("/{{{}", n.text()),
                })
                .collect();
            let mut operations = Map::new();
            for op in &item.operations {
                let method = format!("{:?}", op.method).to_lowercase();
                operations.insert(method, op.value());
            }
            paths.insert(if template.is_empty() { "/".into() } else { template }, Value::Object(operations));
        }
        doc["paths"] = Value::Object(paths);
        let schemas: Map<String, Value> = self.schemas.iter().map(|(n, s)| (n.text().to_string(), s.value())).collect();
        doc["components"] = json!({ "schemas": schemas });
        let mut schemes = Map::new();
        let mut requirements = Vec::new();
        for s in &self.security {
            let (name, scheme) = match s {
                Security::Bearer(n) => (n, Some(json!({ "type": "http", "scheme": "bearer" }))),
                Security::ApiKey { name, header } => {
                    (name, Some(json!({ "type": "apiKey", "in": "header", "name": header.text() })))
                }
                Security::Basic(n) => (n, Some(json!({ "type": "http", "scheme": "basic" }))),
                Security::Undeclared(n) => (n, None),
            };
            if let Some(scheme) = scheme {
                schemes.insert(name.text().to_string(), scheme);
            }
            requirements.push(json!({ name.text(): [] }));
        }
        if !schemes.is_empty() {
            doc["components"]["securitySchemes"] = Value::Object(schemes);
        }
        if !requirements.is_empty() {
            doc["security"] = json!(requirements);
        }
        doc
    }
}
