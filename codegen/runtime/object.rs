//! `Serialize` and `Deserialize` for the generated structs, written once as
//! a macro instead of derived: a generated struct's impls are one call
//! listing its fields. The expansion reads a JSON object field by field and
//! skips what it does not know, which is all an API client needs; it is a
//! fraction of the code `serde_derive` writes (no sequence form, no field
//! enum), and that code is compiled in every build of every user.
//!
//! The expansion has no `?` per field: each `?` is an early return that
//! drops every field read so far, and the borrow checker's copy of those
//! paths, for thousands of structs, was most of what checking a large
//! crate held in memory. Fields are read and written by the small generic
//! functions below; a struct's own code calls them and checks one result.
//! For the same reason the reading loop matches results instead of using
//! `?` (each `?` is two calls more), and no constant per struct holds its
//! name. (The largest crate of the corpus: peak memory of `cargo check`
//! from 3.29 GB to 2.84 GB, then to 2.70 GB; see `docs/compile-cost.md`.)

use serde::de::{Deserialize, Deserializer, Error, IgnoredAny, MapAccess, Visitor};
use serde::ser::{Serialize, SerializeMap};
use std::fmt;
use std::marker::PhantomData;

/// Declares a struct and implements serde's traits for it:
///
/// ```text
/// object! {
///     /// A download.
///     #[derive(Default)]
///     Download (deserialize, serialize?) {
///         /// Progress, 0 to 100.
///         percent_complete: Option<f64> = "percentComplete" opt,
///         url: String = "url" req,
///     }
/// }
/// ```
///
/// The struct derives `Debug` and `Clone`, has `pub` fields and is
/// `#[non_exhaustive]`, so that a field the API adds is not a breaking
/// change: other crates build it with `Default` (or the `new` the
/// generator writes beside a request body) and assign its fields.
/// `deserialize` and `serialize` implement the trait, `deserialize?` and
/// `serialize?` only with the crate feature of that name. Each field gives
/// its wire name and kind: `req` must be present; `opt` (an `Option`) may be
/// absent or `null` and is left out when `None`; `nul` (an `Option`) may be
/// absent or `null` and is always written.
#[allow(unused_macros)]
macro_rules! object {
    (@directions $name:ident [] $fields:tt) => {};
    (@directions $name:ident [, $($rest:tt)*] $fields:tt) => {
        $crate::runtime::object!(@directions $name [$($rest)*] $fields);
    };
    (@directions $name:ident [deserialize ? $($rest:tt)*] $fields:tt) => {
        #[cfg(feature = "deserialize")]
        $crate::runtime::object!(@deserialize $name $fields);
        $crate::runtime::object!(@directions $name [$($rest)*] $fields);
    };
    (@directions $name:ident [deserialize $($rest:tt)*] $fields:tt) => {
        $crate::runtime::object!(@deserialize $name $fields);
        $crate::runtime::object!(@directions $name [$($rest)*] $fields);
    };
    (@directions $name:ident [serialize ? $($rest:tt)*] $fields:tt) => {
        #[cfg(feature = "serialize")]
        $crate::runtime::object!(@serialize $name $fields);
        $crate::runtime::object!(@directions $name [$($rest)*] $fields);
    };
    (@directions $name:ident [serialize $($rest:tt)*] $fields:tt) => {
        $crate::runtime::object!(@serialize $name $fields);
        $crate::runtime::object!(@directions $name [$($rest)*] $fields);
    };
    (@deserialize $name:ident { $($field:ident = $wire:literal $kind:ident,)* }) => {
        impl $crate::runtime::object::Object for $name {
            // `clippy::question_mark`: the matches are on purpose (below).
            #[allow(unused_mut, clippy::question_mark)]
            fn from_map<'de, A: ::serde::de::MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
                $(let mut $field = None;)*
                // Matches, not `?`: each `?` is two calls more (`branch`,
                // `from_residual`) in every struct's code, 15 KB of the
                // compiler's memory per struct. One error exit for every
                // field, not one each (see the module docs).
                loop {
                    let key = match map.next_key::<$crate::runtime::object::Key<'de>>() {
                        Ok(Some(key)) => key,
                        Ok(None) => break,
                        Err(error) => return Err(error),
                    };
                    let read = match key.as_str() {
                        $($wire => $crate::runtime::object::read_field(&mut map, &mut $field),)*
                        _ => $crate::runtime::object::skip_field(&mut map),
                    };
                    if let Err(error) = read {
                        return Err(error);
                    }
                }
                Ok($name { $($field: $crate::runtime::object!(@take $kind $field $wire A),)* })
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                $crate::runtime::object::deserialize(deserializer)
            }
        }
    };
    // `$access`: the `MapAccess` type of `from_map`, whose error a missing
    // required field returns.
    (@take req $field:ident $wire:literal $access:ident) => {
        match $field {
            Some(value) => value,
            None => return Err(<$access::Error as ::serde::de::Error>::missing_field($wire)),
        }
    };
    // Absent and `null` are both `None`.
    (@take opt $field:ident $wire:literal $access:ident) => { $field.flatten() };
    (@take nul $field:ident $wire:literal $access:ident) => { $field.flatten() };
    (@serialize $name:ident { $($field:ident = $wire:literal $kind:ident,)* }) => {
        impl ::serde::Serialize for $name {
            #[allow(clippy::question_mark)] // See `from_map`.
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use ::serde::ser::SerializeMap as _;
                let mut map = match serializer.serialize_map(None) {
                    Ok(map) => map,
                    Err(error) => return Err(error),
                };
                // The first error, after which nothing more is written (see
                // the module docs for why not `?` on each field, nor here).
                let mut written = Ok(());
                $($crate::runtime::object!(@put $kind map written self $field $wire);)*
                match written {
                    Ok(()) => map.end(),
                    Err(error) => Err(error),
                }
            }
        }
    };
    (@put opt $map:ident $written:ident $self:ident $field:ident $wire:literal) => {
        $crate::runtime::object::write_some(&mut $map, &mut $written, $wire, &$self.$field)
    };
    (@put $kind:ident $map:ident $written:ident $self:ident $field:ident $wire:literal) => {
        $crate::runtime::object::write_field(&mut $map, &mut $written, $wire, &$self.$field)
    };
    (
        $(#[$attr:meta])*
        $name:ident ($($direction:tt)*) {
            $($(#[$field_attr:meta])* $field:ident: $ty:ty = $wire:literal $kind:ident,)*
        }
    ) => {
        $(#[$attr])*
        #[derive(Debug, Clone)]
        #[non_exhaustive]
        pub struct $name {
            $($(#[$field_attr])* pub $field: $ty,)*
        }
        $crate::runtime::object!(@directions $name [$($direction)*] { $($field = $wire $kind,)* });
    };
}
#[allow(unused_imports)]
pub(crate) use object;

/// A struct read from a JSON object by [`object!`]'s expansion. The visitor
/// is shared by every struct ([`deserialize`]), so each struct adds only
/// the function that reads its fields.
// No associated constant with the struct's name for the error message:
// `type_name` has it, and a constant per struct was 8 KB of the compiler's
// memory each in `cargo check`.
pub trait Object: Sized {
    /// Reads the struct's fields from `map`, skipping unknown ones.
    fn from_map<'de, A: MapAccess<'de>>(map: A) -> Result<Self, A::Error>;
}

/// Reads an [`Object`] from a map.
// Unused in a crate (or a feature selection) without such structs.
#[allow(dead_code)]
pub fn deserialize<'de, D: Deserializer<'de>, T: Object>(deserializer: D) -> Result<T, D::Error> {
    struct Fields<T>(PhantomData<T>);

    impl<'de, T: Object> Visitor<'de> for Fields<T> {
        type Value = T;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            let path = std::any::type_name::<T>();
            write!(f, "a {} object", path.rsplit("::").next().unwrap_or(path))
        }

        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
            T::from_map(map)
        }
    }

    deserializer.deserialize_map(Fields(PhantomData))
}

/// Reads the value of the key just read into `slot`.
// Unused in a crate (or a feature selection) without such structs.
#[allow(dead_code)]
pub fn read_field<'de, A: MapAccess<'de>, T: Deserialize<'de>>(map: &mut A, slot: &mut Option<T>) -> Result<(), A::Error> {
    *slot = Some(map.next_value()?);
    Ok(())
}

/// Skips the value of a key the struct does not know.
#[allow(dead_code)]
pub fn skip_field<'de, A: MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
    map.next_value::<IgnoredAny>().map(|_| ())
}

/// Writes `key: value`, unless an earlier field failed (`written`).
#[allow(dead_code)]
pub fn write_field<M: SerializeMap, T: Serialize + ?Sized>(
    map: &mut M,
    written: &mut Result<(), M::Error>,
    key: &'static str,
    value: &T,
) {
    if written.is_ok() {
        *written = map.serialize_entry(key, value);
    }
}

/// [`write_field`] for an optional field, left out when `None`.
#[allow(dead_code)]
pub fn write_some<M: SerializeMap, T: Serialize>(
    map: &mut M,
    written: &mut Result<(), M::Error>,
    key: &'static str,
    value: &Option<T>,
) {
    if let Some(value) = value {
        write_field(map, written, key, value);
    }
}

/// An object's key: borrowed from the input when it can be.
pub enum Key<'de> {
    /// Text of the input itself.
    Borrowed(&'de str),
    /// A key that had to be unescaped or copied.
    Owned(String),
}

impl Key<'_> {
    /// The key's text.
    pub fn as_str(&self) -> &str {
        match self {
            Key::Borrowed(key) => key,
            Key::Owned(key) => key,
        }
    }
}

impl<'de> serde::Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Text;

        impl<'de> Visitor<'de> for Text {
            type Value = Key<'de>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object key")
            }

            fn visit_borrowed_str<E: Error>(self, key: &'de str) -> Result<Key<'de>, E> {
                Ok(Key::Borrowed(key))
            }

            fn visit_str<E: Error>(self, key: &str) -> Result<Key<'de>, E> {
                Ok(Key::Owned(key.to_owned()))
            }

            fn visit_string<E: Error>(self, key: String) -> Result<Key<'de>, E> {
                Ok(Key::Owned(key))
            }
        }

        deserializer.deserialize_str(Text)
    }
}
//@ if tests

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    crate::runtime::object! {
        Sample (deserialize, serialize) {
            id: String = "id" req,
            count: Option<i64> = "count" opt,
            note: Option<String> = "note" nul,
        }
    }

    crate::runtime::object! {
        Pair (serialize) {
            first: BTreeMap<Vec<u8>, i64> = "first" req,
            second: String = "second" req,
        }
    }

    #[test]
    fn fields_are_read_by_wire_name_and_unknown_ones_skipped() {
        let read: Sample = serde_json::from_str(r#"{"extra":[1,{"a":2}],"count":3,"id":"x","note":null}"#).unwrap();
        assert_eq!((read.id.as_str(), read.count, read.note), ("x", Some(3), None));
    }

    #[test]
    fn a_value_that_is_not_an_object_names_the_struct() {
        let err = serde_json::from_str::<Sample>(r#""text""#).unwrap_err();
        assert!(err.to_string().contains("expected a Sample object"), "{err}");
    }

    #[test]
    fn a_missing_required_field_is_named() {
        let err = serde_json::from_str::<Sample>(r#"{"count":3}"#).unwrap_err();
        assert!(err.to_string().contains("missing field `id`"), "{err}");
    }

    #[test]
    fn the_first_field_error_stops_the_fields_after_it() {
        let ok = Sample { id: "x".into(), count: None, note: None };
        assert_eq!(serde_json::to_string(&ok).unwrap(), r#"{"id":"x","note":null}"#);
        // A map with byte-string keys cannot be JSON: `first` fails, and
        // `second` is not written after it.
        let mut out = Vec::new();
        let pair = Pair { first: BTreeMap::from([(vec![1], 1)]), second: "after".into() };
        let err = serde_json::to_writer(&mut out, &pair).unwrap_err();
        assert!(err.to_string().contains("key must be a string"), "{err}");
        assert!(!String::from_utf8_lossy(&out).contains("after"), "{}", String::from_utf8_lossy(&out));
    }
}
//@ end
