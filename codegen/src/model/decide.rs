//! Decisions made once every type and operation is known, recorded in the
//! model so that the emitter and the diff read them instead of working
//! them out again: how each parameter is written and passed, how each
//! multipart field is sent, and which traits each type needs.

use super::reach::reached_from;
use super::{
    aliases, Body, BodyKind, FormField, Operation, Param, ParamLocation, ParamShape, PartKind, Pass, TypeDef, TypeKind,
    TypeRef,
};
use crate::diagnostic::Diagnostic;
use std::collections::{BTreeMap, HashSet};

/// Fills in [`Param::shape`], [`Param::pass`], the [`PartKind`] of each
/// multipart field and every [`TypeDef::traits`].
pub(super) fn decide(types: &mut BTreeMap<String, TypeDef>, operations: &mut [Operation], diags: &mut Vec<Diagnostic>) {
    for op in operations.iter_mut() {
        let params = op.params.iter_mut().flat_map(|ps| ps.fields.iter_mut());
        for p in op.path_params.iter_mut().chain(params) {
            param(p, types, diags);
        }
        if let Some(Body { kind: BodyKind::Multipart(Some(form)), .. }) = &mut op.body {
            form.fields.iter_mut().for_each(|f| form_field(f, types));
        }
    }
    traits(types, operations);
}

fn param(p: &mut Param, types: &BTreeMap<String, TypeDef>, diags: &mut Vec<Diagnostic>) {
    // A path segment is text whatever the schema allows (Cloudflare
    // declares many path parameters with an empty schema).
    if p.location == ParamLocation::Path && *aliases::resolve(&p.ty, |n| types.get(n)) == TypeRef::Json {
        p.ty = TypeRef::String;
    }
    p.shape = match shape(&p.ty, types) {
        Some(shape) => shape,
        // JSON text of a string is the string itself, so a union of
        // strings and numbers is written as expected.
        None if scalar_union(&p.ty, types) => ParamShape::Json,
        None if p.location == ParamLocation::Path => {
            diags.push(Diagnostic::warning(
                &p.source,
                format!("path parameter '{}' is not a scalar; it is sent as JSON text", p.name.wire),
            ));
            ParamShape::Json
        }
        None => ParamShape::Json,
    };
    p.pass = match (p.shape, aliases::resolve(&p.ty, |n| types.get(n))) {
        (ParamShape::Scalar, TypeRef::String) => Pass::Str,
        (ParamShape::Scalar, _) => Pass::Value,
        _ => Pass::Ref,
    };
}

/// A value with a text form is a text part; any other is a JSON part. An
/// array (also behind an alias) is a part per item.
fn form_field(f: &mut FormField, types: &BTreeMap<String, TypeDef>) {
    let FormField { repeated, part, .. } = f;
    let PartKind::Text { ty, content_type } = part else { return };
    if !*repeated {
        if let TypeRef::Vec(item) = aliases::resolve(ty, |n| types.get(n)) {
            *ty = (**item).clone();
            *repeated = true;
        }
    }
    if shape(ty, types) != Some(ParamShape::Scalar) {
        let ty = std::mem::replace(ty, TypeRef::Json);
        let content_type = content_type.take().unwrap_or_else(|| "application/json".to_string());
        *part = PartKind::Json { ty, content_type };
    }
}

/// How a value of `ty` becomes text: `None` when it has no text form of
/// its own.
fn shape(ty: &TypeRef, types: &BTreeMap<String, TypeDef>) -> Option<ParamShape> {
    match aliases::resolve(ty, |n| types.get(n)) {
        TypeRef::String | TypeRef::Integer(_) | TypeRef::Number | TypeRef::Boolean => Some(ParamShape::Scalar),
        TypeRef::Vec(inner) => match shape(inner, types)? {
            ParamShape::Scalar => Some(ParamShape::List),
            _ => None,
        },
        TypeRef::Named(n) => match &types.get(n)?.kind {
            TypeKind::StringEnum(_) | TypeKind::IntEnum(_) => Some(ParamShape::Scalar),
            _ => None,
        },
        _ => None,
    }
}

/// Whether `ty` is a union whose variants (other than the catch-all) are
/// all scalars, such as Oxide's `NameOrId`.
fn scalar_union(ty: &TypeRef, types: &BTreeMap<String, TypeDef>) -> bool {
    let TypeRef::Named(n) = aliases::resolve(ty, |n| types.get(n)) else { return false };
    let Some(TypeKind::Union(variants)) = types.get(n).map(|d| &d.kind) else { return false };
    variants.iter().filter(|v| v.ty != TypeRef::Json).all(|v| shape(&v.ty, types) == Some(ParamShape::Scalar))
}

/// `Default` where every field may be absent; `Serialize` for what requests
/// carry and `Deserialize` for what responses carry, each passed on to
/// every type the carried type holds.
fn traits(types: &mut BTreeMap<String, TypeDef>, operations: &[Operation]) {
    let (serialize, deserialize) = directions(types, operations);
    for def in types.values_mut() {
        def.traits.default = match &def.kind {
            TypeKind::Struct(s) => s.fields.iter().all(|f| !f.required || matches!(f.ty, TypeRef::Nullable(_))),
            _ => false,
        };
        def.traits.serialize = serialize.contains(&def.name);
        // A type no operation reaches still gets one serde derive, which its
        // `#[serde]` attributes need.
        def.traits.deserialize = deserialize.contains(&def.name) || !def.traits.serialize;
    }
}

/// The names of the types requests carry, and of those responses carry.
fn directions(types: &BTreeMap<String, TypeDef>, operations: &[Operation]) -> (HashSet<String>, HashSet<String>) {
    let mut sent: Vec<&TypeRef> = Vec::new();
    let mut received: Vec<&TypeRef> = Vec::new();
    for op in operations {
        let params = op.params.iter().flat_map(|ps| &ps.fields);
        sent.extend(op.path_params.iter().chain(params).map(|p| &p.ty));
        match &op.body {
            Some(Body { kind: BodyKind::Json(ty) | BodyKind::Form(ty), .. }) => sent.push(ty),
            Some(Body { kind: BodyKind::Multipart(Some(form)), .. }) => sent.extend(form.types()),
            _ => {}
        }
        received.extend(op.received());
    }
    let owned = |roots| reached_from(|n| types.get(n), roots).into_iter().map(str::to_string).collect();
    (owned(sent), owned(received))
}
