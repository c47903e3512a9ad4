//! A named type: dispatch to the struct, enum, union and alias emitters.

use super::docs::{doc_attrs, doc_comments, fallback};
use super::gates;
use super::signature::{self, Scope};
use super::{enums, structs, unions, Item};
use crate::model::{TypeDef, TypeKind};
use quote::{format_ident, quote};

/// The items of one type: usually one, two for a struct (its declaration
/// and its serde impls).
pub fn type_def(def: &TypeDef) -> Vec<Item> {
    let TypeDef { name, source, docs, kind, traits, features } = def;
    let ident = format_ident!("{}", name);
    let fallback = fallback::schema(source);
    let docs = gates::with_doc_line(docs.as_deref().unwrap_or(&fallback), features);
    let docs = [Some(docs.as_str())];
    let cfg = gates::cfg(features);
    let tokens = match kind {
        TypeKind::Struct(s) => {
            let text = structs::struct_def(name, &doc_comments(docs, "    "), s, traits);
            return vec![Item::Text(gates::cfg_text(features) + &text)];
        }
        TypeKind::StringEnum(variants) => {
            let text = enums::string_enum(name, &doc_comments(docs, "    "), variants);
            return vec![Item::Text(gates::cfg_text(features) + &text)];
        }
        TypeKind::IntEnum(variants) => {
            let text = enums::int_enum(name, &doc_comments(docs, "    "), variants);
            return vec![Item::Text(gates::cfg_text(features) + &text)];
        }
        TypeKind::Union(variants) => unions::union_def(&ident, doc_attrs(docs), variants, traits, &cfg),
        TypeKind::Alias(alias) => {
            let docs = doc_attrs(docs);
            let target = signature::of(&alias.target).tokens(Scope::Types);
            quote! {
                #docs
                pub type #ident = #target;
            }
        }
    };
    vec![Item::Tokens(quote!(#cfg #tokens))]
}
