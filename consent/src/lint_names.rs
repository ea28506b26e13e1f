//! The lint names `#[consent::allow(LINT, ...)]` accepts (SPEC §5).
//!
//! Kept dependency-free like `taxonomy.rs`, so that the scanner can include this file with
//! `#[path]` and check in a test that it names exactly the scanner's lints.

/// Every lint of cargo-consent, by the name users write in `allow`.
pub const LINT_NAMES: &[&str] = &[
    "unguarded_share",
    "purpose_mismatch",
    "ignored_check",
    "unchecked_token",
    "unknown_category",
    "unknown_purpose",
    "possible_personal_data",
    "parse_error",
    "unused_allow",
];
