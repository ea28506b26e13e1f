//! `unguarded_share`: personal data reaches a third party with no check for the sink's purpose on some path.

use super::{sink_finding, Lint};
use crate::finding::{Finding, Level};
use crate::propagate::SinkEvent;

pub const LINT: Lint = Lint {
    name: "unguarded_share",
    default_level: Level::Deny,
    summary:
        "personal data reaches a third party with no check for the sink's purpose on some path",
    documentation: include_str!("../../lints/unguarded_share.md"),
    implemented: true,
};

/// The finding for a sink that no check guards on some path.
pub fn finding(event: &SinkEvent, enclosing_item: &str) -> Finding {
    let mut finding = sink_finding(
        &LINT,
        event,
        enclosing_item,
        format!(
            "{} shared with `{}` for `{}` without a consent check",
            super::data_phrase(event),
            event.recipient,
            event.purpose
        ),
    );
    finding.help = Some(format!(
        "check the user's choice for `{purpose}` before this call: wrap it in `if <check for {purpose}> {{ .. }}`, \
         or return early when the user has opted out",
        purpose = event.purpose
    ));
    finding
}
