//! The `github` format: GitHub Actions workflow commands, which the runner turns into
//! annotations on the pull request's diff. One `::error` (deny) or `::warning` (warn) per
//! finding, at the sink with its full range; the run's notes become `::notice` commands.
//!
//! Escaping follows the runner's rules: in the message `%`, `\r` and `\n` are written `%25`,
//! `%0D` and `%0A`; in a property value also `:` and `,` (`%3A`, `%2C`), since they separate
//! properties.

use std::io::{self, Write};

use crate::finding::{Finding, Level};
use crate::report::ScanReport;

pub(super) fn write(report: &ScanReport, out: &mut dyn Write) -> io::Result<()> {
    for finding in &report.findings {
        writeln!(out, "{}", command(report, finding))?;
    }
    for note in &report.notes {
        writeln!(out, "::notice title=cargo-consent::{}", escape_data(note))?;
    }
    Ok(())
}

fn command(report: &ScanReport, finding: &Finding) -> String {
    let kind = match finding.level {
        Level::Deny => "error",
        Level::Warn => "warning",
        Level::Allow => "notice",
    };
    let location = finding.location;
    let properties = [
        ("file", report.files.get(location.file).display_path.clone()),
        ("line", location.line.to_string()),
        ("col", location.column.to_string()),
        ("endLine", location.end_line.to_string()),
        ("endColumn", location.end_column.to_string()),
        ("title", finding.lint.to_string()),
    ]
    .iter()
    .map(|(name, value)| format!("{name}={}", escape_property(value)))
    .collect::<Vec<_>>()
    .join(",");
    let mut message = finding.message.clone();
    if let Some(help) = &finding.help {
        message.push_str(&format!("\nhelp: {help}"));
    }
    for note in &finding.notes {
        message.push_str(&format!("\nnote: {note}"));
    }
    message.push_str(&format!(
        "\nfor more, run `cargo consent explain {}`",
        finding.lint
    ));
    format!("::{kind} {properties}::{}", escape_data(&message))
}

/// The message of a workflow command.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A property value of a workflow command (`file=..`, `title=..`).
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_escapes_percent_and_line_breaks() {
        assert_eq!(escape_data("100% sure\r\nnext"), "100%25 sure%0D%0Anext");
        assert_eq!(escape_data("a: b, c"), "a: b, c");
    }

    #[test]
    fn properties_also_escape_their_separators() {
        assert_eq!(
            escape_property("dir,x/50%:odd.rs"),
            "dir%2Cx/50%25%3Aodd.rs"
        );
    }
}
