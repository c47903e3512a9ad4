use super::*;
use serde_json::json;

/// Files held in memory, by path inside the root folder.
struct Memory(Vec<(&'static str, &'static str)>);

impl Files for Memory {
    fn read(&self, path: &str) -> Result<Source, String> {
        let (name, text) = self.0.iter().find(|(p, _)| *p == path).ok_or("no such file")?;
        Ok(Source { name: name.to_string(), text: text.to_string() })
    }
}

fn bundled(root: &str, files: &[(&'static str, &'static str)]) -> (Value, Bundled) {
    let source = Source { name: "openapi.yaml".into(), text: root.into() };
    let mut value = super::super::value_of(&source).expect("the root parses");
    let b = bundle(&mut value, &source, Dialect::OpenApi3, &Memory(files.to_vec()));
    (value, b)
}

fn messages(diagnostics: &[Diagnostic]) -> Vec<String> {
    diagnostics.iter().map(|d| format!("{}#{}: {}", d.file.as_deref().unwrap_or("-"), d.pointer, d.message)).collect()
}

#[test]
fn refs_in_examples_defaults_and_extensions_are_not_followed() {
    let root = r"
openapi: 3.1.0
paths:
  /a:
    x-codeSamples: [{source: {$ref: samples/a.cs}}]
    get:
      x-internal: {$ref: nowhere.yaml}
      responses:
        '200':
          description: ok
          content:
            application/json:
              example: {$ref: nowhere.json}
              schema:
                type: object
                default: {$ref: nowhere.yaml}
                examples: [{$ref: nowhere.yaml}]
                enum: [{$ref: nowhere.yaml}]
";
    let (value, b) = bundled(root, &[]);
    assert!(b.errors.is_empty() && b.warnings.is_empty(), "{:?}", messages(&b.errors));
    let before = super::super::value_of(&Source { name: "openapi.yaml".into(), text: root.into() }).unwrap();
    assert_eq!(value, before, "nothing was rewritten");
}

#[test]
fn chains_are_followed_to_their_end_and_filed_once() {
    let root = r"
openapi: 3.1.0
paths:
  /a:
    get:
      parameters:
        - $ref: params/index.yaml#/Limit
        - $ref: params/limit.yaml
      responses: {'204': {description: ok}}
";
    let index = "Limit:\n  $ref: limit.yaml\n";
    let limit = "name: limit\nin: query\nschema: {type: integer}\n";
    let (value, b) = bundled(root, &[("params/index.yaml", index), ("params/limit.yaml", limit)]);
    assert!(b.errors.is_empty(), "{:?}", messages(&b.errors));
    let params = &value["paths"]["/a"]["get"]["parameters"];
    assert_eq!(params, &json!([{"$ref": "#/components/parameters/Limit"}, {"$ref": "#/components/parameters/Limit"}]));
    assert_eq!(
        value["components"]["parameters"],
        json!({"Limit": {"name": "limit", "in": "query", "schema": {"type": "integer"}}})
    );
    assert_eq!(b.origins.place("/components/parameters/Limit/name"), Place { file: 2, pointer: "/name".into() });
}

#[test]
fn cycles_across_files_are_references_to_filed_schemas() {
    let root = r"
openapi: 3.1.0
paths:
  /a:
    get:
      responses:
        '200':
          description: ok
          content: {application/json: {schema: {$ref: schemas/A.yaml}}}
";
    let a = "type: object\nproperties:\n  b: {$ref: B.yaml}\n";
    let b_file = "type: object\nproperties:\n  a: {$ref: A.yaml}\n  self: {$ref: '#'}\n";
    let (value, b) = bundled(root, &[("schemas/A.yaml", a), ("schemas/B.yaml", b_file)]);
    assert!(b.errors.is_empty(), "{:?}", messages(&b.errors));
    let schemas = &value["components"]["schemas"];
    assert_eq!(schemas["A"]["properties"]["b"], json!({"$ref": "#/components/schemas/B"}));
    assert_eq!(schemas["B"]["properties"]["a"], json!({"$ref": "#/components/schemas/A"}));
    assert_eq!(schemas["B"]["properties"]["self"], json!({"$ref": "#/components/schemas/B"}));
}

#[test]
fn an_inlined_node_resolves_its_refs_against_its_own_file() {
    let root = r"
openapi: 3.1.0
paths:
  /pets:
    get:
      $ref: ops/list.yaml
";
    let list = r"
operationId: listPets
parameters:
  - $ref: '../params.yaml#/Limit'
responses:
  '200':
    description: ok
    content:
      $ref: '#/x-content'
x-content:
  application/json:
    schema: {$ref: ../schemas/Pet.yaml}
";
    let files = [
        ("ops/list.yaml", list),
        ("params.yaml", "Limit: {name: limit, in: query, schema: {type: integer}}\n"),
        ("schemas/Pet.yaml", "type: object\n"),
    ];
    let (value, b) = bundled(root, &files);
    assert!(b.errors.is_empty(), "{:?}", messages(&b.errors));
    let op = &value["paths"]["/pets"]["get"];
    assert_eq!(op["operationId"], "listPets");
    assert_eq!(op["parameters"][0], json!({"$ref": "#/components/parameters/Limit"}));
    let content = &op["responses"]["200"]["content"];
    assert_eq!(content["application/json"]["schema"], json!({"$ref": "#/components/schemas/Pet"}));
    assert_eq!(value["components"]["schemas"]["Pet"], json!({"type": "object"}));
    let place = b.origins.place("/paths/~1pets/get/responses/200/content/application~1json");
    assert_eq!(place, Place { file: 1, pointer: "/x-content/application~1json".into() });
}

#[test]
fn root_components_that_are_refs_become_what_they_name() {
    let root = r"
openapi: 3.1.0
paths:
  /a:
    get:
      parameters: [{$ref: params/X.yaml}, {$ref: '#/components/parameters/X'}]
      responses: {'204': {description: ok}}
components:
  parameters:
    X: {$ref: 'params/index.yaml#/X'}
  schemas:
    Pet: {$ref: '#/components/schemas/Animal'}
    Animal: {type: object}
    Cat: {$ref: schemas/Cat.yaml}
    Owner: {$ref: schemas/Owner.yaml, description: Who owns the pet.}
";
    let files = [
        ("params/index.yaml", "X: {$ref: X.yaml}\n"),
        ("params/X.yaml", "name: x\nin: query\n"),
        ("schemas/Cat.yaml", "type: object\n"),
        ("schemas/Owner.yaml", "type: object\n"),
    ];
    let (value, b) = bundled(root, &files);
    assert!(b.errors.is_empty(), "{:?}", messages(&b.errors));
    assert_eq!(value["components"]["parameters"], json!({"X": {"name": "x", "in": "query"}}));
    let params = &value["paths"]["/a"]["get"]["parameters"];
    assert_eq!(params, &json!([{"$ref": "#/components/parameters/X"}, {"$ref": "#/components/parameters/X"}]));
    let schemas = &value["components"]["schemas"];
    assert_eq!(schemas["Pet"], json!({"$ref": "#/components/schemas/Animal"}));
    assert_eq!(schemas["Cat"], json!({"type": "object"}));
    // A schema `$ref` with siblings is a schema of its own.
    assert_eq!(schemas["Owner"], json!({"$ref": "#/components/schemas/Owner2", "description": "Who owns the pet."}));
    assert_eq!(schemas["Owner2"], json!({"type": "object"}));
}

#[test]
fn local_refs_the_typed_document_cannot_read_are_resolved() {
    let root = r"
openapi: 3.1.0
paths:
  /a:
    get:
      parameters: [{name: q, in: query}]
      responses: {'204': {description: ok}}
  /b:
    get:
      parameters: [{$ref: '#/paths/~1a/get/parameters/0'}]
      responses:
        '200': {$ref: '#/components/schemas/Pet'}
components:
  schemas:
    Pet: {type: object}
";
    let (value, b) = bundled(root, &[]);
    assert!(b.errors.is_empty(), "{:?}", messages(&b.errors));
    let op = &value["paths"]["/b"]["get"];
    assert_eq!(op["parameters"][0], json!({"$ref": "#/components/parameters/0"}));
    assert_eq!(value["components"]["parameters"]["0"], json!({"name": "q", "in": "query"}));
    // A component ref of the wrong kind is the model's to report.
    assert_eq!(op["responses"]["200"], json!({"$ref": "#/components/schemas/Pet"}));
}

#[test]
fn a_ref_the_generator_does_not_read_that_leads_nowhere_is_a_warning() {
    let root = r"
openapi: 3.1.0
paths:
  /a:
    get:
      responses:
        '200':
          description: ok
          headers:
            X-Rate: {$ref: headers/rate.yaml}
          content:
            application/json:
              examples:
                one: {$ref: examples/one.yaml}
";
    let (_, b) = bundled(root, &[("headers/rate.yaml", "schema: {type: integer}\n")]);
    assert!(b.errors.is_empty(), "{:?}", messages(&b.errors));
    assert_eq!(
        messages(&b.warnings),
        ["-#/paths/~1a/get/responses/200/content/application~1json/examples/one/$ref: $ref 'examples/one.yaml': cannot read 'examples/one.yaml': no such file"]
    );
}

#[test]
fn a_ref_in_an_operation_position_that_dangles_is_located_in_its_file() {
    let root = "openapi: 3.1.0\npaths:\n  /a: {$ref: paths/a.yaml}\n";
    let item = "get:\n  $ref: ../ops/missing.yaml\n";
    let (_, b) = bundled(root, &[("paths/a.yaml", item)]);
    assert_eq!(
        messages(&b.errors),
        ["paths/a.yaml#/get/$ref: $ref '../ops/missing.yaml': cannot read 'ops/missing.yaml': no such file"]
    );
    assert_eq!(b.errors[0].position, Some((2, 9)), "the `$ref` value");
}

#[test]
fn swagger2_is_bundled_before_its_conversion_and_located_through_both() {
    let root = r"
swagger: '2.0'
info: {title: T, version: '1'}
paths:
  /pets/{id}:
    get:
      operationId: getPet
      parameters: [{$ref: 'params.yaml#/Id'}]
      responses:
        '200': {$ref: 'responses.yaml#/Ok'}
";
    let files = [
        ("params.yaml", "Id: {name: id, in: path, required: true, type: string}\n"),
        ("responses.yaml", "Ok:\n  description: ok\n  schema: {$ref: schemas/Pet.yaml}\n"),
        ("schemas/Pet.yaml", "type: object\nproperties:\n  owner: {$ref: '../openapi.yaml#/definitions/Missing'}\n"),
    ];
    let source = Source { name: "openapi.yaml".into(), text: root.into() };
    let mut value = super::super::value_of(&source).unwrap();
    let b = bundle(&mut value, &source, Dialect::Swagger2, &Memory(files.to_vec()));
    assert!(b.errors.is_empty(), "{:?}", messages(&b.errors));
    assert_eq!(value["paths"]["/pets/{id}"]["get"]["parameters"][0], json!({"$ref": "#/parameters/Id"}));
    assert_eq!(value["responses"]["Ok"]["schema"], json!({"$ref": "#/definitions/Pet"}));
    assert_eq!(value["definitions"]["Pet"]["properties"]["owner"], json!({"$ref": "#/definitions/Missing"}));

    // The model's error about the converted document names the file and
    // the line the `$ref` is written on.
    let Err(errors) = crate::model_of_in(&source, &Memory(files.to_vec()), crate::model::Options::default()) else {
        panic!("#/definitions/Missing does not resolve");
    };
    let missing = errors.iter().find(|d| d.message.contains("Missing")).expect("reported");
    assert_eq!(missing.file.as_deref(), Some("schemas/Pet.yaml"), "{missing:?}");
    assert_eq!((missing.pointer.as_str(), missing.position), ("/properties/owner/$ref", Some((3, 17))));
}
