//! `parse_error`: a file could not be read or parsed, so the analysis is incomplete there.

use super::Lint;
use crate::finding::{Finding, Level};
use crate::incomplete::Incomplete;
use crate::parse::ParseFailure;
use crate::source::{Location, SourceFiles};

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
        twin: 0,
    })
}

/// The finding for a place where a cap cut the analysis short: the file was read, but not
/// everything in it was followed.
pub fn cut_short_finding(incomplete: &Incomplete, files: &SourceFiles) -> Finding {
    let location = files.location(incomplete.span);
    let path = &files.get(incomplete.span.file).display_path;
    Finding {
        lint: LINT.name,
        level: LINT.default_level,
        message: format!("{path}: {}", incomplete.cap.message()),
        location,
        label: incomplete.cap.label().to_string(),
        source: None,
        sink: None,
        flow: Vec::new(),
        help: Some(
            "the analysis is incomplete here: a flow through this place can be missed".to_string(),
        ),
        notes: Vec::new(),
        enclosing_item: path.clone(),
        twin: 0,
    }
}
