//! Typed `multipart/form-data` bodies: a struct with one field per property
//! of the body's object schema, which converts into the runtime's
//! `Multipart`. Which properties are files is decided here, from the
//! schema; whether a value is sent as text or as JSON is decided in
//! `decide`, once every type is known.

use super::builder::Builder;
use super::schema::MAX_DEPTH;
use super::{refs, Decided, Stage, TypeRef, Undecided};
use crate::diagnostic::join;
use crate::naming::{self, name_all, Name};
use crate::parse::document::{BoolOrSchema, Document, MediaType, Schema};

/// A multipart body with an object schema: the struct the operation's
/// method takes (or any `Multipart`), emitted with the operation like its
/// `{Op}Params` struct.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form<S: Stage = Decided> {
    /// Name of the generated struct, e.g. `UploadPhotoBody`.
    pub type_name: String,
    /// One per property, in spec order.
    pub fields: Vec<FormField<S>>,
    /// Every field is optional, so `Default` builds a valid value.
    pub default: bool,
    /// JSON pointer of the body's schema.
    pub source: String,
}

/// A field of a [`Form`]: one part, or one part per item of an array.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormField<S: Stage = Decided> {
    /// The field's identifier and the part's name.
    pub name: Name,
    /// The property's description, for the field's docs.
    pub docs: Option<String>,
    /// Listed in `required` and not nullable: not an `Option`. An absent
    /// optional field sends no part.
    pub required: bool,
    /// An array: each item is a part of its own under the field's name.
    pub repeated: S::Repeated,
    /// How each value becomes a part.
    pub part: S::Part,
}

/// A [`FormField`] as the spec declares it: whether its value has a text
/// form, and whether an alias stands for a list, is known once every type
/// is (`decide`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeclaredPart {
    /// Files, as [`PartKind::File`]; `repeated`: an array of them.
    File {
        /// The spec's type for the part, else `application/octet-stream`.
        content_type: String,
        /// An array of files: a part per file.
        repeated: bool,
    },
    /// A value of `ty` (never nullable), or of each item when `repeated`.
    Value {
        /// The value's type; an alias of a list is a part per item.
        ty: TypeRef,
        /// Declared as an array.
        repeated: bool,
        /// The `encoding`'s content type, when the spec gives one.
        content_type: Option<String>,
    },
}

/// How a value of a [`FormField`] becomes a part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PartKind {
    /// A binary string (`format: binary`, Swagger 2.0's `type: file`, or
    /// 3.1's `contentMediaType` / `contentEncoding`): bytes with a file
    /// name (the runtime's `FilePart`), sent as the file's own content type
    /// or else this one.
    File {
        /// The spec's type for the part, else `application/octet-stream`.
        content_type: String,
    },
    /// A value of `ty` written as its text: strings, numbers, booleans and
    /// enums.
    Text {
        /// The value's type, never nullable nor an array.
        ty: TypeRef,
        /// The `encoding`'s content type, when the spec gives one.
        content_type: Option<String>,
    },
    /// A value of `ty` written as JSON: objects, maps, unions, any value.
    Json {
        /// The value's type, never nullable nor an array.
        ty: TypeRef,
        /// The `encoding`'s content type, else `application/json`.
        content_type: String,
    },
}

impl PartKind {
    /// The type of the value, for parts that hold one of the model's.
    pub(crate) fn ty(&self) -> Option<&TypeRef> {
        match self {
            PartKind::File { .. } => None,
            PartKind::Text { ty, .. } | PartKind::Json { ty, .. } => Some(ty),
        }
    }
}

impl Form {
    /// The types the form's fields hold: they are sent, so serialised.
    pub(crate) fn types(&self) -> impl Iterator<Item = &TypeRef> {
        self.fields.iter().filter_map(|f| f.part.ty())
    }
}

impl<'a> Builder<'a> {
    /// The form of a multipart body, named `name_hint`; `None` (the untyped
    /// `Multipart`) when its schema is not an object with properties.
    pub(super) fn form(&mut self, media: &'a MediaType, pointer: &str, name_hint: &str) -> Option<Form<Undecided>> {
        let schema = media.schema.as_ref()?;
        let schema_pointer = join(pointer, "schema");
        let wanted = naming::pascal(name_hint);
        let merged = self.merge(schema, &schema_pointer, &wanted);
        if merged.props.is_empty() {
            return None;
        }
        let type_name = self.names.claim(wanted.clone());
        let wire: Vec<String> = merged.props.keys().map(|k| k.to_string()).collect();
        let names = name_all(&wire, naming::snake, &[]);
        let mut fields = Vec::with_capacity(names.len());
        for (name, (key, prop)) in names.into_iter().zip(&merged.props) {
            let encoded = media.encoding.get(*key).and_then(|e| e.content_type.as_deref()).and_then(first_concrete);
            let file = file_of(self.doc, prop.schema, 0);
            let (part, nullable) = match file {
                Some(File { media_type, repeated }) => {
                    let content_type = encoded.or(media_type).unwrap_or("application/octet-stream").to_string();
                    (DeclaredPart::File { content_type, repeated }, false)
                }
                None => {
                    let owner = if prop.owner == wanted { &type_name } else { &prop.owner };
                    let hint = format!("{owner}{}", naming::pascal(key));
                    let (ty, nullable) = match self.schema(prop.schema, &prop.pointer, &hint) {
                        TypeRef::Nullable(inner) => (*inner, true),
                        ty => (ty, false),
                    };
                    let (ty, repeated) = match ty {
                        TypeRef::Vec(item) => (*item, true),
                        ty => (ty, false),
                    };
                    (DeclaredPart::Value { ty, repeated, content_type: encoded.map(str::to_string) }, nullable)
                }
            };
            fields.push(FormField {
                name,
                docs: self.describe(prop.schema),
                // A part cannot be `null`: a nullable one is left out instead.
                required: merged.required.contains(key) && !nullable,
                repeated: (),
                part,
            });
        }
        let default = fields.iter().all(|f| !f.required);
        Some(Form { type_name, fields, default, source: schema_pointer })
    }
}

/// The first media type of an `encoding`'s comma-separated list that is
/// not a wildcard such as `image/*`.
fn first_concrete(listed: &str) -> Option<&str> {
    listed.split(',').map(str::trim).find(|t| !t.is_empty() && !t.contains('*'))
}

/// A property sent as files.
struct File<'d> {
    /// The schema's `contentMediaType`, when it is a single concrete type.
    media_type: Option<&'d str>,
    /// An array of files: a part per file.
    repeated: bool,
}

/// Whether values of `schema` are files (or arrays of them): binary
/// strings, or unions with a binary variant (such as Cloudflare's KV value,
/// text or bytes), following `$ref`s.
fn file_of<'d>(doc: &'d Document, schema: &'d Schema, depth: usize) -> Option<File<'d>> {
    if depth > MAX_DEPTH {
        return None;
    }
    if let Some(reference) = &schema.reference {
        if let Some(target) = refs::schema_of(doc, reference) {
            if let Some(file) = file_of(doc, target, depth + 1) {
                return Some(file);
            }
        }
    }
    if schema.format.as_deref() == Some("binary")
        || schema.content_media_type.is_some()
        || schema.content_encoding.is_some()
    {
        let media_type = schema.content_media_type.as_deref().and_then(first_concrete);
        return Some(File { media_type, repeated: false });
    }
    if let Some(BoolOrSchema::Schema(item)) = schema.items.as_deref() {
        return file_of(doc, item, depth + 1).filter(|f| !f.repeated).map(|f| File { repeated: true, ..f });
    }
    let parts = [&schema.all_of, &schema.one_of, &schema.any_of];
    parts.into_iter().flatten().flatten().find_map(|part| file_of(doc, part, depth + 1))
}

#[cfg(test)]
mod tests {
    use super::first_concrete;

    #[test]
    fn the_first_concrete_listed_type_is_the_default() {
        let listed = "application/javascript+module, text/javascript";
        assert_eq!(first_concrete(listed), Some("application/javascript+module"));
        assert_eq!(first_concrete("image/*, image/png"), Some("image/png"));
        assert_eq!(first_concrete("text/plain; charset=utf-8"), Some("text/plain; charset=utf-8"));
        assert_eq!(first_concrete("*/*"), None);
    }
}
