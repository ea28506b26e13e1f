//! `ignored_check`: a consent check's result is discarded or never used to branch.

use super::render::LintInput;
use super::Lint;
use crate::finding::{Finding, Level};
use crate::resolve::FnId;

pub const LINT: Lint = Lint {
    name: "ignored_check",
    default_level: Level::Warn,
    summary: "a consent check's result is discarded or never used to branch",
    documentation: include_str!("../../lints/ignored_check.md"),
};

pub fn findings(input: &LintInput<'_>) -> Vec<(Finding, FnId)> {
    let mut findings = Vec::new();
    for (index, outcome) in input.propagation.outcomes.iter().enumerate() {
        for ignored in &outcome.ignored_checks {
            let written = input.snippet(ignored.span);
            let (message, label) = match ignored.stored_in {
                Some(local) => (
                    format!("the result of `{written}` is stored in `{local}` and never read"),
                    format!("stored in `{local}`, which nothing reads"),
                ),
                None => (
                    format!("the result of `{written}` is discarded"),
                    "this check decides nothing".to_string(),
                ),
            };
            findings.push((
                Finding {
                    lint: LINT.name,
                    level: LINT.default_level,
                    message,
                    location: input.location(ignored.span),
                    label,
                    source: None,
                    sink: None,
                    flow: Vec::new(),
                    help: Some(
                        "branch on the check: `if <check> { share(..) }`, or return early when it \
                     refuses"
                            .to_string(),
                    ),
                    notes: Vec::new(),
                    enclosing_item: input.fn_path(FnId(index as u32)),
                    twin: 0,
                },
                FnId(index as u32),
            ));
        }
    }
    findings
}
