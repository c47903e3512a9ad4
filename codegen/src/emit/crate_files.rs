//! The files around the types and operations: `Cargo.toml` and `lib.rs`
//! (the runtime support copied from `codegen/runtime/` is `runtime.rs`'s).

use super::docs::inner_doc_attrs;
use crate::model::{Feature, Meta, Security};
use proc_macro2::TokenStream;
use quote::quote;

/// Runtime types re-exported at the crate root.
const ROOT_EXPORTS: &[&str] = &[
    "ApiEnvelope",
    "ApiError",
    "Auth",
    "Client",
    "ClientBuilder",
    "Error",
    "ErrorSource",
    "FilePart",
    "Multipart",
    "Part",
    "RawResponse",
    "Request",
    "ResponseInfo",
];

/// Those of [`ROOT_EXPORTS`] that only crates with envelopes have.
const ENVELOPE_EXPORTS: &[&str] = &["ApiEnvelope", "ApiError", "ErrorSource", "ResponseInfo"];

pub fn lib_rs(meta: &Meta, security: &Security, envelopes: bool) -> TokenStream {
    let Meta { title, api_version, description, crate_name: _, crate_version: _, base_url, env_prefix } = meta;
    let heading = format!("Client for the {title} (API version {api_version}).");
    let auth = super::auth::crate_docs(security, meta);
    let docs = inner_doc_attrs([Some(heading.as_str()), description.as_deref(), Some(auth.as_str())]);
    let cloudflare = security.cloudflare.then(|| {
        quote!(
            mod cloudflare;
        )
    });
    let exports = ROOT_EXPORTS
        .iter()
        .filter(|e| envelopes || !ENVELOPE_EXPORTS.contains(e))
        .map(|e| quote::format_ident!("{}", e));
    quote! {
        #docs
        // Spec text is rendered as-is; it was not written for rustdoc.
        #![allow(rustdoc::bare_urls, rustdoc::broken_intra_doc_links, rustdoc::invalid_html_tags)]
        #![allow(clippy::large_enum_variant, clippy::too_many_arguments, clippy::doc_lazy_continuation)]
        #![warn(missing_docs)]

        /// The API's base URL, from the spec's first server.
        pub const DEFAULT_BASE_URL: &str = #base_url;
        /// Prefix of the environment variables read by [`Client::from_env`].
        pub(crate) const ENV_PREFIX: &str = #env_prefix;
        /// Sent as `User-Agent` on every request.
        pub(crate) const USER_AGENT: &str = concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION"));

        pub mod runtime;
        pub mod types;
        mod auth;
        #cloudflare
        mod operations;
        #[cfg(feature = "mock")]
        pub mod mock;

        pub use runtime::{#(#exports),*};
    }
}

/// `uploads`: the crate has a binary or multipart request body, which may
/// stream from a file (the runtime's `uploads` flag): only then does it
/// depend on `http-body` (already built for reqwest) and tokio's `fs`.
pub fn cargo_toml(meta: &Meta, features: &[Feature], uploads: bool, header: &str) -> String {
    // A TOML basic string: one line, with backslashes and quotes escaped.
    let title: String = meta.title.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    let description = format!("Client for the {title} (generated from its OpenAPI description)")
        .replace('\\', "\\\\")
        .replace('"', "\\\"");
    let (http_body, tokio_features) =
        if uploads { ("http-body = \"1\"\n", r#"["fs", "time"]"#) } else { ("", r#"["time"]"#) };
    format!(
        r#"{header}
[package]
name = "{name}"
version = "{version}"
edition = "2021"
description = "{description}"
publish = false

[dependencies]
bytes = "1"
fastrand = "2"
futures-core = "0.3"
{http_body}httpdate = "1"
percent-encoding = "2"
reqwest = {{ version = "0.13", default-features = false, features = ["multipart"] }}
serde = {{ version = "1", features = ["derive"] }}
serde_json = "1"
serde_path_to_error = "0.1"
serde_urlencoded = "0.7"
thiserror = "2"
tokio = {{ version = "1", features = {tokio_features} }}
tracing = {{ version = "0.1", default-features = false, features = ["std"], optional = true }}
wiremock = {{ version = "0.6", optional = true }}

[features]
{groups}# TLS for `https` base URLs. `rustls` is on by default; `native-tls` uses the
# platform's TLS (OpenSSL, Schannel, Security Framework) instead, also when
# `rustls` stays on. With `default-features = false`, keep one of them.
rustls = ["reqwest/rustls"]
native-tls = ["reqwest/native-tls"]
# A `tracing` span for every call (operation, method, path template, attempt,
# status, duration) and a debug event for every retry. Off, it compiles to nothing.
tracing = ["dep:tracing"]
# Model types implement only the serde traits the API needs: `Deserialize`
# for what responses carry, `Serialize` for what requests carry.
# `serialize` makes every model type `Serialize` (e.g. to store responses),
# `deserialize` makes every model type `Deserialize`.
serialize = []
deserialize = []
# Typed wiremock mocks of every operation (the `mock` module), for testing
# code that uses this client. Responders write model types, so it needs
# `serialize`.
mock = ["dep:wiremock", "serialize"]
# `Default` for every struct with required fields (and the enums and unions
# their defaults need), to build responses in tests: enable it under
# `[dev-dependencies]`. Structs whose fields may all be absent always have it.
defaults = []
"#,
        name = meta.crate_name,
        version = meta.crate_version,
        groups = feature_groups(features),
    )
}

/// What only Cloudflare-shaped crates have: `ApiError::ray_id`.
pub fn cloudflare_rs() -> TokenStream {
    quote! {
        //! What only Cloudflare's API has.

        use crate::ApiError;

        impl ApiError {
            /// The `cf-ray` header, which Cloudflare support asks for.
            pub fn ray_id(&self) -> Option<&str> {
                self.headers().get("cf-ray").and_then(|v| v.to_str().ok())
            }
        }
    }
}

/// `default` and one feature per group of operations.
fn feature_groups(features: &[Feature]) -> String {
    if features.is_empty() {
        return String::from("default = [\"rustls\"]\n");
    }
    let mut out = String::from(
        "# TLS and every group of operations are on by default. With `default-features = false`\n\
         # and only the groups you use (and a TLS feature), only those (and the types they use) compile.\n\
         default = [\n    \"rustls\",\n",
    );
    for f in features {
        out.push_str(&format!("    \"{}\",\n", f.name));
    }
    out.push_str("]\n");
    for Feature { name, docs, operations } in features {
        let plural = if *operations == 1 { "" } else { "s" };
        // Docs come from tags: one line, and nothing that ends the comment.
        let docs: String = docs.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
        out.push_str(&format!("# {docs} ({operations} operation{plural})\n{name} = []\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn description_is_one_escaped_toml_line() {
        let meta = Meta {
            title: "Line one\nline \"two\" \\ end".into(),
            api_version: "1".into(),
            description: None,
            crate_name: "x".into(),
            crate_version: "0.1.0".into(),
            base_url: "http://localhost".into(),
            env_prefix: "X".into(),
        };
        let toml = cargo_toml(&meta, &[], false, "# header");
        let line = toml.lines().find(|l| l.starts_with("description")).expect("a description line");
        assert_eq!(
            line,
            r#"description = "Client for the Line one line \"two\" \\ end (generated from its OpenAPI description)""#
        );
    }
}
