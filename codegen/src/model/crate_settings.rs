//! The crate's name, version and environment prefix given by the caller
//! (`--crate-name`, `--crate-version`, `--env-prefix`, or the same
//! [`Builder`](crate::build::Builder) options), which override the spec's
//! `info.x-rust-crate`, `info.x-rust-crate-version` and `info.x-env-prefix`.
//!
//! They are recorded in the generated files' header as the flags that give
//! them, so that the header names the whole command that reproduces the
//! crate, and `--check` without them reports the crate stale.

use crate::naming;
use crate::parse::names::is_plain_version;

/// Settings that replace the spec's `info.x-*` extensions; `None` keeps
/// the spec's (or the default derived from the title).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CrateSettings {
    /// The crate's name, as `x-rust-crate` (made `kebab-case` the same way).
    pub name: Option<String>,
    /// The crate's version, as `x-rust-crate-version`.
    pub version: Option<String>,
    /// The prefix of the variables `Client::from_env` reads, as
    /// `x-env-prefix`.
    pub env_prefix: Option<String>,
}

impl CrateSettings {
    /// Why a setting cannot be used, naming its flag; `Ok` when all can.
    pub fn validate(&self) -> Result<(), String> {
        if let Some(name) = &self.name {
            let ok = name.starts_with(|c: char| c.is_ascii_alphabetic())
                && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
            if !ok {
                return Err(format!(
                    "--crate-name {name:?} is not a crate name: use ASCII letters, digits, `-` and `_`, starting with a letter"
                ));
            }
        }
        if let Some(version) = self.version.as_deref().filter(|v| !is_plain_version(v)) {
            return Err(format!("--crate-version {version:?} is not a version: use MAJOR.MINOR.PATCH, e.g. `0.1.0`"));
        }
        if let Some(prefix) = &self.env_prefix {
            let ok = !prefix.is_empty() && prefix.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
            if !ok {
                return Err(format!(
                    "--env-prefix {prefix:?} is not an environment variable prefix: use ASCII letters, digits and `_`"
                ));
            }
        }
        Ok(())
    }

    /// The flags that give these settings, as the header records them:
    /// e.g. `--crate-name my-api --env-prefix MY`. Empty when none is set.
    /// Validated values need no shell quoting.
    pub fn flags(&self) -> String {
        let pairs =
            [("--crate-name", &self.name), ("--crate-version", &self.version), ("--env-prefix", &self.env_prefix)];
        pairs
            .iter()
            .filter_map(|(flag, value)| value.as_ref().map(|v| format!("{flag} {v}")))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The crate name: the setting, else `x-rust-crate`, else the title's.
    pub(crate) fn crate_name(&self, from_spec: Option<&str>, title: &str) -> String {
        match self.name.as_deref().or(from_spec) {
            Some(name) => naming::crate_name(name),
            None if title.trim().is_empty() => "openapi-client".to_string(),
            None => naming::crate_name(title),
        }
    }

    /// The version: the setting, else `x-rust-crate-version`, else `0.1.0`.
    pub(crate) fn crate_version(&self, from_spec: Option<&str>) -> String {
        self.version.as_deref().or(from_spec).unwrap_or("0.1.0").to_string()
    }

    /// The variables' prefix: the setting, else `x-env-prefix`, else the
    /// crate name's.
    pub(crate) fn env_prefix(&self, from_spec: Option<&str>, crate_name: &str) -> String {
        match self.env_prefix.as_deref().or(from_spec) {
            Some(prefix) => prefix.to_string(),
            None => naming::env_prefix(crate_name),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_override_the_spec_and_the_title() {
        let none = CrateSettings::default();
        assert_eq!(none.crate_name(None, "GitHub v3 REST API"), "github-v3-rest-api");
        assert_eq!(none.crate_name(Some("my_api"), "GitHub"), "my-api");
        assert_eq!(none.crate_name(None, " "), "openapi-client");
        assert_eq!(none.crate_version(None), "0.1.0");
        assert_eq!(none.env_prefix(None, "github-v3"), "GITHUB_V3");
        assert_eq!(none.flags(), "");
        let set =
            CrateSettings { name: Some("gh".into()), version: Some("2.1.0".into()), env_prefix: Some("GH".into()) };
        assert_eq!(set.crate_name(Some("my_api"), "GitHub"), "gh");
        assert_eq!(set.crate_version(Some("1.0.0")), "2.1.0");
        assert_eq!(set.env_prefix(Some("X"), "gh"), "GH");
        assert_eq!(set.flags(), "--crate-name gh --crate-version 2.1.0 --env-prefix GH");
        assert_eq!(set.validate(), Ok(()));
    }

    #[test]
    fn unusable_settings_name_their_flag() {
        let bad = [
            CrateSettings { name: Some("my api".into()), ..Default::default() },
            CrateSettings { name: Some("2fa".into()), ..Default::default() },
            CrateSettings { version: Some("1.0".into()), ..Default::default() },
            CrateSettings { env_prefix: Some("MY-API".into()), ..Default::default() },
            CrateSettings { env_prefix: Some(String::new()), ..Default::default() },
        ];
        for (settings, flag) in
            bad.iter().zip(["--crate-name", "--crate-name", "--crate-version", "--env-prefix", "--env-prefix"])
        {
            let err = settings.validate().expect_err("unusable");
            assert!(err.starts_with(flag), "{err}");
        }
    }
}
