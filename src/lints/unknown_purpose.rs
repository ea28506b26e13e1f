//! `unknown_purpose`: an annotation names a purpose that is not defined.

use super::Lint;
use crate::facts::AnnotationProblem;
use crate::finding::{Finding, Level};

pub const LINT: Lint = Lint {
    name: "unknown_purpose",
    default_level: Level::Deny,
    summary: "an annotation names a purpose that is not defined",
    documentation: include_str!("../../lints/unknown_purpose.md"),
};

pub fn finding(problem: &AnnotationProblem, files: &crate::source::SourceFiles) -> Finding {
    super::annotation_finding(&LINT, problem, files, "purpose", "purposes")
}
