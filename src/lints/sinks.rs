//! Verdicts for sinks and obligations: everything that reached one sink call (or one token
//! creation, one call of a `requires` fn), from every root, judged with what the root's callers
//! guarantee. One finding per call and lint: the worst verdict wins.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::render::LintInput;
use super::{possible_personal_data, purpose_mismatch, unchecked_token, unguarded_share};
use crate::finding::Finding;
use crate::guards::entry::ChainLink;
use crate::guards::{verdict, verdict_for_all, Verdict};
use crate::propagate::guard::GuardState;
use crate::propagate::summary::{Obligation, ObligationKind, SinkEvent, SinkSite};
use crate::resolve::effects::SinkSpec;
use crate::resolve::FnId;
use crate::source::TextSpan;

/// One sink call and what the analysis concluded about it.
pub struct SinkCase<'i> {
    pub site: &'i SinkSite,
    pub verdict: Verdict,
    /// The events with that verdict (their data is what leaks).
    pub events: Vec<&'i SinkEvent>,
    /// When the gap is in the callers: the chain from an entry point to the root.
    pub chain: Vec<ChainLink>,
}

/// One token creation or `requires` call and its verdict.
pub struct ObligationCase<'i> {
    pub obligation: &'i Obligation,
    pub verdict: Verdict,
    pub chain: Vec<ChainLink>,
    /// For a `requires` call: the recipients of the shares inside, for which the purpose
    /// must be checked (none known: checked for no recipient in particular).
    pub recipients: Vec<String>,
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
    // Only where some fn exists in some builds only can a chain be one no build has.
    let cfg_matters = input.space.has_cfg_atoms();
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
                    let mut judged = verdict(input.space, &state, bit);
                    if judged != Verdict::Guarded && cfg_matters && !can_run(input, event, bit) {
                        judged = Verdict::Guarded;
                    }
                    JudgedEvent {
                        verdict: judged,
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

/// Whether an unguarded chain of callers to an event can run in one build (see
/// `EntryGuards::uncovered_chain_can_run`), starting from the `#[cfg]` facts of the event.
fn can_run(input: &LintInput<'_>, event: &SinkEvent, bit: Option<usize>) -> bool {
    let cfg_facts = |id: FnId| input.space.cfg_bits(&input.symbols.function(id).cfg);
    let covered = |state: &GuardState| verdict(input.space, state, bit) == Verdict::Guarded;
    input.entry.uncovered_chain_can_run(
        input.propagation,
        input.space,
        &cfg_facts,
        event.root,
        event.guard.bits.clone(),
        &covered,
    )
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
        let needed: Vec<usize> = sink.bit.into_iter().collect();
        let chain = chain_for(input, first_event.root, &first_event.guard, &needed);
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

/// Every token creation or `requires` call at one place, each judged.
pub struct JudgedObligations<'i> {
    /// For a `requires` call: the recipients of the shares inside, for which the purpose
    /// must be checked (none known: checked for no recipient in particular).
    pub recipients: Vec<String>,
    /// The guard bits a call needs: the purpose with each recipient.
    pub needed: Vec<usize>,
    pub judged: Vec<(Verdict, &'i Obligation)>,
}

/// Judges every token creation and `requires` call, grouped by place: what the lints report
/// the worst of, and what tells the data map which checks guard them.
pub fn judged_obligations<'i>(input: &LintInput<'i>) -> Vec<JudgedObligations<'i>> {
    let mut by_place: BTreeMap<(TextSpan, String, bool), Vec<&'i Obligation>> = BTreeMap::new();
    for outcome in &input.propagation.outcomes {
        for obligation in &outcome.obligations {
            let is_token = matches!(obligation.kind, ObligationKind::TokenCreation { .. });
            by_place
                .entry((obligation.span, obligation.purpose.clone(), is_token))
                .or_default()
                .push(obligation);
        }
    }
    let mut recipients_inside: HashMap<(FnId, &str), Vec<String>> = HashMap::new();
    let mut places = Vec::new();
    for obligations in by_place.into_values() {
        let first = obligations[0];
        let recipients = match first.kind {
            ObligationKind::RequiresCall { callee } => recipients_inside
                .entry((callee, first.purpose.as_str()))
                .or_insert_with(|| sink_recipients_inside(input, callee, &first.purpose))
                .clone(),
            ObligationKind::TokenCreation { .. } => Vec::new(),
        };
        let needed = needed_bits(input, &first.purpose, &recipients);
        let judged = obligations
            .into_iter()
            .map(|obligation| {
                let state = input.entry.final_state(obligation.root, &obligation.guard);
                (verdict_for_all(input.space, &state, &needed), obligation)
            })
            .collect();
        places.push(JudgedObligations {
            recipients,
            needed,
            judged,
        });
    }
    places
}

pub fn obligation_findings(
    input: &LintInput<'_>,
    judged: &[JudgedObligations<'_>],
) -> Vec<(Finding, FnId)> {
    let mut findings = Vec::new();
    for place in judged {
        let mut worst: Option<(&Verdict, &Obligation)> = None;
        for (judged, obligation) in &place.judged {
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
        if *verdict == Verdict::Guarded {
            continue;
        }
        let chain = chain_for(input, obligation.root, &obligation.guard, &place.needed);
        let case = ObligationCase {
            obligation,
            verdict: verdict.clone(),
            chain,
            recipients: place.recipients.clone(),
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

/// The recipients of the shares for `purpose` inside a `requires` fn: those its body and the
/// fns it calls (transitively) make, with personal data or not. A caller's check for the
/// purpose with those recipients covers its calls (SPEC §3); sorted.
fn sink_recipients_inside(input: &LintInput<'_>, callee: FnId, purpose: &str) -> Vec<String> {
    let mut recipients: Vec<String> = Vec::new();
    let mut add = |spec: &SinkSpec| {
        if spec.purpose == purpose && !recipients.contains(&spec.recipient) {
            recipients.push(spec.recipient.clone());
        }
    };
    let mut visited: HashSet<FnId> = HashSet::new();
    let mut pending = vec![callee];
    while let Some(id) = pending.pop() {
        if !visited.insert(id) {
            continue;
        }
        let Some(outcome) = input.propagation.outcomes.get(id.0 as usize) else {
            continue;
        };
        for event in &outcome.events {
            add(&event.site.spec);
        }
        for sink in &outcome.summary.sinks {
            add(&sink.site.spec);
        }
        for call in &outcome.calls {
            for spec in &input.effects.of_fn(call.callee).sinks {
                add(spec);
            }
            pending.push(call.callee);
        }
    }
    recipients.sort();
    recipients
}

/// The bits an obligation for `purpose` needs: the purpose with each recipient, or with none
/// in particular when no recipient is known (a token, a `requires` fn that shares nothing).
fn needed_bits(input: &LintInput<'_>, purpose: &str, recipients: &[String]) -> Vec<usize> {
    if recipients.is_empty() {
        return input.space.bit(purpose, None).into_iter().collect();
    }
    recipients
        .iter()
        .filter_map(|recipient| input.space.bit(purpose, Some(recipient)))
        .collect()
}

/// The chain of callers without the check, when the root's own paths do not cover it.
pub fn chain_for(
    input: &LintInput<'_>,
    root: FnId,
    local: &GuardState,
    needed: &[usize],
) -> Vec<ChainLink> {
    let covers = |state: &GuardState| {
        !needed.is_empty() && needed.iter().all(|&bit| state.bits.contains(bit))
    };
    if covers(local) || !input.entry.has_callers(root) {
        return Vec::new();
    }
    // `local` lacks a bit, so what a caller brings covers the call only with it.
    input
        .entry
        .unguarded_chain(input.propagation, root, &covers)
}
