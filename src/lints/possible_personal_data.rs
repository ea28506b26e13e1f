//! `possible_personal_data`: unannotated data whose name suggests personal data reaches a share.
//!
//! When the lint is on, propagation adds a suspected source wherever a name says personal
//! data (a variable, parameter, field or fn named `phone`, `device_id`, `email`, ...) and no
//! annotation does; they travel like real sources, and a sink they reach without a check for
//! its purpose is reported here instead of as `unguarded_share`.

use super::render::LintInput;
use super::sinks::SinkCase;
use super::Lint;
use crate::finding::{Finding, Level};

pub const LINT: Lint = Lint {
    name: "possible_personal_data",
    default_level: Level::Allow,
    summary: "unannotated data whose name suggests personal data reaches a share",
    documentation: include_str!("../../lints/possible_personal_data.md"),
};

/// The finding for a sink that suspected personal data reaches without a check.
pub fn finding(input: &LintInput<'_>, case: &SinkCase<'_>) -> Finding {
    let spec = &case.site.spec;
    let mut finding = super::sink_finding(input, &LINT, case, |data| {
        format!(
            "{data}, not annotated, shared with `{}` for `{purpose}` without a check for \
             `{purpose}`",
            spec.recipient,
            purpose = spec.purpose
        )
    });
    finding.help = Some(format!(
        "if it is personal data, annotate where it comes from (`#[consent::personal(..)]`, or \
         a `[[source]]` in consent.toml) and check the user's choice for `{}`; if it is not, \
         `#[consent::allow(possible_personal_data, reason = \"..\")]`",
        spec.purpose
    ));
    finding
}
