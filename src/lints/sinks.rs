//! Verdicts for sinks and obligations: everything that reached one sink call (or one token
//! creation, one call of a `requires` fn), from every root, judged with what the root's callers
//! guarantee. One finding per call and lint: the worst verdict wins.

use std::collections::BTreeMap;

use super::render::LintInput;
use super::{possible_personal_data, purpose_mismatch, unchecked_token, unguarded_share};
use crate::finding::Finding;
use crate::guards::{verdict, GuardState, Verdict};
use crate::propagate::summary::{Obligation, ObligationKind, SinkEvent, SinkSite};
use crate::resolve::FnId;
use crate::source::TextSpan;

/// One sink call and what the analysis concluded about it.
pub struct SinkCase<'i> {
    pub site: &'i SinkSite,
    pub verdict: Verdict,
    /// The events with that verdict (their data is what leaks).
    pub events: Vec<&'i SinkEvent>,
    /// When the gap is in the callers: the chain from an entry point to the root.
    pub chain: Vec<(FnId, TextSpan)>,
}

/// One token creation or `requires` call and its verdict.
pub struct ObligationCase<'i> {
    pub obligation: &'i Obligation,
    pub verdict: Verdict,
    pub chain: Vec<(FnId, TextSpan)>,
}

/// One event at a sink call, judged with what its root's callers guarantee.
pub struct JudgedEvent<'i> {
    pub event: &'i SinkEvent,
    pub verdict: Verdict,
    /// Everything known where the sink runs: the root's facts and its entry guard.
    pub state: GuardState,
}

/// Every event of one sink call (same recipient and purpose), each judged: what the lints
/// report the worst of, and what the data map lists all of.
pub struct JudgedSink<'i> {
    pub site: &'i SinkSite,
    /// Its data is only named like personal data (`possible_personal_data`).
    pub suspected: bool,
    /// The guard bit the sink needs.
    pub bit: Option<usize>,
    pub events: Vec<JudgedEvent<'i>>,
}

/// Judges every sink event of the program, grouped by sink call. Annotated data first
/// (`suspected` false), then by place, so that the order does not depend on the walk.
pub fn judged_sinks<'i>(input: &LintInput<'i>) -> Vec<JudgedSink<'i>> {
    let mut by_site: BTreeMap<(bool, TextSpan, String, String), Vec<&'i SinkEvent>> =
        BTreeMap::new();
    for outcome in &input.propagation.outcomes {
        for event in &outcome.events {
            let key = (
                event.suspected,
                event.site.span,
                event.site.spec.recipient.clone(),
                event.site.spec.purpose.clone(),
            );
            by_site.entry(key).or_default().push(event);
        }
    }
    by_site
        .into_iter()
        .map(|((suspected, ..), events)| {
            let site: &'i SinkSite = &events[0].site;
            let bit = input
                .space
                .bit(&site.spec.purpose, Some(&site.spec.recipient));
            let events = events
                .into_iter()
                .map(|event| {
                    let state = input.entry.final_state(event.root, &event.guard);
                    JudgedEvent {
                        verdict: verdict(input.space, &state, bit),
                        event,
                        state,
                    }
                })
                .collect();
            JudgedSink {
                site,
                suspected,
                bit,
                events,
            }
        })
        .collect()
}

pub fn sink_findings(input: &LintInput<'_>, judged: &[JudgedSink<'_>]) -> Vec<(Finding, FnId)> {
    let mut findings = Vec::new();
    let mut reported: Vec<TextSpan> = Vec::new();
    for sink in judged {
        let (site, span) = (sink.site, sink.site.span);
        // A sink already reported for annotated data is not reported again for data that
        // is only named like personal data.
        if sink.suspected && reported.contains(&span) {
            continue;
        }
        let worst = sink
            .events
            .iter()
            .map(|judged| judged.verdict.severity())
            .max()
            .unwrap_or(0);
        if worst == 0 {
            continue;
        }
        let mut chosen: Vec<&JudgedEvent<'_>> = sink
            .events
            .iter()
            .filter(|judged| judged.verdict.severity() == worst)
            .collect();
        chosen.sort_by_key(|judged| judged.event.root);
        let mut verdict = chosen[0].verdict.clone();
        if let Verdict::WrongPurpose(witnesses) = &mut verdict {
            for other in &chosen[1..] {
                if let Verdict::WrongPurpose(more) = &other.verdict {
                    for witness in more {
                        if !witnesses.contains(witness) {
                            witnesses.push(witness.clone());
                        }
                    }
                }
            }
        }
        let first_event = chosen[0].event;
        let chain = chain_for(input, first_event.root, &first_event.guard, sink.bit);
        let case = SinkCase {
            site,
            verdict,
            events: chosen.iter().map(|judged| judged.event).collect(),
            chain,
        };
        let finding = match &case.verdict {
            _ if sink.suspected => possible_personal_data::finding(input, &case),
            Verdict::WrongPurpose(_) => purpose_mismatch::finding(input, &case),
            _ => unguarded_share::finding(input, &case),
        };
        reported.push(span);
        findings.push((finding, site.in_fn));
    }
    findings
}

pub fn obligation_findings(input: &LintInput<'_>) -> Vec<(Finding, FnId)> {
    let mut by_place: BTreeMap<(TextSpan, String, bool), Vec<&Obligation>> = BTreeMap::new();
    for outcome in &input.propagation.outcomes {
        for obligation in &outcome.obligations {
            let is_token = matches!(obligation.kind, ObligationKind::TokenCreation { .. });
            by_place
                .entry((obligation.span, obligation.purpose.clone(), is_token))
                .or_default()
                .push(obligation);
        }
    }
    let mut findings = Vec::new();
    for obligations in by_place.into_values() {
        let bit = judge_obligation(input, obligations[0]).0;
        let mut worst: Option<(Verdict, &Obligation)> = None;
        for obligation in &obligations {
            let judged = judge_obligation(input, obligation).1;
            if worst
                .as_ref()
                .is_none_or(|(known, _)| judged.severity() > known.severity())
            {
                worst = Some((judged, obligation));
            }
        }
        let Some((verdict, obligation)) = worst else {
            continue;
        };
        if verdict == Verdict::Guarded {
            continue;
        }
        let chain = chain_for(input, obligation.root, &obligation.guard, bit);
        let case = ObligationCase {
            obligation,
            verdict,
            chain,
        };
        let finding = match (&obligation.kind, &case.verdict) {
            (ObligationKind::TokenCreation { .. }, _) => unchecked_token::finding(input, &case),
            (ObligationKind::RequiresCall { .. }, Verdict::WrongPurpose(_)) => {
                purpose_mismatch::requires_finding(input, &case)
            }
            (ObligationKind::RequiresCall { .. }, _) => {
                unguarded_share::requires_finding(input, &case)
            }
        };
        findings.push((finding, obligation.root));
    }
    findings
}

/// The guard bit a token creation or `requires` call needs (a check for its purpose, whatever
/// the recipient), and its verdict with what the root's callers guarantee.
pub fn judge_obligation(
    input: &LintInput<'_>,
    obligation: &Obligation,
) -> (Option<usize>, Verdict) {
    let bit = input.space.bit(&obligation.purpose, None);
    let state = input.entry.final_state(obligation.root, &obligation.guard);
    (bit, verdict(input.space, &state, bit))
}

/// The chain of callers without the check, when the root's own paths do not cover it.
pub fn chain_for(
    input: &LintInput<'_>,
    root: FnId,
    local: &GuardState,
    bit: Option<usize>,
) -> Vec<(FnId, TextSpan)> {
    let covers = |state: &GuardState| bit.is_some_and(|bit| state.bits.contains(bit));
    if covers(local) || !input.entry.has_callers(root) {
        return Vec::new();
    }
    // `local` lacks the bit, so what a caller brings covers the sink only by itself.
    input
        .entry
        .unguarded_chain(input.propagation, root, &covers)
}
