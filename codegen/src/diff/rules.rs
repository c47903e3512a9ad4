//! How each kind of API change affects the users of the generated crate,
//! and so which semver bump it needs.
//!
//! The report judges the *generated Rust crate*, not the HTTP API. What the
//! emitter produces decides the rules:
//!
//! * structs have only `pub` fields and are not `#[non_exhaustive]` (users
//!   build them with struct literals and may destructure them);
//! * a struct derives `Default` only when every field may be absent;
//! * enums for `enum` schemas have an `Unknown(..)` catch-all for values the
//!   crate does not know, but are not `#[non_exhaustive]` (users may `match`
//!   them exhaustively); `oneOf` unions are untagged enums;
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
//! | query/header parameters appear or disappear (`params` argument) | breaking | the method's arity changes |
//! | `{Op}Params` struct renamed | breaking | the type is named by callers |
//! | parameter or field added (optional or required) † | breaking | a new `pub` field breaks struct literals and exhaustive patterns |
//! | parameter or field removed | breaking | uses of the field no longer compile |
//! | parameter or field made required or optional | breaking | its Rust type gains or loses `Option` |
//! | nullable field made required or optional | compatible | it stays `Option<T>`; only whether `null` is written changes, and both versions read both forms |
//! | parameter or field type changed | breaking | its Rust type changes |
//! | field boxed or unboxed | breaking | its Rust type gains or loses `Box` |
//! | parameter or field renamed in Rust (same wire name) | breaking | uses of the old identifier no longer compile |
//! | wire name changed (same Rust name) | breaking | the JSON form or the request changes |
//! | parameter moved between query and header, or its array style changed | breaking | the same call sends a different request |
//! | struct gains `Default` | compatible | a new trait impl |
//! | struct loses `Default` | breaking | `..Default::default()` no longer compiles |
//! | request body added or removed | breaking | the method's arity changes |
//! | request body type or required-ness changed | breaking | the argument's type changes |
//! | request body encoding changed (same Rust type) | breaking | the same call sends a different request |
//! | response type changed | breaking | the method's return type changes |
//! | type added | compatible | a new item |
//! | type removed | breaking | uses of the type no longer compile |
//! | type renamed (same schema or same shape) | breaking | uses of the old name no longer compile |
//! | type changed kind (struct, enum, union, alias) or alias target changed | breaking | the type's API changes |
//! | enum value added † | breaking | exhaustive `match`es no longer compile (the value used to arrive as `Unknown`) |
//! | enum value removed | breaking | uses of the variant no longer compile |
//! | enum variant renamed in Rust (same wire value) | breaking | uses of the old variant no longer compile |
//! | enum value's wire form changed (same Rust variant) | breaking | the JSON form changes |
//! | union variant added, removed, renamed or retyped | breaking | the enum's variants change |
//! | union variants reordered | compatible | same Rust API; an ambiguous value may now decode as another variant |
//! | crate renamed or environment prefix changed | breaking | dependents and `Client::from_env` break |
//! | default base URL changed | compatible | behaviour only |
//! | docs, summaries, API title/version/description changed | docs only | nothing but rustdoc changes |
//!
//! † If the emitter starts marking structs and enums `#[non_exhaustive]`,
//! these rows become compatible; [`severity`] is the single place to change.
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
    /// A struct field or query/header parameter was added.
    MemberAdded,
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
    /// A struct now derives `Default`.
    DefaultGained,
    /// A struct no longer derives `Default`.
    DefaultLost,
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
    /// A union variant was added, removed, renamed or retyped.
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
        MemberAdded | MemberRemoved | MemberMadeRequired | MemberMadeOptional => Severity::Breaking,
        MemberTypeChanged | MemberBoxing | MemberRenamed | WireNameChanged | ParamStyleChanged => Severity::Breaking,
        DefaultLost => Severity::Breaking,
        BodyAdded | BodyRemoved | BodyTypeChanged | BodyEncodingChanged | ResponseChanged => Severity::Breaking,
        TypeRemoved | TypeRenamed | TypeShapeChanged => Severity::Breaking,
        EnumValueAdded | EnumValueRemoved | EnumVariantRenamed | EnumWireChanged => Severity::Breaking,
        UnionVariantChanged | CrateIdentity => Severity::Breaking,
        OperationAdded | Deprecation | NullableRequiredness | DefaultGained | TypeAdded => Severity::Compatible,
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
