//! The client generated from `tests/fixtures/constructs/auth.yaml` (every
//! kind of security scheme, AND and OR requirements, `security: []`, typed
//! error bodies) against a local HTTP server: the exact headers and query
//! each credential sends, and how error bodies are decoded.
//!
//! The crate is committed in `tests/clients/auth-fixture` and kept fresh by
//! `fixture_crate_matches_its_spec`.

use auth_fixture::types::{NotFound, Problem};
use auth_fixture::{Auth, Client, Error};
use serde_json::json;
use std::path::Path;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

mod common;

const SECRET: &str = "SECRET-value-42";

/// The generated crate is exactly what the generator writes today.
#[test]
fn fixture_crate_matches_its_spec() {
    common::assert_client_is_fresh("auth.yaml", "auth-fixture");
}

/// A server answering `status` with `body` to everything, and the client.
async fn serve(auth: Auth, status: u16, body: serde_json::Value) -> (MockServer, Client) {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(status).set_body_json(body))
        .mount(&server)
        .await;
    let client = Client::builder().base_url(server.uri()).auth(auth).max_retries(0).build().expect("valid client");
    (server, client)
}

async fn only_request(server: &MockServer) -> Request {
    let mut requests = server.received_requests().await.expect("recording is on");
    assert_eq!(requests.len(), 1, "one request");
    requests.remove(0)
}

/// The request's credential-bearing parts: every header the generator may
/// set for auth, and the query.
fn credentials(request: &Request) -> (Vec<(String, String)>, Option<String>) {
    let names = ["authorization", "x-api-key", "x-app-id", "x-app-secret", "cookie"];
    let headers = names
        .iter()
        .filter_map(|n| request.headers.get(*n).map(|v| (n.to_string(), v.to_str().expect("ascii").to_string())))
        .collect();
    (headers, request.url.query().map(str::to_string))
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
}

#[tokio::test]
async fn basic_sends_base64_of_username_and_password() {
    let (server, client) = serve(Auth::basic("Aladdin", "open sesame"), 200, json!({"id": 1, "name": "Ada"})).await;
    let user = client.get_me().await.expect("ok");
    assert_eq!((user.id, user.name.as_str()), (1, "Ada"));
    let sent = credentials(&only_request(&server).await);
    assert_eq!(sent, (pairs(&[("authorization", "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==")]), None));
}

#[tokio::test]
async fn bearer_is_the_other_alternative() {
    let (server, client) = serve(Auth::bearer("jwt-token"), 200, json!({"id": 1, "name": "Ada"})).await;
    client.get_me().await.expect("ok");
    assert_eq!(credentials(&only_request(&server).await), (pairs(&[("authorization", "Bearer jwt-token")]), None));
}

#[tokio::test]
async fn oauth2_is_a_user_supplied_bearer_token() {
    let (server, client) = serve(Auth::oauth2("access-123"), 200, json!({"status": "ok"})).await;
    client.oauth_only().await.expect("ok");
    assert_eq!(credentials(&only_request(&server).await), (pairs(&[("authorization", "Bearer access-123")]), None));
}

#[tokio::test]
async fn api_key_in_a_header() {
    let (server, client) = serve(Auth::api_key_header("hk"), 200, json!({"status": "ok"})).await;
    client.reports().await.expect("ok");
    assert_eq!(credentials(&only_request(&server).await), (pairs(&[("x-api-key", "hk")]), None));
}

#[tokio::test]
async fn api_key_in_the_query_follows_the_operations_parameters() {
    let (server, client) = serve(Auth::api_key_query("q k&="), 200, json!({"status": "ok"})).await;
    let params = auth_fixture::types::SearchParams::new("rust");
    client.search(&params).await.expect("ok");
    let sent = credentials(&only_request(&server).await);
    assert_eq!(sent, (vec![], Some("q=rust&api_key=q%20k%26%3D".to_string())));
}

#[tokio::test]
async fn api_key_in_a_cookie() {
    let (server, client) = serve(Auth::api_key_cookie("sess-1"), 200, json!({"status": "ok"})).await;
    client.session().await.expect("ok");
    assert_eq!(credentials(&only_request(&server).await), (pairs(&[("cookie", "session_id=sess-1")]), None));
}

#[tokio::test]
async fn and_sends_both_schemes() {
    let server = MockServer::start().await;
    Mock::given(method("POST")).and(path("/signed")).respond_with(ResponseTemplate::new(204)).mount(&server).await;
    let auth = Auth::app_id_and_app_secret("app-1", "shh");
    let client = Client::builder().base_url(server.uri()).auth(auth).build().expect("valid");
    client.signed().await.expect("ok");
    let sent = credentials(&only_request(&server).await);
    assert_eq!(sent, (pairs(&[("x-app-id", "app-1"), ("x-app-secret", "shh")]), None));
}

#[tokio::test]
async fn security_none_sends_nothing() {
    let (server, client) = serve(Auth::basic("user", "pw"), 200, json!({"status": "ok"})).await;
    assert_eq!(client.health().await.expect("ok").status.as_deref(), Some("ok"));
    assert_eq!(credentials(&only_request(&server).await), (vec![], None));
}

#[tokio::test]
async fn credentials_an_operation_does_not_accept_are_not_sent() {
    // The query key belongs to `search` only: `get_me` gets nothing.
    let (server, client) = serve(Auth::api_key_query("k"), 401, json!({"code": 401, "message": "no"})).await;
    let err = client.get_me().await.expect_err("401");
    assert!(err.is_auth_error());
    assert_eq!(credentials(&only_request(&server).await), (vec![], None));
}

#[tokio::test]
async fn a_declared_error_status_decodes_into_its_type() {
    let (_server, client) = serve(Auth::bearer("t"), 404, json!({"resource": "user"})).await;
    let err = client.get_me().await.expect_err("404");
    let Error::Response(response) = &err else { panic!("expected a typed error, got {err:?}") };
    assert_eq!(response.status().as_u16(), 404);
    assert_eq!(err.body::<NotFound>().map(|b| b.resource.as_str()), Some("user"));
    assert!(err.body::<Problem>().is_none(), "the 404 body is not the default's type");
    assert!(err.to_string().contains("get_me") && err.to_string().contains("404"), "{err}");
}

#[tokio::test]
async fn default_and_4xx_bodies_decode_too() {
    let (_server, client) = serve(Auth::bearer("t"), 503, json!({"code": 7, "message": "down"})).await;
    let err = client.get_me().await.expect_err("503");
    assert_eq!(err.body::<Problem>().map(|p| (p.code, p.message.as_str())), Some((7, "down")));
    assert_eq!(err.status().map(|s| s.as_u16()), Some(503));

    let (_server, client) = serve(Auth::api_key_query("k"), 429, json!({"code": 429, "message": "slow"})).await;
    let err = client.search(&auth_fixture::types::SearchParams::new("x")).await.expect_err("429");
    assert!(err.is_rate_limited());
    assert_eq!(err.body::<Problem>().map(|p| p.code), Some(429), "4XX: {err:?}");
}

#[tokio::test]
async fn an_undecodable_error_body_keeps_an_excerpt() {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(502).set_body_string("<html>Bad gateway</html>"))
        .mount(&server)
        .await;
    let client = Client::builder().base_url(server.uri()).auth(Auth::bearer("t")).max_retries(0).build().expect("ok");
    let err = client.get_me().await.expect_err("502");
    let Error::Http { body_excerpt, .. } = &err else { panic!("expected Error::Http, got {err:?}") };
    assert_eq!(body_excerpt, "<html>Bad gateway</html>");
    assert!(err.body::<Problem>().is_none());
}

#[tokio::test]
async fn a_non_envelope_api_is_not_read_as_envelopes() {
    // `errors` + `success` would look like a Cloudflare envelope; this API has none.
    let body = json!({"success": false, "errors": [{"code": 1, "message": "x"}], "messages": []});
    let (_server, client) = serve(Auth::api_key_header("k"), 400, body).await;
    let err = client.reports().await.expect_err("400");
    assert!(matches!(err, Error::Http { .. }), "{err:?}");
}

#[test]
fn secrets_are_redacted_for_every_kind() {
    let all = [
        Auth::basic("user", SECRET),
        Auth::bearer(SECRET),
        Auth::oauth2(SECRET),
        Auth::api_key_header(SECRET),
        Auth::api_key_query(SECRET),
        Auth::api_key_cookie(SECRET),
        Auth::app_id_and_app_secret(SECRET, SECRET),
    ];
    for auth in all {
        let shown = format!("{auth:?}");
        assert!(!shown.contains(SECRET) && shown.ends_with("([redacted])"), "{shown}");
        let client = Client::builder().auth(auth).build().expect("valid");
        assert!(!format!("{client:?}").contains(SECRET));
    }
    assert_eq!(format!("{:?}", Auth::basic("u", "p")), "Auth::Basic([redacted])");
    let err = Client::builder().auth(Auth::api_key_header(format!("{SECRET}\n"))).build().expect_err("newline");
    assert!(!format!("{err} {err:?}").contains(SECRET), "{err}");
}

#[tokio::test]
async fn a_query_key_never_shows_in_connection_errors() {
    // Nothing listens on port 9 of localhost; the error would name the URL.
    let client = Client::builder()
        .base_url("http://127.0.0.1:9")
        .auth(Auth::api_key_query(SECRET))
        .max_retries(0)
        .build()
        .expect("valid");
    let err = client.search(&auth_fixture::types::SearchParams::new("x")).await.expect_err("refused");
    assert!(matches!(err, Error::Connection { .. }), "{err:?}");
    assert!(!format!("{err} {err:?}").contains(SECRET), "{err:?}");
}

const ENV_VARS: &[&str] = &[
    "AUTHFIX_BASIC_AUTH_USERNAME",
    "AUTHFIX_BASIC_AUTH_PASSWORD",
    "AUTHFIX_BEARER_AUTH",
    "AUTHFIX_OAUTH",
    "AUTHFIX_HEADER_KEY",
    "AUTHFIX_QUERY_KEY",
    "AUTHFIX_COOKIE_KEY",
    "AUTHFIX_APP_ID",
    "AUTHFIX_APP_SECRET",
];

fn with_env<T>(vars: &[(&str, &str)], check: impl FnOnce() -> T) -> T {
    common::with_env(ENV_VARS, vars, check)
}

#[test]
fn from_env_names_come_from_the_schemes_and_prefix() {
    let auth = with_env(&[("AUTHFIX_BASIC_AUTH_USERNAME", "u"), ("AUTHFIX_BASIC_AUTH_PASSWORD", "p")], Auth::from_env);
    assert_eq!(format!("{:?}", auth.expect("basic")), "Auth::Basic([redacted])");
    let auth = with_env(&[("AUTHFIX_QUERY_KEY", "k")], Auth::from_env);
    assert_eq!(format!("{:?}", auth.expect("query key")), "Auth::ApiKeyQuery([redacted])");
    let auth = with_env(&[("AUTHFIX_APP_ID", "a"), ("AUTHFIX_APP_SECRET", "s")], Auth::from_env);
    assert_eq!(format!("{:?}", auth.expect("both")), "Auth::AppIdAndAppSecret([redacted])");

    let err = with_env(&[("AUTHFIX_BASIC_AUTH_USERNAME", "u")], Auth::from_env).expect_err("password missing");
    assert!(err.to_string().contains("AUTHFIX_BASIC_AUTH_PASSWORD is not"), "{err}");
    let err = with_env(&[], Auth::from_env).expect_err("nothing set");
    for name in ENV_VARS {
        assert!(err.to_string().contains(name), "{name} in {err}");
    }
}

/// Nothing Cloudflare-specific is generated for this API.
#[test]
fn no_cloudflare_pieces() {
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("clients/auth-fixture/src");
    assert!(!crate_dir.join("cloudflare.rs").exists());
    for file in ["lib.rs", "auth.rs", "operations.rs", "types.rs"] {
        let text = std::fs::read_to_string(crate_dir.join(file)).expect(file);
        for word in ["ray_id", "email_key", "CLOUDFLARE", "cf-ray"] {
            assert!(!text.contains(word), "{word} in {file}");
        }
    }
}
