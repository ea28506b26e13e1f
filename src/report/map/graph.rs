//! The flow graph of a map: sources → categories → recipients, one edge per category,
//! recipient, purpose and status. `dot.rs` writes it for Graphviz; [`Graph::svg`] lays it out
//! itself (three columns, curved edges) for the HTML page, which must not need Graphviz.

use std::collections::BTreeMap;

use crate::map::{ChangeKind, DataMap, Status};

pub(super) struct Node {
    pub label: String,
    /// Where it is, for a source.
    pub detail: Option<String>,
}

/// Categories to a recipient for a purpose, with one status (and change).
pub(super) struct FlowEdge {
    pub category: usize,
    pub recipient: usize,
    pub purpose: String,
    pub status: Status,
    pub change: Option<ChangeKind>,
    /// How many flows it stands for.
    pub flows: usize,
}

pub(super) struct Graph {
    pub sources: Vec<Node>,
    pub categories: Vec<Node>,
    pub recipients: Vec<Node>,
    /// (source, category), once each.
    pub source_edges: Vec<(usize, usize)>,
    pub flow_edges: Vec<FlowEdge>,
}

/// The colour of a status, shared by the graph's formats.
pub(super) fn status_colour(status: Status) -> &'static str {
    match status {
        Status::Guarded => "#2e7d32",
        Status::PurposeMismatch => "#e65100",
        Status::Unguarded => "#c62828",
    }
}

impl Node {
    /// The label with where it is, on two lines.
    pub fn full_label(&self) -> String {
        match &self.detail {
            Some(detail) => format!("{}\n{detail}", self.label),
            None => self.label.clone(),
        }
    }
}

impl Graph {
    pub fn of(map: &DataMap) -> Graph {
        let mut categories: Vec<&str> = map
            .flows
            .iter()
            .map(|flow| flow.category.as_str())
            .collect();
        categories.sort_unstable();
        categories.dedup();
        let mut recipients: Vec<&str> = map
            .flows
            .iter()
            .map(|flow| flow.recipient.as_str())
            .collect();
        recipients.sort_unstable();
        recipients.dedup();
        let index_of = |list: &[&str], name: &str| list.binary_search(&name).unwrap_or(0);
        // Sources by what and where they are; placed beside the first category they feed.
        let mut sources: BTreeMap<(usize, String, String), Vec<usize>> = BTreeMap::new();
        let mut edges: BTreeMap<(usize, usize, String, Status, Option<ChangeKind>), usize> =
            BTreeMap::new();
        for flow in &map.flows {
            let category = index_of(&categories, &flow.category);
            let recipient = index_of(&recipients, &flow.recipient);
            *edges
                .entry((
                    category,
                    recipient,
                    flow.purpose.clone(),
                    flow.status,
                    flow.change.as_ref().map(|change| change.kind),
                ))
                .or_default() += 1;
            for source in &flow.sources {
                let first_category = source
                    .categories
                    .iter()
                    .filter(|known| categories.contains(&known.as_str()))
                    .map(|known| index_of(&categories, known))
                    .min()
                    .unwrap_or(category);
                let feeds = sources
                    .entry((
                        first_category,
                        source.description.clone(),
                        source.location.to_string(),
                    ))
                    .or_default();
                if !feeds.contains(&category) {
                    feeds.push(category);
                }
            }
        }
        let mut source_nodes = Vec::new();
        let mut source_edges = Vec::new();
        for (index, ((_, description, location), feeds)) in sources.into_iter().enumerate() {
            source_nodes.push(Node {
                label: description,
                detail: Some(location),
            });
            for category in feeds {
                source_edges.push((index, category));
            }
        }
        source_edges.sort_unstable();
        source_edges.dedup();
        let node = |name: &&str| Node {
            label: name.to_string(),
            detail: None,
        };
        Graph {
            sources: source_nodes,
            categories: categories.iter().map(node).collect(),
            recipients: recipients.iter().map(node).collect(),
            source_edges,
            flow_edges: edges
                .into_iter()
                .map(
                    |((category, recipient, purpose, status, change), flows)| FlowEdge {
                        category,
                        recipient,
                        purpose,
                        status,
                        change,
                        flows,
                    },
                )
                .collect(),
        }
    }

    /// The graph as an SVG element, laid out in three columns.
    pub fn svg(&self) -> String {
        const NODE_HEIGHT: f64 = 28.0;
        const GAP: f64 = 12.0;
        const TOP: f64 = 40.0;
        const COLUMNS: [(f64, f64); 3] = [(10.0, 300.0), (400.0, 200.0), (700.0, 200.0)];
        let rows = self
            .sources
            .len()
            .max(self.categories.len())
            .max(self.recipients.len())
            .max(1) as f64;
        let height = TOP + rows * (NODE_HEIGHT + GAP) + 40.0;
        let width = 910.0;
        // Each column is centred on the tallest one.
        let y_of = |count: usize, index: usize| {
            let column_height = count as f64 * (NODE_HEIGHT + GAP);
            let offset = (rows * (NODE_HEIGHT + GAP) - column_height) / 2.0;
            TOP + offset + index as f64 * (NODE_HEIGHT + GAP)
        };
        let mut svg = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" \
             width=\"{width}\" height=\"{height}\" role=\"img\" aria-label=\"flow graph\">\n"
        );
        for (index, title) in ["sources", "categories", "recipients"].iter().enumerate() {
            let (x, column_width) = COLUMNS[index];
            svg.push_str(&format!(
                "<text class=\"column\" x=\"{}\" y=\"20\" text-anchor=\"middle\">{title}</text>\n",
                x + column_width / 2.0
            ));
        }
        let curve = |from: (f64, f64), to: (f64, f64)| {
            let middle = (from.0 + to.0) / 2.0;
            format!(
                "M{:.1},{:.1} C{:.1},{:.1} {:.1},{:.1} {:.1},{:.1}",
                from.0, from.1, middle, from.1, middle, to.1, to.0, to.1
            )
        };
        let centre = |count: usize, index: usize| y_of(count, index) + NODE_HEIGHT / 2.0;
        for &(source, category) in &self.source_edges {
            let from = (
                COLUMNS[0].0 + COLUMNS[0].1,
                centre(self.sources.len(), source),
            );
            let to = (COLUMNS[1].0, centre(self.categories.len(), category));
            svg.push_str(&format!(
                "<path class=\"feed\" d=\"{}\"/>\n",
                curve(from, to)
            ));
        }
        // Parallel edges between one category and one recipient are spread apart.
        let mut parallel: BTreeMap<(usize, usize), usize> = BTreeMap::new();
        for edge in &self.flow_edges {
            let rank = parallel.entry((edge.category, edge.recipient)).or_default();
            let spread = *rank as f64 * 4.0;
            *rank += 1;
            let from = (
                COLUMNS[1].0 + COLUMNS[1].1,
                centre(self.categories.len(), edge.category) + spread,
            );
            let to = (
                COLUMNS[2].0,
                centre(self.recipients.len(), edge.recipient) + spread,
            );
            let change = edge
                .change
                .map_or(String::new(), |kind| format!(", {}", kind.as_str()));
            let dashed = if edge.change == Some(ChangeKind::Disappeared) {
                " stroke-dasharray=\"6 4\""
            } else {
                ""
            };
            svg.push_str(&format!(
                "<path class=\"flow {status}\" d=\"{path}\" stroke=\"{colour}\"{dashed}><title>{title}</title></path>\n",
                status = edge.status.as_str(),
                path = curve(from, to),
                colour = status_colour(edge.status),
                title = escape(&format!(
                    "{} to {} for {}: {}{change} ({} {})",
                    self.categories[edge.category].label,
                    self.recipients[edge.recipient].label,
                    edge.purpose,
                    edge.status.as_str(),
                    edge.flows,
                    if edge.flows == 1 { "flow" } else { "flows" }
                )),
            ));
        }
        for (column, nodes) in [&self.sources, &self.categories, &self.recipients]
            .iter()
            .enumerate()
        {
            let (x, column_width) = COLUMNS[column];
            for (index, node) in nodes.iter().enumerate() {
                let y = y_of(nodes.len(), index);
                svg.push_str(&format!(
                    "<g class=\"node\"><title>{}</title><rect x=\"{x}\" y=\"{y:.1}\" width=\"{column_width}\" height=\"{NODE_HEIGHT}\" rx=\"6\"/>\
                     <text x=\"{:.1}\" y=\"{:.1}\">{}</text></g>\n",
                    escape(&node.full_label()),
                    x + 8.0,
                    y + NODE_HEIGHT / 2.0 + 4.0,
                    escape(&shortened(&node.label, column_width)),
                ));
            }
        }
        let legend_y = height - 16.0;
        for (index, status) in [Status::Guarded, Status::PurposeMismatch, Status::Unguarded]
            .iter()
            .enumerate()
        {
            let x = 10.0 + index as f64 * 170.0;
            svg.push_str(&format!(
                "<line x1=\"{x}\" y1=\"{legend_y}\" x2=\"{}\" y2=\"{legend_y}\" stroke=\"{}\" stroke-width=\"3\"/>\
                 <text x=\"{}\" y=\"{}\">{}</text>\n",
                x + 24.0,
                status_colour(*status),
                x + 30.0,
                legend_y + 4.0,
                status.as_str()
            ));
        }
        svg.push_str("</svg>");
        svg
    }
}

/// A label cut to what fits in `width` pixels of 12px text (about 6.6 pixels a character).
fn shortened(label: &str, width: f64) -> String {
    let fits = ((width - 16.0) / 6.6) as usize;
    if label.chars().count() <= fits {
        return label.to_string();
    }
    let cut: String = label.chars().take(fits.saturating_sub(1)).collect();
    format!("{cut}…")
}

/// Text for XML content and attribute values.
pub(super) fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for character in text.chars() {
        match character {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            other => escaped.push(other),
        }
    }
    escaped
}
