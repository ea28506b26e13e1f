//! Reporting: renders a [`ScanReport`] in the format the user asked for. The only stage besides
//! discovery that does IO, and only to the writer it is given.

mod human;
mod json;

use std::io::{self, Write};

use crate::ScanReport;

/// Output formats of `cargo consent check --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// rustc-like diagnostics with source snippets (miette)
    Human,
    /// one JSON document, schema in docs/json-schema.md
    Json,
}

/// Options of the human format.
#[derive(Debug, Clone, Copy)]
pub struct HumanOptions {
    pub color: bool,
    /// Terminal width to wrap at.
    pub width: usize,
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
    }
}
