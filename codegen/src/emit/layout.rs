//! Which Rust files hold the types and operations, and formatting them in
//! parallel. A small API gets one `types.rs` and one `operations.rs`; a
//! large one gets a module per initial letter of the item names
//! (`types/a.rs`, `operations/s.rs`, ...), so that the files stay
//! reviewable and the formatting work can be shared among threads. File
//! names come from the first letter of Rust identifiers only, never from
//! spec text, so they are always `[a-z]` or `other`.

use super::{compact, mock, multipart, operations, owned, types, EmitError, Item, OutFile};
use crate::model::{Api, Body, BodyKind, Form, Operation, TypeDef, TypeKind};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

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

/// The file's items in chunks, each formatted by one prettyplease call
/// (the first holds the file's attributes and imports). Operations are
/// methods of one `impl Client` block per chunk.
fn chunks<'u>(unit: &'u Unit<'_>) -> Box<dyn Iterator<Item = Vec<Item>> + 'u> {
    match unit {
        Unit::Types { path: _, defs, params, forms, split } => {
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
            let defs = defs.iter().map(|d| types::type_def(d));
            let params =
                params.iter().filter_map(|op| op.params.as_ref().map(|p| Item::Tokens(owned::params_struct(p, op))));
            let forms = forms.iter().filter_map(|op| form(op).map(|f| Item::Tokens(multipart::form_struct(f, op))));
            let head = Item::Tokens(quote!(#head #serde));
            Box::new(std::iter::once(vec![head]).chain(grouped(defs.chain(params).chain(forms))))
        }
        Unit::Operations { path: _, ops, split } => {
            let json_text = ops.iter().any(|op| uses_json_text(op));
            let (head, helper) = match (split, json_text) {
                (true, true) => (
                    quote!(
                        use super::json_text;
                    ),
                    None,
                ),
                (true, false) => (TokenStream::new(), None),
                (false, uses) => {
                    (
                        quote!(//! One method on [`Client`](crate::Client) per operation.
                        ),
                        uses.then(operations::json_text_helper),
                    )
                }
            };
            let imports = operations::imports();
            let head = Item::Tokens(quote! {
                #head
                #imports
            });
            let blocks = grouped(ops.iter().map(|op| operations::method(op)))
                .map(|methods| vec![Item::Tokens(quote!(impl crate::Client { #(#methods)* }))]);
            let helper = helper.map(|h| vec![Item::Tokens(h)]);
            Box::new(std::iter::once(vec![head]).chain(blocks).chain(helper))
        }
        Unit::Mocks { path: _, ops } => {
            let head = mock::head(ops.iter().any(|op| mock::uses_json_text(op)));
            let functions = grouped(ops.iter().map(|op| Item::Tokens(mock::function(op))));
            Box::new(std::iter::once(vec![Item::Tokens(head)]).chain(functions))
        }
        Unit::ModRoot { path: _, module, letters, json_text } => {
            let idents: Vec<_> = letters.iter().map(|l| format_ident!("{}", l)).collect();
            let doc = match *module {
                "types" => "Models of the API's schemas, one module per initial letter.",
                _ => "One method on [`Client`](crate::Client) per operation, one module per initial letter.",
            };
            // A letter's items may all be behind features that are off.
            let exports = (*module == "types").then(|| quote!(#(#[allow(unused_imports)] pub use #idents::*;)*));
            let helper = json_text.then(operations::json_text_helper);
            Box::new(std::iter::once(vec![Item::Tokens(quote! {
                #![doc = #doc]
                #(mod #idents;)*
                #exports
                #helper
            })]))
        }
    }
}

/// `items`, [`ITEMS_PER_CHUNK`] at a time.
fn grouped<'i, T: 'i>(items: impl Iterator<Item = T> + 'i) -> impl Iterator<Item = Vec<T>> + 'i {
    let mut items = items.peekable();
    std::iter::from_fn(move || {
        items.peek()?;
        Some(items.by_ref().take(ITEMS_PER_CHUNK).collect())
    })
}

/// The file's text. prettyplease writes items one after the other, so
/// formatting them in chunks gives the same text as formatting the file
/// whole, with a fraction of the peak memory.
fn format_unit(unit: &Unit<'_>, rs_header: &str) -> Result<String, EmitError> {
    let mut out = format!("{rs_header}\n");
    for chunk in chunks(unit) {
        // Runs of prettyplease's items are formatted together.
        let mut tokens = TokenStream::new();
        for item in chunk {
            match item {
                Item::Tokens(more) => tokens.extend(more),
                Item::Compact(more) => {
                    if !tokens.is_empty() {
                        out.push_str(&super::format(path(unit), std::mem::take(&mut tokens))?);
                    }
                    out.push_str(&compact::items(more));
                }
            }
        }
        if !tokens.is_empty() {
            out.push_str(&super::format(path(unit), tokens)?);
        }
    }
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

/// Formats every unit, sharing the work among the machine's cores; the
/// files come back in plan order, so the output does not depend on which
/// thread finished first.
pub(super) fn format_all(units: &[Unit<'_>], rs_header: &str) -> Result<Vec<OutFile>, EmitError> {
    let next = AtomicUsize::new(0);
    let done: Mutex<Vec<(usize, Result<OutFile, EmitError>)>> = Mutex::new(Vec::with_capacity(units.len()));
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).min(units.len()).max(1);
    let work = || loop {
        let i = next.fetch_add(1, Ordering::Relaxed);
        let Some(unit) = units.get(i) else { break };
        let path = path(unit);
        let result = format_unit(unit, rs_header).map(|contents| OutFile { path: path.to_string(), contents });
        // A poisoned lock means another worker panicked; that panic is
        // re-raised by the scope, so this result no longer matters.
        if let Ok(mut done) = done.lock() {
            done.push((i, result));
        }
    };
    std::thread::scope(|scope| {
        for _ in 1..workers {
            // syn and prettyplease recurse on nesting: helpers get the same
            // large stack as the thread `crate::generate` runs on.
            let spawned = std::thread::Builder::new().stack_size(crate::GENERATE_STACK).spawn_scoped(scope, work);
            if spawned.is_err() {
                // No thread to be had: the current one does all the work.
                break;
            }
        }
        work();
    });
    let mut done = done.into_inner().unwrap_or_else(|poisoned| poisoned.into_inner());
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, file)| file).collect()
}
