//! Which Rust files hold the types and operations, and formatting them in
//! parallel. A small API gets one `types.rs` and one `operations.rs`; a
//! large one gets a module per initial letter of the item names
//! (`types/a.rs`, `operations/s.rs`, ...), so that the files stay
//! reviewable and the formatting work can be shared among threads. File
//! names come from the first letter of Rust identifiers only, never from
//! spec text, so they are always `[a-z]` or `other`.

use super::{compact, flat, method_layout, mock, multipart, operations, owned, types, EmitError, Item, OutFile};
use crate::model::{Api, Body, BodyKind, Form, Operation, TypeDef, TypeKind};
use crate::parallel;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use std::collections::BTreeMap;

/// Above this many types (or operations), the module is split by letter.
/// The Stream crate stays far below it.
const SPLIT_ABOVE: usize = 400;

/// The items of one generated file.
pub(super) enum Unit<'a> {
    /// `types.rs`, or one letter's file of types, parameter structs and
    /// multipart form structs.
    Types { path: String, defs: Vec<&'a TypeDef>, params: Vec<&'a Operation>, forms: Vec<&'a Operation>, split: bool },
    /// `operations.rs`, or one letter's file of operations.
    Operations { path: String, ops: Vec<&'a Operation>, split: bool },
    /// `mock.rs`: every operation's mock (the `mock` feature).
    Mocks { path: String, ops: Vec<&'a Operation> },
    /// `types/mod.rs` or `operations/mod.rs` of a split module.
    ModRoot { path: String, module: &'static str, letters: Vec<String>, json_text: bool },
}

/// Every generated Rust file of `api` except `lib.rs` and the runtime.
pub(super) fn plan(api: &Api) -> Vec<Unit<'_>> {
    let params: Vec<&Operation> = api.operations.iter().filter(|op| op.params.is_some()).collect();
    let forms: Vec<&Operation> = api.operations.iter().filter(|op| form(op).is_some()).collect();
    let mut units = Vec::new();
    if api.types.len() + params.len() + forms.len() > SPLIT_ABOVE {
        type Group<'a> = (Vec<&'a TypeDef>, Vec<&'a Operation>, Vec<&'a Operation>);
        let mut groups: BTreeMap<String, Group<'_>> = BTreeMap::new();
        for def in &api.types {
            groups.entry(letter(&def.name)).or_default().0.push(def);
        }
        for op in params {
            let name = op.params.as_ref().map_or("", |p| p.type_name.as_str());
            groups.entry(letter(name)).or_default().1.push(op);
        }
        for op in forms {
            groups.entry(letter(form(op).map_or("", |f| f.type_name.as_str()))).or_default().2.push(op);
        }
        let letters = groups.keys().cloned().collect();
        units.push(Unit::ModRoot { path: "src/types/mod.rs".into(), module: "types", letters, json_text: false });
        for (l, (defs, params, forms)) in groups {
            units.push(Unit::Types { path: format!("src/types/{l}.rs"), defs, params, forms, split: true });
        }
    } else {
        let defs = api.types.iter().collect();
        units.push(Unit::Types { path: "src/types.rs".into(), defs, params, forms, split: false });
    }
    if api.operations.len() > SPLIT_ABOVE {
        let mut groups: BTreeMap<String, Vec<&Operation>> = BTreeMap::new();
        for op in &api.operations {
            groups.entry(letter(&op.name)).or_default().push(op);
        }
        let letters = groups.keys().cloned().collect();
        let json_text = api.operations.iter().any(uses_json_text);
        units.push(Unit::ModRoot { path: "src/operations/mod.rs".into(), module: "operations", letters, json_text });
        for (l, ops) in groups {
            units.push(Unit::Operations { path: format!("src/operations/{l}.rs"), ops, split: true });
        }
    } else {
        let ops = api.operations.iter().collect();
        units.push(Unit::Operations { path: "src/operations.rs".into(), ops, split: false });
    }
    units.push(Unit::Mocks { path: "src/mock.rs".into(), ops: api.operations.iter().collect() });
    units
}

/// The typed form of `op`'s multipart body, when it has one.
pub(super) fn form(op: &Operation) -> Option<&Form> {
    match &op.body {
        Some(Body { kind: BodyKind::Multipart(form), .. }) => form.as_ref(),
        _ => None,
    }
}

/// The file a name belongs to: its lowercased first letter.
fn letter(name: &str) -> String {
    match name.chars().next() {
        Some(c) if c.is_ascii_alphabetic() => c.to_ascii_lowercase().to_string(),
        _ => "other".to_string(),
    }
}

/// Whether `op`'s method writes a parameter as JSON text.
fn uses_json_text(op: &Operation) -> bool {
    operations::json_text_params(op).next().is_some()
}

/// Items formatted together: small enough that each syntax tree is freed
/// while the heap is still warm, large enough to amortise the parser.
const ITEMS_PER_CHUNK: usize = 64;

/// A run of a file's items, formatted by one prettyplease call: also the
/// piece of work the threads share, so that a large file (`mock.rs`) is
/// formatted on every core rather than on one while the others wait.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Chunk {
    /// The file's attributes and imports (all of a `mod.rs`).
    Head,
    /// Items `start..end` of the file's list: types, then parameter
    /// structs, then forms; or operations; or mocks.
    Items { start: usize, end: usize },
    /// The `json_text` helper, at the end of an unsplit operations file.
    Helper,
}

/// The chunks of `unit`, in file order.
fn chunks(unit: &Unit<'_>) -> Vec<Chunk> {
    let (items, helper) = match unit {
        Unit::Types { defs, params, forms, .. } => (defs.len() + params.len() + forms.len(), false),
        Unit::Operations { ops, split, .. } => (ops.len(), !split && ops.iter().any(|op| uses_json_text(op))),
        Unit::Mocks { ops, .. } => (ops.len(), false),
        Unit::ModRoot { .. } => (0, false),
    };
    let runs = (0..items)
        .step_by(ITEMS_PER_CHUNK)
        .map(|start| Chunk::Items { start, end: (start + ITEMS_PER_CHUNK).min(items) });
    std::iter::once(Chunk::Head).chain(runs).chain(helper.then_some(Chunk::Helper)).collect()
}

/// The items of one chunk of `unit`. Operations are methods of one
/// `impl Client` block per chunk.
fn items(unit: &Unit<'_>, chunk: Chunk) -> Vec<Item> {
    match (unit, chunk) {
        (Unit::Types { path: _, defs, params: _, forms: _, split }, Chunk::Head) => {
            let head = if *split {
                quote!(
                    #[allow(unused_imports)]
                    use super::*;
                )
            } else {
                quote!(//! Models of the API's schemas.
                )
            };
            let derives_serde = defs.iter().any(|d| matches!(d.kind, TypeKind::Union(_)));
            let serde = derives_serde.then(|| {
                quote! {
                    // Unused where every derive is behind a feature that is off.
                    #[allow(unused_imports)]
                    use serde::{Deserialize, Serialize};
                }
            });
            vec![Item::Tokens(quote!(#head #serde))]
        }
        (Unit::Types { path: _, defs, params, forms, split: _ }, Chunk::Items { start, end }) => (start..end)
            .filter_map(|i| {
                if let Some(def) = defs.get(i) {
                    return Some(vec![types::type_def(def)]);
                }
                if let Some(op) = params.get(i - defs.len()) {
                    let items = op.params.as_ref().map(|p| owned::params_struct(p, op));
                    return Some(items.into_iter().flatten().map(Item::Flat).collect());
                }
                let op = forms.get(i - defs.len() - params.len())?;
                form(op).map(|f| vec![Item::Tokens(multipart::form_struct(f, op))])
            })
            .flatten()
            .collect(),
        (Unit::Operations { path: _, ops, split }, Chunk::Head) => {
            let head = match (split, ops.iter().any(|op| uses_json_text(op))) {
                (true, true) => quote!(
                    use super::json_text;
                ),
                (true, false) => TokenStream::new(),
                (false, _) => quote!(//! One method on [`Client`](crate::Client) per operation.
                ),
            };
            let imports = operations::imports();
            vec![Item::Tokens(quote! {
                #head
                #imports
            })]
        }
        (Unit::Operations { .. }, Chunk::Helper) => vec![Item::Tokens(operations::json_text_helper())],
        (Unit::Mocks { path: _, ops }, Chunk::Head) => {
            vec![Item::Tokens(mock::head(ops.iter().any(|op| mock::uses_json_text(op))))]
        }
        (Unit::Mocks { ops, .. }, Chunk::Items { start, end }) => {
            ops[start..end].iter().map(|op| Item::Function(mock::function(op))).collect()
        }
        (Unit::ModRoot { path: _, module, letters, json_text }, Chunk::Head) => {
            let idents: Vec<_> = letters.iter().map(|l| format_ident!("{}", l)).collect();
            let doc = match *module {
                "types" => "Models of the API's schemas, one module per initial letter.",
                _ => "One method on [`Client`](crate::Client) per operation, one module per initial letter.",
            };
            // A letter's items may all be behind features that are off.
            let exports = (*module == "types").then(|| quote!(#(#[allow(unused_imports)] pub use #idents::*;)*));
            let helper = json_text.then(operations::json_text_helper);
            vec![Item::Tokens(quote! {
                #![doc = #doc]
                #(mod #idents;)*
                #exports
                #helper
            })]
        }
        // `chunks` gives no other chunk of these units; `format_chunk`
        // lays out the operations' methods itself.
        (Unit::Types { .. } | Unit::Mocks { .. } | Unit::ModRoot { .. }, _)
        | (Unit::Operations { .. }, Chunk::Items { .. }) => Vec::new(),
    }
}

/// The text of one chunk. prettyplease writes items one after the
/// other, so formatting a file in chunks gives the same text as
/// formatting it whole, with a fraction of the peak memory.
fn format_chunk(unit: &Unit<'_>, chunk: Chunk) -> Result<String, EmitError> {
    if let (Unit::Operations { ops, .. }, Chunk::Items { start, end }) = (unit, chunk) {
        return client_impl(path(unit), &ops[start..end], |op| operations::method(op));
    }
    let mut out = String::new();
    // Runs of prettyplease's items are formatted together.
    let mut tokens = TokenStream::new();
    for item in items(unit, chunk) {
        let text = match item {
            Item::Tokens(more) => {
                tokens.extend(more);
                continue;
            }
            Item::Compact(more) => compact::items(more),
            // A copy is read: the tokens are kept for prettyplease.
            Item::Flat(more) => match flat::item(&more).or_else(|| method_layout::items(more.clone())) {
                Some(text) => text,
                None => {
                    tokens.extend(more);
                    continue;
                }
            },
            Item::Function(more) => match method_layout::items(more.clone()) {
                Some(text) => text,
                None => {
                    tokens.extend(more);
                    continue;
                }
            },
        };
        if !tokens.is_empty() {
            out.push_str(&super::format(path(unit), std::mem::take(&mut tokens))?);
        }
        out.push_str(&text);
    }
    if !tokens.is_empty() {
        out.push_str(&super::format(path(unit), tokens)?);
    }
    Ok(out)
}

/// One `impl Client` block of `ops`' methods: each laid out by
/// [`method_layout`] where it can be, the others by prettyplease, which
/// lays out each item of a block alone.
pub(super) fn client_impl<T>(path: &str, ops: &[T], method: impl Fn(&T) -> TokenStream) -> Result<String, EmitError> {
    const OPEN: &str = "impl crate::Client {\n";
    let mut out = String::from(OPEN);
    let mut left = TokenStream::new();
    let flush = |left: &mut TokenStream, out: &mut String| -> Result<(), EmitError> {
        if left.is_empty() {
            return Ok(());
        }
        let methods = std::mem::take(left);
        let text = super::format(path, quote!(impl crate::Client { #methods }))?;
        let items = text.strip_prefix(OPEN).and_then(|t| t.strip_suffix("}\n"));
        out.push_str(items.ok_or_else(|| EmitError {
            what: path.to_string(),
            message: format!("an `impl` block laid out otherwise than expected: {text}"),
        })?);
        Ok(())
    };
    for op in ops {
        match method_layout::impl_items(method(op)) {
            Some(text) => {
                flush(&mut left, &mut out)?;
                out.push_str(&text);
            }
            // Made again: the first tokens were read without a copy.
            None => left.extend(method(op)),
        }
    }
    flush(&mut left, &mut out)?;
    out.push_str("}\n");
    Ok(out)
}

fn path<'u>(unit: &'u Unit<'_>) -> &'u str {
    match unit {
        Unit::Types { path, .. }
        | Unit::Operations { path, .. }
        | Unit::Mocks { path, .. }
        | Unit::ModRoot { path, .. } => path,
    }
}

/// Formats every unit, sharing the chunks among the machine's cores; the
/// files come back in plan order, so the output does not depend on which
/// thread finished first.
pub(super) fn format_all(units: &[Unit<'_>], rs_header: &str) -> Result<Vec<OutFile>, EmitError> {
    let tasks: Vec<(usize, Chunk)> =
        units.iter().enumerate().flat_map(|(i, unit)| chunks(unit).into_iter().map(move |c| (i, c))).collect();
    let texts = parallel::map(&tasks, |&(i, chunk)| format_chunk(&units[i], chunk));
    let mut files: Vec<OutFile> =
        units.iter().map(|unit| OutFile { path: path(unit).to_string(), contents: format!("{rs_header}\n") }).collect();
    for (&(i, _), text) in tasks.iter().zip(texts) {
        files[i].contents.push_str(&text?);
    }
    Ok(files)
}
