//! A named type: dispatch to the struct, enum, union and alias emitters.

use super::docs::{doc_attrs, doc_comments, fallback};
use super::signature::{self, Scope};
use super::{enums, structs, unions, Item};
use crate::model::{TypeDef, TypeKind};
use quote::{format_ident, quote};

pub fn type_def(def: &TypeDef) -> Item {
    let TypeDef { name, source, docs, kind, traits } = def;
    let ident = format_ident!("{}", name);
    let fallback = fallback::schema(source);
    let docs = docs.as_deref().or(Some(&fallback));
    match kind {
        TypeKind::Struct(s) => Item::Tokens(structs::struct_def(&ident, doc_attrs([docs]), s, traits)),
        TypeKind::StringEnum(variants) => Item::Text(enums::string_enum(name, &doc_comments([docs], "    "), variants)),
        TypeKind::IntEnum(variants) => Item::Text(enums::int_enum(name, &doc_comments([docs], "    "), variants)),
        TypeKind::Union(variants) => Item::Tokens(unions::union_def(&ident, doc_attrs([docs]), variants, traits)),
        TypeKind::Alias(alias) => {
            let docs = doc_attrs([docs]);
            let target = signature::of(&alias.target).tokens(Scope::Types);
            Item::Tokens(quote! {
                #docs
                pub type #ident = #target;
            })
        }
    }
}
