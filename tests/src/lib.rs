//! Integration tests live in `tests/tests/`. This library exists so that the
//! Rust examples of the README and of the guides in `docs/` run as doc
//! tests: the documented usage of the generated crate always compiles.

#[doc = include_str!("../../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;

#[doc = include_str!("../../docs/auth.md")]
#[cfg(doctest)]
pub struct AuthDoctests;

#[doc = include_str!("../../docs/build-rs.md")]
#[cfg(doctest)]
pub struct BuildRsDoctests;

#[doc = include_str!("../../docs/client.md")]
#[cfg(doctest)]
pub struct ClientDoctests;

#[doc = include_str!("../../docs/compile-cost.md")]
#[cfg(doctest)]
pub struct CompileCostDoctests;

#[doc = include_str!("../../docs/contributing.md")]
#[cfg(doctest)]
pub struct ContributingDoctests;

#[doc = include_str!("../../docs/design.md")]
#[cfg(doctest)]
pub struct DesignDoctests;

#[doc = include_str!("../../docs/diagnostics.md")]
#[cfg(doctest)]
pub struct DiagnosticsDoctests;

#[doc = include_str!("../../docs/diff.md")]
#[cfg(doctest)]
pub struct DiffDoctests;

#[doc = include_str!("../../docs/errors.md")]
#[cfg(doctest)]
pub struct ErrorsDoctests;

#[doc = include_str!("../../docs/generating.md")]
#[cfg(doctest)]
pub struct GeneratingDoctests;

#[doc = include_str!("../../docs/mocks.md")]
#[cfg(doctest)]
pub struct MocksDoctests;

#[doc = include_str!("../../docs/multipart.md")]
#[cfg(doctest)]
pub struct MultipartDoctests;

#[doc = include_str!("../../docs/pagination.md")]
#[cfg(doctest)]
pub struct PaginationDoctests;

#[doc = include_str!("../../docs/performance.md")]
#[cfg(doctest)]
pub struct PerformanceDoctests;

#[doc = include_str!("../../docs/split-specs.md")]
#[cfg(doctest)]
pub struct SplitSpecsDoctests;

#[doc = include_str!("../../docs/tracing.md")]
#[cfg(doctest)]
pub struct TracingDoctests;

#[doc = include_str!("../../docs/types.md")]
#[cfg(doctest)]
pub struct TypesDoctests;

#[doc = include_str!("../../docs/streaming.md")]
#[cfg(doctest)]
pub struct StreamingDoctests;
