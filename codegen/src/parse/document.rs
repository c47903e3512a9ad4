//! Serde types of an OpenAPI 3.0 / 3.1 document: only what the generator
//! reads, and a few fields (`#[allow(dead_code)]`) it reads only so that a
//! value of the wrong type is reported. Unknown keywords are ignored; every
//! field is lenient about absence so that validation (with locations)
//! happens in the model, not here.

use super::lenient;
use indexmap::IndexMap;
use serde::Deserialize;
use serde_json::Value;

/// A parsed OpenAPI document, as [`model::build`](fn@crate::model::build) takes it.
#[derive(Debug, Deserialize, Default)]
pub struct Document {
    pub(crate) openapi: Option<Value>,
    /// `2.0` in a Swagger 2.0 document, which is read and then converted
    /// (the conversion keeps it, so that reports can use 2.0's terms).
    pub(crate) swagger: Option<Value>,
    #[serde(default)]
    pub(crate) info: Info,
    #[serde(default)]
    pub(crate) servers: Vec<Server>,
    #[serde(default)]
    pub(crate) paths: IndexMap<String, PathItem>,
    #[serde(default)]
    pub(crate) components: Components,
    #[serde(default)]
    #[allow(dead_code)]
    pub(crate) tags: Vec<Tag>,
    /// The security requirements of every operation without its own.
    pub(crate) security: Option<Vec<SecurityRequirement>>,
}

/// One alternative of a `security` list: scheme name to scopes. Every
/// scheme of one requirement is needed together.
pub(crate) type SecurityRequirement = IndexMap<String, Value>;

/// An entry of `components.securitySchemes` (or a `$ref` to one).
#[derive(Debug, Deserialize, Default)]
pub(crate) struct SecurityScheme {
    #[serde(rename = "$ref")]
    pub(crate) reference: Option<String>,
    /// `http`, `apiKey`, `oauth2`, `openIdConnect` or `mutualTLS`.
    #[serde(rename = "type")]
    pub(crate) kind: Option<String>,
    pub(crate) description: Option<String>,
    /// For `http`: `basic`, `bearer`, or another HTTP auth scheme.
    pub(crate) scheme: Option<String>,
    #[serde(rename = "bearerFormat")]
    pub(crate) bearer_format: Option<String>,
    /// For `apiKey`: the header, query parameter or cookie name.
    pub(crate) name: Option<String>,
    /// For `apiKey`: `header`, `query` or `cookie`.
    #[serde(rename = "in")]
    pub(crate) location: Option<String>,
}

#[derive(Debug, Deserialize, Default)]
pub(crate) struct Info {
    #[serde(default)]
    pub(crate) title: String,
    #[serde(default)]
    pub(crate) version: String,
    pub(crate) description: Option<String>,
    /// The generated crate's name (`x-rust-crate`); derived from the title
    /// when absent.
    #[serde(rename = "x-rust-crate")]
    pub(crate) rust_crate: Option<String>,
    #[serde(rename = "x-rust-crate-version")]
    pub(crate) rust_crate_version: Option<String>,
    /// Prefix of the environment variables `Client::from_env` reads.
    #[serde(rename = "x-env-prefix")]
    pub(crate) env_prefix: Option<String>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct Server {
    pub(crate) url: String,
}

#[derive(Debug, Deserialize)]
pub(crate) struct Tag {
    #[allow(dead_code)]
    pub(crate) name: String,
}

#[derive(Debug, Deserialize, Default)]
pub(crate) struct Components {
    #[serde(default)]
    pub(crate) schemas: IndexMap<String, Schema>,
    #[serde(default)]
    pub(crate) parameters: IndexMap<String, Parameter>,
    #[serde(default)]
    pub(crate) responses: IndexMap<String, Response>,
    #[serde(rename = "requestBodies", default)]
    pub(crate) request_bodies: IndexMap<String, RequestBody>,
    #[serde(rename = "securitySchemes", default)]
    pub(crate) security_schemes: IndexMap<String, SecurityScheme>,
}

#[derive(Debug, Deserialize, Default)]
pub(crate) struct PathItem {
    #[serde(default)]
    pub(crate) parameters: Vec<Parameter>,
    pub(crate) get: Option<Operation>,
    pub(crate) put: Option<Operation>,
    pub(crate) post: Option<Operation>,
    pub(crate) delete: Option<Operation>,
    pub(crate) options: Option<Operation>,
    pub(crate) head: Option<Operation>,
    pub(crate) patch: Option<Operation>,
    pub(crate) trace: Option<Operation>,
}

impl PathItem {
    /// The operations in the order OpenAPI lists methods.
    pub(crate) fn operations(&self) -> impl Iterator<Item = (&'static str, &Operation)> {
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
pub(crate) struct Operation {
    /// Not OpenAPI, but split specs write it (`get: {$ref: list.yaml}`) and
    /// bundlers follow it; read so that one not followed is reported.
    #[serde(rename = "$ref")]
    pub(crate) reference: Option<String>,
    #[serde(rename = "operationId")]
    pub(crate) operation_id: Option<String>,
    pub(crate) summary: Option<String>,
    pub(crate) description: Option<String>,
    #[serde(default)]
    pub(crate) tags: Vec<String>,
    #[serde(default)]
    pub(crate) deprecated: bool,
    #[serde(default)]
    pub(crate) parameters: Vec<Parameter>,
    #[serde(rename = "requestBody")]
    pub(crate) request_body: Option<RequestBody>,
    #[serde(default)]
    pub(crate) responses: IndexMap<String, Response>,
    /// Overrides the document's `security`; `[]` means no credentials.
    pub(crate) security: Option<Vec<SecurityRequirement>>,
    /// Dropshot's mark of a paginated list (`true`, or `{required: […]}`);
    /// any value is accepted, since only its presence is read.
    #[serde(rename = "x-dropshot-pagination")]
    pub(crate) dropshot_pagination: Option<Value>,
}

/// A parameter or a `$ref` to one (sibling keys of a `$ref` are kept).
#[derive(Debug, Deserialize, Default)]
pub(crate) struct Parameter {
    #[serde(rename = "$ref")]
    pub(crate) reference: Option<String>,
    pub(crate) name: Option<String>,
    #[serde(rename = "in")]
    pub(crate) location: Option<String>,
    pub(crate) description: Option<String>,
    #[serde(default)]
    pub(crate) required: bool,
    #[serde(default)]
    #[allow(dead_code)]
    pub(crate) deprecated: bool,
    pub(crate) schema: Option<Schema>,
    pub(crate) content: Option<IndexMap<String, MediaType>>,
    pub(crate) style: Option<String>,
    pub(crate) explode: Option<bool>,
    /// Swagger 2.0's `collectionFormat` of a path parameter whose separator
    /// no 3.x `style` has (`ssv`, `tsv`, `pipes`); set by the conversion.
    #[serde(skip)]
    pub(crate) collection_format: Option<String>,
}

#[derive(Debug, Deserialize, Default)]
pub(crate) struct RequestBody {
    #[serde(rename = "$ref")]
    pub(crate) reference: Option<String>,
    pub(crate) description: Option<String>,
    #[serde(default)]
    pub(crate) required: bool,
    #[serde(default)]
    pub(crate) content: IndexMap<String, MediaType>,
}

#[derive(Debug, Deserialize, Default)]
pub(crate) struct Response {
    #[serde(rename = "$ref")]
    pub(crate) reference: Option<String>,
    #[allow(dead_code)]
    pub(crate) description: Option<String>,
    #[serde(default)]
    pub(crate) content: IndexMap<String, MediaType>,
}

#[derive(Debug, Deserialize, Default)]
pub(crate) struct MediaType {
    pub(crate) schema: Option<Schema>,
    #[allow(dead_code)]
    pub(crate) example: Option<Value>,
    #[serde(default)]
    #[allow(dead_code)]
    pub(crate) examples: IndexMap<String, Example>,
    /// How the properties of a `multipart` body are sent, by property name.
    #[serde(default)]
    pub(crate) encoding: IndexMap<String, Encoding>,
}

/// How one property of a `multipart` body is sent.
#[derive(Debug, Deserialize, Default)]
pub(crate) struct Encoding {
    /// The part's media type, or a comma-separated list of those accepted.
    #[serde(rename = "contentType")]
    pub(crate) content_type: Option<String>,
}

#[derive(Debug, Deserialize, Default)]
#[allow(dead_code)]
pub(crate) struct Example {
    #[serde(rename = "$ref")]
    pub(crate) reference: Option<String>,
    pub(crate) summary: Option<String>,
    pub(crate) value: Option<Value>,
}

/// `type: string` (3.0) or `type: [string, "null"]` (3.1).
#[derive(Debug, Deserialize, Clone)]
#[serde(untagged)]
pub(crate) enum SchemaType {
    One(String),
    Many(Vec<String>),
}

/// `additionalProperties: true | false | {schema}`, and 3.1 boolean schemas.
#[derive(Debug, Deserialize, Clone)]
#[serde(untagged)]
pub(crate) enum BoolOrSchema {
    Bool(#[allow(dead_code)] bool),
    Schema(Box<Schema>),
}

/// A discriminator object, or Swagger 2.0's bare property name.
#[derive(Debug, Deserialize, Default, Clone)]
#[serde(from = "DiscriminatorForm")]
pub(crate) struct Discriminator {
    #[serde(rename = "propertyName")]
    pub(crate) property_name: String,
    #[serde(default)]
    pub(crate) mapping: IndexMap<String, String>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum DiscriminatorForm {
    Name(String),
    Object {
        #[serde(rename = "propertyName")]
        property_name: String,
        #[serde(default)]
        mapping: IndexMap<String, String>,
    },
}

impl From<DiscriminatorForm> for Discriminator {
    fn from(form: DiscriminatorForm) -> Self {
        match form {
            DiscriminatorForm::Name(property_name) => Discriminator { property_name, mapping: IndexMap::new() },
            DiscriminatorForm::Object { property_name, mapping } => Discriminator { property_name, mapping },
        }
    }
}

/// A JSON Schema as OpenAPI uses it. `$ref` may carry sibling keywords
/// (3.1, and Cloudflare's processed spec), so it is a field, not a variant.
/// A boolean schema (3.1) is one too, marked by [`Schema::boolean`], so
/// that every place a schema stands accepts it.
#[derive(Debug, Deserialize, Default, Clone)]
#[serde(remote = "Self")]
pub(crate) struct Schema {
    /// `true` (any value) or `false` (no value) when the schema is a
    /// boolean; every other field is then empty. The model reads it
    /// explicitly, since an empty mapping also means "any value" but
    /// `false` must never be read that way.
    #[serde(skip)]
    pub(crate) boolean: Option<bool>,
    #[serde(rename = "$ref")]
    pub(crate) reference: Option<String>,
    #[serde(rename = "type")]
    pub(crate) schema_type: Option<SchemaType>,
    pub(crate) format: Option<String>,
    /// 3.1: the media type of a string's content (in a multipart body, a
    /// file part's type).
    #[serde(rename = "contentMediaType")]
    pub(crate) content_media_type: Option<String>,
    /// 3.1: how a string encodes binary content, e.g. `base64`.
    #[serde(rename = "contentEncoding")]
    pub(crate) content_encoding: Option<String>,
    pub(crate) title: Option<String>,
    pub(crate) description: Option<String>,
    /// `nullable` (3.0), or `x-nullable`, the extension Swagger 2.0 tools use.
    #[serde(default, alias = "x-nullable")]
    pub(crate) nullable: bool,
    #[serde(default)]
    #[allow(dead_code)]
    pub(crate) deprecated: bool,
    #[serde(rename = "enum", default, deserialize_with = "lenient::values")]
    pub(crate) enum_values: Option<Vec<Value>>,
    #[serde(rename = "const", default, deserialize_with = "lenient::value")]
    pub(crate) const_value: Option<Value>,
    #[serde(default)]
    pub(crate) properties: IndexMap<String, Schema>,
    #[serde(default, deserialize_with = "required_list")]
    pub(crate) required: Vec<String>,
    #[serde(rename = "additionalProperties")]
    pub(crate) additional_properties: Option<BoolOrSchema>,
    #[serde(default, deserialize_with = "items_form")]
    pub(crate) items: Option<Box<BoolOrSchema>>,
    #[serde(rename = "allOf")]
    pub(crate) all_of: Option<Vec<Schema>>,
    #[serde(rename = "oneOf")]
    pub(crate) one_of: Option<Vec<Schema>>,
    #[serde(rename = "anyOf")]
    pub(crate) any_of: Option<Vec<Schema>>,
    pub(crate) discriminator: Option<Discriminator>,
    #[allow(dead_code)]
    #[serde(default, deserialize_with = "lenient::value")]
    pub(crate) minimum: Option<Value>,
    #[allow(dead_code)]
    #[serde(default, deserialize_with = "lenient::value")]
    pub(crate) maximum: Option<Value>,
    #[allow(dead_code)]
    #[serde(default, deserialize_with = "lenient::value")]
    pub(crate) default: Option<Value>,
    #[allow(dead_code)]
    #[serde(default, deserialize_with = "lenient::value")]
    pub(crate) example: Option<Value>,
    /// Stainless's paging hint, `{purpose: items | next_cursor_param |
    /// next_cursor_field}`; any value is accepted and unknown ones ignored.
    #[serde(rename = "x-stainless-pagination-property")]
    pub(crate) pagination_property: Option<Value>,
}

/// A mapping is read by the derived (`remote = "Self"`) impl; a boolean
/// becomes [`Schema::boolean`].
impl<'de> Deserialize<'de> for Schema {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Form;
        impl<'de> serde::de::Visitor<'de> for Form {
            type Value = Schema;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a mapping, true or false")
            }
            fn visit_bool<E: serde::de::Error>(self, b: bool) -> Result<Schema, E> {
                Ok(Schema { boolean: Some(b), ..Schema::default() })
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Schema, A::Error> {
                Schema::deserialize(serde::de::value::MapAccessDeserializer::new(map))
            }
        }
        d.deserialize_any(Form)
    }
}

/// `items` is a schema; the list form of JSON Schema draft 4 (one schema
/// per position, found in Swagger 2.0 specs) is read as any of its
/// schemas, the closest a Rust `Vec` comes.
fn items_form<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Box<BoolOrSchema>>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Items {
        One(Box<BoolOrSchema>),
        List(Vec<Schema>),
    }
    Ok(Some(match Items::deserialize(d)? {
        Items::One(one) => one,
        Items::List(mut list) if list.len() == 1 => Box::new(BoolOrSchema::Schema(Box::new(list.remove(0)))),
        Items::List(list) => {
            Box::new(BoolOrSchema::Schema(Box::new(Schema { any_of: Some(list), ..Schema::default() })))
        }
    }))
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
