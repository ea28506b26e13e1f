//! End-to-end tests of the command line: exit statuses (SPEC §7: 0 nothing at `deny` level, 1
//! something denied, 2 the tool could not do its job), odd and broken input, discovery of the
//! module tree and of cargo targets, and the JSON format. Every test runs the built binary on
//! small packages or plain directories written into a temporary directory; none of them is ever
//! built, since the tool only reads source.

use std::collections::BTreeSet;

use serde_json::Value;

mod support;
use support::{consent, leaking_module, lint_pages, manifest, Project, Run};

/// The line and column of the sink call in [`leaking_module`].
const LEAK_LINE: u64 = support::LEAK_LINE as u64;
const LEAK_COLUMN: u64 = support::LEAK_COLUMN as u64;

impl Run {
    /// Every finding as (file, line, lint).
    fn findings(&self) -> BTreeSet<(String, u64, String)> {
        findings_of(&self.json())
    }
}

fn findings_of(document: &Value) -> BTreeSet<(String, u64, String)> {
    array(&document["findings"])
        .iter()
        .map(|finding| {
            (
                string(&finding["file"]).to_string(),
                number(&finding["line"]),
                string(&finding["lint"]).to_string(),
            )
        })
        .collect()
}

fn finding(file: &str, line: u64, lint: &str) -> (String, u64, String) {
    (file.to_string(), line, lint.to_string())
}

fn array(value: &Value) -> &Vec<Value> {
    value
        .as_array()
        .unwrap_or_else(|| panic!("expected an array, got {value}"))
}

fn string(value: &Value) -> &str {
    value
        .as_str()
        .unwrap_or_else(|| panic!("expected a string, got {value}"))
}

fn number(value: &Value) -> u64 {
    value
        .as_u64()
        .unwrap_or_else(|| panic!("expected a number, got {value}"))
}

/// The findings of one lint in a JSON document.
fn findings_of_lint<'a>(document: &'a Value, lint: &str) -> Vec<&'a Value> {
    array(&document["findings"])
        .iter()
        .filter(|finding| finding["lint"] == lint)
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Exit statuses of a scan

#[test]
fn a_clean_package_exits_0() {
    let project = Project::package("tidy");
    project.file(
        "src/lib.rs",
        "pub fn add(left: u32, right: u32) -> u32 {\n    left + right\n}\n",
    );
    let run = project.check_json(&[]);
    run.assert_code(0);
    assert!(run.findings().is_empty(), "{}", run.stdout);
    let human = project.run(&["check", "--color", "never", "."]);
    human.assert_code(0);
    assert!(
        human.stdout.contains("0 errors, 0 warnings"),
        "{}",
        human.stdout
    );
}

#[test]
fn a_leak_exits_1_with_an_unguarded_share_at_the_sink_call() {
    let project = Project::leaking_package();
    let run = project.check_json(&[]);
    run.assert_code(1);
    assert!(
        run.stderr.is_empty(),
        "a scan with findings is not an error:\n{}",
        run.stderr
    );
    let document = run.json();
    let findings = array(&document["findings"]);
    assert_eq!(findings.len(), 1, "{}", run.stdout);
    let leak = &findings[0];
    assert_eq!(leak["lint"], "unguarded_share");
    assert_eq!(leak["level"], "deny");
    assert_eq!(leak["file"], "src/lib.rs");
    assert_eq!(number(&leak["line"]), LEAK_LINE);
    assert_eq!(number(&leak["column"]), LEAK_COLUMN);
    let message = string(&leak["message"]);
    assert!(
        message.contains("analytics") && message.contains('x'),
        "the message names the purpose and recipient: {message}"
    );

    let human = project.run(&["check", "--color", "never", "."]);
    human.assert_code(1);
    assert!(
        human.stdout.contains("unguarded_share")
            && human
                .stdout
                .contains(&format!("src/lib.rs:{LEAK_LINE}:{LEAK_COLUMN}")),
        "{}",
        human.stdout
    );
    assert!(
        human
            .stdout
            .contains("cargo consent explain unguarded_share"),
        "every diagnostic points at `explain`:\n{}",
        human.stdout
    );
    assert!(
        !human.stdout.contains('\u{1b}'),
        "`--color never` prints no escape codes:\n{}",
        human.stdout
    );
}

#[test]
fn cargo_style_invocations_behave_like_check() {
    let project = Project::leaking_package();
    let reference = project.run(&["check", "--format", "json", "."]);
    reference.assert_code(1);
    let invocations: [&[&str]; 5] = [
        // What `cargo consent check .` runs.
        &["consent", "check", "--format", "json", "."],
        // What `cargo consent .` runs.
        &["consent", "--format", "json", "."],
        // `cargo-consent .` with no subcommand.
        &["--format", "json", "."],
        // `cargo consent` with no path scans the current directory.
        &["consent", "--format", "json"],
        &["check", "--format", "json"],
    ];
    for args in invocations {
        let run = project.run(args);
        run.assert_code(1);
        assert_eq!(
            run.stdout,
            reference.stdout,
            "`cargo-consent {}` differs from `cargo-consent check`",
            args.join(" ")
        );
    }
}

#[test]
fn level_flags_change_what_fails() {
    let project = Project::leaking_package();
    let warned = project.check_json(&["-W", "unguarded_share"]);
    warned.assert_code(0);
    let document = warned.json();
    let leaks = findings_of_lint(&document, "unguarded_share");
    assert_eq!(leaks.len(), 1, "{}", warned.stdout);
    assert_eq!(leaks[0]["level"], "warn");

    let allowed = project.check_json(&["--allow", "unguarded-share"]);
    allowed.assert_code(0);
    assert!(allowed.findings().is_empty(), "{}", allowed.stdout);

    // The stronger level wins, whatever the order of the flags.
    let denied = project.check_json(&["-D", "unguarded_share", "-A", "unguarded_share"]);
    denied.assert_code(1);

    let broken = Project::new();
    broken.file("broken.rs", "fn broken( {\n}\n");
    broken.check_json(&[]).assert_code(0);
    broken.check_json(&["-D", "parse_error"]).assert_code(1);
}

// ---------------------------------------------------------------------------------------------
// Bad input to the command line: exit status 2, with a message on stderr

#[test]
fn a_missing_path_exits_2_and_names_it() {
    let project = Project::leaking_package();
    for args in [
        &["check", "no-such-dir"][..],
        &["check", "--format", "json", "no-such-dir"],
        &["check", ".", "no-such-dir"],
        &["no-such-dir"],
    ] {
        let run = project.run(args);
        run.assert_code(2);
        assert!(
            run.stderr.contains("no-such-dir"),
            "stderr names the path: {}",
            run.stderr
        );
        assert!(
            run.stdout.is_empty(),
            "no partial report on stdout: {}",
            run.stdout
        );
    }
}

#[test]
fn a_path_that_is_neither_rust_nor_a_manifest_exits_2() {
    let project = Project::leaking_package();
    project.file("notes.txt", "not rust\n");
    let run = project.run(&["check", "notes.txt"]);
    run.assert_code(2);
    assert!(run.stderr.contains("notes.txt"), "{}", run.stderr);
}

#[test]
fn bad_flags_exit_2() {
    let project = Project::leaking_package();
    for args in [
        &["check", "--no-such-flag", "."][..],
        &["--no-such-flag"],
        &["check", "--format", "xml", "."],
        &["check", "--color", "sometimes", "."],
        &["check", "--deny"],
        &["explain"],
    ] {
        let run = project.run(args);
        run.assert_code(2);
        assert!(
            !run.stderr.trim().is_empty(),
            "`{}` says what is wrong on stderr",
            args.join(" ")
        );
    }
}

#[test]
fn an_unknown_lint_in_a_level_flag_exits_2() {
    let project = Project::leaking_package();
    let close = project.run(&["check", "-D", "unguarded_shar", "."]);
    close.assert_code(2);
    assert!(
        close.stderr.contains("unguarded_shar") && close.stderr.contains("`unguarded_share`"),
        "a close name gets a did-you-mean: {}",
        close.stderr
    );
    for flag in ["-D", "-W", "-A"] {
        let far = project.run(&["check", flag, "no_such_lint", "."]);
        far.assert_code(2);
        assert!(far.stderr.contains("no_such_lint"), "{}", far.stderr);
        assert!(
            far.stdout.is_empty(),
            "nothing is scanned with a bad flag: {}",
            far.stdout
        );
    }
}

#[test]
fn help_and_version_exit_0() {
    let project = Project::new();
    for args in [
        &["--help"][..],
        &["-h"],
        &["check", "--help"],
        &["consent", "--help"],
    ] {
        let run = project.run(args);
        run.assert_code(0);
        assert!(run.stdout.contains("Usage"), "{}", run.stdout);
    }
    for args in [&["--version"][..], &["consent", "--version"]] {
        let run = project.run(args);
        run.assert_code(0);
        assert!(
            run.stdout.contains(env!("CARGO_PKG_VERSION")),
            "{}",
            run.stdout
        );
    }
}

#[test]
fn dump_prints_the_analysis_instead_of_the_report_and_is_hidden() {
    let project = Project::leaking_package();
    let run = project.run(&["check", "--dump", "all", "."]);
    // The dump replaces the report, and a leak in it is not what the run is about.
    run.assert_code(0);
    for heading in ["== ir ==\n", "== summaries ==\n", "== cells ==\n"] {
        assert!(run.stdout.contains(heading), "{heading}in:\n{}", run.stdout);
    }
    assert!(
        run.stdout
            .contains(&format!("sink send @ src/lib.rs:{LEAK_LINE}:")),
        "the summaries name the sink call:\n{}",
        run.stdout
    );
    assert!(!run.stdout.contains("unguarded_share"), "{}", run.stdout);
    let summaries = project.run(&["check", "--dump", "summaries", "."]);
    summaries.assert_code(0);
    assert!(
        summaries.stdout.starts_with("== summaries ==\n") && !summaries.stdout.contains("== ir =="),
        "{}",
        summaries.stdout
    );
    let help = project.run(&["check", "--help"]);
    assert!(!help.stdout.contains("--dump"), "{}", help.stdout);
}

#[test]
fn timings_tell_each_stages_time_and_the_peak_memory_at_its_end() {
    let project = Project::leaking_package();
    let run = project.run(&["check", "--timings", "--format", "json", "."]);
    run.assert_code(1);
    assert!(run.stderr.contains("timings: discover "), "{}", run.stderr);
    let peaks = run
        .stderr
        .lines()
        .find_map(|line| line.strip_prefix("peak memory at the end of: "))
        .unwrap_or_else(|| panic!("no peak memory line in:\n{}", run.stderr));
    let stages: Vec<(&str, &str)> = peaks
        .split(", ")
        .map(|stage| stage.split_once(' ').expect("a stage and its memory"))
        .collect();
    let names: Vec<&str> = stages.iter().map(|(name, _)| *name).collect();
    assert_eq!(
        names,
        ["parse", "resolve", "propagate", "guards"],
        "{peaks}"
    );
    if cfg!(target_os = "linux") {
        // A peak only grows from one stage's end to the next.
        let mebibytes: Vec<u64> = stages
            .iter()
            .map(|(_, memory)| {
                let number = memory.strip_suffix(" MiB").expect("in MiB");
                number.parse().expect("a number of MiB")
            })
            .collect();
        assert!(mebibytes[0] > 0, "{peaks}");
        assert!(
            mebibytes.windows(2).all(|pair| pair[0] <= pair[1]),
            "{peaks}"
        );
    }
    let help = project.run(&["check", "--help"]);
    assert!(!help.stdout.contains("--timings"), "{}", help.stdout);
}

// ---------------------------------------------------------------------------------------------
// `explain` and `lints`

#[test]
fn explain_prints_the_lint_page() {
    let project = Project::new();
    let run = project.run(&["explain", "unguarded_share"]);
    run.assert_code(0);
    assert!(
        run.stdout.starts_with("# unguarded_share\n"),
        "{}",
        run.stdout
    );
    for (name, page) in lint_pages() {
        let run = project.run(&["explain", &name]);
        run.assert_code(0);
        assert_eq!(run.stdout, page, "`explain {name}` prints lints/{name}.md");
    }
    let dashed = project.run(&["consent", "explain", "parse-error"]);
    dashed.assert_code(0);
    assert!(dashed.stdout.starts_with("# parse_error\n"));
}

#[test]
fn explain_of_an_unknown_lint_exits_2() {
    let project = Project::new();
    let run = project.run(&["explain", "nope"]);
    run.assert_code(2);
    assert!(run.stderr.contains("nope"), "{}", run.stderr);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    let close = project.run(&["explain", "purpose_mismatc"]);
    close.assert_code(2);
    assert!(
        close.stderr.contains("`purpose_mismatch`"),
        "{}",
        close.stderr
    );
}

#[test]
fn lints_lists_every_lint_with_its_default_level() {
    let project = Project::new();
    let run = project.run(&["lints"]);
    run.assert_code(0);
    let listed: Vec<(String, String)> = run
        .stdout
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            let mut words = line.split_whitespace();
            let name = words.next().unwrap_or_default().to_string();
            let level = words.next().unwrap_or_default().to_string();
            (name, level)
        })
        .collect();
    let pages = lint_pages();
    // SPEC §5's eight lints, and `unused_allow` (issue 6: an allow that suppresses nothing).
    assert_eq!(listed.len(), 9, "9 lints:\n{}", run.stdout);
    let mut listed_names: Vec<&str> = listed.iter().map(|(name, _)| name.as_str()).collect();
    listed_names.sort();
    let page_names: Vec<&str> = pages.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(listed_names, page_names, "one page per listed lint");
    for (name, level) in &listed {
        let page = &pages
            .iter()
            .find(|(page_name, _)| page_name == name)
            .expect("every listed lint has a page")
            .1;
        assert!(
            page.contains(&format!("**Default level:** {level}")),
            "`lints` says {name} is {level}; its page disagrees"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Files that do not parse: a `parse_error` warning, and the rest is still analysed

#[test]
fn a_syntax_error_is_reported_at_its_line_and_the_other_files_are_analysed() {
    let project = Project::new();
    project
        .file("leak.rs", leaking_module("report_usage"))
        .file(
            "broken.rs",
            "fn fine() {}\n\nfn also_fine() {}\n\nfn broken() {\n    let x = ;\n}\n",
        );
    let run = project.check_json(&[]);
    run.assert_code(1);
    let document = run.json();
    let errors = findings_of_lint(&document, "parse_error");
    assert_eq!(errors.len(), 1, "{}", run.stdout);
    assert_eq!(errors[0]["level"], "warn");
    assert_eq!(errors[0]["file"], "broken.rs");
    assert_eq!(number(&errors[0]["line"]), 6, "at the syntax error's line");
    assert!(
        run.findings()
            .contains(&finding("leak.rs", LEAK_LINE, "unguarded_share")),
        "the leak in the other file is still reported: {}",
        run.stdout
    );
}

#[test]
fn a_file_with_only_a_syntax_error_exits_0() {
    let project = Project::new();
    // An unclosed delimiter fails before parsing proper, while the text is tokenised.
    project.file("unclosed.rs", "fn fine() {}\n\nfn broken( {\n}\n");
    let run = project.check_json(&[]);
    run.assert_code(0);
    assert_eq!(
        run.findings(),
        BTreeSet::from([finding("unclosed.rs", 3, "parse_error")]),
        "{}",
        run.stdout
    );
    let human = project.run(&["check", "--color", "never", "."]);
    human.assert_code(0);
    assert!(human.stdout.contains("parse_error"), "{}", human.stdout);
}

#[test]
fn a_syntax_error_in_a_module_file_leaves_the_rest_of_the_crate_analysed() {
    let project = Project::package("partly_broken");
    project
        .file("src/lib.rs", "mod broken;\nmod leak;\n")
        .file("src/broken.rs", "pub fn broken() -> {\n}\n")
        .file("src/leak.rs", leaking_module("report_usage"));
    let run = project.check_json(&[]);
    run.assert_code(1);
    assert_eq!(
        run.findings(),
        BTreeSet::from([
            finding("src/broken.rs", 1, "parse_error"),
            finding("src/leak.rs", LEAK_LINE, "unguarded_share"),
        ]),
        "{}",
        run.stdout
    );
}

#[test]
fn a_file_that_is_not_utf8_is_a_parse_error_and_the_rest_is_analysed() {
    let project = Project::new();
    project
        .file("leak.rs", leaking_module("report_usage"))
        .file("latin1.rs", b"fn a() {}\n// caf\xe9 \xff\xfe\nfn b() {}\n")
        .file("all_bad.rs", b"\xff\xfe\xfd")
        .file("truncated.rs", b"fn a() {}\n\xc3");
    let run = project.check_json(&[]);
    run.assert_code(1);
    let document = run.json();
    let errors = findings_of_lint(&document, "parse_error");
    let files: BTreeSet<&str> = errors.iter().map(|error| string(&error["file"])).collect();
    assert_eq!(
        files,
        BTreeSet::from(["all_bad.rs", "latin1.rs", "truncated.rs"]),
        "{}",
        run.stdout
    );
    for error in &errors {
        assert_eq!(error["level"], "warn");
        assert!(
            string(&error["message"]).contains("UTF-8"),
            "the message says why: {}",
            error["message"]
        );
    }
    assert!(
        run.findings()
            .contains(&finding("leak.rs", LEAK_LINE, "unguarded_share")),
        "{}",
        run.stdout
    );
    // The human format renders a snippet of the broken text too.
    project
        .run(&["check", "--color", "never", "."])
        .assert_code(1);
}

#[test]
fn a_missing_module_file_is_a_parse_error_at_the_mod_item() {
    let project = Project::package("missing_module");
    project
        .file("src/lib.rs", "mod leak;\n\nmod missing;\n")
        .file("src/leak.rs", leaking_module("report_usage"));
    let run = project.check_json(&[]);
    run.assert_code(1);
    assert_eq!(
        run.findings(),
        BTreeSet::from([
            finding("src/leak.rs", LEAK_LINE, "unguarded_share"),
            finding("src/lib.rs", 3, "parse_error"),
        ]),
        "{}",
        run.stdout
    );
    let document = run.json();
    let missing = findings_of_lint(&document, "parse_error");
    assert!(
        string(&missing[0]["message"]).contains("missing"),
        "the message names the module: {}",
        missing[0]["message"]
    );
}

// ---------------------------------------------------------------------------------------------
// Input built to exhaust the stack or the patience: no panic, no stack overflow, no hang

/// A plain directory with `deep.rs` holding `body` inside a fn, next to a leaking file.
fn deep_project(body: &str) -> Project {
    let project = Project::new();
    project
        .file(
            "deep.rs",
            format!("pub fn deep() -> i64 {{\n    {body}\n}}\n"),
        )
        .file("leak.rs", leaking_module("report_usage"));
    project
}

/// The scan ends normally: the leak next door is found, and `deep.rs` is either analysed
/// without findings or reported as a `parse_error`.
fn assert_survives(project: &Project) {
    let run = project.check_json(&[]);
    run.assert_code(1);
    let findings = run.findings();
    assert!(
        findings.contains(&finding("leak.rs", LEAK_LINE, "unguarded_share")),
        "{}",
        run.stdout
    );
    for (file, _, lint) in &findings {
        assert!(
            file == "leak.rs" || lint == "parse_error",
            "unexpected finding in {file}: {lint}"
        );
    }
    project
        .run(&["check", "--color", "never", "."])
        .assert_code(1);
}

#[test]
fn five_thousand_nested_parentheses_do_not_crash() {
    let depth = 5_000;
    assert_survives(&deep_project(&format!(
        "{}1{}",
        "(".repeat(depth),
        ")".repeat(depth)
    )));
}

// The next two are deep enough for syn's recursive descent to need real stack, and shallow
// enough to pass the tool's bracket-depth pre-check (1000 levels).

#[test]
fn nine_hundred_nested_parentheses_do_not_crash() {
    let depth = 900;
    assert_survives(&deep_project(&format!(
        "{}1{}",
        "(".repeat(depth),
        ")".repeat(depth)
    )));
}

#[test]
fn nine_hundred_nested_blocks_do_not_crash() {
    let depth = 900;
    assert_survives(&deep_project(&format!(
        "{}1{}",
        "{".repeat(depth),
        "}".repeat(depth)
    )));
}

// The next four nest no brackets at all, so a bracket-depth limit does not stop them.

/// How many operators, calls or branches the long chains below have.
const CHAIN_LENGTH: usize = 5_000;

#[test]
fn a_long_chain_of_unary_minus_does_not_crash() {
    assert_survives(&deep_project(&format!("{}1", "-".repeat(CHAIN_LENGTH))));
}

#[test]
fn a_long_sum_does_not_crash() {
    assert_survives(&deep_project(&vec!["1"; CHAIN_LENGTH].join(" + ")));
}

#[test]
fn a_long_method_chain_does_not_crash() {
    assert_survives(&deep_project(&format!(
        "0i64{}",
        ".wrapping_add(1)".repeat(CHAIN_LENGTH)
    )));
}

#[test]
fn a_long_else_if_chain_does_not_crash() {
    assert_survives(&deep_project(&format!(
        "{} else {{ 0 }}",
        vec!["if true { 1 }"; CHAIN_LENGTH].join(" else ")
    )));
}

#[test]
fn a_hundred_thousand_line_file_does_not_crash() {
    let project = Project::new();
    let mut text = String::new();
    for index in 0..100_000 {
        text.push_str(&format!("fn f{index}() -> u32 {{ {index} }}\n"));
    }
    project
        .file("huge.rs", text)
        .file("leak.rs", leaking_module("report_usage"));
    let run = project.check_json(&[]);
    run.assert_code(1);
    assert_eq!(
        run.findings(),
        BTreeSet::from([finding("leak.rs", LEAK_LINE, "unguarded_share")]),
        "{}",
        run.stdout
    );
}

#[test]
fn brackets_inside_string_literals_do_not_count_as_nesting() {
    let project = Project::new();
    let text = format!(
        "{}\npub const OPENING: &str = \"{}\";\n",
        leaking_module("report_usage"),
        "(".repeat(1_200)
    );
    project.file("leak.rs", text);
    let run = project.check_json(&[]);
    run.assert_code(1);
    assert_eq!(
        run.findings(),
        BTreeSet::from([finding("leak.rs", LEAK_LINE, "unguarded_share")]),
        "a string full of brackets is not deep code: {}",
        run.stdout
    );
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_in_a_plain_directory_is_a_note_not_a_hang() {
    let project = Project::new();
    project.file("sub/a.rs", "pub fn a() {}\n");
    std::os::unix::fs::symlink("..", project.path("sub/loop")).expect("a symlink");
    let run = project.check_json(&[]);
    run.assert_code(0);
    let document = run.json();
    let notes = array(&document["notes"]);
    assert!(
        notes
            .iter()
            .any(|note| string(note).contains("loop") && string(note).contains("sub")),
        "the loop is mentioned in a note: {}",
        run.stdout
    );
    let human = project.run(&["check", "--color", "never", "."]);
    human.assert_code(0);
    assert!(
        human.stdout.contains("note:") && human.stdout.contains("loop"),
        "{}",
        human.stdout
    );
}

#[cfg(unix)]
#[test]
fn module_cycles_end_and_report_once() {
    let project = Project::package("cycles");
    project
        .file(
            "src/lib.rs",
            "mod leak;\nmod alias;\n\n#[path = \"lib.rs\"]\nmod again;\n",
        )
        .file("src/leak.rs", leaking_module("report_usage"));
    // `alias.rs` is the crate root again, under another name.
    std::os::unix::fs::symlink("lib.rs", project.path("src/alias.rs")).expect("a symlink");
    let run = project.check_json(&[]);
    run.assert_code(1);
    assert_eq!(
        run.findings(),
        BTreeSet::from([finding("src/leak.rs", LEAK_LINE, "unguarded_share")]),
        "{}",
        run.stdout
    );
}

// ---------------------------------------------------------------------------------------------
// Manifests and workspaces

#[test]
fn a_broken_root_manifest_exits_2_and_names_it() {
    let project = Project::new();
    project
        .file("app/Cargo.toml", "[package\nname = \"app\"\n")
        .file("app/src/lib.rs", leaking_module("report_usage"));
    for (directory, args) in [
        (project.root.clone(), &["check", "app"][..]),
        (project.path("app"), &["check"]),
        (project.root.clone(), &["check", "app/Cargo.toml"]),
        (project.path("app/src"), &["check", "--format", "json"]),
    ] {
        let run = consent(&directory, args);
        run.assert_code(2);
        assert!(
            run.stderr.contains("Cargo.toml") && run.stderr.contains("app"),
            "stderr names the manifest: {}",
            run.stderr
        );
        assert!(run.stdout.is_empty(), "{}", run.stdout);
    }
}

#[test]
fn a_broken_member_manifest_skips_that_member_only() {
    let project = Project::new();
    project
        .file("Cargo.toml", "[workspace]\nmembers = [\"good\", \"bad\"]\n")
        .file("good/Cargo.toml", manifest("good"))
        .file("good/src/lib.rs", leaking_module("report_usage"))
        .file("bad/Cargo.toml", "this is = = not toml\n")
        .file("bad/src/lib.rs", leaking_module("report_usage"));
    let run = project.check_json(&[]);
    run.assert_code(1);
    assert_eq!(
        run.findings(),
        BTreeSet::from([finding("good/src/lib.rs", LEAK_LINE, "unguarded_share")]),
        "{}",
        run.stdout
    );
    let document = run.json();
    assert!(
        array(&document["notes"])
            .iter()
            .any(|note| string(note).contains("bad") && string(note).contains("Cargo.toml")),
        "a note names the skipped member's manifest: {}",
        run.stdout
    );
}

#[test]
fn workspace_member_globs_honour_exclude() {
    let project = Project::new();
    project.file(
        "Cargo.toml",
        "[workspace]\nmembers = [\"crates/*\", \"tools/cli\"]\nexclude = [\"crates/legacy\"]\n",
    );
    for member in ["crates/core", "crates/net", "crates/legacy", "tools/cli"] {
        project.leaking_member(member);
    }
    // A directory matching the glob without a manifest is not a member.
    project.file("crates/notes/src/lib.rs", leaking_module("notes"));
    let run = project.check_json(&[]);
    run.assert_code(1);
    assert_eq!(
        run.findings(),
        BTreeSet::from([
            finding("crates/core/src/lib.rs", LEAK_LINE, "unguarded_share"),
            finding("crates/net/src/lib.rs", LEAK_LINE, "unguarded_share"),
            finding("tools/cli/src/lib.rs", LEAK_LINE, "unguarded_share"),
        ]),
        "{}",
        run.stdout
    );
}

/// Cargo makes a path dependency inside the workspace's directory a member, listed or not
/// (databend lists a quarter of its packages): its code is scanned, through a `path` or a
/// `workspace = true` dependency, also of a package found that way. A path dependency outside
/// the workspace's directory, or excluded, is not.
#[test]
fn path_dependencies_inside_the_workspace_are_members() {
    let project = Project::new();
    project.file(
        "Cargo.toml",
        "[workspace]\nmembers = [\"bin\"]\nexclude = [\"crates/legacy\"]\n\n\
         [workspace.dependencies]\nnet = { path = \"crates/net\" }\n",
    );
    let with_dependencies = |name: &str, dependencies: &str| {
        format!("{}\n[dependencies]\n{dependencies}\n", manifest(name))
    };
    project
        .file(
            "bin/Cargo.toml",
            with_dependencies(
                "bin",
                "core = { path = \"../crates/core\" }\nlegacy = { path = \"../crates/legacy\" }\n\
                 outside = { path = \"../../outside\" }",
            ),
        )
        .file("bin/src/lib.rs", leaking_module("bin"))
        .file(
            "crates/core/Cargo.toml",
            with_dependencies("core", "net = { workspace = true }"),
        )
        .file("crates/core/src/lib.rs", leaking_module("core"));
    project
        .leaking_member("crates/net")
        .leaking_member("crates/legacy");
    let run = project.check_json(&[]);
    run.assert_code(1);
    assert_eq!(
        run.findings(),
        BTreeSet::from([
            finding("bin/src/lib.rs", LEAK_LINE, "unguarded_share"),
            finding("crates/core/src/lib.rs", LEAK_LINE, "unguarded_share"),
            finding("crates/net/src/lib.rs", LEAK_LINE, "unguarded_share"),
        ]),
        "{}",
        run.stdout
    );
}

// ---------------------------------------------------------------------------------------------
// The module tree and cargo targets: which files are analysed

/// `#[consent::allow] mod name;` needs nightly (rustc: "file modules in proc macro input are
/// unstable"), but where it compiles it covers the module's file, nested files included; an
/// allow there that covers nothing is reported like any other.
#[test]
fn an_allow_on_a_file_module_covers_that_file() {
    let project = Project::package("allowed_module");
    project.file(
        "src/lib.rs",
        r#"#[consent::allow(unguarded_share, reason = "reviewed: the legacy exporter")]
mod legacy;
#[consent::allow(unguarded_share, reason = "nothing to cover")]
mod clean;
mod current;
"#,
    );
    project.file(
        "src/legacy.rs",
        format!("{}mod nested;\n", leaking_module("export")),
    );
    project.file("src/legacy/nested.rs", leaking_module("export_again"));
    project.file("src/clean.rs", "pub fn nothing() {}\n");
    project.file("src/current.rs", leaking_module("export"));
    let run = project.check_json(&[]);
    run.assert_code(1);
    assert_eq!(
        run.findings(),
        BTreeSet::from([
            finding("src/current.rs", LEAK_LINE, "unguarded_share"),
            finding("src/lib.rs", 3, "unused_allow"),
        ]),
        "{}",
        run.stdout
    );
}

#[test]
fn path_attributes_and_non_mod_rs_modules_are_followed() {
    let project = Project::package("layout");
    project
        .file(
            "src/lib.rs",
            "mod foo;\n\n#[path = \"elsewhere/odd_name.rs\"]\nmod renamed;\n\n\
             mod inline {\n    #[path = \"deep.rs\"]\n    mod deep;\n    mod plain;\n}\n",
        )
        // `foo.rs` with its submodules in `foo/` (no mod.rs).
        .file(
            "src/foo.rs",
            "mod bar;\n\n#[path = \"sibling.rs\"]\nmod sibling;\n\n\
             mod nested {\n    mod leaf;\n}\n",
        )
        .file("src/foo/bar.rs", leaking_module("in_bar"))
        .file("src/sibling.rs", leaking_module("in_sibling"))
        .file("src/foo/nested/leaf.rs", leaking_module("in_leaf"))
        .file("src/elsewhere/odd_name.rs", leaking_module("in_path"))
        .file("src/inline/deep.rs", leaking_module("in_inline_path"))
        .file("src/inline/plain.rs", leaking_module("in_inline"))
        // In no module tree: not compiled, not analysed.
        .file("src/unreached.rs", leaking_module("unreached"));
    let run = project.check_json(&[]);
    run.assert_code(1);
    let expected: BTreeSet<_> = [
        "src/elsewhere/odd_name.rs",
        "src/foo/bar.rs",
        "src/foo/nested/leaf.rs",
        "src/inline/deep.rs",
        "src/inline/plain.rs",
        "src/sibling.rs",
    ]
    .into_iter()
    .map(|file| finding(file, LEAK_LINE, "unguarded_share"))
    .collect();
    assert_eq!(run.findings(), expected, "{}", run.stdout);
}

#[test]
fn binary_targets_are_scanned() {
    let project = Project::package("app");
    project
        .file(
            "src/main.rs",
            format!("{}\nfn main() {{}}\n", leaking_module("in_main")),
        )
        .file("src/bin/tool.rs", leaking_module("in_tool"))
        .file("src/bin/multi/main.rs", "mod helper;\nfn main() {}\n")
        .file("src/bin/multi/helper.rs", leaking_module("in_helper"));
    let run = project.check_json(&[]);
    run.assert_code(1);
    assert_eq!(
        run.findings(),
        BTreeSet::from([
            finding("src/bin/multi/helper.rs", LEAK_LINE, "unguarded_share"),
            finding("src/bin/tool.rs", LEAK_LINE, "unguarded_share"),
            finding("src/main.rs", LEAK_LINE, "unguarded_share"),
        ]),
        "{}",
        run.stdout
    );
}

#[test]
fn targets_declared_by_name_alone_are_found_where_cargo_looks() {
    // The shape of manifests normalised by `cargo vendor` (alloc-stdlib 0.3.0, for one):
    // auto-discovery off, targets listed by name with no `path`.
    let project = Project::new();
    project
        .file(
            "Cargo.toml",
            format!(
                "{}autobins = false\nautoexamples = false\n\n\
                 [[bin]]\nname = \"tool\"\n\n[[bin]]\nname = \"multi\"\n\n\
                 [[bin]]\nname = \"app\"\n\n[[bin]]\nname = \"missing\"\n\n\
                 [[example]]\nname = \"demo\"\n",
                manifest("app")
            ),
        )
        .file(
            "src/main.rs",
            format!("{}\nfn main() {{}}\n", leaking_module("in_main")),
        )
        .file("src/bin/tool.rs", leaking_module("in_tool"))
        .file("src/bin/multi/main.rs", "mod helper;\nfn main() {}\n")
        .file("src/bin/multi/helper.rs", leaking_module("in_helper"))
        // Not declared, and auto-discovery is off: not a target.
        .file("src/bin/stray.rs", leaking_module("in_stray"))
        .file("examples/demo.rs", leaking_module("in_example"));
    // A declared target whose file cargo would not find is code the scan never reads: a
    // parse_error at its name.
    let missing_line = project
        .read("Cargo.toml")
        .lines()
        .position(|line| line.contains("\"missing\""))
        .expect("the manifest declares `missing`") as u64
        + 1;
    let expected = BTreeSet::from([
        finding("Cargo.toml", missing_line, "parse_error"),
        finding("src/bin/multi/helper.rs", LEAK_LINE, "unguarded_share"),
        finding("src/bin/tool.rs", LEAK_LINE, "unguarded_share"),
        finding("src/main.rs", LEAK_LINE, "unguarded_share"),
    ]);
    let run = project.check_json(&[]);
    run.assert_code(1);
    assert_eq!(run.findings(), expected, "{}", run.stdout);
    let with_tests = project.check_json(&["--include-tests"]);
    let mut expected_with_tests = expected;
    expected_with_tests.insert(finding("examples/demo.rs", LEAK_LINE, "unguarded_share"));
    assert_eq!(
        with_tests.findings(),
        expected_with_tests,
        "{}",
        with_tests.stdout
    );
}

#[test]
fn a_module_shared_by_lib_and_bin_is_reported_once() {
    let project = Project::package("shared");
    project
        .file("src/lib.rs", "mod shared;\n")
        .file("src/main.rs", "mod shared;\n\nfn main() {}\n")
        .file("src/shared.rs", leaking_module("report_usage"));
    let run = project.check_json(&[]);
    run.assert_code(1);
    let document = run.json();
    assert_eq!(
        array(&document["findings"]).len(),
        1,
        "SPEC §5: one finding per sink call and lint:\n{}",
        run.stdout
    );
}

#[test]
fn test_benches_and_examples_are_scanned_only_with_include_tests() {
    let project = Project::package("with_tests");
    project
        .file("src/lib.rs", "pub fn nothing() {}\n")
        .file("tests/integration.rs", leaking_module("in_test"))
        .file("benches/speed.rs", leaking_module("in_bench"))
        .file("examples/demo.rs", leaking_module("in_example"));
    let run = project.check_json(&[]);
    run.assert_code(0);
    assert!(run.findings().is_empty(), "{}", run.stdout);
    let with_tests = project.check_json(&["--include-tests"]);
    with_tests.assert_code(1);
    assert_eq!(
        with_tests.findings(),
        BTreeSet::from([
            finding("benches/speed.rs", LEAK_LINE, "unguarded_share"),
            finding("examples/demo.rs", LEAK_LINE, "unguarded_share"),
            finding("tests/integration.rs", LEAK_LINE, "unguarded_share"),
        ]),
        "{}",
        with_tests.stdout
    );
}

#[test]
fn tests_folder_of_a_plain_directory_is_skipped_unless_include_tests() {
    let project = Project::new();
    project
        .file("src/app.rs", "pub fn nothing() {}\n")
        .file("tests/leak.rs", leaking_module("in_test"));
    let run = project.check_json(&[]);
    run.assert_code(0);
    assert!(run.findings().is_empty(), "{}", run.stdout);
    let with_tests = project.check_json(&["--include-tests"]);
    with_tests.assert_code(1);
    assert_eq!(
        with_tests.findings(),
        BTreeSet::from([finding("tests/leak.rs", LEAK_LINE, "unguarded_share")]),
        "{}",
        with_tests.stdout
    );
}

#[test]
fn cfg_test_code_is_skipped_unless_include_tests() {
    let project = Project::package("unit_tests");
    // Line 17 is the leak inside the `#[cfg(test)]` module, line 23 the one in a cfg(test) fn.
    project.file(
        "src/lib.rs",
        r#"#[consent::personal(contact.phone_number)]
fn phone_number() -> String {
    String::from("+15555550100")
}

#[consent::shares(with = "x", purpose = "analytics")]
fn send(_value: String) {}

pub fn production() {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sends_the_number() {
        send(phone_number());
    }
}

#[cfg(all(test, unix))]
fn only_in_unix_tests() {
    send(phone_number());
}
"#,
    );
    let run = project.check_json(&[]);
    run.assert_code(0);
    assert!(run.findings().is_empty(), "{}", run.stdout);
    let with_tests = project.check_json(&["--include-tests"]);
    with_tests.assert_code(1);
    assert_eq!(
        with_tests.findings(),
        BTreeSet::from([
            finding("src/lib.rs", 17, "unguarded_share"),
            finding("src/lib.rs", 23, "unguarded_share"),
        ]),
        "{}",
        with_tests.stdout
    );
}

// ---------------------------------------------------------------------------------------------
// Output: determinism and the JSON schema

#[test]
fn output_is_byte_identical_across_runs() {
    let project = Project::new();
    project
        .file(
            "Cargo.toml",
            "[workspace]\nmembers = [\"app\", \"engine\", \"broken\"]\n",
        )
        .file("broken/Cargo.toml", "[package\n")
        .file("engine/Cargo.toml", manifest("engine"))
        .file(
            "engine/src/lib.rs",
            "pub mod a;\npub mod b;\npub mod c;\nmod gone;\n",
        )
        .file("engine/src/a.rs", leaking_module("in_a"))
        .file("engine/src/b.rs", leaking_module("in_b"))
        .file("engine/src/c.rs", "pub fn c( {\n")
        .file("app/Cargo.toml", manifest("app"))
        .file("app/src/main.rs", "mod x;\nmod y;\nmod z;\nfn main() {}\n")
        .file("app/src/x.rs", leaking_module("in_x"))
        .file("app/src/y.rs", b"fn y() {}\n\xff\n")
        .file(
            "app/src/z.rs",
            format!(
                "{}\npub fn twice() {{\n    send(phone_number());\n    send(phone_number());\n}}\n",
                leaking_module("in_z")
            ),
        );
    let commands: [&[&str]; 3] = [
        &["check", "--format", "json", "."],
        &["check", "--color", "never", "."],
        &[
            "check",
            "--format",
            "json",
            "--include-tests",
            "-W",
            "parse_error",
            ".",
        ],
    ];
    for args in commands {
        let first = project.run(args);
        first.assert_code(1);
        for _ in 0..3 {
            let again = project.run(args);
            assert_eq!(again.code, first.code);
            assert_eq!(
                again.stdout,
                first.stdout,
                "`cargo-consent {}` printed something else the second time",
                args.join(" ")
            );
        }
    }
}

fn assert_location(value: &Value, what: &str) {
    assert!(value["file"].is_string(), "{what}.file: {value}");
    for key in ["line", "column", "end_line", "end_column"] {
        assert!(
            value[key].as_u64().is_some_and(|n| n >= 1),
            "{what}.{key}: {value}"
        );
    }
}

#[test]
fn json_findings_have_the_documented_fields() {
    let project = Project::new();
    project
        .file("leak.rs", leaking_module("report_usage"))
        .file("broken.rs", "fn broken( {\n");
    let run = project.check_json(&[]);
    run.assert_code(1);
    let document = run.json();
    assert_eq!(document["version"], 1, "{}", run.stdout);
    assert!(document["notes"].is_array());
    let findings = array(&document["findings"]);
    assert_eq!(findings.len(), 2, "{}", run.stdout);
    for item in findings {
        for key in ["lint", "level", "message", "file", "fingerprint"] {
            assert!(item[key].is_string(), "{key} in {item}");
        }
        assert_location(item, "finding");
        assert!(number(&item["end_line"]) >= number(&item["line"]));
        assert!(item["flow"].is_array(), "flow in {item}");
        for key in ["source", "sink"] {
            assert!(
                item.get(key).is_some(),
                "{key} is present (maybe null) in {item}"
            );
        }
        let fingerprint = string(&item["fingerprint"]);
        assert!(
            fingerprint.len() >= 8 && fingerprint.chars().all(|c| c.is_ascii_hexdigit()),
            "fingerprint {fingerprint}"
        );
    }

    let leak = findings_of_lint(&document, "unguarded_share")[0];
    assert_eq!(leak["file"], "leak.rs");
    assert_eq!(number(&leak["line"]), LEAK_LINE);
    assert_eq!(number(&leak["column"]), LEAK_COLUMN);
    assert_eq!(number(&leak["end_line"]), LEAK_LINE);
    // `send(phone_number())` is 20 characters long; the end column is past its last one.
    assert_eq!(number(&leak["end_column"]), LEAK_COLUMN + 20);

    let source = &leak["source"];
    assert_eq!(
        source["categories"],
        serde_json::json!(["contact.phone_number"])
    );
    assert!(
        string(&source["description"]).contains("phone_number"),
        "{source}"
    );
    assert_location(&source["location"], "source.location");
    assert_eq!(source["location"]["file"], "leak.rs");
    assert_eq!(number(&source["location"]["line"]), LEAK_LINE);
    assert_eq!(number(&source["location"]["column"]), LEAK_COLUMN + 5);

    let sink = &leak["sink"];
    assert_eq!(sink["recipient"], "x");
    assert_eq!(sink["purpose"], "analytics");
    assert_eq!(sink["callee"], "send");
    assert_location(&sink["location"], "sink.location");
    assert_eq!(number(&sink["location"]["line"]), LEAK_LINE);

    let flow = array(&leak["flow"]);
    assert!(!flow.is_empty(), "the flow has at least the source: {leak}");
    for step in flow {
        assert!(step["description"].is_string(), "{step}");
        assert_location(&step["location"], "flow[].location");
    }

    let parse_error = findings_of_lint(&document, "parse_error")[0];
    assert_eq!(parse_error["level"], "warn");
    assert_eq!(parse_error["file"], "broken.rs");
}

/// The fingerprint of every finding, by lint and message.
fn fingerprints(run: &Run) -> Vec<(String, String, u64)> {
    let document = run.json();
    array(&document["findings"])
        .iter()
        .map(|item| {
            (
                string(&item["lint"]).to_string(),
                string(&item["fingerprint"]).to_string(),
                number(&item["line"]),
            )
        })
        .collect()
}

#[test]
fn fingerprints_survive_edits_that_move_lines() {
    let project = Project::package("moving");
    let other_sink = "\n#[consent::shares(with = \"y\", purpose = \"ads\")]\n\
                      fn show_ads(_value: String) {}\n\n\
                      pub fn advertise() {\n    show_ads(phone_number());\n}\n";
    project.file(
        "src/lib.rs",
        format!("{}{other_sink}", leaking_module("report_usage")),
    );
    let before = fingerprints(&project.check_json(&[]));
    assert_eq!(before.len(), 2, "{before:?}");
    assert_ne!(
        before[0].1, before[1].1,
        "different sinks have different fingerprints"
    );

    project.file(
        "src/lib.rs",
        format!(
            "//! A comment and blank lines above everything.\n\n\n\npub fn unrelated() -> u32 {{\n    1\n}}\n\n{}{other_sink}",
            leaking_module("report_usage")
        ),
    );
    let after = fingerprints(&project.check_json(&[]));
    assert_eq!(after.len(), 2, "{after:?}");
    for (old, new) in before.iter().zip(&after) {
        assert_eq!(new.2, old.2 + 8, "the finding moved down 8 lines");
        assert_eq!(
            new.1, old.1,
            "the fingerprint of {} survives moving lines",
            old.0
        );
    }
}

/// Machine-written code chains hundreds of thousands of calls: the data must come out the other
/// end of the chain, however long (the walk follows a chain in a loop, not one recursion per
/// link, and resolves each link once).
#[test]
fn personal_data_survives_a_chain_of_two_hundred_thousand_calls() {
    let chain = ".clone()".repeat(200_000);
    let source = format!(
        r#"#[consent::personal(contact.phone_number)]
fn phone_number() -> String {{
    String::new()
}}

#[consent::shares(with = "x", purpose = "analytics")]
fn send(_value: String) {{}}

pub fn relay() {{
    let number = phone_number();
    let copy = number{chain};
    send(copy);
}}
"#
    );
    let project = Project::new();
    project.file("lib.rs", source);
    let run = project.check_json(&[]);
    run.assert_code(1);
    let document = run.json();
    assert_eq!(
        findings_of(&document),
        BTreeSet::from([finding("lib.rs", 12, "unguarded_share")]),
        "{}",
        run.stdout
    );
}
