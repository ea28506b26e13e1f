//! `parse_error`: code could not be read or parsed, or a cap cut the analysis short, so the
//! analysis is incomplete there.

use super::Lint;
use crate::discover::ManifestProblem;
use crate::finding::{Finding, Level};
use crate::incomplete::Incomplete;
use crate::parse::ParseFailure;
use crate::source::{Location, SourceFile, SourceFiles};

pub const LINT: Lint = Lint {
    name: "parse_error",
    default_level: Level::Warn,
    summary: "code could not be read or parsed, or a cap cut the analysis short there",
    documentation: include_str!("../../lints/parse_error.md"),
};

/// The finding for a file that is missing from the analysis; `None` when there is no place to
/// point at (an unreadable file), which the caller reports as a note instead.
/// The label of a file the analysis skips (it could not be read or parsed): a data map says
/// such a file's flows are missing, and another `parse_error` (a cap) that some may be.
pub const SKIPPED_FILE: &str = "the analysis skips this file";

pub fn finding(failure: &ParseFailure) -> Option<Finding> {
    let location: Location = failure.location?;
    Some(Finding {
        lint: LINT.name,
        level: LINT.default_level,
        message: format!("{}: {}", failure.path, failure.message),
        location,
        label: SKIPPED_FILE.to_string(),
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

/// The finding for code a manifest names that is not there: in the manifest (added to
/// `files` to be quoted), at the first occurrence of what the problem is about.
pub fn manifest_finding(problem: &ManifestProblem, files: &mut SourceFiles) -> Finding {
    let text: std::sync::Arc<str> = std::fs::read_to_string(&problem.manifest)
        .unwrap_or_default()
        .into();
    let start = text.find(&problem.needle).unwrap_or(0);
    let end = if start == 0 && !text.starts_with(&problem.needle) {
        0
    } else {
        start + problem.needle.len()
    };
    let working_directory = std::env::current_dir().unwrap_or_default();
    let path = crate::source::display_path(&problem.manifest, &working_directory);
    let file = SourceFile::new(problem.manifest.clone(), path.clone(), text);
    let location = file.location_of_range(crate::source::FileId(files.len() as u32), start, end);
    files.push(file);
    Finding {
        lint: LINT.name,
        level: LINT.default_level,
        message: format!("{path}: {}", problem.message),
        location,
        label: "the scan never reads this".to_string(),
        source: None,
        sink: None,
        flow: Vec::new(),
        help: Some("flows through code that is not read are not followed".to_string()),
        notes: Vec::new(),
        enclosing_item: path.clone(),
        twin: 0,
    }
}
