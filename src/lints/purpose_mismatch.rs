//! `purpose_mismatch`: every path to a share is checked, but for another purpose or recipient.

use super::render::LintInput;
use super::sinks::{ObligationCase, SinkCase};
use super::Lint;
use crate::finding::{Finding, FlowStep, Level};
use crate::guards::Verdict;
use crate::propagate::guard::CheckWitness;
use crate::propagate::summary::ObligationKind;
use std::sync::Arc;

pub const LINT: Lint = Lint {
    name: "purpose_mismatch",
    default_level: Level::Deny,
    summary: "every path to a share is checked, but for another purpose or recipient",
    documentation: include_str!("../../lints/purpose_mismatch.md"),
};

fn witnesses(verdict: &Verdict) -> &[Arc<CheckWitness>] {
    match verdict {
        Verdict::WrongPurpose(witnesses) => witnesses,
        _ => &[],
    }
}

fn found_checks(input: &LintInput<'_>, verdict: &Verdict) -> String {
    let described: Vec<String> = witnesses(verdict)
        .iter()
        .map(|witness| input.describe_check(witness))
        .collect();
    if described.is_empty() {
        "a check for another purpose".to_string()
    } else {
        described.join(" and ")
    }
}

/// A step at each check found, saying what it checks instead of `needed` (written as the
/// message says it, in backticks).
fn check_steps(input: &LintInput<'_>, verdict: &Verdict, needed: &str) -> Vec<FlowStep> {
    witnesses(verdict)
        .iter()
        .map(|witness| FlowStep {
            description: format!(
                "this checks {}, not {needed}",
                input.describe_check(witness).trim_start_matches("the ")
            ),
            location: input.location(witness.span),
        })
        .collect()
}

/// The finding for a sink whose every path is checked, but for other purposes or recipients.
pub fn finding(input: &LintInput<'_>, case: &SinkCase<'_>) -> Finding {
    let spec = &case.site.spec;
    let found = found_checks(input, &case.verdict);
    let mut finding = super::sink_finding(input, &LINT, case, |data| {
        format!(
            "{data} shared with `{}` for `{}`, but the only check on the way is {found}",
            spec.recipient, spec.purpose
        )
    });
    let mut steps = check_steps(input, &case.verdict, &format!("`{}`", spec.purpose));
    steps.append(&mut finding.flow);
    finding.flow = steps;
    finding.help = Some(format!(
        "check the user's choice for `{}` with `{}` too: a choice about one purpose says nothing about another",
        spec.purpose, spec.recipient
    ));
    finding
}

/// The finding for a call of a `requires` fn checked only for other purposes, or for the
/// purpose with other recipients than those its shares go to.
pub fn requires_finding(input: &LintInput<'_>, case: &ObligationCase<'_>) -> Finding {
    let ObligationKind::RequiresCall { callee } = &case.obligation.kind else {
        unreachable!("requires findings are made for requires calls");
    };
    let purpose = &case.obligation.purpose;
    // The recipients are worth naming when a check for the purpose was found: it is theirs
    // that is missing.
    let purpose_checked = witnesses(&case.verdict).iter().any(|witness| {
        witness
            .spec
            .purpose
            .as_deref()
            .is_none_or(|checked| checked == purpose)
    });
    let needed = match case.recipients.as_slice() {
        recipients if purpose_checked && !recipients.is_empty() => {
            format!("`{purpose}` with `{}`", recipients.join("` and `"))
        }
        _ => format!("`{purpose}`"),
    };
    let found = found_checks(input, &case.verdict);
    let mut finding = super::obligation_finding(
        input,
        &LINT,
        case,
        format!(
            "`{}` requires a check for {needed}, but the only check on the way is {found}",
            input.fn_name(*callee)
        ),
        if purpose_checked {
            format!("not checked for {needed}")
        } else {
            format!("checked for another purpose than {needed}")
        },
    );
    let mut steps = check_steps(input, &case.verdict, &needed);
    steps.append(&mut finding.flow);
    finding.flow = steps;
    finding.help = Some(format!(
        "check the user's choice for {needed} before calling `{}`",
        input.fn_name(*callee)
    ));
    finding
}
