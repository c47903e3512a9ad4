//! Swagger 2.0 documents, converted into the 3.x [`Document`] the model
//! reads, so that one model serves both.
//!
//! What moves where:
//! - `definitions`, `parameters` and `responses` become the matching
//!   `components` sections, and their `$ref`s are rewritten to match;
//! - `in: body` becomes a request body (content types from `consumes`);
//!   `in: formData` parameters become the properties of a form body
//!   (`multipart/form-data` when one is a file or `consumes` asks for it,
//!   else `application/x-www-form-urlencoded`);
//! - a response's `schema` becomes its content, typed by `produces`;
//! - other parameters' `type`/`format`/`items`/`enum` become their schema,
//!   and `collectionFormat` the matching `style`/`explode`;
//! - `host`, `basePath` and `schemes` become the server URL;
//! - `securityDefinitions` become `components.securitySchemes`;
//! - `x-nullable` is read as `nullable` by [`Schema`] itself.
//!
//! Every node that moved is recorded in [`Origins`], so diagnostics about
//! the converted document point into the 2.0 text.

use super::document::{
    self as v3, BoolOrSchema, Components, Document, Info, MediaType, Parameter, PathItem, RequestBody, Response,
    Schema, SchemaType, Server, Tag,
};
use super::lenient;
use super::origins::Origins;
use crate::diagnostic::{join, Code, Diagnostic};
use indexmap::IndexMap;
use serde::Deserialize;
use serde_json::Value;

/// A Swagger 2.0 document: only what the conversion reads.
#[derive(Debug, Deserialize, Default)]
pub(crate) struct Swagger {
    #[serde(default)]
    info: Info,
    host: Option<String>,
    #[serde(rename = "basePath")]
    base_path: Option<String>,
    #[serde(default)]
    schemes: Vec<String>,
    #[serde(default)]
    consumes: Vec<String>,
    #[serde(default)]
    produces: Vec<String>,
    #[serde(default)]
    paths: IndexMap<String, PathItem2>,
    #[serde(default)]
    definitions: IndexMap<String, Schema>,
    #[serde(default)]
    parameters: IndexMap<String, Parameter2>,
    #[serde(default)]
    responses: IndexMap<String, Response2>,
    #[serde(rename = "securityDefinitions", default)]
    security_definitions: IndexMap<String, Value>,
    /// The same shape in 2.0 and 3.x.
    security: Option<Vec<v3::SecurityRequirement>>,
    #[serde(default)]
    tags: Vec<Tag>,
}

#[derive(Debug, Deserialize, Default)]
struct PathItem2 {
    #[serde(default)]
    parameters: Vec<Parameter2>,
    get: Option<Operation2>,
    put: Option<Operation2>,
    post: Option<Operation2>,
    delete: Option<Operation2>,
    options: Option<Operation2>,
    head: Option<Operation2>,
    patch: Option<Operation2>,
}

#[derive(Debug, Deserialize, Default)]
struct Operation2 {
    /// See [`v3::Operation::reference`].
    #[serde(rename = "$ref")]
    reference: Option<String>,
    #[serde(rename = "operationId")]
    operation_id: Option<String>,
    summary: Option<String>,
    description: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    deprecated: bool,
    consumes: Option<Vec<String>>,
    produces: Option<Vec<String>>,
    #[serde(default)]
    parameters: Vec<Parameter2>,
    #[serde(default)]
    responses: IndexMap<String, Response2>,
    security: Option<Vec<v3::SecurityRequirement>>,
}

/// A 2.0 parameter: a body parameter has a `schema`, the others describe
/// their value themselves (`type`, `format`, `items`, …).
#[derive(Debug, Deserialize, Default)]
struct Parameter2 {
    #[serde(rename = "$ref")]
    reference: Option<String>,
    name: Option<String>,
    #[serde(rename = "in")]
    location: Option<String>,
    description: Option<String>,
    #[serde(default)]
    required: bool,
    schema: Option<Schema>,
    #[serde(rename = "type")]
    value_type: Option<String>,
    format: Option<String>,
    items: Option<Schema>,
    #[serde(rename = "collectionFormat")]
    collection_format: Option<String>,
    #[serde(rename = "enum", default, deserialize_with = "lenient::values")]
    enum_values: Option<Vec<Value>>,
    #[serde(default, deserialize_with = "lenient::value")]
    default: Option<Value>,
    #[serde(default, deserialize_with = "lenient::value")]
    minimum: Option<Value>,
    #[serde(default, deserialize_with = "lenient::value")]
    maximum: Option<Value>,
    #[serde(rename = "x-nullable", default)]
    nullable: bool,
}

#[derive(Debug, Deserialize, Default)]
struct Response2 {
    #[serde(rename = "$ref")]
    reference: Option<String>,
    description: Option<String>,
    schema: Option<Schema>,
}

/// Whether a parsed document is Swagger 2.0 (`swagger: "2.0"`).
pub(crate) fn is_swagger2(version: &Value) -> bool {
    matches!(version, Value::String(v) if v == "2.0")
}

/// The 3.x document equivalent to `swagger`, and where its nodes were in
/// the 2.0 text. Warnings about what has no 3.x equivalent go to `diags`.
pub(crate) fn convert(swagger: Swagger, origins: &mut Origins, diags: &mut Vec<Diagnostic>) -> Document {
    let mut c =
        Converter { consumes: swagger.consumes, produces: swagger.produces, origins, diags, globals: IndexMap::new() };
    c.origins.insert("/components/schemas", 0, "/definitions");
    c.origins.insert("/components/parameters", 0, "/parameters");
    c.origins.insert("/components/responses", 0, "/responses");
    c.origins.insert("/components/requestBodies", 0, "/parameters");
    c.origins.insert("/components/securitySchemes", 0, "/securityDefinitions");

    let mut components = Components::default();
    for (key, mut schema) in swagger.definitions {
        convert_schema(&mut schema);
        components.schemas.insert(key, schema);
    }
    // Body and form parameters are request bodies in 3.x: a reference to
    // one is replaced by the parameter itself (see `Converter::operation`).
    for (key, p) in swagger.parameters {
        let at = join("/parameters", &key);
        match p.location.as_deref() {
            Some("body" | "formData") => {
                c.globals.insert(key, p);
            }
            _ => {
                let converted = c.parameter(p, &at, &join("/components/parameters", &key));
                components.parameters.insert(key, converted);
            }
        }
    }
    for (key, r) in swagger.responses {
        let at = join("/responses", &key);
        let produces = c.produces.clone();
        let converted = c.response(r, &at, &join("/components/responses", &key), &produces);
        components.responses.insert(key, converted);
    }
    // A definition that does not fit the 3.x shape becomes an empty scheme,
    // which the model reports as one it cannot use.
    components.security_schemes = swagger
        .security_definitions
        .into_iter()
        .map(|(k, v)| (k, serde_json::from_value(security(v)).unwrap_or_default()))
        .collect();

    let mut paths = IndexMap::new();
    for (path, item) in swagger.paths {
        let at = join("/paths", &path);
        let converted = c.path_item(item, &at);
        paths.insert(path, converted);
    }

    Document {
        openapi: Some(Value::String("3.0.3".to_string())),
        // Kept so that reports can use 2.0's terms.
        swagger: Some(Value::String("2.0".to_string())),
        info: swagger.info,
        servers: server(swagger.host, swagger.base_path, &swagger.schemes).into_iter().collect(),
        paths,
        components,
        tags: swagger.tags,
        security: swagger.security,
    }
}

/// `host` + `basePath` under the preferred scheme (`https` when offered).
/// Without a host there is no absolute URL to call, so no server.
fn server(host: Option<String>, base_path: Option<String>, schemes: &[String]) -> Option<Server> {
    let host = host.filter(|h| !h.trim().is_empty())?;
    let scheme = if schemes.is_empty() || schemes.iter().any(|s| s == "https") {
        "https"
    } else if schemes.iter().any(|s| s == "http") {
        "http"
    } else {
        // ws/wss only: nothing an HTTP client can call.
        return None;
    };
    let base = base_path.unwrap_or_default();
    let base = base.trim_end_matches('/');
    let base = if base.is_empty() || base.starts_with('/') { base.to_string() } else { format!("/{base}") };
    Some(Server { url: format!("{scheme}://{host}{base}") })
}

/// A 2.0 security definition in 3.x terms: `basic` becomes HTTP basic,
/// OAuth2's single `flow` becomes `flows`.
fn security(v: Value) -> Value {
    let Value::Object(mut map) = v else { return v };
    match map.get("type").and_then(Value::as_str) {
        Some("basic") => {
            map.insert("type".into(), Value::String("http".into()));
            map.insert("scheme".into(), Value::String("basic".into()));
        }
        Some("oauth2") => {
            let flow = match map.remove("flow").as_ref().and_then(Value::as_str) {
                Some("accessCode") => "authorizationCode",
                Some("application") => "clientCredentials",
                Some("password") => "password",
                _ => "implicit",
            };
            let mut details = serde_json::Map::new();
            for key in ["authorizationUrl", "tokenUrl", "scopes"] {
                if let Some(v) = map.remove(key) {
                    details.insert(key.into(), v);
                }
            }
            let mut flows = serde_json::Map::new();
            flows.insert(flow.into(), Value::Object(details));
            map.insert("flows".into(), Value::Object(flows));
        }
        _ => {}
    }
    Value::Object(map)
}

/// A body or form parameter of one operation, before it becomes the body.
struct Input {
    /// `in: body` (else `in: formData`).
    body: bool,
    /// `type: file`, which needs a multipart form.
    file: bool,
    name: String,
    required: bool,
    /// The parameter's description: a body parameter's is the request
    /// body's (as in the 3.x document a migration would write).
    description: Option<String>,
    schema: Schema,
    /// Where the schema is in the 2.0 text.
    schema_at: String,
    /// Where the parameter is in the 2.0 text.
    at: String,
}

struct Converter<'o> {
    consumes: Vec<String>,
    produces: Vec<String>,
    origins: &'o mut Origins,
    diags: &'o mut Vec<Diagnostic>,
    /// Global body and formData parameters, inlined where referenced.
    globals: IndexMap<String, Parameter2>,
}

impl Converter<'_> {
    fn path_item(&mut self, item: PathItem2, at: &str) -> PathItem {
        let mut out = PathItem::default();
        // Path-level body/form parameters apply to every operation.
        let mut shared = Vec::new();
        for (i, p) in item.parameters.into_iter().enumerate() {
            let original = join(&join(at, "parameters"), i);
            shared.push((p, original));
        }
        let (plain, inputs): (Vec<_>, Vec<_>) = shared.into_iter().partition(|(p, _)| !self.is_body_or_form(p));
        for (p, original) in plain {
            let new_at = join(&join(at, "parameters"), out.parameters.len());
            let converted = self.parameter(p, &original, &new_at);
            out.parameters.push(converted);
        }
        let ops = [
            ("get", item.get),
            ("put", item.put),
            ("post", item.post),
            ("delete", item.delete),
            ("options", item.options),
            ("head", item.head),
            ("patch", item.patch),
        ];
        for (method, op) in ops {
            let Some(op) = op else { continue };
            let op_at = join(at, method);
            let converted = self.operation(op, &op_at, &inputs);
            match method {
                "get" => out.get = Some(converted),
                "put" => out.put = Some(converted),
                "post" => out.post = Some(converted),
                "delete" => out.delete = Some(converted),
                "options" => out.options = Some(converted),
                "head" => out.head = Some(converted),
                _ => out.patch = Some(converted),
            }
        }
        out
    }

    /// A body or form parameter, directly or by reference to a global one.
    fn is_body_or_form(&self, p: &Parameter2) -> bool {
        match &p.reference {
            Some(r) => global_key(r).is_some_and(|k| self.globals.contains_key(&k)),
            None => matches!(p.location.as_deref(), Some("body" | "formData")),
        }
    }

    fn operation(&mut self, op: Operation2, at: &str, shared_inputs: &[(Parameter2, String)]) -> v3::Operation {
        let consumes = op.consumes.unwrap_or_else(|| self.consumes.clone());
        let produces = op.produces.unwrap_or_else(|| self.produces.clone());
        let own: Vec<(Parameter2, String)> =
            op.parameters.into_iter().enumerate().map(|(i, p)| (p, join(&join(at, "parameters"), i))).collect();
        // Operation parameters come first, so that they override path-level
        // ones of the same name.
        let mut inputs: Vec<Input> = Vec::new();
        for (p, original) in own.iter().chain(shared_inputs) {
            let (param, param_at) = self.resolve_global(p, original);
            let Some(location @ ("body" | "formData")) = param.location.as_deref() else { continue };
            let name = param.name.clone().unwrap_or_default();
            if inputs.iter().any(|i| i.name == name && i.body == (location == "body")) {
                continue;
            }
            let (schema, schema_at) = match location {
                "body" => (param.schema.clone().unwrap_or_default(), join(&param_at, "schema")),
                _ => (value_schema(param), param_at.clone()),
            };
            inputs.push(Input {
                body: location == "body",
                file: param.value_type.as_deref() == Some("file"),
                name,
                required: param.required,
                description: param.description.clone(),
                schema,
                schema_at,
                at: param_at,
            });
        }
        let request_body = self.request_body(inputs, &join(at, "requestBody"), &consumes);

        let mut parameters = Vec::new();
        for (p, original) in own {
            if self.is_body_or_form(&p) {
                continue;
            }
            let new_at = join(&join(at, "parameters"), parameters.len());
            parameters.push(self.parameter(p, &original, &new_at));
        }
        let mut responses = IndexMap::new();
        for (status, r) in op.responses {
            let original = join(&join(at, "responses"), &status);
            let converted = self.response(r, &original, &original, &produces);
            responses.insert(status, converted);
        }
        v3::Operation {
            reference: op.reference,
            operation_id: op.operation_id,
            summary: op.summary,
            description: op.description,
            tags: op.tags,
            deprecated: op.deprecated,
            parameters,
            request_body,
            responses,
            security: op.security,
            // Dropshot does not write 2.0 specs.
            dropshot_pagination: None,
        }
    }

    /// The parameter a `$ref` to a global body or form parameter names, or
    /// the parameter itself; with its pointer in the 2.0 text.
    fn resolve_global<'p>(&'p self, p: &'p Parameter2, at: &str) -> (&'p Parameter2, String) {
        let global = p.reference.as_deref().and_then(global_key).and_then(|k| {
            let at = join("/parameters", &k);
            self.globals.get(&k).map(|g| (g, at))
        });
        global.unwrap_or((p, at.to_string()))
    }

    /// The request body the body parameter, or else the form parameters,
    /// make up.
    fn request_body(&mut self, mut inputs: Vec<Input>, at: &str, consumes: &[String]) -> Option<RequestBody> {
        let first = inputs.first()?;
        let content_at = join(at, "content");
        self.origins.insert(at, 0, &first.at);
        if let Some(i) = inputs.iter().position(|i| i.body) {
            let mut body = inputs.swap_remove(i);
            let content_type = preferred(consumes, "application/json");
            convert_schema(&mut body.schema);
            self.origins.insert(&join(&join(&content_at, &content_type), "schema"), 0, &body.schema_at);
            let mut content = IndexMap::new();
            content.insert(content_type, MediaType { schema: Some(body.schema), ..MediaType::default() });
            return Some(RequestBody {
                reference: None,
                description: body.description,
                required: body.required,
                content,
            });
        }
        let multipart = inputs.iter().any(|i| i.file)
            || (consumes.iter().any(|c| c.starts_with("multipart/form-data"))
                && !consumes.iter().any(|c| c.starts_with("application/x-www-form-urlencoded")));
        let content_type = if multipart { "multipart/form-data" } else { "application/x-www-form-urlencoded" };
        let schema_at = join(&join(&content_at, content_type), "schema");
        let mut schema = Schema { schema_type: Some(SchemaType::One("object".into())), ..Schema::default() };
        for mut input in inputs {
            convert_schema(&mut input.schema);
            self.origins.insert(&join(&join(&schema_at, "properties"), &input.name), 0, &input.at);
            if input.required {
                schema.required.push(input.name.clone());
            }
            schema.properties.insert(input.name, input.schema);
        }
        let required = !schema.required.is_empty();
        let mut content = IndexMap::new();
        content.insert(content_type.to_string(), MediaType { schema: Some(schema), ..MediaType::default() });
        Some(RequestBody { required, content, ..RequestBody::default() })
    }

    /// A path, query or header parameter; `original` is where it is in the
    /// 2.0 text, `at` where it is in the 3.x document.
    fn parameter(&mut self, p: Parameter2, original: &str, at: &str) -> Parameter {
        if at != original {
            self.origins.insert(at, 0, original);
        }
        if let Some(r) = &p.reference {
            return Parameter { reference: Some(rewrite_ref(r)), ..Parameter::default() };
        }
        // The value's description is the parameter's; the schema is the
        // parameter itself in the text.
        self.origins.insert(&join(at, "schema"), 0, original);
        let (style, explode, collection_format) = self.style(&p, original);
        let mut schema = value_schema(&p);
        convert_schema(&mut schema);
        Parameter {
            reference: None,
            name: p.name,
            location: p.location,
            description: p.description,
            required: p.required,
            deprecated: false,
            schema: Some(schema),
            content: None,
            style,
            explode,
            collection_format,
        }
    }

    /// `collectionFormat` as 3.x `style` and `explode` (2.0's default is
    /// `csv`, one comma-separated value), and the format itself when it is
    /// a path's separator that no 3.x style has.
    fn style(&mut self, p: &Parameter2, at: &str) -> (Option<String>, Option<bool>, Option<String>) {
        if p.value_type.as_deref() != Some("array") {
            return (None, None, None);
        }
        let query = p.location.as_deref() == Some("query");
        let path = p.location.as_deref() == Some("path");
        let csv = if query { ("form", false) } else { ("simple", false) };
        let mut kept = None;
        let (style, explode) = match p.collection_format.as_deref() {
            None | Some("csv") => csv,
            Some("ssv") if query => ("spaceDelimited", false),
            Some("pipes") if query => ("pipeDelimited", false),
            Some("multi") if query => ("form", true),
            Some(format @ ("ssv" | "tsv" | "pipes")) if path => {
                kept = Some(format.to_string());
                csv
            }
            Some("multi") if path => {
                self.diags.push(Diagnostic::new(
                    Code::MultiInPath,
                    join(at, "collectionFormat"),
                    "collectionFormat 'multi' repeats a query parameter, which a path cannot; \
                     the values are sent comma-separated",
                ));
                csv
            }
            Some(other) => {
                self.diags.push(Diagnostic::new(
                    Code::CollectionFormat,
                    join(at, "collectionFormat"),
                    format!("collectionFormat '{other}' is not supported here; the values are sent comma-separated"),
                ));
                csv
            }
        };
        (Some(style.to_string()), Some(explode), kept)
    }

    fn response(&mut self, r: Response2, original: &str, at: &str, produces: &[String]) -> Response {
        if let Some(reference) = &r.reference {
            return Response { reference: Some(rewrite_ref(reference)), ..Response::default() };
        }
        let mut content = IndexMap::new();
        if let Some(mut schema) = r.schema {
            convert_schema(&mut schema);
            let content_type = preferred(produces, "application/json");
            self.origins.insert(
                &join(&join(&join(at, "content"), &content_type), "schema"),
                0,
                &join(original, "schema"),
            );
            content.insert(content_type, MediaType { schema: Some(schema), ..MediaType::default() });
        }
        Response { reference: None, description: r.description, content }
    }
}

/// The key of a global parameter a `$ref` names (`#/parameters/<key>`).
fn global_key(reference: &str) -> Option<String> {
    let key = reference.strip_prefix("#/parameters/")?;
    Some(key.replace("~1", "/").replace("~0", "~"))
}

/// The media type to use from a `consumes`/`produces` list: JSON when it is
/// offered, else the first, else `fallback`.
fn preferred(types: &[String], fallback: &str) -> String {
    let json = |t: &&String| {
        let essence = t.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
        essence == "application/json" || essence.ends_with("+json")
    };
    types.iter().find(json).or_else(|| types.first()).cloned().unwrap_or_else(|| fallback.to_string())
}

/// The schema of a non-body parameter, from its own `type`, `format`,
/// `items` and `enum`.
fn value_schema(p: &Parameter2) -> Schema {
    let (schema_type, format) = match p.value_type.as_deref() {
        Some("file") => (Some("string".to_string()), Some("binary".to_string())),
        other => (other.map(str::to_string), p.format.clone()),
    };
    Schema {
        schema_type: schema_type.map(SchemaType::One),
        description: p.description.clone(),
        format,
        nullable: p.nullable,
        enum_values: p.enum_values.clone(),
        items: p.items.as_ref().map(|i| Box::new(BoolOrSchema::Schema(Box::new(i.clone())))),
        minimum: p.minimum.clone(),
        maximum: p.maximum.clone(),
        default: p.default.clone(),
        ..Schema::default()
    }
}

/// 2.0 schema details in 3.x terms, throughout `schema`: `$ref`s into
/// `definitions` (also a discriminator's mapping) and `type: file`.
fn convert_schema(schema: &mut Schema) {
    for_each_subschema(schema, &mut |s| {
        if s.schema_type.as_ref().is_some_and(|t| matches!(t, SchemaType::One(t) if t == "file")) {
            s.schema_type = Some(SchemaType::One("string".into()));
            s.format = Some("binary".into());
        }
        if let Some(reference) = &mut s.reference {
            *reference = rewrite_ref(reference);
        }
        for target in s.discriminator.iter_mut().flat_map(|d| d.mapping.values_mut()) {
            *target = rewrite_ref(target);
        }
    });
}

fn for_each_subschema(schema: &mut Schema, f: &mut dyn FnMut(&mut Schema)) {
    f(schema);
    for p in schema.properties.values_mut() {
        for_each_subschema(p, f);
    }
    if let Some(BoolOrSchema::Schema(s)) = &mut schema.additional_properties {
        for_each_subschema(s, f);
    }
    if let Some(items) = &mut schema.items {
        if let BoolOrSchema::Schema(s) = items.as_mut() {
            for_each_subschema(s, f);
        }
    }
    for list in [&mut schema.all_of, &mut schema.one_of, &mut schema.any_of] {
        for s in list.iter_mut().flatten() {
            for_each_subschema(s, f);
        }
    }
}

/// A local 2.0 `$ref` as the 3.x document spells it; others unchanged.
fn rewrite_ref(reference: &str) -> String {
    for (from, to) in [
        ("#/definitions/", "#/components/schemas/"),
        ("#/parameters/", "#/components/parameters/"),
        ("#/responses/", "#/components/responses/"),
    ] {
        if let Some(rest) = reference.strip_prefix(from) {
            return format!("{to}{rest}");
        }
    }
    reference.to_string()
}
