//! `cargo consent map`: every format on every fixture crate, the exact output of each format on
//! the messenger and telemetry-cli examples (snapshots in `tests/snapshots/map/`, rewritten by
//! `BLESS=1`), the map against `check` (one analysis), the declarations in no flow, `--compare`
//! after real edits, the command line's errors, and docs/map-schema.md against real output.
//! The outside tools (Graphviz, Chromium, fideslang) are driven by tests/map_tools.rs.

mod support;

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;
use support::*;

/// Each format with the extension of its snapshot.
const FORMATS: [(&str, &str); 6] = [
    ("markdown", "md"),
    ("json", "json"),
    ("csv", "csv"),
    ("dot", "dot"),
    ("html", "html"),
    ("fides", "fides.yml"),
];

fn map_of(directory: &Path, args: &[&str]) -> Run {
    let mut all = vec!["map"];
    all.extend_from_slice(args);
    consent(directory, &all)
}

fn map_json(directory: &Path, args: &[&str]) -> Value {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    let run = map_of(directory, &all);
    assert!(run.code == 0 || run.code == 1, "{run:?}");
    run.json()
}

fn array(value: &Value) -> &Vec<Value> {
    value
        .as_array()
        .unwrap_or_else(|| panic!("an array: {value}"))
}

fn string(value: &Value) -> &str {
    value
        .as_str()
        .unwrap_or_else(|| panic!("a string: {value}"))
}

// ---------------------------------------------------------------------------------------------
// Every format, every fixture; the exact output on two

#[test]
fn every_format_is_written_for_every_fixture_crate() {
    let root = repository_root();
    for crate_dir in fixture_crates() {
        let shown = relative(&crate_dir);
        for (format, _) in FORMATS {
            let run = map_of(&root, &["--format", format, &shown]);
            assert!(
                run.code == 0 || run.code == 1,
                "`map --format {format} {shown}` failed: {run:?}"
            );
            assert!(
                !run.stdout.is_empty(),
                "`map --format {format} {shown}` wrote nothing"
            );
            assert!(
                !run.stderr.contains("error"),
                "`map --format {format} {shown}`: {}",
                run.stderr
            );
        }
    }
}

#[test]
fn the_formats_of_the_two_examples_are_pinned() {
    let root = repository_root();
    let snapshots = root.join("tests/snapshots/map");
    let bless = std::env::var_os("BLESS").is_some();
    for example in ["messenger", "telemetry-cli"] {
        for (format, extension) in FORMATS {
            let run = map_of(
                &root,
                &["--format", format, &format!("test-crates/{example}")],
            );
            run.assert_code(1);
            let file = snapshots.join(format!("{example}.{extension}"));
            if bless {
                std::fs::create_dir_all(&snapshots).expect("the snapshot folder can be made");
                std::fs::write(&file, &run.stdout).expect("the snapshot can be written");
                continue;
            }
            let expected = std::fs::read_to_string(&file)
                .unwrap_or_else(|error| panic!("{}: {error}; run with BLESS=1", file.display()));
            assert!(
                run.stdout == expected,
                "`map --format {format}` of {example} changed; run with BLESS=1 to accept:\n{}",
                run.stdout
            );
            let again = map_of(
                &root,
                &["--format", format, &format!("test-crates/{example}")],
            );
            assert_eq!(again.stdout, run.stdout, "the second run differs");
        }
    }
}

/// The sink findings of `check`, as (file, line, lint).
fn sink_findings(directory: &Path, target: &str) -> BTreeSet<(String, u64, String)> {
    let run = consent(directory, &["check", "--format", "json", target]);
    let document = run.json();
    array(&document["findings"])
        .iter()
        .filter(|finding| !finding["sink"].is_null())
        .map(|finding| {
            (
                string(&finding["file"]).to_string(),
                finding["line"].as_u64().expect("a line"),
                string(&finding["lint"]).to_string(),
            )
        })
        .collect()
}

#[test]
fn the_map_reports_what_check_reports_on_every_fixture() {
    let root = repository_root();
    for crate_dir in fixture_crates() {
        let shown = relative(&crate_dir);
        let map = map_json(&root, &[&shown]);
        let reported: BTreeSet<(String, u64, String)> = array(&map["flows"])
            .iter()
            .filter(|flow| !flow["finding"].is_null())
            .map(|flow| {
                (
                    string(&flow["sink"]["location"]["file"]).to_string(),
                    flow["sink"]["location"]["line"].as_u64().expect("a line"),
                    string(&flow["finding"]["lint"]).to_string(),
                )
            })
            .collect();
        assert_eq!(
            reported,
            sink_findings(&root, &shown),
            "the flows of {shown} name other findings than `check`"
        );
        for flow in array(&map["flows"]) {
            assert_eq!(
                flow["lint"].is_null(),
                flow["status"] == "guarded",
                "only a guarded flow has no lint: {flow}"
            );
            assert!(
                !array(&flow["sources"]).is_empty(),
                "a flow has a source: {flow}"
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The showcase: the messenger's flows

fn flow_summary(flow: &Value) -> (String, String, String, String, u64) {
    (
        string(&flow["recipient"]).to_string(),
        string(&flow["category"]).to_string(),
        string(&flow["status"]).to_string(),
        string(&flow["sink"]["location"]["file"])
            .trim_start_matches("test-crates/messenger/")
            .to_string(),
        flow["sink"]["location"]["line"].as_u64().expect("a line"),
    )
}

fn checks_of(flow: &Value, key: &str) -> Vec<(String, String, String, u64)> {
    array(&flow[key])
        .iter()
        .map(|check| {
            (
                string(&check["written"]).to_string(),
                string(&check["purpose"]).to_string(),
                string(&check["location"]["file"])
                    .trim_start_matches("test-crates/messenger/")
                    .to_string(),
                check["location"]["line"].as_u64().expect("a line"),
            )
        })
        .collect()
}

#[test]
fn the_messenger_map_shows_the_leak_against_the_ads_opt_out_and_the_guarded_ads_flows() {
    let map = map_json(&repository_root(), &["test-crates/messenger"]);
    let flows = array(&map["flows"]);
    let summaries: Vec<_> = flows.iter().map(flow_summary).collect();
    let flow = |recipient: &str, category: &str, status: &str, file: &str, line: u64| {
        (
            recipient.to_string(),
            category.to_string(),
            status.to_string(),
            file.to_string(),
            line,
        )
    };
    assert_eq!(
        summaries,
        [
            flow("ad_network", "device.carrier", "guarded", "src/ads.rs", 48),
            flow("ad_network", "device.id", "guarded", "src/ads.rs", 48),
            flow("ad_network", "device.id", "guarded", "src/ads.rs", 55),
            flow(
                "friend_finder",
                "contact.address_book",
                "guarded",
                "src/contacts.rs",
                54
            ),
            flow(
                "parent_company",
                "activity.usage",
                "guarded",
                "src/metrics/mod.rs",
                49
            ),
            flow(
                "parent_company",
                "activity.usage",
                "purpose_mismatch",
                "src/metrics/mod.rs",
                57
            ),
            flow(
                "parent_company",
                "contact.phone_number",
                "purpose_mismatch",
                "src/metrics/mod.rs",
                57
            ),
        ]
    );
    let ads_opt_out = |file: &str, line: u64| {
        vec![(
            "ads_opt_out".to_string(),
            "ads".to_string(),
            file.to_string(),
            line,
        )]
    };
    // The ads flows: guarded by the ads opt-out, each in its own fn.
    assert_eq!(
        checks_of(&flows[0], "guarded_by"),
        ads_opt_out("src/ads.rs", 40)
    );
    assert_eq!(
        checks_of(&flows[1], "guarded_by"),
        ads_opt_out("src/ads.rs", 40)
    );
    assert_eq!(
        checks_of(&flows[2], "guarded_by"),
        ads_opt_out("src/ads.rs", 53)
    );
    // The analytics flow to the parent company: checked only against the ads opt-out in main.
    for leak in &flows[5..] {
        assert_eq!(string(&leak["purpose"]), "analytics");
        assert_eq!(checks_of(leak, "guarded_by"), []);
        assert_eq!(
            checks_of(leak, "checked_instead"),
            ads_opt_out("src/main.rs", 44)
        );
        assert_eq!(string(&leak["checked_instead"][0]["polarity"]), "opt_out");
        assert_eq!(string(&leak["lint"]), "purpose_mismatch");
        assert_eq!(string(&leak["finding"]["level"]), "deny");
    }
    let phone = &flows[6];
    assert_eq!(string(&phone["category_parent"]), "contact");
    assert_eq!(
        string(&phone["sources"][0]["description"]),
        "call of `Account::phone_number`"
    );
    assert_eq!(
        phone["sources"][0]["declared_by"],
        serde_json::json!([{ "kind": "annotation", "file": "test-crates/messenger/src/account.rs", "line": 19 }])
    );
    assert_eq!(map["summary"]["purpose_mismatch"], 2);
    assert_eq!(map["summary"]["guarded"], 5);
}

// ---------------------------------------------------------------------------------------------
// Declarations in no flow

#[test]
fn declarations_in_no_flow_are_listed_with_where_the_code_uses_them() {
    let project = Project::package("declared");
    project.file(
        "consent.toml",
        "[[source]]\npath = \"vendor_sdk::device_serial\"\ncategory = \"device.id\"\n",
    );
    project.file(
        "src/lib.rs",
        r#"#[consent::personal(contact.phone_number)]
fn phone_number() -> String {
    String::new()
}

#[consent::personal(contact.email)]
fn email() -> String {
    String::new()
}

#[consent::personal(identity.name)]
fn never_called() -> String {
    String::new()
}

#[consent::shares(with = "x", purpose = "analytics")]
fn send(_value: String) {}

#[consent::shares(with = "y", purpose = "ads")]
fn show_ads(_value: String) {}

#[consent::shares(with = "z", purpose = "ads")]
fn unused_sink(_value: String) {}

#[consent::check(purpose = "analytics")]
fn allows_analytics() -> bool {
    false
}

#[consent::check(purpose = "ads")]
fn allows_ads() -> bool {
    false
}

pub fn report() {
    if allows_analytics() {
        send(phone_number());
    }
}

pub fn advertise() {
    let _kept = email();
    if allows_ads() {
        show_ads(String::from("banner"));
    }
}
"#,
    );
    let map = map_json(&project.root, &["."]);
    let declared = |key: &str| -> Vec<(String, String, u64, Vec<u64>)> {
        array(&map[key])
            .iter()
            .map(|item| {
                (
                    string(&item["item"]).to_string(),
                    string(&item["declared_by"]["kind"]).to_string(),
                    item["declared_by"]["line"].as_u64().expect("a line"),
                    array(&item["used_at"])
                        .iter()
                        .map(|location| location["line"].as_u64().expect("a line"))
                        .collect(),
                )
            })
            .collect()
    };
    let entry = |item: &str, kind: &str, line: u64, used: &[u64]| {
        (item.to_string(), kind.to_string(), line, used.to_vec())
    };
    // Sorted by where they are declared; the catalog's std entries (DO_NOT_TRACK) are not
    // called here, so they are no declaration of this program.
    assert_eq!(
        declared("sources_reaching_no_recipient"),
        [
            entry("vendor_sdk::device_serial", "config", 1, &[]),
            entry("email", "annotation", 6, &[42]),
            entry("never_called", "annotation", 11, &[]),
        ]
    );
    assert_eq!(
        declared("sinks_receiving_nothing"),
        [
            entry("show_ads", "annotation", 19, &[44]),
            entry("unused_sink", "annotation", 22, &[]),
        ]
    );
    assert_eq!(
        declared("checks_guarding_nothing"),
        [entry("allows_ads", "annotation", 30, &[43])]
    );
    assert_eq!(
        string(&map["sources_reaching_no_recipient"][0]["declared_by"]["file"]),
        "consent.toml"
    );
    let markdown = map_of(&project.root, &["."]).stdout;
    assert!(
        markdown.contains(
            "- `email` (contact.email), declared by annotation src/lib.rs:6: read at src/lib.rs:42\n"
        ),
        "{markdown}"
    );
    assert!(
        markdown.contains("- `unused_sink` (to `z` for `ads`), declared by annotation src/lib.rs:22: never called in the scanned code\n"),
        "{markdown}"
    );
}

// ---------------------------------------------------------------------------------------------
// --compare

/// A copy of the messenger example in a temporary directory, with its map written there.
fn messenger_copy() -> Project {
    let project = Project::copy_of(&repository_root().join("test-crates/messenger"));
    map_of(&project.root, &["--format", "json", "-o", "old.json", "."]).assert_code(1);
    project
}

fn edit(project: &Project, file: &str, from: &str, to: &str) {
    let text = project.read(file);
    assert!(text.contains(from), "{file} has no `{from}`");
    project.file(file, text.replacen(from, to, 1));
}

fn changes(run: &Run) -> Vec<(String, String, String, u64)> {
    array(&run.json()["flows"])
        .iter()
        .map(|flow| {
            (
                string(&flow["change"]["kind"]).to_string(),
                string(&flow["category"]).to_string(),
                string(&flow["change"]["detail"]).to_string(),
                flow["sink"]["location"]["line"].as_u64().expect("a line"),
            )
        })
        .collect()
}

fn compare(project: &Project, extra: &[&str]) -> Run {
    let mut args = vec!["--compare", "old.json", "--format", "json"];
    args.extend_from_slice(extra);
    args.push(".");
    map_of(&project.root, &args)
}

#[test]
fn compare_reports_nothing_after_a_pure_move_of_lines() {
    let project = messenger_copy();
    for file in ["src/main.rs", "src/ads.rs", "src/metrics/mod.rs"] {
        let text = project.read(file);
        project.file(
            file,
            format!("// Moved down by a comment and blank lines.\n\n\n\n{text}"),
        );
    }
    edit(
        &project,
        "src/ads.rs",
        "/// Install attribution",
        "fn unrelated() -> u32 {\n    1\n}\n\n/// Install attribution",
    );
    let run = compare(&project, &["--fail-on-new"]);
    run.assert_code(0);
    assert_eq!(changes(&run), []);
    assert_eq!(run.json()["comparison"]["unchanged"], 7);
    let markdown = map_of(
        &project.root,
        &["--compare", "old.json", "--fail-on-new", "."],
    );
    markdown.assert_code(0);
    assert!(
        markdown.stdout.contains("No flow changed."),
        "{}",
        markdown.stdout
    );
}

#[test]
fn compare_reports_an_added_unguarded_flow_and_fails_on_it() {
    let project = messenger_copy();
    let (file, from, to) = MESSENGER_UNGUARDED_INSTALL;
    edit(&project, file, from, to);
    let run = compare(&project, &["--fail-on-new"]);
    run.assert_code(1);
    assert_eq!(
        changes(&run),
        [(
            "appeared".to_string(),
            "device.id".to_string(),
            "known data to a known recipient, from a new sink call".to_string(),
            53
        )]
    );
    let flow = &run.json()["flows"][0];
    assert_eq!(flow["status"], "unguarded");
    assert_eq!(flow["change"]["fails"], true);
    assert_eq!(run.json()["comparison"]["failing"], 1);
    // Without --fail-on-new the exit status is check's: the messenger's leak is denied.
    compare(&project, &[]).assert_code(1);
}

#[test]
fn compare_reports_lost_guards_new_categories_and_disappeared_flows() {
    let project = messenger_copy();
    // share_audience loses its opt-out check.
    edit(
        &project,
        "src/ads.rs",
        "    if settings.ads_opt_out {\n        return;\n    }\n",
        "",
    );
    // The friend finder now also gets the device id, behind its check.
    edit(
        &project,
        "src/contacts.rs",
        "        suggestions = finder.match_contacts(&book.entries);",
        "        suggestions = finder.match_contacts(&book.entries);\n        finder.match_contacts(&[Contact { name: String::new(), number: crate::device::Device::current().device_id() }]);",
    );
    // The engagement report is gone.
    edit(
        &project,
        "src/metrics/mod.rs",
        "    parent.report_metrics(\"engagement\", &[(\"sessions_today\", sessions)]);",
        "    let _ = sessions;",
    );
    let run = compare(&project, &["--fail-on-new"]);
    run.assert_code(1);
    let kind = |kind: &str, category: &str, detail: &str, line: u64| {
        (
            kind.to_string(),
            category.to_string(),
            detail.to_string(),
            line,
        )
    };
    assert_eq!(
        changes(&run),
        [
            kind(
                "lost_guard",
                "device.carrier",
                "was guarded by `ads_opt_out`",
                45
            ),
            kind(
                "lost_guard",
                "device.id",
                "was guarded by `ads_opt_out`",
                45
            ),
            kind(
                "appeared",
                "device.id",
                "new category `device.id` for a known recipient",
                55
            ),
            kind("disappeared", "activity.usage", "no longer in the code", 49),
        ]
    );
    let comparison = &run.json()["comparison"];
    assert_eq!(comparison["lost_guard"], 2);
    assert_eq!(comparison["appeared"], 1);
    assert_eq!(comparison["disappeared"], 1);
    assert_eq!(comparison["failing"], 3);
    // Every format writes a comparison.
    for (format, _) in FORMATS {
        let run = map_of(
            &project.root,
            &["--compare", "old.json", "--format", format, "."],
        );
        run.assert_code(1);
        assert!(
            run.stdout.contains("device.carrier") || format == "fides",
            "{format}: {}",
            run.stdout
        );
    }
}

#[test]
fn compare_refuses_what_is_not_an_earlier_map() {
    let project = messenger_copy();
    let refused = |file: &str, contents: &str, expected: &str| {
        project.file(file, contents);
        let run = map_of(&project.root, &["--compare", file, "."]);
        run.assert_code(2);
        assert_eq!(run.stdout, "", "nothing on stdout when the run fails");
        assert!(run.stderr.contains(expected), "{file}: {}", run.stderr);
    };
    let findings = consent(&project.root, &["check", "--format", "json", "."]).stdout;
    refused("findings.json", &findings, "is not a cargo-consent map");
    refused("garbage.json", "not json", "is not a cargo-consent map");
    let old = project.read("old.json");
    refused(
        "future.json",
        &old.replacen("\"version\": 1", "\"version\": 2", 1),
        "has version 2; this cargo-consent reads version 1",
    );
    let comparison = map_of(
        &project.root,
        &["--compare", "old.json", "--format", "json", "."],
    )
    .stdout;
    refused("comparison.json", &comparison, "is a comparison, not a map");
    let missing = map_of(&project.root, &["--compare", "missing.json", "."]);
    missing.assert_code(2);
    assert!(
        missing
            .stderr
            .contains("cannot read the map `missing.json`"),
        "{}",
        missing.stderr
    );
    let without = map_of(&project.root, &["--fail-on-new", "."]);
    without.assert_code(2);
    assert!(without.stderr.contains("--compare"), "{}", without.stderr);
}

// ---------------------------------------------------------------------------------------------
// The command line

#[test]
fn output_files_take_their_format_from_their_extension() {
    let project = Project::leaking_package();
    for (file, starts) in [
        ("map.html", "<!DOCTYPE html>"),
        ("map.json", "{\n  \"version\": 1,"),
        ("map.csv", "category,category_parent,"),
        ("map.dot", "digraph data_map {"),
        ("map.yml", "# A fideslang system manifest"),
        ("map.md", "# Data map"),
        ("map.txt", "# Data map"),
    ] {
        let run = map_of(&project.root, &["-o", file, "."]);
        run.assert_code(1);
        assert_eq!(run.stdout, "", "-o {file} writes nothing on stdout");
        let written = project.read(file);
        assert!(written.starts_with(starts), "{file}: {written}");
    }
    let forced = map_of(&project.root, &["-o", "map.html", "--format", "csv", "."]);
    forced.assert_code(1);
    assert!(project.read("map.html").starts_with("category,"));
    let unwritable = map_of(&project.root, &["-o", "no/such/dir/map.md", "."]);
    unwritable.assert_code(2);
    assert!(
        unwritable
            .stderr
            .contains("cannot write `no/such/dir/map.md`"),
        "{}",
        unwritable.stderr
    );
}

#[test]
fn map_exits_as_check_does_and_is_in_the_help() {
    let clean = Project::package("tidy");
    clean.file("src/lib.rs", guarded_module("report_usage"));
    let run = map_of(&clean.root, &["--format", "json", "."]);
    run.assert_code(0);
    assert_eq!(run.json()["summary"]["guarded"], 1);
    map_of(&Project::leaking_package().root, &["."]).assert_code(1);
    let downgraded = map_of(
        &Project::leaking_package().root,
        &["-W", "unguarded_share", "--format", "json", "."],
    );
    downgraded.assert_code(0);
    assert_eq!(downgraded.json()["flows"][0]["finding"]["level"], "warn");
    let allowed = map_of(
        &Project::leaking_package().root,
        &["-A", "unguarded_share", "--format", "json", "."],
    );
    allowed.assert_code(0);
    let flow = &allowed.json()["flows"][0];
    assert_eq!(
        flow["status"], "unguarded",
        "an allowed lint still maps the flow"
    );
    assert!(flow["finding"].is_null());
    map_of(&clean.root, &["no-such-path"]).assert_code(2);
    let help = consent(&clean.root, &["--help"]).stdout;
    assert!(
        help.lines()
            .any(|line| line.trim_start().starts_with("map ")),
        "{help}"
    );
    let map_help = consent(&clean.root, &["map", "--help"]).stdout;
    for format in ["markdown", "json", "csv", "dot", "html", "fides"] {
        assert!(map_help.contains(format), "{format} in {map_help}");
    }
    assert!(map_help.contains("--compare <OLD.json>"), "{map_help}");
}

#[test]
fn a_file_that_does_not_parse_is_named_in_the_map() {
    let project = Project::leaking_package();
    project.file(
        "src/lib.rs",
        format!("mod broken;\n{}", leaking_module("report_usage")),
    );
    project.file("src/broken.rs", "fn broken( {\n");
    let map = map_json(&project.root, &["."]);
    assert_eq!(
        map["notes"],
        serde_json::json!([
            "`src/broken.rs` could not be parsed: flows through it are missing from this map"
        ])
    );
    let csv = map_of(&project.root, &["--format", "csv", "."]);
    assert!(
        csv.stderr
            .contains("note: `src/broken.rs` could not be parsed"),
        "formats without a place for notes print them on stderr: {}",
        csv.stderr
    );
}

#[test]
fn a_cap_that_cut_the_analysis_short_is_named_in_the_map_as_what_it_is() {
    // A loop whose data needs more rounds than the cap allows is not a file that failed to
    // parse: the note says what the `parse_error` finding says.
    let project = Project::leaking_package();
    project.file(
        "src/lib.rs",
        r#"
#[consent::personal(contact.phone_number)]
pub fn phone() -> String { String::new() }
#[consent::shares(with = "vendor", purpose = "analytics")]
pub fn track(_: &str) {}
pub fn run() {
    let (mut a, mut b, mut c, mut d, mut e, mut f) = (String::new(), String::new(), String::new(), String::new(), String::new(), String::new());
    loop {
        f = e.clone();
        e = d.clone();
        d = c.clone();
        c = b.clone();
        b = a.clone();
        a = phone();
        track(&f);
    }
}
"#,
    );
    let map = map_json(&project.root, &["."]);
    assert_eq!(
        map["notes"],
        serde_json::json!([
            "src/lib.rs: the data in this loop had not settled after 5 rounds; flows that need more rounds are missed"
        ])
    );
}

// ---------------------------------------------------------------------------------------------
// docs/map-schema.md

/// The paths of a document's fields; objects of a documented type (`Location`, `Origin`,
/// `Check`, `Step`, recognised by their keys) are named by their type.
fn field_paths(value: &Value, path: &str, into: &mut BTreeSet<String>) {
    let type_of = |keys: BTreeSet<&str>| -> Option<&'static str> {
        let types: [(&str, &[&str]); 4] = [
            (
                "Location",
                &["file", "line", "column", "end_line", "end_column", "code"],
            ),
            ("Origin", &["kind", "file", "line"]),
            (
                "Check",
                &[
                    "description",
                    "written",
                    "polarity",
                    "purpose",
                    "recipient",
                    "location",
                ],
            ),
            ("Step", &["description", "location"]),
        ];
        types
            .iter()
            .find(|(_, fields)| fields.iter().copied().collect::<BTreeSet<&str>>() == keys)
            .map(|(name, _)| *name)
    };
    match value {
        Value::Object(fields) => {
            let prefix = match type_of(fields.keys().map(String::as_str).collect()) {
                Some(name) => name.to_string(),
                None => path.to_string(),
            };
            for (key, inner) in fields {
                let inner_path = if prefix.is_empty() {
                    key.clone()
                } else {
                    format!("{prefix}.{key}")
                };
                into.insert(inner_path.clone());
                field_paths(inner, &inner_path, into);
            }
        }
        Value::Array(items) => {
            for item in items {
                field_paths(item, &format!("{path}[]"), into);
            }
        }
        _ => {}
    }
}

#[test]
fn the_map_schema_page_documents_every_field_and_its_example_is_real() {
    let page = std::fs::read_to_string(repository_root().join("docs/map-schema.md"))
        .expect("docs/map-schema.md is readable");
    let root = repository_root();

    // The example is the messenger's map with one flow kept.
    let example = page
        .split("```json\n")
        .nth(1)
        .and_then(|rest| rest.split("\n```").next())
        .expect("the page has a JSON example");
    let example: Value = serde_json::from_str(example).expect("the example is JSON");
    let mut real = map_json(&root, &["test-crates/messenger"]);
    let kept: Vec<Value> = array(&real["flows"])
        .iter()
        .filter(|flow| flow["category"] == "contact.phone_number")
        .cloned()
        .collect();
    real["flows"] = Value::Array(kept);
    real["tool"]["version"] = example["tool"]["version"].clone();
    assert_eq!(example, real, "the example is what the tool writes");

    // Every field some real document has is documented, and nothing else is.
    let mut observed = BTreeSet::new();
    let mut documents = vec![
        map_json(&root, &["test-crates/messenger"]),
        map_json(&root, &["test-crates/telemetry-cli"]),
        map_json(&root, &["test-crates/catalog-sdks"]),
        map_json(
            &root,
            &[
                "-W",
                "possible_personal_data",
                "test-crates/possible-personal-data",
            ],
        ),
        map_json(&root, &["test-crates/flow-resolution"]),
    ];
    let project = messenger_copy();
    edit(
        &project,
        "src/ads.rs",
        "    if settings.ads_opt_out {\n        return;\n    }\n",
        "",
    );
    documents.push(compare(&project, &[]).json());
    let declared = Project::package("declared");
    declared.file(
        "src/lib.rs",
        "#[consent::personal(identity.name)]\nfn name() -> String {\n    String::new()\n}\n\npub fn keep() -> String {\n    name()\n}\n",
    );
    documents.push(map_json(&declared.root, &["."]));
    for document in &documents {
        field_paths(document, "", &mut observed);
    }
    let fields_section = page
        .split("\n## Fields\n")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .expect("the page has a Fields section");
    let mut documented = BTreeSet::new();
    for line in fields_section
        .lines()
        .filter(|line| line.starts_with("| `"))
    {
        let first_cell = line.split('|').nth(1).expect("a table row has cells");
        for name in first_cell.split('`').skip(1).step_by(2) {
            documented.insert(name.to_string());
        }
    }
    let undocumented: Vec<&String> = observed.difference(&documented).collect();
    let unseen: Vec<&String> = documented.difference(&observed).collect();
    assert!(
        undocumented.is_empty(),
        "fields missing from docs/map-schema.md: {undocumented:?}"
    );
    assert!(
        unseen.is_empty(),
        "documented fields no document has: {unseen:?}"
    );
}

// ---------------------------------------------------------------------------------------------
// README.md

/// The fenced block after `marker` in `text`, as lines.
fn block_after<'t>(text: &'t str, marker: &str) -> Vec<&'t str> {
    let after = &text[text.find(marker).expect("the marker is there") + marker.len()..];
    let opening = after.find("```").expect("a block follows the marker");
    let body = &after[opening..];
    let body = &body[body.find('\n').expect("the fence line ends") + 1..];
    let end = body.find("\n```").expect("the block ends");
    body[..end].lines().collect()
}

/// Whether `excerpt` is `output` with lines left out where it says `...`: each run of lines
/// between the `...` is consecutive in the output, in order.
fn is_excerpt_of(excerpt: &[&str], output: &str) -> Result<(), String> {
    let lines: Vec<&str> = output.lines().collect();
    let mut from = 0;
    for chunk in excerpt.split(|line| *line == "...") {
        if chunk.is_empty() {
            continue;
        }
        let found = (from..=lines.len().saturating_sub(chunk.len()))
            .find(|&start| lines[start..start + chunk.len()] == *chunk)
            .ok_or_else(|| {
                format!(
                    "not in the output (after line {from}):\n{}",
                    chunk.join("\n")
                )
            })?;
        from = found + chunk.len();
    }
    Ok(())
}

#[test]
fn the_readme_excerpts_of_the_map_are_real() {
    let readme = std::fs::read_to_string(repository_root().join("README.md"))
        .expect("README.md is readable");
    let marker = "<!-- excerpt of: cargo consent ";
    let mut checked = 0;
    for (index, _) in readme.match_indices(marker) {
        let rest = &readme[index + marker.len()..];
        let command = &rest[..rest.find(" -->").expect("the marker ends")];
        let args: Vec<&str> = command.split_whitespace().collect();
        let run = consent(&repository_root(), &args);
        assert!(run.code == 0 || run.code == 1, "{run:?}");
        let excerpt = block_after(&readme[index..], " -->");
        if let Err(problem) = is_excerpt_of(&excerpt, &run.stdout) {
            panic!("README's excerpt of `cargo consent {command}`: {problem}");
        }
        checked += 1;
    }
    assert_eq!(
        checked, 7,
        "an excerpt of each format (markdown of both examples)"
    );
}
