//! Builds the [`DataMap`] from what `check` computed: every judged sink event (guarded ones
//! included) split by data category into flows, the findings that report them, and the
//! declarations that take part in no flow.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use super::declared::Declarations;
use super::{
    category_parent, Check, DataMap, FindingRef, Flow, Location, Sink, Source, Status, Step,
    Summary, Tool, MAP_SCHEMA_VERSION,
};
use crate::finding::{stable_fingerprint, Finding};
use crate::guards::Verdict;
use crate::lints::sinks::{chain_for, JudgedEvent, JudgedObligations, JudgedSink};
use crate::lints::{self, LintInput};
use crate::propagate::cells::CellId;
use crate::propagate::guard::{CheckWitness, GuardState};
use crate::propagate::summary::SinkEvent;
use crate::propagate::value::{SourceId, Steps};
use crate::resolve::configured::Configured;
use crate::resolve::sites::BodySites;
use crate::source::{SourceFiles, TextSpan};

/// Everything the map is built from: the lints' input and judged sinks, and what the scan
/// reported.
pub struct MapInput<'a> {
    pub lint: &'a LintInput<'a>,
    pub judged: &'a [JudgedSink<'a>],
    pub obligations: &'a [JudgedObligations<'a>],
    pub configured: &'a Configured,
    pub sites: &'a [BodySites],
    /// The findings of the run (after allows and levels).
    pub findings: &'a [Finding],
    pub notes: &'a [String],
    pub crates: usize,
}

/// A location with the text of its line.
pub(super) fn located(files: &SourceFiles, location: crate::source::Location) -> Location {
    let file = files.get(location.file);
    let code = file.line_text(location.line).trim().to_string();
    Location {
        file: file.display_path.clone(),
        line: location.line,
        column: location.column,
        end_line: location.end_line,
        end_column: location.end_column,
        code,
    }
}

pub(super) fn located_span(files: &SourceFiles, span: TextSpan) -> Location {
    located(files, files.location(span))
}

pub fn build(input: &MapInput<'_>) -> DataMap {
    let mut declarations = Declarations::collect(input);
    let mut flows: Vec<Flow> = Vec::new();
    for sink in input.judged {
        flows.extend(sink_flows(input, sink, &mut declarations));
    }
    note_obligation_guards(input, &mut declarations);
    flows.sort_by(|a, b| flow_order(a).cmp(&flow_order(b)));
    // The same sink reached twice in one fn: the second flow's id says which it is.
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for flow in &mut flows {
        let count = seen.entry(flow.id.clone()).or_default();
        *count += 1;
        if *count > 1 {
            flow.id = format!("{}:{count}", flow.id);
        }
    }
    let (sources, sinks, checks) = declarations.unused(input);
    let mut notes: Vec<String> = input.notes.to_vec();
    for finding in input.findings {
        if finding.lint != lints::parse_error::LINT.name {
            continue;
        }
        notes.push(if finding.label == lints::parse_error::SKIPPED_FILE {
            format!(
                "`{}` could not be parsed: flows through it are missing from this map",
                input.lint.files.get(finding.location.file).display_path
            )
        } else {
            // A cap that cut the analysis short, or a manifest entry the scan never reads: its
            // message says what is missed.
            finding.message.clone()
        });
    }
    notes.sort();
    notes.dedup();
    let summary = Summary::of_flows(&flows, input.lint.files.len(), input.crates);
    DataMap {
        version: MAP_SCHEMA_VERSION,
        tool: Tool::this(),
        flows,
        sources_reaching_no_recipient: sources,
        sinks_receiving_nothing: sinks,
        checks_guarding_nothing: checks,
        notes,
        summary,
        comparison: None,
    }
}

/// Recipient, then purpose, then category, then where the sink is.
pub(super) fn flow_order(flow: &Flow) -> impl Ord + '_ {
    (
        &flow.recipient,
        &flow.purpose,
        &flow.category,
        flow.suspected,
        &flow.sink.location.file,
        flow.sink.location.line,
        flow.sink.location.column,
    )
}

/// The flows of one sink call: one per category of the data that reaches it.
fn sink_flows(
    input: &MapInput<'_>,
    sink: &JudgedSink<'_>,
    declarations: &mut Declarations,
) -> Vec<Flow> {
    let lint = input.lint;
    let site = sink.site;
    let mut events: Vec<&JudgedEvent<'_>> = sink.events.iter().collect();
    events.sort_by_key(|judged| judged.event.root);
    let raw_events: Vec<&SinkEvent> = events.iter().map(|judged| judged.event).collect();
    let data = lint.propagation.sources_of(&raw_events);
    let carried = sources_per_event(lint, &raw_events);
    let near = events
        .first()
        .map_or(site.in_fn, |judged| judged.event.root);
    let shown = lint.shown_sources(&data, near);
    let mut categories: Vec<&String> = shown
        .iter()
        .flat_map(|(id, _)| lint.source(*id).categories.iter())
        .collect();
    categories.sort();
    categories.dedup();
    let sink_location = located_span(lint.files, site.span);
    let sink_fn = lint.fn_path(site.in_fn);
    let mut flows = Vec::new();
    for category in categories {
        // The events whose shown data has this category: what the map says about it.
        let shown_here: Vec<SourceId> = shown
            .iter()
            .map(|(id, _)| *id)
            .filter(|id| lint.source(*id).categories.contains(category))
            .collect();
        let with_category: Vec<&JudgedEvent<'_>> = events
            .iter()
            .zip(&carried)
            .filter(|(_, sources)| sources.iter().any(|id| shown_here.contains(id)))
            .map(|(judged, _)| *judged)
            .collect();
        let worst = with_category
            .iter()
            .map(|judged| judged.verdict.severity())
            .max()
            .unwrap_or(0);
        let status = match worst {
            0 => Status::Guarded,
            1 => Status::PurposeMismatch,
            _ => Status::Unguarded,
        };
        let mut guarded_by: Vec<Arc<CheckWitness>> = Vec::new();
        let mut checked_instead: Vec<Arc<CheckWitness>> = Vec::new();
        for judged in &with_category {
            let witnesses = match &judged.verdict {
                Verdict::Guarded => {
                    let covering = lint.entry.guarding_witnesses(
                        lint.propagation,
                        judged.event.root,
                        &judged.event.guard,
                        &|state| sink.bit.is_some_and(|bit| state.bits.contains(bit)),
                        &|witness| lint.space.covers(&witness.spec, sink.bit),
                    );
                    if covering.is_empty() {
                        // Facts through a `bool` parameter: the checks seen are all there is.
                        let seen = judged.state.witnesses.iter();
                        add_witnesses(
                            &mut guarded_by,
                            seen.filter(|witness| lint.space.covers(&witness.spec, sink.bit)),
                        );
                    }
                    add_witnesses(&mut guarded_by, covering.iter());
                    continue;
                }
                Verdict::WrongPurpose(witnesses) => witnesses,
                Verdict::Unguarded => continue,
            };
            add_witnesses(&mut checked_instead, witnesses.iter());
        }
        let unguarded_callers = match with_category
            .iter()
            .find(|judged| judged.verdict.severity() == worst && worst > 0)
        {
            Some(judged) => {
                let needed: Vec<usize> = sink.bit.into_iter().collect();
                let chain = chain_for(lint, judged.event.root, &judged.event.guard, &needed);
                lints::chain_steps(lint, &chain, &site.spec.purpose)
                    .into_iter()
                    .map(|step| Step {
                        location: located(lint.files, step.location),
                        description: step.description,
                    })
                    .collect()
            }
            None => Vec::new(),
        };
        let sources = flow_sources(input, &shown, category, declarations);
        for witness in &guarded_by {
            declarations.note_guard(witness);
        }
        for witness in &checked_instead {
            declarations.note_checked_instead(witness);
        }
        let flow_lint = match status {
            Status::Guarded => None,
            _ if sink.suspected => Some(lints::possible_personal_data::LINT.name),
            Status::PurposeMismatch => Some(lints::purpose_mismatch::LINT.name),
            Status::Unguarded => Some(lints::unguarded_share::LINT.name),
        };
        let suspected_marker = if sink.suspected { "suspected" } else { "" };
        flows.push(Flow {
            id: stable_fingerprint([
                sink_fn.as_str(),
                site.spec.callee.as_str(),
                site.spec.recipient.as_str(),
                site.spec.purpose.as_str(),
                category.as_str(),
                suspected_marker,
            ]),
            recipient: site.spec.recipient.clone(),
            purpose: site.spec.purpose.clone(),
            category: category.clone(),
            category_parent: category_parent(category),
            status,
            suspected: sink.suspected,
            sink: Sink {
                callee: site.spec.callee.clone(),
                in_fn: sink_fn.clone(),
                location: sink_location.clone(),
                by_name: site.by_name,
            },
            sources,
            guarded_by: checks(lint, &guarded_by),
            checked_instead: checks(lint, &checked_instead),
            unguarded_callers,
            lint: flow_lint.map(str::to_string),
            finding: finding_at(input, site.span, flow_lint),
            change: None,
        });
    }
    if !flows.is_empty() {
        for judged in &sink.events {
            declarations.note_sink_reached(&judged.event.site.spec);
        }
    }
    flows
}

/// A check that guards a token's creation or a `requires` call guards what the token and
/// the fn guard in turn: it is not idle.
fn note_obligation_guards(input: &MapInput<'_>, declarations: &mut Declarations) {
    let lint = input.lint;
    for place in input.obligations {
        let covers = |state: &GuardState| {
            !place.needed.is_empty() && place.needed.iter().all(|&bit| state.bits.contains(bit))
        };
        let guards = |witness: &CheckWitness| {
            place
                .needed
                .iter()
                .any(|&bit| lint.space.covers(&witness.spec, Some(bit)))
        };
        for (verdict, obligation) in &place.judged {
            if *verdict != Verdict::Guarded {
                continue;
            }
            for witness in lint.entry.guarding_witnesses(
                lint.propagation,
                obligation.root,
                &obligation.guard,
                &covers,
                &guards,
            ) {
                declarations.note_guard(&witness);
            }
        }
    }
}

/// The sources each event carries: its own, and those of the cells it reads, each cell's
/// contents worked out once for all the events (a cell read by a thousand events is not
/// expanded a thousand times).
fn sources_per_event(lint: &LintInput<'_>, events: &[&SinkEvent]) -> Vec<Vec<SourceId>> {
    let mut of_cell: HashMap<CellId, Vec<SourceId>> = HashMap::new();
    events
        .iter()
        .map(|event| {
            let mut sources: Vec<SourceId> = event.data.iter().map(|(id, _)| *id).collect();
            for (cell, steps) in &event.held {
                let held = of_cell.entry(*cell).or_insert_with(|| {
                    // One event reading only this cell: `sources_of` says what it holds.
                    let reading = SinkEvent {
                        site: event.site.clone(),
                        data: Vec::new(),
                        held: vec![(*cell, steps.clone())],
                        guard: GuardState::default(),
                        root: event.root,
                        suspected: event.suspected,
                    };
                    lint.propagation
                        .sources_of(&[&reading])
                        .into_iter()
                        .map(|(id, _)| id)
                        .collect()
                });
                sources.extend(held.iter().copied());
            }
            sources
        })
        .collect()
}

fn add_witnesses<'w>(
    into: &mut Vec<Arc<CheckWitness>>,
    witnesses: impl Iterator<Item = &'w Arc<CheckWitness>>,
) {
    for witness in witnesses {
        if !into.contains(witness) {
            into.push(witness.clone());
        }
    }
}

/// The checks of a flow, in the order of their places.
fn checks(lint: &LintInput<'_>, witnesses: &[Arc<CheckWitness>]) -> Vec<Check> {
    let mut checks: Vec<Check> = witnesses
        .iter()
        .map(|witness| Check {
            description: lint.describe_check(witness),
            written: witness.written.clone(),
            polarity: witness.spec.polarity.into(),
            purpose: witness.spec.purpose.clone(),
            recipient: witness.spec.recipient.clone(),
            location: located_span(lint.files, witness.span),
        })
        .collect();
    checks.sort_by(|a, b| {
        (&a.location, &a.written, &a.purpose).cmp(&(&b.location, &b.written, &b.purpose))
    });
    checks.dedup_by(|later, earlier| {
        later.location == earlier.location && later.description == earlier.description
    });
    checks
}

/// The sources of a flow's category, each with the steps its data took to the sink.
fn flow_sources(
    input: &MapInput<'_>,
    shown: &[&(SourceId, Steps)],
    category: &str,
    declarations: &mut Declarations,
) -> Vec<Source> {
    let lint = input.lint;
    let mut sources: Vec<Source> = Vec::new();
    for (id, steps) in shown {
        let found = lint.source(*id);
        if !found.categories.iter().any(|known| known == category) {
            continue;
        }
        let source = Source {
            description: lint.describe_source(found),
            categories: found.categories.clone(),
            in_fn: lint.fn_path(id.function),
            location: located_span(lint.files, found.span),
            declared_by: declarations.source_reached(found),
            steps: steps
                .to_vec()
                .iter()
                .map(|step| Step {
                    description: lint.describe_step(step),
                    location: located_span(lint.files, step.span),
                })
                .collect(),
        };
        // A module shared by a lib and a bin target is walked in both: one source.
        if !sources.iter().any(|known| {
            known.location == source.location && known.description == source.description
        }) {
            sources.push(source);
        }
    }
    sources
}

/// The finding this run reports at a sink call: the one of the flow's own lint, else the one
/// the call's worst flow made.
fn finding_at(input: &MapInput<'_>, span: TextSpan, lint: Option<&str>) -> Option<FindingRef> {
    let location = input.lint.files.location(span);
    let at_sink: Vec<&Finding> = input
        .findings
        .iter()
        .filter(|finding| {
            finding.sink.is_some()
                && finding.location.file == location.file
                && finding.location.start == location.start
                && finding.location.end == location.end
        })
        .collect();
    let finding = at_sink
        .iter()
        .find(|finding| Some(finding.lint) == lint)
        .or_else(|| at_sink.first())?;
    Some(FindingRef {
        lint: finding.lint.to_string(),
        level: finding.level.as_str().to_string(),
        fingerprint: finding.fingerprint(),
    })
}
