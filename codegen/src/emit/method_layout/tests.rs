use super::*;
use quote::{format_ident, quote};

/// prettyplease's text of `methods` in an `impl` block, without the
/// block's first and last lines.
fn pretty(methods: &TokenStream) -> String {
    let file: syn::File = syn::parse2(quote!(impl crate::Client { #methods })).expect("the test's tokens are Rust");
    let text = prettyplease::unparse(&file);
    text.strip_prefix("impl crate::Client {\n").and_then(|t| t.strip_suffix("}\n")).expect("one block").to_string()
}

/// Asserts that `methods` is laid out here, as prettyplease does.
fn same(methods: TokenStream) -> String {
    let text = impl_items(methods.clone());
    assert_eq!(text.as_deref(), Some(pretty(&methods).as_str()), "{methods}");
    text.unwrap_or_default()
}

fn method(name: &str, ret: &str, chain: usize, wire: &str) -> TokenStream {
    let name = format_ident!("{}", name);
    let ret = format_ident!("{}", ret);
    let calls = (0..chain).map(|i| {
        let field = format_ident!("field_{}", i);
        quote!(.query_opt(#wire, params.#field.as_ref()))
    });
    let op = name.to_string();
    quote! {
        #[cfg(feature = "zones")]
        #[doc = r" Lists the zones."]
        #[doc = r""]
        #[doc = " `GET /zones/{zone_id}`  "]
        #[inline]
        pub fn #name(&self, zone_id: &str, params: &types::ZonesListParams) -> Request<runtime::Envelope<Vec<types::#ret>>> {
            let path = PathBuilder::new().literal("/zones/").param("zone_id", zone_id).literal("/settings");
            Request::of(self, Method::GET, path).operation(#op) #(#calls)*
        }
    }
}

#[test]
fn methods_of_every_length_are_laid_out_as_prettyplease_does() {
    // Around the margin, each part breaks on its own: the signature,
    // the path's chain, the request's chain, one call's arguments.
    for n in [1, 5, 10, 20, 30, 40, 45, 50, 55, 60, 65, 70, 75, 80, 90] {
        let name = "a".repeat(n);
        let ret = format!("Z{}", "z".repeat(n / 2));
        for chain in [0, 1, 3] {
            same(method(&name, &ret, chain, "q"));
            same(method(&name, &ret, chain, &"w".repeat(n)));
        }
    }
    let broken = same(method(&"a".repeat(70), "Zone", 2, "page"));
    assert!(broken.contains("        Request::of(self, Method::GET, path)\n            .operation(\n"), "{broken}");
}

#[test]
fn arrays_tuples_turbofish_and_bodies_are_laid_out_as_prettyplease_does() {
    for n in [1, 30, 60, 90] {
        let long = "s".repeat(n);
        same(quote! {
            #[deprecated]
            #[inline]
            pub fn f(&self, body: &[u8], ids: &[String], pair: (i64, &str)) -> Request<()> {
                let path = PathBuilder::new();
                Request::of(self, Method::POST, path)
                    .operation("f")
                    .security(&[&["api_email", "api_key"], &[#long]])
                    .error_bodies(&[("404", runtime::decode_error_body::<types::NotFound>), ("4XX", runtime::decode_error_body::<::serde_json::Value>)])
                    .query_array("ids", &params.ids, Some(","))
                    .header_object("x", params.x.as_ref(), true)
                    .bytes_body(body, "application/octet-stream")
            }
        });
        same(quote! {
            #[inline]
            pub fn pages(&self, zone_id: &str) -> runtime::Pages<types::Zone, types::ResultInfo> {
                runtime::Pages::with_metadata(self.list(zone_id), runtime::Paging::numbered(&["result", #long], "page"))
            }
            pub fn e(&self) -> runtime::EventsRequest<::serde_json::Value> {
                runtime::EventsRequest::json(self.g())
            }
            pub fn numbers(&self) -> Request<()> {
                Request::of(self, Method::GET, path).codes(&[200, 201, 202, 203, 204, 205, 206, 207, 208, 226, 300, 301, 302, 303])
            }
        });
    }
}

#[test]
fn optional_steps_are_laid_out_as_prettyplease_does() {
    for n in [1, 30, 60, 80] {
        let long = format_ident!("{}", "b".repeat(n));
        same(quote! {
            #[inline]
            pub fn f(&self, body: Option<&types::Body>) -> Request<()> {
                let mut request = Request::of(self, Method::POST, path).operation("f");
                if let Some(#long) = body { request = request.json_body(#long); }
                if let Some(x) = params.#long.as_ref() { request = request.query("x", x).query(#long, x); request = request.header("y", x); }
                request
            }
        });
    }
}

#[test]
fn parameter_structs_are_laid_out_as_prettyplease_does() {
    for n in [1, 30, 60, 80] {
        let ty = format_ident!("{}", "T".repeat(n));
        let field = format_ident!("{}", "f".repeat(n / 2 + 1));
        let strukt = quote! {
            #[cfg(feature = "radar")]
            #[doc = r" Query and header parameters."]
            #[derive(Debug, Clone, Default,)]
            #[non_exhaustive]
            pub struct RadarParams {
                #[doc = r" The limit."]
                pub limit: Option<i64>,
                pub #field: Option<::std::collections::BTreeMap<String, Vec<types::#ty>>>,
            }
            pub struct Empty {}
        };
        let file: syn::File = syn::parse2(strukt.clone()).expect("the test's tokens are Rust");
        assert_eq!(items(strukt.clone()), Some(prettyplease::unparse(&file)), "{strukt}");
    }
}

#[test]
fn setters_are_laid_out_as_prettyplease_does() {
    for n in [1, 20, 40, 60, 80] {
        let ty = format_ident!("{}", "T".repeat(n));
        let setter = format_ident!("{}", "s".repeat(n / 2 + 1));
        let setters = quote! {
            #[cfg(feature = "radar")]
            impl RadarParams {
                #[doc = r" Sets `limit`."]
                pub fn limit(mut self, value: impl Into<i64>) -> Self {
                    self.limit = Some(value.into());
                    self
                }
                pub fn #setter(mut self, value: impl Into<Vec<types::#ty>>) -> Self {
                    self.#setter = Some(value.into());
                    self
                }
            }
        };
        let file: syn::File = syn::parse2(setters.clone()).expect("the test's tokens are Rust");
        assert_eq!(items(setters.clone()), Some(prettyplease::unparse(&file)), "{setters}");
    }
}

#[test]
fn mocks_are_laid_out_as_prettyplease_does() {
    for n in [1, 20, 40, 60, 80] {
        let name = format_ident!("{}", "m".repeat(n));
        let ty = format_ident!("{}", "T".repeat(n / 2 + 1));
        let route = format!("GET /zones/{{zone_id}}/{}", "r".repeat(n));
        for calls in [0usize, 1, 4] {
            let calls = (0..calls).map(|i| {
                let field = format_ident!("f{}", i);
                quote!(.query_opt("f", params.#field.as_ref().map(json_text)))
            });
            let encoder = (n % 40 == 0).then(|| quote!(.encoded_by(|request, params| request #(#calls)*)));
            let function = quote! {
                #[cfg(feature = "zones")]
                #[doc = r" Mock of [`Client::list`](crate::Client::list)."]
                pub fn #name<'a>() -> Mock<runtime::Envelope<Vec<types::#ty>>, (&'a str, &'a str), types::Params, JsonBody<::serde_json::Value>> {
                    Mock::new(#route) #encoder
                }
                pub fn plain() -> Mock<()> {
                    Mock::new("GET /")
                }
            };
            let file: syn::File = syn::parse2(function.clone()).expect("the test's tokens are Rust");
            assert_eq!(items(function.clone()), Some(prettyplease::unparse(&file)), "{function}");
        }
    }
}

#[test]
fn shapes_it_does_not_know_are_left_to_prettyplease() {
    let struct_literal = quote! {
        pub fn f(&self) -> Request<()> {
            let path = PathBuilder::new().param_styled("a", a, runtime::PathStyle::Label { explode: false });
            Request::of(self, Method::GET, path)
        }
    };
    let if_else = quote! {
        pub fn f(&self, body: Option<&Body>) -> Request<()> {
            let mut request = Request::of(self, Method::GET, path);
            if let Some(body) = body { request = request.json_body(body); } else { request = request.empty(); }
            request
        }
    };
    let impl_trait = quote!(
        pub fn f(&self, body: impl Into<runtime::Multipart> + Send) -> Request<()> {
            g(body.into())
        }
    );
    let long_cfg = quote! {
        #[cfg(any(feature = "aaaaaaaaaaaaaaaaaaaaaaaaa", feature = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"))]
        pub fn f(&self) -> Request<()> { g() }
    };
    let block_doc = quote! {
        #[doc = "/ starts with a slash"]
        pub fn f(&self) -> Request<()> { g() }
    };
    for tokens in [struct_literal, if_else, impl_trait, long_cfg, block_doc] {
        assert_eq!(impl_items(tokens.clone()), None, "{tokens}");
    }
}

#[test]
fn a_block_of_methods_laid_out_both_ways_is_prettyplease_s() {
    let known = method("list", "Zone", 2, "page");
    let unknown = quote! {
        pub fn f(&self, body: Option<&Body>) -> Request<()> {
            let mut request = Request::of(self, Method::GET, path);
            if let Some(body) = body { request = request.json_body(body); } else { request = request.empty(); }
            request
        }
    };
    let methods = [known.clone(), unknown.clone(), unknown.clone(), known.clone(), unknown.clone()];
    let all: TokenStream = methods.iter().cloned().collect();
    let text = super::super::layout::client_impl("test", &methods, Clone::clone).expect("valid Rust");
    assert_eq!(text, format!("impl crate::Client {{\n{}}}\n", pretty(&all)));
}
