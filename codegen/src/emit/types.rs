//! A named type: dispatch to the struct, enum, union and alias emitters.

use super::docs::{doc_attrs, doc_comments, fallback};
use super::gates;
use super::signature::{self, Scope};
use super::{enums, structs, unions, Item};
use crate::model::{TypeDef, TypeKind};
use quote::{format_ident, quote};

/// The item of one type: tokens, or text for the kinds written as a
/// runtime macro call (structs and enums).
pub fn type_def(def: &TypeDef) -> Item {
    let TypeDef { name, source, docs, kind, traits, features } = def;
    let ident = format_ident!("{}", name);
    let fallback = fallback::schema(source);
    let docs = gates::with_doc_line(docs.as_deref().unwrap_or(&fallback), features);
    let docs = [Some(docs.as_str())];
    let text = |macro_call: String| Item::Text(gates::cfg_text(features) + &macro_call);
    let tokens = match kind {
        TypeKind::Struct(s) => {
            let mut code =
                gates::cfg_text(features) + &structs::struct_def(name, &doc_comments(docs, "    "), s, traits);
            if let Some(new) = structs::constructor(name, s, traits) {
                code = code + &gates::cfg_text(features) + &new;
            }
            return Item::Text(code);
        }
        TypeKind::StringEnum(variants) => {
            return text(enums::string_enum(name, &doc_comments(docs, "    "), variants, traits))
        }
        TypeKind::IntEnum(variants) => {
            return text(enums::int_enum(name, &doc_comments(docs, "    "), variants, traits))
        }
        TypeKind::Union(variants) => {
            unions::union_def(&ident, doc_attrs(docs), variants, traits, &gates::cfg(features))
        }
        TypeKind::Alias(alias) => {
            let docs = doc_attrs(docs);
            let target = signature::of(&alias.target).tokens(Scope::Types);
            quote! {
                #docs
                pub type #ident = #target;
            }
        }
    };
    let cfg = gates::cfg(features);
    Item::Tokens(quote!(#cfg #tokens))
}
