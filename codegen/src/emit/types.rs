//! A named type: dispatch to the struct, enum, union and alias emitters.

use super::docs::{doc_attrs, fallback};
use super::signature::{self, Scope};
use super::{enums, structs, unions};
use crate::model::{TypeDef, TypeKind};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

pub fn type_def(def: &TypeDef) -> TokenStream {
    let TypeDef { name, source, docs, kind, traits } = def;
    let ident = format_ident!("{}", name);
    let fallback = fallback::schema(source);
    let docs = doc_attrs([docs.as_deref().or(Some(&fallback))]);
    match kind {
        TypeKind::Struct(s) => structs::struct_def(&ident, docs, s, traits),
        TypeKind::StringEnum(variants) => enums::string_enum(&ident, docs, variants),
        TypeKind::IntEnum(variants) => enums::int_enum(&ident, docs, variants),
        TypeKind::Union(variants) => unions::union_def(&ident, docs, variants),
        TypeKind::Alias(alias) => {
            let target = signature::of(&alias.target).tokens(Scope::Types);
            quote! {
                #docs
                pub type #ident = #target;
            }
        }
    }
}
