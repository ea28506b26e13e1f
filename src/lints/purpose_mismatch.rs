//! `purpose_mismatch`: every path to a share is checked, but for another purpose or recipient.

use std::sync::Arc;

use super::{sink_finding, Lint};
use crate::finding::{Finding, FlowStep, Level};
use crate::guards::Check;
use crate::propagate::SinkEvent;

pub const LINT: Lint = Lint {
    name: "purpose_mismatch",
    default_level: Level::Deny,
    summary: "every path to a share is checked, but for another purpose or recipient",
    documentation: include_str!("../../lints/purpose_mismatch.md"),
    implemented: true,
};

/// The finding for a sink whose every path is checked, but for other purposes or recipients.
pub fn finding(event: &SinkEvent, checks: &[Arc<Check>], enclosing_item: &str) -> Finding {
    let found: Vec<String> = checks.iter().map(|check| describe(check)).collect();
    let mut finding = sink_finding(
        &LINT,
        event,
        enclosing_item,
        format!(
            "{} shared with `{}` for `{}`, but the only check on the way is {}",
            super::data_phrase(event),
            event.recipient,
            event.purpose,
            found.join(" and ")
        ),
    );
    for check in checks {
        finding.flow.insert(
            0,
            FlowStep {
                description: format!("this checks {}, not `{}`", describe(check), event.purpose),
                location: check.location,
            },
        );
    }
    finding.help = Some(format!(
        "check the user's choice for `{}` with `{}` too: a choice about one purpose says nothing about another",
        event.purpose, event.recipient
    ));
    finding
}

fn describe(check: &Check) -> String {
    let kind = match check.polarity {
        crate::facts::Polarity::Allow => "consent",
        crate::facts::Polarity::OptOut => "opt-out",
    };
    let purpose = check
        .purpose
        .as_deref()
        .map_or(String::new(), |purpose| format!(" for `{purpose}`"));
    let recipient = check
        .recipient
        .as_deref()
        .map_or(String::new(), |recipient| format!(" with `{recipient}`"));
    format!("the {kind} `{}`{purpose}{recipient}", check.name)
}
