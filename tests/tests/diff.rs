//! `codegen diff`: one fixture pair per kind of change under
//! `tests/fixtures/diff/<case>/{old,new}.yaml`, with snapshots of the text
//! and Markdown reports and the semver verdict each must get; and the real
//! 2024 and 2026 editions of the Cloudflare API, restricted to Stream's MP4
//! downloads.

use codegen::cli::diff::{run, DiffArgs, EXIT_BREAKING};
use codegen::diff::render::{render, summary, Format};
use codegen::diff::{diff, Bump, ChangeKind, Report};
use codegen::model::select::Selection;
use codegen::model::Api;
use codegen::parse::Source;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod common;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/diff")
}

fn model(path: &Path, selection: &Selection) -> Api {
    let source = Source::read(path, path.display().to_string()).expect("readable spec");
    match codegen::model_of(&source, selection) {
        Ok(built) => built.api,
        Err(diags) => panic!("{} does not model: {diags:?}", path.display()),
    }
}

fn fixture_report(case: &str) -> Report {
    let dir = fixtures().join(case);
    diff(&model(&dir.join("old.yaml"), &Selection::all()), &model(&dir.join("new.yaml"), &Selection::all()))
}

/// Every fixture, the bump it needs and the kinds of change it must report.
const CASES: &[(&str, Bump, &[ChangeKind])] = {
    use ChangeKind::*;
    &[
        ("body_removed", Bump::Major, &[BodyRemoved, TypeRemoved]),
        ("deprecated", Bump::Minor, &[Deprecation]),
        ("docs_only", Bump::Patch, &[Docs, Docs]),
        ("endpoint_changed", Bump::Major, &[EndpointChanged]),
        ("enum_value_added", Bump::Minor, &[EnumValueAdded]),
        ("enum_value_removed", Bump::Major, &[EnumValueRemoved]),
        // Server-sent events beside JSON: a method more.
        ("events_added", Bump::Minor, &[OperationAdded]),
        ("field_added", Bump::Minor, &[OptionalMemberAdded]),
        ("field_made_required", Bump::Major, &[MemberMadeRequired]),
        ("field_removed", Bump::Major, &[MemberRemoved]),
        ("field_type_changed", Bump::Major, &[MemberTypeChanged]),
        // An operation's first query or header parameter, even optional,
        // gives its method a `params` argument.
        ("first_param_added", Bump::Major, &[ParamsArgAdded]),
        ("identical_type_added", Bump::Minor, &[OperationAdded, TypeAdded]),
        // A text part became a file, and a part was added.
        // JSON replaced by server-sent events: the operation's own method
        // returns the stream as text, and an events method appears.
        ("json_to_events", Bump::Major, &[ResponseChanged, OperationAdded]),
        ("multipart_form_changed", Bump::Major, &[MemberTypeChanged, OptionalMemberAdded]),
        ("no_change", Bump::None, &[]),
        ("nullable_field_made_required", Bump::Minor, &[NullableRequiredness]),
        ("operation_added", Bump::Minor, &[OperationAdded]),
        ("operation_removed", Bump::Major, &[OperationRemoved]),
        ("operation_renamed", Bump::Major, &[OperationRenamed]),
        ("paging_added", Bump::Minor, &[OperationAdded]),
        // The stream method's return type names the declared `result_info`.
        ("paging_metadata_typed", Bump::Major, &[ResponseChanged, TypeAdded]),
        ("param_added", Bump::Minor, &[OptionalMemberAdded]),
        ("param_made_required", Bump::Major, &[MemberMadeRequired, DefaultLost]),
        ("param_removed", Bump::Major, &[MemberRemoved]),
        ("path_param_type_changed", Bump::Major, &[PathParamTypeChanged, PathParamTypeChanged]),
        ("required_field_added", Bump::Major, &[RequiredMemberAdded]),
        ("required_nullable_field_added", Bump::Minor, &[OptionalMemberAdded]),
        ("required_param_added", Bump::Major, &[RequiredMemberAdded, DefaultLost]),
        ("response_changed", Bump::Major, &[ResponseChanged]),
        ("rust_name_changed", Bump::Major, &[MemberRenamed, OptionalMemberAdded]),
        // The same API as Swagger 2.0 and as OpenAPI 3.0: nothing changes.
        ("swagger2_to_openapi3", Bump::None, &[]),
        ("type_renamed", Bump::Major, &[TypeRenamed]),
        ("union_variant_added", Bump::Minor, &[UnionVariantAdded]),
        ("wire_name_changed", Bump::Major, &[WireNameChanged]),
    ]
};

#[test]
fn every_fixture_is_checked() {
    let mut dirs: Vec<String> = std::fs::read_dir(fixtures())
        .expect("fixtures/diff exists")
        .filter_map(Result::ok)
        .filter(|e| e.path().join("old.yaml").is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    dirs.sort();
    let cases: Vec<&str> = CASES.iter().map(|(name, _, _)| *name).collect();
    assert_eq!(dirs, cases, "add new fixtures to CASES (sorted)");
}

#[test]
fn semver_verdict_and_kinds_per_fixture() {
    for (case, bump, kinds) in CASES {
        let report = fixture_report(case);
        let found: Vec<ChangeKind> = report.changes.iter().map(|c| c.kind).collect();
        assert_eq!(&found, kinds, "{case}: {:#?}", report.changes);
        assert_eq!(report.bump(), *bump, "{case}");
        assert_eq!(report.has_breaking(), *bump == Bump::Major, "{case}");
    }
}

#[test]
fn reports_per_fixture() {
    insta::with_settings!({ snapshot_path => "../fixtures/diff/snapshots", prepend_module_to_snapshot => false, omit_expression => true }, {
        for (case, _, _) in CASES {
            let report = fixture_report(case);
            let (old, new) = (format!("{case}/old.yaml"), format!("{case}/new.yaml"));
            insta::assert_snapshot!(format!("{case}.text"), render(&report, Format::Text, &old, &new));
            insta::assert_snapshot!(format!("{case}.md"), render(&report, Format::Markdown, &old, &new));
        }
    });
}

#[test]
fn output_is_deterministic() {
    for (case, _, _) in CASES {
        let first = render(&fixture_report(case), Format::Text, "a", "b");
        for _ in 0..3 {
            assert_eq!(render(&fixture_report(case), Format::Text, "a", "b"), first, "{case}");
        }
    }
}

#[test]
fn summary_is_one_paragraph() {
    let report = fixture_report("param_made_required");
    let text = summary(&report, "HEAD", 1).expect("changes");
    assert_eq!(
        text,
        "API changes since HEAD: 2 breaking → major bump: 1.2.3 → 2.0.0: parameter `ListPetsParams.tag` is now required: \
         `String` (was `Option<String>`); and 1 more."
    );
    assert!(summary(&fixture_report("no_change"), "HEAD", 5).is_none());
}

fn args(old: &Path, new: &Path, deny_breaking: bool) -> DiffArgs {
    DiffArgs {
        old: old.display().to_string(),
        new: Some(new.display().to_string()),
        format: Format::Markdown,
        deny_breaking,
        include: Vec::new(),
        lenient: false,
        path: "spec/stream.yaml".into(),
        root: None,
        verbose: false,
    }
}

#[test]
fn deny_breaking_sets_the_exit_status() {
    let dir = fixtures();
    let (old, new) = (dir.join("field_removed/old.yaml"), dir.join("field_removed/new.yaml"));
    assert_eq!(run(&args(&old, &new, true)), ExitCode::from(EXIT_BREAKING));
    assert_eq!(run(&args(&old, &new, false)), ExitCode::SUCCESS);
    let (old, new) = (dir.join("operation_added/old.yaml"), dir.join("operation_added/new.yaml"));
    assert_eq!(run(&args(&old, &new, true)), ExitCode::SUCCESS);
    assert_eq!(run(&args(&old, &dir.join("missing.yaml"), false)), ExitCode::from(2));
}

#[test]
fn git_revisions_are_read() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let in_git = std::process::Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["cat-file", "-e", "HEAD:spec/stream.yaml"])
        .status()
        .is_ok_and(|s| s.success());
    if !in_git {
        return common::skip_unless_ci(
            "reading spec/stream.yaml from a git revision",
            &format!("`git cat-file -e HEAD:spec/stream.yaml` fails in {}", root.display()),
            "run the tests in a git clone of the repository (git on PATH, at least one commit)",
        );
    }
    let head = codegen::cli::origin::Origin::parse("HEAD", "spec/stream.yaml");
    let source = head.load().expect("HEAD:spec/stream.yaml");
    assert_eq!(source.name, "HEAD:spec/stream.yaml");
    let spec = root.join("spec/stream.yaml");
    let args = DiffArgs { old: "HEAD".into(), new: Some(spec.display().to_string()), ..args(&spec, &spec, true) };
    // Whatever the working tree holds, HEAD must be readable and modelled.
    let status = run(&args);
    assert!(status == ExitCode::SUCCESS || status == ExitCode::from(EXIT_BREAKING));
}

/// The Stream MP4 downloads operations of two real editions of the
/// Cloudflare API (from `../shared/corpus`, next to the workspace). Skipped
/// with a message when they are missing, except under `CI=true`.
#[test]
fn cloudflare_2024_to_2026_stream_downloads() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus");
    let (old, new) = (corpus.join("cloudflare-2024.json.gz"), corpus.join("cloudflare-2026.json.gz"));
    let missing: Vec<String> = [&old, &new].iter().filter(|p| !p.is_file()).map(|p| p.display().to_string()).collect();
    if !missing.is_empty() {
        return common::skip_unless_ci(
            "the diff of the Cloudflare 2024 and 2026 specs",
            &format!("{} not found", missing.join(" and ")),
            "put the corpus (cloudflare-2024.json.gz, cloudflare-2026.json.gz, …) in ../shared/corpus, beside the repository",
        );
    }
    // Its speed is measured by `scripts/bench`, not bounded here: a timed
    // test fails on a loaded machine (32 s against 30 s, seen here).
    let selection = Selection::new(vec!["Stream MP4 Downloads".into()]);
    let report = diff(&model(&old, &selection), &model(&new, &selection));

    let has =
        |kind: ChangeKind, needle: &str| report.changes.iter().any(|c| c.kind == kind && c.message.contains(needle));
    // The POST body that was dropped, and the type-specific operations added.
    assert!(has(ChangeKind::BodyRemoved, "stream_m_p_4_downloads_create_downloads"), "{:#?}", report.changes);
    assert!(has(
        ChangeKind::OperationAdded,
        "POST /accounts/{account_id}/stream/{identifier}/downloads/{download_type}"
    ));
    assert!(has(
        ChangeKind::OperationAdded,
        "DELETE /accounts/{account_id}/stream/{identifier}/downloads/{download_type}"
    ));
    assert!(has(ChangeKind::ResponseChanged, "StreamDownloadsResponseResult"));
    assert_eq!(report.bump(), Bump::Major);

    let (old, new) = ("cloudflare-2024.json.gz", "cloudflare-2026.json.gz");
    insta::with_settings!({ snapshot_path => "../fixtures/diff/snapshots", prepend_module_to_snapshot => false, omit_expression => true }, {
        insta::assert_snapshot!("cloudflare_2024_2026.text", render(&report, Format::Text, old, new));
        insta::assert_snapshot!("cloudflare_2024_2026.md", render(&report, Format::Markdown, old, new));
    });
}

/// A split spec is compared folder by folder (each read from its entry
/// file, its references followed): reorganising the files changes nothing,
/// and a field added in a referenced file is the one change reported.
#[test]
fn split_specs_are_compared_by_folder() {
    use codegen::cli::origin::Origin;
    let dir = fixtures().join("split");
    let side = |name: &str| {
        let origin = Origin::parse(&dir.join(name).display().to_string(), "spec/stream.yaml");
        let source = origin.load().expect("the folder's entry file");
        assert!(source.name.ends_with("openapi.yaml"), "{}", source.name);
        match codegen::model_of_in(&source, origin.files(None).expect("a file origin").as_ref(), &Selection::all()) {
            Ok(built) => built.api,
            Err(diags) => panic!("{name} does not model: {diags:#?}"),
        }
    };
    let report = diff(&side("old"), &side("new"));
    let found: Vec<(ChangeKind, &str)> = report.changes.iter().map(|c| (c.kind, c.message.as_str())).collect();
    assert_eq!(found, [(ChangeKind::OptionalMemberAdded, "added optional field `Pet.tag: Option<String>`")]);

    // An optional field is a compatible addition: `--deny-breaking` passes.
    assert_eq!(run(&args(&dir.join("old"), &dir.join("new"), false)), ExitCode::SUCCESS);
    assert_eq!(run(&args(&dir.join("old"), &dir.join("new"), true)), ExitCode::SUCCESS);
    // A folder with no entry file is a usage error, not a git revision.
    assert_eq!(run(&args(&dir, &dir.join("new"), false)), ExitCode::from(2));
}

/// The report names argument types as the generated method declares them:
/// a string path parameter is taken as `&str`, not `String`.
#[test]
fn path_parameters_are_spelled_as_the_method_takes_them() {
    let report = fixture_report("path_param_type_changed");
    let messages: Vec<&str> = report.changes.iter().map(|c| c.message.as_str()).collect();
    assert!(
        messages.contains(&"argument 1 of `Client::get_pet` (`pet_id`) changed type: `i64` (was `&str`)"),
        "{messages:#?}"
    );
}

/// The differences listed in docs/diff.md, section "Our spec against
/// Cloudflare's published one": the first cell of each row of its table.
fn readme_differences() -> Vec<String> {
    let readme = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/diff.md");
    let text = std::fs::read_to_string(&readme).expect("docs/diff.md");
    let start = text.find("\n## Our spec against Cloudflare's published one\n").expect("the section in docs/diff.md");
    let section = &text[start + 1..];
    let section = &section[..section[3..].find("\n## ").map_or(section.len(), |end| end + 3)];
    section
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| ---") && !l.starts_with("| difference "))
        .map(|l| l.trim_start_matches("| ").split(" | ").next().unwrap_or_default().to_string())
        .collect()
}

/// Every difference `codegen diff` finds between Cloudflare's published
/// spec and `spec/stream.yaml` is listed (with the side we follow) in
/// docs/diff.md, and nothing else is: the list is checked against the report.
#[test]
fn stream_spec_against_cloudflare_2026() {
    let listed = readme_differences();
    assert!(listed.len() > 10, "the table in docs/diff.md was not found or not parsed: {listed:#?}");
    let mut unique = listed.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), listed.len(), "a difference is listed twice in docs/diff.md");

    let cloudflare = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus/cloudflare-2026.json.gz");
    if !cloudflare.is_file() {
        return common::skip_unless_ci(
            "checking the list of differences in docs/diff.md from Cloudflare's spec",
            &format!("{} not found", cloudflare.display()),
            "put the corpus (cloudflare-2026.json.gz, …) in ../shared/corpus, beside the repository",
        );
    }
    let options = codegen::model::Options {
        selection: Selection::new(vec!["Stream MP4 Downloads".into()]),
        lenient: true,
        ..Default::default()
    };
    let model = |path: &Path| {
        let source = Source::read(path, path.display().to_string()).expect("readable spec");
        codegen::model_of(&source, &options).unwrap_or_else(|d| panic!("{} does not model: {d:?}", path.display())).api
    };
    let ours = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/stream.yaml");
    let report = diff(&model(&cloudflare), &model(&ours));
    let reported: Vec<&str> = report.changes.iter().map(|c| c.message.as_str()).collect();
    let missing: Vec<&&str> = reported.iter().filter(|m| !listed.iter().any(|l| l == *m)).collect();
    let stale: Vec<&String> = listed.iter().filter(|l| !reported.contains(&l.as_str())).collect();
    assert!(
        missing.is_empty() && stale.is_empty(),
        "docs/diff.md, \"Our spec against Cloudflare's published one\", is out of date.\n\
         Reported by `codegen diff` but not listed (add a row saying which side we follow and why): {missing:#?}\n\
         Listed but no longer reported (remove the row): {stale:#?}"
    );
}

/// `codegen diff --root`: a split spec whose entry is in a subfolder is
/// compared with the folder above as its root; without it, its refs to
/// `../common` leave the folder and it cannot be compared.
#[test]
fn diff_takes_the_root_folder() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/constructs/split_root");
    let entry = root.join("spec/openapi.yaml");
    let with_root = DiffArgs { root: Some(root.clone()), ..args(&entry, &entry, true) };
    assert_eq!(run(&with_root), ExitCode::SUCCESS);
    assert_eq!(run(&args(&entry, &entry, true)), ExitCode::from(2));
}
