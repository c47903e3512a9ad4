//! The crate's `src/auth.rs`: an `Auth` constructor per credential the
//! spec accepts, `Auth::from_env`, and the API's security requirement.
//! Everything else about credentials is the shared runtime's.

use super::docs::doc_attrs;
use crate::model::{Credential, KeyLocation, Meta, Requirement, Scheme, SchemeKind, Security};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// The whole `src/auth.rs`.
pub fn auth_rs(security: &Security, meta: &Meta) -> TokenStream {
    let global = match &security.global {
        Some(requirement) => {
            let requirement = requirement_tokens(requirement);
            quote!(Some(#requirement))
        }
        None => quote!(None),
    };
    let constructors = security.credentials.iter().map(|c| constructor(c, &security.schemes));
    let reads = if security.credentials.is_empty() {
        "The spec declares no security scheme, so there are no credentials to read: this is \
         [`Auth::none`]. Only the base URL is read from the environment:"
    } else {
        "Reads credentials from the environment, trying in order:"
    };
    let from_env_docs = doc_attrs([
        Some(reads),
        Some(env_table(security, meta).as_str()),
        Some("Empty variables count as unset."),
        Some("# Errors"),
        Some(
            "[`Error::Config`] naming the variables when none of these is set, when only some of one \
             alternative's are set, or when a variable is not valid Unicode.",
        ),
    ]);
    let alternatives = security.credentials.iter().map(|c| {
        let suffixes = c.parts.iter().flat_map(|p| p.args.iter().map(|a| a.env.as_str()));
        let ident = format_ident!("{}", c.constructor);
        let values = (0..c.parts.iter().map(|p| p.args.len()).sum::<usize>()).map(|i| {
            let i = proc_macro2::Literal::usize_unsuffixed(i);
            quote!(&v[#i])
        });
        quote!((&[#(#suffixes),*], |v| Self::#ident(#(#values),*)))
    });
    let secret_import = (!security.credentials.is_empty()).then(|| {
        quote!(
            use crate::runtime::auth::Secret;
        )
    });
    quote! {
        //! The credentials this API accepts, from its security schemes.

        #secret_import
        use crate::runtime::{Auth, Error};

        /// The API's security requirement, for operations without their
        /// own: alternatives, each the schemes sent together (`None`: the
        /// spec states none, so whatever is configured is sent).
        pub(crate) const SECURITY: Option<&[&[&str]]> = #global;

        impl Auth {
            #(#constructors)*

            #from_env_docs
            pub fn from_env() -> Result<Self, Error> {
                Self::from_env_alternatives(&[#(#alternatives),*])
            }
        }
    }
}

/// A requirement as the runtime takes it: `&[&["a"], &["b", "c"]]`.
pub fn requirement_tokens(requirement: &Requirement) -> TokenStream {
    let alternatives = requirement.iter().map(|a| quote!(&[#(#a),*]));
    quote!(&[#(#alternatives),*])
}

/// The crate docs' `# Authentication` section: how to make credentials,
/// and the variables `Client::from_env` reads. A spec without security
/// schemes gets no `Auth` constructor, so the section says so and points
/// to default headers, the way to send a key the spec does not declare.
pub fn crate_docs(security: &Security, meta: &Meta) -> String {
    let table = env_table(security, meta);
    if security.credentials.is_empty() {
        format!(
            "# Authentication\n\n\
             The spec declares no security scheme, so requests carry no credentials and [`Auth`] has no \
             constructor but [`Auth::none`]. To send a key anyway, add it as a default header, which goes \
             on every request and whose value `Debug` never shows: \
             `Client::builder().default_header(\"Authorization\", \"Bearer <key>\").build()?` \
             (see [`ClientBuilder::default_header`]).\n\n\
             [`Client::from_env`] reads only the base URL from the environment:\n\n{table}"
        )
    } else {
        format!(
            "# Authentication\n\n\
             Credentials are an [`Auth`], made by one of its constructors. [`Client::from_env`] reads them \
             (and the base URL) from these environment variables, trying the alternatives in order:\n\n{table}"
        )
    }
}

/// The table of variables `from_env` reads, for its docs and the crate's.
pub fn env_table(security: &Security, meta: &Meta) -> String {
    let prefix = &meta.env_prefix;
    let mut table = String::from("| Variables | Credentials |\n| --- | --- |\n");
    for c in &security.credentials {
        let vars: Vec<String> =
            c.parts.iter().flat_map(|p| p.args.iter().map(|a| format!("`{prefix}_{}`", a.env))).collect();
        table.push_str(&format!(
            "| {} | [`Auth::{}`](crate::Auth::{}) |\n",
            vars.join(" + "),
            c.constructor,
            c.constructor
        ));
    }
    table.push_str(&format!("| `{prefix}_BASE_URL` (optional) | the base URL instead of the spec's |"));
    table
}

fn constructor(c: &Credential, schemes: &[Scheme]) -> TokenStream {
    let scheme_of = |key: &str| schemes.iter().find(|s| s.key == key).expect("credentials use kept schemes");
    let mut paragraphs: Vec<String> = Vec::new();
    let keys: Vec<String> = c.parts.iter().map(|p| format!("`{}`", p.scheme)).collect();
    paragraphs.push(match keys.as_slice() {
        [one] => format!("Credentials of the {one} security scheme."),
        many => format!("Credentials of the {} security schemes, sent together.", many.join(" and ")),
    });
    let mut args = Vec::new();
    let mut secrets = Vec::new();
    for part in &c.parts {
        let scheme = scheme_of(&part.scheme);
        if let Some(docs) = scheme.docs.as_deref().filter(|d| !d.trim().is_empty()) {
            // Quoted, so that it reads as the API's own words on what the
            // arguments are (e.g. "username: your Account SID").
            paragraphs.push(format!("The spec describes `{}`:", part.scheme));
            paragraphs.push(
                docs.trim().lines().map(|l| format!("> {l}").trim_end().to_string()).collect::<Vec<_>>().join("\n"),
            );
        }
        let idents: Vec<_> = part.args.iter().map(|a| format_ident!("{}", a.name)).collect();
        args.extend(idents.iter().map(|i| quote!(#i: impl Into<String>)));
        let key = part.scheme.as_str();
        let what = part.args[0].what.as_str();
        let first = &idents[0];
        paragraphs.push(sent_as(scheme, &part.args.iter().map(|a| a.name.as_str()).collect::<Vec<_>>()));
        secrets.push(match &scheme.kind {
            SchemeKind::Basic => {
                let second = &idents[1];
                quote!(Secret::basic(#key, #first.into(), #second.into()))
            }
            SchemeKind::Token { prefix, .. } => quote!(Secret::authorization(#key, #prefix, #first.into(), #what)),
            SchemeKind::ApiKey { location, name } => {
                let call = format_ident!("{}", location_call(*location));
                quote!(Secret::#call(#key, #name, #first.into(), #what))
            }
        });
    }
    let docs = doc_attrs(paragraphs.iter().map(|p| Some(p.as_str())));
    let ident = format_ident!("{}", c.constructor);
    let label = &c.label;
    quote! {
        #docs
        pub fn #ident(#(#args),*) -> Self {
            Self::with(#label, vec![#(#secrets),*])
        }
    }
}

/// Where a scheme's secret goes, for the constructor's docs.
fn sent_as(scheme: &Scheme, args: &[&str]) -> String {
    match &scheme.kind {
        SchemeKind::Basic => {
            format!("Sent as `Authorization: Basic <base64 of {}:{}>`.", args[0], args.get(1).unwrap_or(&""))
        }
        SchemeKind::Token { prefix, format, .. } => {
            let format = format.as_ref().map(|f| format!(" (a {f})")).unwrap_or_default();
            format!("Sent as `Authorization: {prefix} <{}>`{format}.", args[0])
        }
        SchemeKind::ApiKey { location, name } => match location {
            KeyLocation::Header => format!("Sent as the `{name}` header."),
            KeyLocation::Query => format!("Sent as the `{name}` query parameter."),
            KeyLocation::Cookie => format!("Sent as the `{name}` cookie."),
        },
    }
}

fn location_call(location: KeyLocation) -> &'static str {
    match location {
        KeyLocation::Header => "header",
        KeyLocation::Query => "query",
        KeyLocation::Cookie => "cookie",
    }
}
