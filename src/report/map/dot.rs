//! The `dot` format of the map: the flow graph for Graphviz (`dot -Tsvg map.dot`), sources →
//! categories → recipients, each edge from a category to a recipient labelled with its
//! purpose and coloured by its guard status.

use std::io::{self, Write};

use super::graph::{status_colour, Graph};
use crate::map::{ChangeKind, DataMap};

/// A DOT string literal.
fn quoted(text: &str) -> String {
    let mut quoted = String::from("\"");
    for character in text.chars() {
        match character {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            '\n' => quoted.push_str("\\n"),
            '\r' => {}
            other => quoted.push(other),
        }
    }
    quoted.push('"');
    quoted
}

pub(super) fn write(map: &DataMap, out: &mut dyn Write) -> io::Result<()> {
    let graph = Graph::of(map);
    let title = match &map.comparison {
        Some(_) => "personal data flows that changed",
        None => "personal data flows",
    };
    let mut text = String::new();
    text.push_str("digraph data_map {\n");
    text.push_str(&format!(
        "  graph [rankdir=LR, fontname=\"Helvetica\", labelloc=t, label={}];\n",
        quoted(&format!(
            "{title} (green: guarded, orange: purpose_mismatch, red: unguarded)"
        ))
    ));
    text.push_str("  node [fontname=\"Helvetica\", fontsize=11, shape=box, style=rounded];\n");
    text.push_str("  edge [fontname=\"Helvetica\", fontsize=10];\n");
    let clusters = [
        ("sources", "s", &graph.sources, "note"),
        ("categories", "c", &graph.categories, "ellipse"),
        ("recipients", "r", &graph.recipients, "box"),
    ];
    for (name, prefix, nodes, shape) in clusters {
        text.push_str(&format!(
            "  subgraph cluster_{name} {{\n    label={};\n    style=dashed;\n    color=\"#9e9e9e\";\n",
            quoted(name)
        ));
        for (index, node) in nodes.iter().enumerate() {
            text.push_str(&format!(
                "    {prefix}{index} [label={}, shape={shape}];\n",
                quoted(&node.full_label()),
            ));
        }
        text.push_str("  }\n");
    }
    for (source, category) in &graph.source_edges {
        text.push_str(&format!(
            "  s{source} -> c{category} [color=\"#9e9e9e\"];\n"
        ));
    }
    for edge in &graph.flow_edges {
        let mut label = edge.purpose.clone();
        if let Some(kind) = edge.change {
            label.push_str(&format!(" ({})", kind.as_str()));
        }
        let style = match edge.change {
            Some(ChangeKind::Disappeared) => ", style=dashed",
            Some(ChangeKind::Appeared | ChangeKind::LostGuard) => ", style=bold",
            _ => "",
        };
        text.push_str(&format!(
            "  c{} -> r{} [label={}, color=\"{}\", fontcolor=\"{}\", penwidth=2, tooltip={}{style}];\n",
            edge.category,
            edge.recipient,
            quoted(&label),
            status_colour(edge.status),
            status_colour(edge.status),
            quoted(&format!(
                "{} for {}: {} ({} {})",
                graph.categories[edge.category].label,
                edge.purpose,
                edge.status.as_str(),
                edge.flows,
                if edge.flows == 1 { "flow" } else { "flows" }
            )),
        ));
    }
    text.push_str("}\n");
    out.write_all(text.as_bytes())
}
