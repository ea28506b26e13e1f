//! The fuzz targets' shared code: the harness (also replayed by `tests/fuzz_regressions.rs`)
//! and the structured input, a generated `consent.toml` and flags in front of a package's bytes.

pub mod harness;
pub mod structured;
