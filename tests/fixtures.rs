//! Runs the built binary on every crate in `test-crates/` and compares its findings with the
//! `//~ lint_name` markers beside the code (clippy's UI-test convention). Any missing or extra
//! finding fails. Crates with a `consent.stdout` file also have their human output compared
//! with it; run with `BLESS=1` to rewrite those files after an intended change.
//!
//! Like rustc's UI tests, a fixture may have revisions: runs with extra arguments, declared in
//! its Cargo.toml as `[package.metadata.consent-test.revisions] name = ["--features", "x"]`.
//! `//~[a,b] lint` expects the finding in revisions `a` and `b` only; `//~ lint` in all.

use std::collections::BTreeSet;
use std::path::Path;

mod support;
use support::{consent, fixture_crates, relative, repository_root, Run};

type Expectation = (String, u32, String);

/// The `//~ lint ...` markers of every `.rs` file of a fixture crate that apply to `revision`.
fn expected_findings(crate_dir: &Path, revision: &str) -> BTreeSet<Expectation> {
    let mut expected = BTreeSet::new();
    for entry in walkdir::WalkDir::new(crate_dir).sort_by_file_name() {
        let entry = entry.expect("fixture files are readable");
        if entry.path().extension().is_none_or(|ext| ext != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).expect("fixture files are UTF-8");
        for (index, line) in text.lines().enumerate() {
            // Markers follow code; a comment line that mentions one is documentation.
            if line.trim_start().starts_with("//") {
                continue;
            }
            let Some((_, marker)) = line.split_once("//~") else {
                continue;
            };
            let lints = match marker.strip_prefix('[') {
                Some(rest) => {
                    let (names, lints) = rest.split_once(']').expect("revision markers close");
                    if !names.split(',').any(|name| name.trim() == revision) {
                        continue;
                    }
                    lints
                }
                None => marker,
            };
            for lint in lints.split_whitespace() {
                expected.insert((relative(entry.path()), index as u32 + 1, lint.to_string()));
            }
        }
    }
    expected
}

fn run_tool(args: &[&str]) -> Run {
    consent(&repository_root(), args)
}

/// The findings of one run, its exit status, and whether any finding is at `deny` level.
fn actual_findings(crate_dir: &Path, extra_args: &[String]) -> (BTreeSet<Expectation>, i32, bool) {
    let path = relative(crate_dir);
    let mut args = vec!["check", "--format", "json", &path];
    args.extend(extra_args.iter().map(String::as_str));
    let run = run_tool(&args);
    let document = run.json();
    let findings = document["findings"]
        .as_array()
        .expect("findings is an array");
    let actual = findings
        .iter()
        .map(|finding| {
            (
                finding["file"].as_str().unwrap_or_default().to_string(),
                finding["line"].as_u64().unwrap_or_default() as u32,
                finding["lint"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    let denied = findings.iter().any(|finding| finding["level"] == "deny");
    (actual, run.code, denied)
}

#[test]
fn every_fixture_reports_exactly_its_marked_findings() {
    let crates = fixture_crates();
    assert!(!crates.is_empty(), "no fixture crates found");
    let mut failures = Vec::new();
    for crate_dir in &crates {
        for (revision, args) in support::fixture_revisions(crate_dir) {
            let expected = expected_findings(crate_dir, &revision);
            let (actual, exit_code, denied) = actual_findings(crate_dir, &args);
            let shown = if revision.is_empty() {
                String::new()
            } else {
                format!("[{revision}] ")
            };
            for missing in expected.difference(&actual) {
                failures.push(format!(
                    "{shown}missing: {}:{} {}",
                    missing.0, missing.1, missing.2
                ));
            }
            for extra in actual.difference(&expected) {
                failures.push(format!(
                    "{shown}unexpected: {}:{} {}",
                    extra.0, extra.1, extra.2
                ));
            }
            // SPEC §7: 1 exactly when something is reported at `deny` level.
            let expected_exit = i32::from(denied);
            if exit_code != expected_exit {
                failures.push(format!(
                    "{shown}{}: exit status {exit_code}, expected {expected_exit}",
                    relative(crate_dir)
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "fixture mismatches:\n{}",
        failures.join("\n")
    );
}

#[test]
fn human_output_matches_the_snapshots() {
    let bless = std::env::var_os("BLESS").is_some();
    for crate_dir in fixture_crates() {
        let snapshot = crate_dir.join("consent.stdout");
        if !snapshot.is_file() && !bless {
            continue;
        }
        let rendered = run_tool(&["check", "--color", "never", &relative(&crate_dir)]).stdout;
        assert!(!rendered.contains('\u{FFFD}'), "human output is UTF-8");
        if bless {
            std::fs::write(&snapshot, &rendered).expect("snapshot is writable");
            continue;
        }
        let expected = std::fs::read_to_string(&snapshot).expect("snapshot is readable");
        assert_eq!(
            rendered,
            expected,
            "human output of {} changed; run with BLESS=1 to accept",
            relative(&crate_dir)
        );
    }
}

/// Scanning the fixtures' workspace at once finds what scanning each member alone finds:
/// nothing in one crate (a method of the same name, a config) changes another's results.
#[test]
fn the_fixture_workspace_scanned_whole_finds_what_its_members_find() {
    let manifest = std::fs::read_to_string(repository_root().join("test-crates/Cargo.toml"))
        .expect("the fixture workspace manifest is readable");
    let table: toml::Table = manifest.parse().expect("the manifest parses");
    let members: Vec<&str> = table["workspace"]["members"]
        .as_array()
        .expect("members is an array")
        .iter()
        .filter_map(toml::Value::as_str)
        .collect();
    let mut each = BTreeSet::new();
    for member in &members {
        let (found, _, _) =
            actual_findings(&repository_root().join("test-crates").join(member), &[]);
        each.extend(found);
    }
    let (whole, _, _) = actual_findings(&repository_root().join("test-crates"), &[]);
    let only_whole: Vec<_> = whole.difference(&each).collect();
    let only_each: Vec<_> = each.difference(&whole).collect();
    assert!(
        only_whole.is_empty() && only_each.is_empty(),
        "only in the whole scan: {only_whole:?}\nonly in the members' scans: {only_each:?}"
    );
}
