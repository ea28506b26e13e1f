//! The CI and editor formats end to end: `--format github` (exact workflow commands, escaping
//! included), `--format cargo-json` (read back with the `cargo_metadata` crate, as cargo-aware
//! tools read `cargo check --message-format=json`), and the exit status of every format
//! (SPEC §7: 0 nothing denied, 1 something denied, 2 the tool could not do its job).

mod support;

use std::collections::BTreeSet;
use std::io::BufReader;
use std::path::Path;

use cargo_metadata::diagnostic::{DiagnosticLevel, DiagnosticSpan};
use cargo_metadata::{CompilerMessage, Message, TargetKind};
use support::*;

const FORMATS: [&str; 5] = ["human", "json", "sarif", "github", "cargo-json"];

// ---------------------------------------------------------------------------------------------
// github

/// A workspace with a leak, a module file whose name needs escaping and does not parse, and a
/// broken member (a run note).
fn workspace_with_odd_input() -> Project {
    let project = Project::new();
    project
        .file(
            "Cargo.toml",
            "[workspace]\nmembers = [\"app\", \"broken\"]\n",
        )
        .file("broken/Cargo.toml", "[package\n")
        .file("app/Cargo.toml", manifest("app"))
        .file(
            "app/src/lib.rs",
            "mod leak;\n#[path = \"50%, odd: name.rs\"]\nmod odd;\n",
        )
        .file("app/src/50%, odd: name.rs", "fn broken( {\n")
        .file("app/src/leak.rs", leaking_module("report_usage"));
    project
}

#[test]
fn github_prints_one_escaped_workflow_command_per_finding() {
    let project = workspace_with_odd_input();
    let run = project.run(&["check", "--format", "github"]);
    run.assert_code(1);
    let expected = format!(
        "::warning file=app/src/50%25%2C odd%3A name.rs,line=1,col=12,endLine=1,endColumn=12,\
         title=parse_error::app/src/50%25, odd: name.rs: syntax error: cannot parse string into \
         token stream%0Ahelp: flows through this file are not followed until it parses%0A\
         for more, run `cargo consent explain parse_error`\n\
         ::error file=app/src/leak.rs,line=10,col=5,endLine=10,endColumn=25,\
         title=unguarded_share::personal data (`contact.phone_number`) shared with `x` for \
         `analytics` without a consent check%0Ahelp: check the user's choice for `analytics` \
         before this call: wrap it in `if <check for analytics> {{ .. }}`, or return early when \
         the user has opted out%0Afor more, run `cargo consent explain unguarded_share`\n\
         ::notice title=cargo-consent::skipped workspace member: cannot read manifest \
         `{root}/broken/Cargo.toml`: invalid table header%0Aexpected `.`, `]`\n",
        root = project.root.display()
    );
    assert_eq!(run.stdout, expected);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
}

#[test]
fn github_warns_for_warn_level_and_prints_nothing_when_clean() {
    let project = Project::leaking_package();
    let warned = project.run(&["check", "--format", "github", "-W", "unguarded_share"]);
    warned.assert_code(0);
    assert!(
        warned.stdout.starts_with(
            "::warning file=src/lib.rs,line=10,col=5,endLine=10,endColumn=25,title=unguarded_share::"
        ),
        "{}",
        warned.stdout
    );
    assert_eq!(warned.stdout.lines().count(), 1, "{}", warned.stdout);

    let clean = Project::package("tidy");
    clean.file("src/lib.rs", guarded_module("report_usage"));
    let run = clean.run(&["check", "--format", "github"]);
    run.assert_code(0);
    assert_eq!(run.stdout, "");
}

// ---------------------------------------------------------------------------------------------
// cargo-json

fn cargo_messages(run: &Run) -> Vec<Message> {
    Message::parse_stream(BufReader::new(run.stdout.as_bytes()))
        .map(|message| message.expect("every line is read"))
        .collect()
}

fn compiler_messages(messages: &[Message]) -> Vec<&CompilerMessage> {
    messages
        .iter()
        .filter_map(|message| match message {
            Message::CompilerMessage(compiler) => Some(compiler),
            _ => None,
        })
        .collect()
}

/// Asserts that every line is a cargo message (none is unknown or plain text), that the stream
/// ends with `build-finished` saying `success`, and returns the compiler messages.
fn read_cargo_json(run: &Run, success: bool) -> Vec<CompilerMessage> {
    let messages = cargo_messages(run);
    assert_eq!(
        messages.len(),
        run.stdout.lines().count(),
        "one message per line:\n{}",
        run.stdout
    );
    for message in &messages {
        assert!(
            matches!(
                message,
                Message::CompilerMessage(_) | Message::BuildFinished(_)
            ),
            "an unexpected message: {message:?}"
        );
    }
    match messages.last() {
        Some(Message::BuildFinished(finished)) => assert_eq!(finished.success, success),
        other => panic!("the last line is build-finished, not {other:?}"),
    }
    compiler_messages(&messages).into_iter().cloned().collect()
}

fn primary_span(message: &CompilerMessage) -> &DiagnosticSpan {
    let primary: Vec<&DiagnosticSpan> = message
        .message
        .spans
        .iter()
        .filter(|span| span.is_primary)
        .collect();
    assert_eq!(primary.len(), 1, "one primary span: {:?}", message.message);
    primary[0]
}

#[test]
fn cargo_json_is_what_cargo_check_prints_with_the_sink_as_primary_span() {
    let project = Project::leaking_package();
    let run = project.run(&["check", "--format", "cargo-json"]);
    run.assert_code(1);
    let messages = read_cargo_json(&run, false);
    assert_eq!(messages.len(), 1, "{}", run.stdout);
    let message = &messages[0];

    assert_eq!(
        message.package_id.repr,
        format!("path+file://{}#leaky@0.1.0", project.root.display())
    );
    // cargo_metadata does not read `manifest_path`; cargo writes it, and so do we.
    let first_line: serde_json::Value =
        serde_json::from_str(run.stdout.lines().next().expect("a line")).expect("JSON");
    assert_eq!(
        first_line["manifest_path"],
        project.path("Cargo.toml").display().to_string()
    );
    assert_eq!(message.target.name, "leaky");
    assert_eq!(message.target.kind, vec![TargetKind::Lib]);
    assert_eq!(
        message.target.src_path.as_std_path(),
        project.path("src/lib.rs")
    );

    let diagnostic = &message.message;
    assert_eq!(diagnostic.level, DiagnosticLevel::Error);
    assert!(
        diagnostic
            .message
            .starts_with("personal data (`contact.phone_number`) shared with `x`"),
        "{}",
        diagnostic.message
    );
    let code = diagnostic.code.as_ref().expect("the lint is the code");
    assert_eq!(code.code, "unguarded_share");
    let page = project.run(&["explain", "unguarded_share"]).stdout;
    assert_eq!(code.explanation.as_deref(), Some(page.as_str()));

    let source = project.read("src/lib.rs");
    let sink_text = "send(phone_number())";
    let sink_start = source
        .find(sink_text)
        .expect("the sink call is in the source");
    let span = primary_span(message);
    assert_eq!(span.file_name, "src/lib.rs");
    assert_eq!(
        (span.line_start, span.line_end),
        (LEAK_LINE as usize, LEAK_LINE as usize)
    );
    assert_eq!(
        (span.column_start, span.column_end),
        (LEAK_COLUMN as usize, LEAK_END_COLUMN as usize)
    );
    assert_eq!(
        (span.byte_start as usize, span.byte_end as usize),
        (sink_start, sink_start + sink_text.len())
    );
    assert_eq!(span.text.len(), 1);
    assert_eq!(span.text[0].text, "    send(phone_number());");
    assert_eq!(
        (span.text[0].highlight_start, span.text[0].highlight_end),
        (LEAK_COLUMN as usize, LEAK_END_COLUMN as usize)
    );
    assert_eq!(
        span.label.as_deref(),
        Some("shared with `x` for `analytics` here")
    );

    let secondary: Vec<&DiagnosticSpan> = diagnostic
        .spans
        .iter()
        .filter(|span| !span.is_primary)
        .collect();
    let origin = secondary
        .iter()
        .find(|span| span.column_start == LEAK_COLUMN as usize + 5)
        .unwrap_or_else(|| panic!("the source `phone_number()` is a span: {secondary:?}"));
    assert_eq!(origin.line_start, LEAK_LINE as usize);
    assert_eq!(origin.column_end, LEAK_END_COLUMN as usize - 1);
    assert!(origin
        .label
        .as_deref()
        .is_some_and(|label| label.contains("contact.phone_number")));

    let children: Vec<(DiagnosticLevel, &str)> = diagnostic
        .children
        .iter()
        .map(|child| (child.level, child.message.as_str()))
        .collect();
    assert!(
        children
            .iter()
            .any(|(level, text)| *level == DiagnosticLevel::Help
                && text.starts_with("check the user's choice for `analytics`")),
        "{children:?}"
    );
    assert!(
        children.contains(&(
            DiagnosticLevel::Note,
            "for more, run `cargo consent explain unguarded_share`"
        )),
        "{children:?}"
    );
    let rendered = diagnostic.rendered.as_deref().expect("a rendering");
    assert!(
        rendered.contains("src/lib.rs:10:5") && !rendered.contains('\u{1b}'),
        "{rendered}"
    );
}

#[test]
fn cargo_json_names_the_target_each_file_belongs_to() {
    let project = Project::package("app");
    project
        .file("src/lib.rs", "mod shared;\n")
        .file("src/shared.rs", leaking_module("in_lib"))
        .file("src/main.rs", "fn main() {}\n")
        .file("src/bin/tool.rs", leaking_module("in_tool"))
        .file("src/bin/multi/main.rs", "mod helper;\nfn main() {}\n")
        .file("src/bin/multi/helper.rs", leaking_module("in_helper"))
        .file("tests/integration.rs", leaking_module("in_test"));
    let run = project.run(&["check", "--format", "cargo-json", "--include-tests"]);
    run.assert_code(1);
    let targets: BTreeSet<(String, String, String)> = read_cargo_json(&run, false)
        .iter()
        .map(|message| {
            (
                primary_span(message).file_name.clone(),
                message.target.kind[0].to_string(),
                message.target.name.clone(),
            )
        })
        .collect();
    let expected: BTreeSet<(String, String, String)> = [
        ("src/bin/multi/helper.rs", "bin", "multi"),
        ("src/bin/tool.rs", "bin", "tool"),
        ("src/shared.rs", "lib", "app"),
        ("tests/integration.rs", "test", "integration"),
    ]
    .iter()
    .map(|(file, kind, name)| (file.to_string(), kind.to_string(), name.to_string()))
    .collect();
    assert_eq!(targets, expected, "{}", run.stdout);
}

#[test]
fn cargo_json_of_every_fixture_matches_its_json_findings() {
    let root = repository_root();
    for crate_dir in fixture_crates() {
        let relative = crate_dir
            .strip_prefix(&root)
            .expect("fixtures are in the repository")
            .display()
            .to_string();
        let json = consent(&root, &["check", "--format", "json", &relative]).json();
        let expected: Vec<(String, usize, usize, String)> = json["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .map(|finding| {
                (
                    finding["file"].as_str().expect("file").to_string(),
                    finding["line"].as_u64().expect("line") as usize,
                    finding["column"].as_u64().expect("column") as usize,
                    finding["lint"].as_str().expect("lint").to_string(),
                )
            })
            .collect();
        let run = consent(&root, &["check", "--format", "cargo-json", &relative]);
        let success = json["summary"]["deny"] == 0;
        run.assert_code(if success { 0 } else { 1 });
        let actual: Vec<(String, usize, usize, String)> = read_cargo_json(&run, success)
            .iter()
            .map(|message| {
                let span = primary_span(message);
                (
                    span.file_name.clone(),
                    span.line_start,
                    span.column_start,
                    message.message.code.as_ref().expect("a code").code.clone(),
                )
            })
            .collect();
        assert_eq!(actual, expected, "{relative}");
        for message in read_cargo_json(&run, success) {
            // `path+file://DIR#NAME@VERSION`: the package whose manifest is in DIR, at or below
            // the fixture (a fixture may be a workspace).
            let repr = &message.package_id.repr;
            let (directory, name) = repr
                .strip_prefix("path+file://")
                .and_then(|rest| rest.split_once('#'))
                .and_then(|(directory, rest)| Some((directory, rest.split_once('@')?.0)))
                .unwrap_or_else(|| panic!("{relative}: not a cargo path package id: {repr}"));
            assert!(
                Path::new(directory).starts_with(&crate_dir),
                "{relative}: {repr}"
            );
            let manifest = std::fs::read_to_string(Path::new(directory).join("Cargo.toml"))
                .unwrap_or_else(|error| panic!("{relative}: {repr}: {error}"));
            assert!(
                manifest.contains(&format!("name = \"{name}\"")),
                "{relative}: {repr}"
            );
            for span in &message.message.spans {
                let file = std::fs::read_to_string(root.join(&span.file_name))
                    .expect("spans name readable files");
                let line = file
                    .lines()
                    .nth(span.line_start - 1)
                    .expect("the span's first line exists");
                assert_eq!(span.text[0].text, line, "{relative}: {span:?}");
                assert!(span.byte_start <= span.byte_end && span.byte_end as usize <= file.len());
            }
        }
    }
}

#[test]
fn cargo_json_of_a_clean_scan_is_a_successful_build() {
    let project = Project::package("tidy");
    project.file("src/lib.rs", guarded_module("report_usage"));
    let run = project.run(&["check", "--format", "cargo-json"]);
    run.assert_code(0);
    assert!(read_cargo_json(&run, true).is_empty());
    assert_eq!(
        run.stdout,
        "{\"reason\":\"build-finished\",\"success\":true}\n"
    );

    let warned = Project::leaking_package();
    let run = warned.run(&["check", "--format", "cargo-json", "-W", "unguarded_share"]);
    run.assert_code(0);
    let messages = read_cargo_json(&run, true);
    assert_eq!(messages.len(), 1);
    assert_eq!(messages[0].message.level, DiagnosticLevel::Warning);
}

// ---------------------------------------------------------------------------------------------
// Exit status in every format

/// Checks that a machine format's output is well formed.
fn assert_well_formed(format: &str, run: &Run) {
    match format {
        "json" | "sarif" => {
            run.json();
        }
        "cargo-json" => {
            cargo_messages(run);
        }
        "github" => {
            for line in run.stdout.lines() {
                assert!(line.starts_with("::"), "{line}");
            }
        }
        _ => {}
    }
}

#[test]
fn every_format_exits_0_when_clean_and_1_when_something_is_denied() {
    let clean = Project::package("tidy");
    clean.file("src/lib.rs", guarded_module("report_usage"));
    let leaking = Project::leaking_package();
    let only_a_warning = Project::new();
    only_a_warning.file("broken.rs", "fn broken( {\n");
    for format in FORMATS {
        let run = clean.run(&["check", "--format", format]);
        run.assert_code(0);
        assert_well_formed(format, &run);

        let run = leaking.run(&["check", "--format", format]);
        run.assert_code(1);
        assert_well_formed(format, &run);
        assert!(
            run.stdout.contains("unguarded_share"),
            "--format {format} reports the leak:\n{}",
            run.stdout
        );

        leaking
            .run(&["check", "--format", format, "-W", "unguarded_share"])
            .assert_code(0);
        let warned = only_a_warning.run(&["check", "--format", format]);
        warned.assert_code(0);
        assert!(
            warned.stdout.contains("parse_error"),
            "{format}: {}",
            warned.stdout
        );
        only_a_warning
            .run(&["check", "--format", format, "-D", "parse_error"])
            .assert_code(1);
    }
}

#[test]
fn every_format_exits_2_when_the_tool_cannot_do_its_job() {
    let project = Project::leaking_package();
    project.file("garbage.json", "not a baseline");
    let failures: [&[&str]; 5] = [
        &["no-such-dir"],
        &["-D", "no_such_lint", "."],
        &["--baseline", "missing-baseline.json", "."],
        &["--baseline", "garbage.json", "."],
        &["--write-baseline", "no-such-dir/baseline.json", "."],
    ];
    for format in FORMATS {
        for failure in failures {
            let mut args = vec!["check", "--format", format];
            args.extend_from_slice(failure);
            let run = project.run(&args);
            run.assert_code(2);
            assert!(
                run.stdout.is_empty(),
                "no report when the tool failed ({}):\n{}",
                args.join(" "),
                run.stdout
            );
            assert!(
                !run.stderr.trim().is_empty(),
                "`{}` says what went wrong",
                args.join(" ")
            );
        }
    }
}
