//! Cargo features that let users compile only the part of an API they use.
//! Operations are grouped (by tag, or by resource path segment when there
//! are more tags than crates.io allows features); each group is a feature
//! that gates its operations and the types only it reaches. A type reached
//! by several groups compiles when any of them is on, and one reached by an
//! operation outside every group always compiles, so every combination of
//! features compiles. `default` turns every group on.

use super::reach::reached;
use super::{Feature, FeaturesBy, Operation, TypeDef, Undecided};
use crate::diagnostic::{Code, Diagnostic};
use crate::naming::{self, Namespace};
use rustc_hash::FxHashMap;
use std::collections::{BTreeMap, BTreeSet};

/// crates.io accepts at most 300 features per crate; the generator's own
/// (see [`naming::FIXED_FEATURES`]) and some room for growth come first.
pub(super) const MAX_GROUPS: usize = 300 - 20;

/// The crate's features and the operations each gates: what `decide`
/// moves into [`Operation::features`], and the build into
/// [`Api::features`](super::Api::features).
pub(super) struct Grouping {
    /// Each operation's features, sorted, in the order of the operations;
    /// empty when it always compiles.
    pub operations: Vec<Vec<String>>,
    /// The features, sorted by name.
    pub features: Vec<Feature>,
    /// When an explicit choice yields more features than crates.io
    /// accepts.
    pub warning: Option<Diagnostic>,
}

/// Groups `operations` into features (by tag or path, which every
/// operation has from the start).
pub(super) fn group(operations: &[Operation<Undecided>], by: FeaturesBy) -> Grouping {
    let tags: BTreeSet<&str> = operations.iter().flat_map(|op| op.tags.iter().map(String::as_str)).collect();
    let by = match by {
        FeaturesBy::Auto if tags.len() > MAX_GROUPS => FeaturesBy::Path,
        FeaturesBy::Auto if tags.len() >= 2 => FeaturesBy::Tag,
        FeaturesBy::Auto => FeaturesBy::None,
        explicit => explicit,
    };
    let groups_of = |op: &Operation<Undecided>| -> Vec<String> {
        match by {
            FeaturesBy::Tag => op.tags.clone(),
            FeaturesBy::Path => vec![path_group(&op.path)],
            FeaturesBy::Auto | FeaturesBy::None => Vec::new(),
        }
    };
    let op_groups: Vec<Vec<String>> = operations.iter().map(groups_of).collect();
    let keys: BTreeSet<&str> = op_groups.iter().flatten().map(String::as_str).collect();

    // Names are claimed in the order of their spelling, so they do not
    // depend on the order of operations in the spec.
    let mut named: Vec<(String, &str)> = keys.iter().map(|k| (naming::feature(k), *k)).collect();
    named.sort();
    let mut namespace = Namespace::with_reserved(naming::FIXED_FEATURES);
    let name_of: FxHashMap<&str, String> =
        named.iter().map(|(name, key)| (*key, namespace.claim(name.clone()))).collect();

    let mut features: BTreeMap<String, Feature> = BTreeMap::new();
    let mut op_features: Vec<Vec<String>> = Vec::with_capacity(operations.len());
    for groups in &op_groups {
        let mut names: Vec<String> = Vec::new();
        for group in groups {
            let name = &name_of[group.as_str()];
            if names.contains(name) {
                continue;
            }
            names.push(name.clone());
            let docs = match by {
                FeaturesBy::Path => format!("Operations under the `{group}` path segment"),
                _ => format!("Operations tagged `{group}`"),
            };
            features.entry(name.clone()).or_insert(Feature { name: name.clone(), docs, operations: 0 }).operations += 1;
        }
        names.sort();
        op_features.push(names);
    }
    let features: Vec<Feature> = features.into_values().collect();
    let warning = (features.len() > MAX_GROUPS).then(|| {
        Diagnostic::new(
            Code::TooManyFeatures,
            "",
            format!(
                "{} features is more than crates.io accepts ({MAX_GROUPS} for operations); the crate builds but cannot be published",
                features.len()
            ),
        )
        .with_hint("group by path segment with `--features-by path`")
    });
    Grouping { operations: op_features, features, warning }
}

/// The resource a path belongs to: its first literal segment after a
/// leading scope such as `/accounts/{account_id}` or `/zones/{zone_id}`
/// (a literal followed by a parameter); the first literal when nothing
/// follows the scope, `root` for `/`.
pub(super) fn path_group(path: &str) -> String {
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let is_param = |s: &str| s.starts_with('{');
    let scoped = segments.len() > 1 && !is_param(segments[0]) && is_param(segments[1]);
    let after_scope = segments.iter().skip(if scoped { 2 } else { 0 }).find(|s| !is_param(s));
    let first = segments.iter().find(|s| !is_param(s));
    after_scope.or(first).map_or_else(|| "root".to_string(), |s| s.to_string())
}

/// Each type the operations' features reach, with those features (what
/// `decide` moves into [`TypeDef::features`]); a type reached by an
/// operation without features is left out (it always compiles). It reads
/// the decided operations, which hold their features and send a multipart
/// field as `decide` chose.
pub(super) fn gate_types(
    types: &BTreeMap<String, TypeDef<Undecided>>,
    operations: &[Operation],
) -> FxHashMap<String, Vec<String>> {
    let mut by_feature: BTreeMap<&str, Vec<&Operation>> = BTreeMap::new();
    let mut ungated: Vec<&Operation> = Vec::new();
    for op in operations {
        if op.features.is_empty() {
            ungated.push(op);
        }
        for f in &op.features {
            by_feature.entry(f.as_str()).or_default().push(op);
        }
    }
    if by_feature.is_empty() {
        return FxHashMap::default();
    }
    let index = super::by_name(types);
    let lookup = |name: &str| index.get(name).copied();
    let always = reached(lookup, &ungated);
    // Features come in name order (the map is sorted), so each list is.
    let mut gates: FxHashMap<String, Vec<String>> = FxHashMap::default();
    for (feature, ops) in &by_feature {
        for name in reached(lookup, ops) {
            if !always.contains(name) {
                gates.entry(name.to_string()).or_default().push(feature.to_string());
            }
        }
    }
    gates
}

#[cfg(test)]
mod tests {
    use super::path_group;

    #[test]
    fn paths_group_by_resource() {
        let table = [
            ("/accounts/{account_id}/stream/{identifier}/downloads", "stream"),
            ("/zones/{zone_id}/dns_records/{id}", "dns_records"),
            ("/accounts/{account_id}", "accounts"),
            ("/accounts", "accounts"),
            ("/user/tokens/{id}", "user"),
            ("/certificates/{identifier}", "certificates"),
            ("/accounts/{a}/workers/scripts/{name}", "workers"),
            ("/accounts/{a}/zones/{z}/settings", "zones"),
            ("/{tenant}/items", "items"),
            ("/", "root"),
        ];
        for (path, want) in table {
            assert_eq!(path_group(path), want, "{path}");
        }
    }
}
