//! A named type: dispatch to the struct, enum, union and alias emitters.

use super::docs::doc_attrs;
use super::type_ref::{type_tokens, Scope};
use super::{enums, structs, unions};
use crate::model::{TypeDef, TypeKind};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

pub fn type_def(def: &TypeDef) -> TokenStream {
    let TypeDef { name, source: _, docs, kind } = def;
    let ident = format_ident!("{}", name);
    let docs = doc_attrs([docs.as_deref()]);
    match kind {
        TypeKind::Struct(s) => structs::struct_def(&ident, docs, s),
        TypeKind::StringEnum(variants) => enums::string_enum(&ident, docs, variants),
        TypeKind::IntEnum(variants) => enums::int_enum(&ident, docs, variants),
        TypeKind::Union(variants) => unions::union_def(&ident, docs, variants),
        TypeKind::Alias(target) => {
            let target = type_tokens(target, Scope::Types);
            quote! {
                #docs
                pub type #ident = #target;
            }
        }
    }
}
