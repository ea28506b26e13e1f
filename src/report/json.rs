//! The `json` format: one document, versioned. The schema is documented in docs/json-schema.md;
//! bump [`SCHEMA_VERSION`] on any change that is not a pure addition.

use std::io::{self, Write};

use serde::Serialize;

use crate::finding::{Finding, FlowStep};
use crate::report::ScanReport;
use crate::source::{Location, SourceFiles};

pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    tool: Tool,
    findings: Vec<JsonFinding<'a>>,
    notes: &'a [String],
    summary: Summary,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct Summary {
    deny: usize,
    warn: usize,
    files: usize,
    crates: usize,
}

#[derive(Serialize)]
struct JsonLocation {
    file: String,
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    lint: &'a str,
    level: &'a str,
    message: &'a str,
    file: String,
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
    source: Option<JsonSource<'a>>,
    sink: Option<JsonSink<'a>>,
    flow: Vec<JsonStep<'a>>,
    help: Option<&'a str>,
    notes: &'a [String],
    enclosing_item: &'a str,
    fingerprint: String,
}

#[derive(Serialize)]
struct JsonSource<'a> {
    categories: &'a [String],
    description: &'a str,
    location: JsonLocation,
}

#[derive(Serialize)]
struct JsonSink<'a> {
    recipient: &'a str,
    purpose: &'a str,
    callee: &'a str,
    location: JsonLocation,
}

#[derive(Serialize)]
struct JsonStep<'a> {
    description: &'a str,
    location: JsonLocation,
}

fn location(files: &SourceFiles, location: Location) -> JsonLocation {
    JsonLocation {
        file: files.get(location.file).display_path.clone(),
        line: location.line,
        column: location.column,
        end_line: location.end_line,
        end_column: location.end_column,
    }
}

fn finding<'a>(files: &SourceFiles, finding: &'a Finding) -> JsonFinding<'a> {
    let at = location(files, finding.location);
    JsonFinding {
        lint: finding.lint,
        level: finding.level.as_str(),
        message: &finding.message,
        file: at.file,
        line: at.line,
        column: at.column,
        end_line: at.end_line,
        end_column: at.end_column,
        source: finding.source.as_ref().map(|source| JsonSource {
            categories: &source.categories,
            description: &source.description,
            location: location(files, source.location),
        }),
        sink: finding.sink.as_ref().map(|sink| JsonSink {
            recipient: &sink.recipient,
            purpose: &sink.purpose,
            callee: &sink.callee,
            location: location(files, sink.location),
        }),
        flow: finding
            .flow
            .iter()
            .map(|step: &'a FlowStep| JsonStep {
                description: &step.description,
                location: location(files, step.location),
            })
            .collect(),
        help: finding.help.as_deref(),
        notes: &finding.notes,
        enclosing_item: &finding.enclosing_item,
        fingerprint: finding.fingerprint(),
    }
}

pub(super) fn write(report: &ScanReport, out: &mut dyn Write) -> io::Result<()> {
    let document = Document {
        version: SCHEMA_VERSION,
        tool: Tool {
            name: env!("CARGO_PKG_NAME"),
            version: env!("CARGO_PKG_VERSION"),
        },
        findings: report
            .findings
            .iter()
            .map(|item| finding(&report.files, item))
            .collect(),
        notes: &report.notes,
        summary: Summary {
            deny: report.count_at(crate::finding::Level::Deny),
            warn: report.count_at(crate::finding::Level::Warn),
            files: report.files.len(),
            crates: report.crates_scanned,
        },
    };
    serde_json::to_writer_pretty(&mut *out, &document).map_err(io::Error::from)?;
    writeln!(out)
}
