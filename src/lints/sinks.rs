//! Verdicts for sinks and obligations: everything that reached one sink call (or one token
//! creation, one call of a `requires` fn), from every root, judged with what the root's callers
//! guarantee. One finding per call and lint: the worst verdict wins.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::render::LintInput;
use super::{possible_personal_data, purpose_mismatch, unchecked_token, unguarded_share};
use crate::finding::Finding;
use crate::guards::{verdict, verdict_for_all, GuardState, Verdict};
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
    pub chain: Vec<(FnId, TextSpan)>,
}

/// One token creation or `requires` call and its verdict.
pub struct ObligationCase<'i> {
    pub obligation: &'i Obligation,
    pub verdict: Verdict,
    pub chain: Vec<(FnId, TextSpan)>,
    /// For a `requires` call: the recipients of the shares inside, for which the purpose
    /// must be checked (none known: checked for no recipient in particular).
    pub recipients: Vec<String>,
}

pub fn sink_findings(input: &LintInput<'_>) -> Vec<(Finding, FnId)> {
    // Annotated data first (`false` sorts first): a sink it already makes a finding of is not
    // reported again for data that is only named like personal data.
    let mut by_site: BTreeMap<(bool, TextSpan, String, String), Vec<&SinkEvent>> = BTreeMap::new();
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
    let mut findings = Vec::new();
    let mut reported: Vec<TextSpan> = Vec::new();
    for ((suspected, span, _, _), events) in by_site {
        if suspected && reported.contains(&span) {
            continue;
        }
        let site = &events[0].site;
        let bit = input
            .space
            .bit(&site.spec.purpose, Some(&site.spec.recipient));
        let judged: Vec<(Verdict, &SinkEvent)> = events
            .iter()
            .map(|event| {
                let state = input.entry.final_state(event.root, &event.guard);
                (verdict(input.space, &state, bit), *event)
            })
            .collect();
        let worst = judged
            .iter()
            .map(|(verdict, _)| verdict.severity())
            .max()
            .unwrap_or(0);
        if worst == 0 {
            continue;
        }
        let mut chosen: Vec<&(Verdict, &SinkEvent)> = judged
            .iter()
            .filter(|(verdict, _)| verdict.severity() == worst)
            .collect();
        chosen.sort_by_key(|(_, event)| event.root);
        let (first_verdict, first_event) = chosen[0];
        let mut verdict = first_verdict.clone();
        if let Verdict::WrongPurpose(witnesses) = &mut verdict {
            for (other, _) in &chosen[1..] {
                if let Verdict::WrongPurpose(more) = other {
                    for witness in more {
                        if !witnesses.contains(witness) {
                            witnesses.push(witness.clone());
                        }
                    }
                }
            }
        }
        let needed: Vec<usize> = bit.into_iter().collect();
        let chain = chain_for(input, first_event.root, &first_event.guard, &needed);
        let case = SinkCase {
            site,
            verdict,
            events: chosen.iter().map(|(_, event)| *event).collect(),
            chain,
        };
        let finding = match &case.verdict {
            _ if suspected => possible_personal_data::finding(input, &case),
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
    let mut recipients_inside: HashMap<(FnId, &str), Vec<String>> = HashMap::new();
    let mut findings = Vec::new();
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
        let mut worst: Option<(Verdict, &Obligation)> = None;
        for obligation in &obligations {
            let state = input.entry.final_state(obligation.root, &obligation.guard);
            let judged = verdict_for_all(input.space, &state, &needed);
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
        let chain = chain_for(input, obligation.root, &obligation.guard, &needed);
        let case = ObligationCase {
            obligation,
            verdict,
            chain,
            recipients,
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
fn chain_for(
    input: &LintInput<'_>,
    root: FnId,
    local: &GuardState,
    needed: &[usize],
) -> Vec<(FnId, TextSpan)> {
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
