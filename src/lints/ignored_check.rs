//! `ignored_check`: a consent check's result is discarded or never used to branch.

use super::Lint;
use crate::finding::Level;

pub const LINT: Lint = Lint {
    name: "ignored_check",
    default_level: Level::Warn,
    summary: "a consent check's result is discarded or never used to branch",
    documentation: include_str!("../../lints/ignored_check.md"),
    implemented: false,
};
