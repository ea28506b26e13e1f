//! The `csv` format of the map: one row per flow with the columns a record of processing
//! needs (RFC 4180: comma separated, fields quoted where they must be, CRLF line ends), so that
//! it opens in a spreadsheet. Several sources or checks share a cell, separated by `; `.

use std::io::{self, Write};

use super::guard_sentence;
use crate::map::{DataMap, Flow};

const COLUMNS: &[&str] = &[
    "category",
    "category_parent",
    "recipient",
    "purpose",
    "status",
    "check",
    "sink",
    "sink_location",
    "sink_fn",
    "source",
    "source_location",
    "declared_by",
    "lint",
    "level",
    "flow_id",
];

/// A field as RFC 4180 wants it: quoted when it holds a comma, a quote or a line break. The
/// backticks of our messages are markup for terminals and Markdown, not for a spreadsheet.
fn field(text: &str) -> String {
    let text = text.replace('`', "");
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

fn row(flow: &Flow) -> Vec<String> {
    let sources: Vec<String> = flow
        .sources
        .iter()
        .map(|source| source.description.clone())
        .collect();
    let source_locations: Vec<String> = flow
        .sources
        .iter()
        .map(|source| source.location.to_string())
        .collect();
    let mut declared: Vec<String> = flow
        .sources
        .iter()
        .flat_map(|source| source.declared_by.iter().map(|origin| origin.to_string()))
        .collect();
    declared.dedup();
    vec![
        flow.category.clone(),
        flow.category_parent.clone().unwrap_or_default(),
        flow.recipient.clone(),
        flow.purpose.clone(),
        flow.status.as_str().to_string(),
        guard_sentence(flow),
        flow.sink.callee.clone(),
        flow.sink.location.to_string(),
        flow.sink.in_fn.clone(),
        sources.join("; "),
        source_locations.join("; "),
        declared.join("; "),
        flow.lint.clone().unwrap_or_default(),
        flow.finding
            .as_ref()
            .map_or(String::new(), |finding| finding.level.clone()),
        flow.id.clone(),
    ]
}

pub(super) fn write(map: &DataMap, out: &mut dyn Write) -> io::Result<()> {
    let changes = map.comparison.is_some();
    let mut text = String::new();
    let mut header: Vec<&str> = Vec::new();
    if changes {
        header.extend(["change", "change_detail"]);
    }
    header.extend(COLUMNS);
    text.push_str(&header.join(","));
    text.push_str("\r\n");
    for flow in &map.flows {
        let mut fields: Vec<String> = Vec::new();
        if changes {
            let change = flow.change.as_ref();
            fields.push(change.map_or(String::new(), |change| change.kind.as_str().to_string()));
            fields.push(change.map_or(String::new(), |change| change.detail.clone()));
        }
        fields.extend(row(flow));
        let quoted: Vec<String> = fields.iter().map(|value| field(value)).collect();
        text.push_str(&quoted.join(","));
        text.push_str("\r\n");
    }
    out.write_all(text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::field;

    #[test]
    fn fields_are_quoted_only_where_rfc_4180_needs_it() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a, b"), "\"a, b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("two\nlines"), "\"two\nlines\"");
        assert_eq!(field("call of `phone`"), "call of phone");
    }
}
