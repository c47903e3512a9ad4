//! The entry point from a parsed document to an [`Api`].

use super::crate_settings::CrateSettings;
use super::{
    aliases, decide, dedup, event_methods, features, pagination, reach, recursion, security, Api, Meta, Options,
    Response, TypeDef,
};
use crate::diagnostic::Diagnostic;
use crate::naming::{self, name_all, Namespace};
use crate::parse::Document;
use std::collections::{BTreeMap, HashMap, HashSet};

/// State shared by the schema and operation conversions.
pub(super) struct Builder<'a> {
    pub doc: &'a Document,
    pub options: &'a Options,
    /// Named types created so far, by Rust name.
    pub types: BTreeMap<String, TypeDef>,
    /// The crate's type namespace.
    pub names: Namespace,
    /// Rust names of all component schemas, decided up front so that they
    /// do not depend on which operations reach them.
    pub component_names: HashMap<&'a str, String>,
    pub components: HashMap<String, super::TypeRef>,
    pub in_progress: HashSet<String>,
    /// Inline schemas already converted, by JSON pointer.
    pub inline: HashMap<String, super::TypeRef>,
    pub diags: Vec<Diagnostic>,
    /// What the operation being converted leaves out (see `drop_part`).
    pub dropped: Vec<super::Dropped>,
}

/// The model and the warnings found, or every error found.
pub struct Built {
    /// The model of the spec.
    pub api: Api,
    /// Warnings about the spec; none of them stopped the model.
    pub warnings: Vec<Diagnostic>,
}

/// Resolves, names and validates `doc`. Only the operations that
/// `options.selection` admits are kept, and only the types they reach.
pub fn build(doc: &Document, options: &Options) -> Result<Built, Vec<Diagnostic>> {
    let keys: Vec<String> = doc.components.schemas.keys().cloned().collect();
    let names = name_all(&keys, naming::pascal, &[]);
    let mut namespace = Namespace::default();
    let mut component_names = HashMap::new();
    for (key, name) in doc.components.schemas.keys().zip(names) {
        component_names.insert(key.as_str(), namespace.claim(name.rust));
    }
    let mut b = Builder {
        doc,
        options,
        types: BTreeMap::new(),
        names: namespace,
        component_names,
        components: HashMap::new(),
        in_progress: HashSet::new(),
        inline: HashMap::new(),
        diags: Vec::new(),
        dropped: Vec::new(),
    };
    let mut operations = b.operations();
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
        dedup::merge_identical(&mut b.types);
    }
    recursion::box_cycles(&mut b.types);
    decide::decide(&mut b.types, &mut operations, &mut b.diags);
    operations.sort_by(|a, b| a.name.cmp(&b.name));
    let mut security = b.security(&operations);
    security::share_common(&mut security, &mut operations);
    pagination::recognise(doc, &b.types, &mut operations);
    event_methods::name(&mut operations);

    let (errors, warnings): (Vec<_>, Vec<_>) = b.diags.into_iter().partition(Diagnostic::is_error);
    if !errors.is_empty() {
        return Err(errors);
    }
    // Cloudflare's errors are envelopes even where no success response is.
    let envelopes = security.cloudflare || operations.iter().any(|o| matches!(o.response, Response::Envelope(_)));
    let types = b.types.into_values().collect();
    let mut api =
        Api { meta: meta(doc, &options.crate_settings), types, operations, features: Vec::new(), security, envelopes };
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
