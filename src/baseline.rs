//! Baselines: the findings a project has accepted for now, so that a CI gate fails only on new
//! ones (`--write-baseline FILE`, then `--baseline FILE`).
//!
//! A baseline is a small versioned JSON file listing each finding's [`Finding::fingerprint`],
//! which comes from the lint, the enclosing item, the sink and the data's origin, never from
//! line numbers, so edits that only move code keep it valid. The lint, file and message beside
//! each fingerprint are for people reading the file; matching uses the fingerprint alone. Copies
//! of one leak in one fn are numbered into distinct fingerprints, so a second copy of an
//! accepted leak is still new; a fingerprint listed twice (a baseline written before they were
//! numbered) accepts two findings with it.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::finding::Finding;
use crate::report::ScanReport;

/// The version of the file format; a file of another version is refused, not guessed at.
pub const BASELINE_VERSION: u32 = 1;

/// One accepted finding.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct BaselineEntry {
    pub fingerprint: String,
    #[serde(default)]
    pub lint: String,
    #[serde(default)]
    pub file: String,
    #[serde(default)]
    pub message: String,
}

#[derive(Serialize, Deserialize)]
struct BaselineFile {
    version: u32,
    #[serde(default)]
    tool: String,
    findings: Vec<BaselineEntry>,
}

/// The accepted findings, sorted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Baseline {
    entries: Vec<BaselineEntry>,
}

/// What applying a baseline to a report did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Applied {
    /// Findings the baseline accepted, now removed from the report.
    pub known: usize,
    /// Baseline entries that matched no finding: fixed, or changed beyond recognition.
    pub stale: usize,
}

/// A baseline file that cannot be used: the tool cannot do its job (exit status 2).
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum BaselineError {
    #[error("cannot read the baseline `{path}`")]
    #[diagnostic(
        code(cargo_consent::baseline),
        help("write one with `cargo consent --write-baseline {path}`")
    )]
    Unreadable {
        path: String,
        source: std::io::Error,
    },
    #[error("`{path}` is not a cargo-consent baseline: {reason}")]
    #[diagnostic(
        code(cargo_consent::baseline),
        help("regenerate it with `cargo consent --write-baseline {path}`")
    )]
    Malformed { path: String, reason: String },
    #[error("the baseline `{path}` has version {found}; this cargo-consent reads version {BASELINE_VERSION}")]
    #[diagnostic(
        code(cargo_consent::baseline),
        help("regenerate it with `cargo consent --write-baseline {path}`")
    )]
    UnknownVersion { path: String, found: u32 },
    #[error("cannot write the baseline `{path}`")]
    #[diagnostic(code(cargo_consent::baseline))]
    Unwritable {
        path: String,
        source: std::io::Error,
    },
}

impl Baseline {
    /// Every finding of a report.
    pub fn of_report(report: &ScanReport) -> Baseline {
        let mut entries: Vec<BaselineEntry> = report
            .findings
            .iter()
            .map(|finding| BaselineEntry {
                fingerprint: finding.fingerprint(),
                lint: finding.lint.to_string(),
                file: report.files.get(finding.location.file).display_path.clone(),
                message: finding.message.clone(),
            })
            .collect();
        entries.sort();
        Baseline { entries }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn entries(&self) -> &[BaselineEntry] {
        &self.entries
    }

    pub fn load(path: &Path) -> Result<Baseline, BaselineError> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| BaselineError::Unreadable {
            path: shown.clone(),
            source,
        })?;
        Baseline::parse(&text).map_err(|error| match error {
            ParseError::Version(found) => BaselineError::UnknownVersion { path: shown, found },
            ParseError::Json(reason) => BaselineError::Malformed {
                path: shown,
                reason,
            },
        })
    }

    fn parse(text: &str) -> Result<Baseline, ParseError> {
        // The version is read first, so that a future format is named as such, not as garbage.
        #[derive(Deserialize)]
        struct VersionOnly {
            version: u32,
        }
        let version: VersionOnly =
            serde_json::from_str(text).map_err(|error| ParseError::Json(error.to_string()))?;
        if version.version != BASELINE_VERSION {
            return Err(ParseError::Version(version.version));
        }
        let file: BaselineFile =
            serde_json::from_str(text).map_err(|error| ParseError::Json(error.to_string()))?;
        let mut entries = file.findings;
        entries.sort();
        Ok(Baseline { entries })
    }

    /// The file's text: pretty JSON, entries sorted, so that it diffs well in review.
    pub fn to_json(&self) -> String {
        let file = BaselineFile {
            version: BASELINE_VERSION,
            tool: env!("CARGO_PKG_NAME").to_string(),
            findings: self.entries.clone(),
        };
        let mut text = serde_json::to_string_pretty(&file).unwrap_or_default();
        text.push('\n');
        text
    }

    pub fn save(&self, path: &Path) -> Result<(), BaselineError> {
        std::fs::write(path, self.to_json()).map_err(|source| BaselineError::Unwritable {
            path: path.display().to_string(),
            source,
        })
    }

    /// Removes the findings this baseline accepts from `findings`, each entry accepting at
    /// most one finding, and counts the entries left over.
    pub fn apply(&self, findings: &mut Vec<Finding>) -> Applied {
        let mut unused: BTreeMap<&str, usize> = BTreeMap::new();
        for entry in &self.entries {
            *unused.entry(entry.fingerprint.as_str()).or_default() += 1;
        }
        let before = findings.len();
        findings.retain(
            |finding| match unused.get_mut(finding.fingerprint().as_str()) {
                Some(count) if *count > 0 => {
                    *count -= 1;
                    false
                }
                _ => true,
            },
        );
        Applied {
            known: before - findings.len(),
            stale: unused.values().sum(),
        }
    }
}

enum ParseError {
    Version(u32),
    Json(String),
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{FileId, Location};

    fn finding(enclosing_item: &str) -> Finding {
        Finding {
            lint: "unguarded_share",
            level: crate::finding::Level::Deny,
            message: format!("leak in {enclosing_item}"),
            location: Location {
                file: FileId(0),
                start: 0,
                end: 1,
                line: 1,
                column: 1,
                end_line: 1,
                end_column: 2,
            },
            label: String::new(),
            source: None,
            sink: None,
            flow: Vec::new(),
            help: None,
            notes: Vec::new(),
            enclosing_item: enclosing_item.to_string(),
            twin: 0,
        }
    }

    fn entry(finding: &Finding) -> BaselineEntry {
        BaselineEntry {
            fingerprint: finding.fingerprint(),
            lint: finding.lint.to_string(),
            file: "src/lib.rs".to_string(),
            message: finding.message.clone(),
        }
    }

    #[test]
    fn each_entry_accepts_one_finding_and_leftovers_are_stale() {
        let known = finding("app::known");
        let gone = finding("app::fixed");
        let baseline = Baseline {
            entries: vec![entry(&known), entry(&gone)],
        };
        let mut findings = vec![known.clone(), known.clone(), finding("app::new")];
        let applied = baseline.apply(&mut findings);
        assert_eq!(applied, Applied { known: 1, stale: 1 });
        let left: Vec<&str> = findings
            .iter()
            .map(|finding| finding.enclosing_item.as_str())
            .collect();
        assert_eq!(left, ["app::known", "app::new"]);
    }

    #[test]
    fn the_file_round_trips_and_is_sorted() {
        let baseline = Baseline {
            entries: vec![entry(&finding("b")), entry(&finding("a"))],
        };
        let text = baseline.to_json();
        let parsed = Baseline::parse(&text)
            .ok()
            .expect("a written baseline parses");
        assert_eq!(parsed.len(), 2);
        let mut sorted = baseline.entries.clone();
        sorted.sort();
        assert_eq!(parsed.entries, sorted);
        assert!(text.starts_with("{\n  \"version\": 1,\n  \"tool\": \"cargo-consent\",\n"));
    }

    #[test]
    fn other_versions_and_garbage_are_refused() {
        assert!(matches!(
            Baseline::parse(r#"{"version": 2, "findings": []}"#),
            Err(ParseError::Version(2))
        ));
        assert!(matches!(
            Baseline::parse("not json"),
            Err(ParseError::Json(_))
        ));
        assert!(matches!(
            Baseline::parse(r#"{"version": 1}"#),
            Err(ParseError::Json(_))
        ));
        assert!(matches!(
            Baseline::parse(r#"{"version": 1, "findings": [{"lint": "x"}]}"#),
            Err(ParseError::Json(_))
        ));
    }
}
