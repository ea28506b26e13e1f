//! The `sarif` format: one SARIF 2.1.0 log for GitHub code scanning and other SARIF viewers.
//!
//! One rule per lint of [`lints::ALL`] (its page is the rule's help), one result per finding
//! with the sink as its location, the data's origin as a related location, its flow as a code
//! flow, and [`Finding::fingerprint`] as the partial fingerprint, so code scanning follows a
//! finding across commits that move it. File URIs are relative to `%SRCROOT%`, the current
//! directory (where the scan's relative paths start); `originalUriBaseIds` says where that is.
//! Every map is ordered, so the same scan from the same directory gives the same bytes.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::Path;

use serde::Serialize;

use crate::finding::{Finding, Level};
use crate::lints::{self, Lint};
use crate::report::ScanReport;
use crate::source::{Location, SourceFiles};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
/// The key of [`Finding::fingerprint`] in `partialFingerprints`; bump the version if the
/// fingerprint's recipe changes, so that viewers do not match old and new ones.
pub const FINGERPRINT_KEY: &str = "cargoConsent/v1";
const SOURCE_ROOT: &str = "%SRCROOT%";

#[derive(Serialize)]
struct Log {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run {
    tool: Tool,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    original_uri_base_ids: BTreeMap<&'static str, ArtifactLocation>,
    invocations: [Invocation; 1],
    results: Vec<SarifResult>,
    column_kind: &'static str,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    full_name: String,
    version: &'static str,
    semantic_version: &'static str,
    information_uri: &'static str,
    rules: Vec<Rule>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    id: &'static str,
    name: String,
    short_description: Text,
    full_description: Text,
    help: MarkdownText,
    default_configuration: Configuration,
    properties: RuleProperties,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct MarkdownText {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
    /// Off for lints at `allow` by default: they report only when a flag turns them on.
    #[serde(skip_serializing_if = "is_true")]
    enabled: bool,
}

#[derive(Serialize)]
struct RuleProperties {
    tags: [&'static str; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    execution_successful: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tool_execution_notifications: Vec<Notification>,
}

#[derive(Serialize)]
struct Notification {
    level: &'static str,
    message: Text,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Text,
    locations: [SarifLocation; 1],
    partial_fingerprints: BTreeMap<&'static str, String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    code_flows: Vec<CodeFlow>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<SarifLocation>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifLocation {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: u32,
    start_column: u32,
    end_line: u32,
    end_column: u32,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CodeFlow {
    thread_flows: [ThreadFlow; 1],
}

#[derive(Serialize)]
struct ThreadFlow {
    locations: Vec<ThreadFlowLocation>,
}

#[derive(Serialize)]
struct ThreadFlowLocation {
    location: SarifLocation,
}

fn is_true(value: &bool) -> bool {
    *value
}

pub(super) fn write(report: &ScanReport, out: &mut dyn Write) -> io::Result<()> {
    let working_directory = std::env::current_dir().ok();
    let mut original_uri_base_ids = BTreeMap::new();
    if let Some(uri) = working_directory.as_deref().and_then(directory_uri) {
        original_uri_base_ids.insert(
            SOURCE_ROOT,
            ArtifactLocation {
                uri,
                uri_base_id: None,
            },
        );
    }
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: env!("CARGO_PKG_NAME"),
                    full_name: concat!(env!("CARGO_PKG_NAME"), " ", env!("CARGO_PKG_VERSION"))
                        .to_string(),
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    information_uri: env!("CARGO_PKG_REPOSITORY"),
                    rules: lints::ALL.iter().map(|lint| rule(lint)).collect(),
                },
            },
            original_uri_base_ids,
            invocations: [Invocation {
                execution_successful: true,
                tool_execution_notifications: report
                    .notes
                    .iter()
                    .map(|note| Notification {
                        level: "note",
                        message: Text {
                            text: sentence(note),
                        },
                    })
                    .collect(),
            }],
            results: report
                .findings
                .iter()
                .map(|finding| result(&report.files, finding))
                .collect(),
            column_kind: "unicodeCodePoints",
        }],
    };
    serde_json::to_writer_pretty(&mut *out, &log).map_err(io::Error::from)?;
    writeln!(out)
}

fn rule(lint: &Lint) -> Rule {
    let what_it_does = super::page_section(lint.documentation, "What it does")
        .unwrap_or(lint.summary)
        .to_string();
    Rule {
        id: lint.name,
        name: pascal_case(lint.name),
        short_description: Text {
            text: sentence(lint.summary),
        },
        full_description: Text { text: what_it_does },
        help: MarkdownText {
            text: lint.documentation.to_string(),
            markdown: lint.documentation.to_string(),
        },
        default_configuration: Configuration {
            level: sarif_level(lint.default_level),
            enabled: lint.default_level != Level::Allow,
        },
        properties: RuleProperties { tags: ["privacy"] },
    }
}

fn result(files: &SourceFiles, finding: &Finding) -> SarifResult {
    // The message, then the suggested fix and the caveats, as sentences: viewers show only
    // this text beside the code.
    let mut message = capitalised(&sentence(&finding.message));
    for extra in finding.help.iter().chain(&finding.notes) {
        message.push(' ');
        message.push_str(&capitalised(&sentence(extra)));
    }
    let related_locations = finding
        .source
        .iter()
        .map(|source| SarifLocation {
            id: Some(1),
            physical_location: physical_location(files, source.location),
            message: Some(Text {
                text: format!(
                    "personal data ({}) from {}",
                    source.categories.join(", "),
                    source.description
                ),
            }),
        })
        .collect();
    let mut steps: Vec<ThreadFlowLocation> = finding
        .flow
        .iter()
        .map(|step| flow_location(files, step.location, &step.description))
        .collect();
    let code_flows = if steps.is_empty() {
        Vec::new()
    } else {
        // The flow ends where the data leaves: at the sink, the finding's primary location.
        steps.push(flow_location(files, finding.location, &finding.label));
        vec![CodeFlow {
            thread_flows: [ThreadFlow { locations: steps }],
        }]
    };
    SarifResult {
        rule_id: finding.lint,
        rule_index: lints::ALL.iter().position(|lint| lint.name == finding.lint),
        level: sarif_level(finding.level),
        message: Text { text: message },
        locations: [SarifLocation {
            id: None,
            physical_location: physical_location(files, finding.location),
            message: None,
        }],
        partial_fingerprints: BTreeMap::from([(FINGERPRINT_KEY, finding.fingerprint())]),
        code_flows,
        related_locations,
    }
}

fn flow_location(files: &SourceFiles, location: Location, description: &str) -> ThreadFlowLocation {
    ThreadFlowLocation {
        location: SarifLocation {
            id: None,
            physical_location: physical_location(files, location),
            message: Some(Text {
                text: description.to_string(),
            }),
        },
    }
}

fn physical_location(files: &SourceFiles, location: Location) -> PhysicalLocation {
    let display_path = &files.get(location.file).display_path;
    PhysicalLocation {
        artifact_location: artifact_location(display_path),
        region: Region {
            start_line: location.line,
            start_column: location.column,
            end_line: location.end_line,
            // A region ends where it starts at the earliest; SARIF rejects less.
            end_column: if location.end_line == location.line {
                location.end_column.max(location.column)
            } else {
                location.end_column
            },
        },
    }
}

/// A relative path becomes a URI under `%SRCROOT%`; a path outside the current directory
/// (shown absolute) becomes a `file:` URI of its own.
fn artifact_location(display_path: &str) -> ArtifactLocation {
    let path = Path::new(display_path);
    if path.is_absolute() {
        return ArtifactLocation {
            uri: file_uri(path),
            uri_base_id: None,
        };
    }
    ArtifactLocation {
        uri: encode_path(&slashed(path)),
        uri_base_id: Some(SOURCE_ROOT),
    }
}

/// `file:///home/me/project/`: the directory as an absolute URI ending in a slash.
fn directory_uri(directory: &Path) -> Option<String> {
    if !directory.is_absolute() {
        return None;
    }
    let mut uri = file_uri(directory);
    if !uri.ends_with('/') {
        uri.push('/');
    }
    Some(uri)
}

fn file_uri(path: &Path) -> String {
    let slashed = slashed(path);
    // `C:/x` on Windows becomes `file:///C:/x`; `/x` elsewhere becomes `file:///x`.
    let rooted = if slashed.starts_with('/') {
        slashed
    } else {
        format!("/{slashed}")
    };
    format!("file://{}", encode_path(&rooted))
}

/// The path with `/` between its parts, whatever the platform writes.
fn slashed(path: &Path) -> String {
    let text = path.to_string_lossy();
    if std::path::MAIN_SEPARATOR == '\\' {
        text.replace('\\', "/")
    } else {
        text.into_owned()
    }
}

/// Percent-encodes everything in a path but unreserved characters (RFC 3986), `/`, and the
/// colon of a Windows drive letter.
fn encode_path(path: &str) -> String {
    let mut encoded = String::with_capacity(path.len());
    for (index, byte) in path.bytes().enumerate() {
        let is_drive_colon = byte == b':' && index == 2 && path.as_bytes()[0] == b'/';
        if byte.is_ascii_alphanumeric()
            || matches!(byte, b'-' | b'.' | b'_' | b'~' | b'/')
            || is_drive_colon
        {
            encoded.push(byte as char);
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    encoded
}

fn sarif_level(level: Level) -> &'static str {
    match level {
        Level::Deny => "error",
        Level::Warn => "warning",
        Level::Allow => "note",
    }
}

/// `unguarded_share` → `UnguardedShare`, SARIF's "friendly name" of a rule.
fn pascal_case(name: &str) -> String {
    name.split('_').map(capitalised).collect()
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// SARIF viewers show messages as sentences; our messages are lowercase fragments without a
/// full stop (the rustc convention), so each gets one here.
fn sentence(text: &str) -> String {
    let trimmed = text.trim_end();
    if trimmed.ends_with(['.', '!', '?']) {
        trimmed.to_string()
    } else {
        format!("{trimmed}.")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_are_encoded_under_the_source_root() {
        let location = artifact_location("src/my module/50%,odd:name.rs");
        assert_eq!(location.uri, "src/my%20module/50%25%2Codd%3Aname.rs");
        assert_eq!(location.uri_base_id, Some(SOURCE_ROOT));
        let unicode = artifact_location("src/données.rs");
        assert_eq!(unicode.uri, "src/donn%C3%A9es.rs");
    }

    #[test]
    fn absolute_paths_become_file_uris() {
        let location = artifact_location("/tmp/elsewhere/lib.rs");
        assert_eq!(location.uri, "file:///tmp/elsewhere/lib.rs");
        assert_eq!(location.uri_base_id, None);
        assert_eq!(
            directory_uri(Path::new("/home/me/project")).as_deref(),
            Some("file:///home/me/project/")
        );
        assert_eq!(directory_uri(Path::new("relative")), None);
    }

    #[test]
    fn rule_names_and_sentences() {
        assert_eq!(pascal_case("unguarded_share"), "UnguardedShare");
        assert_eq!(pascal_case("parse_error"), "ParseError");
        assert_eq!(sentence("a fragment"), "a fragment.");
        assert_eq!(sentence("did you mean `x`?"), "did you mean `x`?");
        assert_eq!(capitalised("check it"), "Check it");
    }
}
