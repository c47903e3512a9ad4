//! The generated crates' docs say what their `Auth` really offers: a crate
//! whose spec declares no security scheme says so and points to default
//! headers; constructors quote their scheme's description; the variables
//! `from_env` reads are listed in the crate docs. (The committed crates are
//! kept fresh by each fixture's own test.)

use std::path::Path;

fn read(path: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).expect(path)
}

#[test]
fn a_crate_without_security_schemes_says_so_and_points_to_default_headers() {
    let lib = read("clients/multipart-fixture/src/lib.rs");
    assert!(lib.contains("//! The spec declares no security scheme"), "{lib:.900}");
    assert!(lib.contains("[`ClientBuilder::default_header`]"));
    assert!(!lib.contains("made by one of its constructors"), "no constructor exists");
    let auth = read("clients/multipart-fixture/src/auth.rs");
    assert!(auth.contains("/// The spec declares no security scheme, so there are no credentials to read"));
    assert_eq!(auth.matches("pub fn ").count(), 1, "only from_env: {auth}");
}

#[test]
fn constructors_quote_their_scheme_and_the_crate_lists_its_variables() {
    let auth = read("clients/auth-fixture/src/auth.rs");
    assert!(
        auth.contains("/// The spec describes `basicAuth`:\n    ///\n    /// > Your username and password.\n"),
        "{auth:.1200}"
    );
    let lib = read("clients/auth-fixture/src/lib.rs");
    assert!(lib.contains("//! Credentials are an [`Auth`], made by one of its constructors."));
    for var in ["`AUTHFIX_BASIC_AUTH_USERNAME` + `AUTHFIX_BASIC_AUTH_PASSWORD`", "`AUTHFIX_BASE_URL` (optional)"] {
        assert!(lib.contains(var), "{var}");
    }
}
