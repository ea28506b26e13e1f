//! The `markdown` format of the map, for people and pull requests: a summary table (recipient,
//! purpose, categories, status), then each recipient's flows with their locations, then the
//! declarations that take part in no flow and the run's notes. With `--compare`, the same for
//! the flows that changed, each with what changed.

use std::collections::BTreeMap;
use std::io::{self, Write};

use super::{declared_intro, guard_sentence, summary_rows, used_at_sentence};
use crate::map::{DataMap, Flow};

pub(super) fn write(map: &DataMap, out: &mut dyn Write) -> io::Result<()> {
    let mut text = String::new();
    match &map.comparison {
        Some(comparison) => {
            text.push_str("# Data map: what changed\n\n");
            text.push_str(&format!(
                "{} appeared, {} lost their guard, {} are now guarded, {} changed checks, \
                 {} disappeared; {} unchanged.",
                comparison.appeared,
                comparison.lost_guard,
                comparison.guarded,
                comparison.checks_changed,
                comparison.disappeared,
                comparison.unchanged
            ));
            if comparison.failing > 0 {
                text.push_str(&format!(
                    " **{} {} or lost {} guard.**",
                    comparison.failing,
                    if comparison.failing == 1 {
                        "flow appeared"
                    } else {
                        "flows appeared"
                    },
                    if comparison.failing == 1 {
                        "its"
                    } else {
                        "their"
                    },
                ));
            }
            text.push_str("\n\n");
        }
        None => {
            text.push_str("# Data map\n\n");
            text.push_str(&super::headline(map));
            text.push_str("\n\n");
        }
    }
    if !map.notes.is_empty() {
        text.push_str("**The analysis is incomplete or needs attention:**\n\n");
        for note in &map.notes {
            text.push_str(&format!("- {}\n", cell(note)));
        }
        text.push('\n');
    }
    if map.flows.is_empty() {
        text.push_str(match map.comparison {
            Some(_) => "No flow changed.\n\n",
            None => "No personal data reaches a recipient.\n\n",
        });
    } else {
        write_summary_table(map, &mut text);
        write_flows(map, &mut text);
    }
    write_declared(map, &mut text);
    out.write_all(text.as_bytes())
}

/// Text for a table cell or a list item: one line, `|` escaped.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

fn write_summary_table(map: &DataMap, text: &mut String) {
    let changes = map.comparison.is_some();
    text.push_str(if changes {
        "| change | recipient | purpose | categories | status |\n|---|---|---|---|---|\n"
    } else {
        "| recipient | purpose | categories | status |\n|---|---|---|---|\n"
    });
    for row in summary_rows(&map.flows) {
        let categories: Vec<String> = row
            .categories
            .iter()
            .map(|category| format!("`{category}`"))
            .collect();
        let change = row
            .change
            .map_or(String::new(), |kind| format!("{} | ", kind.as_str()));
        text.push_str(&format!(
            "| {change}`{}` | `{}` | {} | {} |\n",
            row.recipient,
            row.purpose,
            categories.join(", "),
            row.status.as_str()
        ));
    }
    text.push('\n');
}

fn write_flows(map: &DataMap, text: &mut String) {
    let mut by_recipient: BTreeMap<&str, BTreeMap<&str, Vec<&Flow>>> = BTreeMap::new();
    for flow in &map.flows {
        by_recipient
            .entry(&flow.recipient)
            .or_default()
            .entry(&flow.purpose)
            .or_default()
            .push(flow);
    }
    for (recipient, purposes) in by_recipient {
        text.push_str(&format!("## `{recipient}`\n\n"));
        for (purpose, flows) in purposes {
            text.push_str(&format!("### `{purpose}`\n\n"));
            for flow in flows {
                write_flow(flow, text);
            }
            text.push('\n');
        }
    }
}

fn write_flow(flow: &Flow, text: &mut String) {
    let change = flow.change.as_ref().map_or(String::new(), |change| {
        format!("**{}** ({}): ", change.kind.as_str(), cell(&change.detail))
    });
    let suspected = if flow.suspected {
        " (named like personal data)"
    } else {
        ""
    };
    text.push_str(&format!(
        "- {change}`{}`{suspected}: {}\n",
        flow.category,
        cell(&guard_sentence(flow))
    ));
    text.push_str(&format!(
        "  - sink: `{}` in `{}`, {}\n",
        flow.sink.callee, flow.sink.in_fn, flow.sink.location
    ));
    for source in &flow.sources {
        let declared = super::origins(&source.declared_by)
            .map_or(String::new(), |origins| format!(" (declared by {origins})"));
        text.push_str(&format!(
            "  - source: {}, {}{declared}\n",
            cell(&source.description),
            source.location
        ));
    }
    for step in &flow.unguarded_callers {
        text.push_str(&format!(
            "  - caller: {}, {}\n",
            cell(&step.description),
            step.location
        ));
    }
    if let Some(finding) = &flow.finding {
        text.push_str(&format!(
            "  - reported: `{}` ({})\n",
            finding.lint, finding.level
        ));
    }
}

fn write_declared(map: &DataMap, text: &mut String) {
    text.push_str("## Declared, but in no flow\n\n");
    text.push_str(&declared_intro());
    text.push_str("\n\n");
    let nothing = map.sources_reaching_no_recipient.is_empty()
        && map.sinks_receiving_nothing.is_empty()
        && map.checks_guarding_nothing.is_empty();
    if nothing {
        text.push_str(
            "Every declared source reaches a recipient, every declared sink receives personal \
             data and every declared check guards a flow.\n",
        );
        return;
    }
    if !map.sources_reaching_no_recipient.is_empty() {
        text.push_str("Sources that reach no recipient:\n\n");
        for source in &map.sources_reaching_no_recipient {
            text.push_str(&format!(
                "- `{}` ({}), declared by {}: {}\n",
                source.item,
                source.categories.join(", "),
                source.declared_by,
                used_at_sentence(&source.used_at, "read")
            ));
        }
        text.push('\n');
    }
    if !map.sinks_receiving_nothing.is_empty() {
        text.push_str("Sinks that receive no personal data:\n\n");
        for sink in &map.sinks_receiving_nothing {
            text.push_str(&format!(
                "- `{}` (to `{}` for `{}`), declared by {}: {}\n",
                sink.item,
                sink.recipient,
                sink.purpose,
                sink.declared_by,
                used_at_sentence(&sink.used_at, "called")
            ));
        }
        text.push('\n');
    }
    if !map.checks_guarding_nothing.is_empty() {
        text.push_str("Checks that guard no flow:\n\n");
        for check in &map.checks_guarding_nothing {
            let elsewhere = if check.checked_instead_for > 0 {
                format!(
                    "; on the way of {} {} for another purpose",
                    check.checked_instead_for,
                    if check.checked_instead_for == 1 {
                        "flow"
                    } else {
                        "flows"
                    }
                )
            } else {
                String::new()
            };
            text.push_str(&format!(
                "- `{}` ({}), declared by {}: {}{elsewhere}\n",
                check.item,
                super::check_kind(check.polarity, &check.purpose, &check.recipient),
                check.declared_by,
                used_at_sentence(&check.used_at, "used")
            ));
        }
        text.push('\n');
    }
}
