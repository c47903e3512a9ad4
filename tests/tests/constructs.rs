//! One small spec per OpenAPI construct the generator handles
//! (`tests/fixtures/constructs/`), each snapshotted as the code generated
//! for it plus the warnings reported. These are the regression tests; the
//! corpus gate (`scripts/corpus`) also compiles a crate for every fixture.
//! Review changes with `cargo insta review`.

use codegen::cli::origin::Folder;
use codegen::model::Options;
use codegen::parse::Source;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> Source {
    let path = fixtures_dir().join(name);
    Source::read(&path, format!("constructs/{name}")).expect("fixture is readable")
}

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/constructs")
}

/// The folder of fixture `name`, for the files its `$ref`s lead to.
fn folder(name: &str) -> Folder {
    let shown = Path::new("constructs").join(name);
    let parent = |p: &Path| p.parent().map(Path::to_path_buf).unwrap_or_default();
    Folder::named(&parent(&fixtures_dir().join(name)), parent(&shown))
}

/// The fixture `name` of a split spec whose entry is in a subfolder, with
/// the root folder `root` (`--root`).
fn folder_within(name: &str, root: &str) -> Folder {
    let shown = Path::new("constructs").join(root);
    let folder = Folder::named(&fixtures_dir().join(root), shown);
    folder.with_entry(&fixtures_dir().join(name)).expect("the entry is inside the root")
}

/// Every snippet under a heading, then the warnings: one reviewable text.
fn generated(name: &str, options: &Options) -> String {
    generated_in(name, &folder(name), options)
}

fn generated_in(name: &str, folder: &Folder, options: &Options) -> String {
    let source = fixture(name);
    let built = match codegen::model_of_in(&source, folder, options) {
        Ok(built) => built,
        Err(errors) => panic!("{name}: {errors:#?}"),
    };
    let snippets = codegen::emit::snippets(&built.api).expect("generated code parses");
    let mut out = String::new();
    for w in &built.warnings {
        out.push_str(&format!("// {}\n", w.render(&source.name, None)));
    }
    for (key, code) in snippets {
        out.push_str(&format!("// ---- {key} ----\n{code}"));
    }
    out
}

fn snapshot(name: &str, options: &Options) {
    snapshot_text(name, generated(name, options));
}

fn snapshot_text(name: &str, text: String) {
    let key = name.split(['.', '/']).next().unwrap_or(name);
    insta::with_settings!({ prepend_module_to_snapshot => false, omit_expression => true, snapshot_suffix => "" }, {
        insta::assert_snapshot!(format!("constructs_{key}"), text);
    });
}

macro_rules! constructs {
    ($($test:ident => $file:literal),* $(,)?) => {
        $(
            #[test]
            fn $test() {
                snapshot($file, &Options::all());
            }
        )*

        /// A fixture added to the directory without a test here is a
        /// construct that is not tested.
        #[test]
        fn every_fixture_has_a_test() {
            let mut listed = vec![$($file,)* "lenient.yaml", "lenient_names.yaml", "split", "split_root", "wrong_kinds.yaml", "wrong_kinds_swagger2.yaml", "hollow.yaml"];
            listed.sort();
            let mut found: Vec<String> = std::fs::read_dir(fixtures_dir())
                .expect("fixtures directory")
                .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
                .collect();
            found.sort();
            assert_eq!(found, listed);
        }
    };
}

constructs! {
    refs => "refs.yaml",
    all_of => "all_of.yaml",
    one_of => "one_of.yaml",
    nullable_30 => "nullable_30.yaml",
    type_arrays_31 => "type_arrays_31.json",
    maps => "maps.yaml",
    recursive => "recursive.yaml",
    enums => "enums.yaml",
    duplicates => "duplicates.yaml",
    features => "features.yaml",
    headers => "headers.yaml",
    names => "names.yaml",
    params => "params.yaml",
    responses => "responses.yaml",
    bodies => "bodies.yaml",
    pagination => "pagination.yaml",
    paging_metadata => "paging_metadata.yaml",
    unsupported => "unsupported.yaml",
    auth => "auth.yaml",
    envelopes => "envelopes.yaml",
    swagger2 => "swagger2.yaml",
    multipart => "multipart.yaml",
    streaming => "streaming.yaml",
    github_like => "github_like.yaml",
    chains => "chains.yaml",
    path_arrays => "path_arrays.yaml",
    boolean_schemas_31 => "boolean_schemas_31.yaml",
    text_direction => "text_direction.yaml",
}

/// A spec split across files (`split/openapi.yaml` and the files it refers
/// to) generates what the same spec in one file would.
#[test]
fn split() {
    snapshot("split/openapi.yaml", &Options::all());
}

/// A split spec whose entry is `split_root/spec/openapi.yaml`, generated
/// with the root folder `split_root/`: operations, `content` maps, a
/// component parameter, responses, headers and examples behind `$ref`s,
/// some to `../common`.
#[test]
fn split_root() {
    let name = "split_root/spec/openapi.yaml";
    snapshot_text(name, generated_in(name, &folder_within(name, "split_root"), &Options::all()));
}

/// Every operation of `split_root` comes through whole: its parameters,
/// body and response are the ones its files describe, none hollow.
#[test]
fn operations_behind_refs_are_whole() {
    use codegen::model::{Response, TypeRef};
    let name = "split_root/spec/openapi.yaml";
    let folder = folder_within(name, "split_root");
    let built = codegen::model_of_in(&fixture(name), &folder, Options::all()).expect("the fixture is valid");
    let op = |name: &str| built.api.operations.iter().find(|o| o.name == name).expect(name);
    let pet = TypeRef::Named("Pet".into());
    let json = |name: &str| match &op(name).response {
        Response::Json(ty) => ty.clone(),
        other => panic!("{name}: {other:?}"),
    };
    assert_eq!(json("list_pets"), TypeRef::Vec(Box::new(pet.clone())));
    let params: Vec<&str> =
        op("list_pets").params.iter().flat_map(|p| &p.fields).map(|f| f.name.wire.as_str()).collect();
    assert_eq!(params, ["limit"]);
    assert_eq!(json("get_pet"), pet);
    assert_eq!(op("get_pet").path_params.len(), 1);
    assert_eq!(json("create_pet"), pet);
    for name in ["list_pets", "get_pet", "create_pet"] {
        let errors: Vec<(&str, &TypeRef)> = op(name).errors.iter().map(|e| (e.status.as_str(), &e.ty)).collect();
        assert!(errors.iter().any(|(_, ty)| **ty == TypeRef::Named("Error".into())), "{name}: {errors:?}");
    }
    assert!(op("create_pet").body.is_some(), "the body behind `content: {{$ref}}`");
}

/// A security scheme that is a `$ref`, to another file or within the spec,
/// is what it names under its own key; one the client cannot send is
/// reported in the file and at the line where it is written.
#[test]
fn security_schemes_behind_refs_are_followed() {
    use codegen::model::{KeyLocation, SchemeKind};
    let name = "split/openapi.yaml";
    let built = codegen::model_of_in(&fixture(name), &folder(name), Options::all()).expect("the fixture is valid");
    let schemes: Vec<(&str, &SchemeKind)> =
        built.api.security.schemes.iter().map(|s| (s.key.as_str(), &s.kind)).collect();
    let header = SchemeKind::ApiKey { location: KeyLocation::Header, name: "X-Shop-Key".into() };
    let bearer = SchemeKind::Token { prefix: "Bearer".into(), format: None, origin: "http".into() };
    assert_eq!(schemes, [("shopKey", &header), ("token", &bearer)]);
    let digest = built.warnings.iter().find(|w| w.message.contains("'digest'")).expect("digest is reported");
    assert_eq!(digest.file.as_deref(), Some("constructs/split/security.yaml"), "{digest:?}");
    assert_eq!(digest.position, Some((9, 1)), "{digest:?}");
}

#[test]
fn lenient_recovers_from_template_errors_and_duplicate_ids() {
    let options = Options { lenient: true, ..Options::default() };
    snapshot("lenient.yaml", &options);
}

/// A `$ref` to another kind of component than its site expects is
/// recovered under `--lenient`: a response or request body from a schema,
/// a schema from a response's, request body's or parameter's JSON schema;
/// a parameter from a schema is left out. Each is reported.
#[test]
fn lenient_recovers_refs_to_the_wrong_kind() {
    let options = Options { lenient: true, ..Options::default() };
    snapshot("wrong_kinds.yaml", &options);
    snapshot("wrong_kinds_swagger2.yaml", &options);
}

/// An operation the model cannot read whole is generated without what it
/// could not read, under `--lenient`, with a warning naming the operation
/// and the parts; the model records them, and the summary line counts them.
#[test]
fn lenient_reports_what_each_operation_lost() {
    use codegen::model::Dropped;
    let options = Options { lenient: true, ..Options::default() };
    snapshot("hollow.yaml", &options);
    let built = codegen::model_of_in(&fixture("hollow.yaml"), &folder("hollow.yaml"), &options).unwrap();
    let dropped: Vec<(&str, &[Dropped])> =
        built.api.operations.iter().map(|op| (op.name.as_str(), op.dropped.as_slice())).collect();
    let missing = || Dropped::Parameter("#/components/parameters/Missing".into());
    assert_eq!(
        dropped,
        [
            ("add_report", &[Dropped::Body, Dropped::Response("201".into())][..]),
            ("delete_report", &[][..]),
            ("list_reports", &[missing(), Dropped::Responses][..]),
            ("purge_reports", &[Dropped::Responses][..]),
            ("touch_report", &[Dropped::Body, Dropped::Response("404".into())][..]),
        ]
    );
    let line = codegen::cli::generate::summary(&built.api, 3, 0, Path::new("out"));
    assert_eq!(
        line,
        "fixture-hollow: 0 types, 5 operations (1 whole, 4 with parts dropped: see warnings), 3 files changed (out)"
    );
    let whole = codegen::model_of_in(&fixture("chains.yaml"), &folder("chains.yaml"), Options::all()).unwrap();
    let line = codegen::cli::generate::summary(&whole.api, 0, 0, Path::new("out"));
    assert!(line.contains(" 2 operations, 0 files changed"), "{line}");
}

/// Unknown type names are any JSON value, a parameter in an unknown
/// location is left out and an unknown style is the default, each with a
/// warning that names the nearest known name.
#[test]
fn lenient_reads_unknown_names() {
    let options = Options { lenient: true, ..Options::default() };
    snapshot("lenient_names.yaml", &options);
}

#[test]
fn strict_reports_template_errors_and_duplicate_ids() {
    let source = fixture("lenient.yaml");
    let Err(errors) = codegen::model_of(&source, Options::all()) else {
        panic!("lenient.yaml must fail without --lenient");
    };
    let messages: Vec<&str> = errors.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "duplicate operationId 'same'",
            "path parameter 'account_id' is not in the path template '/{kind}/{id}/usage'",
            "path template parameter '{kind}' is not declared",
        ]
    );
}

/// A strict run that fails only with errors `--lenient` recovers from says
/// so, naming the flag; one with other errors does not.
#[test]
fn the_summary_names_lenient_when_it_would_recover() {
    use codegen::cli::generate::{failure_summary, lenient_recovers};
    let strict = Options::all();
    assert!(lenient_recovers(&fixture("lenient.yaml"), &folder("lenient.yaml"), &strict));
    let mut broken = fixture("lenient.yaml");
    // A path template that cannot be read: nothing to recover to.
    broken.text.push_str("  /c/{x:\n    get:\n      operationId: c\n      responses: {'204': {description: Done.}}\n");
    assert!(!lenient_recovers(&broken, &folder("lenient.yaml"), &strict));
    let Err(codegen::Failure::Spec(errors)) = codegen::generate(&fixture("lenient.yaml"), &strict) else {
        panic!("lenient.yaml fails strictly")
    };
    let line = failure_summary(&errors, "api.json", true);
    assert!(line.contains("run again with --lenient"), "{line}");
    assert!(!failure_summary(&errors, "api.json", false).contains("--lenient"));
    assert!(line.starts_with(&format!("error: {} errors (", errors.len())), "counted by kind: {line}");
}

/// Each tag is a Cargo feature, on by default; the types only a feature's
/// operations reach are gated by it, a type two features share by either,
/// and what an untagged operation reaches by none.
#[test]
fn tags_become_cargo_features() {
    let source = fixture("features.yaml");
    let generated = codegen::generate(&source, &Options::all()).expect("generates");
    let toml = &generated.files.iter().find(|f| f.path == "Cargo.toml").expect("a Cargo.toml").contents;
    assert!(toml.contains("default = [\n    \"rustls\",\n    \"dns-records\",\n    \"zones\",\n]\n"), "{toml}");
    assert!(toml.contains("# Operations tagged `DNS Records` (2 operations)\ndns-records = []\n"), "{toml}");
    assert!(toml.contains("# Operations tagged `Zones` (2 operations)\nzones = []\n"), "{toml}");
    let features_of = |name: &str| -> Vec<String> {
        generated.api.types.iter().find(|t| t.name == name).map(|t| t.features.clone()).expect(name)
    };
    assert_eq!(features_of("Zone"), ["zones"]);
    assert_eq!(features_of("Record"), ["dns-records"]);
    assert_eq!(features_of("RecordKind"), ["dns-records"]);
    assert_eq!(features_of("Owner"), ["dns-records", "zones"]);
    assert!(features_of("Health").is_empty());
    let op = |name: &str| generated.api.operations.iter().find(|o| o.name == name).expect(name).features.clone();
    assert_eq!(op("search"), ["dns-records", "zones"]);
    assert!(op("health").is_empty());

    let none = Options { features_by: codegen::model::FeaturesBy::None, ..Options::all() };
    let plain = codegen::generate(&source, &none).expect("generates");
    assert!(plain.api.types.iter().all(|t| t.features.is_empty()));
    let toml = &plain.files.iter().find(|f| f.path == "Cargo.toml").expect("a Cargo.toml").contents;
    assert!(toml.contains("\ndefault = [\"rustls\"]\n"), "{toml}");
}

/// The generated `Cargo.toml` whole: dependencies, and every feature (the
/// groups of operations, TLS, `tracing`, serde) with what it turns on.
#[test]
fn cargo_toml_dependencies_and_features() {
    let generated = codegen::generate(&fixture("features.yaml"), &Options::all()).expect("generates");
    let toml = &generated.files.iter().find(|f| f.path == "Cargo.toml").expect("a Cargo.toml").contents;
    insta::with_settings!({ prepend_module_to_snapshot => false, omit_expression => true, snapshot_suffix => "" }, {
        insta::assert_snapshot!("constructs_cargo_toml", toml);
    });
}

/// The credentials a spec's security schemes become are in `src/auth.rs`,
/// outside the per-item snippets: snapshotted whole.
#[test]
fn auth_constructors_and_from_env() {
    let generated = codegen::generate(&fixture("auth.yaml"), &Options::all()).expect("generates");
    let auth = &generated.files.iter().find(|f| f.path == "src/auth.rs").expect("an auth.rs").contents;
    insta::with_settings!({ prepend_module_to_snapshot => false, omit_expression => true, snapshot_suffix => "" }, {
        insta::assert_snapshot!("constructs_auth_rs", auth);
    });
}

/// Wrappers of GitHub, Stripe, Twilio, Box and OpenAI responses are not
/// Cloudflare envelopes: every operation returns its body as it comes.
#[test]
fn only_cloudflare_envelopes_are_unwrapped() {
    let generated = codegen::generate(&fixture("envelopes.yaml"), &Options::all()).expect("generates");
    assert_eq!(generated.api.operations.len(), 6);
    for op in &generated.api.operations {
        assert!(matches!(op.response, codegen::model::Response::Json(_)), "{}: {:?}", op.name, op.response);
    }
    assert!(!generated.api.envelopes);
    assert!(generated.files.iter().all(|f| f.path != "src/cloudflare.rs" && f.path != "src/runtime/envelope.rs"));
}

/// `--include` that matches nothing would give an empty crate: an error.
#[test]
fn include_matching_nothing_is_an_error() {
    let options =
        Options { selection: codegen::model::select::Selection::new(vec!["No Such Tag".into()]), ..Options::all() };
    let Err(errors) = codegen::model_of(&fixture("features.yaml"), &options) else {
        panic!("an --include matching no operation must fail");
    };
    let messages: Vec<&str> = errors.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(messages, ["--include matches none of the 4 operations"]);
}

/// Each paging pattern is recognised, with its items' type and where its
/// cursor is; lists that do not page (no `result_info`, a `POST`, only
/// `page`) are left alone.
#[test]
fn paging_operations_are_recognised() {
    use codegen::model::{NextPage, TypeRef};
    let source = fixture("pagination.yaml");
    let built = codegen::model_of(&source, Options::all()).expect("the fixture is valid");
    let paging = |name: &str| built.api.operations.iter().find(|o| o.name == name).expect(name).pagination.clone();
    let path = |p: &[&str]| p.iter().map(|s| s.to_string()).collect::<Vec<_>>();

    let zones = paging("list_zones").expect("numbered pages");
    assert_eq!(zones.method, "list_zones_stream2", "`list_zones_stream` is an operation's name");
    assert_eq!((zones.item, zones.items), (TypeRef::Named("Zone".into()), path(&["result"])));
    assert_eq!(zones.next, NextPage::Number { param: "page".into() });

    let indexes = paging("list_indexes").expect("numbered pages without the whole envelope");
    assert_eq!((indexes.items, indexes.next), (path(&["result"]), NextPage::Number { param: "page".into() }));

    let queues = paging("list_queues").expect("a cursor");
    assert_eq!(queues.next, NextPage::Cursor { field: path(&["result_info", "cursor"]), param: "cursor".into() });
    let buckets = paging("list_buckets").expect("a cursor");
    assert_eq!(buckets.item, TypeRef::Named("Bucket".into()));
    assert_eq!(
        buckets.next,
        NextPage::Cursor { field: path(&["result_info", "cursors", "after"]), param: "cursor".into() }
    );
    let keys = paging("list_keys").expect("Stainless hints");
    assert_eq!(keys.next, NextPage::Cursor { field: path(&["result_info", "next"]), param: "next".into() });

    let instances = paging("instance_list").expect("Dropshot");
    assert_eq!((instances.item, instances.items), (TypeRef::Named("Instance".into()), path(&["items"])));
    assert_eq!(
        instances.next,
        NextPage::Token { field: path(&["next_page"]), param: "page_token".into(), keep: path(&["limit"]) }
    );

    for name in ["list_zones_stream", "search_settings", "list_events"] {
        assert_eq!(paging(name), None, "{name} does not page");
    }
}
