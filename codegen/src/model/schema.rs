//! Turning JSON Schemas into [`TypeRef`]s and named [`TypeDef`]s.

use super::builder::Builder;
use super::page_hints;
use super::refs::{self, Found, Kind};
use super::{known, Field, IntWidth, Struct, TypeDef, TypeKind, TypeRef, Unresolved, Variant};
use crate::diagnostic::{join, Code, Diagnostic};
use crate::naming::{self, name_all};
use crate::parse::document::{BoolOrSchema, Schema, SchemaType};
use indexmap::IndexMap;
use serde_json::Value;
use std::collections::BTreeSet;

/// How a type created for a schema is named.
#[derive(Clone, Copy)]
pub(super) enum Naming<'n> {
    /// A component schema: the type takes the component's name.
    Fixed(&'n str),
    /// An inline schema: the type is named from its context.
    Hint(&'n str),
}

/// A property gathered from a schema and its `allOf` parts.
pub(super) struct Prop<'a> {
    pub schema: &'a Schema,
    pub pointer: String,
    /// The type whose definition the property is written in, for naming
    /// inline types after where they are declared.
    pub owner: String,
}

/// Merged properties of a schema (following `$ref` and `allOf`).
pub(super) struct Merged<'a> {
    pub props: IndexMap<&'a str, Prop<'a>>,
    pub required: BTreeSet<&'a str>,
    /// Parts that are not objects (e.g. `allOf: [$ref: SomeString]`).
    pub other_parts: Vec<Part<'a>>,
    /// Components being merged, outermost first, to detect cycles.
    chain: Vec<&'a str>,
}

/// What a schema `$ref` stands for.
enum SchemaTarget<'a> {
    /// `#/components/schemas/<key>`.
    Component(refs::Target<'a, Schema>),
    /// The JSON schema of a component of another kind (`--lenient`).
    Borrowed { schema: &'a Schema, pointer: String, key: &'a str },
}

/// An `allOf` part that contributes no properties.
pub(super) enum Part<'a> {
    Component(&'a str),
    Inline(&'a Schema, String),
}

/// The scalar JSON types, in the order an untagged union tries them.
const SCALARS: [&str; 4] = ["boolean", "integer", "number", "string"];

/// Containers deeper than this are reported instead of followed, so a
/// hostile `allOf` chain cannot exhaust the stack.
pub(super) const MAX_DEPTH: usize = 64;

pub(super) fn type_names(s: &Schema) -> (Vec<&str>, bool) {
    let all: Vec<&str> = match &s.schema_type {
        None => Vec::new(),
        Some(SchemaType::One(t)) => vec![t.as_str()],
        Some(SchemaType::Many(ts)) => ts.iter().map(String::as_str).collect(),
    };
    let null = all.contains(&"null");
    (all.into_iter().filter(|t| *t != "null").collect(), null)
}

pub(super) fn is_null_schema(s: &Schema) -> bool {
    let (types, null) = type_names(s);
    let null_enum = s.enum_values.as_ref().is_some_and(|v| !v.is_empty() && v.iter().all(Value::is_null));
    s.reference.is_none() && ((types.is_empty() && null && s.properties.is_empty()) || null_enum)
        || s.const_value.as_ref().is_some_and(Value::is_null)
}

fn int_width(format: Option<&str>) -> IntWidth {
    match format {
        Some("int8") => IntWidth::I8,
        Some("int16") => IntWidth::I16,
        Some("int32") => IntWidth::I32,
        Some("uint8") => IntWidth::U8,
        Some("uint16") => IntWidth::U16,
        Some("uint32") => IntWidth::U32,
        Some("uint64" | "uint") => IntWidth::U64,
        _ => IntWidth::I64,
    }
}

/// The part that gives a property-less `allOf` its type: the only part,
/// or the only one that is more than a restatement like `{type: string,
/// readOnly: true}` (Cloudflare refines identifiers that way).
fn principal_part<'p, 'a>(parts: &'p [Part<'a>]) -> Option<&'p Part<'a>> {
    let restates = |p: &Part<'_>| match p {
        Part::Component(_) => false,
        Part::Inline(s, _) => {
            s.one_of.is_none()
                && s.any_of.is_none()
                && s.enum_values.is_none()
                && s.const_value.is_none()
                && s.items.is_none()
                && s.additional_properties.is_none()
        }
    };
    let mut principal = parts.iter().filter(|p| !restates(p));
    match (principal.next(), principal.next()) {
        (Some(only), None) => Some(only),
        (None, _) => parts.first(),
        (Some(_), Some(_)) => None,
    }
}

fn has_structure(s: &Schema) -> bool {
    !s.properties.is_empty() || s.all_of.is_some() || s.one_of.is_some() || s.any_of.is_some() || s.items.is_some()
}

impl<'a> Builder<'a> {
    /// The type of an inline schema, converted once per location.
    pub(super) fn schema(&mut self, s: &'a Schema, pointer: &str, hint: &str) -> TypeRef {
        if let Some(done) = self.inline.get(&std::ptr::from_ref(s)) {
            return done.clone();
        }
        let ty = self.convert(s, pointer, Naming::Hint(hint), 0);
        self.inline.insert(s, ty.clone());
        ty
    }

    /// The type of `#/components/schemas/{key}`; always a named type so
    /// the component's name and docs survive.
    pub(super) fn component(&mut self, key: &str) -> TypeRef {
        if let Some(done) = self.components.get(key) {
            return done.clone();
        }
        let doc = self.doc;
        let Some((_, key, schema)) = doc.components.schemas.get_full(key) else {
            return TypeRef::Json;
        };
        let name = self.component_names[key.as_str()].clone();
        if !self.in_progress.insert(key.to_string()) {
            // A reference back into a schema being converted: the cycle is
            // broken by boxing (see `recursion`), or reported there.
            return TypeRef::Named(name);
        }
        let pointer = format!("/components/schemas/{}", crate::diagnostic::escape_token(key));
        let ty = self.convert(schema, &pointer, Naming::Fixed(&name), 0);
        let ty = match ty {
            TypeRef::Named(n) if n == name => TypeRef::Named(n),
            TypeRef::Nullable(inner) if *inner == TypeRef::Named(name.clone()) => TypeRef::Nullable(inner),
            other => {
                let docs = self.describe(schema);
                self.define(name, &pointer, docs, TypeKind::Alias(super::Alias { target: other, resolved: () }))
            }
        };
        self.in_progress.remove(key.as_str());
        self.components.insert(key.to_string(), ty.clone());
        ty
    }

    /// Records the named type `name` and returns a reference to it.
    pub(super) fn define(
        &mut self,
        name: String,
        pointer: &str,
        docs: Option<String>,
        kind: TypeKind<Unresolved>,
    ) -> TypeRef {
        let def = TypeDef { name: name.clone(), source: pointer.to_string(), docs, kind, traits: (), features: () };
        self.types.insert(name.clone(), def);
        TypeRef::Named(name)
    }

    /// The description of a schema, or of the component it refers to.
    pub(super) fn describe(&self, s: &Schema) -> Option<String> {
        let own = s.description.as_ref().or(s.title.as_ref()).filter(|d| !d.trim().is_empty());
        if let Some(own) = own {
            return Some(own.clone());
        }
        let target = refs::schema_of(self.doc, s.reference.as_deref()?)?;
        target.description.clone().filter(|d| !d.trim().is_empty())
    }

    /// What the schema `$ref` at `pointer` stands for: a schema component,
    /// or (under `--lenient`) the JSON schema of another kind of component;
    /// `None` (reported) when it stands for nothing.
    fn schema_ref(&mut self, reference: &str, pointer: &str) -> Option<SchemaTarget<'a>> {
        let at = join(pointer, "$ref");
        let found = match refs::resolve(self.doc, reference, Kind::Schema, &at) {
            Ok(Found::Schema(t)) => return Some(SchemaTarget::Component(t)),
            Ok(found) => found,
            Err(d) => {
                let d = self.options.recover(d, "any JSON value is accepted in its place");
                self.diags.push(d);
                return None;
            }
        };
        let wrong = refs::wrong_kind(reference, &found, Kind::Schema, &at);
        let key = found.key();
        let Some((schema, pointer)) = found.json_schema() else {
            let recovery = format!("the {} has no JSON schema, so any JSON value is accepted", found.kind().noun());
            self.diags.push(self.options.recover(wrong, &recovery));
            return None;
        };
        let recovery = format!("its JSON schema (#{pointer}) is used");
        self.diags.push(self.options.recover(wrong, &recovery));
        Some(SchemaTarget::Borrowed { schema, pointer, key })
    }

    pub(super) fn convert(&mut self, s: &'a Schema, pointer: &str, naming: Naming<'_>, depth: usize) -> TypeRef {
        if depth > MAX_DEPTH {
            self.diags.push(Diagnostic::new(
                Code::SchemaTooDeep,
                pointer,
                "schema nesting is too deep; using a JSON value",
            ));
            return TypeRef::Json;
        }
        if s.boolean == Some(false) {
            // Only where nothing can be left out: a property or an `allOf`
            // part that is `false` is dropped before it gets here.
            self.diags.push(Diagnostic::new(
                Code::FalseSchema,
                pointer,
                "the schema `false` admits no value; it is read as any JSON value",
            ));
            return TypeRef::Json;
        }
        if self.unknown_types(s, pointer) {
            return TypeRef::Json;
        }
        let (_, null_type) = type_names(s);
        let nullable = s.nullable || null_type || s.enum_values.as_ref().is_some_and(|v| v.iter().any(Value::is_null));
        let ty = self.convert_inner(s, pointer, naming, depth);
        match ty {
            TypeRef::Nullable(_) | TypeRef::Json => ty,
            ty if nullable => TypeRef::Nullable(Box::new(ty)),
            ty => ty,
        }
    }

    fn convert_inner(&mut self, s: &'a Schema, pointer: &str, naming: Naming<'_>, depth: usize) -> TypeRef {
        if let Some(reference) = &s.reference {
            if !has_structure(s) {
                return match self.schema_ref(reference, pointer) {
                    Some(SchemaTarget::Component(target)) => self.component(target.key),
                    Some(SchemaTarget::Borrowed { schema, pointer, key }) => {
                        self.schema(schema, &pointer, &naming::pascal(key))
                    }
                    None => TypeRef::Json,
                };
            }
            return self.object(s, pointer, naming, depth);
        }
        if let Some(all_of) = s.all_of.as_deref().filter(|a| !a.is_empty()) {
            if all_of.len() == 1 && s.properties.is_empty() && s.one_of.is_none() && s.any_of.is_none() {
                return self.convert(&all_of[0], &join(&join(pointer, "allOf"), 0), naming, depth + 1);
            }
            return self.object(s, pointer, naming, depth);
        }
        if s.properties.is_empty() {
            let variants = s.one_of.as_deref().or(s.any_of.as_deref());
            if let Some(variants) = variants.filter(|v| !v.is_empty()) {
                let key = if s.one_of.is_some() { "oneOf" } else { "anyOf" };
                self.check_mapping(s, pointer);
                return self.union(s, variants, &join(pointer, key), naming, depth);
            }
        }
        if let Some(values) = &s.enum_values {
            return self.enumeration(values, s, pointer, naming);
        }
        if let Some(value) = &s.const_value {
            return match value {
                Value::String(_) => TypeRef::String,
                Value::Bool(_) => TypeRef::Boolean,
                Value::Number(n) if n.is_i64() || n.is_u64() => TypeRef::Integer(IntWidth::I64),
                Value::Number(_) => TypeRef::Number,
                _ => TypeRef::Json,
            };
        }
        let (types, _) = type_names(s);
        let is_object = types.contains(&"object") || !s.properties.is_empty() || s.additional_properties.is_some();
        match types.as_slice() {
            ["array"] => self.array(s, pointer, naming, depth),
            [] if s.items.is_some() => self.array(s, pointer, naming, depth),
            ["object"] | [] if is_object => self.object(s, pointer, naming, depth),
            ["string"] => TypeRef::String,
            ["integer"] => TypeRef::Integer(int_width(s.format.as_deref())),
            ["number"] => TypeRef::Number,
            ["boolean"] => TypeRef::Boolean,
            several if several.len() > 1 && several.iter().all(|t| SCALARS.contains(t)) => {
                self.union_of_scalars(several, s, pointer, naming)
            }
            _ => TypeRef::Json,
        }
    }

    /// Reports each type name JSON Schema does not have (once, though a
    /// schema may be converted more than once); whether there was one.
    fn unknown_types(&mut self, s: &Schema, pointer: &str) -> bool {
        let at = join(pointer, "type");
        let named: Vec<(String, &str)> = match &s.schema_type {
            None => return false,
            Some(SchemaType::One(t)) => vec![(at, t.as_str())],
            Some(SchemaType::Many(ts)) => ts.iter().enumerate().map(|(i, t)| (join(&at, i), t.as_str())).collect(),
        };
        let mut found = false;
        for (at, name) in named.into_iter().filter(|(_, name)| !known::TYPES.contains(name)) {
            found = true;
            let recovery = "it is read as any JSON value (`serde_json::Value`)";
            let d = known::unknown(self.options, Code::UnknownType, at, "type", name, &known::TYPES, recovery);
            if !self.diags.contains(&d) {
                self.diags.push(d);
            }
        }
        found
    }

    /// `type: [string, integer]` and the like: an untagged union of the
    /// scalars, tried narrowest first so that `1` stays an integer.
    fn union_of_scalars(&mut self, types: &[&str], s: &Schema, pointer: &str, naming: Naming<'_>) -> TypeRef {
        let name = self.claim(naming);
        let mut variants: Vec<Variant<Unresolved>> = SCALARS
            .iter()
            .filter(|t| types.contains(t))
            .map(|t| {
                let ty = match *t {
                    "boolean" => TypeRef::Boolean,
                    "integer" => TypeRef::Integer(int_width(s.format.as_deref())),
                    "number" => TypeRef::Number,
                    _ => TypeRef::String,
                };
                Variant { name: naming::variant(t), ty, boxed: (), tag: None }
            })
            .collect();
        variants.push(Variant { name: "Unknown".to_string(), ty: TypeRef::Json, boxed: (), tag: None });
        let docs = self.describe(s);
        self.define(name, pointer, docs, TypeKind::Union(variants))
    }

    fn array(&mut self, s: &'a Schema, pointer: &str, naming: Naming<'_>, depth: usize) -> TypeRef {
        let item = match s.items.as_deref() {
            Some(BoolOrSchema::Schema(item)) => {
                let hint = naming::owned::item(&self.hint_base(naming));
                let item_pointer = join(pointer, "items");
                let ty = self.convert(item, &item_pointer, Naming::Hint(&hint), depth + 1);
                self.inline.insert(&**item, ty.clone());
                ty
            }
            // `items: false` admits only the empty array, which a `Vec` of
            // anything holds; `true` (or none) admits any item.
            _ => TypeRef::Json,
        };
        TypeRef::Vec(Box::new(item))
    }

    fn hint_base(&self, naming: Naming<'_>) -> String {
        match naming {
            Naming::Fixed(n) | Naming::Hint(n) => n.to_string(),
        }
    }

    pub(super) fn claim(&mut self, naming: Naming<'_>) -> String {
        match naming {
            Naming::Fixed(n) => n.to_string(),
            Naming::Hint(h) => self.names.claim(naming::pascal(h)),
        }
    }

    /// Gathers the properties of `s`, its `$ref` target and its `allOf`
    /// parts, later definitions overriding earlier ones.
    pub(super) fn merge(&mut self, s: &'a Schema, pointer: &str, owner: &str) -> Merged<'a> {
        let mut merged =
            Merged { props: IndexMap::new(), required: BTreeSet::new(), other_parts: Vec::new(), chain: Vec::new() };
        self.merge_into(s, pointer, owner, &mut merged, 0);
        merged
    }

    fn merge_into(&mut self, s: &'a Schema, pointer: &str, owner: &str, out: &mut Merged<'a>, depth: usize) {
        if depth > MAX_DEPTH {
            self.diags.push(Diagnostic::new(Code::AllOfTooDeep, pointer, "allOf/$ref chain is too deep or cyclic"));
            return;
        }
        if let Some(reference) = &s.reference {
            match self.schema_ref(reference, pointer) {
                Some(SchemaTarget::Component(target)) => {
                    let t = target.value;
                    let is_objectish = !t.properties.is_empty() || t.all_of.is_some() || t.reference.is_some();
                    if let Some(start) = out.chain.iter().position(|k| *k == target.key) {
                        // A cycle of plain `$ref`s is reported once, by
                        // `recursion`, when its types are built; one through
                        // `allOf` can never be merged.
                        let cycle = &out.chain[start..];
                        let plain_refs = cycle.iter().all(|k| {
                            self.doc
                                .components
                                .schemas
                                .get(*k)
                                .is_some_and(|c| c.reference.is_some() && !has_structure(c))
                        });
                        if !plain_refs {
                            let names: Vec<&str> = cycle.iter().chain([&target.key]).copied().collect();
                            self.diags.push(Diagnostic::new(
                                Code::AllOfCycle,
                                target.pointer.clone(),
                                format!("allOf cycle: {} cannot be merged into one struct", names.join(" → ")),
                            ));
                        }
                    } else if is_objectish {
                        let owner = self.component_names[target.key].clone();
                        out.chain.push(target.key);
                        self.merge_into(t, &target.pointer, &owner, out, depth + 1);
                        out.chain.pop();
                    } else {
                        out.other_parts.push(Part::Component(target.key));
                    }
                }
                Some(SchemaTarget::Borrowed { schema, pointer, .. }) => {
                    self.merge_into(schema, &pointer, owner, out, depth + 1);
                }
                None => {}
            }
        }
        if let Some(parts) = &s.all_of {
            for (i, part) in parts.iter().enumerate() {
                let part_pointer = join(&join(pointer, "allOf"), i);
                if part.boolean == Some(false) {
                    self.diags.push(Diagnostic::new(
                        Code::FalseAllOfPart,
                        &part_pointer,
                        "an `allOf` part that is `false` admits no value; it is ignored",
                    ));
                    continue;
                }
                if part.reference.is_none() && part.properties.is_empty() && part.all_of.is_none() {
                    if part.one_of.is_some() || part.any_of.is_some() || part.schema_type.is_some() {
                        out.other_parts.push(Part::Inline(part, part_pointer));
                    }
                    out.required.extend(part.required.iter().map(String::as_str));
                    continue;
                }
                self.merge_into(part, &part_pointer, owner, out, depth + 1);
            }
        }
        let props_pointer = join(pointer, "properties");
        for (key, prop) in &s.properties {
            // `false`: the property is never present, also where an
            // earlier part declared it.
            if prop.boolean == Some(false) {
                out.props.shift_remove(key.as_str());
                continue;
            }
            out.props.insert(
                key.as_str(),
                Prop { schema: prop, pointer: join(&props_pointer, key), owner: owner.to_string() },
            );
        }
        out.required.extend(s.required.iter().map(String::as_str));
    }

    fn object(&mut self, s: &'a Schema, pointer: &str, naming: Naming<'_>, depth: usize) -> TypeRef {
        let owner = self.hint_base(naming);
        let merged = self.merge(s, pointer, &owner);
        if merged.props.is_empty() {
            match principal_part(&merged.other_parts) {
                Some(Part::Component(key)) => return self.component(key),
                Some(Part::Inline(only, only_pointer)) => {
                    let (only, only_pointer) = (*only, only_pointer.clone());
                    return self.convert(only, &only_pointer, naming, depth + 1);
                }
                None => {}
            }
            return match &s.additional_properties {
                Some(BoolOrSchema::Schema(values)) => {
                    let hint = naming::owned::value(&owner);
                    let values_pointer = join(pointer, "additionalProperties");
                    let ty = self.convert(values, &values_pointer, Naming::Hint(&hint), depth + 1);
                    self.inline.insert(values.as_ref(), ty.clone());
                    TypeRef::Map(Box::new(ty))
                }
                _ => TypeRef::Json,
            };
        }
        let name = self.claim(naming);
        let wire: Vec<String> = merged.props.keys().map(|k| k.to_string()).collect();
        let names = name_all(&wire, naming::snake, &[]);
        let mut fields = Vec::with_capacity(names.len());
        for (field_name, (key, prop)) in names.into_iter().zip(&merged.props) {
            let owner = if prop.owner == owner { name.clone() } else { prop.owner.clone() };
            let hint = format!("{owner}{}", naming::pascal(key));
            let ty = self.schema(prop.schema, &prop.pointer, &hint);
            if let Some(purpose) = page_hints::purpose(self.doc, prop.schema) {
                self.page_hints.fields.entry(name.clone()).or_default().insert(key.to_string(), purpose);
            }
            fields.push(Field {
                name: field_name,
                docs: self.describe(prop.schema),
                ty,
                required: merged.required.contains(key),
                // Decided in `recursion`, once every type is known.
                boxed: (),
            });
        }
        let docs = self.describe(s);
        self.define(name, pointer, docs, TypeKind::Struct(Struct { fields }))
    }

    fn enumeration(&mut self, values: &[Value], s: &Schema, pointer: &str, naming: Naming<'_>) -> TypeRef {
        let values: Vec<&Value> = values.iter().filter(|v| !v.is_null()).collect();
        if values.is_empty() {
            return TypeRef::Json;
        }
        if values.iter().all(|v| v.is_string()) {
            let wire = distinct(values.iter().filter_map(|v| v.as_str()).map(str::to_string));
            return self.string_enum(wire, s, pointer, naming);
        }
        if values.iter().all(|v| v.as_i64().is_some()) {
            let ints = distinct(values.iter().filter_map(|v| v.as_i64()));
            let name = self.claim(naming);
            let variants = ints.into_iter().map(|v| (naming::int_variant(v), v)).collect();
            let docs = self.describe(s);
            return self.define(name, pointer, docs, TypeKind::IntEnum(variants));
        }
        if values.iter().all(|v| v.is_boolean()) {
            return TypeRef::Boolean;
        }
        if values.iter().all(|v| v.is_number()) {
            return TypeRef::Number;
        }
        TypeRef::Json
    }

    pub(super) fn string_enum(&mut self, wire: Vec<String>, s: &Schema, pointer: &str, naming: Naming<'_>) -> TypeRef {
        let name = self.claim(naming);
        let variants = name_all(&wire, naming::variant, &["Unknown"]);
        let docs = self.describe(s);
        self.define(name, pointer, docs, TypeKind::StringEnum(variants))
    }
}

/// The items in first-seen order, without repeats.
pub(super) fn distinct<T: PartialEq>(items: impl IntoIterator<Item = T>) -> Vec<T> {
    let mut out = Vec::new();
    for item in items {
        if !out.contains(&item) {
            out.push(item);
        }
    }
    out
}
