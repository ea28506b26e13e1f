//! `unchecked_token`: a consent token is created on a path with no check for its purpose.

use super::Lint;
use crate::finding::Level;

pub const LINT: Lint = Lint {
    name: "unchecked_token",
    default_level: Level::Deny,
    summary: "a consent token is created on a path with no check for its purpose",
    documentation: include_str!("../../lints/unchecked_token.md"),
    implemented: false,
};
