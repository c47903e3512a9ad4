//! Serde types of an OpenAPI 3.0 / 3.1 document: only what the generator
//! reads. Unknown keywords are ignored; every field is lenient about absence
//! so that validation (with locations) happens in the model, not here.

use indexmap::IndexMap;
use serde::Deserialize;
use serde_json::Value;

#[derive(Debug, Deserialize, Default)]
pub struct Document {
    pub openapi: Option<Value>,
    /// Present in Swagger 2.0 documents, which are rejected with a hint.
    pub swagger: Option<Value>,
    #[serde(default)]
    pub info: Info,
    #[serde(default)]
    pub servers: Vec<Server>,
    #[serde(default)]
    pub paths: IndexMap<String, PathItem>,
    #[serde(default)]
    pub components: Components,
    #[serde(default)]
    pub tags: Vec<Tag>,
}

#[derive(Debug, Deserialize, Default)]
pub struct Info {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub version: String,
    pub description: Option<String>,
    /// The generated crate's name (`x-rust-crate`); derived from the title
    /// when absent.
    #[serde(rename = "x-rust-crate")]
    pub rust_crate: Option<String>,
    #[serde(rename = "x-rust-crate-version")]
    pub rust_crate_version: Option<String>,
    /// Prefix of the environment variables `Client::from_env` reads.
    #[serde(rename = "x-env-prefix")]
    pub env_prefix: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct Server {
    pub url: String,
}

#[derive(Debug, Deserialize)]
pub struct Tag {
    pub name: String,
}

#[derive(Debug, Deserialize, Default)]
pub struct Components {
    #[serde(default)]
    pub schemas: IndexMap<String, Schema>,
    #[serde(default)]
    pub parameters: IndexMap<String, Parameter>,
    #[serde(default)]
    pub responses: IndexMap<String, Response>,
    #[serde(rename = "requestBodies", default)]
    pub request_bodies: IndexMap<String, RequestBody>,
}

#[derive(Debug, Deserialize, Default)]
pub struct PathItem {
    #[serde(rename = "$ref")]
    pub reference: Option<String>,
    #[serde(default)]
    pub parameters: Vec<Parameter>,
    pub get: Option<Operation>,
    pub put: Option<Operation>,
    pub post: Option<Operation>,
    pub delete: Option<Operation>,
    pub options: Option<Operation>,
    pub head: Option<Operation>,
    pub patch: Option<Operation>,
    pub trace: Option<Operation>,
}

impl PathItem {
    /// The operations in the order OpenAPI lists methods.
    pub fn operations(&self) -> impl Iterator<Item = (&'static str, &Operation)> {
        [
            ("get", &self.get),
            ("put", &self.put),
            ("post", &self.post),
            ("delete", &self.delete),
            ("options", &self.options),
            ("head", &self.head),
            ("patch", &self.patch),
            ("trace", &self.trace),
        ]
        .into_iter()
        .filter_map(|(m, op)| op.as_ref().map(|op| (m, op)))
    }
}

#[derive(Debug, Deserialize, Default)]
pub struct Operation {
    #[serde(rename = "operationId")]
    pub operation_id: Option<String>,
    pub summary: Option<String>,
    pub description: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub deprecated: bool,
    #[serde(default)]
    pub parameters: Vec<Parameter>,
    #[serde(rename = "requestBody")]
    pub request_body: Option<RequestBody>,
    #[serde(default)]
    pub responses: IndexMap<String, Response>,
}

/// A parameter or a `$ref` to one (sibling keys of a `$ref` are kept).
#[derive(Debug, Deserialize, Default)]
pub struct Parameter {
    #[serde(rename = "$ref")]
    pub reference: Option<String>,
    pub name: Option<String>,
    #[serde(rename = "in")]
    pub location: Option<String>,
    pub description: Option<String>,
    #[serde(default)]
    pub required: bool,
    #[serde(default)]
    pub deprecated: bool,
    pub schema: Option<Schema>,
    pub content: Option<IndexMap<String, MediaType>>,
    pub style: Option<String>,
    pub explode: Option<bool>,
}

#[derive(Debug, Deserialize, Default)]
pub struct RequestBody {
    #[serde(rename = "$ref")]
    pub reference: Option<String>,
    pub description: Option<String>,
    #[serde(default)]
    pub required: bool,
    #[serde(default)]
    pub content: IndexMap<String, MediaType>,
}

#[derive(Debug, Deserialize, Default)]
pub struct Response {
    #[serde(rename = "$ref")]
    pub reference: Option<String>,
    pub description: Option<String>,
    #[serde(default)]
    pub content: IndexMap<String, MediaType>,
}

#[derive(Debug, Deserialize, Default)]
pub struct MediaType {
    pub schema: Option<Schema>,
    pub example: Option<Value>,
    #[serde(default)]
    pub examples: IndexMap<String, Example>,
}

#[derive(Debug, Deserialize, Default)]
pub struct Example {
    #[serde(rename = "$ref")]
    pub reference: Option<String>,
    pub summary: Option<String>,
    pub value: Option<Value>,
}

/// `type: string` (3.0) or `type: [string, "null"]` (3.1).
#[derive(Debug, Deserialize, Clone)]
#[serde(untagged)]
pub enum SchemaType {
    One(String),
    Many(Vec<String>),
}

/// `additionalProperties: true | false | {schema}`, and 3.1 boolean schemas.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum BoolOrSchema {
    Bool(bool),
    Schema(Box<Schema>),
}

#[derive(Debug, Deserialize, Default)]
pub struct Discriminator {
    #[serde(rename = "propertyName")]
    pub property_name: String,
    #[serde(default)]
    pub mapping: IndexMap<String, String>,
}

/// A JSON Schema as OpenAPI uses it. `$ref` may carry sibling keywords
/// (3.1, and Cloudflare's processed spec), so it is a field, not a variant.
#[derive(Debug, Deserialize, Default)]
pub struct Schema {
    #[serde(rename = "$ref")]
    pub reference: Option<String>,
    #[serde(rename = "type")]
    pub schema_type: Option<SchemaType>,
    pub format: Option<String>,
    pub title: Option<String>,
    pub description: Option<String>,
    #[serde(default)]
    pub nullable: bool,
    #[serde(default)]
    pub deprecated: bool,
    #[serde(rename = "enum")]
    pub enum_values: Option<Vec<Value>>,
    #[serde(rename = "const")]
    pub const_value: Option<Value>,
    #[serde(default)]
    pub properties: IndexMap<String, Schema>,
    #[serde(default, deserialize_with = "required_list")]
    pub required: Vec<String>,
    #[serde(rename = "additionalProperties")]
    pub additional_properties: Option<BoolOrSchema>,
    pub items: Option<Box<BoolOrSchema>>,
    #[serde(rename = "allOf")]
    pub all_of: Option<Vec<Schema>>,
    #[serde(rename = "oneOf")]
    pub one_of: Option<Vec<Schema>>,
    #[serde(rename = "anyOf")]
    pub any_of: Option<Vec<Schema>>,
    pub discriminator: Option<Discriminator>,
    pub minimum: Option<Value>,
    pub maximum: Option<Value>,
    pub default: Option<Value>,
    pub example: Option<Value>,
}

/// `required` is a list of property names; a Swagger-style `required: true`
/// inside a property is tolerated as "no list" rather than failing the run.
fn required_list<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Required {
        List(Vec<String>),
        Flag(#[allow(dead_code)] bool),
    }
    Ok(match Required::deserialize(d)? {
        Required::List(list) => list,
        Required::Flag(_) => Vec::new(),
    })
}
