//! The `html` format of the map: one self-contained page (inline CSS, script and SVG, a
//! Content-Security-Policy that forbids loading anything else), with the summary table, the
//! flow graph, the flows in a table that sorts by column, filters by recipient, status or
//! text, and opens each flow to its path with the code of every step.

use std::collections::BTreeSet;
use std::io::{self, Write};

use super::graph::{escape, Graph};
use super::{check_kind, declared_intro, guard_sentence, headline, summary_rows, used_at_sentence};
use crate::map::{DataMap, Flow, Location, Status};

const STYLE: &str = include_str!("page.css");
const SCRIPT: &str = include_str!("page.js");

pub(super) fn write(map: &DataMap, out: &mut dyn Write) -> io::Result<()> {
    let mut page = String::new();
    let title = match map.comparison {
        Some(_) => "Data map: what changed",
        None => "Data map",
    };
    page.push_str(&format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n\
         <title>{title}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n\
         <header>\n<h1>{title}</h1>\n<p class=\"headline\">{}</p>\n</header>\n",
        escape(&page_headline(map))
    ));
    if !map.notes.is_empty() {
        page.push_str("<section class=\"notes\" id=\"notes\">\n<strong>The analysis is incomplete or needs attention:</strong>\n<ul>\n");
        for note in &map.notes {
            page.push_str(&format!("<li>{}</li>\n", escape(note)));
        }
        page.push_str("</ul>\n</section>\n");
    }
    write_summary(map, &mut page);
    if !map.flows.is_empty() {
        page.push_str("<section id=\"graph\">\n<h2>Flow graph</h2>\n<div class=\"graph\">\n");
        page.push_str(&Graph::of(map).svg());
        page.push_str("\n</div>\n</section>\n");
    }
    write_flows(map, &mut page);
    write_declared(map, &mut page);
    page.push_str(&format!(
        "<footer>Written by {} {}.</footer>\n<script>\n{SCRIPT}</script>\n</body>\n</html>\n",
        escape(&map.tool.name),
        escape(&map.tool.version)
    ));
    out.write_all(page.as_bytes())
}

fn page_headline(map: &DataMap) -> String {
    match &map.comparison {
        Some(comparison) => format!(
            "{} appeared, {} lost their guard, {} are now guarded, {} changed checks, {} disappeared; {} unchanged.",
            comparison.appeared,
            comparison.lost_guard,
            comparison.guarded,
            comparison.checks_changed,
            comparison.disappeared,
            comparison.unchanged
        ),
        None => headline(map),
    }
}

fn status_badge(status: Status) -> String {
    format!("<span class=\"status {0}\">{0}</span>", status.as_str())
}

fn place(location: &Location) -> String {
    format!(
        "<span class=\"where\">{}</span>",
        escape(&location.to_string())
    )
}

fn write_summary(map: &DataMap, page: &mut String) {
    page.push_str("<section id=\"summary\">\n<h2>Summary</h2>\n");
    if map.flows.is_empty() {
        page.push_str(match map.comparison {
            Some(_) => "<p>No flow changed.</p>\n</section>\n",
            None => "<p>No personal data reaches a recipient.</p>\n</section>\n",
        });
        return;
    }
    let changes = map.comparison.is_some();
    page.push_str("<table class=\"summary\">\n<thead><tr>");
    if changes {
        page.push_str("<th>Change</th>");
    }
    page.push_str("<th>Recipient</th><th>Purpose</th><th>Categories</th><th>Status</th></tr></thead>\n<tbody>\n");
    for row in summary_rows(&map.flows) {
        page.push_str("<tr>");
        if let Some(change) = row.change {
            page.push_str(&format!("<td class=\"change\">{}</td>", change.as_str()));
        }
        let categories: Vec<String> = row
            .categories
            .iter()
            .map(|category| format!("<code>{}</code>", escape(category)))
            .collect();
        page.push_str(&format!(
            "<td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
            escape(row.recipient),
            escape(row.purpose),
            categories.join(", "),
            status_badge(row.status)
        ));
    }
    page.push_str("</tbody>\n</table>\n</section>\n");
}

fn options(values: &BTreeSet<&str>) -> String {
    values
        .iter()
        .map(|value| format!("<option value=\"{0}\">{0}</option>", escape(value)))
        .collect()
}

fn write_flows(map: &DataMap, page: &mut String) {
    if map.flows.is_empty() {
        return;
    }
    let changes = map.comparison.is_some();
    let recipients: BTreeSet<&str> = map
        .flows
        .iter()
        .map(|flow| flow.recipient.as_str())
        .collect();
    let statuses: BTreeSet<&str> = map.flows.iter().map(|flow| flow.status.as_str()).collect();
    page.push_str(&format!(
        "<section id=\"flows\">\n<h2>Flows</h2>\n<div class=\"filters\">\n\
         <label>Recipient <select id=\"filter-recipient\"><option value=\"\">all</option>{}</select></label>\n\
         <label>Status <select id=\"filter-status\"><option value=\"\">all</option>{}</select></label>\n\
         <label>Search <input id=\"filter-text\" type=\"search\"></label>\n\
         <span id=\"shown-count\">{} flows</span>\n</div>\n",
        options(&recipients),
        options(&statuses),
        map.flows.len()
    ));
    page.push_str("<table id=\"flow-table\">\n<thead><tr><th></th>");
    if changes {
        page.push_str("<th data-sort=\"change\">Change</th>");
    }
    page.push_str(
        "<th data-sort=\"recipient\">Recipient</th><th data-sort=\"purpose\">Purpose</th>\
         <th data-sort=\"category\">Category</th><th data-sort=\"status\">Status</th>\
         <th data-sort=\"sink\">Sink</th><th data-sort=\"source\">Sources</th></tr></thead>\n",
    );
    let columns = if changes { 8 } else { 7 };
    for flow in &map.flows {
        write_flow(flow, columns, page);
    }
    page.push_str("</table>\n</section>\n");
}

fn write_flow(flow: &Flow, columns: usize, page: &mut String) {
    let change = flow.change.as_ref();
    let class = match change {
        Some(change) => format!("flow {}", change.kind.as_str()),
        None => "flow".to_string(),
    };
    let first_source = flow
        .sources
        .first()
        .map_or(String::new(), |source| source.description.clone());
    page.push_str(&format!(
        "<tbody class=\"{class}\" data-id=\"{}\" data-recipient=\"{}\" data-purpose=\"{}\" \
         data-category=\"{}\" data-status=\"{}\" data-sink=\"{}\" data-source=\"{}\"{}>\n<tr class=\"row\">\
         <td><button class=\"toggle\" type=\"button\" aria-expanded=\"false\" title=\"the flow's path\">\u{25B8}</button></td>",
        escape(&flow.id),
        escape(&flow.recipient),
        escape(&flow.purpose),
        escape(&flow.category),
        flow.status.as_str(),
        escape(&flow.sink.location.to_string()),
        escape(&first_source),
        change.map_or(String::new(), |change| format!(
            " data-change=\"{}\"",
            change.kind.as_str()
        )),
    ));
    if let Some(change) = change {
        page.push_str(&format!(
            "<td class=\"change\" title=\"{}\">{}</td>",
            escape(&change.detail),
            change.kind.as_str()
        ));
    }
    let sources: Vec<String> = flow
        .sources
        .iter()
        .map(|source| {
            format!(
                "{}<br>{}",
                escape(&source.description),
                place(&source.location)
            )
        })
        .collect();
    page.push_str(&format!(
        "<td>{}</td><td>{}</td><td><code>{}</code></td><td>{}</td><td><code>{}</code><br>{}</td><td>{}</td></tr>\n",
        escape(&flow.recipient),
        escape(&flow.purpose),
        escape(&flow.category),
        status_badge(flow.status),
        escape(&flow.sink.callee),
        place(&flow.sink.location),
        sources.join("<br>")
    ));
    page.push_str(&format!(
        "<tr class=\"path\" hidden><td colspan=\"{columns}\">\n<p>{}</p>\n<ol>\n",
        escape(&guard_sentence(flow))
    ));
    let mut step = |description: &str, location: &Location| {
        page.push_str(&format!(
            "<li>{} {}<pre><code>{}</code></pre></li>\n",
            escape(description),
            place(location),
            escape(&location.code)
        ));
    };
    for source in &flow.sources {
        let declared = super::origins(&source.declared_by)
            .map_or(String::new(), |origins| format!(", declared by {origins}"));
        let what = format!(
            "personal data ({}) from {}{declared}",
            source.categories.join(", "),
            source.description
        );
        step(&what, &source.location);
        for part in &source.steps {
            step(&part.description, &part.location);
        }
    }
    for check in &flow.guarded_by {
        step(
            &format!("guarded by {}", check.description),
            &check.location,
        );
    }
    for check in &flow.checked_instead {
        step(
            &format!("checked for another purpose: {}", check.description),
            &check.location,
        );
    }
    for caller in &flow.unguarded_callers {
        step(&caller.description, &caller.location);
    }
    step(
        &format!(
            "shared with {} for {} by {} in {}",
            flow.recipient, flow.purpose, flow.sink.callee, flow.sink.in_fn
        ),
        &flow.sink.location,
    );
    page.push_str("</ol>\n");
    if let Some(finding) = &flow.finding {
        page.push_str(&format!(
            "<p>Reported as <code>{}</code> ({}), fingerprint <code>{}</code>.</p>\n",
            escape(&finding.lint),
            escape(&finding.level),
            escape(&finding.fingerprint)
        ));
    }
    page.push_str("</td></tr>\n</tbody>\n");
}

fn write_declared(map: &DataMap, page: &mut String) {
    page.push_str(&format!(
        "<section id=\"declared\">\n<h2>Declared, but in no flow</h2>\n<p>{}</p>\n",
        escape(&declared_intro())
    ));
    let used = |used_at: &[Location], verb: &str| escape(&used_at_sentence(used_at, verb));
    let mut rows: Vec<(String, String, String, String)> = Vec::new();
    for source in &map.sources_reaching_no_recipient {
        rows.push((
            "source reaching no recipient".to_string(),
            format!(
                "<code>{}</code> ({})",
                escape(&source.item),
                escape(&source.categories.join(", "))
            ),
            escape(&source.declared_by.to_string()),
            used(&source.used_at, "read"),
        ));
    }
    for sink in &map.sinks_receiving_nothing {
        rows.push((
            "sink receiving nothing personal".to_string(),
            format!(
                "<code>{}</code> (to {} for {})",
                escape(&sink.item),
                escape(&sink.recipient),
                escape(&sink.purpose)
            ),
            escape(&sink.declared_by.to_string()),
            used(&sink.used_at, "called"),
        ));
    }
    for check in &map.checks_guarding_nothing {
        rows.push((
            "check guarding no flow".to_string(),
            format!(
                "<code>{}</code> ({})",
                escape(&check.item),
                escape(&check_kind(
                    check.polarity,
                    &check.purpose,
                    &check.recipient
                ))
            ),
            escape(&check.declared_by.to_string()),
            used(&check.used_at, "used"),
        ));
    }
    if rows.is_empty() {
        page.push_str(
            "<p>Every declared source reaches a recipient, every declared sink receives personal \
             data and every declared check guards a flow.</p>\n</section>\n",
        );
        return;
    }
    page.push_str("<table class=\"declared\">\n<thead><tr><th>What</th><th>Item</th><th>Declared by</th><th>In the code</th></tr></thead>\n<tbody>\n");
    for (what, item, declared_by, used_at) in rows {
        page.push_str(&format!(
            "<tr><td>{what}</td><td>{item}</td><td>{declared_by}</td><td>{used_at}</td></tr>\n"
        ));
    }
    page.push_str("</tbody>\n</table>\n</section>\n");
}
