//! `parse_error`: a file could not be read or parsed, so the analysis is incomplete there.

use super::Lint;
use crate::finding::{Finding, Level};
use crate::parse::ParseFailure;
use crate::source::Location;

pub const LINT: Lint = Lint {
    name: "parse_error",
    default_level: Level::Warn,
    summary: "a file could not be read or parsed, so the analysis is incomplete there",
    documentation: include_str!("../../lints/parse_error.md"),
};

/// The finding for a file that is missing from the analysis; `None` when there is no place to
/// point at (an unreadable file), which the caller reports as a note instead.
pub fn finding(failure: &ParseFailure) -> Option<Finding> {
    let location: Location = failure.location?;
    Some(Finding {
        lint: LINT.name,
        level: LINT.default_level,
        message: format!("{}: {}", failure.path, failure.message),
        location,
        label: "the analysis skips this file".to_string(),
        source: None,
        sink: None,
        flow: Vec::new(),
        help: Some("flows through this file are not followed until it parses".to_string()),
        notes: Vec::new(),
        enclosing_item: failure.path.clone(),
    })
}
