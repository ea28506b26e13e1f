//! Reporting: renders a [`ScanReport`] in the format the user asked for. The only stage besides
//! discovery that does IO, and only to the writer it is given (and, for `cargo-json`, by reading
//! the `Cargo.toml` above each reported file to name its package as cargo would).
//!
//! One file per format: `human.rs`, `json.rs`, `sarif.rs`, `github.rs`, `cargo_json.rs`.
//! `progress_bar.rs` draws the terminal progress bar for the human format.

mod cargo_json;
mod github;
mod human;
mod json;
pub mod map;
pub mod progress_bar;
mod sarif;
mod snippet;

use std::io::{self, Write};

use crate::finding::{Finding, Level};
use crate::source::SourceFiles;

/// Output formats of `cargo consent check --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// rustc-like diagnostics with source snippets (miette)
    Human,
    /// one JSON document, schema in docs/json-schema.md
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers
    Sarif,
    /// GitHub Actions workflow commands (`::error file=..::..`), one per finding
    Github,
    /// cargo's `compiler-message` JSON lines, for rust-analyzer's `check.overrideCommand`
    CargoJson,
}

impl Format {
    /// Whether a program reads the output: then nothing but the report may reach the terminal
    /// (no progress bar, no colour).
    pub fn is_machine_readable(self) -> bool {
        !matches!(self, Format::Human)
    }
}

/// Options of the human format.
#[derive(Debug, Clone, Copy)]
pub struct HumanOptions {
    pub color: bool,
    /// Terminal width to wrap at.
    pub width: usize,
}

/// The outcome of a scan: findings (above `allow`), sorted, with the files they point into.
#[derive(Debug)]
pub struct ScanReport {
    pub files: SourceFiles,
    pub findings: Vec<Finding>,
    /// Things the user should know that are not findings (skipped members, unreadable files).
    pub notes: Vec<String>,
    pub crates_scanned: usize,
    pub fns_analysed: usize,
    /// How long each stage took (for the benchmark; not part of any output format).
    pub timings: StageTimings,
    /// The data map, when the request asked for it.
    pub data_map: Option<crate::map::DataMap>,
    /// The intermediate results the request asked to see (`--dump`), as text.
    pub dump: Option<String>,
}

/// Wall time of each stage of one scan, and the process's peak memory at its end.
#[derive(Debug, Clone, Copy, Default)]
pub struct StageTimings {
    pub discover: std::time::Duration,
    /// Reading files, parsing them with syn, and collecting their facts (in parallel).
    pub parse: std::time::Duration,
    /// The symbol index, annotation effects and every body's sites.
    pub resolve: std::time::Duration,
    pub propagate: std::time::Duration,
    /// Entry guards and the verdicts of every sink and obligation.
    pub guards: std::time::Duration,
    /// Building the data map, when asked for.
    pub map: std::time::Duration,
    /// The process's peak resident memory at the end of each stage
    /// ([`crate::memory::peak_resident_kib`]; `None` where the system does not report it).
    pub peak_kib: StagePeaks,
    /// What was alive at the end of each stage, and the most that was alive at once by then:
    /// only where the allocator counts it ([`crate::memory::live_heap_kib`], the benchmark's
    /// `--live-heap`).
    pub live_kib: StagePeaks,
    pub most_live_kib: StagePeaks,
}

/// A memory figure in KiB at the end of each stage.
#[derive(Debug, Clone, Copy, Default)]
pub struct StagePeaks {
    pub parse: Option<u64>,
    pub resolve: Option<u64>,
    pub propagate: Option<u64>,
    pub guards: Option<u64>,
}

impl StagePeaks {
    /// Each stage's figure, by the stage's name.
    pub fn by_stage(&self) -> [(&'static str, Option<u64>); 4] {
        [
            ("parse", self.parse),
            ("resolve", self.resolve),
            ("propagate", self.propagate),
            ("guards", self.guards),
        ]
    }
}

impl ScanReport {
    pub fn count_at(&self, level: Level) -> usize {
        self.findings
            .iter()
            .filter(|finding| finding.level == level)
            .count()
    }
}

pub fn write_report(
    report: &ScanReport,
    format: Format,
    human: HumanOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Human => human::write(report, human, out),
        Format::Json => json::write(report, out),
        Format::Sarif => sarif::write(report, out),
        Format::Github => github::write(report, out),
        Format::CargoJson => cargo_json::write(report, out),
    }
}

/// The section `## HEADING` of a lint page, without its heading, trimmed.
fn page_section<'a>(page: &'a str, heading: &str) -> Option<&'a str> {
    let marker = format!("\n## {heading}\n");
    let start = page.find(&marker)? + marker.len();
    let rest = &page[start..];
    let end = rest.find("\n## ").unwrap_or(rest.len());
    Some(rest[..end].trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_sections_are_cut_at_the_next_heading() {
        let page =
            "# x\n\n## What it does\n\nFinds things.\n\nMore.\n\n## Why it matters\n\nBecause.\n";
        assert_eq!(
            page_section(page, "What it does"),
            Some("Finds things.\n\nMore.")
        );
        assert_eq!(page_section(page, "Why it matters"), Some("Because."));
        assert_eq!(page_section(page, "Fix"), None);
    }
}
