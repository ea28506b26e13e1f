//! Bad and extreme input gets a clear answer and an incomplete analysis is never silent: long
//! lines, control characters and binary bytes in snippets, lone carriage returns, deep and huge
//! input, caps that cut the analysis short, scans of nothing, and unique fingerprints. Every test
//! runs the built binary on input written into a temporary directory.

use serde_json::Value;

mod support;
use support::{leaking_module, Project, Run};

/// The human output with no colour, at the width the snapshots use.
fn human(project: &Project, extra: &[&str]) -> Run {
    let mut args = vec!["check", "--color", "never"];
    args.extend_from_slice(extra);
    args.push(".");
    project.run(&args)
}

fn findings(run: &Run) -> Vec<(String, u64, u64, String)> {
    run.json()["findings"]
        .as_array()
        .expect("findings is an array")
        .iter()
        .map(|finding| {
            (
                finding["file"].as_str().unwrap_or_default().to_string(),
                finding["line"].as_u64().unwrap_or_default(),
                finding["column"].as_u64().unwrap_or_default(),
                finding["lint"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

/// The source line shown in a snippet that contains `code`, and the underline row below it,
/// as chars from the gutter on (both rows have a gutter of the same width).
fn snippet_rows(output: &str, code: &str) -> (Vec<char>, Vec<char>) {
    let mut lines = output.lines();
    while let Some(line) = lines.next() {
        if line.contains(code) && line.contains('│') {
            let underline = lines.next().expect("an underline row");
            return (line.chars().collect(), underline.chars().collect());
        }
    }
    panic!("no snippet line with `{code}` in:\n{output}");
}

fn char_index(row: &[char], needle: &str) -> usize {
    let text: String = row.iter().collect();
    let byte = text.find(needle).expect("the needle is in the row");
    text[..byte].chars().count()
}

// ---------------------------------------------------------------------------------------------
// 1. Long lines: no panic in the human and cargo-json formats

#[test]
fn a_syntax_error_past_column_65535_renders_in_every_format() {
    let project = Project::new();
    project.file(
        "long.rs",
        format!("pub fn f() {{{} let x = ; }}\n", " ".repeat(70_000)),
    );
    let run = human(&project, &[]);
    run.assert_code(0);
    assert!(
        run.stdout.contains("╭─[long.rs:1:70022]"),
        "the header gives the real column: {}",
        run.stdout
    );
    assert!(
        run.stdout.contains("1 │ …"),
        "the line is cut: {}",
        run.stdout
    );
    assert!(
        run.stdout.lines().all(|line| line.chars().count() < 400),
        "no line of the output is as long as the source line"
    );
    for format in ["cargo-json", "json", "sarif", "github"] {
        project
            .run(&["check", "--format", format, "."])
            .assert_code(0);
    }
}

#[test]
fn a_leak_on_a_long_line_is_drawn_at_its_labels() {
    let project = Project::new();
    let padding = "/* padding */ ".repeat(6_000);
    let source = leaking_module("report_usage").replace(
        "    send(phone_number());",
        &format!("    {padding}send(phone_number());"),
    );
    project.file("leak.rs", source);
    let run = human(&project, &[]);
    run.assert_code(1);
    let (code, underline) = snippet_rows(&run.stdout, "send(phone_number());");
    let send = char_index(&code, "send(");
    assert_eq!(underline[send], '─', "{}", run.stdout);
    assert!(run.stdout.contains("leak.rs:10:84005]"), "{}", run.stdout);
    project
        .run(&["check", "--format", "cargo-json", "."])
        .assert_code(1);
}

// ---------------------------------------------------------------------------------------------
// 8. Terminal safety: control characters are drawn, never sent to the terminal

#[test]
fn control_characters_and_binary_bytes_are_drawn_visibly() {
    let project = Project::new();
    let mut bytes = b"pub fn f() {}\n".to_vec();
    bytes.extend_from_slice(b"\x00\x1b]0;title\x07\x1b[2J\x7f\xc2\x9b\xff binary\n");
    project.file("binary.rs", bytes);
    let run = human(&project, &[]);
    run.assert_code(0);
    for forbidden in ['\u{0}', '\u{1b}', '\u{7}', '\u{7f}', '\u{9b}'] {
        assert!(
            !run.stdout.contains(forbidden),
            "{forbidden:?} reached the output: {:?}",
            run.stdout
        );
    }
    assert!(
        run.stdout.contains(" 2 │ ␀␛]0;title␇␛[2J␡�� binary"),
        "the line is shown with control pictures, at its real line number: {}",
        run.stdout
    );
    assert!(run.stdout.contains("╭─[binary.rs:2:"), "{}", run.stdout);
}

// ---------------------------------------------------------------------------------------------
// 9. Lone carriage returns, trailing spaces

#[test]
fn a_lone_carriage_return_breaks_no_line_in_locations_or_snippets() {
    let project = Project::new();
    project.file("cr.rs", "pub fn a() {}\rpub fn b() { let = ; }\n");
    let run = project.check_json(&[]);
    assert_eq!(
        findings(&run),
        vec![("cr.rs".to_string(), 1, 32, "parse_error".to_string())],
        "{}",
        run.stdout
    );
    let run = human(&project, &[]);
    assert!(run.stdout.contains("╭─[cr.rs:1:32]"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains(" 1 │ pub fn a() {}␍pub fn b() { let = ; }"),
        "{}",
        run.stdout
    );
}

#[test]
fn human_output_has_no_trailing_spaces() {
    let project = Project::new();
    // The source is far from the sink: its snippet is a related `Advice:` block.
    let source = leaking_module("report_usage").replace(
        "    send(phone_number());",
        &format!(
            "    let phone = phone_number();{}    send(phone);",
            "\n".repeat(20)
        ),
    );
    project.file("leak.rs", source);
    let run = human(&project, &[]);
    run.assert_code(1);
    assert!(run.stdout.contains("Advice:\n"), "{}", run.stdout);
    for line in run.stdout.lines() {
        assert!(!line.ends_with(' '), "trailing space in {line:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// Issue 11 §4: a label inside another one on the same line is drawn where it is

#[test]
fn the_label_of_an_argument_is_drawn_under_the_argument() {
    let project = Project::new();
    project.file("leak.rs", leaking_module("report_usage"));
    let run = human(&project, &[]);
    run.assert_code(1);
    let (code, underline) = snippet_rows(&run.stdout, "send(phone_number());");
    let send = char_index(&code, "send(");
    let argument = char_index(&code, "phone_number()");
    // `send(` carries the sink's label, `phone_number()` the source's, each with its `┬`.
    assert_eq!(underline[send + 2], '┬', "{}", run.stdout);
    assert_eq!(underline[argument + 7], '┬', "{}", run.stdout);
    let json: Value = project.check_json(&[]).json();
    assert_eq!(json["findings"][0]["column"], 5);
}

// ---------------------------------------------------------------------------------------------
// 2. Deep input: a clear parse_error, never a stack overflow

/// A plain directory with `deep.rs` holding `body` in a fn, next to a leaking file.
fn deep_project(body: &str) -> Project {
    let project = Project::new();
    project
        .file(
            "deep.rs",
            format!("pub fn deep(a: u32) -> u32 {{\n    {body}\n}}\n"),
        )
        .file("leak.rs", leaking_module("report_usage"));
    project
}

#[test]
fn a_700000_term_sum_is_a_parse_error_and_the_rest_is_analysed() {
    let project = deep_project(&vec!["a"; 700_000].join(" + "));
    let run = project.check_json(&[]);
    run.assert_code(1);
    assert_eq!(
        findings(&run),
        vec![
            ("deep.rs".to_string(), 2, 19_989, "parse_error".to_string()),
            ("leak.rs".to_string(), 10, 5, "unguarded_share".to_string()),
        ],
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("code nests deeper than 10,000 levels"),
        "{}",
        run.stdout
    );
}

#[test]
fn generic_types_nested_past_the_bound_are_a_parse_error() {
    let project = Project::new();
    project.file(
        "types.rs",
        format!(
            "pub type T = {}u8{};\n",
            "Vec<".repeat(25_000),
            ">".repeat(25_000)
        ),
    );
    let run = project.check_json(&[]);
    run.assert_code(0);
    assert_eq!(
        findings(&run),
        vec![("types.rs".to_string(), 1, 20_006, "parse_error".to_string())],
        "{}",
        run.stdout
    );
}

// ---------------------------------------------------------------------------------------------
// 3. A cap that cuts the analysis short is a parse_error at the place, never silence

/// `phone()` with `terms` more strings added to it (`phone() + "" + ..`, a sum nested
/// `terms` deep without a bracket), then shared.
fn long_sum(terms: usize) -> Project {
    let project = Project::new();
    project.file(
        "sum.rs",
        format!(
            r#"#[consent::personal(contact.phone_number)]
fn phone() -> String {{
    String::new()
}}

#[consent::shares(with = "x", purpose = "analytics")]
fn send(_value: String) {{}}

pub fn report() {{
    let a = phone(){};
    send(a);
}}
"#,
            " + \"\"".repeat(terms)
        ),
    );
    project
}

#[test]
fn a_sum_within_the_depth_cap_is_followed() {
    let run = long_sum(1_990).check_json(&[]);
    run.assert_code(1);
    assert_eq!(
        findings(&run),
        vec![("sum.rs".to_string(), 11, 5, "unguarded_share".to_string())],
        "{}",
        run.stdout
    );
}

#[test]
fn a_sum_past_the_depth_cap_is_reported_as_incomplete() {
    let project = long_sum(2_001);
    let run = project.check_json(&[]);
    run.assert_code(0);
    assert_eq!(
        findings(&run),
        vec![("sum.rs".to_string(), 10, 13, "parse_error".to_string())],
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("code nests deeper than 2,000 levels here"),
        "{}",
        run.stdout
    );
    // `-D parse_error` insists on a complete analysis: the run fails.
    project.check_json(&["-D", "parse_error"]).assert_code(1);
}

// ---------------------------------------------------------------------------------------------
// 4. Code the scan never reads is a parse_error; nothing to read at all is exit 2

/// The line of the first line of `text` holding `needle`.
fn line_of(text: &str, needle: &str) -> u64 {
    text.lines()
        .position(|line| line.contains(needle))
        .unwrap_or_else(|| panic!("`{needle}` is not in:\n{text}")) as u64
        + 1
}

#[test]
fn a_workspace_member_that_is_missing_or_matches_nothing_is_a_parse_error() {
    let project = Project::new();
    let manifest = "[workspace]\nmembers = [\"app\", \"libs/*\", \"tools/cli\"]\n";
    project
        .file("Cargo.toml", manifest)
        .file("app/Cargo.toml", support::manifest("app"))
        .file("app/src/lib.rs", leaking_module("report_usage"))
        .file("tools/README.md", "no package here\n");
    let run = project.check_json(&[]);
    run.assert_code(1);
    assert_eq!(
        findings(&run),
        vec![
            ("Cargo.toml".to_string(), 2, 20, "parse_error".to_string()),
            ("Cargo.toml".to_string(), 2, 30, "parse_error".to_string()),
            (
                "app/src/lib.rs".to_string(),
                10,
                5,
                "unguarded_share".to_string()
            ),
        ],
        "{}",
        run.stdout
    );
    let messages = run.stdout;
    assert!(
        messages.contains("workspace member `libs/*` matches no directory with a Cargo.toml"),
        "{messages}"
    );
    assert!(
        messages.contains("workspace member `tools/cli` has no Cargo.toml"),
        "{messages}"
    );
    assert_eq!(line_of(manifest, "tools/cli"), 2);
}

#[test]
fn a_lib_path_typo_is_a_parse_error_or_exit_2_when_nothing_is_left() {
    let project = Project::package("typo");
    let manifest = format!(
        "{}\n[lib]\npath = \"src/lbi.rs\"\n",
        support::manifest("typo")
    );
    project
        .file("Cargo.toml", &manifest)
        .file("src/lib.rs", leaking_module("report_usage"));
    let run = project.check_json(&[]);
    run.assert_code(2);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    assert!(
        run.stderr
            .contains("library target `src/lbi.rs` does not exist"),
        "{}",
        run.stderr
    );
    project.file("src/main.rs", "fn main() {}\n");
    let run = project.check_json(&[]);
    run.assert_code(0);
    assert_eq!(
        findings(&run),
        vec![(
            "Cargo.toml".to_string(),
            line_of(&manifest, "src/lbi.rs"),
            9,
            "parse_error".to_string()
        )],
        "{}",
        run.stdout
    );
    project.check_json(&["-D", "parse_error"]).assert_code(1);
}

#[test]
fn a_package_with_no_target_or_an_empty_directory_exits_2() {
    let project = Project::package("empty");
    let run = project.check_json(&[]);
    run.assert_code(2);
    assert!(
        run.stderr.contains("package `empty` has no target to scan"),
        "{}",
        run.stderr
    );
    let directory = Project::new();
    directory.file("notes.txt", "no Rust here\n");
    let run = directory.check_json(&[]);
    run.assert_code(2);
    assert!(
        run.stderr
            .contains("nothing to scan in `.`: no package and no .rs file there"),
        "{}",
        run.stderr
    );
}

#[cfg(unix)]
fn make_fifo(path: &std::path::Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(status.success());
}

#[cfg(unix)]
#[test]
fn a_fifo_or_a_device_as_the_path_exits_2_and_says_what_it_is() {
    let project = Project::new();
    make_fifo(&project.path("pipe"));
    let run = project.run(&["check", "pipe"]);
    run.assert_code(2);
    assert!(
        run.stderr
            .contains("cannot read `pipe`: a FIFO, not a directory"),
        "{}",
        run.stderr
    );
    let run = project.run(&["check", "/dev/null"]);
    run.assert_code(2);
    assert!(run.stderr.contains("a device"), "{}", run.stderr);
}

#[cfg(unix)]
#[test]
fn a_module_file_that_is_a_fifo_or_a_symlink_loop_says_what_it_is() {
    let project = Project::package("odd");
    project.file(
        "src/lib.rs",
        format!(
            "mod piped;\nmod looped;\n{}",
            leaking_module("report_usage")
        ),
    );
    make_fifo(&project.path("src/piped.rs"));
    std::os::unix::fs::symlink("looped.rs", project.path("src/looped.rs")).expect("a symlink");
    let run = project.check_json(&[]);
    run.assert_code(1);
    assert_eq!(
        findings(&run),
        vec![
            ("src/lib.rs".to_string(), 1, 5, "parse_error".to_string()),
            ("src/lib.rs".to_string(), 2, 5, "parse_error".to_string()),
            (
                "src/lib.rs".to_string(),
                12,
                5,
                "unguarded_share".to_string()
            ),
        ],
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("the file of module `piped`, `src/piped.rs`, is a FIFO, not a file"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains(
            "the file of module `looped`, `src/looped.rs`, is a symbolic link that leads to no file"
        ),
        "{}",
        run.stdout
    );
}

// ---------------------------------------------------------------------------------------------
// 6. Caps that keep one input under about a gigabyte, each named when hit

#[test]
fn a_file_over_the_size_cap_is_a_parse_error_that_deny_fails() {
    let project = Project::new();
    project
        .file("huge.rs", "// padding\n".repeat(800_000))
        .file("leak.rs", leaking_module("report_usage"));
    let run = project.check_json(&[]);
    run.assert_code(1);
    assert_eq!(
        findings(&run),
        vec![
            ("huge.rs".to_string(), 1, 1, "parse_error".to_string()),
            ("leak.rs".to_string(), 10, 5, "unguarded_share".to_string()),
        ],
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("file is larger than 8 MiB (8.4 MiB); it is not analysed"),
        "{}",
        run.stdout
    );
    human(&project, &[]).assert_code(1);
}

#[test]
fn a_file_with_too_many_tokens_is_a_parse_error() {
    let project = Project::new();
    project.file(
        "dense.rs",
        format!("pub fn dense() {{\n{}\n}}\n", "a;".repeat(1_050_000)),
    );
    let run = project.check_json(&[]);
    run.assert_code(0);
    assert_eq!(
        findings(&run),
        vec![(
            "dense.rs".to_string(),
            2,
            1_999_996,
            "parse_error".to_string()
        )],
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("the file has more than 2,000,000 tokens"),
        "{}",
        run.stdout
    );
}

#[test]
fn modules_nested_past_the_cap_are_a_parse_error_at_the_mod_item() {
    let project = Project::package("nest");
    project.file("src/lib.rs", "#[path = \"f1.rs\"]\nmod m1;\n");
    for level in 1..150 {
        project.file(
            &format!("src/f{level}.rs"),
            format!("#[path = \"f{next}.rs\"]\nmod m{next};\n", next = level + 1),
        );
    }
    project.file("src/f150.rs", leaking_module("report_usage"));
    let run = project.check_json(&[]);
    run.assert_code(0);
    assert_eq!(
        findings(&run),
        vec![("src/f100.rs".to_string(), 2, 5, "parse_error".to_string())],
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("modules nest deeper than 100 levels here"),
        "{}",
        run.stdout
    );
}

// ---------------------------------------------------------------------------------------------
// 9. Config errors in the user's words; notes for flags and patterns that change nothing

#[test]
fn a_config_type_error_says_what_was_expected() {
    let project = Project::package("configured");
    project.file("src/lib.rs", "pub fn f() {}\n").file(
        "consent.toml",
        "[[source]]\npath = \"a::b\"\ncategory = 5\n",
    );
    let run = project.check_json(&[]);
    run.assert_code(2);
    assert!(
        run.stderr.contains("expected a category name or a list of"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("untagged"), "{}", run.stderr);
    project.file(
        "consent.toml",
        "[[sink]]\npath = \"x::y\"\nwith = \"a\"\npurpose = \"ads\"\nargs = [true]\n",
    );
    let run = project.check_json(&[]);
    run.assert_code(2);
    assert!(
        run.stderr.contains("expected an argument position"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("untagged"), "{}", run.stderr);
}

#[test]
fn exclude_patterns_that_exclude_nothing_or_use_other_syntax_get_a_note() {
    let project = Project::package("excluding");
    project
        .file("src/lib.rs", "mod generated;\npub fn f() {}\n")
        .file("src/generated.rs", "pub fn g() {}\n")
        .file(
            "consent.toml",
            "[scan]\nexclude = [\"src/generated.rs\", \"gen/**\", \"src/{a,b}.rs\"]\n",
        );
    let run = project.check_json(&[]);
    run.assert_code(0);
    assert_eq!(
        run.notes(),
        vec![
            "`[scan] exclude` pattern `gen/**` (in `.`) excludes no file of the scan".to_string(),
            "`[scan] exclude` pattern `src/{a,b}.rs` (in `.`) uses `{`, which is not glob \
             syntax here (only `*`, `?` and `**` are) and matches itself"
                .to_string(),
        ]
    );
}

#[test]
fn an_unknown_feature_gets_a_note() {
    let project = Project::package("featured");
    project
        .file(
            "Cargo.toml",
            format!(
                "{}\n[features]\nextra = []\n",
                support::manifest("featured")
            ),
        )
        .file("src/lib.rs", "pub fn f() {}\n");
    let run = project.check_json(&["-F", "extra", "-F", "extar", "-F", "featured/nope"]);
    run.assert_code(0);
    assert_eq!(
        run.notes(),
        vec![
            "`--features extar`: no scanned package has this feature".to_string(),
            "`--features featured/nope`: package `featured` has no feature `nope`".to_string(),
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// 7. Every finding has its own fingerprint, and it survives moved lines

fn fingerprints(run: &Run) -> Vec<(u64, String)> {
    run.json()["findings"]
        .as_array()
        .expect("findings is an array")
        .iter()
        .map(|finding| {
            (
                finding["line"].as_u64().unwrap_or_default(),
                finding["fingerprint"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string(),
            )
        })
        .collect()
}

#[test]
fn the_same_leak_twice_in_one_fn_has_two_fingerprints_that_survive_moves() {
    let once = leaking_module("report_usage");
    let twice = once.replace(
        "    send(phone_number());",
        "    send(phone_number());\n    send(phone_number());",
    );
    let project = Project::new();
    project.file("leak.rs", &once);
    let single = fingerprints(&project.check_json(&[]));
    project.file("leak.rs", &twice);
    let twins = fingerprints(&project.check_json(&[]));
    assert_eq!(twins.len(), 2, "{twins:?}");
    assert_ne!(twins[0].1, twins[1].1, "twins share a fingerprint");
    assert_eq!(
        twins[0].1, single[0].1,
        "the first keeps the fingerprint it had alone"
    );
    project.file("leak.rs", format!("\n\n\n{twice}"));
    let moved = fingerprints(&project.check_json(&[]));
    assert_eq!(
        moved.iter().map(|(_, print)| print).collect::<Vec<_>>(),
        twins.iter().map(|(_, print)| print).collect::<Vec<_>>(),
    );
    assert_eq!(moved[0].0, twins[0].0 + 3);
    // A baseline of both accepts both, once each.
    project
        .run(&["check", "--write-baseline", "baseline.json", "."])
        .assert_code(0);
    project
        .run(&["check", "--baseline", "baseline.json", "."])
        .assert_code(0);
}
