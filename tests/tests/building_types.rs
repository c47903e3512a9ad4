//! Building the generated types from another crate, the only place where
//! `#[non_exhaustive]` bites (no struct literals, no `..Default::default()`):
//! request bodies and parameter sets through `new(required…)`, or
//! `Default`, and assigning the optional fields; responses, as users build
//! them in their own tests, through `Default` and assignment; enums matched
//! with a wildcard arm. Each value is checked in its JSON form or as sent.

use cloudflare_stream_downloads::types::{Download, DownloadGetResponse, DownloadStatus};
use serde_json::json;
use swagger2_fixture::types::{DeletePetParams, ListPetsKindsItem, ListPetsParams, NewPet, Pet, RenamePetBody};

#[test]
fn a_stream_response_is_built_from_default() {
    let mut audio = Download::default();
    audio.status = Some(DownloadStatus::Ready);
    audio.url = Some("https://example.com/audio.m4a".into());
    let mut downloads = DownloadGetResponse::default();
    downloads.audio = Some(audio);
    // The tests enable the crate's `serialize` feature.
    let written = serde_json::to_value(&downloads).expect("serializes");
    assert_eq!(written, json!({"audio": {"status": "ready", "url": "https://example.com/audio.m4a"}}));
    let read: DownloadGetResponse = serde_json::from_value(written).expect("reads back");
    assert_eq!(read.audio.and_then(|a| a.status), Some(DownloadStatus::Ready));
}

#[test]
fn enums_are_matched_with_a_wildcard_arm() {
    fn describe(status: &DownloadStatus) -> String {
        match status {
            DownloadStatus::Ready => "ready".into(),
            DownloadStatus::Inprogress => "in progress".into(),
            DownloadStatus::Unknown(value) => format!("not known yet: {value}"),
            // Values a later version of the crate knows.
            _ => status.to_string(),
        }
    }
    assert_eq!(describe(&DownloadStatus::Ready), "ready");
    assert_eq!(describe(&DownloadStatus::Error), "error");
    assert_eq!(describe(&DownloadStatus::from("queued")), "not known yet: queued");
}

#[test]
fn a_request_body_is_built_with_new_then_assigned() {
    assert_eq!(serde_json::to_value(NewPet::new("Rex")).expect("serializes"), json!({"name": "Rex"}));
    let mut pet = NewPet::new(String::from("Rex"));
    pet.tag = Some("good".into());
    assert_eq!(serde_json::to_value(&pet).expect("serializes"), json!({"name": "Rex", "tag": "good"}));
    let mut rename = RenamePetBody::new("Max");
    rename.notify = Some(true);
    assert_eq!((rename.name.as_str(), rename.notify), ("Max", Some(true)));
}

#[test]
fn parameters_are_built_with_new_or_default() {
    let search = auth_fixture::types::SearchParams::new("rust");
    assert_eq!(search.q, "rust");
    let mut list = ListPetsParams::default();
    list.limit = Some(5);
    list.kinds = Some(vec![ListPetsKindsItem::Cat]);
    assert_eq!((list.limit, list.tags.is_none()), (Some(5), true));
    let mut delete = DeletePetParams::default();
    delete.x_reason = Some("sold".into());
    assert_eq!(delete.x_reason.as_deref(), Some("sold"));
}

/// A response type with required fields has `Default` too (empty text,
/// zero), so a test can build exactly the fields it cares about.
#[test]
fn a_response_with_required_fields_is_built_from_default() {
    let mut pet = Pet::default();
    assert_eq!((pet.id, pet.name.as_str(), pet.kind.is_none()), (0, "", true));
    pet.id = 7;
    pet.name = "Rex".into();
    let mut kind = swagger2_fixture::types::Kind::default();
    kind.pet_type = "dog".into();
    pet.kind = Some(kind);
    assert_eq!(pet.kind.map(|k| k.pet_type).as_deref(), Some("dog"));

    let mut user = auth_fixture::types::User::default();
    user.name = "Ada".into();
    let mut problem = auth_fixture::types::Problem::default();
    problem.code = 429;
    assert_eq!((user.id, user.name.as_str(), problem.code, problem.message.as_str()), (0, "Ada", 429, ""));
}
