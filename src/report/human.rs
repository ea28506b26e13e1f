//! The `human` format: one miette diagnostic per finding, rustc-style, then a summary line.

use std::fmt;
use std::io::{self, Write};
use std::ops::Range;

use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, Severity};

use super::snippet::{Snippet, SnippetSource, CONTEXT_LINES};
use super::HumanOptions;
use crate::finding::{Finding, Level};
use crate::report::ScanReport;
use crate::source::{FileId, Location, SourceFiles};

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
        .with_context_lines(CONTEXT_LINES)
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
    // miette ends some lines with a space (`Advice: ` before an empty code).
    let mut trimmed = String::with_capacity(rendered.len());
    for line in rendered.split_inclusive('\n') {
        let (text, newline) = match line.strip_suffix('\n') {
            Some(text) => (text, "\n"),
            None => (line, ""),
        };
        trimmed.push_str(text.trim_end_matches(' '));
        trimmed.push_str(newline);
    }
    Ok(trimmed)
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
    source: SnippetSource,
    labels: Vec<LabeledSpan>,
    related: Vec<FindingDiagnostic>,
}

/// The labels of one snippet, in file positions, before they are placed in a [`Snippet`].
struct SnippetLabels {
    file: FileId,
    labels: Vec<SnippetLabel>,
}

struct SnippetLabel {
    text: String,
    location: Location,
    primary: bool,
}

impl SnippetLabels {
    fn new(file: FileId) -> Self {
        SnippetLabels {
            file,
            labels: Vec::new(),
        }
    }

    fn push(&mut self, text: &str, location: Location, primary: bool) {
        self.labels.push(SnippetLabel {
            text: text.to_string(),
            location,
            primary,
        });
    }

    /// The snippet showing these labels, and the labels placed in it.
    fn place(self, files: &SourceFiles) -> (SnippetSource, Vec<LabeledSpan>) {
        let file = files.get(self.file);
        let ranges = untangled(&self.labels);
        let snippet = Snippet::new(file, &ranges);
        let labels = self
            .labels
            .iter()
            .zip(&ranges)
            .map(|(label, range)| {
                let span = snippet.span(range.clone());
                if label.primary {
                    LabeledSpan::new_primary_with_span(Some(label.text.clone()), span)
                } else {
                    LabeledSpan::new_with_span(Some(label.text.clone()), span)
                }
            })
            .collect();
        let source = SnippetSource {
            snippet,
            file_text: file.text().clone(),
        };
        (source, labels)
    }
}

/// The byte ranges to underline: each label's, except that a label enclosing another on the
/// same line stops where the inner one starts (or starts where it ends). miette draws
/// overlapping labels of one line one after the other, so a sink call's label would push the
/// label of the argument inside it past the call's end.
fn untangled(labels: &[SnippetLabel]) -> Vec<Range<usize>> {
    let mut ranges: Vec<Range<usize>> = labels
        .iter()
        .map(|label| label.location.start..label.location.end.max(label.location.start))
        .collect();
    let one_line = |label: &SnippetLabel| label.location.line == label.location.end_line;
    let mut changed = true;
    // Every change shrinks a range, so this ends.
    while changed {
        changed = false;
        for outer in 0..labels.len() {
            for inner in 0..labels.len() {
                let shared_line = outer != inner
                    && one_line(&labels[outer])
                    && one_line(&labels[inner])
                    && labels[outer].location.line == labels[inner].location.line;
                if !shared_line {
                    continue;
                }
                let (inner_start, inner_end) = (ranges[inner].start, ranges[inner].end);
                let outer_range = &mut ranges[outer];
                if outer_range.start < inner_start && inner_start < outer_range.end {
                    outer_range.end = inner_start;
                    changed = true;
                } else if outer_range.start == inner_start && inner_end < outer_range.end {
                    outer_range.start = inner_end;
                    changed = true;
                }
            }
        }
    }
    ranges
}

impl FindingDiagnostic {
    fn new(finding: &Finding, files: &SourceFiles) -> Self {
        let mut labels = SnippetLabels::new(finding.location.file);
        labels.push(&finding.label, finding.location, true);
        let mut related: Vec<(u32, SnippetLabels)> = Vec::new();
        for step in &finding.flow {
            if step.location == finding.location {
                continue;
            }
            // Labels near the sink share its snippet; far ones get snippets of their own, so
            // the output never prints the whole file between two labels.
            let near = |line: u32| line.abs_diff(step.location.line) <= MAX_LINES_APART;
            if step.location.file == finding.location.file && near(finding.location.line) {
                labels.push(&step.description, step.location, false);
                continue;
            }
            match related
                .iter_mut()
                .find(|(line, other)| other.file == step.location.file && near(*line))
            {
                Some((_, other)) => other.push(&step.description, step.location, false),
                None => {
                    let mut other = SnippetLabels::new(step.location.file);
                    other.push(&step.description, step.location, false);
                    related.push((step.location.line, other));
                }
            }
        }
        let related = related
            .into_iter()
            .map(|(_, other)| FindingDiagnostic::on_the_way(files, other))
            .collect();
        let mut help = finding.help.clone().unwrap_or_default();
        for note in &finding.notes {
            help.push_str(&format!("\nnote: {note}"));
        }
        help.push_str(&format!(
            "\nfor more, run `cargo consent explain {}`",
            finding.lint
        ));
        let (source, labels) = labels.place(files);
        FindingDiagnostic {
            message: finding.message.clone(),
            code: finding.lint,
            severity: match finding.level {
                Level::Deny => Severity::Error,
                Level::Warn | Level::Allow => Severity::Warning,
            },
            help: Some(help.trim_start().to_string()),
            source,
            labels,
            related,
        }
    }

    /// A snippet of steps away from the sink.
    fn on_the_way(files: &SourceFiles, labels: SnippetLabels) -> Self {
        let (source, labels) = labels.place(files);
        FindingDiagnostic {
            message: "on the way".to_string(),
            code: "",
            severity: Severity::Advice,
            help: None,
            source,
            labels,
            related: Vec::new(),
        }
    }
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
