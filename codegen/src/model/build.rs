//! The entry point from a parsed document to an [`Api`].

use super::builder::Builder;
use super::crate_settings::CrateSettings;
use super::{
    aliases, decide, dedup, event_methods, features, pagination, reach, recursion, security, Api, Meta, Options,
    Response,
};
use crate::diagnostic::Diagnostic;
use crate::parse::Document;
use std::collections::HashSet;

/// The model and the warnings found, or every error found.
pub struct Built {
    /// The model of the spec.
    pub api: Api,
    /// Warnings about the spec; none of them stopped the model.
    pub warnings: Vec<Diagnostic>,
}

/// Resolves, names and validates `doc`. Only the operations that
/// `options.selection` admits are kept, and only the types they reach.
///
/// The passes, in order. Steps 0 to 4 read the document; every later one
/// reads only the model.
/// 0. `meta`: the crate's name, version and base URL, from `info` and
///    `servers`.
/// 1. `Builder::new`: the Rust names of every component schema, claimed up
///    front so that they do not depend on which operations reach them.
/// 2. `Builder::operations`: each operation with its parameters, body,
///    responses, errors and event stream, sorted by name; the types they
///    reach are made on the way; what an operation cannot read is recorded
///    as dropped; what the spec says about paging that the types do not
///    hold is kept in `Builder::page_hints`.
/// 3. `Builder::security` and `security::share_common`: credentials.
/// 4. `Builder::check_unused_components`: components no operation reached
///    are converted too, for their errors (and dropped after step 5).
/// 5. `aliases::resolve_all`: alias chains resolved, one error per cycle.
/// 6. `dedup::merge_identical`: structurally identical types merged (the
///    paging hints of a merged type go to the one it became).
/// 7. `recursion::box_cycles`: recursive fields boxed.
/// 8. `pagination::recognise`: the lists that page, read from the chosen
///    responses, the types and `page_hints`; before step 9 so that a
///    page's typed metadata is `Deserialize`.
/// 9. `decide::decide`: how each parameter is written and passed, which
///    types derive `Default`, which serde directions each type needs. The
///    operations and types made in steps 2 and 4 are
///    [`super::Undecided`] until here (parameters without a shape, types
///    without traits); it returns them [`super::Decided`].
/// 10. `event_methods::name`: names of the server-sent-event methods.
/// 11. `reach::prune` and `features::assign`: unreachable types dropped,
///     operations grouped into Cargo features.
pub fn build(doc: &Document, options: &Options) -> Result<Built, Vec<Diagnostic>> {
    let meta = meta(doc, &options.crate_settings);
    let mut b = Builder::new(doc, options);
    let mut operations = b.operations();
    operations.sort_by(|a, b| a.name.cmp(&b.name));
    // Credentials need only the document and the operations; made here, no
    // pass after the types reads the document.
    let mut security = b.security(&operations);
    security::share_common(&mut security, &mut operations);
    // Cloudflare's errors are envelopes even where no success response is.
    let envelopes = security.cloudflare || operations.iter().any(|o| matches!(o.response, Response::Envelope(_)));
    // With every operation admitted, the components no operation reached are
    // checked too; the types made for that are dropped once alias cycles
    // among them are reported. (Under `--include` the spec is checked as far
    // as the chosen operations reach, like the operations left out.)
    let used: Option<HashSet<String>> = options.selection.is_all().then(|| b.types.keys().cloned().collect());
    if used.is_some() {
        b.check_unused_components();
    }
    // From here on the types are complete: what depends on all of them is
    // decided once, in this order.
    aliases::resolve_all(&mut b.types, &mut b.diags, options.lenient);
    if let Some(used) = used {
        b.types.retain(|name, _| used.contains(name));
    }
    // Merging needs alias chains without cycles; a spec with errors yields
    // no crate, so it is skipped there.
    if !b.diags.iter().any(Diagnostic::is_error) {
        for (member, canonical) in dedup::merge_identical(&mut b.types) {
            b.page_hints.merged(&member, &canonical);
        }
    }
    recursion::box_cycles(&mut b.types);
    // Before `decide`, so that the pages' typed metadata is `Deserialize`.
    pagination::recognise(&b.page_hints, &b.types, &mut operations, envelopes);
    let (types, mut operations) = decide::decide(b.types, operations, &mut b.diags);
    event_methods::name(&mut operations);

    let (errors, warnings): (Vec<_>, Vec<_>) = b.diags.into_iter().partition(Diagnostic::is_error);
    if !errors.is_empty() {
        return Err(errors);
    }
    let types = types.into_values().collect();
    let mut api = Api { meta, types, operations, features: Vec::new(), security, envelopes };
    reach::prune(&mut api);
    let mut warnings = warnings;
    warnings.extend(features::assign(&mut api, options.features_by));
    Ok(Built { api, warnings })
}

fn meta(doc: &Document, settings: &CrateSettings) -> Meta {
    let info = &doc.info;
    let crate_name = settings.crate_name(info.rust_crate.as_deref(), &info.title);
    let env_prefix = settings.env_prefix(info.env_prefix.as_deref(), &crate_name);
    let base_url = doc
        .servers
        .first()
        .map(|s| s.url.trim_end_matches('/').to_string())
        .filter(|u| u.starts_with("http://") || u.starts_with("https://"))
        .unwrap_or_else(|| "http://localhost".to_string());
    Meta {
        title: info.title.clone(),
        api_version: info.version.clone(),
        description: info.description.clone(),
        crate_version: settings.crate_version(info.rust_crate_version.as_deref()),
        crate_name,
        base_url,
        env_prefix,
    }
}
