//! How each kind of API change affects the users of the generated crate,
//! and so which semver bump it needs.
//!
//! The report judges the *generated Rust crate*, not the HTTP API. What the
//! emitter produces decides the rules:
//!
//! * structs have only `pub` fields and are `#[non_exhaustive]`: other
//!   crates cannot write struct literals or exhaustive patterns, and build
//!   them with `Default` (structs whose fields may all be absent; with the
//!   `defaults` feature, every other struct responses carry) or
//!   `new(required fields…)` (request bodies and `{Op}Params` with required
//!   fields), then assign the other fields;
//! * enums for `enum` schemas have an `Unknown(..)` catch-all for values the
//!   crate does not know and are `#[non_exhaustive]`, so users' `match`es
//!   end in a wildcard arm; `oneOf` unions are `#[non_exhaustive]` enums too;
//! * types implement `Deserialize` where responses carry them and
//!   `Serialize` where requests do (both with the crate's `serialize` /
//!   `deserialize` features), so the JSON form of a type is part of its
//!   public API; identical schemas are one type with aliases, so merging
//!   or splitting them is not a change (see `model::dedup`).
//!
//! A change is **breaking** (major) when code that compiled against the old
//! crate may no longer compile, when JSON written by the old crate may no
//! longer be read by the new one (or the reverse), or when the same call now
//! sends a different HTTP request (another endpoint, parameter name or body
//! encoding). It is **compatible** (minor) when the public API only grows,
//! or behaviour changes without any of the above. It is **docs only** (patch)
//! when only documentation changes. Cargo's rules for `0.x` crates apply on
//! top: there, a breaking change bumps the minor number and anything else
//! the patch number (see [`super::Bump::next_version`]).
//!
//! | Change | Severity | Why |
//! |---|---|---|
//! | operation added | compatible | a new method on `Client` |
//! | operation removed | breaking | calls to the method no longer compile |
//! | operation renamed (same method and path) | breaking | calls to the old name no longer compile |
//! | endpoint changed (method or path of the same method) | breaking | the same call reaches another endpoint |
//! | operation deprecated / no longer deprecated | compatible | `#[deprecated]` only warns |
//! | path parameter added or removed | breaking | the method's arity changes |
//! | path parameter type changed | breaking | the argument's type changes |
//! | path parameter renamed | docs only | argument names are not part of a Rust signature |
//! | query/header parameters appear or disappear (`params` argument) ‡ | breaking | the method's arity changes |
//! | `{Op}Params` struct renamed | breaking | the type is named by callers |
//! | optional parameter or field added (or a required nullable field) | compatible | the struct is `#[non_exhaustive]` and `new` does not take it; both versions read both JSON forms |
//! | required parameter or field added | breaking | `new` takes another argument, and JSON without it no longer reads |
//! | parameter or field removed | breaking | uses of the field no longer compile |
//! | parameter or field made required or optional | breaking | its Rust type gains or loses `Option` |
//! | nullable field made required or optional | compatible | it stays `Option<T>`; only whether `null` is written changes, and both versions read both forms |
//! | parameter or field type changed | breaking | its Rust type changes |
//! | field boxed or unboxed | breaking | its Rust type gains or loses `Box` |
//! | parameter or field renamed in Rust (same wire name) | breaking | uses of the old identifier no longer compile |
//! | wire name changed (same Rust name) | breaking | the JSON form or the request changes |
//! | parameter moved between query and header, or its array style changed | breaking | the same call sends a different request |
//! | type gains `Default` or `new` | compatible | a new trait impl or function |
//! | type loses `Default` or `new` | breaking | `T::default()` or `T::new(..)` no longer compiles |
//! | request body added or removed | breaking | the method's arity changes |
//! | request body type or required-ness changed | breaking | the argument's type changes |
//! | request body encoding changed (same Rust type) | breaking | the same call sends a different request |
//! | response type changed | breaking | the method's return type changes |
//! | type added | compatible | a new item |
//! | type removed | breaking | uses of the type no longer compile |
//! | type renamed (same schema or same shape) | breaking | uses of the old name no longer compile |
//! | type changed kind (struct, enum, union, alias) or alias target changed | breaking | the type's API changes |
//! | enum value added | compatible | the enum is `#[non_exhaustive]`; the value used to arrive as `Unknown` |
//! | enum value removed | breaking | uses of the variant no longer compile |
//! | enum variant renamed in Rust (same wire value) | breaking | uses of the old variant no longer compile |
//! | enum value's wire form changed (same Rust variant) | breaking | the JSON form changes |
//! | union variant added | compatible | the union is `#[non_exhaustive]`; values that used to fail (or arrive as the catch-all) now decode |
//! | union variant removed, renamed or retyped | breaking | the enum's variants change |
//! | union variants reordered | compatible | same Rust API; an ambiguous value may now decode as another variant |
//! | crate renamed or environment prefix changed | breaking | dependents and `Client::from_env` break |
//! | default base URL changed | compatible | behaviour only |
//! | docs, summaries, API title/version/description changed | docs only | nothing but rustdoc changes |
//!
//! ‡ Optional query and header parameters live in the operation's
//! `{Op}Params` struct, so an optional parameter added to an operation that
//! has one is compatible; but an operation's *first* query or header
//! parameter gives its method a `params` argument, which breaks every call.
//! It stays breaking, and the report says why: passing an empty parameters
//! struct to every method that has none would cost every user a
//! `&Default::default()` argument, and large APIs thousands of structs.
//!
//! An enum's `Default` is its first value, and a union's its first variant
//! that has one: adding a value or variant in front changes what `Default`
//! builds, which is behaviour, not API, and is not reported.
//!
//! The order of fields and of enum values is not compared: it changes only
//! `Debug` output and the derived `Ord` of enums.

use super::{Bump, Severity};

/// Every kind of change the report knows. New kinds must be given a
/// severity in [`severity`] (the match is exhaustive on purpose).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ChangeKind {
    /// An operation appeared: a new method on `Client`.
    OperationAdded,
    /// An operation disappeared, and its method with it.
    OperationRemoved,
    /// The same method and path got another Rust method name.
    OperationRenamed,
    /// A method now calls another HTTP method or path.
    EndpointChanged,
    /// An operation became deprecated, or stopped being so.
    Deprecation,
    /// A method gained a path parameter argument.
    PathParamAdded,
    /// A method lost a path parameter argument.
    PathParamRemoved,
    /// A path parameter argument takes another type.
    PathParamTypeChanged,
    /// A path parameter argument has another name (not part of the signature).
    PathParamRenamed,
    /// A method gained its `params` argument (query/header parameters).
    ParamsArgAdded,
    /// A method lost its `params` argument.
    ParamsArgRemoved,
    /// The `{Op}Params` struct has another name.
    ParamsStructRenamed,
    /// An optional (or nullable) struct field or an optional query/header parameter was added.
    OptionalMemberAdded,
    /// A required struct field or query/header parameter was added.
    RequiredMemberAdded,
    /// A struct field or query/header parameter was removed.
    MemberRemoved,
    /// A field or parameter lost its `Option`: it became required.
    MemberMadeRequired,
    /// A field or parameter gained an `Option`: it became optional.
    MemberMadeOptional,
    /// A nullable field became required or optional; it stays `Option<T>`.
    NullableRequiredness,
    /// A field or parameter has another Rust type.
    MemberTypeChanged,
    /// A field became boxed, or stopped being boxed.
    MemberBoxing,
    /// A field or parameter has another Rust name, with the same wire name.
    MemberRenamed,
    /// A field or parameter has another wire name, with the same Rust name.
    WireNameChanged,
    /// A parameter moved between query and header, or its list style changed.
    ParamStyleChanged,
    /// A type now implements `Default`.
    DefaultGained,
    /// A type no longer implements `Default`.
    DefaultLost,
    /// A struct now has `new(required fields…)`.
    ConstructorGained,
    /// A struct no longer has `new`.
    ConstructorLost,
    /// A method gained a request body argument.
    BodyAdded,
    /// A method lost its request body argument.
    BodyRemoved,
    /// The request body's Rust type or required-ness changed.
    BodyTypeChanged,
    /// The request body is sent in another encoding, with the same Rust type.
    BodyEncodingChanged,
    /// A method returns another type.
    ResponseChanged,
    /// A named type appeared.
    TypeAdded,
    /// A named type disappeared.
    TypeRemoved,
    /// A type (same schema or same shape) has another name.
    TypeRenamed,
    /// A type became another kind (struct, enum, union, alias), or an alias another target.
    TypeShapeChanged,
    /// An enum gained a value (it used to arrive as `Unknown`).
    EnumValueAdded,
    /// An enum lost a value, and its variant with it.
    EnumValueRemoved,
    /// An enum value has another Rust variant name, with the same wire value.
    EnumVariantRenamed,
    /// An enum variant stands for another wire value.
    EnumWireChanged,
    /// A union gained a variant.
    UnionVariantAdded,
    /// A union variant was removed, renamed or retyped.
    UnionVariantChanged,
    /// A union's variants are tried in another order.
    UnionReordered,
    /// The crate's name or its environment variable prefix changed.
    CrateIdentity,
    /// The default base URL changed.
    BaseUrlChanged,
    /// Only documentation changed: docs, summaries, the API title, version or description.
    Docs,
}

/// The severity of each kind of change: the table above, as code.
pub fn severity(kind: ChangeKind) -> Severity {
    use ChangeKind::*;
    match kind {
        OperationRemoved | OperationRenamed | EndpointChanged => Severity::Breaking,
        PathParamAdded | PathParamRemoved | PathParamTypeChanged => Severity::Breaking,
        ParamsArgAdded | ParamsArgRemoved | ParamsStructRenamed => Severity::Breaking,
        RequiredMemberAdded | MemberRemoved | MemberMadeRequired | MemberMadeOptional => Severity::Breaking,
        MemberTypeChanged | MemberBoxing | MemberRenamed | WireNameChanged | ParamStyleChanged => Severity::Breaking,
        DefaultLost | ConstructorLost => Severity::Breaking,
        BodyAdded | BodyRemoved | BodyTypeChanged | BodyEncodingChanged | ResponseChanged => Severity::Breaking,
        TypeRemoved | TypeRenamed | TypeShapeChanged => Severity::Breaking,
        EnumValueRemoved | EnumVariantRenamed | EnumWireChanged => Severity::Breaking,
        UnionVariantChanged | CrateIdentity => Severity::Breaking,
        OperationAdded | Deprecation | NullableRequiredness | DefaultGained | ConstructorGained => Severity::Compatible,
        TypeAdded | OptionalMemberAdded | EnumValueAdded | UnionVariantAdded => Severity::Compatible,
        UnionReordered | BaseUrlChanged => Severity::Compatible,
        PathParamRenamed | Docs => Severity::Docs,
    }
}

/// The bump a change of this severity needs.
pub(crate) fn bump(severity: Severity) -> Bump {
    match severity {
        Severity::Breaking => Bump::Major,
        Severity::Compatible => Bump::Minor,
        Severity::Docs => Bump::Patch,
    }
}
