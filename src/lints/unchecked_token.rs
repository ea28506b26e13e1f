//! `unchecked_token`: a consent token is created on a path with no check for its purpose.

use super::render::LintInput;
use super::sinks::ObligationCase;
use super::Lint;
use crate::finding::{Finding, Level};
use crate::propagate::summary::ObligationKind;

pub const LINT: Lint = Lint {
    name: "unchecked_token",
    default_level: Level::Deny,
    summary: "a consent token is created on a path with no check for its purpose",
    documentation: include_str!("../../lints/unchecked_token.md"),
};

pub fn finding(input: &LintInput<'_>, case: &ObligationCase<'_>) -> Finding {
    let ObligationKind::TokenCreation { token } = &case.obligation.kind else {
        unreachable!("token findings are made for token creations");
    };
    let purpose = &case.obligation.purpose;
    let mut finding = super::obligation_finding(
        input,
        &LINT,
        case,
        format!("consent token `{token}` for `{purpose}` created without a check for `{purpose}`"),
        format!("`{token}` created here"),
    );
    finding.help = Some(format!(
        "create `{token}` only after checking the user's choice for `{purpose}`, \
         or inside the `#[consent::check(purpose = \"{purpose}\")]` fn that decides it"
    ));
    finding
}
