//! `unguarded_share`: personal data reaches a third party with no check for the sink's purpose on some path.

use super::render::LintInput;
use super::sinks::{ObligationCase, SinkCase};
use super::Lint;
use crate::finding::{Finding, Level};
use crate::propagate::summary::ObligationKind;

pub const LINT: Lint = Lint {
    name: "unguarded_share",
    default_level: Level::Deny,
    summary:
        "personal data reaches a third party with no check for the sink's purpose on some path",
    documentation: include_str!("../../lints/unguarded_share.md"),
};

/// The finding for a sink that some path reaches with no check at all.
pub fn finding(input: &LintInput<'_>, case: &SinkCase<'_>) -> Finding {
    let spec = &case.site.spec;
    let mut finding = super::sink_finding(input, &LINT, case, |data| {
        format!(
            "{data} shared with `{}` for `{}` without a consent check",
            spec.recipient, spec.purpose
        )
    });
    finding.help = Some(match case.chain.first() {
        Some(entry_point) => format!(
            "check the user's choice for `{purpose}` on every path to this call: \
             `{}` reaches it without one (wrap the call, or return early when the user opted out)",
            input.fn_name(entry_point.caller),
            purpose = spec.purpose
        ),
        None => format!(
            "check the user's choice for `{purpose}` before this call: wrap it in \
             `if <check for {purpose}> {{ .. }}`, or return early when the user has opted out",
            purpose = spec.purpose
        ),
    });
    finding
}

/// The finding for a call of a `requires` fn that no check for its purpose guards.
pub fn requires_finding(input: &LintInput<'_>, case: &ObligationCase<'_>) -> Finding {
    let ObligationKind::RequiresCall { callee } = &case.obligation.kind else {
        unreachable!("requires findings are made for requires calls");
    };
    let purpose = &case.obligation.purpose;
    let mut finding = super::obligation_finding(
        input,
        &LINT,
        case,
        format!(
            "`{}` requires a check for `{purpose}`, and this call has none",
            input.fn_name(*callee)
        ),
        format!("called without a check for `{purpose}`"),
    );
    finding.help = Some(format!(
        "check the user's choice for `{purpose}` before calling `{}`",
        input.fn_name(*callee)
    ));
    finding
}
