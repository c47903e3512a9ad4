//! The code every generated enum shares, written once. A generated enum is
//! one macro call listing its values; the macros below expand it to the
//! enum, its `Unknown` catch-all and small hand-written impls (no serde
//! derive, no allocation when serializing). Keeping this code here rather
//! than repeating it in every enum is what keeps large APIs cheap to
//! compile.

use serde::de::{Deserializer, Visitor};
use std::fmt;
use std::hash::{Hash, Hasher};
use std::marker::PhantomData;

/// Declares a string enum that keeps values it does not know:
///
/// ```text
/// string_enum! {
///     /// The status of a download.
///     DownloadStatus {
///         Ready = "ready",
///         InProgress = "inprogress",
///     }
/// }
/// ```
///
/// gives `enum DownloadStatus { Ready, InProgress, Unknown(String) }` with
/// `as_str`, `From<&str>`, `Display`, `Serialize` and `Deserialize`. The
/// enum is `#[non_exhaustive]`: the API adds values, and a new variant must
/// not break the users' `match`es, which therefore end in a wildcard arm.
/// Where a struct's `Default` needs one, the call derives `Default` (with
/// the `defaults` feature) and marks the first value `#[default]`. (No
/// `From<String>` or `Into<String>`: on large APIs every impl per enum
/// counts, and `Status::from(text.as_str())` and `status.to_string()` do
/// the same.)
#[allow(unused_macros)]
macro_rules! string_enum {
    ($(#[$attr:meta])* $name:ident { $($(#[$default:meta])? $variant:ident = $wire:literal,)* }) => {
        $(#[$attr])*
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub enum $name {
            $(#[doc = concat!("`", $wire, "`")] $(#[$default])? $variant,)*
            /// A value this client does not know yet.
            Unknown(String),
        }

        impl $name {
            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $wire,)*
                    Self::Unknown(value) => value,
                }
            }
        }

        impl Eq for $name {}

        // Written, not derived: see `hash`.
        impl ::std::hash::Hash for $name {
            fn hash<H: ::std::hash::Hasher>(&self, state: &mut H) {
                $crate::runtime::enums::hash(self, self.as_str(), state)
            }
        }

        impl From<&str> for $name {
            fn from(value: &str) -> Self {
                match value {
                    $($wire => Self::$variant,)*
                    _ => Self::Unknown(value.to_owned()),
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                $crate::runtime::enums::deserialize_str(deserializer)
            }
        }
    };
}
#[allow(unused_imports)]
pub(crate) use string_enum;

/// Declares an integer enum that keeps values it does not know:
/// `int_enum! { Level { V1 = 1, VMinus1 = -1, } }` gives `enum Level { V1,
/// VMinus1, Unknown(i64) }` with `value()`, `From<i64>`, `Display`,
/// `Serialize` and `Deserialize`, `#[non_exhaustive]` and with `Default`
/// where needed like [`string_enum!`]'s enums.
#[allow(unused_macros)]
macro_rules! int_enum {
    ($(#[$attr:meta])* $name:ident { $($(#[$default:meta])? $variant:ident = $value:literal,)* }) => {
        $(#[$attr])*
        #[derive(Debug, Clone, Copy, PartialEq)]
        #[non_exhaustive]
        pub enum $name {
            $(#[doc = concat!("`", $value, "`")] $(#[$default])? $variant,)*
            /// A value this client does not know yet.
            Unknown(i64),
        }

        impl $name {
            /// The value as sent on the wire.
            pub fn value(self) -> i64 {
                match self {
                    $(Self::$variant => $value,)*
                    Self::Unknown(value) => value,
                }
            }
        }

        impl Eq for $name {}

        impl ::std::hash::Hash for $name {
            fn hash<H: ::std::hash::Hasher>(&self, state: &mut H) {
                $crate::runtime::enums::hash(self, &self.value(), state)
            }
        }

        impl From<i64> for $name {
            fn from(value: i64) -> Self {
                match value {
                    $($value => Self::$variant,)*
                    _ => Self::Unknown(value),
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                write!(f, "{}", self.value())
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_i64(self.value())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                <i64 as ::serde::Deserialize>::deserialize(deserializer).map(Self::from)
            }
        }
    };
}
#[allow(unused_imports)]
pub(crate) use int_enum;

/// An enum's `Hash`: its variant and its wire value, which is what makes
/// two values equal. Derived, `Hash` and `Eq` were 22 KB of the compiler's
/// memory per enum in `cargo check`; `PartialEq` stays derived, so that
/// constants of the enums can be matched as patterns.
// Unused in a crate (or a feature selection) without enums.
#[allow(dead_code)]
pub fn hash<T, V: Hash + ?Sized, H: Hasher>(value: &T, wire: &V, state: &mut H) {
    std::mem::discriminant(value).hash(state);
    wire.hash(state);
}

/// Reads a string enum: borrowed text when the input allows, so a known
/// value costs no allocation.
// Unused in a crate (or a feature selection) without string enums.
#[allow(dead_code)]
pub fn deserialize_str<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: for<'a> From<&'a str>,
{
    struct Text<T>(PhantomData<T>);

    impl<'de, T: for<'a> From<&'a str>> Visitor<'de> for Text<T> {
        type Value = T;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string")
        }

        fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<T, E> {
            Ok(T::from(value))
        }

    }

    deserializer.deserialize_str(Text(PhantomData))
}
//@ if tests

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    crate::runtime::string_enum! {
        Status {
            Ready = "ready",
            Failed = "failed",
        }
    }

    crate::runtime::int_enum! {
        Level {
            V1 = 1,
        }
    }

    #[test]
    fn values_equal_as_the_derives_had_them_and_hash_alike() {
        let statuses = [Status::from("ready"), Status::Ready, Status::Unknown("ready".into()), Status::from("new")];
        assert_eq!(statuses[0], statuses[1]);
        // A known value is not equal to the same text kept as unknown.
        assert_ne!(statuses[1], statuses[2]);
        assert_eq!(Status::from("new"), Status::Unknown("new".into()));
        let set: HashSet<Status> = statuses.into_iter().chain([Status::Unknown("new".into())]).collect();
        assert_eq!(set.len(), 3, "{set:?}");
        let levels: HashSet<Level> = [Level::from(1), Level::V1, Level::Unknown(1), Level::from(2)].into();
        assert_eq!(levels.len(), 3, "{levels:?}");
    }
}
//@ end
