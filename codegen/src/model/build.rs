//! The entry point from a parsed document to an [`Api`].

use super::builder::Builder;
use super::crate_settings::CrateSettings;
use super::{
    aliases, decide, dedup, event_methods, features, pagination, reach, recursion, security, Api, Meta, Options,
    Response,
};
use crate::diagnostic::Diagnostic;
use crate::parse::Document;
use rustc_hash::FxHashSet;

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
/// 5. `aliases::resolve_all`: alias chains resolved, one error per cycle;
///    the types made in steps 2 and 4 are [`super::Unresolved`] until
///    here (an alias without what it stands for).
/// 6. `dedup::merge_identical`: structurally identical types merged (the
///    paging hints of a merged type go to the one it became).
/// 7. `recursion::box_cycles`: the fields and variants to box to break
///    recursion.
/// 8. `pagination::recognise`: the lists that page, read from the chosen
///    responses, the types and `page_hints`; before step 13 so that a
///    page's typed metadata is `Deserialize`.
/// 9. `event_methods::name`: names of the server-sent-event methods,
///    claimed after the operations' and the paging streams'.
/// 10. `features::group`: operations grouped into Cargo features.
/// 11. `decide::operations`: how each parameter is written and passed, and
///     how each multipart field is sent; steps 8 to 10 return what they
///     find instead of writing it, and this conversion moves it in.
/// 12. `features::gate_types`: the features each type compiles under, from
///     the types the decided operations reach.
/// 13. `decide::types`: which types derive `Default` and which serde
///     directions each type needs; step 7's boxes and step 12's features
///     moved in.
/// 14. `reach::prune`: the types no operation reaches dropped; after the
///     operations are decided, since a multipart field sends an alias of a
///     list as parts of its item type (the alias is not reached through
///     it), and after step 13, so that which enums implement `Default` is
///     decided over every type as before.
///
/// The operations and types are then [`super::Undecided`] until steps 11
/// and 13 return them [`super::Decided`]: what steps 5 to 12 find is `()`
/// before (a multipart part holds what the spec declares), so no pass can
/// read it before it is known, nor write a stand-in that a later pass
/// replaces; each returns what it finds. (Step 6 rewrites what it merges:
/// a merged type becomes an alias of the one it became, and aliases that
/// stood for it follow.) The [`Api`] is built once, complete.
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
    let used: Option<FxHashSet<String>> = options.selection.is_all().then(|| b.types.keys().cloned().collect());
    if used.is_some() {
        b.check_unused_components();
    }
    // From here on the types are complete: what depends on all of them is
    // decided once, in this order.
    let mut types = aliases::resolve_all(std::mem::take(&mut b.types), &mut b.diags, options.lenient);
    if let Some(used) = used {
        types.retain(|name, _| used.contains(name));
    }
    // Merging needs alias chains without cycles; a spec with errors yields
    // no crate, so it is skipped there.
    if !b.diags.iter().any(Diagnostic::is_error) {
        for (member, canonical) in dedup::merge_identical(&mut types) {
            b.page_hints.merged(&member, &canonical);
        }
    }
    let boxes = recursion::box_cycles(&types);
    // Each of these returns one value per operation, in their order.
    let paging = pagination::recognise(&b.page_hints, &types, &operations, envelopes);
    let events = event_methods::name(&operations, &paging);
    let grouping = features::group(&operations, options.features_by);
    let found = paging
        .into_iter()
        .zip(events)
        .zip(grouping.operations)
        .map(|((pagination, events), features)| decide::Found { pagination, events, features });
    let operations = decide::operations(operations.into_iter().zip(found).collect(), &types, &mut b.diags);
    let type_features = features::gate_types(&types, &operations);
    let mut types = decide::types(types, &operations, type_features, &boxes);
    reach::prune(&mut types, &operations);

    let (errors, mut warnings): (Vec<_>, Vec<_>) = b.diags.into_iter().partition(Diagnostic::is_error);
    if !errors.is_empty() {
        return Err(errors);
    }
    warnings.extend(grouping.warning);
    let types = types.into_values().collect();
    let api = Api { meta, types, operations, features: grouping.features, security, envelopes };
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

#[cfg(test)]
pub(super) mod tests {
    use super::super::{
        Alias, BodyKind, DeclaredPart, Field, FormField, Operation, PartKind, Stage, TypeDef, TypeRef, Undecided,
        Unresolved,
    };
    use super::*;
    use std::any::TypeId;

    /// The model of the spec `text`, which must be valid.
    pub(in crate::model) fn model(text: &str) -> Api {
        let source = crate::parse::Source { name: "t.yaml".into(), text: text.into() };
        let doc = crate::parse::parse_spec(&source, &crate::parse::NoFiles).expect("the text parses").doc;
        build(&doc, &Options::all()).map_err(|e| format!("{e:?}")).expect("the spec is valid").api
    }

    /// What the passes after the types find has no value in an undecided
    /// operation or type: `()` cannot be read as paging, a name, a feature,
    /// a box, a part's repetition or an alias's resolution, and a multipart
    /// field holds only what the spec declares, so no pass can read one
    /// early or write a stand-in. (The function compiles only while the
    /// fields are so.)
    #[test]
    fn undecided_operations_and_types_hold_no_late_fact() {
        fn late_facts<'a>(
            op: &Operation<Undecided>,
            def: &TypeDef<Undecided>,
            field: &Field<Undecided>,
            part: &'a FormField<Undecided>,
            alias: &Alias<Unresolved>,
        ) -> ([(); 6], &'a DeclaredPart) {
            let _events: Option<()> = op.events.as_ref().map(|e| e.method);
            ([op.pagination, op.features, def.features, field.boxed, part.repeated, alias.resolved], &part.part)
        }
        let _ = late_facts;
        let unit = TypeId::of::<()>();
        assert_eq!(TypeId::of::<<Undecided as Stage>::Paging>(), unit);
        assert_eq!(TypeId::of::<<Undecided as Stage>::EventMethod>(), unit);
        assert_eq!(TypeId::of::<<Undecided as Stage>::Features>(), unit);
        assert_eq!(TypeId::of::<<Undecided as Stage>::Boxed>(), unit);
        assert_eq!(TypeId::of::<<Undecided as Stage>::Repeated>(), unit);
        assert_eq!(TypeId::of::<<Unresolved as Stage>::Resolved>(), unit);
    }

    /// A multipart field whose type is an alias of a list is sent as a part
    /// per item, decided once every type is known; the alias is then
    /// reached by nothing and pruned, which is why pruning comes after
    /// `decide`. A field without a text form is a JSON part.
    #[test]
    fn multipart_parts_are_decided_before_pruning() {
        let text = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /upload:\n    post:\n      \
            operationId: upload\n      requestBody:\n        content:\n          multipart/form-data:\n            \
            schema:\n              type: object\n              properties:\n                \
            labels: {$ref: '#/components/schemas/labels'}\n                \
            meta: {type: object, properties: {a: {type: string}}}\n      \
            responses: {'204': {description: ok}}\ncomponents:\n  schemas:\n    \
            labels: {type: array, items: {type: string}}\n";
        let api = model(text);
        let Some(BodyKind::Multipart(Some(form))) = api.operations[0].body.as_ref().map(|b| &b.kind) else {
            panic!("the body is a typed form")
        };
        let parts: Vec<(&str, bool, &PartKind)> =
            form.fields.iter().map(|f| (f.name.wire.as_str(), f.repeated, &f.part)).collect();
        let text = PartKind::Text { ty: TypeRef::String, content_type: None };
        let json =
            PartKind::Json { ty: TypeRef::Named("UploadBodyMeta".into()), content_type: "application/json".into() };
        assert_eq!(parts, [("labels", true, &text), ("meta", false, &json)]);
        assert!(api.type_def("Labels").is_none(), "the alias no part sends is pruned");
    }

    /// Method names are claimed operations first, then paging streams,
    /// then event streams: an operation keeps its own name, and a stream
    /// method that would take it is numbered. (A stream's `_stream` and an
    /// event method's `_events` never meet, so the last two cannot collide.)
    #[test]
    fn operations_claim_their_names_before_stream_and_event_methods() {
        let text = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /feed:\n    get:\n      \
            operationId: feed\n      parameters:\n        - {name: page, in: query, schema: {type: number}}\n        \
            - {name: per_page, in: query, schema: {type: number}}\n      responses:\n        '200':\n          \
            description: ok\n          content:\n            application/json:\n              schema:\n                \
            type: object\n                properties:\n                  result: {type: array, items: {type: string}}\n                  \
            result_info: {type: object, properties: {count: {type: number}}}\n            \
            text/event-stream: {schema: {type: string}}\n  /feed/stream:\n    get:\n      operationId: feed_stream\n      \
            responses: {'204': {description: ok}}\n  /feed/events:\n    get:\n      operationId: feed_events\n      \
            responses: {'204': {description: ok}}\n";
        let api = model(text);
        let names: Vec<&str> = api.operations.iter().map(|o| o.name.as_str()).collect();
        assert_eq!(names, ["feed", "feed_events", "feed_stream"]);
        let feed = &api.operations[0];
        assert_eq!(feed.pagination.as_ref().map(|p| p.method.as_str()), Some("feed_stream2"));
        assert_eq!(feed.events.as_ref().map(|e| e.method.as_str()), Some("feed_events2"));
    }
}
