//! Decisions made once every type and operation is known, recorded in the
//! model so that the emitter and the diff read them instead of working
//! them out again: how each parameter is written and passed, how each
//! multipart field is sent, and which traits each type needs. The
//! conversion from [`Undecided`] to [`super::Decided`] also moves in what
//! the passes before it found (boxes, paging, event method names,
//! features), so no field holds a stand-in until then.

use super::reach::reached_from;
use super::{
    aliases, Body, BodyKind, DeclaredPart, EventStream, Field, Form, FormField, Operation, Pagination, Param,
    ParamLocation, ParamShape, ParamsStruct, PartKind, Pass, Traits, TypeDef, TypeKind, TypeRef, Undecided,
};
use crate::diagnostic::{Code, Diagnostic};
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::BTreeMap;

/// Types before `decide`: what they are, not yet what they implement.
type UndecidedTypes = BTreeMap<String, TypeDef<Undecided>>;

/// The types that implement `Default`, each union with the variant its
/// default builds (see [`defaults`]).
type Defaults<'t> = FxHashMap<&'t str, Option<usize>>;

/// What the passes between the types and `decide` found for one operation,
/// each a decided field's final value (see [`super::Stage`]).
pub(super) struct Found {
    /// From `pagination::recognise`.
    pub pagination: Option<Pagination>,
    /// From `event_methods::name`: the event stream with its method named.
    pub events: Option<EventStream>,
    /// From `features::group`.
    pub features: Vec<String>,
}

/// Decides each parameter's [`Param::shape`] and [`Param::pass`] and the
/// [`PartKind`] of each multipart field, and moves in what each operation's
/// [`Found`] holds.
pub(super) fn operations(
    operations: Vec<(Operation<Undecided>, Found)>,
    types: &UndecidedTypes,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Operation> {
    operations.into_iter().map(|(op, found)| operation(op, found, types, diags)).collect()
}

/// `op` with its parameters decided and its late fields moved in from
/// `found`; every other field moves as it is (a struct update cannot
/// change the type's stage).
fn operation(op: Operation<Undecided>, found: Found, types: &UndecidedTypes, diags: &mut Vec<Diagnostic>) -> Operation {
    macro_rules! moved {
        ($($field:ident),*) => {{
            // `events` as read is in `found.events`, named.
            let Operation { path_params, params, body, pagination: (), events: _, features: (), $($field),* } = op;
            let path_params = path_params.into_iter().map(|p| param(p, types, diags)).collect();
            let params = params.map(|ParamsStruct { type_name, fields, default }| {
                let fields = fields.into_iter().map(|p| param(p, types, diags)).collect();
                ParamsStruct { type_name, fields, default }
            });
            let body = body.map(|Body { kind, required, docs }| Body { kind: body_kind(kind, types), required, docs });
            let Found { pagination, events, features } = found;
            Operation { path_params, params, body, pagination, events, features, $($field),* }
        }};
    }
    moved![
        name,
        operation_id,
        method,
        path,
        segments,
        summary,
        description,
        deprecated,
        tags,
        response,
        errors,
        security,
        source,
        dropped
    ]
}

fn param(p: Param<Undecided>, types: &UndecidedTypes, diags: &mut Vec<Diagnostic>) -> Param {
    let Param { name, docs, mut ty, required, location, list, path_style, shape: (), pass: (), source } = p;
    // A path segment is text whatever the schema allows (Cloudflare
    // declares many path parameters with an empty schema).
    if location == ParamLocation::Path && *aliases::resolve(&ty, |n| types.get(n)) == TypeRef::Json {
        ty = TypeRef::String;
    }
    let shape = match shape(&ty, types) {
        Some(shape) => shape,
        None if location == ParamLocation::Path && is_object(&ty, types) => ParamShape::Object,
        // JSON text of a string is the string itself, so a union of
        // strings and numbers is written as expected.
        None if scalar_union(&ty, types) => ParamShape::Json,
        None if location == ParamLocation::Path => {
            diags.push(Diagnostic::new(
                Code::PathParameterNotScalar,
                &source,
                format!("path parameter '{}' is not a scalar; it is sent as JSON text", name.wire),
            ));
            ParamShape::Json
        }
        None => ParamShape::Json,
    };
    let pass = match (shape, aliases::resolve(&ty, |n| types.get(n))) {
        (ParamShape::Scalar, TypeRef::String) => Pass::Str,
        (ParamShape::Scalar, _) => Pass::Value,
        // An alias of a list is taken as itself, the name users know.
        (ParamShape::List, _) if matches!(ty, TypeRef::Vec(_)) => Pass::Slice,
        _ => Pass::Ref,
    };
    Param { name, docs, ty, required, location, list, path_style, shape, pass, source }
}

/// Whether a value of `ty` is a JSON object: a struct or a map.
fn is_object(ty: &TypeRef, types: &UndecidedTypes) -> bool {
    match aliases::resolve(ty, |n| types.get(n)) {
        TypeRef::Map(_) => true,
        TypeRef::Named(n) => types.get(n).is_some_and(|d| matches!(d.kind, TypeKind::Struct(_))),
        _ => false,
    }
}

/// `kind` with a multipart form's parts decided.
fn body_kind(kind: BodyKind<Undecided>, types: &UndecidedTypes) -> BodyKind {
    match kind {
        BodyKind::Json(ty) => BodyKind::Json(ty),
        BodyKind::Form(ty) => BodyKind::Form(ty),
        BodyKind::Multipart(form) => BodyKind::Multipart(form.map(|Form { type_name, fields, default, source }| {
            let fields = fields.into_iter().map(|f| form_field(f, types)).collect();
            Form { type_name, fields, default, source }
        })),
        BodyKind::Text { content_type } => BodyKind::Text { content_type },
        BodyKind::Bytes { content_type } => BodyKind::Bytes { content_type },
    }
}

/// A value with a text form is a text part; any other is a JSON part. An
/// array (also behind an alias) is a part per item.
fn form_field(f: FormField<Undecided>, types: &UndecidedTypes) -> FormField {
    let FormField { name, docs, required, repeated: (), part } = f;
    let (part, repeated) = match part {
        DeclaredPart::File { content_type, repeated } => (PartKind::File { content_type }, repeated),
        DeclaredPart::Value { ty, repeated, content_type } => {
            let (ty, repeated) = match aliases::resolve(&ty, |n| types.get(n)) {
                TypeRef::Vec(item) if !repeated => ((**item).clone(), true),
                _ => (ty, repeated),
            };
            let part = if shape(&ty, types) == Some(ParamShape::Scalar) {
                PartKind::Text { ty, content_type }
            } else {
                PartKind::Json { ty, content_type: content_type.unwrap_or_else(|| "application/json".to_string()) }
            };
            (part, repeated)
        }
    };
    FormField { name, docs, required, repeated, part }
}

/// How a value of `ty` becomes text: `None` when it has no text form of
/// its own.
fn shape(ty: &TypeRef, types: &UndecidedTypes) -> Option<ParamShape> {
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
fn scalar_union(ty: &TypeRef, types: &UndecidedTypes) -> bool {
    let TypeRef::Named(n) = aliases::resolve(ty, |n| types.get(n)) else { return false };
    let Some(TypeKind::Union(variants)) = types.get(n).map(|d| &d.kind) else { return false };
    variants.iter().filter(|v| v.ty != TypeRef::Json).all(|v| shape(&v.ty, types) == Some(ParamShape::Scalar))
}

/// Every [`TypeDef::traits`], from how `operations` use the types:
/// `Serialize` for what requests carry and `Deserialize` for what
/// responses carry, each passed on to every type the carried type holds;
/// then how each type is built ([`defaults`], [`Traits::constructor`]).
/// Each type's `features` (`features::gate_types`; a type without any
/// always compiles) and the fields and variants to box
/// (`recursion::box_cycles`) are moved in.
pub(super) fn types(
    types: UndecidedTypes,
    operations: &[Operation],
    mut features: FxHashMap<String, Vec<String>>,
    boxes: &FxHashMap<String, Vec<usize>>,
) -> BTreeMap<String, TypeDef> {
    // Worked out while the types are borrowed, one per type in the map's
    // order; then each type is moved into its decided form.
    let decided: Vec<(Serde, bool, Option<usize>)> = {
        let (sent, received) = directions(&types, operations);
        let serde: FxHashMap<&str, Serde> =
            types.values().map(|d| (d.name.as_str(), Serde::of(d, &sent, &received))).collect();
        let found = defaults(&types, &serde);
        let enums = enums_defaults_need(&types, &found);
        let of = |d: &TypeDef<Undecided>| {
            let name = d.name.as_str();
            let (default, variant) = match found.get(name) {
                Some(variant) => (!d.kind.is_enum() || enums.contains(name), *variant),
                None => (false, None),
            };
            (serde[name], default, variant)
        };
        types.values().map(of).collect()
    };
    let mut decide = |def: TypeDef<Undecided>, (serde, default, default_variant): (Serde, bool, Option<usize>)| {
        // Field by field, so that a field added to `TypeDef` is not lost here.
        let TypeDef { name, source, docs, kind, traits: (), features: () } = def;
        let Serde { serialize, deserialize, constructor } = serde;
        // As before this feature: a struct whose fields may all be absent.
        let always = matches!(&kind, TypeKind::Struct(s) if !s.fields.iter().any(Field::constructor_arg));
        let default_feature = default && !always;
        let traits = Traits { default, default_feature, default_variant, constructor, serialize, deserialize };
        let features = features.remove(&name).unwrap_or_default();
        let boxed = boxes.get(&name).map_or(&[][..], Vec::as_slice);
        let kind = kind.restage(|i, ()| boxed.contains(&i), |_, resolved| resolved);
        TypeDef { name, source, docs, kind, traits, features }
    };
    types.into_iter().zip(decided).map(|((name, def), decided)| (name, decide(def, decided))).collect()
}

/// The part of a type's [`Traits`] that [`defaults`] reads.
#[derive(Debug, Clone, Copy, Default)]
struct Serde {
    serialize: bool,
    deserialize: bool,
    constructor: bool,
}

impl Serde {
    /// `def`'s, given the names of the types requests and responses carry.
    fn of(def: &TypeDef<Undecided>, sent: &FxHashSet<&str>, received: &FxHashSet<&str>) -> Self {
        let serialize = sent.contains(def.name.as_str());
        // A type no operation reaches still gets one serde derive, which its
        // `#[serde]` attributes need.
        let deserialize = received.contains(def.name.as_str()) || !serialize;
        let constructor = match &def.kind {
            TypeKind::Struct(s) => serialize && s.fields.iter().any(Field::constructor_arg),
            _ => false,
        };
        Serde { serialize, deserialize, constructor }
    }
}

/// The enums a struct's or union's `Default` builds: only those implement
/// `Default` (each one more impl to compile), since an optional field's
/// default is `None` whatever its type.
fn enums_defaults_need<'t>(types: &'t UndecidedTypes, found: &Defaults<'_>) -> FxHashSet<&'t str> {
    let mut needed = FxHashSet::default();
    for (name, variant) in found {
        let built: Vec<&TypeRef> = match (&types[*name].kind, variant) {
            (TypeKind::Struct(s), _) => s.fields.iter().filter(|f| f.constructor_arg()).map(|f| &f.ty).collect(),
            (TypeKind::Union(variants), Some(i)) => vec![&variants[*i].ty],
            _ => Vec::new(),
        };
        for ty in built {
            if let TypeRef::Named(n) = aliases::resolve(ty, |n| types.get(n)) {
                if let Some(def) = types.get(n).filter(|d| d.kind.is_enum()) {
                    needed.insert(def.name.as_str());
                }
            }
        }
    }
    needed
}

/// The types that implement `Default` (see [`super::Traits::default`]),
/// each union with the variant its default builds. Found bottom-up, so
/// that every default is finite: a type joins once the types its default
/// needs have joined, and a union picks its variant when it joins (a
/// variant that joins later may lead back to the union). Unions wait until
/// no other type can join, so that a struct variant listed before the
/// catch-all is there to be picked. What only requests carry needs none:
/// structs with required fields get `new`, and unions are built by variant.
fn defaults<'t>(types: &'t UndecidedTypes, serde: &FxHashMap<&str, Serde>) -> Defaults<'t> {
    let mut found: Defaults<'t> = FxHashMap::default();
    let request_only = |d: &TypeDef<Undecided>| {
        let Serde { deserialize, constructor, .. } = serde[d.name.as_str()];
        !deserialize && (constructor || matches!(d.kind, TypeKind::Union(_)))
    };
    let mut pending: Vec<&TypeDef<Undecided>> = types.values().filter(|d| !request_only(d)).collect();
    let mut unions_too = false;
    loop {
        let before = pending.len();
        pending.retain(|def| {
            let has = |ty: &TypeRef| has_default(ty, &found);
            let joins = match &def.kind {
                TypeKind::StringEnum(_) | TypeKind::IntEnum(_) => Some(None),
                TypeKind::Struct(s) => s.fields.iter().all(|f| !f.constructor_arg() || has(&f.ty)).then_some(None),
                TypeKind::Union(variants) if unions_too => variants.iter().position(|v| has(&v.ty)).map(Some),
                TypeKind::Union(_) => None,
                TypeKind::Alias(alias) => has(&alias.resolved).then_some(None),
            };
            match joins {
                Some(variant) => {
                    found.insert(def.name.as_str(), variant);
                    false
                }
                None => true,
            }
        });
        match (pending.len() == before, unions_too) {
            (true, true) => return found,
            // Nothing else joins: let the unions join, then the rest again.
            (true, false) => unions_too = true,
            (false, _) => unions_too = false,
        }
    }
}

/// Whether a value of `ty` has a default, given the named types found so far.
fn has_default(ty: &TypeRef, found: &Defaults<'_>) -> bool {
    match ty {
        TypeRef::Named(name) => found.contains_key(name.as_str()),
        _ => true,
    }
}

/// The names of the types requests carry, and of those responses carry.
fn directions<'t>(types: &'t UndecidedTypes, operations: &'t [Operation]) -> (FxHashSet<&'t str>, FxHashSet<&'t str>) {
    let mut sent: Vec<&TypeRef> = Vec::new();
    let mut received: Vec<&TypeRef> = Vec::new();
    for op in operations {
        sent.extend(op.sent());
        received.extend(op.received());
    }
    let index = super::by_name(types);
    (reached_from(|n| index.get(n).copied(), sent), reached_from(|n| index.get(n).copied(), received))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Struct, Variant};
    use crate::naming::Name;

    fn def(name: &str, kind: TypeKind<Undecided>) -> TypeDef<Undecided> {
        TypeDef { name: name.into(), source: String::new(), docs: None, kind, traits: (), features: () }
    }

    fn required(name: &str, ty: TypeRef) -> Field<Undecided> {
        Field { name: Name { rust: name.into(), wire: name.into() }, docs: None, ty, required: true, boxed: () }
    }

    fn variant(name: &str, ty: TypeRef) -> Variant<Undecided> {
        Variant { name: name.into(), ty, boxed: (), tag: None }
    }

    /// A union listing first the variant that leads back to it defaults to
    /// a later one, so no `Default` recurses forever; a struct that needs
    /// itself has none; a request-only struct with required fields gets
    /// `new` instead.
    #[test]
    fn every_default_is_finite() {
        let named = |n: &str| TypeRef::Named(n.into());
        let mut types: UndecidedTypes = [
            def("Expr", TypeKind::Union(vec![variant("Sum", named("Sum")), variant("Number", TypeRef::Number)])),
            def("Sum", TypeKind::Struct(Struct { fields: vec![required("left", named("Expr"))] })),
            def("Loop", TypeKind::Struct(Struct { fields: vec![required("next", named("Loop"))] })),
            def("Status", TypeKind::StringEnum(vec![Name { rust: "Ready".into(), wire: "ready".into() }])),
            def("Job", TypeKind::Struct(Struct { fields: vec![required("status", named("Status"))] })),
        ]
        .into_iter()
        .map(|d| (d.name.clone(), d))
        .collect();
        let request = def("NewJob", TypeKind::Struct(Struct { fields: vec![required("name", TypeRef::String)] }));
        types.insert("NewJob".into(), request);
        let response = Serde { deserialize: true, ..Serde::default() };
        let mut serde: FxHashMap<&str, Serde> = types.keys().map(|n| (n.as_str(), response)).collect();
        serde.insert("NewJob", Serde { serialize: true, constructor: true, ..Serde::default() });

        let found = defaults(&types, &serde);
        assert_eq!(found.get("Expr"), Some(&Some(1)));
        assert!(found.contains_key("Sum") && found.contains_key("Job"));
        assert!(!found.contains_key("Loop") && !found.contains_key("NewJob"));
        assert_eq!(enums_defaults_need(&types, &found), FxHashSet::from_iter(["Status"]));
    }
}
