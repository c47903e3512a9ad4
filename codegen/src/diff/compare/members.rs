//! Comparing the members of a struct, a parameter set or a multipart form:
//! fields, query/header parameters and parts, paired by Rust and wire name.

use super::spelling::location;
use super::Cx;
use crate::diff::ChangeKind as K;
use crate::emit::signature::{self, RustType};
use crate::model::{Form, IntWidth, ListStyle, ParamLocation, ParamsStruct, PartKind, Struct, TypeRef};

impl Cx<'_> {
    pub(super) fn members(&mut self, owner: &str, noun: &str, old: &[Member], new: &[Member]) {
        let keys = |ms: &[Member]| ms.iter().map(|m| (m.rust.to_string(), m.wire.to_string())).collect::<Vec<_>>();
        let p = pair_up(&keys(old), &keys(new));
        for &i in &p.removed {
            let m = &old[i];
            self.push(K::MemberRemoved, format!("removed {noun} `{owner}.{}: {}`{}", m.rust, m.declared, wire_note(m)));
        }
        for &(i, j) in &p.pairs {
            self.member(owner, noun, &old[i], &new[j]);
        }
        for &j in &p.added {
            let m = &new[j];
            // A required nullable field starts as `None` in `new` and may
            // be absent from old JSON: as compatible as an optional one.
            let nullable = matches!(m.inner, TypeRef::Nullable(_));
            let (kind, how) = match (m.required, nullable) {
                (true, false) => (K::RequiredMemberAdded, "required"),
                (true, true) => (K::OptionalMemberAdded, "required nullable"),
                (false, _) => (K::OptionalMemberAdded, "optional"),
            };
            self.push(kind, format!("added {how} {noun} `{owner}.{}: {}`{}", m.rust, m.declared, wire_note(m)));
        }
    }

    fn member(&mut self, owner: &str, noun: &str, old: &Member, new: &Member) {
        let item = format!("{noun} `{owner}.{}`", new.rust);
        if old.rust != new.rust {
            self.push(
                K::MemberRenamed,
                format!("renamed {noun} `{owner}.{}` → `{owner}.{}` (wire `{}`)", old.rust, new.rust, new.wire),
            );
        }
        if old.wire != new.wire {
            let how = if new.style.is_some() { "is sent as" } else { "is named in JSON" };
            self.push(K::WireNameChanged, format!("{item} {how} `{}` (was `{}`)", new.wire, old.wire));
        }
        if let (Some((o_loc, o_list)), Some((n_loc, n_list))) = (old.style, new.style) {
            if o_loc != n_loc {
                self.push(
                    K::ParamStyleChanged,
                    format!("{item} is sent as a {} (was a {})", location(n_loc), location(o_loc)),
                );
            } else if o_list != n_list {
                self.push(
                    K::ParamStyleChanged,
                    format!("{item} sends a list as {} (was {})", n_list.describe(), o_list.describe()),
                );
            }
        }
        let (was, now) = (&old.declared, &new.declared);
        if !self.same_type(&old.ty, &new.ty) {
            let kind = match (old.required, new.required) {
                (false, true) if self.same_type(&old.inner, &new.inner) => Some((K::MemberMadeRequired, "required")),
                (true, false) if self.same_type(&old.inner, &new.inner) => Some((K::MemberMadeOptional, "optional")),
                _ => None,
            };
            match kind {
                Some((kind, how)) => self.push(kind, format!("{item} is now {how}: `{now}` (was `{was}`)")),
                None => self.push(K::MemberTypeChanged, format!("{item} changed type: `{now}` (was `{was}`)")),
            }
        } else if old.required != new.required {
            let how =
                if new.required { "required (`null` is always written)" } else { "optional (left out when `None`)" };
            self.push(K::NullableRequiredness, format!("{item} is now {how}; still `{now}`"));
        }
        if old.boxed != new.boxed {
            let how = if new.boxed { "now boxed" } else { "no longer boxed" };
            self.push(K::MemberBoxing, format!("{item} is {how}"));
        }
        self.docs(old.docs, new.docs, || item.clone());
    }
}

/// A struct field or a query/header parameter, as the generated struct
/// declares it.
pub(super) struct Member<'m> {
    rust: &'m str,
    wire: &'m str,
    /// The declared Rust type, `Option` included, for comparing.
    ty: TypeRef,
    /// The declared Rust type as users see it, `Box` included.
    declared: RustType,
    /// The type without the `Option` that optionality adds.
    inner: TypeRef,
    required: bool,
    boxed: bool,
    docs: Option<&'m str>,
    /// Where a parameter goes and whether lists repeat the key.
    style: Option<(ParamLocation, ListStyle)>,
}

pub(super) fn struct_members(s: &Struct) -> Vec<Member<'_>> {
    s.fields
        .iter()
        .map(|f| {
            // As in `emit::structs`: a nullable field is `Option` already.
            let nullable = matches!(f.ty, TypeRef::Nullable(_));
            let ty = if f.required || nullable { f.ty.clone() } else { TypeRef::Nullable(Box::new(f.ty.clone())) };
            Member {
                rust: &f.name.rust,
                wire: &f.name.wire,
                ty,
                declared: signature::field(f),
                inner: f.ty.clone(),
                required: f.required,
                boxed: f.boxed,
                docs: f.docs.as_deref(),
                style: None,
            }
        })
        .collect()
}

pub(super) fn params_members(p: &ParamsStruct) -> Vec<Member<'_>> {
    p.fields
        .iter()
        .map(|f| Member {
            rust: &f.name.rust,
            wire: &f.name.wire,
            ty: if f.required { f.ty.clone() } else { TypeRef::Nullable(Box::new(f.ty.clone())) },
            declared: signature::param_field(f),
            inner: f.ty.clone(),
            required: f.required,
            boxed: false,
            docs: f.docs.as_deref(),
            style: Some((f.location, f.list)),
        })
        .collect()
}

pub(super) fn form_members(form: &Form) -> Vec<Member<'_>> {
    form.fields
        .iter()
        .map(|f| {
            // A file compares as bytes: a field that becomes a file, or stops
            // being one, changes type.
            let bytes = || TypeRef::Vec(Box::new(TypeRef::Integer(IntWidth::U8)));
            let one = match &f.part {
                PartKind::File { .. } => bytes(),
                PartKind::Text { ty, .. } | PartKind::Json { ty, .. } => ty.clone(),
            };
            let inner = if f.repeated { TypeRef::Vec(Box::new(one)) } else { one };
            Member {
                rust: &f.name.rust,
                wire: &f.name.wire,
                ty: if f.required { inner.clone() } else { TypeRef::Nullable(Box::new(inner.clone())) },
                declared: signature::form_field(f),
                inner,
                required: f.required,
                boxed: false,
                docs: f.docs.as_deref(),
                style: None,
            }
        })
        .collect()
}

fn wire_note(m: &Member) -> String {
    if m.rust == m.wire {
        String::new()
    } else {
        format!(" (wire `{}`)", m.wire)
    }
}

/// Old and new items paired by `(rust, wire)` keys: equal keys first, then
/// the same wire name (a Rust rename), then the same Rust name (a wire
/// rename); the rest were removed or added.
pub(super) struct Pairing {
    pub(super) pairs: Vec<(usize, usize)>,
    pub(super) removed: Vec<usize>,
    pub(super) added: Vec<usize>,
}

/// Whether two `(rust, wire)` keys count as the same item.
type SameKey = fn(&(String, String), &(String, String)) -> bool;

pub(super) fn pair_up(old: &[(String, String)], new: &[(String, String)]) -> Pairing {
    let mut new_used = vec![false; new.len()];
    let mut old_pair: Vec<Option<usize>> = vec![None; old.len()];
    let rules: [SameKey; 3] = [|a, b| a == b, |a, b| a.1 == b.1, |a, b| a.0 == b.0];
    for same in rules {
        for (i, o) in old.iter().enumerate() {
            if old_pair[i].is_some() {
                continue;
            }
            if let Some(j) = (0..new.len()).find(|&j| !new_used[j] && same(o, &new[j])) {
                new_used[j] = true;
                old_pair[i] = Some(j);
            }
        }
    }
    Pairing {
        pairs: old_pair.iter().enumerate().filter_map(|(i, j)| j.map(|j| (i, j))).collect(),
        removed: old_pair.iter().enumerate().filter(|(_, j)| j.is_none()).map(|(i, _)| i).collect(),
        added: (0..new.len()).filter(|&j| !new_used[j]).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(items: &[(&str, &str)]) -> Vec<(String, String)> {
        items.iter().map(|(r, w)| (r.to_string(), w.to_string())).collect()
    }

    #[test]
    fn pairs_by_both_names_then_wire_then_rust() {
        let old = keys(&[("a", "a"), ("b", "bWire"), ("c", "cOld"), ("gone", "gone")]);
        let new = keys(&[("b2", "bWire"), ("a", "a"), ("c", "cNew"), ("fresh", "fresh")]);
        let p = pair_up(&old, &new);
        assert_eq!(p.pairs, vec![(0, 1), (1, 0), (2, 2)]);
        assert_eq!(p.removed, vec![3]);
        assert_eq!(p.added, vec![3]);
    }
}
