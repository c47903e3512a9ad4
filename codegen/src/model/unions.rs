//! `oneOf` / `anyOf`. A union of string enums is one string enum; a union
//! whose variants each have their own value of one property (a
//! `discriminator`, or a `const` / single-value `enum`) is tagged by it;
//! anything else is untagged, tried in order. Every union has a catch-all
//! variant, so a variant added to the API later does not fail decoding.

use super::builder::Builder;
use super::refs::{self, Found, Kind};
use super::schema::{distinct, is_null_schema, Naming, MAX_DEPTH};
use super::{Tag, TypeKind, TypeRef, Unresolved, Variant};
use crate::diagnostic::{join, Code, Diagnostic};
use crate::naming::{self, name_all};
use crate::parse::document::{Discriminator, Schema};
use rustc_hash::FxHashSet;
use serde_json::Value;

/// The tag property of a union and each kept variant's values of it.
struct Tagging {
    property: String,
    values: Vec<Vec<String>>,
}

impl<'a> Builder<'a> {
    pub(super) fn union(
        &mut self,
        s: &'a Schema,
        variants: &'a [Schema],
        pointer: &str,
        naming: Naming<'_>,
        depth: usize,
    ) -> TypeRef {
        let mut nullable = false;
        let mut kept: Vec<(usize, &'a Schema)> = Vec::new();
        for (i, v) in variants.iter().enumerate() {
            if is_null_schema(v) {
                nullable = true;
            } else {
                kept.push((i, v));
            }
        }
        let wrap = |ty: TypeRef, nullable: bool| {
            if nullable && !matches!(ty, TypeRef::Nullable(_) | TypeRef::Json) {
                TypeRef::Nullable(Box::new(ty))
            } else {
                ty
            }
        };
        match kept.as_slice() {
            [] => return TypeRef::Json,
            [(i, only)] => {
                let ty = self.convert(only, &join(pointer, i), naming, depth + 1);
                return wrap(ty, nullable);
            }
            _ => {}
        }
        // A union of string enums is one string enum with all the values.
        let strings: Option<Vec<Vec<String>>> = kept.iter().map(|(_, v)| self.string_values(v, 0)).collect();
        if let Some(strings) = strings {
            let ty = self.string_enum(distinct(strings.into_iter().flatten()), s, pointer, naming);
            return wrap(ty, nullable);
        }
        let name = self.claim(naming);
        let tagging = self.tagging(s.discriminator.as_ref(), &kept);
        // (label, type, tag values) in spec order, one per distinct type.
        let mut entries: Vec<(String, TypeRef, Vec<String>)> = Vec::new();
        for (k, (i, v)) in kept.iter().enumerate() {
            let hint_label = match (&tagging, &v.title) {
                (Some(t), _) => naming::variant(&t.values[k][0]),
                (None, Some(title)) => naming::pascal(title),
                (None, None) if !v.properties.is_empty() => "Object".to_string(),
                (None, None) => format!("Variant{}", i + 1),
            };
            let ty = self.schema(v, &join(pointer, i), &format!("{name}{hint_label}"));
            let ty = match ty {
                TypeRef::Nullable(inner) => {
                    nullable = true;
                    *inner
                }
                ty => ty,
            };
            let values = tagging.as_ref().map(|t| t.values[k].clone()).unwrap_or_default();
            match entries.iter_mut().find(|(_, seen, _)| *seen == ty) {
                Some((_, _, seen_values)) => seen_values.extend(values),
                None => {
                    let label = match &tagging {
                        Some(_) => hint_label,
                        None => variant_label(&ty),
                    };
                    entries.push((label, ty, values));
                }
            }
        }
        let property = tagging.map(|t| t.property);
        let docs = self.describe(s);
        self.finish_union(&name, pointer, docs, property, entries);
        wrap(TypeRef::Named(name), nullable)
    }

    /// An untagged union of types already converted (e.g. an operation's
    /// success bodies), named from `hint`.
    pub(super) fn union_of(&mut self, hint: &str, pointer: &str, types: Vec<TypeRef>) -> TypeRef {
        let name = self.claim(Naming::Hint(hint));
        let entries = types.into_iter().map(|ty| (variant_label(&ty), ty, Vec::new())).collect();
        self.finish_union(&name, pointer, None, None, entries);
        TypeRef::Named(name)
    }

    /// Names the variants and adds the union's type. `entries` are
    /// `(label, type, tag values)`; `property` is the tag, if tagged.
    fn finish_union(
        &mut self,
        name: &str,
        pointer: &str,
        docs: Option<String>,
        property: Option<String>,
        entries: Vec<(String, TypeRef, Vec<String>)>,
    ) {
        let mut labels: Vec<String> = entries.iter().map(|(l, _, _)| l.clone()).collect();
        if property.is_none() {
            labels = readable_labels(name, labels);
        }
        // The catch-all keeps its name whatever the variants are called.
        let names = name_all(&labels, naming::variant, &["Unknown"]);
        let mut out: Vec<Variant<Unresolved>> = names
            .into_iter()
            .zip(entries)
            .map(|(n, (_, ty, values))| Variant {
                name: n.rust,
                ty,
                boxed: (),
                tag: property.as_ref().map(|p| Tag { property: p.clone(), values }),
            })
            .collect();
        // A variant that is any JSON value already catches everything.
        if !out.iter().any(|v| v.ty == TypeRef::Json) {
            out.push(Variant { name: "Unknown".to_string(), ty: TypeRef::Json, boxed: (), tag: None });
        }
        self.define(name.to_string(), pointer, docs, TypeKind::Union(out));
    }

    /// Each value of the discriminator's `mapping` must name a schema: by
    /// a `$ref`, or (as OpenAPI allows) by its name. The lookups that read
    /// the mapping later skip what this reports.
    pub(super) fn check_mapping(&mut self, s: &Schema, pointer: &str) {
        let Some(d) = &s.discriminator else { return };
        let mapping_pointer = join(&join(pointer, "discriminator"), "mapping");
        for (value, target) in &d.mapping {
            let at = join(&mapping_pointer, value);
            let error = if target.starts_with('#') {
                match refs::resolve(self.doc, target, Kind::Schema, &at) {
                    Ok(Found::Schema(_)) => continue,
                    Ok(found) => refs::wrong_kind(target, &found, Kind::Schema, &at),
                    Err(d) => d,
                }
            } else if self.doc.components.schemas.contains_key(target.as_str()) {
                continue;
            } else {
                Diagnostic::new(
                    Code::DiscriminatorMapping,
                    &at,
                    format!("discriminator mapping '{value}' names '{target}', which is not a schema"),
                )
            };
            self.diags.push(self.options.recover(error, "the mapping entry is not used"));
        }
    }

    /// String values of a schema that is a string enum or string const
    /// (following `$ref`), or `None` if it is anything else.
    fn string_values(&self, s: &Schema, depth: usize) -> Option<Vec<String>> {
        if depth > MAX_DEPTH {
            return None;
        }
        if let Some(reference) = &s.reference {
            let target = refs::schema_of(self.doc, reference)?;
            return self.string_values(target, depth + 1);
        }
        if let Some(Value::String(v)) = &s.const_value {
            return Some(vec![v.clone()]);
        }
        let values = s.enum_values.as_ref()?;
        let strings: Vec<String> = values.iter().filter_map(|v| v.as_str().map(str::to_string)).collect();
        (strings.len() == values.iter().filter(|v| !v.is_null()).count() && !strings.is_empty()).then_some(strings)
    }

    /// How the variants are told apart, if a property does it: the
    /// discriminator's, or else the first property that every variant fixes
    /// to a single value of its own. Every value must select one variant.
    fn tagging(&self, discriminator: Option<&Discriminator>, kept: &[(usize, &'a Schema)]) -> Option<Tagging> {
        let candidates: Vec<String> = match discriminator {
            Some(d) => vec![d.property_name.clone()],
            None => {
                let (_, first) = kept.first()?;
                self.fixed_properties(first, 0)
            }
        };
        candidates.into_iter().find_map(|property| {
            let mut seen: FxHashSet<String> = FxHashSet::default();
            let mut values = Vec::with_capacity(kept.len());
            for (_, v) in kept {
                let own = self.variant_values(discriminator, v, &property)?;
                if !own.iter().all(|value| seen.insert(value.clone())) {
                    return None;
                }
                values.push(own);
            }
            Some(Tagging { property, values })
        })
    }

    /// The values of `property` that select variant `v`: the
    /// discriminator's mapping, else the variant's own `const` / `enum` of
    /// the property, else (with a discriminator) the schema's name, as
    /// OpenAPI defines it. Published specs often leave out the mapping and
    /// mean the property's enum, so that is preferred over the name.
    fn variant_values(&self, discriminator: Option<&Discriminator>, v: &Schema, property: &str) -> Option<Vec<String>> {
        let key = v.reference.as_deref().and_then(|r| refs::schema_component(self.doc, r)).map(|t| t.key);
        let Some(d) = discriminator else {
            return self.property_values(v, property, 0).filter(|values| values.len() == 1);
        };
        let mapped: Vec<String> = d
            .mapping
            .iter()
            .filter(|(_, target)| {
                let target_key = refs::schema_component(self.doc, target).map(|t| t.key);
                key.is_some() && (target_key == key || key == Some(target.as_str()))
            })
            .map(|(value, _)| value.clone())
            .collect();
        if !mapped.is_empty() {
            return Some(mapped);
        }
        self.property_values(v, property, 0).or_else(|| key.map(|k| vec![k.to_string()]))
    }

    /// Properties of `s` (following `$ref` and `allOf`) that have exactly
    /// one string value, in declaration order.
    fn fixed_properties(&self, s: &Schema, depth: usize) -> Vec<String> {
        if depth > MAX_DEPTH {
            return Vec::new();
        }
        let mut out: Vec<String> = Vec::new();
        if let Some(target) = s.reference.as_deref().and_then(|r| refs::schema_of(self.doc, r)) {
            out.extend(self.fixed_properties(target, depth + 1));
        }
        for part in s.all_of.iter().flatten() {
            out.extend(self.fixed_properties(part, depth + 1));
        }
        for (key, prop) in &s.properties {
            if self.string_values(prop, 0).is_some_and(|v| v.len() == 1) && !out.contains(key) {
                out.push(key.clone());
            }
        }
        out
    }

    /// The string values `property` is limited to in `s` (following `$ref`
    /// and `allOf`; later definitions win), if it is limited to any.
    fn property_values(&self, s: &Schema, property: &str, depth: usize) -> Option<Vec<String>> {
        if depth > MAX_DEPTH {
            return None;
        }
        if let Some(prop) = s.properties.get(property) {
            return self.string_values(prop, 0);
        }
        let parts = s.all_of.iter().flatten().rev();
        let from_parts = parts.into_iter().find_map(|part| self.property_values(part, property, depth + 1));
        from_parts.or_else(|| {
            let target = refs::schema_of(self.doc, s.reference.as_deref()?)?;
            self.property_values(target, property, depth + 1)
        })
    }
}

fn variant_label(ty: &TypeRef) -> String {
    match ty {
        TypeRef::Named(n) => n.clone(),
        TypeRef::String => "String".into(),
        TypeRef::Integer(_) => "Integer".into(),
        TypeRef::Number => "Number".into(),
        TypeRef::Boolean => "Boolean".into(),
        TypeRef::Json => "Json".into(),
        TypeRef::Vec(inner) => format!("{}List", variant_label(inner)),
        TypeRef::Map(inner) => format!("{}Map", variant_label(inner)),
        TypeRef::Nullable(inner) => variant_label(inner),
    }
}

/// Variant names without what they all repeat: the union's own name
/// (`ShapeCircle` in `Shape` is `Circle`) and a common prefix of words
/// (`DnsRecordsARecord`, `DnsRecordsCnameRecord` are `ARecord`,
/// `CnameRecord`). Only this union's variants decide, so the names do not
/// change when unrelated parts of the spec do.
fn readable_labels(union: &str, labels: Vec<String>) -> Vec<String> {
    let labels: Vec<String> = labels
        .into_iter()
        .map(|l| match l.strip_prefix(union) {
            Some(rest) if rest.starts_with(|c: char| c.is_ascii_uppercase()) => rest.to_string(),
            _ => l,
        })
        .collect();
    let words: Vec<Vec<&str>> = labels.iter().map(|l| pascal_words(l)).collect();
    let common = match words.split_first() {
        Some((first, rest)) if !rest.is_empty() => {
            (0..first.len()).take_while(|&i| rest.iter().all(|w| w.get(i) == first.get(i))).count()
        }
        _ => 0,
    };
    let strippable = common > 0
        && words.iter().all(|w| w.get(common).is_some_and(|next| next.starts_with(|c: char| c.is_ascii_uppercase())));
    if !strippable {
        return labels;
    }
    words.iter().map(|w| w[common..].concat()).collect()
}

/// `DnsRecordsARecord` → `Dns`, `Records`, `A`, `Record`.
fn pascal_words(ident: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in ident.char_indices().skip(1) {
        if c.is_ascii_uppercase() {
            out.push(&ident[start..i]);
            start = i;
        }
    }
    out.push(&ident[start..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(union: &str, raw: &[&str]) -> Vec<String> {
        readable_labels(union, raw.iter().map(|s| s.to_string()).collect())
    }

    #[test]
    fn strips_what_every_variant_repeats() {
        assert_eq!(labels("Record", &["DnsRecordsARecord", "DnsRecordsCnameRecord"]), ["ARecord", "CnameRecord"]);
        assert_eq!(labels("Shape", &["ShapeCircle", "ShapeSquare"]), ["Circle", "Square"]);
        assert_eq!(labels("Value", &["String", "StringList"]), ["String", "StringList"]);
        assert_eq!(labels("Value", &["Foo", "FooBar"]), ["Foo", "FooBar"]);
        assert_eq!(labels("Value", &["Only"]), ["Only"]);
    }
}
