//! A named type: dispatch to the struct, enum, union and alias emitters.

use super::docs::{doc_attrs, fallback};
use super::gates;
use super::signature::{self, Scope};
use super::{enums, structs, unions, Item};
use crate::model::{TypeDef, TypeKind};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// The item of one type. Structs and enums are runtime macro calls, laid
/// out by [`super::compact`].
pub fn type_def(def: &TypeDef) -> Item {
    let TypeDef { name, source, docs, kind, traits, features } = def;
    let ident = format_ident!("{}", name);
    let fallback = fallback::schema(source);
    let docs = gates::with_doc_line(docs.as_deref().unwrap_or(&fallback), features);
    let docs = doc_attrs([Some(docs.as_str())]);
    let cfg = gates::cfg(features);
    // Extended, not interpolated: quote! would copy the call's tokens.
    let gated = |item: TokenStream| {
        let mut gated = cfg.clone();
        gated.extend(item);
        gated
    };
    let tokens = match kind {
        TypeKind::Struct(s) => {
            let mut def = gated(structs::struct_def(&ident, docs, s, traits));
            def.extend(structs::constructor(&ident, s, traits).map(gated));
            return Item::Compact(def);
        }
        TypeKind::StringEnum(variants) => {
            return Item::Compact(gated(enums::string_enum(&ident, docs, variants, traits)))
        }
        TypeKind::IntEnum(variants) => return Item::Compact(gated(enums::int_enum(&ident, docs, variants, traits))),
        TypeKind::Union(variants) => unions::union_def(&ident, docs, variants, traits, &cfg),
        TypeKind::Alias(alias) => {
            let target = signature::of(&alias.target).tokens(Scope::Types);
            return Item::Flat(quote! {
                #cfg
                #docs
                pub type #ident = #target;
            });
        }
    };
    Item::Tokens(quote!(#cfg #tokens))
}
