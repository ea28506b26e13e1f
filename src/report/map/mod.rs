//! The formats of `cargo consent map`, one file each, all rendering one [`DataMap`] (a map,
//! or with `--compare` the flows that changed): `markdown.rs` for people and pull requests,
//! `json.rs` the versioned document (docs/map-schema.md), `csv.rs` a record of processing
//! for spreadsheets, `dot.rs` Graphviz, `html.rs` one self-contained page, `fides.rs` a
//! fideslang system manifest. `graph.rs` is the flow graph that `dot.rs` and `html.rs` draw.

mod csv;
mod dot;
mod fides;
mod graph;
mod html;
mod json;
mod markdown;

use std::io::{self, Write};
use std::path::Path;

use crate::map::{ChangeKind, DataMap, Flow, Polarity, Status};

/// Output formats of `cargo consent map --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum MapFormat {
    /// a summary table, then each recipient's flows with their locations
    Markdown,
    /// one versioned JSON document, schema in docs/map-schema.md (what --compare reads)
    Json,
    /// one row per flow: the columns a record of processing needs
    Csv,
    /// Graphviz: sources -> categories -> recipients, edges coloured by guard status
    Dot,
    /// one self-contained page: sortable, filterable tables and the flow graph
    Html,
    /// a fideslang `system` manifest (YAML), one privacy declaration per recipient and purpose
    Fides,
}

impl MapFormat {
    /// The format a file name asks for by its extension (`-o map.html`).
    pub fn of_file(path: &Path) -> Option<MapFormat> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match extension.as_str() {
            "md" | "markdown" => MapFormat::Markdown,
            "json" => MapFormat::Json,
            "csv" => MapFormat::Csv,
            "dot" | "gv" => MapFormat::Dot,
            "html" | "htm" => MapFormat::Html,
            "yml" | "yaml" => MapFormat::Fides,
            _ => return None,
        })
    }

    /// Whether the document has a place for the run's notes; if not, the CLI prints them
    /// on stderr.
    pub fn shows_notes(self) -> bool {
        matches!(
            self,
            MapFormat::Markdown | MapFormat::Json | MapFormat::Html
        )
    }
}

pub fn write_map(map: &DataMap, format: MapFormat, out: &mut dyn Write) -> io::Result<()> {
    match format {
        MapFormat::Markdown => markdown::write(map, out),
        MapFormat::Json => json::write(map, out),
        MapFormat::Csv => csv::write(map, out),
        MapFormat::Dot => dot::write(map, out),
        MapFormat::Html => html::write(map, out),
        MapFormat::Fides => fides::write(map, out),
    }
}

/// How a flow's guard reads in one line, with the checks' places: shared by the formats for
/// people.
fn guard_sentence(flow: &Flow) -> String {
    let places = |checks: &[crate::map::Check]| {
        checks
            .iter()
            .map(|check| format!("{} ({})", check.description, check.location))
            .collect::<Vec<_>>()
            .join(" and ")
    };
    match flow.status {
        Status::Guarded if flow.guarded_by.is_empty() => {
            "guarded by a consent token or a `requires` fn (no check is written on the way)"
                .to_string()
        }
        Status::Guarded => format!("guarded by {}", places(&flow.guarded_by)),
        Status::PurposeMismatch if flow.checked_instead.is_empty() => {
            "purpose_mismatch: checked only for another purpose".to_string()
        }
        Status::PurposeMismatch => format!(
            "purpose_mismatch: the only check on the way is {}",
            places(&flow.checked_instead)
        ),
        Status::Unguarded if flow.guarded_by.is_empty() => {
            format!("unguarded: some path has no check for `{}`", flow.purpose)
        }
        Status::Unguarded => format!(
            "unguarded: guarded by {} on some paths only",
            places(&flow.guarded_by)
        ),
    }
}

/// The first line of a map: how many flows, to how many recipients, with which status.
fn headline(map: &DataMap) -> String {
    let summary = &map.summary;
    let plural = |count: usize, one: &str, many: &str| {
        format!("{count} {}", if count == 1 { one } else { many })
    };
    format!(
        "{} of personal data to {}: {} guarded, {} purpose_mismatch, {} unguarded ({} read, {} scanned).",
        plural(summary.flows, "flow", "flows"),
        plural(summary.recipients.len(), "recipient", "recipients"),
        summary.guarded,
        summary.purpose_mismatch,
        summary.unguarded,
        plural(summary.files, "file", "files"),
        plural(summary.crates, "crate", "crates"),
    )
}

/// One row of the summary table: the categories going to a recipient for a purpose with one
/// status (and, in a comparison, one kind of change).
struct SummaryRow<'m> {
    change: Option<ChangeKind>,
    recipient: &'m str,
    purpose: &'m str,
    status: Status,
    categories: Vec<&'m str>,
}

/// The summary rows, in the order of the flows (recipient, purpose), then by status.
fn summary_rows(flows: &[Flow]) -> Vec<SummaryRow<'_>> {
    let mut rows: std::collections::BTreeMap<(&str, &str, Status, Option<ChangeKind>), Vec<&str>> =
        std::collections::BTreeMap::new();
    for flow in flows {
        let change = flow.change.as_ref().map(|change| change.kind);
        let categories = rows
            .entry((&flow.recipient, &flow.purpose, flow.status, change))
            .or_default();
        if !categories.contains(&flow.category.as_str()) {
            categories.push(&flow.category);
        }
    }
    rows.into_iter()
        .map(|((recipient, purpose, status, change), mut categories)| {
            categories.sort_unstable();
            SummaryRow {
                change,
                recipient,
                purpose,
                status,
                categories,
            }
        })
        .collect()
}

/// What "declared" means in the lists of declarations in no flow.
fn declared_intro() -> String {
    "Declared means written down: an annotation in the code, an entry of a config, or an \
     entry of the built-in catalog that the code calls (entries for libraries it never calls \
     are left out). A declaration counts as taking part in a flow when a flow names it: \
     two declarations of the same name count as one."
        .to_string()
}

/// Where a declaration is used, in one phrase: "called at a.rs:3, b.rs:9".
fn used_at_sentence(used_at: &[crate::map::Location], verb: &str) -> String {
    const SHOWN: usize = 5;
    if used_at.is_empty() {
        return format!("never {verb} in the scanned code");
    }
    let mut places: Vec<String> = used_at
        .iter()
        .take(SHOWN)
        .map(|location| location.to_string())
        .collect();
    if used_at.len() > SHOWN {
        places.push(format!("and {} more", used_at.len() - SHOWN));
    }
    format!("{verb} at {}", places.join(", "))
}

/// "opt-out for `ads`", "consent check for every purpose with `acme`".
fn check_kind(polarity: Polarity, purpose: &Option<String>, recipient: &Option<String>) -> String {
    let kind = match polarity {
        Polarity::Allow => "consent check",
        Polarity::OptOut => "opt-out",
    };
    let purpose = purpose
        .as_deref()
        .map_or("every purpose".to_string(), |purpose| {
            format!("`{purpose}`")
        });
    let recipient = recipient
        .as_deref()
        .map_or(String::new(), |recipient| format!(" with `{recipient}`"));
    format!("{kind} for {purpose}{recipient}")
}

/// "annotation src/device.rs:26, config consent.toml:5": what declared a source.
fn origins(origins: &[crate::map::Origin]) -> Option<String> {
    let listed: Vec<String> = origins.iter().map(|origin| origin.to_string()).collect();
    (!listed.is_empty()).then(|| listed.join(", "))
}
