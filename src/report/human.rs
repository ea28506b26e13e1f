//! The `human` format: one miette diagnostic per finding, rustc-style, then a summary line.

use std::fmt;
use std::io::{self, Write};
use std::sync::Arc;

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, Severity,
};

use super::HumanOptions;
use crate::finding::{Finding, Level};
use crate::source::{FileId, Location, SourceFiles};
use crate::ScanReport;

pub(super) fn write(
    report: &ScanReport,
    options: HumanOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let handler = handler(options);
    for finding in &report.findings {
        writeln!(out, "{}", render(&handler, finding, &report.files)?)?;
    }
    for note in &report.notes {
        writeln!(out, "note: {note}")?;
    }
    let denied = report.count_at(Level::Deny);
    let warned = report.count_at(Level::Warn);
    writeln!(
        out,
        "cargo-consent: {denied} {}, {warned} {} in {} {} ({} {})",
        plural(denied, "error", "errors"),
        plural(warned, "warning", "warnings"),
        report.files.len(),
        plural(report.files.len(), "file", "files"),
        report.crates_scanned,
        plural(report.crates_scanned, "crate", "crates"),
    )
}

fn handler(options: HumanOptions) -> GraphicalReportHandler {
    let theme = if options.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    GraphicalReportHandler::new_themed(theme)
        .with_width(options.width)
        .with_links(false)
}

fn render(
    handler: &GraphicalReportHandler,
    finding: &Finding,
    files: &SourceFiles,
) -> io::Result<String> {
    let diagnostic = FindingDiagnostic::new(finding, files);
    let mut rendered = String::new();
    handler
        .render_report(&mut rendered, &diagnostic)
        .map_err(|error| io::Error::other(error.to_string()))?;
    Ok(rendered)
}

/// One finding as the human format shows it, without colour: the `rendered` text of the
/// `cargo-json` format, which editors show as the full diagnostic.
pub(super) fn render_plain(finding: &Finding, files: &SourceFiles) -> io::Result<String> {
    let options = HumanOptions {
        color: false,
        width: 100,
    };
    render(&handler(options), finding, files)
}

fn plural<'a>(count: usize, one: &'a str, many: &'a str) -> &'a str {
    if count == 1 {
        one
    } else {
        many
    }
}

/// Labels further from each other than this get separate snippets.
const MAX_LINES_APART: u32 = 6;

/// A finding as miette sees it: the labels in the sink's file here, the others as related
/// diagnostics, one per file.
struct FindingDiagnostic {
    message: String,
    code: &'static str,
    severity: Severity,
    help: Option<String>,
    source: NamedSource<Arc<str>>,
    labels: Vec<LabeledSpan>,
    related: Vec<FindingDiagnostic>,
}

impl FindingDiagnostic {
    fn new(finding: &Finding, files: &SourceFiles) -> Self {
        let mut labels = vec![LabeledSpan::new_primary_with_span(
            Some(finding.label.clone()),
            span_of(finding.location),
        )];
        let mut related: Vec<(FileId, u32, FindingDiagnostic)> = Vec::new();
        for step in &finding.flow {
            let label =
                LabeledSpan::new_with_span(Some(step.description.clone()), span_of(step.location));
            if step.location == finding.location {
                continue;
            }
            // Labels near the sink share its snippet; far ones get snippets of their own, so
            // the output never prints the whole file between two labels.
            let near = |line: u32| line.abs_diff(step.location.line) <= MAX_LINES_APART;
            if step.location.file == finding.location.file && near(finding.location.line) {
                labels.push(label);
                continue;
            }
            match related
                .iter_mut()
                .find(|(file, line, _)| *file == step.location.file && near(*line))
            {
                Some((_, _, other)) => other.labels.push(label),
                None => {
                    let mut other = FindingDiagnostic::plain(
                        files,
                        step.location.file,
                        "on the way".to_string(),
                    );
                    other.labels.push(label);
                    related.push((step.location.file, step.location.line, other));
                }
            }
        }
        let related = related.into_iter().map(|(_, _, other)| other).collect();
        let mut help = finding.help.clone().unwrap_or_default();
        for note in &finding.notes {
            help.push_str(&format!("\nnote: {note}"));
        }
        help.push_str(&format!(
            "\nfor more, run `cargo consent explain {}`",
            finding.lint
        ));
        FindingDiagnostic {
            message: finding.message.clone(),
            code: finding.lint,
            severity: match finding.level {
                Level::Deny => Severity::Error,
                Level::Warn | Level::Allow => Severity::Warning,
            },
            help: Some(help.trim_start().to_string()),
            source: named_source(files, finding.location.file),
            labels,
            related,
        }
    }

    fn plain(files: &SourceFiles, file: FileId, message: String) -> Self {
        FindingDiagnostic {
            message,
            code: "",
            severity: Severity::Advice,
            help: None,
            source: named_source(files, file),
            labels: Vec::new(),
            related: Vec::new(),
        }
    }
}

fn named_source(files: &SourceFiles, file: FileId) -> NamedSource<Arc<str>> {
    let file = files.get(file);
    NamedSource::new(file.display_path.clone(), file.text().clone()).with_language("rust")
}

fn span_of(location: Location) -> miette::SourceSpan {
    (location.start, location.end.saturating_sub(location.start)).into()
}

impl fmt::Debug for FindingDiagnostic {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(&self.message)
    }
}

impl fmt::Display for FindingDiagnostic {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(&self.message)
    }
}

impl std::error::Error for FindingDiagnostic {}

impl Diagnostic for FindingDiagnostic {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        (!self.code.is_empty()).then(|| Box::new(self.code) as Box<dyn fmt::Display>)
    }

    fn severity(&self) -> Option<Severity> {
        Some(self.severity)
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|help| Box::new(help) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.labels.iter().cloned()))
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn Diagnostic> + 'a>> {
        if self.related.is_empty() {
            return None;
        }
        Some(Box::new(
            self.related
                .iter()
                .map(|related| related as &dyn Diagnostic),
        ))
    }
}
