//! Propagation rules, one small program each, checked in process through the public `scan`
//! (no binary is spawned): `check(fixture, expect![[...]])` as rust-analyzer tests its
//! analyses. A fixture is one or more files in rust-analyzer's multi-file style:
//!
//! ```text
//! //- /src/lib.rs
//! fn main() {}
//! //- /consent.toml
//! [[sink]] ...
//! ```
//!
//! (a fixture with no `//-` line is `src/lib.rs`; a `Cargo.toml` naming the package `demo` is
//! added unless the fixture has one). `check` compares the findings, one per line as
//! `lint file:line message`; `check_dump` compares what the hidden `check --dump` prints (the
//! summaries after propagation and the solved cells), then the findings. `UPDATE_EXPECT=1
//! cargo test --test propagation` rewrites the expectations in place: read the diff, since an
//! expectation is only worth what its reader checked.

use std::path::Path;

use cargo_consent::propagate::dump::DumpParts;
use cargo_consent::{scan, ScanReport, ScanRequest};
use expect_test::{expect, Expect};

/// The files of a fixture: (path below the package, text).
fn fixture_files(fixture: &str) -> Vec<(String, String)> {
    let fixture = fixture.trim_start_matches('\n');
    if !fixture.trim_start().starts_with("//- ") {
        return vec![("src/lib.rs".to_string(), fixture.to_string())];
    }
    let mut files: Vec<(String, String)> = Vec::new();
    for line in fixture.lines() {
        if let Some(path) = line.trim_start().strip_prefix("//- ") {
            let path = path.trim().trim_start_matches('/').to_string();
            files.push((path, String::new()));
        } else if let Some((_, text)) = files.last_mut() {
            text.push_str(line);
            text.push('\n');
        }
    }
    files
}

/// Writes the fixture as a package in a fresh directory and scans it, asking for `dump`.
fn scan_fixture(fixture: &str, dump: Option<DumpParts>) -> (ScanReport, String) {
    let directory = tempfile::tempdir().expect("a temporary directory");
    let root = directory
        .path()
        .canonicalize()
        .expect("the temporary directory exists");
    let mut files = fixture_files(fixture);
    if !files.iter().any(|(path, _)| path == "Cargo.toml") {
        files.push((
            "Cargo.toml".to_string(),
            "[package]\nname = \"demo\"\nversion = \"0.1.0\"\nedition = \"2021\"\n".to_string(),
        ));
    }
    for (path, text) in &files {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().expect("a file has a directory"))
            .expect("the fixture's directories can be made");
        std::fs::write(&path, text).expect("the fixture's files can be written");
    }
    let request = ScanRequest {
        paths: vec![root.clone()],
        dump,
        ..ScanRequest::default()
    };
    let report = scan(&request).expect("the fixture can be scanned");
    (report, prefix_of(&root))
}

/// What the scan prints before a path below `root`: paths outside the working directory
/// are shown in full.
fn prefix_of(root: &Path) -> String {
    format!("{}/", root.display())
}

fn findings(report: &ScanReport, prefix: &str) -> String {
    let mut out = String::new();
    for finding in &report.findings {
        let file = &report.files.get(finding.location.file).display_path;
        out.push_str(&format!(
            "{} {}:{} {}\n",
            finding.lint, file, finding.location.line, finding.message
        ));
    }
    for note in &report.notes {
        out.push_str(&format!("note: {note}\n"));
    }
    out.replace(prefix, "")
}

/// The findings of a scan of `fixture`.
fn check(fixture: &str, expect: Expect) {
    let (report, prefix) = scan_fixture(fixture, None);
    expect.assert_eq(&findings(&report, &prefix));
}

/// The summaries and cells of a scan of `fixture`, then its findings.
fn check_dump(fixture: &str, expect: Expect) {
    let parts = DumpParts {
        summaries: true,
        cells: true,
        ..DumpParts::default()
    };
    let (report, prefix) = scan_fixture(fixture, Some(parts));
    let dump = report.dump.clone().expect("the scan was asked for a dump");
    let text = format!(
        "{}== findings ==\n{}",
        dump.replace(&prefix, ""),
        findings(&report, &prefix)
    );
    expect.assert_eq(&text);
}

/// Source and sink of the fixtures below, prepended to each: a phone number, an analytics
/// vendor and a consent check for analytics, one for ads.
const PRELUDE: &str = r#"
#[consent::personal(contact.phone_number)]
pub fn phone() -> String { String::from("+15555550100") }
#[consent::shares(with = "vendor", purpose = "analytics")]
pub fn track(_: &str) {}
#[consent::check(purpose = "analytics")]
pub fn analytics_allowed() -> bool { false }
#[consent::check(purpose = "ads")]
pub fn ads_allowed() -> bool { false }
"#;

/// `code` after the prelude, as `src/lib.rs`.
fn with_prelude(code: &str) -> String {
    format!("{PRELUDE}{code}")
}

#[test]
fn a_source_passed_straight_to_a_sink_is_a_finding() {
    check(
        &with_prelude(
            r#"
pub fn run() {
    track(&phone());
}
"#,
        ),
        expect![[r#"
            unguarded_share src/lib.rs:11 personal data (`contact.phone_number`) shared with `vendor` for `analytics` without a consent check
        "#]],
    );
}
