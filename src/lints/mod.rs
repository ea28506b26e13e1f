//! The lints: one file per lint, each declaring its name, default level and documentation page
//! (`lints/NAME.md`, embedded here), and turning the analysis results it owns into findings.
//!
//! [`ALL`] is the single list of lints; the CLI, `explain`, level flags and the docs test all
//! read it.

pub mod ignored_check;
pub mod parse_error;
pub mod possible_personal_data;
pub mod purpose_mismatch;
pub mod unchecked_token;
pub mod unguarded_share;
pub mod unknown_category;
pub mod unknown_purpose;
pub mod unused_allow;

use std::collections::BTreeMap;

use crate::finding::Level;

/// A lint's declaration.
#[derive(Debug)]
pub struct Lint {
    pub name: &'static str,
    pub default_level: Level,
    /// One line, shown by `cargo consent lints`.
    pub summary: &'static str,
    /// The Markdown page from `lints/NAME.md`.
    pub documentation: &'static str,
}

/// Every lint, in the order `cargo consent lints` prints them.
pub const ALL: &[&Lint] = &[
    &unguarded_share::LINT,
    &purpose_mismatch::LINT,
    &ignored_check::LINT,
    &unchecked_token::LINT,
    &unknown_category::LINT,
    &unknown_purpose::LINT,
    &possible_personal_data::LINT,
    &parse_error::LINT,
    &unused_allow::LINT,
];

/// Looks a lint up by name; `-` and `_` are interchangeable, as in rustc's lint names.
pub fn find(name: &str) -> Option<&'static Lint> {
    let name = name.replace('-', "_");
    ALL.iter().copied().find(|lint| lint.name == name)
}

/// The level each lint runs at: defaults, overridden by config and then the command line.
#[derive(Debug, Clone, Default)]
pub struct LintLevels {
    overrides: BTreeMap<&'static str, Level>,
}

impl LintLevels {
    pub fn set(&mut self, lint: &'static Lint, level: Level) {
        self.overrides.insert(lint.name, level);
    }

    /// Takes the levels a config sets for the lints the command line did not set.
    pub fn with_config(mut self, levels: &[(String, Level)]) -> LintLevels {
        for (name, level) in levels {
            if let Some(lint) = find(name) {
                self.overrides.entry(lint.name).or_insert(*level);
            }
        }
        self
    }

    pub fn level_of(&self, lint: &Lint) -> Level {
        self.overrides
            .get(lint.name)
            .copied()
            .unwrap_or(lint.default_level)
    }
}

mod render;
pub mod sinks;

pub use render::LintInput;

use crate::facts::AnnotationProblem;
use crate::finding::Finding;

/// Every finding of the analysis proper (not parse errors or annotation problems), with the
/// fn it sits in (where `#[consent::allow]` is looked up). `judged_sinks` and
/// `judged_obligations` are [`sinks::judged_sinks`] and [`sinks::judged_obligations`] of the
/// same input.
pub fn analysis_findings(
    input: &LintInput<'_>,
    judged_sinks: &[sinks::JudgedSink<'_>],
    judged_obligations: &[sinks::JudgedObligations<'_>],
) -> Vec<(Finding, crate::resolve::FnId)> {
    let mut findings = sinks::sink_findings(input, judged_sinks);
    findings.extend(sinks::obligation_findings(input, judged_obligations));
    findings.extend(ignored_check::findings(input));
    findings
}

/// The parts every sink finding shares: the sink, where the data came from, and its path.
fn sink_finding(
    input: &LintInput<'_>,
    lint: &'static Lint,
    case: &sinks::SinkCase<'_>,
    message: impl FnOnce(&str) -> String,
) -> Finding {
    let data = input.propagation.sources_of(&case.events);
    let near = case
        .events
        .first()
        .map_or(case.site.in_fn, |event| event.root);
    let (source, mut flow, categories) = input.data_path(&data, near);
    let listed: Vec<String> = categories
        .iter()
        .map(|category| format!("`{category}`"))
        .collect();
    let noun = if lint.name == possible_personal_data::LINT.name {
        "data named like personal data"
    } else {
        "personal data"
    };
    let data_phrase = format!("{noun} ({})", listed.join(", "));
    flow.extend(chain_steps(input, &case.chain, &case.site.spec.purpose));
    let spec = &case.site.spec;
    let mut notes = Vec::new();
    if case.site.by_name {
        notes.push(format!(
            "`{}` was matched by method name only: the receiver's type is not known",
            spec.callee
        ));
    }
    Finding {
        lint: lint.name,
        level: lint.default_level,
        message: message(&data_phrase),
        location: input.location(case.site.span),
        label: format!(
            "shared with `{}` for `{}` here",
            spec.recipient, spec.purpose
        ),
        source,
        sink: Some(crate::finding::SinkInfo {
            recipient: spec.recipient.clone(),
            purpose: spec.purpose.clone(),
            callee: spec.callee.clone(),
            location: input.location(case.site.span),
        }),
        flow,
        help: None,
        notes,
        enclosing_item: input.fn_path(case.site.in_fn),
        twin: 0,
    }
}

/// The parts of a finding on a token creation or a `requires` call.
fn obligation_finding(
    input: &LintInput<'_>,
    lint: &'static Lint,
    case: &sinks::ObligationCase<'_>,
    message: String,
    label: String,
) -> Finding {
    Finding {
        lint: lint.name,
        level: lint.default_level,
        message,
        location: input.location(case.obligation.span),
        label,
        source: None,
        sink: None,
        flow: chain_steps(input, &case.chain, &case.obligation.purpose),
        help: None,
        notes: Vec::new(),
        enclosing_item: input.fn_path(case.obligation.root),
        twin: 0,
    }
}

/// The unguarded chain of callers as steps: each call made without the check.
pub fn chain_steps(
    input: &LintInput<'_>,
    chain: &[crate::guards::entry::ChainLink],
    purpose: &str,
) -> Vec<crate::finding::FlowStep> {
    chain
        .iter()
        .map(|link| crate::finding::FlowStep {
            description: format!(
                "`{}` calls this path without a check for `{purpose}`{}",
                input.fn_name(link.caller),
                render::by_name_note(link.by_name)
            ),
            location: input.location(link.span),
        })
        .collect()
}

/// A finding for an annotation argument naming something undefined.
fn annotation_finding(
    lint: &'static Lint,
    problem: &AnnotationProblem,
    files: &crate::source::SourceFiles,
    noun: &str,
    plural: &str,
) -> Finding {
    let help = match &problem.suggestion {
        Some(suggestion) => format!("did you mean `{suggestion}`?"),
        None => format!("use a built-in {noun}, or add it to `{plural}` in consent.toml"),
    };
    Finding {
        lint: lint.name,
        level: lint.default_level,
        message: format!("unknown {noun} `{}`", problem.name),
        location: files.location(problem.span),
        label: format!("not a known {noun}"),
        source: None,
        sink: None,
        flow: Vec::new(),
        help: Some(help),
        notes: Vec::new(),
        enclosing_item: problem.name.clone(),
        twin: 0,
    }
}

/// The lint names the `consent` crate accepts in `allow`, compared with [`ALL`] in a test.
#[cfg(test)]
#[path = "../../consent/src/lint_names.rs"]
mod consent_lint_names;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_lint_page_is_titled_with_its_lint_and_level() {
        for lint in ALL {
            let first_line = lint.documentation.lines().next().unwrap_or_default();
            assert_eq!(first_line, format!("# {}", lint.name));
            let level_line = format!("**Default level:** {}", lint.default_level.as_str());
            assert!(
                lint.documentation.contains(&level_line),
                "{} lacks `{level_line}`",
                lint.name
            );
            for heading in [
                "## What it does",
                "## Why it matters",
                "## Example",
                "## Fix",
                "## Known limits",
                "## Configuration",
            ] {
                assert!(
                    lint.documentation.contains(heading),
                    "{} lacks {heading}",
                    lint.name
                );
            }
        }
    }

    #[test]
    fn every_page_in_the_lints_folder_belongs_to_a_lint() {
        let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("lints");
        let mut pages: Vec<String> = std::fs::read_dir(folder)
            .expect("lints/ is readable")
            .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
            .filter_map(|name| name.strip_suffix(".md").map(str::to_string))
            .filter(|name| name != "README")
            .collect();
        pages.sort();
        let mut lints: Vec<String> = ALL.iter().map(|lint| lint.name.to_string()).collect();
        lints.sort();
        assert_eq!(pages, lints);
    }

    #[test]
    fn the_consent_crate_accepts_exactly_these_lints_in_allow() {
        let ours: Vec<&str> = ALL.iter().map(|lint| lint.name).collect();
        assert_eq!(ours, super::consent_lint_names::LINT_NAMES);
    }

    #[test]
    fn lint_names_accept_dashes() {
        assert_eq!(
            find("unguarded-share").map(|lint| lint.name),
            Some("unguarded_share")
        );
        assert!(find("no_such_lint").is_none());
    }
}
