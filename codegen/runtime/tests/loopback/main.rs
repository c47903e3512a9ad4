//! The runtime against a local HTTP server (wiremock), through its public
//! API as generated code calls it: one test binary, a module per concern.
//! Modules for a flag's code compile only with that feature.

mod calls;
mod errors;
mod pages;
mod retries;

#[cfg(feature = "envelopes")]
mod envelopes;
#[cfg(feature = "events")]
mod events;
#[cfg(feature = "mock")]
mod mocks;
#[cfg(feature = "streams")]
mod streams;

use codegen_runtime::runtime::{Decode, Method, PathBuilder};
use codegen_runtime::{Auth, Client, Request};
use wiremock::MockServer;

/// A client of `server` without credentials; `configure` changes the rest.
pub fn client_with(
    server: &MockServer,
    configure: impl FnOnce(codegen_runtime::ClientBuilder) -> codegen_runtime::ClientBuilder,
) -> Client {
    configure(Client::builder().base_url(server.uri()).auth(Auth::none())).build().expect("a valid configuration")
}

/// A client of `server` with the default settings.
pub fn client(server: &MockServer) -> Client {
    client_with(server, |b| b)
}

/// A `GET` of `path` by the operation `op`, decoded as `D`.
pub fn get<D: Decode>(client: &Client, path: &'static str) -> Request<D> {
    Request::new(client, Method::GET, "op", PathBuilder::new().literal(path))
}
