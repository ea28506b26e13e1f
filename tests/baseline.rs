//! Baselines end to end: `--write-baseline FILE` stores today's findings, `--baseline FILE`
//! then reports and fails only on new ones, survives edits that move code, and says when
//! entries no longer match anything.

mod support;

use serde_json::Value;
use support::*;

/// A package with two leaks in two fns, `first` and `second`.
fn two_leaks() -> Project {
    let project = Project::package("two");
    project.file("src/lib.rs", with_second_leak(&leaking_module("first")));
    project
}

fn with_second_leak(source: &str) -> String {
    format!("{source}\npub fn second() {{\n    send(phone_number());\n}}\n")
}

fn fingerprints(run: &Run) -> Vec<String> {
    run.json()["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|finding| {
            finding["fingerprint"]
                .as_str()
                .expect("a fingerprint")
                .to_string()
        })
        .collect()
}

#[test]
fn a_written_baseline_is_sorted_readable_and_accepts_todays_findings() {
    let project = two_leaks();
    let before = project.run(&["check", "--format", "json"]);
    before.assert_code(1);
    let mut expected_fingerprints = fingerprints(&before);
    assert_eq!(expected_fingerprints.len(), 2);
    expected_fingerprints.sort();

    let written = project.run(&["check", "--write-baseline", "consent-baseline.json"]);
    written.assert_code(0);
    assert!(
        written
            .stderr
            .contains("wrote 2 findings to the baseline `consent-baseline.json`"),
        "{}",
        written.stderr
    );
    assert!(
        written.stdout.contains("0 errors"),
        "what the baseline holds is accepted, so nothing is new:\n{}",
        written.stdout
    );

    let text = project.read("consent-baseline.json");
    let message = "personal data (`contact.phone_number`) shared with `x` for `analytics` \
                   without a consent check";
    let entry = |fingerprint: &str| {
        format!(
            "    {{\n      \"fingerprint\": \"{fingerprint}\",\n      \"lint\": \"unguarded_share\",\n      \
             \"file\": \"src/lib.rs\",\n      \"message\": \"{}\"\n    }}",
            message
        )
    };
    let expected = format!(
        "{{\n  \"version\": 1,\n  \"tool\": \"cargo-consent\",\n  \"findings\": [\n{},\n{}\n  ]\n}}\n",
        entry(&expected_fingerprints[0]),
        entry(&expected_fingerprints[1])
    );
    assert_eq!(text, expected);

    // Writing again gives the same bytes.
    project
        .run(&["check", "--write-baseline", "again.json"])
        .assert_code(0);
    assert_eq!(project.read("again.json"), text);

    for format in ["json", "human"] {
        let run = project.run(&[
            "check",
            "--format",
            format,
            "--baseline",
            "consent-baseline.json",
        ]);
        run.assert_code(0);
        assert!(!run.stdout.contains("unguarded_share"), "{}", run.stdout);
    }
    let run = project.run(&[
        "check",
        "--format",
        "json",
        "--baseline",
        "consent-baseline.json",
    ]);
    assert!(fingerprints(&run).is_empty());
    assert_eq!(
        run.notes(),
        ["2 known findings in the baseline `consent-baseline.json` not shown"]
    );
}

#[test]
fn only_new_findings_are_reported_and_fail_the_run() {
    let project = Project::package("grows");
    project.file("src/lib.rs", leaking_module("first"));
    project
        .run(&["check", "--write-baseline", "baseline.json"])
        .assert_code(0);
    project.file("src/lib.rs", with_second_leak(&leaking_module("first")));
    let run = project.run(&["check", "--format", "json", "--baseline", "baseline.json"]);
    run.assert_code(1);
    let document = run.json();
    let findings = document["findings"].as_array().expect("findings");
    assert_eq!(findings.len(), 1, "{}", run.stdout);
    assert_eq!(findings[0]["enclosing_item"], "grows::second");
    assert_eq!(findings[0]["line"], 14);
}

#[test]
fn moving_code_keeps_the_baseline_valid() {
    let project = two_leaks();
    project
        .run(&["check", "--write-baseline", "baseline.json"])
        .assert_code(0);
    let lines_before = project.run(&["check", "--format", "json"]).json()["findings"][0]["line"]
        .as_u64()
        .expect("a line");
    project.file(
        "src/lib.rs",
        format!(
            "//! Docs and a new fn above everything.\n\npub fn unrelated() -> u32 {{\n    1\n}}\n\n{}",
            with_second_leak(&leaking_module("first"))
        ),
    );
    let moved = project.run(&["check", "--format", "json"]);
    assert_eq!(
        moved.json()["findings"][0]["line"].as_u64(),
        Some(lines_before + 6),
        "the findings moved down"
    );
    let run = project.run(&["check", "--format", "json", "--baseline", "baseline.json"]);
    run.assert_code(0);
    assert!(fingerprints(&run).is_empty(), "{}", run.stdout);
    assert_eq!(
        run.notes(),
        ["2 known findings in the baseline `baseline.json` not shown"],
        "no entry went stale"
    );
}

#[test]
fn entries_that_no_longer_match_are_a_note_not_a_failure() {
    let project = two_leaks();
    project
        .run(&["check", "--write-baseline", "baseline.json"])
        .assert_code(0);
    // Both leaks fixed.
    project.file("src/lib.rs", guarded_module("first"));
    let run = project.run(&["check", "--format", "json", "--baseline", "baseline.json"]);
    run.assert_code(0);
    assert_eq!(
        run.notes(),
        ["2 baseline entries no longer match; regenerate with --write-baseline"]
    );
    let human = project.run(&["check", "--color", "never", "--baseline", "baseline.json"]);
    human.assert_code(0);
    assert!(
        human
            .stdout
            .contains("note: 2 baseline entries no longer match; regenerate with --write-baseline"),
        "{}",
        human.stdout
    );
}

#[test]
fn the_same_leak_twice_in_one_fn_needs_two_entries() {
    // Both calls have the same fingerprint (same lint, fn, sink and source): the baseline
    // counts them, so a third copy is new.
    let twice = "pub fn twice() {\n    send(phone_number());\n    send(phone_number());\n}\n";
    let project = Project::package("copies");
    project.file(
        "src/lib.rs",
        format!("{}\n{twice}", leaking_module("first")),
    );
    project
        .run(&["check", "--write-baseline", "baseline.json"])
        .assert_code(0);
    let baseline: Value =
        serde_json::from_str(&project.read("baseline.json")).expect("the baseline is JSON");
    assert_eq!(baseline["findings"].as_array().map(Vec::len), Some(3));

    let thrice = "pub fn twice() {\n    send(phone_number());\n    send(phone_number());\n    \
                  send(phone_number());\n}\n";
    project.file(
        "src/lib.rs",
        format!("{}\n{thrice}", leaking_module("first")),
    );
    let run = project.run(&["check", "--format", "json", "--baseline", "baseline.json"]);
    run.assert_code(1);
    assert_eq!(fingerprints(&run).len(), 1, "{}", run.stdout);
}

#[test]
fn every_format_applies_the_baseline_and_shows_its_notes() {
    let project = two_leaks();
    project
        .run(&["check", "--write-baseline", "baseline.json"])
        .assert_code(0);
    // One leak fixed (a stale entry), one new leak in a new fn.
    project.file(
        "src/lib.rs",
        format!(
            "{}\npub fn third() {{\n    send(phone_number());\n}}\n",
            with_second_leak(&guarded_module("first"))
        ),
    );
    let stale = "1 baseline entry no longer matches; regenerate with --write-baseline";
    let known = "1 known finding in the baseline `baseline.json` not shown";

    let json = project.run(&["check", "--format", "json", "--baseline", "baseline.json"]);
    json.assert_code(1);
    let document = json.json();
    let findings = document["findings"].as_array().expect("findings");
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0]["enclosing_item"], "two::third");
    assert_eq!(json.notes(), [known, stale]);

    let sarif = project.run(&["check", "--format", "sarif", "--baseline", "baseline.json"]);
    sarif.assert_code(1);
    let log = sarif.json();
    assert_eq!(log["runs"][0]["results"].as_array().map(Vec::len), Some(1));
    let notifications: Vec<&str> = log["runs"][0]["invocations"][0]["toolExecutionNotifications"]
        .as_array()
        .expect("notifications")
        .iter()
        .map(|notification| notification["message"]["text"].as_str().expect("text"))
        .collect();
    assert_eq!(notifications, [format!("{known}."), format!("{stale}.")]);

    let github = project.run(&["check", "--format", "github", "--baseline", "baseline.json"]);
    github.assert_code(1);
    let lines: Vec<&str> = github.stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{}", github.stdout);
    assert!(lines[0].starts_with("::error file=src/lib.rs,line="));
    assert_eq!(lines[1], format!("::notice title=cargo-consent::{known}"));
    assert_eq!(lines[2], format!("::notice title=cargo-consent::{stale}"));

    let cargo = project.run(&[
        "check",
        "--format",
        "cargo-json",
        "--baseline",
        "baseline.json",
    ]);
    cargo.assert_code(1);
    assert_eq!(
        cargo.stdout.lines().count(),
        2,
        "one message, then build-finished"
    );
    assert_eq!(cargo.stderr, format!("note: {known}\nnote: {stale}\n"));
}

#[test]
fn a_missing_or_malformed_baseline_exits_2_before_scanning() {
    let project = Project::leaking_package();
    project
        .file("not-json.json", "{ this is not json")
        .file(
            "wrong-shape.json",
            "{\"version\": 1, \"findings\": [{\"lint\": \"x\"}]}",
        )
        .file("future.json", "{\"version\": 2, \"findings\": []}");
    let cases = [
        ("missing.json", "cannot read the baseline `missing.json`"),
        (
            "not-json.json",
            "`not-json.json` is not a cargo-consent baseline",
        ),
        ("wrong-shape.json", "missing field `fingerprint`"),
        (
            "future.json",
            "the baseline `future.json` has version 2; this cargo-consent reads version 1",
        ),
    ];
    for (file, message) in cases {
        let run = project.run(&["check", "--format", "json", "--baseline", file]);
        run.assert_code(2);
        assert!(run.stdout.is_empty(), "{}", run.stdout);
        // The error is rendered by miette, wrapped at the terminal width with `|` gutters.
        let words: Vec<&str> = run
            .stderr
            .split_whitespace()
            .filter(|word| *word != "|")
            .collect();
        assert!(words.join(" ").contains(message), "{file}: {}", run.stderr);
        assert!(run.stderr.contains("--write-baseline"), "{}", run.stderr);
    }
    let both = project.run(&[
        "check",
        "--baseline",
        "a.json",
        "--write-baseline",
        "b.json",
    ]);
    both.assert_code(2);
    assert!(
        both.stderr.contains("cannot be used with"),
        "{}",
        both.stderr
    );
}
