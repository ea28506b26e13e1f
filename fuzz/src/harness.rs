//! The fuzz harness: writes a package from fuzzer input, scans it with the whole pipeline and
//! renders every report format, and panics when an invariant of the output breaks.
//!
//! Shared by the fuzz targets (`fuzz/fuzz_targets/`) and the regression test
//! (`tests/fuzz_regressions.rs`, which includes this file), so a crash input replays in
//! `cargo test` exactly as the fuzzer ran it. Only std, `serde_json` and `cargo_consent`.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use cargo_consent::finding::Level;
use cargo_consent::lints::{self, LintLevels};
use cargo_consent::report::{self, Format, HumanOptions};
use cargo_consent::{ScanReport, ScanRequest};

/// A line `//@ PATH` starts the file PATH (relative to the package); text before the first
/// marker is `src/lib.rs`. One byte string can so hold a whole package, and the seed corpus
/// is the fixture crates written out this way.
pub const FILE_MARKER: &str = "//@ ";

/// What the fuzzer scans: a package's files (manifest and `consent.toml` included, when given)
/// and the flags of the run.
#[derive(Debug, Clone, Default)]
pub struct Package {
    pub files: Vec<(String, Vec<u8>)>,
    pub flags: Flags,
}

/// The command-line choices a run makes.
#[derive(Debug, Clone, Copy, Default)]
pub struct Flags {
    pub include_tests: bool,
    pub no_catalog: bool,
    /// `possible_personal_data` at `warn`: every fn is walked.
    pub suspect_names: bool,
    /// `--all-features` instead of every cfg branch.
    pub all_features: bool,
}

impl Package {
    /// Splits fuzzer bytes at `//@ PATH` lines. A marker naming no safe relative path is text.
    pub fn from_bytes(bytes: &[u8], flags: Flags) -> Package {
        let mut files: Vec<(String, Vec<u8>)> = vec![("src/lib.rs".to_string(), Vec::new())];
        for line in bytes.split_inclusive(|&byte| byte == b'\n') {
            let marked = line
                .strip_prefix(FILE_MARKER.as_bytes())
                .and_then(|rest| std::str::from_utf8(rest).ok())
                .map(str::trim)
                .filter(|path| is_safe_relative_path(path));
            match marked {
                Some(path) => match files.iter().position(|(known, _)| known == path) {
                    // A path given twice continues its file: the last file stays the one written.
                    Some(position) => {
                        let file = files.remove(position);
                        files.push(file);
                    }
                    None => files.push((path.to_string(), Vec::new())),
                },
                None => {
                    if let Some((_, text)) = files.last_mut() {
                        text.extend_from_slice(line);
                    }
                }
            }
        }
        Package { files, flags }
    }
}

/// Letters, digits, `_`, `-`, `.` and `/` only, no `..`, no absolute path, at most four
/// levels: the fuzzer may name files, never places outside its directory.
fn is_safe_relative_path(path: &str) -> bool {
    !path.is_empty()
        && path.len() <= 64
        && !path.starts_with('/')
        && path.split('/').count() <= 4
        && path
            .split('/')
            .all(|segment| !segment.is_empty() && segment != "." && segment != "..")
        && path
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || b"_-./".contains(&byte))
}

/// A directory of this process's own (parallel fuzzing runs one process per job).
fn work_directory() -> PathBuf {
    std::env::temp_dir().join(format!("cargo-consent-fuzz-{}", std::process::id()))
}

/// Writes the package, scans it, renders every format and checks the output. Panics (which
/// the fuzzer reports as a crash) when an invariant breaks.
pub fn run(package: &Package) {
    let directory = work_directory();
    let _ = std::fs::remove_dir_all(&directory);
    write_package(&directory, package);
    let request = request(&directory, package.flags);
    match cargo_consent::scan(&request) {
        Ok(report) => check_report(&report),
        // Bad input the tool rejects as a whole (a broken manifest or config): its message
        // must render.
        Err(error) => {
            let message = error.to_string();
            assert!(!message.is_empty(), "an empty error message");
            let _ = format!("{error:?}");
        }
    }
    let _ = std::fs::remove_dir_all(&directory);
}

fn write_package(directory: &Path, package: &Package) {
    std::fs::create_dir_all(directory.join("src")).expect("cannot create the work directory");
    let has_manifest = package.files.iter().any(|(path, _)| path == "Cargo.toml");
    if !has_manifest {
        std::fs::write(
            directory.join("Cargo.toml"),
            "[package]\nname = \"fuzzed\"\nversion = \"0.1.0\"\nedition = \"2021\"\n",
        )
        .expect("cannot write the manifest");
    }
    for (path, text) in &package.files {
        let target = directory.join(path);
        if let Some(parent) = target.parent() {
            // A file and a directory of one name: the later one loses, as on any disk.
            if std::fs::create_dir_all(parent).is_err() {
                continue;
            }
        }
        let _ = std::fs::write(&target, text);
    }
}

fn request(directory: &Path, flags: Flags) -> ScanRequest {
    let mut levels = LintLevels::default();
    if flags.suspect_names {
        levels.set(&lints::possible_personal_data::LINT, Level::Warn);
    }
    ScanRequest {
        paths: vec![directory.to_path_buf()],
        include_tests: flags.include_tests,
        features: flags
            .all_features
            .then(|| cargo_consent::discover::FeatureSelection {
                features: Vec::new(),
                all_features: true,
                no_default_features: false,
            }),
        levels,
        no_catalog: flags.no_catalog,
        ..ScanRequest::default()
    }
}

/// Every format renders, the machine formats are valid JSON, locations lie inside their
/// files, and no two findings share a fingerprint.
pub fn check_report(report: &ScanReport) {
    let human = HumanOptions {
        color: false,
        width: 100,
    };
    for format in [
        Format::Human,
        Format::Json,
        Format::Sarif,
        Format::Github,
        Format::CargoJson,
    ] {
        let mut out = Vec::new();
        report::write_report(report, format, human, &mut out)
            .unwrap_or_else(|error| panic!("{format:?} failed: {error}"));
        let text = String::from_utf8(out).expect("a report that is not UTF-8");
        match format {
            Format::Json | Format::Sarif => {
                serde_json::from_str::<serde_json::Value>(&text)
                    .unwrap_or_else(|error| panic!("{format:?} is not JSON: {error}"));
            }
            Format::CargoJson => {
                for line in text.lines() {
                    serde_json::from_str::<serde_json::Value>(line)
                        .unwrap_or_else(|error| panic!("cargo-json line is not JSON: {error}"));
                }
            }
            Format::Human | Format::Github => {}
        }
    }
    let mut fingerprints = HashSet::new();
    for finding in &report.findings {
        let file = report.files.get(finding.location.file);
        let length = file.text().len();
        for location in
            std::iter::once(&finding.location).chain(finding.flow.iter().map(|step| &step.location))
        {
            assert!(
                location.start <= location.end && location.end <= length,
                "a location outside its file: {location:?} in {} bytes",
                length
            );
            assert!(location.line >= 1 && location.column >= 1);
        }
        assert!(
            fingerprints.insert(finding.fingerprint()),
            "two findings share the fingerprint {}: {}",
            finding.fingerprint(),
            finding.message
        );
    }
}
