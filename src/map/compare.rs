//! `--compare OLD.json`: what changed between an earlier map and this one. Flows are matched
//! by their [`Flow::id`], made of names and never of line numbers, so a change that only moves
//! code changes nothing here, as baseline fingerprints survive it.

use std::collections::{BTreeMap, BTreeSet};

use super::build::flow_order;
use super::{Change, ChangeKind, ComparisonSummary, DataMap, Flow, Status};

/// The map `new` with only the flows that changed since `old` (those that disappeared
/// included, as they were), each with its [`Change`].
pub fn compare(old: &DataMap, new: DataMap) -> DataMap {
    let old_flows: BTreeMap<&str, &Flow> = old
        .flows
        .iter()
        .map(|flow| (flow.id.as_str(), flow))
        .collect();
    let new_ids: BTreeSet<String> = new.flows.iter().map(|flow| flow.id.clone()).collect();
    let old_recipients: BTreeSet<&str> = old
        .flows
        .iter()
        .map(|flow| flow.recipient.as_str())
        .collect();
    let old_purposes: BTreeSet<(&str, &str)> = old
        .flows
        .iter()
        .map(|flow| (flow.recipient.as_str(), flow.purpose.as_str()))
        .collect();
    let old_categories: BTreeSet<(&str, &str)> = old
        .flows
        .iter()
        .map(|flow| (flow.recipient.as_str(), flow.category.as_str()))
        .collect();
    let mut unchanged = 0;
    let mut changed: Vec<Flow> = Vec::new();
    let DataMap {
        flows: new_flows, ..
    } = &new;
    for flow in new_flows {
        let change = match old_flows.get(flow.id.as_str()) {
            None => {
                let detail = if !old_recipients.contains(flow.recipient.as_str()) {
                    format!("new recipient `{}`", flow.recipient)
                } else if !old_purposes.contains(&(&flow.recipient, &flow.purpose)) {
                    format!("new purpose `{}` for a known recipient", flow.purpose)
                } else if !old_categories.contains(&(&flow.recipient, &flow.category)) {
                    format!("new category `{}` for a known recipient", flow.category)
                } else {
                    "known data to a known recipient, from a new sink call".to_string()
                };
                Some(Change {
                    kind: ChangeKind::Appeared,
                    detail,
                    before: None,
                    fails: true,
                })
            }
            Some(before) => status_change(before, flow),
        };
        match change {
            Some(change) => {
                let mut flow = flow.clone();
                flow.change = Some(change);
                changed.push(flow);
            }
            None => unchanged += 1,
        }
    }
    for flow in &old.flows {
        if !new_ids.contains(&flow.id) {
            let mut flow = flow.clone();
            flow.change = Some(Change {
                kind: ChangeKind::Disappeared,
                detail: "no longer in the code".to_string(),
                before: Some(flow.status),
                fails: false,
            });
            changed.push(flow);
        }
    }
    changed.sort_by(|a, b| flow_order(a).cmp(&flow_order(b)));
    let count = |kind: ChangeKind| {
        changed
            .iter()
            .filter(|flow| {
                flow.change
                    .as_ref()
                    .is_some_and(|change| change.kind == kind)
            })
            .count()
    };
    let comparison = ComparisonSummary {
        appeared: count(ChangeKind::Appeared),
        lost_guard: count(ChangeKind::LostGuard),
        guarded: count(ChangeKind::Guarded),
        checks_changed: count(ChangeKind::ChecksChanged),
        disappeared: count(ChangeKind::Disappeared),
        unchanged,
        failing: changed
            .iter()
            .filter(|flow| flow.change.as_ref().is_some_and(|change| change.fails))
            .count(),
    };
    DataMap {
        flows: changed,
        comparison: Some(comparison),
        ..new
    }
}

/// How a flow present in both maps changed, if it did.
fn status_change(before: &Flow, after: &Flow) -> Option<Change> {
    let was = describe_guard(before);
    if after.status.severity() > before.status.severity() {
        return Some(Change {
            kind: ChangeKind::LostGuard,
            detail: format!("was {was}"),
            before: Some(before.status),
            fails: true,
        });
    }
    if after.status.severity() < before.status.severity() {
        return Some(Change {
            kind: ChangeKind::Guarded,
            detail: format!("was {was}"),
            before: Some(before.status),
            fails: false,
        });
    }
    (check_names(before) != check_names(after)).then(|| Change {
        kind: ChangeKind::ChecksChanged,
        detail: format!("was {was}"),
        before: Some(before.status),
        fails: false,
    })
}

/// The checks a flow meets: those that guard it, then those for other purposes.
fn check_names(flow: &Flow) -> Vec<&str> {
    let mut names = flow.guard_names();
    names.extend(
        flow.checked_instead
            .iter()
            .map(|check| check.written.as_str()),
    );
    names
}

/// "guarded by `allows_analytics`", "purpose_mismatch (checked `ads_opt_out`)", "unguarded".
pub fn describe_guard(flow: &Flow) -> String {
    let names = |checks: &[super::Check]| {
        let mut names: Vec<String> = checks
            .iter()
            .map(|check| format!("`{}`", check.written))
            .collect();
        names.dedup();
        names.join(", ")
    };
    match flow.status {
        Status::Guarded if flow.guarded_by.is_empty() => "guarded".to_string(),
        Status::Guarded => format!("guarded by {}", names(&flow.guarded_by)),
        Status::PurposeMismatch => format!(
            "purpose_mismatch (checked only {})",
            names(&flow.checked_instead)
        ),
        Status::Unguarded => "unguarded".to_string(),
    }
}
