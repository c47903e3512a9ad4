//! `Serialize` and `Deserialize` for the generated structs, written once as
//! a macro instead of derived: a generated struct's impls are one call
//! listing its fields. The expansion reads a JSON object field by field and
//! skips what it does not know, which is all an API client needs; it is a
//! fraction of the code `serde_derive` writes (no sequence form, no field
//! enum), and that code is compiled in every build of every user.
//!
//! What a struct's own code holds in the compiler is most of what checking
//! a large crate costs, so the expansion is as small as it can be made:
//! - no `?` and no early return per field: each is an exit that drops
//!   every field read so far, and the borrow checker keeps a copy of those
//!   paths. The [`Reader`] and [`Writer`] keep the first error instead, so
//!   a struct's code checks one result;
//! - fields are read and written by method calls on them, not by calls of
//!   functions by path: a path is several nodes per field in every pass,
//!   a method one name. The methods are named after the fields' kinds, so
//!   the expansion needs no macro step per field to pick them, and an
//!   optional field is read as the `Option` it is (no `flatten` after);
//! - the call expands in one step: the directions come with their `cfg`
//!   attributes instead of being matched one by one;
//! - no constant per struct holds its name.
//!
//! (The largest crate of the corpus: peak memory of `cargo check` from
//! 3.29 GB to 2.84 GB, 2.70 GB, then 2.45 GB; see `docs/compile-cost.md`.)

use serde::de::{Deserialize, Deserializer, Error, IgnoredAny, MapAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, Serializer};
use std::fmt;
use std::marker::PhantomData;

/// Declares a struct and implements serde's traits for it:
///
/// ```text
/// object! {
///     /// A download.
///     #[derive(Default)]
///     Download (deserialize, #[cfg(feature = "serialize")] serialize) {
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
/// `deserialize` and `serialize` implement the trait, under the attributes
/// before them (a `cfg` for a direction only the crate feature of that
/// name needs). Each field gives
/// its wire name and kind: `req` must be present; `opt` (an `Option`) may be
/// absent or `null` and is left out when `None`; `nul` (an `Option`) may be
/// absent or `null` and is always written.
#[allow(unused_macros)]
macro_rules! object {
    (
        $(#[$attr:meta])*
        $name:ident ($(#[$de:meta])* deserialize, $(#[$ser:meta])* serialize) {
            $($(#[$field_attr:meta])* $field:ident: $ty:ty = $wire:literal $kind:ident,)*
        }
    ) => {
        $(#[$attr])*
        #[derive(Debug, Clone)]
        #[non_exhaustive]
        pub struct $name {
            $($(#[$field_attr])* pub $field: $ty,)*
        }

        $(#[$de])*
        impl $crate::runtime::object::Object for $name {
            fn from_map<'de, A: ::serde::de::MapAccess<'de>>(map: A) -> Result<Self, A::Error> {
                let mut map = $crate::runtime::object::Reader::new(map);
                $(let mut $field = None;)*
                while let Some(key) = map.key() {
                    match key.as_str() {
                        $($wire => map.$kind(&mut $field),)*
                        _ => map.skip(),
                    }
                }
                if let Some(error) = map.error() {
                    return Err(error);
                }
                Ok($name { $($field: $crate::runtime::object!(@take $kind $field $wire map),)* })
            }
        }

        $(#[$de])*
        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                $crate::runtime::object::deserialize(deserializer)
            }
        }

        $(#[$ser])*
        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut map = $crate::runtime::object::Writer::new(serializer);
                $(map.$kind($wire, &self.$field);)*
                map.end()
            }
        }
    };
    // `$map`: the `Reader` of `from_map`, whose error a missing required
    // field returns.
    (@take req $field:ident $wire:literal $map:ident) => {
        match $field {
            Some(value) => value,
            None => return Err($map.missing($wire)),
        }
    };
    // Read as an `Option` already: absent and `null` are both `None`.
    (@take opt $field:ident $wire:literal $map:ident) => { $field };
    (@take nul $field:ident $wire:literal $map:ident) => { $field };
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

/// The map a struct's fields are read from, keeping the first error: after
/// it, [`Reader::key`] ends the reading loop, and [`Reader::error`] gives it.
pub struct Reader<'de, A: MapAccess<'de>> {
    map: A,
    error: Option<A::Error>,
    input: PhantomData<&'de ()>,
}

// Unused in a crate (or a feature selection) without such structs.
#[allow(dead_code)]
impl<'de, A: MapAccess<'de>> Reader<'de, A> {
    pub fn new(map: A) -> Self {
        Reader { map, error: None, input: PhantomData }
    }

    /// The next key; `None` at the end of the map or after an error.
    pub fn key(&mut self) -> Option<Key<'de>> {
        if self.error.is_some() {
            return None;
        }
        match self.map.next_key() {
            Ok(key) => key,
            Err(error) => {
                self.error = Some(error);
                None
            }
        }
    }

    /// Reads the value of a required field's key, just read, into `slot`.
    pub fn req<T: Deserialize<'de>>(&mut self, slot: &mut Option<T>) {
        match self.map.next_value() {
            Ok(value) => *slot = Some(value),
            Err(error) => self.error = Some(error),
        }
    }

    /// Reads the value of an optional field's key into `slot`, the field
    /// itself: `null` is `None`, as an absent key.
    pub fn opt<T: Deserialize<'de>>(&mut self, slot: &mut Option<T>) {
        match self.map.next_value() {
            Ok(value) => *slot = value,
            Err(error) => self.error = Some(error),
        }
    }

    /// Reads the value of a nullable field's key, as [`Reader::opt`].
    pub fn nul<T: Deserialize<'de>>(&mut self, slot: &mut Option<T>) {
        self.opt(slot)
    }

    /// Skips the value of a key the struct does not know.
    pub fn skip(&mut self) {
        if let Err(error) = self.map.next_value::<IgnoredAny>() {
            self.error = Some(error);
        }
    }

    /// The first error of the map, if any.
    pub fn error(&mut self) -> Option<A::Error> {
        self.error.take()
    }

    /// The error of a required field that was not in the map.
    pub fn missing(&self, wire: &'static str) -> A::Error {
        A::Error::missing_field(wire)
    }
}

/// The map a struct's fields are written to, keeping the first error:
/// after it, nothing more is written. Its methods are named after the
/// fields' kinds in [`object!`].
pub struct Writer<M: SerializeMap>(Result<M, M::Error>);

// Unused in a crate (or a feature selection) without such structs.
#[allow(dead_code)]
impl<M: SerializeMap> Writer<M> {
    pub fn new<S: Serializer<SerializeMap = M, Error = M::Error>>(serializer: S) -> Self {
        Writer(serializer.serialize_map(None))
    }

    /// Writes a required field.
    pub fn req<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) {
        if let Ok(map) = &mut self.0 {
            if let Err(error) = map.serialize_entry(key, value) {
                self.0 = Err(error);
            }
        }
    }

    /// Writes a nullable field, `null` when `None`.
    pub fn nul<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) {
        self.req(key, value)
    }

    /// Writes an optional field, left out when `None`.
    pub fn opt<T: Serialize>(&mut self, key: &'static str, value: &Option<T>) {
        if let Some(value) = value {
            self.req(key, value)
        }
    }

    /// Ends the map, or gives the first error.
    pub fn end(self) -> Result<M::Ok, M::Error> {
        match self.0 {
            Ok(map) => map.end(),
            Err(error) => Err(error),
        }
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
        Pair (#[cfg(any())] deserialize, serialize) {
            first: BTreeMap<Vec<u8>, i64> = "first" req,
            second: String = "second" req,
        }
    }

    #[test]
    fn fields_are_read_by_wire_name_and_unknown_ones_skipped() {
        let read: Sample = serde_json::from_str(r#"{"extra":[1,{"a":2}],"count":3,"id":"x","note":null}"#).unwrap();
        assert_eq!((read.id.as_str(), read.count, read.note), ("x", Some(3), None));
        let read: Sample = serde_json::from_str(r#"{"count":null,"id":"y","note":"n"}"#).unwrap();
        assert_eq!((read.id.as_str(), read.count, read.note.as_deref()), ("y", None, Some("n")));
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
