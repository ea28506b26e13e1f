//! `unused_allow`: a `#[consent::allow]` that suppresses nothing.

use super::Lint;
use crate::facts::AllowFacts;
use crate::finding::{Finding, Level};
use crate::source::SourceFiles;

pub const LINT: Lint = Lint {
    name: "unused_allow",
    default_level: Level::Warn,
    summary: "a #[consent::allow] suppresses nothing",
    documentation: include_str!("../../lints/unused_allow.md"),
};

pub fn finding(allow: &AllowFacts, files: &SourceFiles) -> Finding {
    Finding {
        lint: LINT.name,
        level: LINT.default_level,
        message: format!(
            "`#[consent::allow({})]` suppresses nothing here",
            allow.lint
        ),
        location: files.location(allow.span),
        label: format!("no `{}` finding in this item", allow.lint),
        source: None,
        sink: None,
        flow: Vec::new(),
        help: Some("remove the allow, or move it to the item whose finding it is for".to_string()),
        notes: Vec::new(),
        enclosing_item: allow.item.clone(),
        twin: 0,
    }
}
