//! Authentication: `securitySchemes` and `security` requirements become the
//! credentials `Auth` offers and what each operation sends.

use super::builder::Builder;
use super::{
    Credential, CredentialPart, KeyLocation, Operation, Requirement, Scheme, SchemeKind, SecretArg, Security, Stage,
};
use crate::diagnostic::{join, Code, Diagnostic};
use crate::naming::{self, Namespace};
use crate::parse::document::{self as doc, Document};

/// Constructor names the runtime's `Auth` already has.
const RESERVED: &[&str] = &["none", "is_none", "from_env"];

impl<'a> Builder<'a> {
    /// A `security` list, keeping only alternatives whose every scheme is
    /// declared and supported (the others are reported once per scheme).
    pub(super) fn requirement(&mut self, reqs: &[doc::SecurityRequirement], pointer: &str) -> Requirement {
        let doc = self.doc;
        let mut out = Vec::new();
        for (i, req) in reqs.iter().enumerate() {
            let mut alternative = Vec::new();
            let mut usable = true;
            for key in req.keys() {
                match doc.components.security_schemes.get(key) {
                    Some(declared) => usable &= self.scheme(key, declared).is_some(),
                    None => {
                        usable = false;
                        self.diags.push(Diagnostic::new(
                            Code::UndeclaredSecurityScheme,
                            join(&join(pointer, i), key),
                            format!("security scheme '{key}' is not declared in components.securitySchemes; this alternative is left out"),
                        ));
                    }
                }
                alternative.push(key.clone());
            }
            if usable && !out.contains(&alternative) {
                out.push(alternative);
            }
        }
        out
    }

    /// The credentials: one per alternative of the document's and the
    /// operations' requirements, or, when the spec states no requirement
    /// at all, one per declared scheme. Parameters are not read, so it
    /// runs before or after `decide`.
    pub(super) fn security<S: Stage>(&mut self, operations: &[Operation<S>]) -> Security {
        let global = self.doc.security.as_ref().map(|reqs| self.requirement(reqs, "/security"));
        let mut alternatives: Vec<Vec<String>> = Vec::new();
        let stated = global.iter().chain(operations.iter().filter_map(|op| op.security.as_ref()));
        for alternative in stated.flatten() {
            if !alternative.is_empty() && !alternatives.contains(alternative) {
                alternatives.push(alternative.clone());
            }
        }
        let anything_stated = global.is_some() || operations.iter().any(|op| op.security.is_some());
        if !anything_stated {
            let doc = self.doc;
            for (key, declared) in &doc.components.security_schemes {
                if self.scheme(key, declared).is_some() {
                    alternatives.push(vec![key.clone()]);
                }
            }
        }
        let cloudflare = is_cloudflare(self.doc);
        let mut schemes: Vec<Scheme> = Vec::new();
        for (key, declared) in &self.doc.components.security_schemes {
            if alternatives.iter().any(|a| a.contains(key)) {
                if let Some(kind) = scheme_kind(declared) {
                    schemes.push(Scheme { key: key.clone(), kind, docs: declared.description.clone() });
                }
            }
        }
        let credentials = credentials(&alternatives, &schemes, cloudflare);
        Security { schemes, credentials, global, cloudflare }
    }

    /// The scheme declared under `key`, or `None` (reported) when it cannot
    /// be sent by this client.
    fn scheme(&mut self, key: &str, declared: &doc::SecurityScheme) -> Option<SchemeKind> {
        let kind = scheme_kind(declared);
        // A `$ref` left here is one the parser could not follow, and said so.
        if kind.is_none() && declared.reference.is_none() {
            let message = if declared.kind.as_deref() == Some("mutualTLS") {
                format!("security scheme '{key}' is mutual TLS, which this client does not configure; give the client certificate to a `reqwest::Client` and pass it to `ClientBuilder::http_client`")
            } else {
                format!("security scheme '{key}' is not supported (only http basic and bearer-style, apiKey, oauth2 and openIdConnect tokens); operations needing it can only authenticate through `Request::header`")
            };
            let d = Diagnostic::new(Code::UnsupportedSecurityScheme, join("/components/securitySchemes", key), message);
            if !self.diags.contains(&d) {
                self.diags.push(d);
            }
        }
        kind
    }
}

fn scheme_kind(declared: &doc::SecurityScheme) -> Option<SchemeKind> {
    if declared.reference.is_some() {
        return None;
    }
    let token = |prefix: &str, origin: &str| SchemeKind::Token {
        prefix: prefix.to_string(),
        format: declared.bearer_format.clone(),
        origin: origin.to_string(),
    };
    match declared.kind.as_deref()? {
        "http" => match declared.scheme.as_deref()?.to_ascii_lowercase().as_str() {
            "basic" => Some(SchemeKind::Basic),
            "bearer" => Some(token("Bearer", "http")),
            // Digest and the like need a challenge first.
            "digest" | "hoba" | "mutual" | "negotiate" | "scram-sha-1" | "scram-sha-256" | "vapid" | "" => None,
            _ => Some(token(declared.scheme.as_deref()?, "http")),
        },
        "apiKey" => {
            let location = match declared.location.as_deref()? {
                "header" => KeyLocation::Header,
                "query" => KeyLocation::Query,
                "cookie" => KeyLocation::Cookie,
                _ => return None,
            };
            let name = declared.name.clone().filter(|n| !n.is_empty())?;
            Some(SchemeKind::ApiKey { location, name })
        }
        "oauth2" => Some(token("Bearer", "oauth2")),
        "openIdConnect" => Some(token("Bearer", "openIdConnect")),
        _ => None,
    }
}

/// Cloudflare's shape: the account email and Global API key headers.
fn is_cloudflare(doc: &Document) -> bool {
    let header = |wanted: &str| {
        doc.components.security_schemes.values().any(|s| {
            s.kind.as_deref() == Some("apiKey")
                && s.location.as_deref() == Some("header")
                && s.name.as_deref().is_some_and(|n| n.eq_ignore_ascii_case(wanted))
        })
    };
    header(naming::CLOUDFLARE_EMAIL_HEADER) && header(naming::CLOUDFLARE_KEY_HEADER)
}

fn credentials(alternatives: &[Vec<String>], schemes: &[Scheme], cloudflare: bool) -> Vec<Credential> {
    let scheme = |key: &String| schemes.iter().find(|s| &s.key == key).expect("every used scheme is kept");
    let kind_name = |kind: &SchemeKind| match kind {
        SchemeKind::Basic => naming::auth_kind("http", "basic"),
        SchemeKind::Token { prefix, origin, .. } => naming::auth_kind(origin, prefix),
        SchemeKind::ApiKey { location, .. } => naming::auth_kind("apiKey", location_word(*location)),
    };
    // A kind two single-scheme alternatives share is named by scheme instead.
    let singles: Vec<String> =
        alternatives.iter().filter(|a| a.len() == 1).map(|a| kind_name(&scheme(&a[0]).kind)).collect();
    let mut names = Namespace::with_reserved(RESERVED);
    let mut out = Vec::new();
    for alternative in alternatives {
        let members: Vec<&Scheme> = alternative.iter().map(scheme).collect();
        let (constructor, parts) = match cloudflare_credential(&members, cloudflare) {
            Some(known) => known,
            None if members.len() == 1 => {
                let kind = kind_name(&members[0].kind);
                let name = if singles.iter().filter(|k| **k == kind).count() > 1 {
                    naming::snake(&members[0].key)
                } else {
                    kind
                };
                (name, vec![part(members[0], false)])
            }
            None => {
                let keys: Vec<&str> = members.iter().map(|s| s.key.as_str()).collect();
                (naming::auth_combined(&keys), members.iter().map(|s| part(s, true)).collect())
            }
        };
        let constructor = names.claim(constructor);
        out.push(Credential { label: naming::pascal(&constructor), constructor, parts });
    }
    out
}

/// Today's Cloudflare credentials, kept exactly: `api_token` and `email_key`.
fn cloudflare_credential(members: &[&Scheme], cloudflare: bool) -> Option<(String, Vec<CredentialPart>)> {
    if !cloudflare {
        return None;
    }
    let header_named = |s: &Scheme, wanted: &str| matches!(&s.kind, SchemeKind::ApiKey { location: KeyLocation::Header, name } if name.eq_ignore_ascii_case(wanted));
    let arg = |name: &str, env: &str, what: &str| SecretArg { name: name.into(), env: env.into(), what: what.into() };
    match members {
        [token] if matches!(&token.kind, SchemeKind::Token { prefix, .. } if prefix == "Bearer") => Some((
            "api_token".into(),
            vec![CredentialPart { scheme: token.key.clone(), args: vec![arg("token", "API_TOKEN", "API token")] }],
        )),
        [a, b] => {
            let (email, key) = if header_named(a, naming::CLOUDFLARE_EMAIL_HEADER) { (a, b) } else { (b, a) };
            if !header_named(email, naming::CLOUDFLARE_EMAIL_HEADER)
                || !header_named(key, naming::CLOUDFLARE_KEY_HEADER)
            {
                return None;
            }
            Some((
                "email_key".into(),
                vec![
                    CredentialPart { scheme: email.key.clone(), args: vec![arg("email", "EMAIL", "email")] },
                    CredentialPart { scheme: key.key.clone(), args: vec![arg("key", "API_KEY", "API key")] },
                ],
            ))
        }
        _ => None,
    }
}

/// The arguments for one scheme: named by what they hold when the scheme
/// is alone, by the scheme when several are sent together.
fn part(scheme: &Scheme, combined: bool) -> CredentialPart {
    let env = naming::env_suffix(&scheme.key);
    let own = naming::snake(&scheme.key);
    let one = |alone: &str, what: String| {
        let name = if combined { own.clone() } else { alone.to_string() };
        vec![SecretArg { name, env: env.clone(), what }]
    };
    let args = match &scheme.kind {
        SchemeKind::Basic => ["username", "password"]
            .iter()
            .map(|field| SecretArg {
                name: if combined { format!("{own}_{field}") } else { field.to_string() },
                env: format!("{env}_{}", field.to_ascii_uppercase()),
                what: field.to_string(),
            })
            .collect(),
        SchemeKind::Token { prefix, origin, .. } => {
            let what = match origin.as_str() {
                "oauth2" => "OAuth 2.0 access token".to_string(),
                "openIdConnect" => "OpenID Connect access token".to_string(),
                _ => format!("{} token", prefix.to_ascii_lowercase()),
            };
            let alone = if origin == "http" { "token" } else { "access_token" };
            one(alone, what)
        }
        SchemeKind::ApiKey { .. } => one("key", "API key".to_string()),
    };
    CredentialPart { scheme: scheme.key.clone(), args }
}

fn location_word(location: KeyLocation) -> &'static str {
    match location {
        KeyLocation::Header => "header",
        KeyLocation::Query => "query",
        KeyLocation::Cookie => "cookie",
    }
}

/// Makes the requirement most operations state the crate's default, so
/// that only the others carry their own: each such operation costs a line
/// of generated code, and specs such as Cloudflare's state the same
/// requirement on every operation instead of once. Calls send exactly what
/// they did. Nothing changes when some operation relies on the spec
/// stating no requirement at all.
pub(super) fn share_common<S: Stage>(security: &mut Security, operations: &mut [Operation<S>]) {
    let effective: Vec<Option<Requirement>> =
        operations.iter().map(|op| op.security.clone().or_else(|| security.global.clone())).collect();
    let Some(stated) = effective.iter().cloned().collect::<Option<Vec<Requirement>>>() else { return };
    let mut counts: Vec<(&Requirement, usize)> = Vec::new();
    for requirement in &stated {
        match counts.iter_mut().find(|(r, _)| *r == requirement) {
            Some((_, n)) => *n += 1,
            None => counts.push((requirement, 1)),
        }
    }
    // The first of the most common, in operation order: deterministic.
    let Some(common) = counts.iter().rev().max_by_key(|(_, n)| *n).map(|(r, _)| (*r).clone()) else { return };
    for (op, requirement) in operations.iter_mut().zip(stated) {
        op.security = (requirement != common).then_some(requirement);
    }
    security.global = Some(common);
}
