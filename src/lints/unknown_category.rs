//! `unknown_category`: an annotation names a data category that is not defined.

use super::Lint;
use crate::facts::AnnotationProblem;
use crate::finding::{Finding, Level};

pub const LINT: Lint = Lint {
    name: "unknown_category",
    default_level: Level::Deny,
    summary: "an annotation names a data category that is not defined",
    documentation: include_str!("../../lints/unknown_category.md"),
};

pub fn finding(problem: &AnnotationProblem, files: &crate::source::SourceFiles) -> Finding {
    super::annotation_finding(&LINT, problem, files, "category", "categories")
}
