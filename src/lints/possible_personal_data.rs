//! `possible_personal_data`: unannotated data whose name suggests personal data reaches a share.

use super::Lint;
use crate::finding::Level;

pub const LINT: Lint = Lint {
    name: "possible_personal_data",
    default_level: Level::Allow,
    summary: "unannotated data whose name suggests personal data reaches a share",
    documentation: include_str!("../../lints/possible_personal_data.md"),
    implemented: false,
};
