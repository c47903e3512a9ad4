//! A named type: dispatch to the struct, enum, union and alias emitters.

use super::docs::{doc_attrs, fallback};
use super::gates;
use super::signature::{self, Scope};
use super::{enums, structs, unions, Item};
use crate::model::{TypeDef, TypeKind};
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
    let tokens = match kind {
        TypeKind::Struct(s) => {
            let def = structs::struct_def(&ident, docs, s, traits);
            let new = structs::constructor(&ident, s, traits).map(|new| quote!(#cfg #new));
            return Item::Compact(quote!(#cfg #def #new));
        }
        TypeKind::StringEnum(variants) => {
            let call = enums::string_enum(&ident, docs, variants, traits);
            return Item::Compact(quote!(#cfg #call));
        }
        TypeKind::IntEnum(variants) => {
            let call = enums::int_enum(&ident, docs, variants, traits);
            return Item::Compact(quote!(#cfg #call));
        }
        TypeKind::Union(variants) => unions::union_def(&ident, docs, variants, traits, &cfg),
        TypeKind::Alias(alias) => {
            let target = signature::of(&alias.target).tokens(Scope::Types);
            quote! {
                #docs
                pub type #ident = #target;
            }
        }
    };
    Item::Tokens(quote!(#cfg #tokens))
}
