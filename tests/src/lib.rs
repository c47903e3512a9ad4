//! Integration tests live in `tests/tests/`. This library exists so that the
//! README's Rust examples run as doc tests: the documented usage of the
//! generated crate always compiles.

#[doc = include_str!("../../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;

#[doc = include_str!("../../docs/streaming.md")]
#[cfg(doctest)]
pub struct StreamingDoctests;
